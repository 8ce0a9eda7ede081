package schedule_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/plan-cli/plan/schedule"
)

// session makes a program session on 2025-03-07 in Los Angeles.
func session(id, start, end, room string) *schedule.Session {
	s := &schedule.Session{ID: id, Title: "Session " + id, Room: room, Kind: schedule.KindTalk}
	s.Start, s.End = at(la, "2025-03-07 "+start), at(la, "2025-03-07 "+end)
	return s
}

func TestNow(t *testing.T) {
	program := []*schedule.Session{
		session("A", "10:00", "11:00", "Room 101"),
		session("B", "10:30", "11:30", "Room 102"),
		session("P0", "10:50", "11:00", "Room 101"), // cancelled
		session("P1", "11:00", "11:30", "Room 101"),
		session("C", "11:30", "12:00", "Room 103"),
		session("X", "12:30", "13:00", "Room 103"),
		session("D", "13:00", "14:00", "Room 101"),
		session("E", "13:00", "13:30", "Room 102"),
		session("F", "15:00", "16:00", "Room 101"),
		session("S", "10:15", "10:45", "Room 104"),
	}
	program[2].Cancelled = true
	byID := map[string]*schedule.Session{}
	for _, s := range program {
		byID[s.ID] = s
	}
	var picks []*schedule.Pick
	for _, id := range []string{"F", "E", "D", "C", "B", "A", "S"} {
		picks = append(picks, pickOf(byID[id], schedule.Want))
	}
	picks[6].Status = schedule.Skipped
	gone := pick("G", "10:00", "12:00", "Room 105", schedule.Must)
	gone.Gone = true
	picks = append(picks, gone)

	for _, tc := range []struct {
		at, room       string
		now, next      []string
		where, roomNxt string
	}{
		{"09:00", "", nil, []string{"A", "B", "C"}, "", ""},
		{"10:00", "", []string{"A"}, []string{"B", "C", "E"}, "Room 101", "P1"},
		{"10:45", "", []string{"A", "B"}, []string{"C", "E", "D"}, "Room 101", "P1"},
		{"10:45", "room 103", []string{"A", "B"}, []string{"C", "E", "D"}, "room 103", "C"},
		{"11:00", "", []string{"B"}, []string{"C", "E", "D"}, "Room 102", "E"},
		{"12:10", "", nil, []string{"E", "D", "F"}, "Room 103", "X"},
		{"14:30", "Nowhere", nil, []string{"F"}, "Nowhere", ""},
		{"16:00", "", nil, nil, "Room 101", ""},
	} {
		res := schedule.Now(picks, program, at(la, "2025-03-07 "+tc.at), tc.room)
		if got := ids(res.Now); !slices.Equal(got, orEmpty(tc.now)) {
			t.Errorf("at %s: now = %v, want %v", tc.at, got, tc.now)
		}
		if got := ids(res.Next); !slices.Equal(got, orEmpty(tc.next)) {
			t.Errorf("at %s: next = %v, want %v", tc.at, got, tc.next)
		}
		roomNext := ""
		if res.RoomNext != nil {
			roomNext = res.RoomNext.ID
		}
		if res.Room != tc.where || roomNext != tc.roomNxt {
			t.Errorf("at %s in %q: next in %q is %q, want %q in %q", tc.at, tc.room, res.Room, roomNext, tc.roomNxt, tc.where)
		}
	}

	// Everything starting at the earliest next start is listed, even
	// beyond three.
	more := []*schedule.Pick{pick("H", "13:00", "13:45", "Room 104", schedule.Maybe), pick("I", "13:00", "13:15", "Room 105", schedule.Maybe)}
	res := schedule.Now(append(picks, more...), program, at(la, "2025-03-07 12:10"), "")
	if got, want := ids(res.Next), []string{"I", "E", "H", "D"}; !slices.Equal(got, want) {
		t.Errorf("next = %v, want %v", got, want)
	}
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// TestNowAcrossDST: on 2026-03-08 Los Angeles clocks jump from 02:00 PST
// to 03:00 PDT. A pick from 01:30 PST to 03:30 PDT lasts one hour.
func TestNowAcrossDST(t *testing.T) {
	mk := func(id, start, end, room string) *schedule.Session {
		s := &schedule.Session{ID: id, Title: id, Room: room, Kind: schedule.KindTalk}
		s.Start, s.End = at(la, "2026-03-08 "+start), at(la, "2026-03-08 "+end)
		return s
	}
	program := []*schedule.Session{
		mk("N1", "01:00", "01:50", "Room A"),
		mk("N2", "01:30", "03:30", "Room B"),
		mk("N3", "03:00", "04:00", "Room A"),
		mk("N4", "09:00", "10:00", "Room B"),
	}
	if d := program[1].End.Sub(program[1].Start); d != time.Hour {
		t.Fatalf("N2 lasts %v, want 1h", d)
	}
	var picks []*schedule.Pick
	for _, s := range program[1:] {
		picks = append(picks, pickOf(s, schedule.Want))
	}
	utc := func(s string) time.Time { return at(time.UTC, "2026-03-08 "+s) }
	for _, tc := range []struct {
		at        time.Time
		room      string
		now, next []string
		roomNext  string
	}{
		{utc("09:55"), "Room A", []string{"N2"}, []string{"N3", "N4"}, "N3"}, // 01:55 PST; N3 starts 5 minutes later
		{at(la, "2026-03-08 01:55"), "Room A", []string{"N2"}, []string{"N3", "N4"}, "N3"},
		{utc("10:00"), "", []string{"N2", "N3"}, []string{"N4"}, "N4"},  // 03:00 PDT; in N2's Room B
		{utc("10:29"), "", []string{"N2", "N3"}, []string{"N4"}, "N4"},  // 03:29 PDT
		{utc("10:30"), "room b", []string{"N3"}, []string{"N4"}, "N4"},  // 03:30 PDT
		{utc("09:29"), "", nil, []string{"N2", "N3", "N4"}, ""},         // 01:29 PST
		{utc("11:00"), "", nil, []string{"N4"}, ""},                     // N3 over; nothing more in Room A
		{utc("16:30"), "", []string{"N4"}, []string{}, ""},              // 09:30 PDT
		{utc("17:00"), "Room B", nil, nil, ""},                          // 10:00 PDT, N4 is over
		{utc("08:59"), "Room A", nil, []string{"N2", "N3", "N4"}, "N1"}, // 00:59 PST
	} {
		res := schedule.Now(picks, program, tc.at, tc.room)
		if got := ids(res.Now); !slices.Equal(got, orEmpty(tc.now)) {
			t.Errorf("at %s: now = %v, want %v", tc.at.In(la).Format(time.RFC3339), got, tc.now)
		}
		if got := ids(res.Next); !slices.Equal(got, orEmpty(tc.next)) {
			t.Errorf("at %s: next = %v, want %v", tc.at.In(la).Format(time.RFC3339), got, tc.next)
		}
		roomNext := ""
		if res.RoomNext != nil {
			roomNext = res.RoomNext.ID
		}
		if roomNext != tc.roomNext {
			t.Errorf("at %s: next in %q = %q, want %q", tc.at.In(la).Format(time.RFC3339), res.Room, roomNext, tc.roomNext)
		}
	}
}

// TestNowAll: every room's sessions on now and its next one, rooms in
// time order, picks marked, clashes with the active picks found.
func TestNowAll(t *testing.T) {
	program := []*schedule.Session{
		session("A", "10:00", "11:00", "Room 101"),
		session("B", "10:30", "11:30", "Room 102"),
		session("B2", "10:45", "11:15", "room 102"), // the same room, spelt otherwise
		session("K", "10:40", "10:50", "Room 103"),  // cancelled
		session("C", "11:30", "12:00", "Room 103"),
		session("D", "11:00", "12:00", "Room 101"),
		session("E", "11:20", "12:00", "Room 102"),
		session("F", "12:00", "13:00", "Room 104"),
		session("G", "09:00", "10:00", "Room 105"),      // over, nothing after it
		{ID: "U", Title: "Session U", Room: "Room 106"}, // unscheduled
	}
	program[3].Cancelled = true
	byID := map[string]*schedule.Session{}
	for _, s := range program {
		byID[s.ID] = s
	}
	a := pickOf(byID["A"], schedule.Must)
	e := pickOf(byID["E"], schedule.Want)
	skipped := pickOf(byID["C"], schedule.Want)
	skipped.Status = schedule.Skipped
	v := &schedule.Venue{Walks: []schedule.Walk{{From: "Room 102", To: "Room 101", Minutes: 10}}}

	res := schedule.NowAll(program, []*schedule.Pick{a, e, skipped}, v, at(la, "2025-03-07 10:50"), nil)
	var got []string
	for _, r := range res.Rooms {
		line := r.Room + ":"
		for _, n := range r.Now {
			line += " now " + describeEntry(n)
		}
		if r.Next != nil {
			line += " next " + describeEntry(*r.Next)
		}
		got = append(got, line)
	}
	want := []string{
		"Room 101: now A* next D[overlap E 40]",
		"Room 102: now B[overlap A 30][overlap E 10] now B2[overlap A 15] next E*",
		"Room 103: next C-[overlap E 30]",
		"Room 104: next F",
	}
	if !slices.Equal(got, want) {
		t.Errorf("NowAll =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// A pick that is over clashes with nothing any more: at 11:10, A has
	// ended, so B overlaps only E.
	res = schedule.NowAll(program, []*schedule.Pick{a, e}, v, at(la, "2025-03-07 11:10"), func(s *schedule.Session) bool { return s.ID == "B" })
	if len(res.Rooms) != 1 || len(res.Rooms[0].Now) != 1 || describeEntry(res.Rooms[0].Now[0]) != "B[overlap E 10]" {
		t.Errorf("at 11:10: got %+v", res.Rooms)
	}

	// A filter narrows it; a tight walk is a clash.
	res = schedule.NowAll(program, []*schedule.Pick{a}, v, at(la, "2025-03-07 10:50"), func(s *schedule.Session) bool { return s.Room == "Room 102" })
	if len(res.Rooms) != 1 || res.Rooms[0].Next == nil || describeEntry(*res.Rooms[0].Next) != "E" {
		t.Errorf("only Room 102: got %+v", res.Rooms)
	}
	w := pickOf(session("W", "11:20", "12:00", "Room 101"), schedule.Want)
	res = schedule.NowAll(program, []*schedule.Pick{w}, v, at(la, "2025-03-07 10:50"), func(s *schedule.Session) bool { return s.ID == "B2" })
	if len(res.Rooms) != 1 || describeEntry(res.Rooms[0].Now[0]) != "B2[tight W 5]" {
		t.Errorf("tight: got %+v", res.Rooms)
	}

	// After the last session there is nothing.
	if res := schedule.NowAll(program, nil, v, at(la, "2025-03-07 14:00"), nil); len(res.Rooms) != 0 {
		t.Errorf("after the program: %d rooms, want none", len(res.Rooms))
	}
}

func describeEntry(e schedule.NowEntry) string {
	s := e.Session.ID
	if e.Pick != nil {
		if e.Pick.Status == schedule.Skipped {
			s += "-"
		} else {
			s += "*"
		}
	}
	for _, c := range e.Clashes {
		s += fmt.Sprintf("[%s %s %d]", c.Type, c.Pick.ID, c.Minutes)
	}
	return s
}

func TestProgramSpan(t *testing.T) {
	program := []*schedule.Session{
		session("B", "10:30", "11:30", "Room 102"),
		session("A", "09:00", "10:00", "Room 101"),
		{ID: "U"},
		session("C", "11:30", "18:00", "Room 103"),
	}
	sp := schedule.ProgramSpan(program)
	if !sp.First.Equal(at(la, "2025-03-07 09:00")) || !sp.Last.Equal(at(la, "2025-03-07 18:00")) || sp.FirstDay.String() != "2025-03-07" || sp.LastDay.String() != "2025-03-07" {
		t.Errorf("span = %+v", sp)
	}
	if !sp.Contains(at(la, "2025-03-07 18:00")) || sp.Contains(at(la, "2025-03-07 18:01")) || sp.Contains(at(la, "2025-03-07 08:59")) {
		t.Errorf("Contains is wrong at the edges")
	}
	if !schedule.ProgramSpan(nil).IsZero() {
		t.Errorf("an empty program has a span")
	}
}
