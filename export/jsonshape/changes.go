package jsonshape

import (
	"time"

	"github.com/plan-cli/plan/schedule"
)

// Change is one entry of plan changes --json: a change an import made to
// a pick. From and To are "" when the change has no before or after (see
// schedule.Plan.RecordHistory for what they hold).
type Change struct {
	At     string `json:"at"`
	Source string `json:"source"`
	ID     string `json:"id"`
	Title  string `json:"title"`
	Change string `json:"change"`
	From   string `json:"from"`
	To     string `json:"to"`
}

// Changes converts history entries (never nil), their times RFC 3339 in
// loc (the conference's zone; nil keeps them as recorded).
func Changes(h []schedule.HistoryEntry, loc *time.Location) []Change {
	out := make([]Change, 0, len(h))
	for _, e := range h {
		at := e.At
		if loc != nil {
			at = at.In(loc)
		}
		out = append(out, Change{At: at.Format(time.RFC3339), Source: e.Source, ID: e.ID, Title: e.Title, Change: e.Change, From: e.From, To: e.To})
	}
	return out
}
