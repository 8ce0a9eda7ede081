package schedule

import "time"

// Fitter tells whether sessions fit a plan: scheduled, not cancelled, not
// picked already, and clashing with none of the active picks (no overlap,
// time to walk). Build it once for many sessions.
type Fitter struct {
	f      *fitter
	picked map[string]bool
}

// NewFitter returns a Fitter for the active picks (see Plan.Active).
func NewFitter(active []*Pick, v *Venue) *Fitter {
	ft := &Fitter{f: newFitter(active, v), picked: map[string]bool{}}
	for _, pk := range active {
		ft.picked[pk.ID] = true
	}
	return ft
}

// Fits reports whether s can join the picks.
func (ft *Fitter) Fits(s *Session) bool {
	if !s.Scheduled() || s.Cancelled || ft.picked[s.ID] {
		return false
	}
	return ft.f.fits(s)
}

// During reports whether now falls between the first start and the last
// end of the program's sessions.
func During(program []*Session, now time.Time) bool {
	var first, last time.Time
	for _, s := range program {
		if !s.Scheduled() {
			continue
		}
		if first.IsZero() || s.Start.Before(first) {
			first = s.Start
		}
		if s.End.After(last) {
			last = s.End
		}
	}
	return !first.IsZero() && !now.Before(first) && !now.After(last)
}
