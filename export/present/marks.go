package present

import "github.com/plan-cli/plan/schedule"

// Marks say what a session is to the plan by a symbol, not by colour
// alone, so they read the same with NO_COLOR and for colour-blind users.
const (
	MarkMust     = "★"
	MarkWant     = "☆"
	MarkMaybe    = "○"
	MarkAttended = "✓"
	MarkSkipped  = "-" // skipped or dropped
	MarkGone     = "✗"
	MarkClash    = "!"
)

// Legend explains the marks in one line.
const Legend = MarkMust + " must  " + MarkWant + " want  " + MarkMaybe + " maybe  " + MarkAttended + " attended  " + MarkSkipped + " skipped/dropped  " + MarkGone + " gone"

// Mark is the symbol of a pick ("" for no pick).
func Mark(pk *schedule.Pick) string {
	switch {
	case pk == nil:
		return ""
	case pk.Gone:
		return MarkGone
	case pk.Status.SetAside():
		return MarkSkipped
	case pk.Status == schedule.Attended:
		return MarkAttended
	case pk.Priority == schedule.Must:
		return MarkMust
	case pk.Priority == schedule.Maybe:
		return MarkMaybe
	}
	return MarkWant
}
