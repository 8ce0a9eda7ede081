package store

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/plan-cli/plan/schedule"
)

const samplePlan = `version: 1
conference:
  name: FOSDEM 2026
  time_zone: Europe/Brussels
venue:
  default_walk: 5
  walks:
    - {from: Janson, to: K.1.105, minutes: 10}
picks:
  - id: "7886"
    title: FOSS in times of war, scarcity and (adversarial) AI
    priority: must
    status: planned
    note: bring questions
    kind: talk
    start: 2026-01-31T10:00:00+01:00
    end: 2026-01-31T10:50:00+01:00
    room: Janson
    speakers: [Michiel Leenaars]
  - id: my-booth
    title: Red Hat booth
    priority: want
    status: attended
    kind: booth
    personal: true
facts:
  - {label: Price of Parking, value: too much}
`

func TestDecodePlan(t *testing.T) {
	p, err := DecodePlan([]byte(samplePlan), "plan.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Picks) != 2 || p.Picks[0].ID != "7886" || p.Picks[1].Personal != true {
		t.Fatalf("picks = %+v", p.Picks)
	}
	pk := p.Picks[0]
	if got := pk.Start.Format(time.RFC3339); got != "2026-01-31T10:00:00+01:00" || pk.Start.Location().String() != "Europe/Brussels" {
		t.Errorf("start = %s in %s", got, pk.Start.Location())
	}
	if p.Venue.WalkTime("k.1.105", "Janson") != 10*time.Minute || p.Venue.WalkTime("Janson", "H.2215") != 5*time.Minute {
		t.Errorf("walks = %+v", p.Venue)
	}
	if p.Facts[0] != (schedule.Fact{Label: "Price of Parking", Value: "too much"}) {
		t.Errorf("facts = %+v", p.Facts)
	}
}

func TestPlanRoundTrip(t *testing.T) {
	p, err := DecodePlan([]byte(samplePlan), "plan.yaml")
	if err != nil {
		t.Fatal(err)
	}
	data, err := EncodePlan(p)
	if err != nil {
		t.Fatal(err)
	}
	q, err := DecodePlan(data, "plan.yaml")
	if err != nil {
		t.Fatalf("re-reading our own output: %v\n%s", err, data)
	}
	if !reflect.DeepEqual(p.Picks, q.Picks) || !reflect.DeepEqual(p.Facts, q.Facts) || !reflect.DeepEqual(p.Venue, q.Venue) {
		t.Errorf("round trip changed the plan:\n%s", data)
	}
	again, _ := EncodePlan(q)
	if string(again) != string(data) {
		t.Errorf("encoding is not stable:\n%s\n---\n%s", data, again)
	}
}

func TestDecodePlanErrors(t *testing.T) {
	tests := []struct {
		name, yaml, want string
	}{
		{"empty", "", "plan.yaml: the plan file is empty"},
		{"not a plan", "hello: world\n", "plan.yaml:1: no version: field"},
		{"newer version", "version: 9\nfuture: yes\n", "written by a newer plan (file format 9; this build reads up to 1): upgrade plan; the file was left unchanged"},
		{"unknown top key", "version: 1\nconference: {name: x}\npiks: []\n", `plan.yaml:3: unknown key "piks"`},
		{"unknown pick key", strings.Replace(samplePlan, "    note: bring questions\n", "    notes: bring questions\n", 1), `plan.yaml:14: unknown key "notes"`},
		{"bad priority", strings.Replace(samplePlan, "priority: must", "priority: urgent", 1), `session "7886": unknown priority "urgent"`},
		{"bad status", strings.Replace(samplePlan, "status: planned", "status: gone", 1), `unknown status "gone"`},
		{"bad zone", strings.Replace(samplePlan, "Europe/Brussels", "Europe/Bruxelles", 1), `plan.yaml:4: unknown time zone "Europe/Bruxelles"`},
		{"bad kind", strings.Replace(samplePlan, "kind: booth", "kind: stand", 1), `unknown kind "stand"`},
		{"duplicate pick", strings.Replace(samplePlan, "facts:", "  - {id: \"7886\", title: again, priority: want, status: planned, kind: talk}\nfacts:", 1), `session "7886": picked twice`},
		{"end before start", strings.Replace(samplePlan, "end: 2026-01-31T10:50:00+01:00", "end: 2026-01-31T09:50:00+01:00", 1), "ends before it starts"},
		{"syntax", "version: 1\npicks: [\n", "plan.yaml"},
		{"alias bomb", aliasBomb, `plan.yaml:2: unknown key "a"`},
		{"alias bomb in known keys", aliasBombInPicks, "plan.yaml: too many YAML aliases (*name) for the size of the file, as in an alias bomb: write the values out instead of using &anchors and *aliases"},
		{"list for a value", strings.Replace(samplePlan, "room: Janson", "room: [Janson, K.1.105]", 1), "plan.yaml:18: a list where a single value belongs: check the brackets and indentation of this line"},
		{"mapping for a value", strings.Replace(samplePlan, "title: Red Hat booth", "title: {name: Red Hat booth}", 1), "plan.yaml:21: a mapping (key: value) where a single value belongs"},
		{"bad kinds key", "version: 1\nkinds:\n  room:Janson: talk\n", `kinds: key "room:Janson" must be type:WORD, track:NAME or title:PREFIX`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := DecodePlan([]byte(tt.yaml), "plan.yaml")
			var ie *schedule.InputError
			if !errors.As(err, &ie) {
				t.Fatalf("err = %v (%T), want an InputError", err, err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %q, want it to contain %q", err, tt.want)
			}
		})
	}
}

