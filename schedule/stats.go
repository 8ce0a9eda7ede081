package schedule

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"
)

// Stats is the recap "by the numbers": what the user took part in, plus
// what became of every pick and the user's facts. Personal entries such
// as booth visits count like sessions.
//
// Which picks are counted depends on the Phase: after the conference's
// last day the numbers are what was attended, and picks still only
// planned are listed in Pending; before and during the conference they
// are the plan so far, every pick neither skipped nor dropped (see
// Basis). Dropped picks, which optimize --apply left out, are counted
// apart: not a decision the user recorded, so they neither count as
// skipped nor make the numbers those of what was attended.
type Stats struct {
	// Phase says where the conference stood when the numbers were taken.
	Phase Phase
	// Basis is what the numbers count: what was attended after the
	// conference, the plan before and during it, and the plan after it
	// too while no pick is marked attended or skipped (nothing has been
	// recorded yet: zeros would say nothing; PhaseText says so).
	Basis Basis
	// FirstDay and LastDay are the conference's days as the picks know
	// them (in its zone; no day when no pick has a time).
	FirstDay Day
	LastDay  Day
	// Counts is the number of picks per kind; kinds with none are absent.
	// A pick with an unknown or empty kind counts as KindOther.
	Counts map[Kind]int
	// Lines are the recap lines, "1 Workshop", "10 Talks", in the order of
	// Kinds, one per kind in Counts.
	Lines []string
	// Hours is the time covered by scheduled picks, in hours rounded to
	// two decimals. Time when picks overlap counts once: two talks in the
	// same hour are one hour in sessions, since nobody sits in two rooms.
	Hours float64
	// PerDay counts the scheduled picks per day of the conference (its
	// zone), in date order; unscheduled picks are on no day.
	PerDay []DayCount
	// Tracks, Rooms and Speakers are the distinct values (compared without
	// regard to case, first spelling kept), sorted without regard to case.
	Tracks   []string
	Rooms    []string
	Speakers []string
	// Planned, Attended, Skipped and Dropped count every pick by status
	// (a pick with no status is planned); Unplanned counts the picks
	// attended without having been planned first, whatever their status.
	Planned   int
	Attended  int
	Skipped   int
	Dropped   int
	Unplanned int
	// Facts are the plan's facts in the order given.
	Facts []Fact
	// Pending, after the conference, are the picks neither attended nor
	// skipped (cancelled, gone and dropped ones aside), in time order: the
	// recap asks the user to say what became of them. Empty before and
	// during.
	Pending []PendingPick
}

// PendingPick is a pick the recap asks about.
type PendingPick struct {
	ID    string
	Title string
}

// DayCount is the number of counted picks on one day.
type DayCount struct {
	Day      Day // in the conference zone
	Sessions int
	// Hours is the time in sessions that day, overlaps counted once, in
	// hours rounded to two decimals.
	Hours float64
	// Counts is the day's picks per kind.
	Counts map[Kind]int
}

// Phase is where the conference stands at a moment.
type Phase string

const (
	// Before the conference's first day (or when no pick has a time).
	PhaseBefore Phase = "before"
	// During: from the first day to the end of the last.
	PhaseDuring Phase = "during"
	// After the last day, once the last pick has ended.
	PhaseAfter Phase = "after"
)

// Basis is what the numbers count.
type Basis string

const (
	// BasisPlan: every pick neither skipped nor dropped (sessions
	// cancelled or gone from the program only if attended): the plan so
	// far.
	BasisPlan Basis = "plan"
	// BasisAttended: the picks attended, and nothing else.
	BasisAttended Basis = "attended"
)

// counted reports whether numbers on this basis count the pick.
func (b Basis) counted(pk *Pick) bool {
	if pk == nil {
		return false
	}
	if b == BasisAttended {
		return pk.Status == Attended
	}
	if pk.Status.SetAside() {
		return false
	}
	return pk.Status == Attended || !(pk.Cancelled || pk.Gone)
}

