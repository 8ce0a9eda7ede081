package schedule

import (
	"encoding/binary"
	"fmt"
	"math"
	"strings"
	"time"
)

// OptimizeResult is what Optimize chose.
type OptimizeResult struct {
	// Keep is the best clash-free, walkable schedule, in time order.
	Keep []*Pick
	// Drop lists the picks left out, in time order, each with the kept
	// picks it clashes with.
	Drop []DroppedPick
	// Conflicts are the musts that clash with each other (ordered as
	// FindClashes orders them). At most one side of each can be kept;
	// they are reported here so that no must goes silently.
	Conflicts []Clash
	// Untouched are active picks that take no part because they have no
	// usable time (unscheduled, or ending before they start), are gone
	// from the program, or were cancelled. Optimize neither keeps nor
	// drops them; they stay as they are.
	Untouched []*Pick
	// Score counts the kept picks by priority.
	Score Score
}

// Score counts picks by priority. Optimize maximises it lexicographically,
// first Must, then Want, then Maybe, before anything else (see Optimize
// for what decides between schedules with the same score).
type Score struct {
	Must, Want, Maybe int
}

// Less reports whether s is worse than o (fewer musts, or as many musts
// and fewer wants, or as many of both and fewer maybes).
func (s Score) Less(o Score) bool {
	if s.Must != o.Must {
		return s.Must < o.Must
	}
	if s.Want != o.Want {
		return s.Want < o.Want
	}
	return s.Maybe < o.Maybe
}

func (s *Score) add(p Priority) {
	switch p.rank() {
	case 0:
		s.Must++
	case 1:
		s.Want++
	default:
		s.Maybe++
	}
}

// DroppedPick is a pick Optimize leaves out, and why. (optimize --apply
// gives it the status Dropped.)
type DroppedPick struct {
	Pick *Pick
	// Reason says in one line what it clashes with, e.g.
	// `overlaps "Opening" (must) by 30 min`.
	Reason string
	// Because are the kept picks it clashes with, in time order; Clashes
	// holds the matching clash for each (A is the one that starts first).
	Because []*Pick
	Clashes []Clash
}

// Optimize chooses, from the active picks, the subset to attend: no two of
// the chosen overlap or are too close to walk between (Conflict is false
// for every pair), and among all such subsets the best by this order,
// each step deciding only between subsets equal on every step before it:
//
//  1. the most musts, then the most wants, then the most maybes;
//  2. the most time in sessions (the sum of the kept picks' lengths)
//     among the musts, then among the wants, then among the maybes;
//  3. the most program sessions (picks that are not personal entries
//     such as a booth visit) among the musts, then the wants, then the
//     maybes;
//  4. the earlier-ending subset: listing each subset's sessions by end
//     time, the first place where they differ decides, the earlier end
//     winning; equal ends are decided by the session order (Less, then
//     id). So the choice is deterministic.
//
// So a 60-minute talk is kept over a 15-minute booth visit of the same
// priority that overlaps it, and a booth visit never wins over a talk of
// the same priority and length. The answer is exact: no other clash-free
// subset is better by this order.
//
// Skipped and dropped picks take no part and are not reported.
// Unscheduled, gone and cancelled picks are returned in Untouched. Musts
// that clash with each other are returned in Conflicts; the best schedule
// is chosen anyway.
//
// How: the picks are sorted by start, then end. For a pick x sorted before
// y, the two are compatible exactly when y starts no earlier than x's end
// plus the walk from x's room to y's. So everything the picks chosen so far
// say about the rest is, per room, the earliest start still allowed there;
// a dynamic programme over (position, those earliest starts) is exact even
// when walking times do not obey the triangle inequality, since the order
// above compares sums of per-pick values (steps 1-3) lexicographically,
// which adding the same pick to two subsets never reverses. Only starts
// later than the current position's start constrain anything, so the state
// stays small: with realistic walks, a few recent picks.
func Optimize(picks []*Pick, v *Venue) OptimizeResult {
	var res OptimizeResult
	var live []*Pick
	for _, p := range picks {
		switch {
		case p.Status.SetAside():
			continue
		case !p.Scheduled() || p.End.Before(p.Start) || p.Gone || p.Cancelled:
			res.Untouched = append(res.Untouched, p)
		default:
			live = append(live, p)
		}
	}
	sortPicks(live)
	sortPicks(res.Untouched)

	var musts []*Pick
	for _, p := range live {
		if p.Priority.rank() == 0 {
			musts = append(musts, p)
		}
	}
	res.Conflicts = FindClashes(musts, v)

	keep := newOptimizer(live, v).solve()
	kept := make(map[*Pick]bool, len(keep))
	for _, p := range keep {
		kept[p] = true
		res.Score.add(p.Priority)
	}
	res.Keep = keep
	window := maxWalk(v)
	for _, p := range live {
		if kept[p] {
			continue
		}
		d := DroppedPick{Pick: p}
		for _, k := range keep {
			if !mayClash(&k.Session, &p.Session, window) {
				continue
			}
			if typ, min, ok := Conflict(&k.Session, &p.Session, v); ok {
				c := Clash{A: k, B: p, Type: typ, Minutes: min}
				if startsBefore(p, k) {
					c.A, c.B = p, k
				}
				d.Because = append(d.Because, k)
				d.Clashes = append(d.Clashes, c)
			}
		}
		d.Reason = dropReason(p, d.Clashes, v)
		res.Drop = append(res.Drop, d)
	}
	return res
}

