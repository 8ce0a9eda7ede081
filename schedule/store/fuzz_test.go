package store

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/plan-cli/plan/schedule"
	"gopkg.in/yaml.v3"
)

// FuzzDecodePlan: whatever the plan file holds, reading it returns a plan
// or an error, never a panic; and a plan we accept we can write, fresh or
// over the document it was read from (with a pick changed, one removed
// and one added), and read back as the same plan.
func FuzzDecodePlan(f *testing.F) {
	f.Add([]byte("version: 1\npicks:\n  # c\n  - id: a # t\n    title: y\n    start: 2026-03-08T02:30:00-08:00\n    end: 2026-03-08T03:30:00-07:00\n"))
	f.Add([]byte("version: 1\nconference: {name: x, time_zone: UTC}\npicks: [{id: b, note: &n x}, {id: a, title: *n}]\n"))
	f.Add([]byte("version: 1\nkinds: {type:meeting: bof}\nvenue: {default_walk: 5, walks: [{from: a, to: b, minutes: 3}]}\nfacts:\n- {label: l, value: v}\n"))
	f.Add([]byte("version: 1\na: &a [x, x]\nb: [*a, *a]\n"))
	f.Add([]byte("version: 1\npicks:\n- id: x\n  note: >\n    a\n    b\n  title: |+\n    t\n\n  room: 'r''s'\n"))
	f.Add([]byte("version: 1\npicks:\n  # h\n  - id: a\n    title: A\n    priority: want\n    status: planned\n    kind: talk # l\n\n  - id: b\n    title: B\n    priority: must\n    status: planned\n    kind: talk\n# f\nfacts: []\n"))
	f.Add([]byte("version: 0\n"))
	f.Add([]byte("\xff\xfe"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, doc, err := decodePlan(data, "plan.yaml")
		if err != nil {
			return
		}
		doc.adopt(data)
		if !doc.crlf {
			// The document's own comments are those a whole parse gives.
			var whole yaml.Node
			if yaml.Unmarshal(data, &whole) == nil && (whole.HeadComment != doc.doc.HeadComment || whole.FootComment != doc.doc.FootComment) {
				t.Fatalf("document comments %q %q, a whole parse gives %q %q", doc.doc.HeadComment, doc.doc.FootComment, whole.HeadComment, whole.FootComment)
			}
		}
		checkWrites(t, doc, p)
		if len(p.Picks) > 0 {
			p.Picks[0].Note += " and more"
			p.Picks = p.Picks[:len(p.Picks)-1]
		}
		p.Picks = append(p.Picks, &schedule.Pick{Session: schedule.Session{ID: "new pick", Title: "t", Kind: schedule.KindTalk}, Priority: schedule.Want, Status: schedule.Planned})
		p.SetFact("fuzz", "yes")
		checkWrites(t, doc, p)
	})
}

// checkWrites writes p fresh and over doc, and reads both back whole: they
// must read, and as the same plan.
func checkWrites(t *testing.T, doc *planDoc, p *schedule.Plan) {
	t.Helper()
	fresh, err := EncodePlan(p)
	if err != nil {
		t.Fatalf("cannot encode an accepted plan: %v", err)
	}
	over, _, err := encodePlan(doc, p, 0)
	if err != nil {
		t.Fatalf("cannot encode an accepted plan over its document: %v", err)
	}
	pf, err := DecodePlan(fresh, "plan.yaml")
	if err != nil {
		t.Fatalf("cannot re-read our own output: %v\n%s", err, fresh)
	}
	po, err := DecodePlan(over, "plan.yaml")
	if err != nil {
		t.Fatalf("cannot re-read our own output over the old document: %v\n%s", err, over)
	}
	a, _ := EncodePlan(pf)
	b, _ := EncodePlan(po)
	if !bytes.Equal(a, b) || !bytes.Equal(a, fresh) {
		t.Fatalf("the plan written over its document reads back differently:\n%s\n--- fresh\n%s\n--- read back\n%s", over, fresh, b)
	}
	// Written again over what it wrote, it gains no blank line (yaml.v3
	// may move a comment it wrote in an odd place).
	again, _, err := encodeOver(over, po)
	if blank := []byte("\n\n"); err != nil || bytes.Count(again, blank) > bytes.Count(over, blank) {
		t.Fatalf("written again over what it wrote (%v):\n%s\n--- again\n%s", err, over, again)
	}
}

// FuzzReadProgram: a damaged program file gives an error, not a panic;
// every session a program that reads holds is found by its id, and what
// is found is what the whole read gives.
func FuzzReadProgram(f *testing.F) {
	f.Add([]byte("{\"format\":\"plan-program\",\"version\":1,\"sessions\":1}\n{\"id\":\"a\",\"title\":\"x\",\"kind\":\"talk\",\"start\":\"2026-01-31T10:00:00+01:00\",\"end\":\"2026-01-31T11:00:00+01:00\"}\n"))
	f.Add([]byte("{\"format\":\"plan-program\",\"version\":1}\n{\"id\":"))
	f.Add([]byte("{\"format\":\"plan-program\",\"version\":1,\"sessions\":2}\n{\"title\": \"x\", \"id\": \"caf\\u00e9\"}\n{\"id\": \"b\"}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		findInProgram(bytes.NewReader(data), []string{"a", ""}, "p.jsonl")
		prog, err := ReadProgram(data, "p.jsonl")
		if err != nil {
			return
		}
		var ids []string
		for _, s := range prog.Sessions {
			ids = append(ids, s.ID)
		}
		found, err := findInProgram(bytes.NewReader(data), ids, "p.jsonl")
		if err != nil {
			t.Fatalf("the program reads, but a lookup fails: %v", err)
		}
		for _, s := range prog.Sessions {
			if found[s.ID] == nil {
				t.Fatalf("session %q is in the program but not found by its id", s.ID)
			}
		}
	})
}

