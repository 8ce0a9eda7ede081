package schedule_test

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/plan-cli/plan/schedule"
	"github.com/plan-cli/plan/schedule/importer"
)

// la is where the hand-made test conferences happen.
var la = mustZone("America/Los_Angeles")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// at is a wall-clock time "2025-03-07 10:30" in loc.
func at(loc *time.Location, s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
	if err != nil {
		panic(err)
	}
	return t
}

// pick makes a planned pick on 2025-03-07 in Los Angeles; start and end
// are "10:00"-style clocks.
func pick(id, start, end, room string, pr schedule.Priority) *schedule.Pick {
	p := &schedule.Pick{Priority: pr, Status: schedule.Planned}
	p.ID, p.Title, p.Room, p.Kind = id, "Session "+id, room, schedule.KindTalk
	p.Start, p.End = at(la, "2025-03-07 "+start), at(la, "2025-03-07 "+end)
	return p
}

func ids(ps []*schedule.Pick) []string {
	out := []string{}
	for _, p := range ps {
		out = append(out, p.ID)
	}
	return out
}

func dropIDs(ds []schedule.DroppedPick) []string {
	out := []string{}
	for _, d := range ds {
		out = append(out, d.Pick.ID)
	}
	return out
}

// issuePicks are the picks of issue 6.
func issuePicks() []*schedule.Pick {
	return []*schedule.Pick{
		pick("A", "10:00", "11:00", "Room 101", schedule.Must),
		pick("B", "10:30", "11:30", "Room 102", schedule.Want),
		pick("C", "11:00", "12:00", "Room 103", schedule.Want),
		pick("D", "11:30", "12:30", "Room 102", schedule.Maybe),
		pick("E", "12:00", "13:00", "Room 103", schedule.Want),
	}
}

func TestOptimizeIssueExample(t *testing.T) {
	picks := issuePicks()
	res := schedule.Optimize(picks, &schedule.Venue{})
	if got := ids(res.Keep); !slices.Equal(got, []string{"A", "C", "E"}) {
		t.Fatalf("keep = %v, want [A C E]", got)
	}
	if res.Score != (schedule.Score{Must: 1, Want: 2}) {
		t.Errorf("score = %+v, want 1 must, 2 wants", res.Score)
	}
	if got := dropIDs(res.Drop); !slices.Equal(got, []string{"B", "D"}) {
		t.Fatalf("drop = %v, want [B D]", got)
	}
	if got := ids(res.Drop[0].Because); !slices.Equal(got, []string{"A", "C"}) {
		t.Errorf("B dropped because of %v, want [A C]", got)
	}
	if got, want := res.Drop[0].Reason, `overlaps "Session A" (must) by 30 min; overlaps "Session C" (want) by 30 min`; got != want {
		t.Errorf("B's reason = %q, want %q", got, want)
	}
	if got := ids(res.Drop[1].Because); !slices.Equal(got, []string{"C", "E"}) {
		t.Errorf("D dropped because of %v, want [C E]", got)
	}
	if got, want := res.Drop[1].Reason, `overlaps "Session C" (want) by 30 min; overlaps "Session E" (want) by 30 min`; got != want {
		t.Errorf("D's reason = %q, want %q", got, want)
	}
	if len(res.Conflicts) != 0 || len(res.Untouched) != 0 {
		t.Errorf("conflicts %v, untouched %v; want none", res.Conflicts, ids(res.Untouched))
	}

	// plan walk "Room 101" "Room 103" 10m
	v := &schedule.Venue{}
	v.SetWalk("Room 101", "Room 103", 10)
	typ, min, ok := schedule.Conflict(&picks[0].Session, &picks[2].Session, v)
	if !ok || typ != schedule.Tight || min != 10 {
		t.Fatalf("Conflict(A, C) = %v %d %v, want tight 10 true", typ, min, ok)
	}
	res = schedule.Optimize(picks, v)
	if got := ids(res.Keep); !slices.Equal(got, []string{"A", "E"}) {
		t.Fatalf("with the walk keep = %v, want [A E]", got)
	}
	if got := dropIDs(res.Drop); !slices.Equal(got, []string{"B", "C", "D"}) {
		t.Fatalf("with the walk drop = %v, want [B C D]", got)
	}
	c := res.Drop[1]
	if len(c.Clashes) != 1 || c.Clashes[0].Type != schedule.Tight || c.Clashes[0].Minutes != 10 || c.Clashes[0].A.ID != "A" || c.Clashes[0].B.ID != "C" {
		t.Errorf("C's clashes = %+v, want one tight clash A->C, 10 min short", c.Clashes)
	}
	if got, want := c.Reason, `only 0 min after "Session A" (must) to walk from Room 101 to Room 103, which takes 10 min`; got != want {
		t.Errorf("C's reason = %q, want %q", got, want)
	}
	if got := ids(res.Drop[2].Because); !slices.Equal(got, []string{"E"}) {
		t.Errorf("D dropped because of %v, want [E]", got)
	}
}