// startsBefore orders two picks as Conflict does: by start, then end.
func startsBefore(a, b *Pick) bool {
	if !a.Start.Equal(b.Start) {
		return a.Start.Before(b.Start)
	}
	return a.End.Before(b.End)
}

func dropReason(p *Pick, clashes []Clash, v *Venue) string {
	if len(clashes) == 0 { // cannot happen: a dropped pick clashing with nothing would have been kept
		return "not needed"
	}
	parts := make([]string, len(clashes))
	for i, c := range clashes {
		other := c.A
		if other == p {
			other = c.B
		}
		name := fmt.Sprintf("%q (%s)", other.Title, priorityWord(other.Priority))
		switch c.Type {
		case Overlap:
			parts[i] = fmt.Sprintf("overlaps %s by %d min", name, c.Minutes)
		default:
			walk := ceilMinutes(v.WalkTime(c.A.Room, c.B.Room))
			gap := int(c.B.Start.Sub(c.A.End) / time.Minute)
			dir := "after"
			if other == c.B {
				dir = "before"
			}
			parts[i] = fmt.Sprintf("only %d min %s %s to walk from %s to %s, which takes %d min",
				gap, dir, name, c.A.Room, c.B.Room, walk)
		}
	}
	return strings.Join(parts, "; ")
}

func priorityWord(p Priority) string {
	switch p.rank() {
	case 0:
		return string(Must)
	case 2:
		return string(Maybe)
	}
	return string(Want)
}

// optimizer is the dynamic programme behind Optimize.
type optimizer struct {
	picks  []*Pick           // sorted by start, then end (then Less, id)
	weight []value           // each pick's contribution
	room   []int             // each pick's room index
	walk   [][]time.Duration // walk[r][s] between room indexes
	memo   []map[string]int  // per position: state key -> node
	nodes  []node
}

// value is what a subset of picks is worth to Optimize, compared
// lexicographically in the order of Optimize's steps 1-3: the kept picks
// per priority (must, want, maybe), their time in sessions per priority
// (nanoseconds), and the program sessions among them per priority. A
// subset's value is the sum of its picks' values.
type value [9]int64

// pickValue is one pick's contribution to a subset's value.
func pickValue(p *Pick) value {
	var v value
	r := p.Priority.rank()
	v[r] = 1
	v[3+r] = int64(p.End.Sub(p.Start))
	if !p.Personal {
		v[6+r] = 1
	}
	return v
}

// less reports whether a is worth less than b.
func (a value) less(b value) bool {
	for i := range a {
		if a[i] != b[i] {
			return a[i] < b[i]
		}
	}
	return false
}

func (a value) plus(b value) value {
	for i := range a {
		a[i] += b[i]
	}
	return a
}

// node is the best choice from one (position, state).
type node struct {
	score value
	take  bool // whether the pick at this position is kept
	next  int  // node of the following position after this choice, -1 at the end
	first int  // position of the first kept pick from here on, -1 if none
}

func newOptimizer(live []*Pick, v *Venue) *optimizer {
	o := &optimizer{picks: make([]*Pick, len(live))}
	copy(o.picks, live)
	// live is sorted by Less (start, end, room, title, id), which already
	// sorts by start then end, the order the recurrence needs.
	rooms := map[string]int{}
	var names []string
	o.room = make([]int, len(o.picks))
	o.weight = make([]value, len(o.picks))
	for i, p := range o.picks {
		r, ok := rooms[p.Room]
		if !ok {
			r = len(names)
			rooms[p.Room] = r
			names = append(names, p.Room)
		}
		o.room[i] = r
		o.weight[i] = pickValue(p)
	}
	o.walk = walkMatrix(names, v)
	o.memo = make([]map[string]int, len(o.picks)+1)
	return o
}

