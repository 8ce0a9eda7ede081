package schedule

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

// scaleSession is one entry of the SCALE signage feed, read here with
// encoding/json because the real SCALE importer lives elsewhere.
type scaleSession struct {
	Name, Location, StartTime, EndTime, Speakers, Topic string
}

// loadSCALE22x reads the real SCALE 22x program and returns its sessions
// by exact title, in the conference zone.
func loadSCALE22x(t testing.TB, loc *time.Location) map[string][]Session {
	t.Helper()
	data, err := os.ReadFile("../testdata/programs/scale-22x-sign.json")
	if err != nil {
		t.Fatal(err)
	}
	var feed []scaleSession
	if err := json.Unmarshal(data, &feed); err != nil {
		t.Fatal(err)
	}
	byTitle := map[string][]Session{}
	for i, f := range feed {
		s := Session{ID: fmt.Sprintf("scale-%d", i), Title: f.Name, Room: f.Location, Track: f.Topic, Type: f.Topic}
		switch f.Topic {
		case "Workshops":
			s.Kind = KindWorkshop
		case "BoFs":
			s.Kind = KindBoF
		case "Career Day":
			s.Kind = KindCareer
		case "Keynote":
			s.Kind = KindKeynote
		default:
			s.Kind = KindTalk
		}
		for _, n := range strings.Split(f.Speakers, ",") {
			if n = strings.TrimSpace(n); n != "" {
				s.Speakers = append(s.Speakers, n)
			}
		}
		if f.StartTime != "" {
			if s.Start, err = time.Parse(time.RFC3339, f.StartTime); err != nil {
				t.Fatal(err)
			}
			if s.End, err = time.Parse(time.RFC3339, f.EndTime); err != nil {
				t.Fatal(err)
			}
			s = s.In(loc)
		}
		byTitle[f.Name] = append(byTitle[f.Name], s)
	}
	return byTitle
}

// recapPick is one line of the SCALE scenario: a program session picked
// by exact title, or a personal entry when personal is set.
type recapPick struct {
	title      string
	status     Status
	unplanned  bool
	note       string
	personal   bool
	start, end string // personal entries: "2025-03-07 12:30" in the conference zone
	utc        bool   // store the times in UTC, as a plan edited by hand might
}

// scaleRecap is the scenario on SCALE 22x: 1 workshop, 11 talks
// (one skipped), 2 BoFs, 1 Career Day session, 1 keynote and 6 expo
// booths as personal entries, three of them without a time.
var scaleRecap = []recapPick{
	{title: "Power Editing with vi", status: Attended, note: "Macros are just registers: qa…q, then @a."},
	{title: "Linux is in the Building", status: Attended},
	{title: "Flox as a Guided Path for Nix", status: Attended},
	{title: "Take your pgBadger usage to the next level!", status: Attended},
	{title: "What's our Vector, Victor?", status: Attended, note: "pgvector with HNSW indexes is good enough\nfor most of what we do."},
	{title: "Fedora booth", personal: true, status: Attended, start: "2025-03-07 12:30", end: "2025-03-07 13:00"},
	{title: "How did it come to this? Untangling SA, Dev(*)Ops, SRE, and PE", status: Attended, unplanned: true},
	{title: "Solarpunk Developers Group", status: Planned, utc: true},
	{title: "Robots building Robots", status: Attended},
	{title: "Gotchas of Everyday Systemd", status: Attended, note: "systemd-analyze blame before blaming systemd."},
	{title: "Writing Production Ready Schedulers using Sched Ext", status: Attended},
	{title: "Framework booth", personal: true, status: Attended, start: "2025-03-08 13:30", end: "2025-03-08 14:00"},
	{title: "99 package problems", status: Attended},
	{title: "Confessions of an ADHD-fueled technologi... SQUIRREL!!!", status: Skipped, note: "Watch the recording."},
	{title: "Unpacking Git", status: Attended},
	{title: "FreeBSD booth", personal: true, status: Attended, start: "2025-03-09 10:00", end: "2025-03-09 10:30"},
	{title: "Why You Should Join a Community", status: Attended},
	{title: "Towards improving code integrity on Linux", status: Planned},
	{title: "Meet COSMIC DE", status: Planned},
	{title: "AlmaLinux booth", personal: true, status: Attended},
	{title: "#SCALE22x sticker *swap* [Expo Hall]", personal: true, status: Attended},
	{title: "Kwaai_Summit | AI booth", personal: true, status: Attended},
}