func TestOptimizeMustsThatClashAreReported(t *testing.T) {
	picks := []*schedule.Pick{
		pick("M2", "10:30", "11:30", "Hall", schedule.Must),
		pick("M1", "10:00", "11:00", "Room 101", schedule.Must),
		pick("W", "11:30", "12:00", "Hall", schedule.Want),
		pick("M3", "13:00", "14:00", "Room 101", schedule.Must),
		pick("M4", "14:05", "15:00", "Hall", schedule.Must),
	}
	v := &schedule.Venue{DefaultWalk: 10}
	res := schedule.Optimize(picks, v)
	if len(res.Conflicts) != 2 {
		t.Fatalf("conflicts = %+v, want M1/M2 and M3/M4", res.Conflicts)
	}
	c := res.Conflicts[0]
	if c.A.ID != "M1" || c.B.ID != "M2" || c.Type != schedule.Overlap || c.Minutes != 30 {
		t.Errorf("first conflict = %s/%s %s %d, want M1/M2 overlap 30", c.A.ID, c.B.ID, c.Type, c.Minutes)
	}
	c = res.Conflicts[1]
	if c.A.ID != "M3" || c.B.ID != "M4" || c.Type != schedule.Tight || c.Minutes != 5 {
		t.Errorf("second conflict = %s/%s %s %d, want M3/M4 tight 5", c.A.ID, c.B.ID, c.Type, c.Minutes)
	}
	// {M1, W, M3} and {M2, W, M3} score the same; M1 ends first. W
	// follows M1 with 30 minutes to walk, M2 in the same room.
	if got := ids(res.Keep); !slices.Equal(got, []string{"M1", "W", "M3"}) {
		t.Errorf("keep = %v, want [M1 W M3]", got)
	}
	if got := dropIDs(res.Drop); !slices.Equal(got, []string{"M2", "M4"}) {
		t.Errorf("drop = %v, want [M2 M4]", got)
	}
}

// booth makes a personal entry, like 'plan add --title … --start …'.
func booth(id, start, end, room string, pr schedule.Priority) *schedule.Pick {
	p := pick(id, start, end, room, pr)
	p.Title, p.Kind, p.Personal = id, schedule.KindBooth, true
	return p
}

// Among picks of the same priority the longer one wins, and a talk wins
// over a booth visit of the same length, even when the booth ends first
// (the new user's SCALE 22x plan: a 15-minute booth visit had kept out a
// 60-minute talk, both wants).
func TestOptimizePrefersTimeInSessionsThenProgram(t *testing.T) {
	talk := pick("baking-turingpi-home-lab", "14:00", "15:00", "Room 104", schedule.Want)
	visit := booth("my-bluesky-atproto-booth", "14:00", "14:15", "Expo Hall", schedule.Want)
	res := schedule.Optimize([]*schedule.Pick{visit, talk}, &schedule.Venue{})
	if got := ids(res.Keep); !slices.Equal(got, []string{"baking-turingpi-home-lab"}) {
		t.Errorf("keep = %v, want the 60-minute talk", got)
	}
	if got, want := res.Drop[0].Reason, `overlaps "Session baking-turingpi-home-lab" (want) by 15 min`; got != want {
		t.Errorf("the booth's reason = %q, want %q", got, want)
	}

	// Same length: the talk, though the booth ends first.
	talk = pick("T", "10:30", "11:00", "Room 104", schedule.Want)
	visit = booth("my-booth", "10:15", "10:45", "Expo Hall", schedule.Want)
	if got := ids(schedule.Optimize([]*schedule.Pick{visit, talk}, nil).Keep); !slices.Equal(got, []string{"T"}) {
		t.Errorf("keep = %v, want the talk over a booth visit as long", got)
	}
	// A booth of a higher priority still wins.
	visit.Priority = schedule.Must
	if got := ids(schedule.Optimize([]*schedule.Pick{visit, talk}, nil).Keep); !slices.Equal(got, []string{"my-booth"}) {
		t.Errorf("keep = %v, want the must booth over a want talk", got)
	}
	// Two booths of the same priority and length: the one ending first.
	other := booth("my-other-booth", "10:30", "11:00", "Expo Hall", schedule.Must)
	if got := ids(schedule.Optimize([]*schedule.Pick{other, visit, talk}, nil).Keep); !slices.Equal(got, []string{"my-booth"}) {
		t.Errorf("keep = %v, want the booth that ends first", got)
	}

	// Time counts priority by priority: a long must and a short want beat
	// a short must and a long want (as much time in all, and ending
	// later).
	m1 := pick("m-long", "10:00", "11:00", "A", schedule.Must)
	w1 := pick("w-short", "11:00", "11:15", "A", schedule.Want)
	m2 := pick("m-short", "10:00", "10:15", "A", schedule.Must)
	w2 := pick("w-long", "10:15", "11:15", "A", schedule.Want)
	if got := ids(schedule.Optimize([]*schedule.Pick{m1, w1, m2, w2}, nil).Keep); !slices.Equal(got, []string{"m-long", "w-short"}) {
		t.Errorf("keep = %v, want [m-long w-short]", got)
	}
}

