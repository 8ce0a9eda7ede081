package schedule_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/plan-cli/plan/schedule"
)

// TestRecordHistory re-imports a program in which one pick moves and
// changes room, one is retitled, one is cancelled and one is gone: each
// change is one entry, in the order of the report.
func TestRecordHistory(t *testing.T) {
	mk := func() []*schedule.Session {
		return []*schedule.Session{
			session("A", "10:00", "11:00", "Room 101"),
			session("B", "11:00", "12:00", "Room 102"),
			session("C", "12:00", "13:00", "Room 103"),
			session("D", "13:00", "14:00", "Room 104"),
		}
	}
	p := &schedule.Plan{Conference: schedule.Conference{TimeZone: "America/Los_Angeles"}}
	t0 := time.Date(2025, 3, 6, 8, 0, 0, 0, time.UTC)
	prog, _ := schedule.Merge(p, schedule.NewProgram(nil), mk(), schedule.Source{Name: "SCALE"}, t0)
	for _, s := range prog.Sessions {
		p.Picks = append(p.Picks, pickOf(s, schedule.Want))
	}

	v2 := mk()[:3]
	v2[0].Start, v2[0].End, v2[0].Room = at(la, "2025-03-07 15:00"), at(la, "2025-03-07 16:00"), "Room 201"
	v2[1].Title = "Session B, now with a title"
	v2[2].Cancelled = true
	t1 := t0.Add(time.Hour)
	_, res := schedule.Merge(p, prog, v2, schedule.Source{Name: "SCALE"}, t1)
	p.RecordHistory(res)

	want := []schedule.HistoryEntry{
		{At: t1, Source: "SCALE", ID: "B", Title: "Session B, now with a title", Change: "retitled", From: "Session B", To: "Session B, now with a title"},
		{At: t1, Source: "SCALE", ID: "C", Title: "Session C", Change: "cancelled"},
		{At: t1, Source: "SCALE", ID: "D", Title: "Session D", Change: "gone"},
		{At: t1, Source: "SCALE", ID: "A", Title: "Session A", Change: "moved", From: "2025-03-07 10:00–11:00", To: "2025-03-07 15:00–16:00"},
		{At: t1, Source: "SCALE", ID: "A", Title: "Session A", Change: "room changed", From: "Room 101", To: "Room 201"},
	}
	if len(p.History) != len(want) {
		t.Fatalf("history has %d entries, want %d: %+v", len(p.History), len(want), p.History)
	}
	for i := range want {
		if got := p.History[i]; got != want[i] {
			t.Errorf("entry %d = %+v\nwant %+v", i, got, want[i])
		}
	}

	if got := p.HistorySince(t1.Add(time.Second)); len(got) != 0 {
		t.Errorf("since after the import: %d entries, want none", len(got))
	}
	if got := p.HistorySince(t1); len(got) != len(want) {
		t.Errorf("since the import: %d entries, want %d", len(got), len(want))
	}
}

// TestRecordHistoryBounded: past MaxHistory entries the oldest go first.
func TestRecordHistoryBounded(t *testing.T) {
	p := &schedule.Plan{}
	pk := pickOf(session("A", "10:00", "11:00", "Room 101"), schedule.Want)
	for i := range schedule.MaxHistory + 10 {
		p.RecordHistory(schedule.ImportResult{
			Source: schedule.Source{Name: fmt.Sprint(i), Imported: time.Unix(int64(i), 0)},
			Picks:  []schedule.PickChange{{Pick: pk, Old: pk.Session, Changes: []schedule.Change{schedule.Cancelled}}},
		})
	}
	if len(p.History) != schedule.MaxHistory {
		t.Fatalf("history has %d entries, want %d", len(p.History), schedule.MaxHistory)
	}
	if first, last := p.History[0].Source, p.History[len(p.History)-1].Source; first != "10" || last != fmt.Sprint(schedule.MaxHistory+9) {
		t.Errorf("history runs from %s to %s, want 10 to %d", first, last, schedule.MaxHistory+9)
	}
}

