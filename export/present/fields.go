// Package present decides what a session shows wherever plan shows one:
// its fields, their labels and their order (Fields), the marks that say
// what a session is to the plan (Mark), the words of its time (When,
// TimeRange), and the search language people type to find one (Query).
// plan show, plan list, the agenda, the browser's details, the calendar
// event's description and the recap all walk the same list, so a field
// added here appears in each of them; its --json key is named beside it
// and export/jsonshape carries it (a test checks that none is missing).
//
// It knows nothing of terminals, colours or files: values are plain text,
// and each caller escapes them for where they go.
package present

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/plan-cli/plan/schedule"
)

// Place is where a session's fields are shown.
type Place uint8

const (
	// Details is a session in full: plan show (terminal and pipe) and the
	// browser's details pane.
	Details Place = 1 << iota
	// Calendar is a calendar event's description (export --ics, serve,
	// sync), whose time, room and title have properties of their own.
	Calendar
	// Recap is a session's line in the recap's "Appendix: My Schedule",
	// after its time and title: "Room 106, Talk, attended".
	Recap
)

// Item is what a session is shown from.
type Item struct {
	Session *schedule.Session
	// Pick is the user's pick of the session, or nil.
	Pick *schedule.Pick
	// Phase is where the conference stands, for the recap's words of what
	// became of a pick.
	Phase schedule.Phase
}

// Field is one thing a session shows, in the order Fields gives.
type Field struct {
	// Key names the field; it is also how a caller finds one to treat
	// specially ("note", "picked").
	Key string
	// Label is the field's name as people read it ("speakers").
	Label string
	// Value is its text, never empty (Fields leaves out empty fields). A
	// value may hold newlines (a note, an abstract).
	Value string
	// Block marks a paragraph of its own (the subtitle, the abstract)
	// rather than a "label: value" line.
	Block bool
	// Lines marks a value that may hold several lines (a note, an
	// abstract); any other value is one line.
	Lines bool
}

// field is one row of the table every place walks.
type field struct {
	key, label string
	places     Place
	block      bool
	lines      bool
	// json names the keys of export/jsonshape.Session that carry the
	// field in --json output.
	json  []string
	value func(it Item) string
	// rows, instead of value, gives a field shown as several rows of
	// its own (a session's links: one per link, labelled by its kind).
	rows func(it Item) []Field
}

// fields is the one list of what a session shows, in order. To show a new
// session field, add a row here and the field to jsonshape.Session.
var fields = []field{
	{key: "cancelled", label: "cancelled", places: Calendar, block: true, json: []string{"cancelled"},
		value: func(it Item) string {
			if it.Session.Cancelled || (it.Pick != nil && (it.Pick.Cancelled || it.Pick.Gone)) {
				return "Cancelled: this session was cancelled or dropped from the program."
			}
			return ""
		}},
	{key: "subtitle", label: "subtitle", places: Details | Calendar, block: true, json: []string{"subtitle"},
		value: func(it Item) string { return it.Session.Subtitle }},
	{key: "id", label: "id", places: Details, json: []string{"id"},
		value: func(it Item) string { return it.Session.ID }},
	{key: "when", label: "when", places: Details, json: []string{"start", "end"},
		value: func(it Item) string { return When(it.Session) }},
	{key: "room", label: "room", places: Details | Recap, json: []string{"room"},
		value: func(it Item) string { return it.Session.Room }},
	{key: "kind", label: "kind", places: Details, json: []string{"kind"},
		value: func(it Item) string { return string(it.Session.Kind) }},
	{key: "kind", label: "kind", places: Recap, json: []string{"kind"},
		value: func(it Item) string { return kindLabel(it.Session.Kind) }},
	{key: "track", label: "track", places: Details, json: []string{"track"},
		value: func(it Item) string { return it.Session.Track }},
	{key: "language", label: "language", places: Details, json: []string{"language"},
		value: func(it Item) string { return it.Session.Language }},
	{key: "speakers", label: "speakers", places: Details | Calendar, json: []string{"speakers"},
		value: func(it Item) string { return strings.Join(nonEmpty(it.Session.Speakers), ", ") }},
	{key: "url", label: "url", places: Details | Calendar, json: []string{"url"},
		value: func(it Item) string { return it.Session.URL }},
	{key: "link", label: "link", places: Details | Calendar, json: []string{"links"}, rows: links},
	{key: "recording", label: "recording", places: Details, json: []string{"do_not_record"},
		value: func(it Item) string {
			if it.Session.DoNotRecord && it.Session.Recording() == "" {
				return "not recorded (the speakers opted out)"
			}
			return ""
		}},
	{key: "program", label: "program", places: Details, json: []string{"source"},
		value: func(it Item) string { return it.Session.Source }},
	{key: "picked", label: "picked", places: Details, json: []string{"priority", "status", "gone"},
		value: func(it Item) string { return picked(it.Pick) }},
	{key: "priority", label: "priority", places: Calendar, json: []string{"priority"},
		value: func(it Item) string {
			if it.Pick == nil {
				return ""
			}
			return string(it.Pick.Priority)
		}},
	{key: "status", label: "status", places: Recap, json: []string{"status", "unplanned"},
		value: func(it Item) string { return outcome(it.Pick, it.Phase) }},
	{key: "cancelled", label: "cancelled", places: Recap, json: []string{"cancelled"},
		value: func(it Item) string {
			if it.Pick != nil && it.Pick.Cancelled {
				return "cancelled"
			}
			return ""
		}},
	{key: "note", label: "note", places: Details | Calendar, lines: true, json: []string{"note"},
		value: func(it Item) string {
			if it.Pick == nil {
				return ""
			}
			return strings.TrimSpace(it.Pick.Note)
		}},
	{key: "abstract", label: "abstract", places: Details | Calendar, block: true, lines: true, json: []string{"abstract"},
		value: func(it Item) string { return strings.TrimSpace(it.Session.Abstract) }},
}

