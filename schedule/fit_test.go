package schedule_test

import (
	"slices"
	"testing"

	"github.com/plan-cli/plan/schedule"
)

// TestNowFitting is the "now fits" rule, one change at a time, on a
// plan where the kept talk K (10:00-11:00, Room A) had pushed out S
// (10:30-11:30, Room B), which optimize dropped.
func TestNowFitting(t *testing.T) {
	at := func(clock string) *schedule.Pick { return pick("x", clock, clock, "", schedule.Want) }
	move := func(pk *schedule.Pick, start, end, room string) {
		m := pick(pk.ID, start, end, room, pk.Priority)
		pk.Start, pk.End, pk.Room = m.Start, m.End, m.Room
	}
	cases := []struct {
		name   string
		setup  func(ps map[string]*schedule.Pick, v *schedule.Venue) // the plan before the change
		change func(ps map[string]*schedule.Pick) (remove string)    // the change; remove names a pick it removes
		now    string
		want   []string
	}{
		{name: "the talk moves away", change: func(ps map[string]*schedule.Pick) string {
			move(ps["K"], "13:00", "14:00", "Room A")
			return ""
		}, want: []string{"S"}},
		{name: "the talk is cancelled", change: func(ps map[string]*schedule.Pick) string {
			ps["K"].Cancelled = true
			return ""
		}, want: []string{"S"}},
		{name: "the talk is gone from the program", change: func(ps map[string]*schedule.Pick) string {
			ps["K"].Gone = true
			return ""
		}, want: []string{"S"}},
		{name: "the talk is removed", change: func(ps map[string]*schedule.Pick) string { return "K" }, want: []string{"S"}},
		{name: "a skipped pick fits too", setup: func(ps map[string]*schedule.Pick, _ *schedule.Venue) {
			ps["S"].Status = schedule.Skipped
		}, change: func(ps map[string]*schedule.Pick) string { return "K" }, want: []string{"S"}},
		{name: "retitled only: nothing freed", change: func(ps map[string]*schedule.Pick) string {
			ps["K"].Title = "Another title"
			return ""
		}, want: nil},
		{name: "moved but still overlapping", change: func(ps map[string]*schedule.Pick) string {
			move(ps["K"], "11:00", "12:00", "Room A")
			return ""
		}, want: nil},
		{name: "moved too close to walk", setup: func(_ map[string]*schedule.Pick, v *schedule.Venue) {
			v.SetWalk("Room A", "Room B", 10)
		}, change: func(ps map[string]*schedule.Pick) string {
			move(ps["K"], "11:35", "12:00", "Room A")
			return ""
		}, want: nil},
		{name: "moved far enough to walk", setup: func(_ map[string]*schedule.Pick, v *schedule.Venue) {
			v.SetWalk("Room A", "Room B", 10)
		}, change: func(ps map[string]*schedule.Pick) string {
			move(ps["K"], "11:40", "12:00", "Room A")
			return ""
		}, want: []string{"S"}},
		{name: "another pick still clashes", setup: func(ps map[string]*schedule.Pick, _ *schedule.Venue) {
			ps["L"] = pick("L", "11:00", "12:00", "Room C", schedule.Maybe)
		}, change: func(ps map[string]*schedule.Pick) string { return "K" }, want: nil},
		{name: "it fitted before: not news", setup: func(ps map[string]*schedule.Pick, _ *schedule.Venue) {
			move(ps["S"], "15:00", "16:00", "Room B")
		}, change: func(ps map[string]*schedule.Pick) string { return "K" }, want: nil},
		{name: "the dropped pick itself moves to a free slot", change: func(ps map[string]*schedule.Pick) string {
			move(ps["S"], "15:00", "16:00", "Room B")
			return ""
		}, want: []string{"S"}},
		{name: "the dropped pick is cancelled", change: func(ps map[string]*schedule.Pick) string {
			ps["S"].Cancelled = true
			return "K"
		}, want: nil},
		{name: "the dropped pick is gone", change: func(ps map[string]*schedule.Pick) string {
			ps["S"].Gone = true
			return "K"
		}, want: nil},
		{name: "it has started", change: func(ps map[string]*schedule.Pick) string { return "K" }, now: "10:31", want: nil},
		{name: "it starts now", change: func(ps map[string]*schedule.Pick) string { return "K" }, now: "10:30", want: []string{"S"}},
		{name: "a planned pick is no offer", setup: func(ps map[string]*schedule.Pick, _ *schedule.Venue) {
			ps["S"].Status = schedule.Planned
		}, change: func(ps map[string]*schedule.Pick) string { return "K" }, want: nil},
		{name: "two set aside that clash with each other are both listed", setup: func(ps map[string]*schedule.Pick, _ *schedule.Venue) {
			ps["T"] = pick("T", "10:00", "10:45", "Room C", schedule.Maybe)
			ps["T"].Status = schedule.Dropped
		}, change: func(ps map[string]*schedule.Pick) string { return "K" }, want: []string{"T", "S"}},
		{name: "the talk moves onto another dropped pick", setup: func(ps map[string]*schedule.Pick, _ *schedule.Venue) {
			ps["U"] = pick("U", "13:00", "14:00", "Room C", schedule.Maybe)
			ps["U"].Status = schedule.Dropped
		}, change: func(ps map[string]*schedule.Pick) string {
			move(ps["K"], "13:30", "14:30", "Room A")
			return ""
		}, want: []string{"S"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ps := map[string]*schedule.Pick{
				"K": pick("K", "10:00", "11:00", "Room A", schedule.Want),
				"S": pick("S", "10:30", "11:30", "Room B", schedule.Want),
			}
			ps["S"].Status = schedule.Dropped
			v := &schedule.Venue{}
			if c.setup != nil {
				c.setup(ps, v)
			}
			var picks []*schedule.Pick
			for _, id := range []string{"K", "S", "T", "U", "L"} {
				if ps[id] != nil {
					picks = append(picks, ps[id])
				}
			}
			before := schedule.SnapshotPicks(picks)
			if gone := c.change(ps); gone != "" {
				picks = slices.DeleteFunc(picks, func(pk *schedule.Pick) bool { return pk.ID == gone })
			}
			now := at("08:00").Start
			if c.now != "" {
				now = at(c.now).Start
			}
			got := ids(schedule.NowFitting(before, picks, v, now))
			if want := append([]string{}, c.want...); !slices.Equal(got, want) {
				t.Errorf("now fitting = %v, want %v", got, want)
			}
		})
	}
}