// phaseAt is the phase of the conference at now, from the days of the
// plan's picks in its zone (the program itself is not read, so stats
// stay fast on any program): before the first day, after the last day
// once its last pick has ended (a session past midnight keeps the
// conference going), during otherwise. With no scheduled pick it is
// PhaseBefore. It also returns the first and last day.
func phaseAt(p *Plan, now time.Time) (phase Phase, first, last Day) {
	if p == nil {
		return PhaseBefore, 0, 0
	}
	var lastEnd time.Time
	loc := p.Location()
	for _, pk := range p.Picks {
		if pk == nil || !pk.Scheduled() {
			continue
		}
		in := pk.Session.In(loc)
		d := in.Day()
		if first.IsZero() || d.Before(first) {
			first = d
		}
		if d.After(last) {
			last = d
		}
		end := pk.End
		if !end.After(pk.Start) {
			end = pk.Start
		}
		if end.After(lastEnd) {
			lastEnd = end
		}
	}
	if first.IsZero() {
		return PhaseBefore, 0, 0
	}
	today := DayOf(now.In(loc))
	switch {
	case today.Before(first):
		return PhaseBefore, first, last
	case today.After(last) && !now.Before(lastEnd):
		return PhaseAfter, first, last
	}
	return PhaseDuring, first, last
}