// scalePlan builds the scenario's plan from the real program.
func scalePlan(t testing.TB) *Plan {
	t.Helper()
	p := &Plan{Conference: Conference{Name: "SCALE 22x"}}
	if err := p.SetTimeZone("America/Los_Angeles"); err != nil {
		t.Fatal(err)
	}
	loc := p.Location()
	program := loadSCALE22x(t, loc)
	for i, r := range scaleRecap {
		pk := &Pick{Priority: Want, Status: r.status, Note: r.note, Personal: r.personal, Unplanned: r.unplanned}
		if r.personal {
			pk.Session = Session{ID: fmt.Sprintf("me-%d", i), Title: r.title, Kind: KindBooth, Room: "Expo Hall"}
			if r.start != "" {
				pk.Start = mustLocal(t, r.start, loc)
				pk.End = mustLocal(t, r.end, loc)
			}
		} else {
			found := program[r.title]
			if len(found) != 1 {
				t.Fatalf("SCALE 22x has %d sessions titled %q, want 1", len(found), r.title)
			}
			pk.Session = found[0]
		}
		if r.utc {
			pk.Start, pk.End = pk.Start.UTC(), pk.End.UTC()
		}
		p.Picks = append(p.Picks, pk)
	}
	p.SetFact("Price of Parking", "too much")
	p.SetFact("Coffee", "4 cups a day")
	return p
}

func mustLocal(t testing.TB, s string, loc *time.Location) time.Time {
	t.Helper()
	tm, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
	if err != nil {
		t.Fatal(err)
	}
	return tm
}

// duringSCALE is Saturday noon at SCALE 22x; afterSCALE the Monday after.
var (
	duringSCALE = time.Date(2025, 3, 8, 20, 0, 0, 0, time.UTC)
	afterSCALE  = time.Date(2025, 3, 10, 17, 0, 0, 0, time.UTC)
)

// attendAll marks every pick that was not skipped as attended: the recap
// after the conference of someone who went to all of them.
func attendAll(p *Plan) *Plan {
	for _, pk := range p.Picks {
		if pk.Status != Skipped {
			pk.Status = Attended
		}
	}
	return p
}

// During the conference the numbers are the plan so far; after it, for
// someone who attended every pick they kept, the same numbers.
func TestComputeStatsSCALE22xRecap(t *testing.T) {
	for _, tt := range []struct {
		name  string
		p     *Plan
		now   time.Time
		phase Phase
	}{
		{"during, the plan so far", scalePlan(t), duringSCALE, PhaseDuring},
		{"after, all attended", attendAll(scalePlan(t)), afterSCALE, PhaseAfter},
	} {
		t.Run(tt.name, func(t *testing.T) {
			st := ComputeStats(tt.p, tt.now)
			if wantBasis := map[Phase]Basis{PhaseDuring: BasisPlan, PhaseAfter: BasisAttended}[tt.phase]; st.Basis != wantBasis {
				t.Errorf("basis %s, want %s", st.Basis, wantBasis)
			}
			if st.Phase != tt.phase || st.FirstDay.String() != "2025-03-06" || st.LastDay.String() != "2025-03-09" {
				t.Errorf("phase %s from %s to %s, want %s from 2025-03-06 to 2025-03-09", st.Phase, st.FirstDay, st.LastDay, tt.phase)
			}
			if len(st.Pending) != 0 {
				t.Errorf("Pending = %v, want none", st.Pending)
			}
			checkSCALE22xNumbers(t, tt.p, st)
		})
	}
}

