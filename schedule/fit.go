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
