package schedule_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/plan-cli/plan/schedule"
)

// describeGaps writes each gap as "15:04-15:04 after>before: ids".
func describeGaps(gaps []schedule.Gap, loc *time.Location) []string {
	out := []string{}
	for _, g := range gaps {
		after, before := "-", "-"
		if g.After != nil {
			after = g.After.ID
		}
		if g.Before != nil {
			before = g.Before.ID
		}
		out = append(out, fmt.Sprintf("%s %s-%s %s>%s: %s", g.Start.In(loc).Format("01-02"), g.Start.In(loc).Format("15:04"), g.End.In(loc).Format("15:04"),
			after, before, strings.Join(sessionIDs(g.Sessions), " ")))
	}
	return out
}

func TestGaps(t *testing.T) {
	program := []*schedule.Session{
		session("s1", "09:00", "10:00", "Hall"),
		session("s2", "09:00", "09:30", "Room 101"),
		session("s3", "10:00", "10:45", "Room 101"),
		session("s4", "10:15", "10:45", "Room 102"),
		session("s5", "11:00", "12:00", "Hall"),
		session("s6", "12:00", "12:30", "Hall"),
		session("s7", "12:45", "13:15", "Room 101"),
		session("s8", "13:30", "14:00", "Room 102"), // cancelled
		session("s9", "14:00", "17:00", "Hall"),
		session("s13", "14:05", "14:55", "Room 102"),
		session("s14", "14:00", "14:55", "Hall"),
		session("s10", "15:00", "15:50", "Room 101"),
		session("s11", "16:00", "16:55", "Room 102"),
	}
	program[7].Cancelled = true
	day2 := func(id, start, end, room string) *schedule.Session {
		s := session(id, start, end, room)
		s.Start, s.End = s.Start.AddDate(0, 0, 1), s.End.AddDate(0, 0, 1)
		return s
	}
	program = append(program, day2("t1", "10:00", "11:00", "Hall"), day2("t2", "11:00", "12:00", "Room 101"))

	byID := map[string]*schedule.Session{}
	for _, s := range program {
		byID[s.ID] = s
	}
	skipped := pickOf(byID["s5"], schedule.Want)
	skipped.Status = schedule.Skipped
	gone := pick("G", "09:00", "09:30", "Room 102", schedule.Must)
	gone.Gone = true
	picks := []*schedule.Pick{
		pickOf(byID["s10"], schedule.Want),
		pickOf(byID["s3"], schedule.Must),
		pickOf(byID["s6"], schedule.Maybe),
		pick("Lunch", "13:20", "14:00", "", schedule.Must),
		pick("Bob", "16:00", "17:00", "Room 102", schedule.Want), // leaves 10 minutes after s10: too short
		skipped,
		gone,
	}
	v := &schedule.Venue{DefaultWalk: 5}
	v.SetWalk("Hall", "Room 101", 10)

	got := describeGaps(schedule.Gaps(picks, program, v, la), la)
	want := []string{
		// s1 (Hall) ends when s3 starts in Room 101, 10 minutes away.
		"03-07 09:00-10:00 ->s3: s2",
		// s5 is a skipped pick: offered again. 10:45 + 10 minutes' walk
		// to the Hall is before 11:00, and s6 is in the Hall too.
		"03-07 10:45-12:00 s3>s6: s5",
		"03-07 12:30-13:20 s6>Lunch: s7",
		// s13 ends at 14:55, 5 minutes' walk from Room 101 where s10
		// starts at 15:00; s14 in the Hall is 10 minutes away. s8 is
		// cancelled, s9 does not fit.
		"03-07 14:00-15:00 Lunch>s10: s13",
		// A day without picks is one slot.
		"03-08 10:00-12:00 ->-: t1 t2",
	}
	if !slices.Equal(got, want) {
		t.Errorf("gaps:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// Without walking times s1 and s14 fit too.
	got = describeGaps(schedule.Gaps(picks, program, nil, la), la)
	if got[0] != "03-07 09:00-10:00 ->s3: s2 s1" || got[3] != "03-07 14:00-15:00 Lunch>s10: s14 s13" {
		t.Errorf("without walks: %q", got)
	}
	// The zone decides the days. In UTC, s11 (16:00 in Los Angeles) and
	// the second day's sessions fall on March 8, whose window then starts
	// where March 7's ends.
	got = describeGaps(schedule.Gaps(nil, program, nil, time.UTC), la)
	want = []string{
		"03-07 09:00-17:00 ->-: s2 s1 s3 s4 s5 s6 s7 s14 s9 s13 s10 s11",
		"03-07 17:00-12:00 ->-: t1 t2",
	}
	if !slices.Equal(got, want) {
		t.Errorf("gaps in UTC:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// A pick without duration (meet someone at 11:30) splits a slot;
	// s5 (11:00-12:00) would overlap it.
	meet := pick("Meet", "11:30", "11:30", "Hall", schedule.Want)
	got = describeGaps(schedule.Gaps(append(picks, meet), program, v, la), la)
	if got[1] != "03-07 10:45-11:30 s3>Meet: " || got[2] != "03-07 11:30-12:00 Meet>s6: " {
		t.Errorf("with a meeting at 11:30: %q", got)
	}
	if g := schedule.Gaps(picks, nil, v, la); g != nil {
		t.Errorf("no program, gaps %v", g)
	}
}

// TestGapsAcrossDST: on 2026-03-08 Los Angeles skips from 02:00 to 03:00;
// the slots are as long as the real time they leave.
func TestGapsAcrossDST(t *testing.T) {
	mk := func(id, start, end, room string) *schedule.Session {
		s := &schedule.Session{ID: id, Title: id, Room: room, Kind: schedule.KindTalk}
		s.Start, s.End = at(la, "2026-03-08 "+start), at(la, "2026-03-08 "+end)
		return s
	}
	program := []*schedule.Session{
		mk("q1", "01:00", "01:45", "Room A"),
		mk("q2", "01:30", "03:00", "Room B"), // 30 minutes
		mk("p", "03:00", "04:00", "Room A"),
		mk("q3", "04:00", "05:00", "Room B"),
		mk("late", "23:30", "23:59", "Room A"),
		mk("night", "23:45", "00:30", "Room B"), // ends on March 9
	}
	program[5].End = program[5].End.AddDate(0, 0, 1)
	next := &schedule.Session{ID: "early", Title: "early", Room: "Room A", Kind: schedule.KindTalk}
	next.Start, next.End = at(la, "2026-03-09 00:15"), at(la, "2026-03-09 01:15")
	program = append(program, next)

	gaps := schedule.Gaps([]*schedule.Pick{pickOf(program[2], schedule.Must)}, program, nil, la)
	got := describeGaps(gaps, la)
	want := []string{
		"03-08 01:00-03:00 ->p: q1 q2",
		"03-08 04:00-00:30 p>-: q3 late night",
		// March 9's window (00:15-01:15) starts where March 8's ended.
		"03-09 00:30-01:15 ->-: ",
	}
	if !slices.Equal(got, want) {
		t.Fatalf("gaps:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if d := gaps[0].End.Sub(gaps[0].Start); d != time.Hour {
		t.Errorf("the slot from 01:00 PST to 03:00 PDT lasts %v, want 1h", d)
	}
}

func pickOf(s *schedule.Session, pr schedule.Priority) *schedule.Pick {
	return &schedule.Pick{Session: *s, Priority: pr, Status: schedule.Planned}
}

func sessionIDs(ss []*schedule.Session) []string {
	out := []string{}
	for _, s := range ss {
		out = append(out, s.ID)
	}
	return out
}