func checkSCALE22xNumbers(t *testing.T, p *Plan, st Stats) {
	t.Helper()
	wantCounts := map[Kind]int{KindWorkshop: 1, KindTalk: 10, KindBoF: 2, KindBooth: 6, KindCareer: 1, KindKeynote: 1}
	if !reflect.DeepEqual(st.Counts, wantCounts) {
		t.Errorf("Counts = %v, want %v", st.Counts, wantCounts)
	}
	wantLines := []string{"1 Workshop", "10 Talks", "2 Birds of a Feather (BoF)", "6 Expo Booths", "1 Career Day", "1 Keynote"}
	if !reflect.DeepEqual(st.Lines, wantLines) {
		t.Errorf("Lines = %q, want %q", st.Lines, wantLines)
	}

	// Hours: mark every minute inside a non-skipped pick; a minute shared
	// by two picks (Sunday's career session and the code integrity talk
	// overlap from 11:45 to 12:00) is marked once.
	minutes := map[int64]bool{}
	sum := time.Duration(0)
	for _, pk := range p.Picks {
		if pk.Status == Skipped || !pk.Scheduled() {
			continue
		}
		sum += pk.End.Sub(pk.Start)
		for m := pk.Start.Unix() / 60; m < pk.End.Unix()/60; m++ {
			minutes[m] = true
		}
	}
	wantHours := math.Round(float64(len(minutes))/60*100) / 100
	if st.Hours != wantHours {
		t.Errorf("Hours = %v, want %v (minutes covered)", st.Hours, wantHours)
	}
	if st.Hours != 17.5 || sum.Hours() != 17.75 {
		t.Errorf("Hours = %v with durations summing to %v; the scenario covers 17.5 h of 17.75 h booked", st.Hours, sum.Hours())
	}

	// Sunday is in PDT (DST began at 02:00 that morning); the Solarpunk BoF
	// is stored in UTC (02:30 Saturday) but happened on Friday evening.
	wantDays := []DayCount{
		{aDay("2025-03-06"), 2, 4, map[Kind]int{KindWorkshop: 1, KindBoF: 1}},
		{aDay("2025-03-07"), 6, 4.75, map[Kind]int{KindTalk: 4, KindBooth: 1, KindBoF: 1}},
		{aDay("2025-03-08"), 6, 5.5, map[Kind]int{KindKeynote: 1, KindTalk: 4, KindBooth: 1}},
		// Sunday's 15 minutes of overlap count once that day too.
		{aDay("2025-03-09"), 4, 3.25, map[Kind]int{KindBooth: 1, KindCareer: 1, KindTalk: 2}},
	}
	if !reflect.DeepEqual(st.PerDay, wantDays) {
		t.Errorf("PerDay = %v, want %v", st.PerDay, wantDays)
	}
	dayHours := 0.0
	for _, d := range st.PerDay {
		dayHours += d.Hours
	}
	if dayHours != st.Hours {
		t.Errorf("hours per day add up to %v, want %v", dayHours, st.Hours)
	}

	wantTracks := []string{"BoFs", "Career Day", "Developer", "DevOpsDay LA", "General", "Kernel & Low Level Systems", "Keynote", "PlanetNix", "PostgreSQL", "Systems & Infrastructure", "Workshops"}
	if !reflect.DeepEqual(st.Tracks, wantTracks) {
		t.Errorf("Tracks = %q, want %q", st.Tracks, wantTracks)
	}
	// The skipped talk was in Ballroom G, like the pgBadger talk, so
	// Ballroom G stays; Expo Hall comes from the booths.
	wantRooms := []string{"Ballroom C", "Ballroom DE", "Ballroom G", "Ballroom H", "Expo Hall", "Room 101", "Room 103", "Room 106", "Room 208", "Room 211"}
	if !reflect.DeepEqual(st.Rooms, wantRooms) {
		t.Errorf("Rooms = %q, want %q", st.Rooms, wantRooms)
	}
	// Jeremy Meiss gave the skipped talk and is not among them.
	wantSpeakers := []string{"Aleksey Tsalolikhin", "Amy Marrich", "Anita Zhang", "Ben Rockwood", "Carl Richell", "Daniel Hodges", "Henrietta Dombrovskaya", "Jake Hillion", "Kevin Mittman", "Michael Stahnke", "Nick Lewis", "Shaun Thomas", "Solomon Hykes", "Sriram Nambakam", "Tanja Ulianova"}
	if !reflect.DeepEqual(st.Speakers, wantSpeakers) {
		t.Errorf("Speakers = %q, want %q", st.Speakers, wantSpeakers)
	}

	var planned, attended, skipped, unplanned int
	for _, pk := range p.Picks {
		switch pk.Status {
		case Planned:
			planned++
		case Attended:
			attended++
		case Skipped:
			skipped++
		}
		if pk.Unplanned {
			unplanned++
		}
	}
	got := [4]int{st.Planned, st.Attended, st.Skipped, st.Unplanned}
	if want := [4]int{planned, attended, skipped, unplanned}; got != want || want[2] != 1 || want[3] != 1 || want[0]+want[1] != 21 {
		t.Errorf("planned/attended/skipped/unplanned = %v, want %v", got, want)
	}

	wantFacts := []Fact{{"Price of Parking", "too much"}, {"Coffee", "4 cups a day"}}
	if !reflect.DeepEqual(st.Facts, wantFacts) {
		t.Errorf("Facts = %v, want %v", st.Facts, wantFacts)
	}
}

