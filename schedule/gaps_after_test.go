package schedule_test

import (
	"slices"
	"testing"

	"github.com/plan-cli/plan/schedule"
)

// TestGapsAfter: only gaps ending after the moment, the one running then
// cut to start there with only the sessions that still start in it.
func TestGapsAfter(t *testing.T) {
	program := []*schedule.Session{
		session("A", "09:00", "10:00", "R"),
		session("B", "10:00", "11:00", "R"),
		session("C", "11:00", "12:00", "R"),
		session("D", "12:00", "13:00", "R"),
		session("E", "13:00", "14:00", "R"),
		session("F", "14:00", "15:00", "R"),
	}
	picks := []*schedule.Pick{pickOf(program[3], schedule.Want)}
	gaps := schedule.Gaps(picks, program, nil, la) // 09:00–12:00 and 13:00–15:00
	type slot struct {
		start, end string
		ids        []string
	}
	for _, tc := range []struct {
		after string
		want  []slot
	}{
		{"08:00", []slot{{"09:00", "12:00", []string{"A", "B", "C"}}, {"13:00", "15:00", []string{"E", "F"}}}},
		{"10:30", []slot{{"10:30", "12:00", []string{"C"}}, {"13:00", "15:00", []string{"E", "F"}}}},
		{"11:50", []slot{{"13:00", "15:00", []string{"E", "F"}}}}, // 10 minutes left: too short
		{"12:00", []slot{{"13:00", "15:00", []string{"E", "F"}}}},
		{"15:00", nil},
	} {
		var got []slot
		for _, g := range schedule.GapsAfter(gaps, at(la, "2025-03-07 "+tc.after)) {
			got = append(got, slot{g.Start.Format("15:04"), g.End.Format("15:04"), sessionIDs(g.Sessions)})
		}
		if !slices.EqualFunc(got, tc.want, func(a, b slot) bool { return a.start == b.start && a.end == b.end && slices.Equal(a.ids, b.ids) }) {
			t.Errorf("after %s: %v, want %v", tc.after, got, tc.want)
		}
	}
}
