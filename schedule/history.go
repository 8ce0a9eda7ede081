package schedule

import (
	"fmt"
	"time"
)

// RecordHistory appends the pick changes of an import to the plan's
// history, one entry per change, stamped with the time the import ran
// (res.Source.Imported) and the source's name, then drops the oldest
// entries beyond MaxHistory. Entries keep the order of res.Picks (time
// order) and, within a pick, the order of its changes.
//
// From and To hold what changed: the old and new time ("2026-01-31
// 10:00–10:50") of a move, the old and new room, the old and new title;
// the time for "unscheduled" (From) and "scheduled" (To); the candidate
// ("7999 \"New title\"") for "possibly replaced"; the recording's
// address (To) for "recording available". They are empty for cancelled,
// gone and back in the program.
func (p *Plan) RecordHistory(res ImportResult) {
	at := res.Source.Imported
	for _, pc := range res.Picks {
		if pc.Pick == nil {
			continue
		}
		now := &pc.Pick.Session
		for _, c := range pc.Changes {
			e := HistoryEntry{At: at, Source: res.Source.Name, ID: pc.Pick.ID, Title: pc.Pick.Title, Change: string(c)}
			switch c {
			case Moved:
				e.From, e.To = Slot(&pc.Old), Slot(now)
			case Unscheduled:
				e.From = Slot(&pc.Old)
			case NewlyPlanned:
				e.To = Slot(now)
			case RoomChanged:
				e.From, e.To = pc.Old.Room, now.Room
			case Retitled:
				e.From, e.To = pc.Old.Title, now.Title
			case PossiblyReplaced:
				if pc.Candidate != nil {
					e.To = fmt.Sprintf("%s %q", pc.Candidate.ID, pc.Candidate.Title)
				}
			case RecordingAvailable:
				e.To = now.Recording()
			}
			p.History = append(p.History, e)
		}
	}
	if n := len(p.History) - MaxHistory; n > 0 {
		p.History = append(p.History[:0:0], p.History[n:]...)
	}
}

// HistorySince returns the history entries recorded at or after since
// (all of them when since is zero), oldest first.
func (p *Plan) HistorySince(since time.Time) []HistoryEntry {
	out := []HistoryEntry{}
	for _, e := range p.History {
		if since.IsZero() || !e.At.Before(since) {
			out = append(out, e)
		}
	}
	return out
}

// Slot is a session's day and time as the history keeps it, in the
// session's own zone: "2026-01-31 10:00–10:50", with the end's date when
// it falls on another day ("2026-12-27 23:30–2026-12-28 00:30"); "" when
// the session is not scheduled.
func Slot(s *Session) string {
	if !s.Scheduled() {
		return ""
	}
	end := s.End.In(s.Start.Location())
	if DayOf(end) != DayOf(s.Start) {
		return s.Start.Format("2006-01-02 15:04") + "–" + end.Format("2006-01-02 15:04")
	}
	return s.Start.Format("2006-01-02 15:04") + "–" + end.Format("15:04")
}
