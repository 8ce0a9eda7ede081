package browse

import (
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/plan-cli/plan/export/present"
	"github.com/plan-cli/plan/schedule"
)

// program is the program by day.
type program struct {
	days  []schedule.Day // in order
	byDay map[schedule.Day][]*schedule.Session
}

func groupDays(sessions []*schedule.Session) program {
	p := program{byDay: map[schedule.Day][]*schedule.Session{}}
	for _, s := range sessions {
		d := s.Day()
		if d.IsZero() {
			continue
		}
		if _, ok := p.byDay[d]; !ok {
			p.days = append(p.days, d)
		}
		p.byDay[d] = append(p.byDay[d], s)
	}
	slices.Sort(p.days)
	return p
}

// date is day i, no day when the program has no scheduled session.
func (p program) date(i int) schedule.Day {
	if i < 0 || i >= len(p.days) {
		return 0
	}
	return p.days[i]
}

// dayOf is the index of the day of t, if the program has it.
func (p program) dayOf(t time.Time) (int, bool) {
	for i, d := range p.days {
		if d == schedule.DayOf(t) {
			return i, true
		}
	}
	return 0, false
}

// dayName is "Sat 31 Jan".
func dayName(d schedule.Day) string { return d.Format("Mon 2 Jan") }

// filters are what narrows the day: the search and the keys K T R F P A.
type filters struct {
	query   present.Query
	kind    schedule.Kind
	track   string
	room    string
	fits    bool // only what fits the plan
	picked  bool // only picks
	fromNow bool // only what is not over
}

// words are the filters as the header lists them.
func (f filters) words() []string {
	var out []string
	if len(f.query) > 0 {
		out = append(out, "/"+strings.Join(f.query, " "))
	}
	if f.kind != "" {
		out = append(out, "kind "+string(f.kind))
	}
	if f.track != "" {
		out = append(out, "track "+orNone(f.track))
	}
	if f.room != "" {
		out = append(out, "room "+f.room)
	}
	for _, b := range []struct {
		on   bool
		word string
	}{{f.fits, "fits plan"}, {f.picked, "picked"}, {f.fromNow, "from now"}} {
		if b.on {
			out = append(out, b.word)
		}
	}
	return out
}

// pass reports whether s passes every filter but the search and the day;
// fit is nil unless f.fits.
func (f filters) pass(s *schedule.Session, mk *marks, fit *schedule.Fitter, now time.Time) bool {
	switch {
	case f.kind != "" && s.Kind != f.kind,
		f.track != "" && s.Track != f.track,
		f.room != "" && s.Room != f.room,
		f.picked && mk.picks[s.ID] == nil,
		f.fromNow && !s.End.After(now),
		fit != nil && !fit.Fits(s):
		return false
	}
	return true
}

// day is one day of the program under the filters: what every page
// draws from. It is built anew when the day, a filter, the plan (under
// F or P) or the clock changes, and never changed after, so copies of
// the browser may share it.
type day struct {
	date   schedule.Day
	shown  []*schedule.Session  // in time order
	tracks []trackCount         // by name
	rooms  []string             // by name
	other  map[schedule.Day]int // matches of the search on the other days
}

type trackCount struct {
	name string
	n    int
}

func (p program) build(date schedule.Day, f filters, mk *marks, now time.Time) *day {
	var fit *schedule.Fitter
	if f.fits {
		fit = schedule.NewFitter(mk.plan.Active(), &mk.plan.Venue)
	}
	d := &day{date: date}
	tc := map[string]int{}
	roomSet := map[string]bool{}
	for _, s := range p.byDay[date] {
		if !f.pass(s, mk, fit, now) || !f.query.Match(s) {
			continue
		}
		d.shown = append(d.shown, s)
		tc[s.Track]++
		roomSet[s.Room] = true
	}
	if len(f.query) > 0 {
		d.other = map[schedule.Day]int{}
		for _, o := range p.days {
			if o == date {
				continue
			}
			for _, s := range p.byDay[o] {
				if f.query.Match(s) && f.pass(s, mk, fit, now) {
					d.other[o]++
				}
			}
		}
	}
	for name, n := range tc {
		d.tracks = append(d.tracks, trackCount{name, n})
	}
	sort.Slice(d.tracks, func(i, j int) bool { return strings.ToLower(d.tracks[i].name) < strings.ToLower(d.tracks[j].name) })
	for r := range roomSet {
		d.rooms = append(d.rooms, r)
	}
	sort.Slice(d.rooms, func(i, j int) bool { return strings.ToLower(d.rooms[i]) < strings.ToLower(d.rooms[j]) })
	return d
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

func orSpace(s string) string {
	if s == "" {
		return " "
	}
	return s
}

func quote(s string) string { return "“" + s + "”" }
