package schedule

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"
)

// Stats is the recap "by the numbers": what the user took part in, counted
// over the picks that were not skipped (personal entries such as booth
// visits count like sessions), plus what became of every pick and the
// user's facts. Its JSON shape is the `plan stats --json` contract.
type Stats struct {
	// Counts is the number of picks per kind; kinds with none are absent.
	// A pick with an unknown or empty kind counts as KindOther.
	Counts map[Kind]int `json:"counts"`
	// Lines are the recap lines, "1 Workshop", "10 Talks", in the order of
	// Kinds, one per kind in Counts.
	Lines []string `json:"lines"`
	// Hours is the time covered by scheduled picks, in hours rounded to
	// two decimals. Time when picks overlap counts once: two talks in the
	// same hour are one hour in sessions, since nobody sits in two rooms.
	Hours float64 `json:"hours"`
	// PerDay counts the scheduled picks per day of the conference (its
	// zone), in date order; unscheduled picks are on no day.
	PerDay []DayCount `json:"per_day"`
	// Tracks, Rooms and Speakers are the distinct values (compared without
	// regard to case, first spelling kept), sorted without regard to case.
	Tracks   []string `json:"tracks"`
	Rooms    []string `json:"rooms"`
	Speakers []string `json:"speakers"`
	// Planned, Attended and Skipped count every pick by status (a pick
	// with no status is planned); Unplanned counts the picks attended
	// without having been planned first, whatever their status.
	Planned   int `json:"planned"`
	Attended  int `json:"attended"`
	Skipped   int `json:"skipped"`
	Unplanned int `json:"unplanned"`
	// Facts are the plan's facts in the order given.
	Facts []Fact `json:"facts"`
}

// DayCount is the number of picks on one day.
type DayCount struct {
	Day      string `json:"day"` // YYYY-MM-DD in the conference zone
	Sessions int    `json:"sessions"`
}

// ComputeStats counts the plan "by the numbers". Slices and the Counts map
// are never nil, so the JSON shape does not change with an empty plan.
func ComputeStats(p *Plan) Stats {
	st := Stats{
		Counts:   map[Kind]int{},
		Lines:    []string{},
		PerDay:   []DayCount{},
		Tracks:   []string{},
		Rooms:    []string{},
		Speakers: []string{},
		Facts:    []Fact{},
	}
	if p == nil {
		return st
	}
	loc := p.Location()
	tracks, rooms, speakers := newDistinct(), newDistinct(), newDistinct()
	type date struct {
		y int
		m time.Month
		d int
	}
	perDay := map[date]int{}
	var spans []span
	for _, pk := range p.Picks {
		if pk == nil {
			continue
		}
		switch pk.Status {
		case Attended:
			st.Attended++
		case Skipped:
			st.Skipped++
		default:
			st.Planned++
		}
		if pk.Unplanned {
			st.Unplanned++
		}
		if pk.Status == Skipped {
			continue
		}
		// A session that was cancelled or left the program counts only if
		// the user says they were there.
		if (pk.Cancelled || pk.Gone) && pk.Status != Attended {
			continue
		}
		k := pk.Kind
		if !k.Valid() {
			k = KindOther
		}
		st.Counts[k]++
		tracks.add(pk.Track)
		rooms.add(pk.Room)
		for _, s := range pk.Speakers {
			speakers.add(s)
		}
		if pk.Scheduled() {
			in := pk.Session.In(loc)
			y, m, d := in.DayTime().Date()
			perDay[date{y, m, d}]++
			if pk.End.After(pk.Start) {
				spans = append(spans, span{pk.Start, pk.End})
			}
		}
	}
	for _, k := range Kinds {
		if n := st.Counts[k]; n > 0 {
			st.Lines = append(st.Lines, Plural(n, k.Label(1), k.Label(2)))
		}
	}
	st.Hours = math.Round(covered(spans).Hours()*100) / 100
	for day, n := range perDay {
		st.PerDay = append(st.PerDay, DayCount{Day: fmt.Sprintf("%04d-%02d-%02d", day.y, day.m, day.d), Sessions: n})
	}
	sort.Slice(st.PerDay, func(i, j int) bool { return st.PerDay[i].Day < st.PerDay[j].Day })
	st.Tracks, st.Rooms, st.Speakers = tracks.sorted(), rooms.sorted(), speakers.sorted()
	st.Facts = append(st.Facts, p.Facts...)
	return st
}

// Headline is the recap's first line: "SCALE, by the numbers: 1 Workshop,
// 10 Talks, …", or "By the numbers: …" when the conference has no name.
func (s Stats) Headline(conference string) string {
	head := "By the numbers"
	if c := strings.TrimSpace(conference); c != "" {
		head = c + ", by the numbers"
	}
	if len(s.Lines) == 0 {
		return head + ": nothing yet"
	}
	return head + ": " + strings.Join(s.Lines, ", ")
}

type span struct{ start, end time.Time }

// covered is the total time inside at least one span.
func covered(spans []span) time.Duration {
	sort.Slice(spans, func(i, j int) bool { return spans[i].start.Before(spans[j].start) })
	var total time.Duration
	var cur span
	for i, s := range spans {
		switch {
		case i == 0:
			cur = s
		case s.start.After(cur.end):
			total += cur.end.Sub(cur.start)
			cur = s
		case s.end.After(cur.end):
			cur.end = s.end
		}
	}
	if len(spans) > 0 {
		total += cur.end.Sub(cur.start)
	}
	return total
}

// distinct collects strings once each, ignoring case and surrounding
// space, keeping the first spelling seen. Spellings already seen skip the
// case folding, which is most of the cost on a large plan.
type distinct struct {
	seen  map[string]bool   // exact spellings met so far
	first map[string]string // folded -> first spelling
}

func newDistinct() distinct { return distinct{seen: map[string]bool{}, first: map[string]string{}} }

func (d distinct) add(s string) {
	if d.seen[s] {
		return
	}
	d.seen[s] = true
	s = strings.TrimSpace(s)
	if s == "" {
		return
	}
	key := strings.ToLower(s)
	if _, ok := d.first[key]; !ok {
		d.first[key] = s
	}
}

func (d distinct) sorted() []string {
	keys := make([]string, 0, len(d.first))
	for k := range d.first {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = d.first[k]
	}
	return out
}
