package store

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/plan-cli/plan/schedule"
)

// FuzzDecodePlan: whatever the plan file holds, reading it returns a plan
// or an error, never a panic, and a plan we accept we can write and read
// back.
func FuzzDecodePlan(f *testing.F) {
	f.Add([]byte(samplePlan))
	f.Add([]byte(aliasBomb))
	f.Add([]byte("version: 1\npicks:\n  - id: x\n    title: y\n    start: 2026-03-08T02:30:00-08:00\n    end: 2026-03-08T03:30:00-07:00\n"))
	f.Add([]byte("version: 1\nkinds: {type:meeting: bof}\nvenue: {default_walk: 5}\n"))
	f.Add([]byte("version: 0\n"))
	f.Add([]byte("\xff\xfe"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := DecodePlan(data, "plan.yaml")
		if err != nil {
			return
		}
		out, err := EncodePlan(p)
		if err != nil {
			t.Fatalf("cannot encode an accepted plan: %v", err)
		}
		if _, err := DecodePlan(out, "plan.yaml"); err != nil {
			t.Fatalf("cannot re-read our own output: %v\n%s", err, out)
		}
	})
}

// FuzzReadProgram: a damaged program file gives an error, not a panic.
func FuzzReadProgram(f *testing.F) {
	f.Add([]byte("{\"format\":\"plan-program\",\"version\":1,\"sessions\":1}\n{\"id\":\"a\",\"title\":\"x\",\"kind\":\"talk\",\"start\":\"2026-01-31T10:00:00+01:00\",\"end\":\"2026-01-31T11:00:00+01:00\"}\n"))
	f.Add([]byte("{\"format\":\"plan-program\",\"version\":1}\n{\"id\":"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ReadProgram(data, "p.jsonl")
		findInProgram(bytes.NewReader(data), []string{"a", ""}, "p.jsonl")
	})
}

// FuzzPlanText: any text in a pick's fields reads back the same after
// the plan is written and read again.
func FuzzPlanText(f *testing.F) {
	for _, s := range []string{"plain", "yes", "a: b", "#x", "'q'", "line\nbreak", " lead", "trail ", "(paren)", "ünï ’", "\u0085", "x\u2028y", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			s = strings.ToValidUTF8(s, "\uFFFD")
		}
		p := &schedule.Plan{Version: 1, Conference: schedule.Conference{Name: s}, Facts: []schedule.Fact{{Label: s, Value: s}}}
		p.Picks = []*schedule.Pick{{Session: schedule.Session{ID: "x" + s, Title: s, Kind: schedule.KindTalk, Room: s, Track: s, Speakers: []string{s}, URL: s}, Priority: schedule.Want, Status: schedule.Planned, Note: s}}
		data, err := EncodePlan(p)
		if err != nil {
			t.Fatal(err)
		}
		q, err := DecodePlan(data, "plan.yaml")
		if err != nil {
			t.Fatalf("%q: cannot read back: %v\n%s", s, err, data)
		}
		got := q.Picks[0]
		if got.Title != s || got.Room != s || got.Note != s || got.ID != "x"+s || got.Speakers[0] != s || q.Facts[0].Value != s || q.Conference.Name != s {
			t.Fatalf("%q changed in a round trip:\n%s", s, data)
		}
	})
}
