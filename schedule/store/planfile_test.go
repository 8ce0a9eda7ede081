package store

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/plan-cli/plan/schedule"
)

// commentedPlan is a plan as plan writes it, then edited by hand: comment
// lines, trailing comments, a key moved, a title quoted another way.
const commentedPlan = `# plan: a conference schedule. Edit freely; the imported program
# lives in the .program.jsonl file beside it.
version: 1
conference:
  name: FOSDEM 2026
  time_zone: Europe/Brussels # the venue's clock
  sources:
    - name: FOSDEM 2026
      location: https://fosdem.org/2026/schedule/xml
      format: pentabarf
      imported: 2026-01-20T10:00:00Z
      sessions: 883
venue:
  default_walk: 5
  walks:
    - {from: Janson, to: K.1.105, minutes: 10} # the stairs are slow
picks:
  # maybe, if there is time
  - id: "8376"
    title: Welcome to FOSDEM 2026
    priority: maybe
    status: planned
    kind: talk
    start: 2026-01-31T09:30:00+01:00
    end: 2026-01-31T09:50:00+01:00
    room: Janson
    source: FOSDEM 2026
  # decided with Ana
  - id: "7886"
    title: 'FOSS in times of war, scarcity and (adversarial) AI'
    priority: must # the one talk I came for
    status: planned
    note: bring questions
    kind: talk
    start: 2026-01-31T10:00:00+01:00
    end: 2026-01-31T10:50:00+01:00
    room: Janson
    speakers: [Michiel Leenaars]
    source: FOSDEM 2026
  - title: Lunch with the team # the key order is mine
    id: my-lunch
    priority: want
    status: planned
    kind: other
    start: 2026-01-31T12:00:00+01:00
    end: 2026-01-31T13:00:00+01:00
    personal: true
facts:
  - {label: Price of Parking, value: too much} # every year
# written on the train
`

// commentLines are the comments of text: whole comment lines with their
// indentation, and the " # …" that ends a line of values.
func commentLines(text string) []string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		if strings.HasPrefix(strings.TrimSpace(l), "#") {
			out = append(out, l)
		} else if i := strings.Index(l, " #"); i >= 0 {
			out = append(out, l[i:])
		}
	}
	return out
}