// Fields lists what the item's session shows in place, in order, leaving
// out the fields it has no value for. Times are shown in the zone the
// session carries (convert with Session.In first).
func Fields(it Item, place Place) []Field {
	out := make([]Field, 0, len(fields))
	for _, f := range fields {
		if f.places&place == 0 {
			continue
		}
		if f.rows != nil {
			out = append(out, f.rows(it)...)
			continue
		}
		if v := f.value(it); v != "" {
			out = append(out, Field{Key: f.key, Label: f.label, Value: v, Block: f.block, Lines: f.lines})
		}
	}
	return out
}

// JSONKeys lists, for every field any place shows, the --json keys that
// carry it (for the test that keeps export/jsonshape complete).
func JSONKeys() map[string][]string {
	out := make(map[string][]string, len(fields))
	for _, f := range fields {
		out[f.key] = append(out[f.key], f.json...)
	}
	return out
}

// Title is the session's title as a heading: marked when cancelled.
func Title(s *schedule.Session) string {
	if s.Cancelled {
		return s.Title + " (CANCELLED)"
	}
	return s.Title
}

// When is "Saturday 31 January 2026 10:30–10:55 (CET +01:00)" ("(+01:00)"
// in a zone that has no abbreviation), or "not scheduled yet".
func When(s *schedule.Session) string {
	if !s.Scheduled() {
		return "not scheduled yet"
	}
	zone := s.Start.Format("-07:00")
	if abbr := s.Start.Format("MST"); abbr != zone {
		zone = abbr + " " + zone
	}
	return fmt.Sprintf("%s %s (%s)", LongDay(s.Start), TimeRange(s), zone)
}

// TimeRange is "10:30–10:55", or "no time" for an unscheduled session.
func TimeRange(s *schedule.Session) string {
	if !s.Scheduled() {
		return "no time"
	}
	return s.Start.Format("15:04") + "–" + s.End.Format("15:04")
}

// LongDay is "Saturday 31 January 2026".
func LongDay(t time.Time) string { return t.Format("Monday 2 January 2006") }

// links are the session's links as rows, recordings first and the
// feedback form last (schedule.LinkKind.Rank), each labelled by its kind
// ("video", "link"): its address, after its title when the title says
// more than the kind ("Github repository: https://github.com/…").
func links(it Item) []Field {
	ls := slices.Clone(it.Session.Links)
	slices.SortStableFunc(ls, func(a, b schedule.Link) int { return a.Kind.Rank() - b.Kind.Rank() })
	out := make([]Field, 0, len(ls))
	for _, l := range ls {
		v := l.URL
		if !l.TitleSaysKind() {
			v = l.Title + ": " + l.URL
		}
		out = append(out, Field{Key: "link", Label: l.Kind.Label(), Value: v})
	}
	return out
}

// picked is "must, planned" (", gone from the program" when it is).
func picked(pk *schedule.Pick) string {
	if pk == nil {
		return ""
	}
	state := fmt.Sprintf("%s, %s", pk.Priority, pk.Status)
	if pk.Gone {
		state += ", gone from the program"
	}
	return state
}

// kindLabel is the recap's name of one session of kind k ("Talk").
func kindLabel(k schedule.Kind) string {
	if !k.Valid() {
		k = schedule.KindOther
	}
	return k.Label(1)
}

// outcome is what became of a pick in the words of the recap: "attended",
// "attended (unplanned)", "skipped", "dropped", "planned", or, after the
// conference, "planned, not marked attended".
func outcome(pk *schedule.Pick, phase schedule.Phase) string {
	switch {
	case pk == nil:
		return ""
	case pk.Status == schedule.Attended && pk.Unplanned:
		return "attended (unplanned)"
	case pk.Status == schedule.Attended:
		return "attended"
	case pk.Status.SetAside():
		return string(pk.Status)
	case phase == schedule.PhaseAfter:
		return "planned, not marked attended"
	}
	return "planned"
}

func nonEmpty(ss []string) []string {
	out := make([]string, 0, len(ss))
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}
