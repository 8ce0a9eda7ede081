package schedule

import (
	"sort"
	"strings"
	"time"
)

// NowResult is what is on at a moment.
type NowResult struct {
	// At is the moment asked about.
	At time.Time
	// Now are the active picks running at At (Start <= At < End), in time
	// order.
	Now []*Pick
	// Next are the active picks still to come (starting at or after At,
	// not running): every pick sharing the earliest such start, then more
	// in time order up to three in all.
	Next []*Pick
	// Room is the room RoomNext looks at: the one asked about, else the
	// room of the first pick running now, else that of the last pick that
	// ended. Empty when there is none.
	Room string
	// RoomNext is the first program session starting after At in Room
	// (not cancelled), or nil.
	RoomNext *Session
}

// nextPicks is how many upcoming picks Now lists at least (when there are
// that many).
const nextPicks = 3

// Now tells what is on at the moment at: the active picks running (those
// neither skipped nor gone, nor cancelled), the picks coming next, and
// what starts next in room (compared without regard to case), or, when
// room is empty, in the room of the current or last pick. Times are
// compared as instants, so at may be in any zone and DST changes do no
// harm.
func Now(picks []*Pick, program []*Session, at time.Time, room string) NowResult {
	res := NowResult{At: at}
	var live []*Pick
	for _, p := range livePicks(picks) {
		if p.Scheduled() && !p.Cancelled {
			live = append(live, p)
		}
	}
	sortPicks(live)
	var last *Pick // the pick that ended last, at or before at
	var upcoming []*Pick
	for _, p := range live {
		switch {
		case !p.Start.After(at) && at.Before(p.End):
			res.Now = append(res.Now, p)
		case !p.Start.Before(at):
			upcoming = append(upcoming, p)
		case !p.End.After(at) && (last == nil || !p.End.Before(last.End)):
			last = p
		}
	}
	n := nextPicks
	for i, p := range upcoming {
		if p.Start.Equal(upcoming[0].Start) && i >= n {
			n = i + 1
		}
	}
	res.Next = upcoming[:min(n, len(upcoming))]

	res.Room = strings.TrimSpace(room)
	if res.Room == "" {
		switch {
		case len(res.Now) > 0:
			res.Room = res.Now[0].Room
		case last != nil:
			res.Room = last.Room
		}
	}
	if res.Room != "" {
		for _, s := range program {
			if s.Cancelled || !s.Scheduled() || !s.Start.After(at) || !strings.EqualFold(s.Room, res.Room) {
				continue
			}
			if res.RoomNext == nil || s.Start.Before(res.RoomNext.Start) || (s.Start.Equal(res.RoomNext.Start) && Less(s, res.RoomNext)) {
				res.RoomNext = s
			}
		}
	}
	return res
}

// Span is when a program runs: from the first start to the last end of
// its scheduled sessions, and the conference days of those sessions.
type Span struct {
	First, Last       time.Time
	FirstDay, LastDay Day // as Session.Day files them
}

// ProgramSpan is the span of the program's scheduled sessions (cancelled
// ones included: they were on the program); zero when none is scheduled.
func ProgramSpan(program []*Session) Span {
	var sp Span
	for _, s := range program {
		if !s.Scheduled() {
			continue
		}
		if sp.First.IsZero() || s.Start.Before(sp.First) {
			sp.First, sp.FirstDay = s.Start, s.Day()
		}
		end := s.End
		if end.Before(s.Start) {
			end = s.Start
		}
		if sp.Last.IsZero() || end.After(sp.Last) {
			sp.Last, sp.LastDay = end, s.Day()
		}
	}
	return sp
}

// IsZero reports a program with no scheduled session.
func (sp Span) IsZero() bool { return sp.First.IsZero() }

// Contains reports whether t falls between the first start and the last
// end (both included): whether the conference is on at t.
func (sp Span) Contains(t time.Time) bool {
	return !sp.IsZero() && !t.Before(sp.First) && !t.After(sp.Last)
}

// PickClash is a clash of a program session with one of the user's picks.
// Minutes is the overlap for an Overlap and the shortfall for a Tight.
type PickClash struct {
	Pick    *Pick
	Type    ClashType
	Minutes int
}