func picksOf(kinds ...Kind) []*Pick {
	var out []*Pick
	for i, k := range kinds {
		out = append(out, &Pick{Session: Session{ID: fmt.Sprint(i), Title: fmt.Sprint("session ", i), Kind: k}, Status: Planned})
	}
	return out
}

func repeat(k Kind, n int) []Kind {
	out := make([]Kind, n)
	for i := range out {
		out[i] = k
	}
	return out
}

func TestStatsLinesLabelsAndPlurals(t *testing.T) {
	tests := []struct {
		name  string
		kinds []Kind
		want  []string
	}{
		{"no picks", nil, []string{}},
		{"one talk", []Kind{KindTalk}, []string{"1 Talk"}},
		{"ten talks", repeat(KindTalk, 10), []string{"10 Talks"}},
		{"keynotes", repeat(KindKeynote, 2), []string{"2 Keynotes"}},
		{"one workshop", []Kind{KindWorkshop}, []string{"1 Workshop"}},
		{"workshops", repeat(KindWorkshop, 3), []string{"3 Workshops"}},
		{"one bof", []Kind{KindBoF}, []string{"1 Birds of a Feather (BoF)"}},
		{"bofs do not change", repeat(KindBoF, 2), []string{"2 Birds of a Feather (BoF)"}},
		{"one booth", []Kind{KindBooth}, []string{"1 Expo Booth"}},
		{"booths", repeat(KindBooth, 6), []string{"6 Expo Booths"}},
		{"career day does not change", repeat(KindCareer, 2), []string{"2 Career Day"}},
		{"one panel", []Kind{KindPanel}, []string{"1 Panel"}},
		{"panels", repeat(KindPanel, 2), []string{"2 Panels"}},
		{"one lightning talk", []Kind{KindLightning}, []string{"1 Lightning Talk"}},
		{"lightning talks", repeat(KindLightning, 4), []string{"4 Lightning Talks"}},
		{"one social event", []Kind{KindSocial}, []string{"1 Social Event"}},
		{"social events", repeat(KindSocial, 2), []string{"2 Social Events"}},
		{"one other", []Kind{KindOther}, []string{"1 Other"}},
		{"other does not change", repeat(KindOther, 3), []string{"3 Other"}},
		{"unknown and empty kinds are other", []Kind{"hackathon", ""}, []string{"2 Other"}},
		{"every kind, in recap order", []Kind{KindOther, KindSocial, KindLightning, KindPanel, KindKeynote, KindCareer, KindBooth, KindBoF, KindTalk, KindWorkshop, KindTalk},
			[]string{"1 Workshop", "2 Talks", "1 Birds of a Feather (BoF)", "1 Expo Booth", "1 Career Day", "1 Keynote", "1 Panel", "1 Lightning Talk", "1 Social Event", "1 Other"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := ComputeStats(&Plan{Picks: picksOf(tt.kinds...)}, time.Time{})
			if !reflect.DeepEqual(st.Lines, tt.want) {
				t.Errorf("Lines = %q, want %q", st.Lines, tt.want)
			}
			total := 0
			for k, n := range st.Counts {
				if n <= 0 || !k.Valid() {
					t.Errorf("Counts has %q: %d", k, n)
				}
				total += n
			}
			if total != len(tt.kinds) {
				t.Errorf("Counts %v add up to %d, want %d", st.Counts, total, len(tt.kinds))
			}
		})
	}
}