func TestOptimizeLeavesInactivePicksAlone(t *testing.T) {
	skipped := pick("S", "10:00", "11:00", "Hall", schedule.Must)
	skipped.Status = schedule.Skipped
	dropped := pick("D", "10:00", "11:00", "Hall", schedule.Must)
	dropped.Status = schedule.Dropped
	unscheduled := &schedule.Pick{Priority: schedule.Must, Status: schedule.Planned}
	unscheduled.ID, unscheduled.Title = "U", "Hallway track"
	gone := pick("G", "10:00", "11:00", "Hall", schedule.Must)
	gone.Gone = true
	cancelled := pick("X", "10:00", "11:00", "Hall", schedule.Must)
	cancelled.Cancelled = true
	attended := pick("T", "10:30", "11:00", "Hall", schedule.Maybe)
	attended.Status = schedule.Attended
	res := schedule.Optimize([]*schedule.Pick{unscheduled, skipped, dropped, gone, cancelled, attended}, nil)
	if got := ids(res.Keep); !slices.Equal(got, []string{"T"}) {
		t.Errorf("keep = %v, want [T]", got)
	}
	if got := ids(res.Untouched); !slices.Equal(got, []string{"G", "X", "U"}) {
		t.Errorf("untouched = %v, want [G X U]", got)
	}
	if len(res.Drop) != 0 || len(res.Conflicts) != 0 {
		t.Errorf("drop %v conflicts %v, want none", dropIDs(res.Drop), res.Conflicts)
	}
	if res := schedule.Optimize(nil, nil); len(res.Keep) != 0 {
		t.Errorf("no picks kept %v", ids(res.Keep))
	}
}

