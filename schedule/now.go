package schedule

import (
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

// NextPicks is how many upcoming picks Now lists at least (when there are
// that many).
const NextPicks = 3

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
	n := NextPicks
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
			if res.RoomNext == nil || s.Start.Before(res.RoomNext.Start) || (s.Start.Equal(res.RoomNext.Start) && lessOrID(s, res.RoomNext)) {
				res.RoomNext = s
			}
		}
	}
	return res
}

// lessOrID orders sessions by Less, then id.
func lessOrID(a, b *Session) bool {
	if Less(a, b) {
		return true
	}
	if Less(b, a) {
		return false
	}
	return a.ID < b.ID
}