// ComputeStats counts the plan "by the numbers" at the moment now (see
// Stats.Phase and Stats.Basis for what is counted when; the phase comes
// from the days of the plan's picks, so the program is not read). Slices
// and the Counts map are never nil. The result depends only on the plan
// and now.
func ComputeStats(p *Plan, now time.Time) Stats {
	st := Stats{
		Phase:    PhaseBefore,
		Basis:    BasisPlan,
		Pending:  []PendingPick{},
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
	st.Phase, st.FirstDay, st.LastDay = phaseAt(p, now)
	st.Basis = BasisPlan
	if st.Phase == PhaseAfter {
		// Dropped picks record nothing: optimize set them aside.
		for _, pk := range p.Picks {
			if pk != nil && (pk.Status == Attended || pk.Status == Skipped) {
				st.Basis = BasisAttended
				break
			}
		}
	}
	loc := p.Location()
	tracks, rooms, speakers := newDistinct(), newDistinct(), newDistinct()
	type dayTally struct {
		n      int
		spans  []span
		counts map[Kind]int
	}
	perDay := map[Day]*dayTally{}
	var spans []span
	var pending []*Pick
	for _, pk := range p.Picks {
		if pk == nil {
			continue
		}
		switch pk.Status {
		case Attended:
			st.Attended++
		case Skipped:
			st.Skipped++
		case Dropped:
			st.Dropped++
		default:
			st.Planned++
		}
		if pk.Unplanned {
			st.Unplanned++
		}
		if st.Phase == PhaseAfter && pk.Status != Attended && !pk.Status.SetAside() && !pk.Cancelled && !pk.Gone {
			pending = append(pending, pk)
		}
		if !st.Basis.counted(pk) {
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
			day := in.Day()
			t := perDay[day]
			if t == nil {
				t = &dayTally{counts: map[Kind]int{}}
				perDay[day] = t
			}
			t.n++
			t.counts[k]++
			if pk.End.After(pk.Start) {
				spans = append(spans, span{pk.Start, pk.End})
				t.spans = append(t.spans, span{pk.Start, pk.End})
			}
		}
	}
	sort.SliceStable(pending, func(i, j int) bool { return Less(&pending[i].Session, &pending[j].Session) })
	for _, pk := range pending {
		st.Pending = append(st.Pending, PendingPick{ID: pk.ID, Title: pk.Title})
	}
	for _, k := range Kinds {
		if n := st.Counts[k]; n > 0 {
			st.Lines = append(st.Lines, Plural(n, k.Label(1), k.Label(2)))
		}
	}
	st.Hours = math.Round(covered(spans).Hours()*100) / 100
	for day, t := range perDay {
		st.PerDay = append(st.PerDay, DayCount{Day: day, Sessions: t.n,
			Hours: math.Round(covered(t.spans).Hours()*100) / 100, Counts: t.counts})
	}
	sort.Slice(st.PerDay, func(i, j int) bool { return st.PerDay[i].Day.Before(st.PerDay[j].Day) })
	st.Tracks, st.Rooms, st.Speakers = tracks.sorted(), rooms.sorted(), speakers.sorted()
	st.Facts = append(st.Facts, p.Facts...)
	return st
}

// The recap's wording, shared by 'plan stats', the Markdown and the HTML
// recap so that they say the same things in the same words.

// TimeText is "17 h 30 min over 4 days"; "" when no counted pick has a
// time.
func (s Stats) TimeText() string {
	if len(s.PerDay) == 0 {
		return ""
	}
	return FormatDuration(time.Duration(math.Round(s.Hours*60))*time.Minute) + " over " + Plural(len(s.PerDay), "day", "")
}

// CoveredText is "10 rooms, 11 tracks, 15 speakers", leaving out what
// is none; "" when all are.
func (s Stats) CoveredText() string {
	var parts []string
	for _, c := range []struct {
		n   int
		one string
	}{{len(s.Rooms), "room"}, {len(s.Tracks), "track"}, {len(s.Speakers), "speaker"}} {
		if c.n > 0 {
			parts = append(parts, Plural(c.n, c.one, ""))
		}
	}
	return strings.Join(parts, ", ")
}

// PicksText is "18 attended (1 unplanned), 3 planned, 1 skipped", with
// ", 5 dropped" when optimize dropped some; "" with no picks.
func (s Stats) PicksText() string {
	if s.Attended+s.Planned+s.Skipped+s.Dropped == 0 {
		return ""
	}
	attended := fmt.Sprintf("%d attended", s.Attended)
	if s.Unplanned > 0 {
		attended += fmt.Sprintf(" (%d unplanned)", s.Unplanned)
	}
	text := fmt.Sprintf("%s, %d planned, %d skipped", attended, s.Planned, s.Skipped)
	if s.Dropped > 0 {
		text += fmt.Sprintf(", %d dropped", s.Dropped)
	}
	return text
}

// PhaseText says, when the numbers are the plan, that they are: "The
// plan so far: FOSDEM 2026 runs until Sunday 1 February 2026." When
// they are what was attended, "".
func (s Stats) PhaseText(conference string) string {
	name := strings.Join(strings.Fields(conference), " ")
	if name == "" {
		name = "the conference"
	}
	day := func(d Day) string { return d.Format("Monday 2 January 2006") }
	switch {
	case s.Phase == PhaseAfter && s.Basis == BasisAttended:
		return ""
	case s.Phase == PhaseAfter:
		return fmt.Sprintf("The plan: %s ended on %s, and no pick is marked attended or skipped yet.", name, day(s.LastDay))
	case s.FirstDay.IsZero():
		return "The plan so far: no pick has a time yet."
	case s.Phase == PhaseDuring:
		return fmt.Sprintf("The plan so far: %s runs until %s.", name, day(s.LastDay))
	}
	return fmt.Sprintf("The plan so far: %s starts on %s.", name, day(s.FirstDay))
}

// PendingText is "3 picks neither attended nor skipped — `plan attend` or
// `plan skip` them" (commands in backticks); "" when there are none.
func (s Stats) PendingText() string {
	switch len(s.Pending) {
	case 0:
		return ""
	case 1:
		return "1 pick neither attended nor skipped — `plan attend` or `plan skip` it"
	}
	return fmt.Sprintf("%d picks neither attended nor skipped — `plan attend` or `plan skip` them", len(s.Pending))
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