// maxFuzzText bounds the text the text fuzz targets take (a longer input
// is cut): each new input the fuzzer finds is shrunk for up to a minute
// by trying to remove every run of its bytes, one save each, and a
// mutated input of a few hundred bytes kept both workers shrinking for
// the rest of the minute. Lines long enough to be folded come from
// fuzzText's long line.
const maxFuzzText = 48

// fuzzText is s cut to maxFuzzText bytes, and a line of at least 100
// bytes made of it (yaml.v3 folds text past 80 columns).
func fuzzText(s string) (short, long string) {
	if len(s) > maxFuzzText {
		s = s[:maxFuzzText]
	}
	long = s
	for s != "" && len(long) < 100 {
		long += " " + s
	}
	return s, long
}

// FuzzSaveReadsBack: any text in the fields a person or a feed fills
// (the conference's name, a kind's key, a fact, a walk; a pick's id,
// title, room, track, speakers, link and note) is saved, and the full
// decoder reads it back as it was (encodePlan checks it, and fails if
// not, so an error here is a value plan would refuse to save). Each save
// is a few YAML passes, and the fuzzer needs many inputs a minute
// (CONTRIBUTING.md): by its length, an input goes into one of four
// groups of those fields (one of them as fuzzText's long line), and is
// saved fresh, or fresh and again over the document that gave.
func FuzzSaveReadsBack(f *testing.F) {
	for _, s := range trickyText {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		s, long := fuzzText(s)
		p := &schedule.Plan{Version: 1, Conference: schedule.Conference{Name: "c", TimeZone: "UTC"}}
		pick := &schedule.Pick{Session: schedule.Session{ID: "id", Title: "t", Kind: schedule.KindTalk}, Priority: schedule.Want, Status: schedule.Planned}
		switch len(s) % 4 {
		case 0:
			p.Conference.Name = long
			p.Kinds = map[string]schedule.Kind{"type:" + s: schedule.KindTalk}
		case 1:
			p.Facts = []schedule.Fact{{Label: s, Value: long}}
			p.Venue.Walks = []schedule.Walk{{From: s, To: s + "x", Minutes: 2}}
		case 2:
			pick.ID, pick.Title, pick.Room, pick.Track = s+"id", long, s, s
			p.Picks = []*schedule.Pick{pick}
		case 3:
			pick.Speakers, pick.URL, pick.Note = []string{s, s + "2"}, s, long
			p.Picks = []*schedule.Pick{pick}
		}
		_, doc, err := encodePlan(nil, p, 0)
		if err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		if len(s)/4%2 == 0 {
			return
		}
		if _, _, err := encodePlan(doc, p, 0); err != nil {
			t.Fatalf("%q over its document: %v", s, err)
		}
	})
}

// FuzzPlanText: any text in a pick's fields reads back the same after
// the plan is written and read again, fresh and over an older document
// of the plan (comments, other values).
func FuzzPlanText(f *testing.F) {
	for _, s := range []string{"plain", "yes", "a: b", "#x", "'q'", "line\nbreak", " lead", "trail ", "(paren)", "ünï ’", "\u0085", "x\u2028y", "\xff"} {
		f.Add(s)
	}
	old := []byte("# head\nversion: 1\nconference: {name: old} # c\npicks:\n  - id: xold # c\n    title: old\n    room: 'old'\n    note: |\n      old\n    speakers: [old]\nfacts:\n  - {label: old, value: old} # c\n")
	// Read once: a save does not change the document it writes over
	// (a workspace saves over one several times).
	_, oldDoc, err := decodePlan(old, "plan.yaml")
	if err != nil {
		f.Fatal(err)
	}
	oldDoc.adopt(old)
	f.Fuzz(func(t *testing.T, s string) {
		s, long := fuzzText(s)
		if !utf8.ValidString(s) {
			s, long = strings.ToValidUTF8(s, "\uFFFD"), strings.ToValidUTF8(long, "\uFFFD")
		}
		// One pick and one write per input keep each run to a few YAML
		// passes, so the fuzzer tries many inputs a minute
		// (CONTRIBUTING.md): by the length of the input, the pick is new
		// or the one the old document has, and the plan is written
		// fresh or over the old document. The track is the long line.
		id := "x" + s
		if len(s)%2 == 1 {
			id = "xold"
		}
		p := &schedule.Plan{Version: 1, Conference: schedule.Conference{Name: s}, Facts: []schedule.Fact{{Label: s, Value: s}, {Label: "old", Value: s}}}
		p.Picks = []*schedule.Pick{{Session: schedule.Session{ID: id, Title: s, Kind: schedule.KindTalk, Room: s, Track: long, Speakers: []string{s, "old"}, URL: s}, Priority: schedule.Want, Status: schedule.Planned, Note: s}}
		var data []byte
		var err error
		if len(s)/2%2 == 0 {
			data, err = EncodePlan(p)
		} else {
			data, _, err = encodePlan(oldDoc, p, 0)
		}
		if err != nil {
			t.Fatal(err)
		}
		q, err := DecodePlan(data, "plan.yaml")
		if err != nil {
			t.Fatalf("%q: cannot read back: %v\n%s", s, err, data)
		}
		got := q.Picks[0]
		if got.Title != s || got.Room != s || got.Track != long || got.Note != s || got.ID != id || got.Speakers[0] != s || q.Facts[0].Value != s || q.Facts[1].Value != s || q.Conference.Name != s {
			t.Fatalf("%q changed in a round trip:\n%s", s, data)
		}
	})
}
