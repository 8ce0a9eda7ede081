package store

import (
	"strings"
	"testing"
	"time"
)

// nightPlan is a plan as plan wrote it before days had a type of their
// own: a 38C3 night session filed under the day before its start.
const nightPlan = `# plan: a conference schedule. Edit freely; the imported program
# lives in the .program.jsonl file beside it.
version: 1
conference:
  name: 38C3
  time_zone: Europe/Berlin
picks:
  - id: "1121"
    title: Bebetta
    priority: want
    status: attended
    kind: social
    type: DJ Set
    start: 2024-12-28T00:00:00+01:00
    end: 2024-12-28T02:00:00+01:00
    date: "2024-12-27"
    room: Chaos Computer Music Club
    source: 38C3
  - id: "599"
    title: Digitalisierung mit der Brechstange
    priority: want
    status: skipped
    kind: talk
    start: 2024-12-28T12:00:00+01:00
    end: 2024-12-28T12:40:00+01:00
    room: Saal 1
    source: 38C3
`

// A plan file's date: reads as the day it names and is written back as
// the same text, whether the pick is kept as read or encoded anew.
func TestPlanDateReadsAndWritesAsBefore(t *testing.T) {
	p, err := DecodePlan([]byte(nightPlan), "plan.yaml")
	if err != nil {
		t.Fatal(err)
	}
	night, day := p.Pick("1121"), p.Pick("599")
	if night.Date.String() != "2024-12-27" || night.Day().String() != "2024-12-27" {
		t.Errorf("night pick: date %q, day %q", night.Date, night.Day())
	}
	if !day.Date.IsZero() || day.Day().String() != "2024-12-28" {
		t.Errorf("day pick: date %q, day %q", day.Date, day.Day())
	}
	out, err := EncodePlan(p)
	if err != nil || string(out) != nightPlan {
		t.Errorf("a new file of the same plan differs (%v):\n%s", err, out)
	}
	night.Note = "loud"
	night.Date = night.Date.AddDays(1)
	out, _, err = encodeOver([]byte(nightPlan), p)
	want := strings.Replace(strings.Replace(nightPlan, `date: "2024-12-27"`, `date: "2024-12-28"`, 1), "    kind: social", "    note: loud\n    kind: social", 1)
	if err != nil || string(out) != want {
		t.Errorf("a save of a changed pick (%v):\n%s\nwant\n%s", err, out, want)
	}
	// Written by hand without quotes, YAML's own date form.
	p, err = DecodePlan([]byte(strings.Replace(nightPlan, `"2024-12-27"`, `2024-12-27`, 1)), "plan.yaml")
	if err != nil || p.Pick("1121").Date.String() != "2024-12-27" {
		t.Errorf("unquoted date: %v", err)
	}
	_, err = DecodePlan([]byte(strings.Replace(nightPlan, `"2024-12-27"`, `27.12.2024`, 1)), "plan.yaml")
	if err == nil || err.Error() != `plan.yaml:16: session "1121": date: "27.12.2024" is not a date: want YYYY-MM-DD` {
		t.Errorf("a date that is no date: %v", err)
	}
}

// A program file's session line with a date reads as the day it names
// and is written back byte for byte.
func TestProgramDateReadsAndWritesAsBefore(t *testing.T) {
	const file = `{"format":"plan-program","version":1,"sessions":2}
{"id":"1121","guid":"6d371473-f145-5c11-806a-5e9927f714b7","source":"38C3","title":"Bebetta","kind":"social","type":"DJ Set","start":"2024-12-28T00:00:00+01:00","end":"2024-12-28T02:00:00+01:00","room":"Chaos Computer Music Club","date":"2024-12-27"}
{"id":"599","title":"Digitalisierung mit der Brechstange","kind":"talk","start":"2024-12-28T12:00:00+01:00","end":"2024-12-28T12:40:00+01:00","room":"Saal 1"}
`
	prog, err := ReadProgram([]byte(file), "plan.program.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	if d := prog.Get("1121").Date; d.String() != "2024-12-27" || d.Weekday() != time.Friday {
		t.Errorf("date %q", d)
	}
	if d := prog.Get("599").Day(); d.String() != "2024-12-28" {
		t.Errorf("day %q", d)
	}
	var b strings.Builder
	if err := WriteProgram(&b, prog); err != nil || b.String() != file {
		t.Errorf("written back (%v):\n%s", err, b.String())
	}
	bad := strings.Replace(file, `"date":"2024-12-27"`, `"date":"27.12.2024"`, 1)
	if _, err := ReadProgram([]byte(bad), "plan.program.jsonl"); err == nil || !strings.Contains(err.Error(), "plan.program.jsonl:2:") {
		t.Errorf("a damaged date: %v", err)
	}
}