// A billion laughs in YAML: yaml.v3 refuses excessive aliasing instead of
// expanding it.
var aliasBomb = `version: 1
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
`

// aliasBombInPicks hides the aliases in keys a plan has: a speaker list
// of 3,000 aliases, used again by 200 other picks (600,000 speakers from
// 20 kB).
var aliasBombInPicks = strings.NewReplacer("    note: bring questions\n", "    note: &n bring questions\n",
	"    speakers: [Michiel Leenaars]\n", "    speakers: &s ["+strings.Repeat("*n, ", 3000)+"*n]\n",
	"facts:", func() string {
		var b strings.Builder
		for i := range 200 {
			fmt.Fprintf(&b, "  - {id: a%d, title: lol, speakers: *s}\n", i)
		}
		return b.String() + "facts:"
	}()).Replace(samplePlan)

func TestSavePlanIsAtomicAndKeepsMode(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "plan.yaml")
	if err := os.WriteFile(path, []byte(samplePlan), 0o600); err != nil {
		t.Fatal(err)
	}
	st, err := Open(context.Background(), path, Write, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	p, err := st.LoadPlan()
	if err != nil {
		t.Fatal(err)
	}
	p.SetFact("Coffee", "plenty")
	if err := st.SavePlan(p); err != nil {
		t.Fatal(err)
	}
	fi, _ := os.Stat(path)
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("mode = %v, want 0600 kept", fi.Mode().Perm())
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
	q, err := st.LoadPlan()
	if err != nil || len(q.Facts) != 2 || q.Facts[1].Value != "plenty" {
		t.Errorf("after save: %+v, %v", q, err)
	}
}

func TestFailedWriteLeavesOldFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "plan.yaml")
	os.WriteFile(path, []byte(samplePlan), 0o644)
	err := WriteFileAtomic(path, 0o644, func(f *os.File) error {
		f.WriteString("version: 1\npicks: [half")
		return errors.New("disk full")
	})
	if err == nil {
		t.Fatal("want the write's error")
	}
	got, _ := os.ReadFile(path)
	if string(got) != samplePlan {
		t.Error("a failed write changed the file")
	}
}

func TestProgramFileRoundTripAndLookup(t *testing.T) {
	loc := mustZone("America/Los_Angeles")
	sessions := []*schedule.Session{
		{ID: "b&<weird>", Title: "Sunday <talk> & more", Kind: schedule.KindTalk, Start: time.Date(2026, 3, 8, 15, 0, 0, 0, loc), End: time.Date(2026, 3, 8, 16, 0, 0, 0, loc), Room: "Ballroom DE", Speakers: []string{"Doug Comer"}},
		{ID: "a", Title: "Saturday", Kind: schedule.KindBoF, Start: time.Date(2026, 3, 7, 18, 15, 0, 0, loc), End: time.Date(2026, 3, 7, 19, 15, 0, 0, loc), Room: "Room 106"},
		{ID: "u", Title: "Unscheduled", Kind: schedule.KindTalk},
	}
	var buf strings.Builder
	if err := WriteProgram(&buf, schedule.NewProgram(sessions)); err != nil {
		t.Fatal(err)
	}
	prog, err := ReadProgram([]byte(buf.String()), "p.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	if len(prog.Sessions) != 3 || prog.Sessions[0].ID != "a" || prog.Sessions[2].ID != "u" {
		t.Fatalf("order = %v", prog.Sessions)
	}
	sun := prog.Get("b&<weird>")
	if sun == nil || !sun.Start.Equal(time.Date(2026, 3, 8, 22, 0, 0, 0, time.UTC)) || sun.Start.Format(time.RFC3339) != "2026-03-08T15:00:00-07:00" {
		t.Fatalf("sunday = %+v", sun)
	}
	found, err := findInProgram(strings.NewReader(buf.String()), []string{"b&<weird>", "u", "missing"}, "p.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	if found["b&<weird>"] == nil || found["b&<weird>"].Title != "Sunday <talk> & more" || found["u"] == nil || found["missing"] != nil {
		t.Errorf("lookup = %v", found)
	}
}