// NowEntry is a program session in NowAll, with the user's pick of it
// (nil when not picked) and its clashes with the other active picks.
type NowEntry struct {
	Session *Session
	Pick    *Pick
	Clashes []PickClash
}

// RoomNow is what is on in one room: the sessions running at the moment
// (in time order) and the first one starting after it (nil when none).
type RoomNow struct {
	Room string
	Now  []NowEntry
	Next *NowEntry
}

// NowAllResult is what is on at a moment in every room.
type NowAllResult struct {
	At    time.Time
	Rooms []RoomNow
}

// NowAll tells, for every room of the program, the sessions running at
// the moment at (Start <= at < End) and the first one starting after it,
// on any later day, neither cancelled nor unscheduled, among the sessions
// keep accepts (nil keeps all). Each is marked with the user's pick of it
// and its clashes with the active picks (those neither skipped, gone nor
// cancelled) not over by at: an overlap, or a transition too short to
// walk given v.
//
// Rooms (compared without regard to case, named as their first session
// spells them) come in time order: those with a session on now by when it
// began, then those with only a next one by when that starts; rooms with
// neither are left out.
func NowAll(program []*Session, picks []*Pick, v *Venue, at time.Time, keep func(*Session) bool) NowAllResult {
	res := NowAllResult{At: at}
	byRoom := map[string]*RoomNow{}
	var order []string
	room := func(s *Session) *RoomNow {
		k := strings.ToLower(strings.TrimSpace(s.Room))
		r := byRoom[k]
		if r == nil {
			r = &RoomNow{Room: s.Room}
			byRoom[k] = r
			order = append(order, k)
		}
		return r
	}
	var nowS []*Session
	next := map[*RoomNow]*Session{}
	for _, s := range program {
		if !s.Scheduled() || s.Cancelled || (keep != nil && !keep(s)) {
			continue
		}
		switch {
		case !s.Start.After(at) && at.Before(s.End):
			nowS = append(nowS, s)
			room(s)
		case s.Start.After(at):
			r := room(s)
			if n := next[r]; n == nil || s.Start.Before(n.Start) || (s.Start.Equal(n.Start) && Less(s, n)) {
				next[r] = s
			}
		}
	}
	sortSessions(nowS)

	pickOf := map[string]*Pick{}
	var active []*Pick
	for _, p := range picks {
		if p.Personal {
			continue
		}
		pickOf[p.ID] = p
	}
	for _, p := range livePicks(picks) {
		// A pick over by now clashes with nothing one could still join.
		if p.Scheduled() && !p.Cancelled && p.End.After(at) {
			active = append(active, p)
		}
	}
	sortPicks(active)
	window := maxWalk(v)
	entry := func(s *Session) NowEntry {
		e := NowEntry{Session: s, Pick: pickOf[s.ID]}
		for _, p := range active {
			if p.ID == s.ID || !mayClash(&p.Session, s, window) {
				continue
			}
			if typ, n, bad := Conflict(&p.Session, s, v); bad {
				e.Clashes = append(e.Clashes, PickClash{Pick: p, Type: typ, Minutes: n})
			}
		}
		return e
	}
	for _, s := range nowS {
		r := room(s)
		r.Now = append(r.Now, entry(s))
	}
	for r, s := range next {
		e := entry(s)
		r.Next = &e
	}

	first := func(r *RoomNow) time.Time {
		if len(r.Now) > 0 {
			return r.Now[0].Session.Start
		}
		return r.Next.Session.Start
	}
	for _, k := range order {
		res.Rooms = append(res.Rooms, *byRoom[k])
	}
	sort.SliceStable(res.Rooms, func(i, j int) bool {
		a, b := &res.Rooms[i], &res.Rooms[j]
		if (len(a.Now) > 0) != (len(b.Now) > 0) {
			return len(a.Now) > 0
		}
		if fa, fb := first(a), first(b); !fa.Equal(fb) {
			return fa.Before(fb)
		}
		return strings.ToLower(a.Room) < strings.ToLower(b.Room)
	})
	return res
}
