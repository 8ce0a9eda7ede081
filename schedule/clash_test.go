package schedule

import (
	"fmt"
	"math/rand"
	"testing"
	"time"
)

var brussels = mustZone("Europe/Brussels")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

func pickAt(id, room string, start string, minutes int) *Pick {
	t, err := time.ParseInLocation("2006-01-02 15:04", start, brussels)
	if err != nil {
		panic(err)
	}
	return &Pick{Session: Session{ID: id, Title: "Session " + id, Room: room, Start: t, End: t.Add(time.Duration(minutes) * time.Minute)}, Priority: Want, Status: Planned}
}

func TestFindClashes(t *testing.T) {
	walk := &Venue{Walks: []Walk{{From: "Janson", To: "K.1.105", Minutes: 10}}}
	tests := []struct {
		name  string
		picks []*Pick
		venue *Venue
		want  []string // "A-B type minutes"
	}{
		{"overlap by 20 minutes", []*Pick{pickAt("a", "Janson", "2026-01-31 10:00", 50), pickAt("b", "K.1.105", "2026-01-31 10:30", 25)}, nil,
			[]string{"a-b overlap 20"}},
		{"back to back in one room is fine", []*Pick{pickAt("a", "Janson", "2026-01-31 10:00", 50), pickAt("b", "Janson", "2026-01-31 10:50", 25)}, walk, nil},
		{"back to back across the venue is tight", []*Pick{pickAt("a", "Janson", "2026-01-31 10:00", 50), pickAt("b", "K.1.105", "2026-01-31 10:55", 25)}, walk,
			[]string{"a-b tight 5"}},
		{"enough time to walk", []*Pick{pickAt("a", "Janson", "2026-01-31 10:00", 50), pickAt("b", "K.1.105", "2026-01-31 11:00", 25)}, walk, nil},
		{"contained session", []*Pick{pickAt("a", "Janson", "2026-01-31 10:00", 120), pickAt("b", "K.1.105", "2026-01-31 10:30", 30)}, nil,
			[]string{"a-b overlap 30"}},
		{"skipped picks take no part", []*Pick{pickAt("a", "Janson", "2026-01-31 10:00", 50), func() *Pick {
			p := pickAt("b", "K.1.105", "2026-01-31 10:30", 25)
			p.Status = Skipped
			return p
		}()}, nil, nil},
		{"unscheduled take no part", []*Pick{pickAt("a", "Janson", "2026-01-31 10:00", 50), {Session: Session{ID: "booth", Title: "Booth"}}}, nil, nil},
		{"three way", []*Pick{pickAt("a", "R1", "2026-01-31 10:00", 60), pickAt("b", "R2", "2026-01-31 10:15", 60), pickAt("c", "R3", "2026-01-31 10:30", 10)}, nil,
			[]string{"a-b overlap 45", "a-c overlap 10", "b-c overlap 10"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, c := range FindClashes(tt.picks, tt.venue) {
				got = append(got, fmt.Sprintf("%s-%s %s %d", c.A.ID, c.B.ID, c.Type, c.Minutes))
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("clashes = %v, want %v", got, tt.want)
			}
		})
	}
}

// The sweep must find exactly the pairs that comparing all pairs finds.
func TestFindClashesMatchesAllPairs(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	rooms := []string{"R1", "R2", "R3", "R4"}
	for iter := 0; iter < 300; iter++ {
		v := &Venue{DefaultWalk: Minutes(rng.Intn(4) * 5)}
		v.SetWalk("R1", "R4", Minutes(rng.Intn(30)))
		n := 2 + rng.Intn(25)
		var picks []*Pick
		for i := 0; i < n; i++ {
			start := fmt.Sprintf("2026-01-31 %02d:%02d", 9+rng.Intn(8), rng.Intn(12)*5)
			picks = append(picks, pickAt(fmt.Sprint(i), rooms[rng.Intn(len(rooms))], start, 5+rng.Intn(12)*5))
		}
		got := map[string]bool{}
		for _, c := range FindClashes(picks, v) {
			got[fmt.Sprintf("%s/%s %s %d", c.A.ID, c.B.ID, c.Type, c.Minutes)] = true
		}
		want := map[string]bool{}
		for i := range picks {
			for j := i + 1; j < len(picks); j++ {
				a, b := picks[i], picks[j]
				if Less(&b.Session, &a.Session) {
					a, b = b, a
				}
				if typ, m, ok := Conflict(&a.Session, &b.Session, v); ok {
					want[fmt.Sprintf("%s/%s %s %d", a.ID, b.ID, typ, m)] = true
				}
			}
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("iteration %d: sweep found %v, all pairs %v", iter, got, want)
		}
	}
}

// Clashes across the daylight-saving change are measured in real time:
// 01:30 PST to 03:15 PDT on 8 March 2026 is 45 minutes, not 105.
func TestClashAcrossDST(t *testing.T) {
	la := mustZone("America/Los_Angeles")
	a := &Pick{Session: Session{ID: "a", Start: time.Date(2026, 3, 8, 1, 30, 0, 0, la), End: time.Date(2026, 3, 8, 3, 15, 0, 0, la)}}
	b := &Pick{Session: Session{ID: "b", Start: time.Date(2026, 3, 8, 3, 0, 0, 0, la), End: time.Date(2026, 3, 8, 4, 0, 0, 0, la)}}
	cs := FindClashes([]*Pick{a, b}, nil)
	if len(cs) != 1 || cs[0].Minutes != 15 {
		t.Fatalf("clashes = %+v, want one overlap of 15 minutes", cs)
	}
	if d := a.Duration(); d != 45*time.Minute {
		t.Errorf("duration across the change = %v, want 45m", d)
	}
}

func BenchmarkFindClashes(b *testing.B) {
	rng := rand.New(rand.NewSource(1))
	var picks []*Pick
	for i := 0; i < 5000; i++ {
		picks = append(picks, pickAt(fmt.Sprint(i), fmt.Sprint("R", rng.Intn(50)), fmt.Sprintf("2026-01-%02d %02d:%02d", 1+rng.Intn(4), 9+rng.Intn(9), rng.Intn(12)*5), 30))
	}
	v := &Venue{DefaultWalk: 5}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		FindClashes(picks, v)
	}
}
