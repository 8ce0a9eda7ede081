package schedule

import (
	"fmt"
	"strings"
)

// Validate checks what a plan file's decoder cannot (zone, kinds,
// priorities, statuses, times) and puts the picks' times in the
// conference zone. name is the file for errors; line finds the line of a
// key ("time_zone:", "id: 7886") in it, 0 when unknown.
func (p *Plan) Validate(name string, line func(key string) int) error {
	p.Version = FormatVersion
	if p.Conference.TimeZone != "" {
		loc, err := ParseZone(p.Conference.TimeZone)
		if err != nil {
			return &InputError{File: name, Line: line("time_zone:"), Msg: fmt.Sprintf("unknown time zone %q (use a tz database name such as Europe/Brussels)", p.Conference.TimeZone)}
		}
		p.loc = loc
	}
	for k, kind := range p.Kinds {
		if !kind.Valid() {
			return &InputError{File: name, Line: line(k), Msg: fmt.Sprintf("kinds: %q maps to unknown kind %q (use one of: %s)", k, kind, kindList())}
		}
		if f, _, ok := strings.Cut(k, ":"); !ok || (f != "type" && f != "track" && f != "title") {
			return &InputError{File: name, Line: line(k), Msg: fmt.Sprintf("kinds: key %q must be type:WORD, track:NAME or title:PREFIX", k)}
		}
	}
	seen := map[string]bool{}
	loc := p.Location()
	for _, pk := range p.Picks {
		if pk == nil || pk.ID == "" {
			return &InputError{File: name, Msg: "a pick has no id"}
		}
		where := func(msg string) error {
			return &InputError{File: name, Line: line("id: " + pk.ID), Session: pk.ID, Msg: msg}
		}
		if seen[pk.ID] {
			return where("picked twice; remove one of the entries")
		}
		seen[pk.ID] = true
		if pk.Priority == "" {
			pk.Priority = Want
		}
		if _, err := ParsePriority(string(pk.Priority)); err != nil {
			return where(err.Error())
		}
		switch pk.Status {
		case "":
			pk.Status = Planned
		case Planned, Attended, Skipped, Dropped:
		default:
			return where(fmt.Sprintf("unknown status %q (use planned, attended, skipped or dropped)", pk.Status))
		}
		if pk.Kind == "" {
			pk.Kind = KindOther
		}
		if !pk.Kind.Valid() {
			return where(fmt.Sprintf("unknown kind %q (use one of: %s)", pk.Kind, kindList()))
		}
		if pk.Start.IsZero() != pk.End.IsZero() {
			return where("has a start but no end (or an end but no start)")
		}
		if pk.End.Before(pk.Start) {
			return where("ends before it starts")
		}
		pk.Session = pk.Session.In(loc)
		if !pk.Personal {
			if k, ok := p.KindFor(&pk.Session); ok {
				pk.Kind = k
			}
		}
	}
	for _, w := range p.Venue.Walks {
		if w.Minutes < 0 {
			return &InputError{File: name, Msg: fmt.Sprintf("venue: negative walk between %q and %q", w.From, w.To)}
		}
	}
	switch p.Sync.Dropped {
	case "", "delete", "cancel":
	default:
		return &InputError{File: name, Line: line("dropped:"), Msg: fmt.Sprintf("sync: dropped is %q: use delete or cancel", p.Sync.Dropped)}
	}
	return nil
}