// Any text in any field survives a write and a read of the plan file.
func TestEncodePlanRoundTripsHostileText(t *testing.T) {
	texts := []string{"", "plain", "7886", "yes", "No", "null", "~", "1e3", "0x1F", "2026-01-31", "- dash", "a: b", "a #b", "#x",
		"'quoted'", "\"dq\"", "tab\there", "line\nbreak\r\n", "trailing ", " leading", "two  spaces", "{flow}", "[list]", "a, b",
		"emoji 🎉 ✓", "ünïcödé ’", "\u2028sep", "back\\slash", "%percent", "@at", "`tick`", "&anchor", "*alias", "!tag", "|pipe", ">fold",
		"?q", "colon:", "k: v # c", "\x00nul\x1b[31m", "(paren) ok", "0b101", ".inf", "+1", "-", "...",
		"\n", "\n\nafter two breaks", "\n indented", "folded\n more", "<<", "y", "N"}
	for i, s := range texts {
		p := &schedule.Plan{Version: 1, Conference: schedule.Conference{Name: s, TimeZone: "Europe/Brussels", Sources: []schedule.Source{{Name: s, Location: s, Format: "csv", Sessions: 1}}},
			Venue: schedule.Venue{DefaultWalk: 3, Walks: []schedule.Walk{{From: s, To: s + "x", Minutes: 4}}},
			Facts: []schedule.Fact{{Label: s + "L", Value: s}}}
		start := time.Date(2026, 1, 31, 10, 0, 0, 0, brussels)
		p.Picks = []*schedule.Pick{{Session: schedule.Session{ID: s + "id", Title: s + "t", Kind: schedule.KindTalk, Room: s, Track: s, Speakers: []string{s + "a", s + "b"}, URL: s, GUID: s, Source: s, Start: start, End: start.Add(time.Hour), Rev: i},
			Priority: schedule.Must, Status: schedule.Attended, Note: s, Personal: true}}
		data, err := EncodePlan(p)
		if err != nil {
			t.Fatal(err)
		}
		q, err := DecodePlan(data, "plan.yaml")
		if err != nil {
			t.Fatalf("text %q: cannot read back: %v\n%s", s, err, data)
		}
		if !reflect.DeepEqual(p.Picks[0].Session, q.Picks[0].Session) || p.Picks[0].Note != q.Picks[0].Note ||
			!reflect.DeepEqual(p.Facts, q.Facts) || !reflect.DeepEqual(p.Venue, q.Venue) || q.Conference.Name != s || q.Conference.Sources[0].Location != s {
			t.Errorf("text %q changed in a round trip:\n%s\n%+v", s, data, q.Picks[0])
		}
	}
}

// Looking many ids up at once (one pass) finds the same sessions as one
// by one.
func TestFindManyInProgram(t *testing.T) {
	var sessions []*schedule.Session
	for i := 0; i < 50; i++ {
		sessions = append(sessions, &schedule.Session{ID: fmt.Sprintf("id-%d\"q\\%d", i, i), Title: fmt.Sprintf("T%d", i), Kind: schedule.KindTalk})
	}
	var buf strings.Builder
	if err := WriteProgram(&buf, schedule.NewProgram(sessions)); err != nil {
		t.Fatal(err)
	}
	data := []byte(buf.String())
	ids := []string{"id-3\"q\\3", "id-40\"q\\40", "nope", "id-0\"q\\0", "id-49\"q\\49", "id-7\"q\\7"}
	many, err := findInProgram(bytes.NewReader(data), ids, "p")
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		one, _ := findInProgram(bytes.NewReader(data), []string{id}, "p")
		if (one[id] == nil) != (many[id] == nil) || (one[id] != nil && one[id].Title != many[id].Title) {
			t.Errorf("%q: one by one %v, many %v", id, one[id], many[id])
		}
	}
	if len(many) != 5 {
		t.Errorf("found %d, want 5", len(many))
	}
}

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

var brussels = mustZone("Europe/Brussels")

// The sync state lives beside the plan, owned by the store: written
// atomically for its owner only, read back, a fresh start when missing or
// not ours, and one of the files an export may not overwrite.
func TestSyncState(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "plan.yaml")
	st, err := Open(context.Background(), path, Write, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	type state struct{ Calendar string }
	var got state
	if ok, err := st.LoadSyncState(&got); ok || err != nil {
		t.Errorf("no state yet: %v, %v", ok, err)
	}
	if err := st.SaveSyncState(state{"https://cal.example.org/ana/"}); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, ".plan.yaml.sync.json")
	if fi, err := os.Stat(file); err != nil || fi.Mode().Perm()&0o077 != 0 {
		t.Errorf("state file: %v, %v", fi, err)
	}
	if ok, err := st.LoadSyncState(&got); !ok || err != nil || got.Calendar != "https://cal.example.org/ana/" {
		t.Errorf("read back: %v, %v, %+v", ok, err, got)
	}
	os.WriteFile(file, []byte("not json"), 0o600)
	if ok, err := st.LoadSyncState(&got); ok || err != nil {
		t.Errorf("not ours: %v, %v", ok, err)
	}
	if own, err := IsPlanFile(path, file); !own || err != nil {
		t.Errorf("IsPlanFile(%s) = %v, %v", file, own, err)
	}
}