func TestStatsSkippedKindOmitted(t *testing.T) {
	p := &Plan{Picks: picksOf(KindTalk, KindPanel, KindPanel)}
	p.Picks[1].Status = Skipped
	p.Picks[2].Status = Skipped
	st := ComputeStats(p, time.Time{})
	if want := []string{"1 Talk"}; !reflect.DeepEqual(st.Lines, want) {
		t.Errorf("Lines = %q, want %q", st.Lines, want)
	}
	if _, ok := st.Counts[KindPanel]; ok {
		t.Errorf("Counts = %v, want no panel", st.Counts)
	}
	if st.Skipped != 2 || st.Planned != 1 {
		t.Errorf("skipped %d planned %d, want 2 and 1", st.Skipped, st.Planned)
	}
}

func TestStatsAcrossDST(t *testing.T) {
	p := &Plan{}
	if err := p.SetTimeZone("America/Los_Angeles"); err != nil {
		t.Fatal(err)
	}
	loc := p.Location()
	// A hacking night from 23:00 Saturday to 03:00 Sunday across the
	// spring-forward gap is three hours, not four, and belongs to
	// Saturday; a talk at 17:00 PST given in UTC (01:00 Sunday UTC) too.
	night := &Pick{Session: Session{ID: "n", Title: "Hacking night", Kind: KindSocial,
		Start: time.Date(2025, 3, 8, 23, 0, 0, 0, loc), End: time.Date(2025, 3, 9, 3, 0, 0, 0, loc)}}
	talk := &Pick{Session: Session{ID: "t", Title: "Evening talk", Kind: KindTalk,
		Start: time.Date(2025, 3, 9, 1, 0, 0, 0, time.UTC), End: time.Date(2025, 3, 9, 2, 0, 0, 0, time.UTC)}}
	sunday := &Pick{Session: Session{ID: "s", Title: "Sunday talk", Kind: KindTalk,
		Start: time.Date(2025, 3, 9, 10, 0, 0, 0, loc), End: time.Date(2025, 3, 9, 11, 0, 0, 0, loc)}}
	p.Picks = []*Pick{night, talk, sunday}
	st := ComputeStats(p, time.Time{})
	if st.Hours != 5 {
		t.Errorf("Hours = %v, want 5", st.Hours)
	}
	if want := []DayCount{{aDay("2025-03-08"), 2, 4, map[Kind]int{KindSocial: 1, KindTalk: 1}}, {aDay("2025-03-09"), 1, 1, map[Kind]int{KindTalk: 1}}}; !reflect.DeepEqual(st.PerDay, want) {
		t.Errorf("PerDay = %v, want %v", st.PerDay, want)
	}
}

