package export

import "github.com/plan-cli/plan/schedule"

// PicksCalendar is the calendar of a plan's picks: every pick not skipped
// or dropped, from its snapshot, with the abstract, subtitle and links
// from the program where it still has the session (full, by id; may be
// nil). Picks the program
// dropped or cancelled come out cancelled.
func PicksCalendar(p *schedule.Plan, full map[string]*schedule.Session) Calendar {
	cal := Calendar{Name: p.Conference.Name, TimeZone: p.Conference.TimeZone}
	for _, pk := range p.Picks {
		if pk.Status.SetAside() {
			continue
		}
		s := pk.Session
		if fs := full[pk.ID]; fs != nil && !pk.Gone {
			s.Abstract, s.Subtitle, s.Links = fs.Abstract, fs.Subtitle, fs.Links
		}
		cal.Events = append(cal.Events, Event{Session: s, Priority: pk.Priority, Note: pk.Note, Cancelled: pk.Cancelled || pk.Gone})
	}
	return cal
}

// PickIDs are the ids PicksCalendar looks up in the program: the picks
// not skipped or dropped that come from it.
func PickIDs(p *schedule.Plan) []string {
	var ids []string
	for _, pk := range p.Picks {
		if !pk.Status.SetAside() && !pk.Personal {
			ids = append(ids, pk.ID)
		}
	}
	return ids
}

// ProgramCalendar is the calendar of the whole program, with the picks'
// priorities and notes.
func ProgramCalendar(p *schedule.Plan, program []*schedule.Session) Calendar {
	cal := Calendar{Name: p.Conference.Name, TimeZone: p.Conference.TimeZone}
	picks := map[string]*schedule.Pick{}
	for _, pk := range p.Picks {
		picks[pk.ID] = pk
	}
	for _, s := range program {
		ev := Event{Session: *s, Cancelled: s.Cancelled}
		if pk := picks[s.ID]; pk != nil {
			ev.Priority, ev.Note = pk.Priority, pk.Note
		}
		cal.Events = append(cal.Events, ev)
	}
	return cal
}

// Sessions lists the calendar's sessions, for choosing a day.
func (c *Calendar) Sessions() []*schedule.Session {
	out := make([]*schedule.Session, len(c.Events))
	for i := range c.Events {
		out[i] = &c.Events[i].Session
	}
	return out
}

// KeepDay keeps the events of one conference day.
func (c *Calendar) KeepDay(day schedule.Day) {
	keep := c.Events[:0]
	for _, ev := range c.Events {
		if ev.Session.Day() == day {
			keep = append(keep, ev)
		}
	}
	c.Events = keep
}