func TestSlot(t *testing.T) {
	s := session("A", "23:30", "23:59", "R")
	s.End = s.End.Add(31 * time.Minute)
	if got, want := schedule.Slot(s), "2025-03-07 23:30–2025-03-08 00:30"; got != want {
		t.Errorf("Slot = %q, want %q", got, want)
	}
	if got := schedule.Slot(&schedule.Session{}); got != "" {
		t.Errorf("Slot of an unscheduled session = %q, want empty", got)
	}
}

// TestRecordingAvailable: FOSDEM adds its recordings to the schedule
// after the event; a re-import says so for each pick whose session had
// no video link before and has one now, with the recording's address,
// and says nothing of a feedback form, of a second video, of sessions
// not picked, or of picks whose previous program it does not have.
func TestRecordingAvailable(t *testing.T) {
	mk := func() []*schedule.Session {
		return []*schedule.Session{
			session("A", "10:00", "11:00", "Room 101"),
			session("B", "11:00", "12:00", "Room 102"),
			session("C", "12:00", "13:00", "Room 103"),
			session("D", "13:00", "14:00", "Room 104"),
		}
	}
	video := func(s *schedule.Session, file string) {
		s.AddLink(schedule.Link{URL: "https://video.fosdem.org/2025/" + file, Title: "Video recording (mp4)", Kind: schedule.LinkVideo})
	}
	p := &schedule.Plan{Conference: schedule.Conference{TimeZone: "America/Los_Angeles"}}
	t0 := time.Date(2025, 3, 6, 8, 0, 0, 0, time.UTC)
	prog, _ := schedule.Merge(p, schedule.NewProgram(nil), mk(), schedule.Source{Name: "SCALE"}, t0)
	for _, s := range prog.Sessions[:3] {
		p.Picks = append(p.Picks, pickOf(s, schedule.Want))
	}

	// A gets its recording, B only a feedback form, D (not picked) a
	// recording.
	v2 := mk()
	video(v2[0], "a.mp4")
	v2[1].AddLink(schedule.Link{URL: "https://example.org/feedback/B", Kind: schedule.LinkFeedback})
	video(v2[3], "d.mp4")
	t1 := t0.Add(time.Hour)
	prog, res := schedule.Merge(p, prog, v2, schedule.Source{Name: "SCALE"}, t1)
	p.RecordHistory(res)
	if res.Updated != 0 || res.Unchanged != 4 || len(res.Clashes) != 0 {
		t.Errorf("links are no change calendars must hear of: %+v", res)
	}

	// A gets a second video, B its first while it moves.
	v3 := mk()
	video(v3[0], "a.mp4")
	video(v3[0], "a.webm")
	video(v3[1], "b.mp4")
	v3[1].Start, v3[1].End = at(la, "2025-03-07 11:30"), at(la, "2025-03-07 12:30")
	t2 := t1.Add(time.Hour)
	_, res = schedule.Merge(p, prog, v3, schedule.Source{Name: "SCALE"}, t2)
	p.RecordHistory(res)

	want := []schedule.HistoryEntry{
		{At: t1, Source: "SCALE", ID: "A", Title: "Session A", Change: "recording available", To: "https://video.fosdem.org/2025/a.mp4"},
		{At: t2, Source: "SCALE", ID: "B", Title: "Session B", Change: "moved", From: "2025-03-07 11:00–12:00", To: "2025-03-07 11:30–12:30"},
		{At: t2, Source: "SCALE", ID: "B", Title: "Session B", Change: "recording available", To: "https://video.fosdem.org/2025/b.mp4"},
	}
	if fmt.Sprint(p.History) != fmt.Sprint(want) {
		t.Errorf("history\n got %+v\nwant %+v", p.History, want)
	}

	// A plan whose program file is missing (a fresh checkout) knows no
	// links of its picks: the first import says nothing of recordings.
	fresh := &schedule.Plan{Conference: p.Conference, Picks: []*schedule.Pick{pickOf(mk()[0], schedule.Want)}}
	_, res = schedule.Merge(fresh, schedule.NewProgram(nil), v3, schedule.Source{Name: "SCALE"}, t2)
	if len(res.Picks) != 0 {
		t.Errorf("fresh checkout: %+v", res.Picks)
	}
}