func TestStatsDistinctIgnoresCaseAndBlanks(t *testing.T) {
	p := &Plan{Picks: picksOf(KindTalk, KindTalk, KindTalk)}
	p.Picks[0].Speakers = []string{"Xe Iaso", " benny Vasquez "}
	p.Picks[1].Speakers = []string{"xe iaso", ""}
	p.Picks[0].Room, p.Picks[1].Room, p.Picks[2].Room = "Room 101", "room 101", ""
	st := ComputeStats(p, time.Time{})
	if want := []string{"benny Vasquez", "Xe Iaso"}; !reflect.DeepEqual(st.Speakers, want) {
		t.Errorf("Speakers = %q, want %q", st.Speakers, want)
	}
	if want := []string{"Room 101"}; !reflect.DeepEqual(st.Rooms, want) {
		t.Errorf("Rooms = %q, want %q", st.Rooms, want)
	}
	if len(st.PerDay) != 0 || st.Hours != 0 {
		t.Errorf("unscheduled picks gave PerDay %v, Hours %v", st.PerDay, st.Hours)
	}
}

// After the last day the numbers are what was attended: the scenario's
// three picks still only planned (a BoF and two talks) drop out and are
// listed apart, in time order; the skipped talk stays out.
func TestComputeStatsAfterCountsAttended(t *testing.T) {
	p := scalePlan(t)
	st := ComputeStats(p, afterSCALE)
	if st.Phase != PhaseAfter {
		t.Fatalf("phase %s, want after", st.Phase)
	}
	wantLines := []string{"1 Workshop", "8 Talks", "1 Birds of a Feather (BoF)", "6 Expo Booths", "1 Career Day", "1 Keynote"}
	if !reflect.DeepEqual(st.Lines, wantLines) {
		t.Errorf("Lines = %q, want %q", st.Lines, wantLines)
	}
	wantPending := []PendingPick{
		{p.Picks[7].ID, "Solarpunk Developers Group"},
		{p.Picks[17].ID, "Towards improving code integrity on Linux"},
		{p.Picks[18].ID, "Meet COSMIC DE"},
	}
	if !reflect.DeepEqual(st.Pending, wantPending) {
		t.Errorf("Pending = %v, want %v", st.Pending, wantPending)
	}
	if got, want := st.PendingText(), "3 picks neither attended nor skipped — `plan attend` or `plan skip` them"; got != want {
		t.Errorf("PendingText = %q, want %q", got, want)
	}
	if st.PhaseText("SCALE 22x") != "" {
		t.Errorf("PhaseText after = %q, want none", st.PhaseText("SCALE 22x"))
	}
	// 17.5 h less the BoF (1 h) and the two talks (45 min of the code
	// integrity talk were not shared with the career session, plus 1 h).
	if st.Hours != 14.75 {
		t.Errorf("Hours = %v, want 14.75", st.Hours)
	}
	if st.Planned != 3 || st.Attended != 18 || st.Skipped != 1 {
		t.Errorf("planned/attended/skipped = %d/%d/%d, want 3/18/1", st.Planned, st.Attended, st.Skipped)
	}
}

// After the conference with no pick marked attended or skipped, nothing
// has been recorded: the numbers stay the plan and say so, and every
// pick is listed to be settled.
func TestComputeStatsAfterNothingRecorded(t *testing.T) {
	p := scalePlan(t)
	for _, pk := range p.Picks {
		pk.Status = Planned
	}
	st := ComputeStats(p, afterSCALE)
	if st.Phase != PhaseAfter || st.Basis != BasisPlan {
		t.Fatalf("phase %s basis %s, want after and plan", st.Phase, st.Basis)
	}
	if len(st.Lines) != 6 || st.Lines[1] != "11 Talks" || len(st.Pending) != len(p.Picks) {
		t.Errorf("Lines = %q, %d pending of %d picks", st.Lines, len(st.Pending), len(p.Picks))
	}
	if got, want := st.PhaseText("SCALE 22x"), "The plan: SCALE 22x ended on Sunday 9 March 2025, and no pick is marked attended or skipped yet."; got != want {
		t.Errorf("PhaseText = %q, want %q", got, want)
	}
	// One skipped pick is a record: from then on the numbers are what
	// was attended, here nothing.
	p.Picks[0].Status = Skipped
	if st := ComputeStats(p, afterSCALE); st.Basis != BasisAttended || len(st.Lines) != 0 || st.PhaseText("SCALE 22x") != "" {
		t.Errorf("with one pick skipped: basis %s, lines %q, %q", st.Basis, st.Lines, st.PhaseText("SCALE 22x"))
	}
}

