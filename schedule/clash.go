package schedule

import (
	"sort"
	"time"
)

// ClashType says why two picks cannot both be attended.
type ClashType string

const (
	// Overlap: the two sessions share time.
	Overlap ClashType = "overlap"
	// Tight: one ends before the other starts, but not early enough to
	// walk between their rooms.
	Tight ClashType = "tight"
)

// Clash is a pair of picks that do not fit together. A starts first.
// Minutes is the overlap for an Overlap and the shortfall for a Tight.
type Clash struct {
	A, B    *Pick
	Type    ClashType
	Minutes int
}

// Conflict tells whether two scheduled sessions clash given the venue's
// walking times, and how.
func Conflict(a, b *Session, v *Venue) (ClashType, int, bool) {
	if !a.Scheduled() || !b.Scheduled() {
		return "", 0, false
	}
	if a.Start.After(b.Start) || (a.Start.Equal(b.Start) && a.End.After(b.End)) {
		a, b = b, a
	}
	if b.Start.Before(a.End) && a.Start.Before(b.End) {
		end := a.End
		if b.End.Before(end) {
			end = b.End
		}
		// A zero-length entry inside a session counts as an overlap of 0
		// minutes: one cannot be in both places at that moment.
		return Overlap, ceilMinutes(end.Sub(b.Start)), true
	}
	if v == nil {
		return "", 0, false
	}
	gap := b.Start.Sub(a.End)
	if walk := v.WalkTime(a.Room, b.Room); gap < walk {
		return Tight, ceilMinutes(walk - gap), true
	}
	return "", 0, false
}

func ceilMinutes(d time.Duration) int {
	return int((d + time.Minute - 1) / time.Minute)
}

// FindClashes returns every pair of the given picks that overlap, and,
// with a venue, every pair whose transition is too short to walk. Skipped,
// dropped, unscheduled, cancelled and gone picks take no part. It sorts by start and
// sweeps, comparing each pick only with those still running (or ending
// within the longest walk), so it is fast for any number of picks.
func FindClashes(picks []*Pick, v *Venue) []Clash {
	live := make([]*Pick, 0, len(picks))
	for _, p := range picks {
		if p.Status.SetAside() || !p.Scheduled() || p.Gone || p.Cancelled {
			continue
		}
		live = append(live, p)
	}
	sort.SliceStable(live, func(i, j int) bool { return Less(&live[i].Session, &live[j].Session) })
	window := maxWalk(v)
	var clashes []Clash
	var active []*Pick // picks whose end+window is after the current start
	for _, p := range live {
		keep := active[:0]
		for _, a := range active {
			if a.End.Add(window).After(p.Start) {
				keep = append(keep, a)
			}
		}
		active = keep
		for _, a := range active {
			if typ, min, ok := Conflict(&a.Session, &p.Session, v); ok {
				clashes = append(clashes, Clash{A: a, B: p, Type: typ, Minutes: min})
			}
		}
		active = append(active, p)
	}
	sort.SliceStable(clashes, func(i, j int) bool {
		if !clashes[i].B.Start.Equal(clashes[j].B.Start) {
			return clashes[i].B.Start.Before(clashes[j].B.Start)
		}
		return clashes[i].A.Start.Before(clashes[j].A.Start)
	})
	return clashes
}

// mayClash is false when a and b are so far apart that no walk of at most
// window can make them clash, which spares looking up the walk (Conflict
// searches the venue's list of walks). It is true for anything else,
// including sessions without times; Conflict then decides.
func mayClash(a, b *Session, window time.Duration) bool {
	if !a.Scheduled() || !b.Scheduled() {
		return true
	}
	return a.End.Add(window).After(b.Start) && b.End.Add(window).After(a.Start)
}