func writePlan(t *testing.T, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "plan.yaml")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// change loads the plan at path, lets fn change it and saves it, as every
// command that writes does; it returns the new file.
func change(t *testing.T, path string, fn func(p *schedule.Plan)) string {
	t.Helper()
	st, err := Open(context.Background(), path, Write, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	p, err := st.LoadPlan()
	if err != nil {
		t.Fatal(err)
	}
	fn(p)
	if err := st.SavePlan(p); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := DecodePlan(data, "plan.yaml"); err != nil {
		t.Fatalf("cannot read back what was saved: %v\n%s", err, data)
	}
	return string(data)
}

// The comments a person adds to the plan file, and the order they put
// keys in, survive every kind of write: add, remove, attend, re-import.
func TestSaveKeepsComments(t *testing.T) {
	path := writePlan(t, commentedPlan)
	want := commentLines(commentedPlan)
	check := func(step, got string) {
		t.Helper()
		if c := commentLines(got); strings.Join(c, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s: comment lines changed:\n%s\n--- want\n%s\n--- file\n%s", step, strings.Join(c, "\n"), strings.Join(want, "\n"), got)
		}
	}

	// Nothing changed: nothing moves, byte for byte.
	got := change(t, path, func(p *schedule.Plan) {})
	if got != commentedPlan {
		t.Errorf("a save without changes rewrote the file:\n%s", got)
	}

	// add: a session that sorts first, and one at the end.
	got = change(t, path, func(p *schedule.Plan) {
		start := time.Date(2026, 1, 31, 9, 0, 0, 0, brussels)
		p.Picks = append(p.Picks,
			&schedule.Pick{Session: schedule.Session{ID: "7022", Title: "Early", Kind: schedule.KindTalk, Start: start, End: start.Add(20 * time.Minute), Room: "H.2215", Speakers: []string{"A", "B"}}, Priority: schedule.Want, Status: schedule.Planned},
			&schedule.Pick{Session: schedule.Session{ID: "9999", Title: "Late", Kind: schedule.KindTalk, Start: start.Add(8 * time.Hour), End: start.Add(9 * time.Hour)}, Priority: schedule.Want, Status: schedule.Planned})
	})
	check("add", got)
	if !strings.Contains(got, "  - id: \"7022\"\n    title: Early\n") || strings.Index(got, `id: "7022"`) > strings.Index(got, `id: "8376"`) {
		t.Errorf("add: the new pick is not first, in the new layout:\n%s", got)
	}
	if !strings.Contains(got, "  - title: Lunch with the team # the key order is mine\n    id: my-lunch\n") {
		t.Errorf("add: the key order of a pick changed:\n%s", got)
	}
	if !strings.Contains(got, "title: 'FOSS in times of war, scarcity and (adversarial) AI'\n") {
		t.Errorf("add: the quoting of an unchanged title changed:\n%s", got)
	}

	// remove
	got = change(t, path, func(p *schedule.Plan) {
		p.Picks = slicesDelete(p.Picks, "9999")
	})
	check("remove", got)
	if strings.Contains(got, "9999") {
		t.Errorf("remove: the pick is still there:\n%s", got)
	}

	// attend, with a note
	got = change(t, path, func(p *schedule.Plan) {
		p.Pick("7886").Status = schedule.Attended
		p.Pick("7886").Note = "bring questions\nand answers"
	})
	check("attend", got)
	if !strings.Contains(got, "    status: attended\n") || !strings.Contains(got, "    priority: must # the one talk I came for\n") {
		t.Errorf("attend:\n%s", got)
	}

	// re-import: the program renamed a talk and the source was read again.
	got = change(t, path, func(p *schedule.Plan) {
		p.Pick("8376").Title = "Welcome to FOSDEM 2026!"
		p.Pick("8376").Rev = 2
		p.Conference.Sources[0].Imported = time.Date(2026, 1, 25, 8, 0, 0, 0, time.UTC)
		p.Conference.Sources[0].Sessions = 890
		p.SetFact("Coffee", "plenty")
		p.Venue.SetWalk("Janson", "K.1.105", 12)
	})
	check("re-import", got)
	for _, s := range []string{"    title: Welcome to FOSDEM 2026!\n", "      sessions: 890\n", "    rev: 2\n", "  - {label: Coffee, value: plenty}\n",
		"    - {from: Janson, to: K.1.105, minutes: 12} # the stairs are slow\n"} {
		if !strings.Contains(got, s) {
			t.Errorf("re-import: no %q in\n%s", s, got)
		}
	}
}

func slicesDelete(picks []*schedule.Pick, id string) []*schedule.Pick {
	var out []*schedule.Pick
	for _, pk := range picks {
		if pk.ID != id {
			out = append(out, pk)
		}
	}
	return out
}

// A plan file with CR LF line ends and a byte order mark is written as
// one without them is, with its line ends and mark: its header comment
// gains no blank line, an unchanged pick keeps its text.
func TestSaveKeepsLineEndsAndByteOrderMark(t *testing.T) {
	add := func(p *schedule.Plan) {
		start := time.Date(2026, 1, 31, 9, 0, 0, 0, brussels)
		p.Picks = append(p.Picks, &schedule.Pick{Session: schedule.Session{ID: "7022", Title: "Early", Kind: schedule.KindTalk, Start: start, End: start.Add(20 * time.Minute)}, Priority: schedule.Want, Status: schedule.Planned})
		p.Pick("7886").Note = "bring questions\nand answers"
	}
	want := change(t, writePlan(t, commentedPlan), add)
	crlf := func(s string) string { return "\uFEFF" + strings.ReplaceAll(s, "\n", "\r\n") }
	path := writePlan(t, crlf(commentedPlan))
	if got := change(t, path, add); got != crlf(want) {
		t.Errorf("CR LF plan:\n%q\n--- want\n%q", got, crlf(want))
	}
	if got := change(t, path, func(*schedule.Plan) {}); got != crlf(want) {
		t.Errorf("saved again:\n%q\n--- want\n%q", got, crlf(want))
	}
}

// Comments at the top and the end of the file, with or without a blank
// line before the first key or after the last value, stay as written:
// none gains or loses a blank line.
func TestHeaderAndFooterComments(t *testing.T) {
	body := "version: 1\nconference:\n  name: X\n  time_zone: UTC\npicks: []\n"
	for _, text := range []string{
		"# my plan\n" + body,
		"# my plan\n\n" + body,
		"# my plan\n\n# more\n" + body,
		"---\n# my plan\n" + body,
		body + "\n# the end\n",
		"# my plan\n\n" + body + "\n# the end\n",
	} {
		path := writePlan(t, text)
		if got := change(t, path, func(*schedule.Plan) {}); got != strings.TrimPrefix(text, "---\n") {
			t.Errorf("saved without a change:\n%q\n--- was\n%q", got, text)
		}
		got := change(t, path, func(p *schedule.Plan) { p.SetFact("a", "b") })
		if want := strings.Replace(strings.TrimPrefix(text, "---\n"), "picks: []\n", "picks: []\nfacts:\n  - {label: a, value: b}\n", 1); got != want {
			t.Errorf("with a fact:\n%q\n--- want\n%q", got, want)
		}
	}
}

// A save whose text would not read back as the plan (here a time past
// year 9999, which RFC 3339 cannot write) fails naming the value, and
// leaves the file as it was.
func TestSaveRefusesWhatWouldNotReadBack(t *testing.T) {
	path := writePlan(t, samplePlan)
	st, err := Open(context.Background(), path, Write, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	p, err := st.LoadPlan()
	if err != nil {
		t.Fatal(err)
	}
	pk := p.Pick("my-booth")
	pk.Start = time.Date(10000, 1, 1, 10, 0, 0, 0, time.UTC)
	pk.End = pk.Start.Add(time.Hour)
	err = st.SavePlan(p)
	if want := "cannot write " + path + ": the plan would not read back"; err == nil || !strings.HasPrefix(err.Error(), want) || !strings.Contains(err.Error(), "start: 10000-01-01T10:00:00Z") {
		t.Errorf("err = %v, want %q naming the start", err, want)
	}
	if data, _ := os.ReadFile(path); string(data) != samplePlan {
		t.Errorf("the file changed:\n%s", data)
	}
	if _, err := EncodePlan(p); err == nil || !strings.Contains(err.Error(), "start: 10000-01-01T10:00:00Z") {
		t.Errorf("a new file: err = %v", err)
	}
	// A value that reads back as another is named by its path.
	a, b := planToFile(p), planToFile(p)
	b.Facts = []schedule.Fact{{Label: "Price of Parking", Value: "too little"}}
	if d := difference("", reflect.ValueOf(a), reflect.ValueOf(b)); d != `facts[0].value "too much" would read back as "too little"` {
		t.Errorf("difference = %q", d)
	}
}

// Saves one after another in one workspace (as browse makes them) write
// what saves in separate commands write.
func TestSavesInOneWorkspace(t *testing.T) {
	steps := []func(*schedule.Plan){
		func(p *schedule.Plan) { p.Pick("7886").Status = schedule.Attended },
		func(p *schedule.Plan) { p.SetFact("Coffee", "plenty") },
		func(p *schedule.Plan) { p.Picks = slicesDelete(p.Picks, "8376") },
	}
	spaced := strings.Replace(strings.Replace(commentedPlan, "\n  # decided", "\n\n  # decided", 1), "\n  - title: Lunch", "\n\n  - title: Lunch", 1)
	for _, text := range []string{commentedPlan, spaced} {
		path := writePlan(t, text)
		var want string
		for _, step := range steps {
			want = change(t, path, step)
		}
		path = writePlan(t, text)
		st, err := Open(context.Background(), path, Write, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		p, err := st.LoadPlan()
		if err != nil {
			t.Fatal(err)
		}
		for _, step := range steps {
			step(p)
			if err := st.SavePlan(p); err != nil {
				t.Fatal(err)
			}
		}
		if got, _ := os.ReadFile(path); string(got) != want || strings.Count(want, "\n\n") != strings.Count(text, "\n\n") {
			t.Errorf("in one workspace:\n%s\n--- in separate commands\n%s", got, want)
		}
	}
}

// A comment below a pick stays when the pick is removed (yaml.v3 hangs
// it on the next pick, where it is written).
func TestRemovedPickKeepsFootComment(t *testing.T) {
	pick := func(id string) string {
		return "  - id: " + id + "\n    title: T\n    priority: want\n    status: planned\n    kind: talk\n"
	}
	text := "version: 1\nconference:\n  name: X\n  time_zone: UTC\npicks:\n" + pick("a") + pick("b") + "  # after b\n\n" + pick("c")
	path := writePlan(t, text)
	for _, id := range []string{"b", "a"} {
		if got := change(t, path, func(p *schedule.Plan) { p.Picks = slicesDelete(p.Picks, id) }); !strings.Contains(got, "# after b") {
			t.Errorf("without %s, the comment is lost:\n%s", id, got)
		}
	}
}

// A new plan has the compact layout: a header, one line per speaker
// list, walk and fact, "picks: []" when there are none.
func TestNewPlanLayout(t *testing.T) {
	p := &schedule.Plan{Conference: schedule.Conference{Name: "FOSDEM 2026", TimeZone: "Europe/Brussels"}}
	data, err := EncodePlan(p)
	if err != nil {
		t.Fatal(err)
	}
	if want := planHeader + "\nversion: 1\nconference:\n  name: FOSDEM 2026\n  time_zone: Europe/Brussels\npicks: []\n"; string(data) != want {
		t.Errorf("empty plan:\n%s\n--- want\n%s", data, want)
	}
	q, err := DecodePlan([]byte(samplePlan), "plan.yaml")
	if err != nil {
		t.Fatal(err)
	}
	q.Kinds = map[string]schedule.Kind{"type:meeting": schedule.KindBoF, "track:Art 2": schedule.KindTalk, "track:Art 10": schedule.KindTalk}
	data, err = EncodePlan(q)
	if err != nil {
		t.Fatal(err)
	}
	want := planHeader + "\n" + strings.Replace(samplePlan, "venue:", "kinds:\n  track:Art 10: talk\n  track:Art 2: talk\n  type:meeting: bof\nvenue:", 1)
	if string(data) != want {
		t.Errorf("layout:\n%s\n--- want\n%s", data, want)
	}
}

// Anchors and aliases a person wrote are written out on the next save,
// and the plan reads back the same.
func TestSaveWritesAliasesOut(t *testing.T) {
	text := strings.NewReplacer("    room: Janson\n    speakers: [Michiel Leenaars]\n", "    room: &j Janson\n    speakers: &s [Michiel Leenaars]\n",
		"    kind: booth\n", "    kind: booth\n    room: *j\n    speakers: *s\n").Replace(samplePlan)
	path := writePlan(t, text)
	got := change(t, path, func(p *schedule.Plan) { p.Pick("7886").Speakers = []string{"Someone Else"} })
	if strings.ContainsAny(got, "&*") {
		t.Errorf("aliases left:\n%s", got)
	}
	p, _ := DecodePlan([]byte(got), "plan.yaml")
	if b := p.Pick("my-booth"); b.Room != "Janson" || len(b.Speakers) != 1 || b.Speakers[0] != "Michiel Leenaars" || p.Pick("7886").Speakers[0] != "Someone Else" {
		t.Errorf("values changed: %+v\n%s", b, got)
	}
}

// Saving a plan-written file without changes gives back the same bytes.
func TestSaveIsStable(t *testing.T) {
	p, err := DecodePlan([]byte(samplePlan), "plan.yaml")
	if err != nil {
		t.Fatal(err)
	}
	data, _ := EncodePlan(p)
	path := writePlan(t, string(data))
	if got := change(t, path, func(*schedule.Plan) {}); got != string(data) {
		t.Errorf("changed:\n%s\n--- was\n%s", got, data)
	}
}

// A pick that a write leaves as it is keeps its text to the byte: its
// quoting, comments, key order and layout, and the blank lines in it and
// between picks. (The spaces in a line are yaml.v3's: one before a
// trailing comment, none after the colon.)
func TestUnchangedPickKeepsItsText(t *testing.T) {
	pick := "  - id: \"7886\" # spaced out\n    title: 'FOSS in times of war, scarcity and (adversarial) AI'\n\n    priority: must\n    status: planned\n" +
		"    kind: talk\n    start: 2026-01-31T10:00:00+01:00\n    end: 2026-01-31T10:50:00+01:00\n    speakers:\n      - Michiel Leenaars\n    note: >-\n      folded by hand\n" +
		"\n  # after a blank line\n  - {id: '7887', title: \"Flow\", priority: want, status: planned, kind: talk}\n"
	text := "version: 1\nconference:\n  name: FOSDEM 2026\n  time_zone: Europe/Brussels\npicks:\n" + pick + "\nfacts:\n  - {label: a, value: b}\n"
	path := writePlan(t, text)
	got := change(t, path, func(p *schedule.Plan) {
		start := time.Date(2026, 1, 31, 9, 0, 0, 0, brussels)
		p.Picks = append(p.Picks, &schedule.Pick{Session: schedule.Session{ID: "7022", Title: "Early", Kind: schedule.KindTalk, Start: start, End: start.Add(20 * time.Minute)}, Priority: schedule.Want, Status: schedule.Planned})
		p.SetFact("a", "c")
	})
	if !strings.Contains(got, "picks:\n  - id: \"7022\"\n") || !strings.Contains(got, "\n"+pick+"\nfacts:\n  - {label: a, value: c}\n") {
		t.Errorf("the unchanged picks' text changed:\n%s", got)
	}
	// Written again without a change: the same, byte for byte.
	if again := change(t, path, func(*schedule.Plan) {}); again != got {
		t.Errorf("a second save changed the file:\n%s\n--- was\n%s", again, got)
	}
}

// What follows the last pick when no key does (the end of the document,
// another document) stays out of the pick's text.
func TestLastPickBeforeDocumentEnd(t *testing.T) {
	text := "version: 1\nconference:\n  name: X\n  time_zone: Europe/Brussels\npicks:\n  - id: a\n    title: A\n    priority: want\n    status: planned\n    kind: talk\n...\n---\nother: document\n"
	path := writePlan(t, text)
	got := change(t, path, func(p *schedule.Plan) { p.SetFact("k", "v") })
	p, err := DecodePlan([]byte(got), "plan.yaml")
	if err != nil || len(p.Facts) != 1 || p.Pick("a") == nil {
		t.Errorf("%v\n%s", err, got)
	}
}

// The history of changes, the sync settings and the sources' validators
// read back as written, and a second save changes nothing.
func TestHistorySyncAndValidatorsRoundTrip(t *testing.T) {
	at := time.Date(2026, 1, 31, 9, 0, 0, 0, time.UTC)
	p := &schedule.Plan{Version: 1, Conference: schedule.Conference{Name: "FOSDEM 2026", TimeZone: "Europe/Brussels",
		Sources: []schedule.Source{{Name: "FOSDEM 2026", Location: "https://fosdem.org/2026/schedule/xml", Format: "pentabarf", Imported: at, Sessions: 883,
			ETag: `"abc-123"`, LastModified: "Sat, 31 Jan 2026 08:00:00 GMT"}}},
		History: []schedule.HistoryEntry{{At: at, Source: "FOSDEM 2026", ID: "7886", Title: "FOSS in times of war", Change: "moved", From: "Sat 31 Jan 2026 10:00–10:50", To: "Sat 31 Jan 2026 11:00–11:50"},
			{At: at.Add(time.Hour), Source: "FOSDEM 2026", ID: "7022", Title: "Wayland: fun? yes", Change: "gone"}},
		Sync: schedule.Sync{CalDAV: "https://cal.example.org/dav/ana/fosdem/", Dropped: "cancel"}}
	data, err := EncodePlan(p)
	if err != nil {
		t.Fatal(err)
	}
	back, err := DecodePlan(data, "plan.yaml")
	if err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	if !reflect.DeepEqual(back.History, p.History) || back.Sync != p.Sync || back.Conference.Sources[0].ETag != `"abc-123"` || back.Conference.Sources[0].LastModified != p.Conference.Sources[0].LastModified {
		t.Errorf("read back:\n%+v\n%+v\n%+v\nfrom\n%s", back.History, back.Sync, back.Conference.Sources, data)
	}
}

// A sync setting the tool does not know is refused with its line.
func TestSyncDroppedMustBeKnown(t *testing.T) {
	_, err := DecodePlan([]byte("version: 1\nconference:\n  name: X\n  time_zone: UTC\npicks: []\nsync:\n  caldav: https://cal.example.org/dav/\n  dropped: keep\n"), "plan.yaml")
	if err == nil || err.Error() != `plan.yaml:8: sync: dropped is "keep": use delete or cancel` {
		t.Errorf("err = %v", err)
	}
}

// A time written by hand in YAML's own timestamp form (a space for the T)
// reads; one that is not a time is refused with its line and pick.
func TestHandWrittenTimes(t *testing.T) {
	plan := "version: 1\nconference:\n  name: X\n  time_zone: Europe/Brussels\npicks:\n  - id: \"7022\"\n    title: Wayland\n    priority: want\n    status: planned\n    kind: talk\n    start: 2026-01-31 10:30:00+01:00\n    end: 2026-01-31T10:55:00+01:00\n"
	p, err := DecodePlan([]byte(plan), "plan.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Picks[0].Start.Format(time.RFC3339); got != "2026-01-31T10:30:00+01:00" {
		t.Errorf("start = %s", got)
	}
	_, err = DecodePlan([]byte(strings.Replace(plan, "2026-01-31 10:30:00+01:00", "half past ten", 1)), "plan.yaml")
	if err == nil || err.Error() != `plan.yaml:11: session "7022": start: "half past ten" is not a time: write it as 2026-01-31T14:30:00+01:00 (RFC 3339, with its UTC offset)` {
		t.Errorf("err = %v", err)
	}
}

// A time written by hand that reads, but falls outside the years
// 0000–9999 in the plan's zone, is refused on its pick's line: no save
// could write it (FuzzDecodePlan found 0000-01-01 0:00+01:00, the year -1
// in UTC, which every later write then failed on).
func TestTimeOutsideYearsRefusedOnRead(t *testing.T) {
	data := []byte("version: 1\npicks:\n  - id: A\n    start: 0000-01-01 0:00+01:00\n    end: 0000-01-01 2:00+01:00\n")
	_, _, err := decodePlan(data, "plan.yaml")
	want := `plan.yaml:3: session "A": start: -0001-12-31T23:00:00Z in the plan's time zone (UTC), outside the years 0000–9999 a plan can hold`
	if err == nil || err.Error() != want {
		t.Errorf("err = %v\nwant %s", err, want)
	}
}

// TestYAML11TypedAgreesWithTheResolver keeps the map's shortcut honest:
// for every text, yaml11Typed answers as the full YAML 1.1 pattern does.
func TestYAML11TypedAgreesWithTheResolver(t *testing.T) {
	texts := []string{"y", "Yes", "NO", "on", "Off", "true", "FALSE", "null", "~", "<<", "=", "yes!", "Nix", "online",
		"Janson", "7886", "0x1F", "0o7", "0_7", "1:30", "12:30:00", "1.5", ".5", ".inf", "-.Inf", ".NaN", "+1", "-0b101",
		"2026-01-31", "2026-1-3 10:00:00", "2026-01-31T10:00:00Z", "10 Talks", "FOSS", "tRUE", "nil", "None", "-", "+", "."}
	for _, s := range texts {
		if got, want := yaml11Typed(s), yaml11RE().MatchString(s); got != want {
			t.Errorf("yaml11Typed(%q) = %v, the resolver's pattern says %v", s, got, want)
		}
	}
}