// Picks optimize dropped record nothing (the new user's "Nothing
// recorded yet" after optimize --apply): after the conference the
// numbers stay the plan until a pick is attended or skipped, dropped
// picks are counted apart, never counted as skipped, and not asked
// about.
func TestComputeStatsAfterOptimizeDropped(t *testing.T) {
	p := scalePlan(t)
	var dropped []string
	for i, pk := range p.Picks {
		pk.Status = Planned
		if i%4 == 1 && len(dropped) < 5 {
			pk.Status = Dropped
			dropped = append(dropped, pk.ID)
		}
	}
	st := ComputeStats(p, afterSCALE)
	if st.Phase != PhaseAfter || st.Basis != BasisPlan {
		t.Fatalf("phase %s basis %s, want after and plan", st.Phase, st.Basis)
	}
	if len(st.Lines) == 0 {
		t.Fatal("no lines: the numbers should be the plan")
	}
	n := 0
	for _, c := range st.Counts {
		n += c
	}
	if n != len(p.Picks)-5 || st.Dropped != 5 || st.Skipped != 0 || st.Planned != len(p.Picks)-5 {
		t.Errorf("counted %d, dropped %d, skipped %d, planned %d; want %d, 5, 0, %d", n, st.Dropped, st.Skipped, st.Planned, len(p.Picks)-5, len(p.Picks)-5)
	}
	if got, want := st.PicksText(), fmt.Sprintf("0 attended (1 unplanned), %d planned, 0 skipped, 5 dropped", len(p.Picks)-5); got != want {
		t.Errorf("PicksText = %q, want %q", got, want)
	}
	if got, want := st.PhaseText("SCALE 22x"), "The plan: SCALE 22x ended on Sunday 9 March 2025, and no pick is marked attended or skipped yet."; got != want {
		t.Errorf("PhaseText = %q, want %q", got, want)
	}
	for _, pd := range st.Pending {
		if slices.Contains(dropped, pd.ID) {
			t.Errorf("dropped %s is pending", pd.ID)
		}
	}
	if len(st.Pending) != len(p.Picks)-5 {
		t.Errorf("%d pending, want %d", len(st.Pending), len(p.Picks)-5)
	}

	// Once one pick is attended the numbers are what was attended, and
	// the planned ones (not the dropped) are listed.
	p.Picks[0].Status = Attended
	st = ComputeStats(p, afterSCALE)
	if st.Basis != BasisAttended || !reflect.DeepEqual(st.Counts, map[Kind]int{p.Picks[0].Kind: 1}) || len(st.Pending) != len(p.Picks)-6 {
		t.Errorf("basis %s counts %v, %d pending; want attended, one %s, %d", st.Basis, st.Counts, len(st.Pending), p.Picks[0].Kind, len(p.Picks)-6)
	}
}

