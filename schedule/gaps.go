package schedule

import (
	"slices"
	"time"
)

// MinGap is the shortest free slot Gaps reports.
const MinGap = 15 * time.Minute

// Gap is a free slot between picks.
type Gap struct {
	Start, End time.Time
	// Day is the conference day the slot belongs to: a night slot at a
	// congress belongs to the day before.
	Day Day
	// After is the pick that ends when the slot starts, nil when the slot
	// opens the day; Before is the pick that starts when it ends, nil when
	// it closes the day.
	After, Before *Pick
	// Sessions are the program sessions that fit the slot, in time order:
	// entirely inside it, with time to walk from the picks before and to
	// the picks after (Conflict with no active pick), neither cancelled
	// nor picked already.
	Sessions []*Session
}

// Gaps lists the free slots of at least MinGap between the active picks
// (neither skipped, dropped, gone nor cancelled), day by day, each with
// the program sessions that fit it.
//
// A day is a calendar date in loc (nil: the zone of the program's first
// scheduled session). Its window runs from the earliest start of a program
// session starting that day to the latest end of one; when a window would
// overlap the previous day's (sessions past midnight), it starts where that
// one ends instead. Slots run from the window's start to the first pick,
// between picks, and from the last pick to the window's end; a day
// without picks is one slot. Picks outside every window are ignored.
func Gaps(picks []*Pick, program []*Session, v *Venue, loc *time.Location) []Gap {
	var sessions []*Session
	for _, s := range program {
		if s.Scheduled() && !s.Cancelled && !s.End.Before(s.Start) {
			sessions = append(sessions, s)
		}
	}
	sortSessions(sessions)
	if len(sessions) == 0 {
		return nil
	}
	if loc == nil {
		loc = sessions[0].Start.Location()
	}

	type window struct{ start, end time.Time }
	byDay := map[Day]*window{}
	var days []Day
	for _, s := range sessions {
		in := s.In(loc)
		day := in.Day()
		w := byDay[day]
		if w == nil {
			w = &window{start: s.Start, end: s.End}
			byDay[day] = w
			days = append(days, day)
		}
		if s.Start.Before(w.start) {
			w.start = s.Start
		}
		if s.End.After(w.end) {
			w.end = s.End
		}
	}
	slices.Sort(days)

	var busy []*Pick
	for _, p := range livePicks(picks) {
		if p.Scheduled() && !p.Cancelled && !p.End.Before(p.Start) {
			busy = append(busy, p)
		}
	}
	sortPicks(busy)

	var gaps []Gap
	var prevEnd time.Time
	for _, day := range days {
		w := byDay[day]
		start, end := w.start, w.end
		if start.Before(prevEnd) {
			start = prevEnd
		}
		if !end.After(start) {
			continue
		}
		prevEnd = end
		cursor := start
		var after *Pick
		for _, p := range busy {
			inside := p.Start.Before(end) && p.End.After(start) ||
				p.Start.Equal(p.End) && !p.Start.Before(start) && !p.Start.After(end) // a moment, such as a meeting point
			if !inside {
				continue
			}
			if p.Start.Sub(cursor) >= MinGap {
				gaps = append(gaps, Gap{Start: cursor, End: p.Start, Day: day, After: after, Before: p})
			}
			if !p.End.Before(cursor) {
				cursor, after = p.End, p
			}
		}
		if end.Sub(cursor) >= MinGap {
			gaps = append(gaps, Gap{Start: cursor, End: end, Day: day, After: after})
		}
	}

	picked := map[string]bool{}
	for _, p := range picks {
		if !p.Status.SetAside() {
			picked[p.ID] = true
		}
	}
	fit := NewFitter(busy, v)
	for i := range gaps {
		g := &gaps[i]
		for _, s := range sessions {
			if s.Start.Before(g.Start) || s.End.After(g.End) || picked[s.ID] || !fit.Fits(s) {
				continue
			}
			g.Sessions = append(g.Sessions, s)
		}
	}
	return gaps
}

// GapsAfter keeps the gaps that end after t: a gap running at t is cut
// to start there (and dropped when less than MinGap is left), and keeps
// only the sessions that start at or after t.
func GapsAfter(gaps []Gap, t time.Time) []Gap {
	var out []Gap
	for _, g := range gaps {
		if !g.End.After(t) {
			continue
		}
		if g.Start.Before(t) {
			if g.End.Sub(t) < MinGap {
				continue
			}
			g.Start = t
			var fit []*Session
			for _, s := range g.Sessions {
				if !s.Start.Before(t) {
					fit = append(fit, s)
				}
			}
			g.Sessions = fit
		}
		out = append(out, g)
	}
	return out
}
