package browse

import (
	"fmt"

	"github.com/charmbracelet/lipgloss"

	"github.com/plan-cli/plan/export/present"
	"github.com/plan-cli/plan/schedule"
)

// marks are the plan as the browser shows it: each pick by id, and the
// clashes of each. Built once per plan and never changed after.
type marks struct {
	plan  *schedule.Plan
	picks map[string]*schedule.Pick
	clash map[string][]schedule.Clash
}

func newMarks(p *schedule.Plan) *marks {
	mk := &marks{plan: p, picks: map[string]*schedule.Pick{}, clash: map[string][]schedule.Clash{}}
	for _, pk := range p.Picks {
		mk.picks[pk.ID] = pk
	}
	for _, c := range schedule.FindClashes(p.Picks, &p.Venue) {
		mk.clash[c.A.ID] = append(mk.clash[c.A.ID], c)
		mk.clash[c.B.ID] = append(mk.clash[c.B.ID], c)
	}
	return mk
}

// mark is the symbol of s in the plan, " " for none.
func (mk *marks) mark(s *schedule.Session) string { return orSpace(present.Mark(mk.picks[s.ID])) }

// clashText says what the pick id clashes with in c.
func (mk *marks) clashText(id string, c schedule.Clash) string {
	other := c.B
	if other.ID == id {
		other = c.A
	}
	if c.Type == schedule.Overlap {
		return fmt.Sprintf("%s overlaps %s (%s, %s) by %d min", present.MarkGone, quote(other.Title), present.TimeRange(&other.Session), orNone(other.Room), c.Minutes)
	}
	return fmt.Sprintf("⚠ tight: %d min short of the walk to/from %s in %s", c.Minutes, quote(other.Title), orNone(other.Room))
}

// clashLine is the first clash of the pick id, and how many more; "" for none.
func (mk *marks) clashLine(id string) string {
	cs := mk.clash[id]
	if len(cs) == 0 {
		return ""
	}
	return mk.clashText(id, cs[0]) + more(len(cs)-1)
}

func more(n int) string {
	if n < 1 {
		return ""
	}
	return fmt.Sprintf(" (+%d more)", n)
}

// wouldClash says what an unpicked session would clash with.
func (mk *marks) wouldClash(s *schedule.Session) string {
	var parts []string
	for _, pk := range mk.plan.Active() {
		if pk.ID == s.ID {
			continue
		}
		if typ, min, ok := schedule.Conflict(s, &pk.Session, &mk.plan.Venue); ok {
			if typ == schedule.Overlap {
				parts = append(parts, fmt.Sprintf("overlaps your %s by %d min", quote(pk.Title), min))
			} else {
				parts = append(parts, fmt.Sprintf("tight walk (%d min short) with your %s", min, quote(pk.Title)))
			}
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return "would clash: " + parts[0] + more(len(parts)-1)
}

// markStyle is the colour of a session's mark: what the pick is.
func (st *styles) markStyle(pk *schedule.Pick) lipgloss.Style {
	switch {
	case pk == nil:
		return st.Title.UnsetBold()
	case pk.Gone:
		return st.Bad
	case pk.Status.SetAside():
		return st.Dim
	case pk.Status == schedule.Attended:
		return st.Good
	case pk.Priority == schedule.Must:
		return st.Must
	case pk.Priority == schedule.Maybe:
		return st.Maybe
	}
	return st.Want
}