// TestOptimizeAgainstBruteForce compares Optimize with trying every
// subset on random small plans: random rooms, walks that need not obey the
// triangle inequality, zero-length entries, all priorities, and a few
// picks that take no part.
func TestOptimizeAgainstBruteForce(t *testing.T) {
	rng := rand.New(rand.NewSource(6))
	prios := []schedule.Priority{schedule.Must, schedule.Want, schedule.Maybe, ""}
	durations := []int{0, 5, 10, 15, 20, 30, 45, 60, 90}
	for n := 0; n < 2000; n++ {
		rooms := 1 + rng.Intn(4)
		v := &schedule.Venue{DefaultWalk: schedule.Minutes(rng.Intn(3) * 5)}
		for a := 0; a < rooms; a++ {
			for b := a + 1; b < rooms; b++ {
				if rng.Intn(2) == 0 {
					v.SetWalk(fmt.Sprintf("R%d", a), fmt.Sprintf("r%d", b), schedule.Minutes(rng.Intn(25)))
				}
			}
		}
		var picks []*schedule.Pick
		for i := rng.Intn(13); i > 0; i-- {
			start := at(la, "2025-03-07 10:00").Add(time.Duration(rng.Intn(40)*5) * time.Minute)
			p := &schedule.Pick{Priority: prios[rng.Intn(len(prios))], Status: schedule.Planned}
			p.ID = fmt.Sprintf("p%02d", len(picks))
			p.Room = fmt.Sprintf("R%d", rng.Intn(rooms))
			p.Start = start
			p.End = start.Add(time.Duration(durations[rng.Intn(len(durations))]) * time.Minute)
			p.Personal = rng.Intn(3) == 0
			switch rng.Intn(20) {
			case 0:
				p.Status = schedule.Skipped
			case 1:
				p.Start, p.End = time.Time{}, time.Time{}
			case 2:
				p.Status = schedule.Attended
			case 3:
				p.Status = schedule.Dropped
			}
			picks = append(picks, p)
		}
		rng.Shuffle(len(picks), func(i, j int) { picks[i], picks[j] = picks[j], picks[i] })

		res := schedule.Optimize(picks, v)
		want, wantScore := bruteForce(picks, v)
		if got := ids(res.Keep); !slices.Equal(got, want) || res.Score != wantScore {
			t.Fatalf("instance %d: keep %v score %+v, brute force %v score %+v\n%s", n, got, res.Score, want, wantScore, describe(picks, v))
		}
		for i, a := range res.Keep {
			for _, b := range res.Keep[i+1:] {
				if _, _, bad := schedule.Conflict(&a.Session, &b.Session, v); bad {
					t.Fatalf("instance %d: kept %s and %s clash", n, a.ID, b.ID)
				}
			}
		}
		seen := len(res.Keep) + len(res.Untouched)
		for _, d := range res.Drop {
			seen++
			if len(d.Because) == 0 || len(d.Because) != len(d.Clashes) || d.Reason == "" {
				t.Fatalf("instance %d: %s dropped without a kept pick it clashes with: %+v", n, d.Pick.ID, d)
			}
			for _, k := range d.Because {
				if _, _, bad := schedule.Conflict(&k.Session, &d.Pick.Session, v); !bad || !slices.Contains(res.Keep, k) {
					t.Fatalf("instance %d: %s dropped because of %s, which is not a kept clash", n, d.Pick.ID, k.ID)
				}
			}
		}
		var musts []*schedule.Pick
		for _, p := range picks {
			aside := p.Status == schedule.Skipped || p.Status == schedule.Dropped
			if p.Priority == schedule.Must && !aside && p.Scheduled() {
				musts = append(musts, p)
			}
			if !aside {
				seen--
			}
		}
		if seen != 0 {
			t.Fatalf("instance %d: keep, drop and untouched do not cover the active picks exactly", n)
		}
		pairs := 0
		for i, a := range musts {
			for _, b := range musts[i+1:] {
				if _, _, bad := schedule.Conflict(&a.Session, &b.Session, v); bad {
					pairs++
				}
			}
		}
		if len(res.Conflicts) != pairs {
			t.Fatalf("instance %d: %d must conflicts reported, %d exist", n, len(res.Conflicts), pairs)
		}
	}
}

// bruteForce tries every subset of the scheduled active picks and takes
// the best by Optimize's order: the most musts, wants, maybes; then the
// most time in musts, in wants, in maybes; then the most program sessions
// (not personal) among musts, wants, maybes; then the subset whose picks,
// in session order, end earliest at the first difference (ties: session
// order).
func bruteForce(picks []*schedule.Pick, v *schedule.Venue) ([]string, schedule.Score) {
	var live []*schedule.Pick
	for _, p := range picks {
		if p.Status != schedule.Skipped && p.Status != schedule.Dropped && p.Scheduled() {
			live = append(live, p)
		}
	}
	sort.Slice(live, func(i, j int) bool {
		a, b := &live[i].Session, &live[j].Session
		if schedule.Less(a, b) || schedule.Less(b, a) {
			return schedule.Less(a, b)
		}
		return a.ID < b.ID
	})
	n := len(live)
	bad := make([]uint, n)
	for i := range live {
		for j := range live {
			if _, _, c := schedule.Conflict(&live[i].Session, &live[j].Session, v); i != j && c {
				bad[i] |= 1 << j
			}
		}
	}
	better := func(a, b uint) bool { // is subset a ahead of b on ends?
		for a != 0 && b != 0 {
			i, j := lowest(a), lowest(b)
			if !live[i].End.Equal(live[j].End) {
				return live[i].End.Before(live[j].End)
			}
			if i != j {
				return i < j
			}
			a &^= 1 << i
			b &^= 1 << j
		}
		return false
	}
	var best uint
	var bestScore schedule.Score
	var bestMinutes, bestProgram [3]time.Duration
	for set := uint(0); set < 1<<n; set++ {
		ok := true
		var s schedule.Score
		var minutes, program [3]time.Duration // per priority: must, want, maybe
		for i := 0; i < n && ok; i++ {
			if set&(1<<i) == 0 {
				continue
			}
			ok = set&bad[i] == 0
			level := 1
			switch live[i].Priority {
			case schedule.Must:
				s.Must++
				level = 0
			case schedule.Maybe:
				s.Maybe++
				level = 2
			default:
				s.Want++
			}
			minutes[level] += live[i].End.Sub(live[i].Start)
			if !live[i].Personal {
				program[level]++
			}
		}
		if !ok {
			continue
		}
		ahead := bestScore.Less(s)
		if s == bestScore {
			switch {
			case minutes != bestMinutes:
				ahead = lexLess(bestMinutes, minutes)
			case program != bestProgram:
				ahead = lexLess(bestProgram, program)
			default:
				ahead = better(set, best)
			}
		}
		if ahead {
			best, bestScore, bestMinutes, bestProgram = set, s, minutes, program
		}
	}
	out := []string{}
	for i := range live {
		if best&(1<<i) != 0 {
			out = append(out, live[i].ID)
		}
	}
	return out, bestScore
}