// solve returns the kept picks in order.
func (o *optimizer) solve() []*Pick {
	if len(o.picks) == 0 {
		return nil
	}
	st := make([]int64, len(o.walk))
	o.normalise(0, st)
	n := o.best(0, st)
	var keep []*Pick
	for i := 0; n >= 0; i++ {
		nd := o.nodes[n]
		if nd.take {
			keep = append(keep, o.picks[i])
		}
		n = nd.next
	}
	return keep
}

// none marks a room without constraint in a state.
const none = math.MinInt64

// normalise clears the entries of a state that cannot matter from
// position i on. A state holds, per room, the earliest start (Unix
// nanoseconds) the picks kept so far allow there, or none. Entries not
// later than the start of the pick at position i constrain nothing, since
// no later pick starts before it; clearing them makes equal situations
// equal, so the memo finds them.
func (o *optimizer) normalise(i int, st []int64) {
	at := int64(math.MaxInt64)
	if i < len(o.picks) {
		at = o.picks[i].Start.UnixNano()
	}
	for r, t := range st {
		if t <= at {
			st[r] = none
		}
	}
}

func stateKey(st []int64) string {
	b := make([]byte, 0, 16)
	for r, t := range st {
		if t != none {
			b = binary.AppendUvarint(b, uint64(r))
			b = binary.AppendVarint(b, t)
		}
	}
	return string(b)
}

// best returns the node for position i in state st (normalised for i).
func (o *optimizer) best(i int, st []int64) int {
	if i == len(o.picks) {
		return -1
	}
	key := stateKey(st)
	if o.memo[i] == nil {
		o.memo[i] = map[string]int{}
	}
	if n, ok := o.memo[i][key]; ok {
		return n
	}
	p := o.picks[i]
	// Leave pick i out.
	skip := append([]int64(nil), st...)
	o.normalise(i+1, skip)
	sn := o.best(i+1, skip)
	nd := node{next: sn, first: -1}
	if sn >= 0 {
		nd.score, nd.first = o.nodes[sn].score, o.nodes[sn].first
	}
	// Keep pick i, if the picks kept so far allow it.
	if p.Start.UnixNano() >= st[o.room[i]] {
		take := append([]int64(nil), st...)
		end := p.End.UnixNano()
		for r, w := range o.walk[o.room[i]] {
			if t := end + int64(w); t > take[r] {
				take[r] = t
			}
		}
		o.normalise(i+1, take)
		tn := o.best(i+1, take)
		score := o.weight[i]
		if tn >= 0 {
			score = score.plus(o.nodes[tn].score)
		}
		// The taken schedule starts with pick i; the other starts with a
		// later pick. Same value: the earlier end wins, then the earlier
		// position (i).
		if nd.score.less(score) || (score == nd.score && (nd.first < 0 || !o.picks[nd.first].End.Before(p.End))) {
			nd = node{score: score, take: true, next: tn, first: i}
		}
	}
	o.nodes = append(o.nodes, nd)
	n := len(o.nodes) - 1
	o.memo[i][key] = n
	return n
}

// walkMatrix is v.WalkTime between every two of the named rooms. It reads
// the venue's walks once instead of once per pair, which matters for
// congresses with dozens of rooms.
func walkMatrix(names []string, v *Venue) [][]time.Duration {
	m := make([][]time.Duration, len(names))
	set := make([][]bool, len(names))
	for a := range names {
		m[a] = make([]time.Duration, len(names))
		set[a] = make([]bool, len(names))
		for b := range names {
			if v == nil || names[a] == "" || names[b] == "" || strings.EqualFold(names[a], names[b]) {
				set[a][b] = true
			}
		}
	}
	if v == nil {
		return m
	}
	matching := func(room string) []int {
		var out []int
		for i, n := range names {
			if strings.EqualFold(n, room) {
				out = append(out, i)
			}
		}
		return out
	}
	// The first walk listed for a pair wins, as in WalkTime.
	for _, w := range v.Walks {
		from, to := matching(w.From), matching(w.To)
		for _, a := range from {
			for _, b := range to {
				for _, ab := range [2][2]int{{a, b}, {b, a}} {
					if !set[ab[0]][ab[1]] {
						m[ab[0]][ab[1]] = w.Minutes.Duration()
						set[ab[0]][ab[1]] = true
					}
				}
			}
		}
	}
	for a := range names {
		for b := range names {
			if !set[a][b] {
				m[a][b] = v.DefaultWalk.Duration()
			}
		}
	}
	return m
}
