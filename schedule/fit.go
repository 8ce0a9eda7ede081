package schedule

import "time"

// Fitter tells whether sessions fit a plan: scheduled, not cancelled, not
// picked already, and clashing with none of the active picks (no overlap,
// time to walk). Build it once for many sessions.
type Fitter struct {
	picks  []*Pick // the scheduled, not cancelled ones
	v      *Venue
	window time.Duration // the longest walk: picks further apart cannot clash
	picked map[string]bool
}

// NewFitter returns a Fitter for the active picks (see Plan.Active).
func NewFitter(active []*Pick, v *Venue) *Fitter {
	ft := &Fitter{v: v, window: maxWalk(v), picked: make(map[string]bool, len(active))}
	for _, p := range active {
		ft.picked[p.ID] = true
		if p.Scheduled() && !p.Cancelled {
			ft.picks = append(ft.picks, p)
		}
	}
	return ft
}

// Fits reports whether s can join the picks.
func (ft *Fitter) Fits(s *Session) bool {
	if !s.Scheduled() || s.Cancelled || ft.picked[s.ID] {
		return false
	}
	for _, p := range ft.picks {
		if !mayClash(&p.Session, s, ft.window) {
			continue
		}
		if _, _, bad := Conflict(&p.Session, s, ft.v); bad {
			return false
		}
	}
	return true
}

// SnapshotPicks copies the picks as they are, so that NowFitting can
// compare the plan before a change with the plan after it. The copies
// share their sessions' slices (speakers), which nothing changes in
// place.
func SnapshotPicks(picks []*Pick) []*Pick {
	out := make([]*Pick, len(picks))
	for i, pk := range picks {
		c := *pk
		out[i] = &c
	}
	return out
}

// NowFitting is the rule for "now fits" after a change that may free time:
// a pick moved, cancelled or gone from the program on re-import, or a pick
// removed. before are the plan's picks as they were (see SnapshotPicks),
// after as they are now, matched by id. It returns, in time order, the
// picks of after that are set aside (skipped, or dropped by optimize) and
//
//   - fit the plan now: scheduled, not cancelled, not gone, and clashing
//     with none of the live picks (no overlap, time to walk; see Fitter),
//   - did not fit it before the change (as they were then, among the live
//     picks as they were then), so the change is what made room, and
//   - have not started at now: a session under way or over is no offer.
//
// Each fits on its own: two that clash with each other are both listed,
// and picking one may rule out the other.
func NowFitting(before, after []*Pick, v *Venue, now time.Time) []*Pick {
	was := make(map[string]*Pick, len(before))
	for _, pk := range before {
		was[pk.ID] = pk
	}
	var fitNow, fitBefore *Fitter
	var out []*Pick
	for _, pk := range after {
		old := was[pk.ID]
		if !pk.Status.SetAside() || pk.Gone || old == nil || pk.Start.Before(now) {
			continue
		}
		if fitNow == nil {
			fitNow, fitBefore = NewFitter(livePicks(after), v), NewFitter(livePicks(before), v)
		}
		if fitNow.Fits(&pk.Session) && (old.Gone || !fitBefore.Fits(&old.Session)) {
			out = append(out, pk)
		}
	}
	sortPicks(out)
	return out
}