func TestPhaseAt(t *testing.T) {
	p := &Plan{}
	if err := p.SetTimeZone("Europe/Brussels"); err != nil {
		t.Fatal(err)
	}
	loc := p.Location()
	sat := &Pick{Session: Session{ID: "a", Title: "Saturday", Kind: KindTalk, Start: time.Date(2026, 1, 31, 10, 0, 0, 0, loc), End: time.Date(2026, 1, 31, 11, 0, 0, 0, loc)}}
	// A night session filed under Sunday that ends at 01:30 on Monday.
	night := &Pick{Session: Session{ID: "b", Title: "Night", Kind: KindSocial, Date: aDay("2026-02-01"),
		Start: time.Date(2026, 2, 2, 0, 30, 0, 0, loc), End: time.Date(2026, 2, 2, 1, 30, 0, 0, loc)}, Status: Skipped}
	unscheduled := &Pick{Session: Session{ID: "c", Title: "Booth", Kind: KindBooth}}
	p.Picks = []*Pick{unscheduled, sat, night}
	for _, tt := range []struct {
		at   time.Time
		want Phase
	}{
		{time.Date(2026, 1, 30, 23, 59, 0, 0, loc), PhaseBefore},
		{time.Date(2026, 1, 31, 0, 0, 0, 0, loc), PhaseDuring},
		{time.Date(2026, 2, 1, 23, 0, 0, 0, loc), PhaseDuring},
		{time.Date(2026, 2, 2, 1, 0, 0, 0, loc), PhaseDuring}, // the night session is still on
		{time.Date(2026, 2, 2, 1, 30, 0, 0, loc), PhaseAfter},
		{time.Date(2026, 1, 31, 9, 0, 0, 0, time.UTC), PhaseDuring}, // 10:00 in Brussels
	} {
		ph, first, last := phaseAt(p, tt.at)
		if ph != tt.want || first.String() != "2026-01-31" || last.String() != "2026-02-01" {
			t.Errorf("phaseAt(%s) = %s %s %s, want %s 2026-01-31 2026-02-01", tt.at, ph, first, last, tt.want)
		}
	}
	if ph, first, _ := phaseAt(&Plan{Picks: []*Pick{unscheduled}}, time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)); ph != PhaseBefore || !first.IsZero() {
		t.Errorf("phaseAt without times = %s %q, want before", ph, first)
	}
}

func TestStatsTexts(t *testing.T) {
	st := ComputeStats(scalePlan(t), duringSCALE)
	for _, tt := range []struct{ got, want string }{
		{st.TimeText(), "17 h 30 min over 4 days"},
		{st.CoveredText(), "10 rooms, 11 tracks, 15 speakers"},
		{st.PicksText(), "18 attended (1 unplanned), 3 planned, 1 skipped"},
		{st.PhaseText("SCALE 22x"), "The plan so far: SCALE 22x runs until Sunday 9 March 2025."},
		{st.PendingText(), ""},
		{ComputeStats(scalePlan(t), time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)).PhaseText(" SCALE\n22x "), "The plan so far: SCALE 22x starts on Thursday 6 March 2025."},
		{ComputeStats(&Plan{}, duringSCALE).PhaseText(""), "The plan so far: no pick has a time yet."},
		{Stats{}.TimeText() + Stats{}.CoveredText() + Stats{}.PicksText(), ""},
		{Stats{Attended: 2, Planned: 0, Skipped: 0}.PicksText(), "2 attended, 0 planned, 0 skipped"},
		{Stats{Pending: []PendingPick{{"a", "A"}}}.PendingText(), "1 pick neither attended nor skipped — `plan attend` or `plan skip` it"},
		{Stats{Rooms: []string{"a"}, Speakers: []string{"b"}}.CoveredText(), "1 room, 1 speaker"},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

func BenchmarkComputeStats(b *testing.B) {
	loc, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		b.Fatal(err)
	}
	p := &Plan{Conference: Conference{Name: "Bench", TimeZone: "America/Los_Angeles"}}
	for i := range 5000 {
		pk := &Pick{Session: Session{
			ID:       fmt.Sprint("b", i),
			Title:    fmt.Sprint("Session ", i),
			Kind:     Kinds[i%len(Kinds)],
			Room:     fmt.Sprint("Room ", i%40),
			Track:    fmt.Sprint("Track ", i%25),
			Speakers: []string{fmt.Sprint("Speaker ", i%900), fmt.Sprint("Speaker ", (i*7)%900)},
		}, Status: []Status{Planned, Attended, Attended, Skipped}[i%4], Unplanned: i%17 == 0}
		if i%20 != 0 {
			pk.Start = time.Date(2025, 3, 6+i%4, 9, 0, 0, 0, loc).Add(time.Duration(i%60) * 15 * time.Minute)
			pk.End = pk.Start.Add(time.Duration(30+i%4*15) * time.Minute)
		}
		p.Picks = append(p.Picks, pk)
	}
	b.ReportAllocs()
	for b.Loop() {
		ComputeStats(p, time.Date(2025, 3, 8, 12, 0, 0, 0, time.UTC))
	}
}
