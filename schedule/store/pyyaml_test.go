package store

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/plan-cli/plan/schedule"
)

// trickyText is text a person or a feed may put in a fact, a speaker or
// a room: every YAML indicator, alone and inside words, what YAML 1.1
// reads as another type, and the characters YAML refuses raw.
var trickyText = func() []string {
	s := []string{"Would I go again?", "Who?", "?", "? x", "a?", "?: x", "x: y", "a:b", ":", "- x", "-", "#", "a #b", "a# b",
		"x, y", "[x]", "{x: y}", "&a", "*a", "!x", "!!str", "|", ">", "'", "\"", "%", "@", "`x", "=", "<<", "~", "null", "yes", "No", "on",
		"1:20", "0_7", "1_000", "0x1F", "0b101", "+1", ".5", "1e3", ".inf", "2026-01-31", "2026-01-31 10:00:00",
		"\uFFFE", "\uFFFF", "a\uFFFEb", "x\u0085y", "x\u2028y", "tab\there", " lead", "trail ", "a\nb", "\u202eevil", "ünï ’"}
	var out []string
	for _, c := range "?:-#,[]{}&*!|>'\"%@" {
		out = append(out, string(c), string(c)+" x", "x "+string(c), "x"+string(c)+"y", string(c)+string(c))
	}
	seen := map[string]bool{}
	var all []string
	for _, t := range append(s, out...) {
		if !seen[t] {
			seen[t] = true
			all = append(all, t)
		}
	}
	return all
}()

func trickyPlan() *schedule.Plan {
	p := &schedule.Plan{Version: 1, Conference: schedule.Conference{Name: "Tricky? {conf}", TimeZone: "Europe/Brussels"}}
	start := time.Date(2026, 1, 31, 10, 0, 0, 0, mustZone("Europe/Brussels"))
	for i, s := range trickyText {
		p.Facts = append(p.Facts, schedule.Fact{Label: s, Value: s})
		p.Venue.Walks = append(p.Venue.Walks, schedule.Walk{From: s, To: "to " + s, Minutes: 3})
		p.Picks = append(p.Picks, &schedule.Pick{Session: schedule.Session{ID: s + " id", Title: s, Kind: schedule.KindTalk, Room: s, Track: s,
			Speakers: []string{s, "other"}, Start: start.Add(time.Duration(i) * time.Hour), End: start.Add(time.Duration(i)*time.Hour + 30*time.Minute)},
			Priority: schedule.Want, Status: schedule.Planned, Note: s})
	}
	return p
}

// After a save, PyYAML (a YAML 1.1 reader, as a person's script would
// use) reads plan.yaml, and gives the values the plan holds.
func TestPyYAMLReadsWhatWeWrite(t *testing.T) {
	if err := exec.Command(pyyamlPython, "-c", "import yaml").Run(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("python3 with PyYAML is required in CI (.ci/install.d/10-python-yaml.sh): %v", err)
		}
		t.Skip("python3 with PyYAML (Debian: python3-yaml) is not installed")
	}
	path := filepath.Join(t.TempDir(), "plan.yaml")
	st, err := Open(context.Background(), path, Write, nil)
	if err != nil {
		t.Fatal(err)
	}
	p := trickyPlan()
	if err := st.SavePlan(p); err != nil {
		t.Fatal(err)
	}
	// Save again over the document read, as every later command does.
	p, err = st.LoadPlan()
	if err != nil {
		t.Fatal(err)
	}
	p.SetFact("added later?", "{yes}")
	if err := st.SavePlan(p); err != nil {
		t.Fatal(err)
	}
	st.Close()
	script := `import yaml, json, sys, datetime
d = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
def conv(o):
    if isinstance(o, datetime.datetime): return o.isoformat()
    raise TypeError(repr(o))
print(json.dumps(d, default=conv))`
	out, err := exec.Command(pyyamlPython, "-c", script, path).CombinedOutput()
	if err != nil {
		data, _ := os.ReadFile(path)
		t.Fatalf("PyYAML cannot read plan.yaml: %v\n%s\n%s", err, out, data)
	}
	var doc struct {
		Conference struct{ Name string }
		Facts      []struct{ Label, Value any }
		Venue      struct{ Walks []struct{ From, To any } }
		Picks      []struct {
			ID, Title, Room, Track, Note, Start any
			Speakers                            []any
		}
	}
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if doc.Conference.Name != p.Conference.Name {
		t.Errorf("conference name %q, want %q", doc.Conference.Name, p.Conference.Name)
	}
	facts := map[any]any{}
	for _, f := range doc.Facts {
		facts[f.Label] = f.Value
	}
	for _, f := range p.Facts {
		if got, ok := facts[f.Label]; !ok || got != f.Value {
			t.Errorf("fact %q: PyYAML reads %#v, want %q", f.Label, got, f.Value)
		}
	}
	walks := map[any]any{}
	for _, w := range doc.Venue.Walks {
		walks[w.From] = w.To
	}
	for _, w := range p.Venue.Walks {
		if walks[w.From] != w.To {
			t.Errorf("walk from %q: PyYAML reads %#v, want %q", w.From, walks[w.From], w.To)
		}
	}
	if len(doc.Picks) != len(p.Picks) {
		t.Fatalf("PyYAML reads %d picks, want %d", len(doc.Picks), len(p.Picks))
	}
	for i, pk := range p.Picks {
		g := doc.Picks[i]
		want := []string{pk.ID, pk.Title, pk.Room, pk.Track, pk.Note, pk.Speakers[0]}
		got := []any{g.ID, g.Title, g.Room, g.Track, g.Note, g.Speakers[0]}
		for j := range want {
			if got[j] != want[j] {
				t.Errorf("pick %q field %d: PyYAML reads %#v, want %q", pk.ID, j, got[j], want[j])
			}
		}
		if s, _ := g.Start.(string); s == "" || !strings.HasPrefix(s, pk.Start.Format("2006-01-02T15:04:05")) {
			t.Errorf("pick %q start: PyYAML reads %#v, want %s", pk.ID, g.Start, pk.Start.Format(time.RFC3339))
		}
	}
}

// pyyamlPython is the Debian python3 that .ci/install.d/10-python-yaml.sh
// gives PyYAML (a pyenv python3 earlier on the PATH would not have it).
const pyyamlPython = "/usr/bin/python3"