// lexLess compares two triples lexicographically.
func lexLess(a, b [3]time.Duration) bool {
	for i := range a {
		if a[i] != b[i] {
			return a[i] < b[i]
		}
	}
	return false
}

func lowest(x uint) int {
	i := 0
	for x&1 == 0 {
		x >>= 1
		i++
	}
	return i
}

func describe(picks []*schedule.Pick, v *schedule.Venue) string {
	var b strings.Builder
	fmt.Fprintf(&b, "default walk %d, walks %+v\n", v.DefaultWalk, v.Walks)
	for _, p := range picks {
		fmt.Fprintf(&b, "%s %s-%s %s %s %s personal=%v\n", p.ID, p.Start.Format("15:04"), p.End.Format("15:04"), p.Room, p.Priority, p.Status, p.Personal)
	}
	return b.String()
}

// congressPicks picks n sessions of 38C3 (four days, 72 rooms) the way a
// busy attendee might: at random, with random priorities, and walks of 5
// to 15 minutes between the rooms.
func congressPicks(tb testing.TB, n int) ([]*schedule.Pick, *schedule.Venue) {
	tb.Helper()
	name := filepath.Join("..", "testdata", "programs", "38c3-frab-hub-schedule.xml")
	data, err := os.ReadFile(name)
	if err != nil {
		tb.Fatal(err)
	}
	feed, err := importer.Parse(data, "", importer.Options{Name: name})
	if err != nil {
		tb.Fatal(err)
	}
	var sessions []*schedule.Session
	rooms := map[string]bool{}
	for _, s := range feed.Sessions {
		if s.Scheduled() && !s.Cancelled {
			sessions = append(sessions, s)
			rooms[s.Room] = true
		}
	}
	rng := rand.New(rand.NewSource(38))
	rng.Shuffle(len(sessions), func(i, j int) { sessions[i], sessions[j] = sessions[j], sessions[i] })
	prios := []schedule.Priority{schedule.Must, schedule.Want, schedule.Want, schedule.Maybe, schedule.Maybe}
	picks := make([]*schedule.Pick, n)
	for i := range picks {
		picks[i] = &schedule.Pick{Session: *sessions[i], Priority: prios[rng.Intn(len(prios))], Status: schedule.Planned}
	}
	names := make([]string, 0, len(rooms))
	for r := range rooms {
		names = append(names, r)
	}
	sort.Strings(names)
	v := &schedule.Venue{DefaultWalk: 5}
	for i, a := range names {
		for _, b := range names[i+1:] {
			if rng.Intn(3) == 0 {
				v.SetWalk(a, b, schedule.Minutes(5+rng.Intn(11)))
			}
		}
	}
	return picks, v
}

func TestOptimizeCongress(t *testing.T) {
	picks, v := congressPicks(t, 200)
	res := schedule.Optimize(picks, v)
	if len(res.Keep)+len(res.Drop)+len(res.Untouched) != 200 {
		t.Fatalf("keep %d + drop %d + untouched %d != 200", len(res.Keep), len(res.Drop), len(res.Untouched))
	}
	if clashes := schedule.FindClashes(res.Keep, v); len(clashes) != 0 {
		t.Fatalf("kept picks clash: %+v", clashes[0])
	}
	// Every must that clashes with no other must is kept.
	for _, p := range picks {
		if p.Priority != schedule.Must {
			continue
		}
		alone := true
		for _, c := range res.Conflicts {
			alone = alone && c.A.ID != p.ID && c.B.ID != p.ID
		}
		if alone && !slices.Contains(res.Keep, p) {
			t.Errorf("must %s clashes with no other must but was dropped: %s", p.ID, dropReasonOf(res, p))
		}
	}
}

func dropReasonOf(res schedule.OptimizeResult, p *schedule.Pick) string {
	for _, d := range res.Drop {
		if d.Pick == p {
			return d.Reason
		}
	}
	return "not dropped"
}

func BenchmarkOptimize(b *testing.B) {
	picks, v := congressPicks(b, 200)
	b.ResetTimer()
	for b.Loop() {
		schedule.Optimize(picks, v)
	}
}
