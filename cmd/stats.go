package cmd

import (
	"fmt"
	"strings"
	"time"

	"github.com/plan-cli/plan/export/jsonshape"
	"github.com/plan-cli/plan/schedule"
	"github.com/plan-cli/plan/schedule/store"
	"github.com/spf13/cobra"
)

type statsOptions struct {
	f    *Factory
	JSON bool
}

func newStatsCmd(f *Factory, runF func(*statsOptions) error) *cobra.Command {
	o := &statsOptions{f: f}
	c := &cobra.Command{
		Use:   "stats",
		Short: "By the numbers: sessions per kind, hours, days, tracks, rooms, facts",
		Long: `The recap's numbers: sessions per kind ("10 Talks", "2 Birds of a
Feather (BoF)"), hours in sessions, sessions per day, rooms, tracks and
speakers covered, attended vs planned vs skipped, and your facts, in the
order and words of 'plan export --md' and '--html'.

After the conference's last day the numbers count what you attended, and
the picks you neither attended nor skipped are listed apart: 'plan
attend' or 'plan skip' them. Before and during the conference the
numbers are the plan so far (every pick you did not skip), and say so.
Picks 'plan optimize --apply' dropped are counted apart ("5 dropped"):
they are neither in the numbers nor listed, and record nothing.`,
		Example: "  plan stats\n  plan stats --json | jq .lines",
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(o)
			}
			return runStats(o)
		},
	}
	addJSONFlag(c, &o.JSON, "counts (kind → number), lines (the recap lines), hours, per_day, tracks, rooms, speakers, planned, attended, skipped, dropped, unplanned, facts, phase (before, during, after), first_day, last_day and pending (ids of picks neither attended nor skipped after the conference)")
	return c
}

func runStats(o *statsOptions) error {
	f := o.f
	return f.readPlan(func(st *store.Workspace, p *schedule.Plan) error {
		s := schedule.ComputeStats(p, f.IO.Now())
		if o.JSON {
			return f.writeJSON(jsonshape.FromStats(s))
		}
		f.printStats(p, s)
		return nil
	})
}

// printStats writes the recap's numbers in the order and words of the
// Markdown and HTML recaps (schedule.Stats' texts), with the sessions per
// day under the time.
func (f *Factory) printStats(p *schedule.Plan, s schedule.Stats) {
	name := p.Conference.Name
	if name == "" {
		name = "Conference"
	}
	var b strings.Builder
	st := f.styles()
	fmt.Fprintf(&b, "%s\n", st.Title.Render(name+", by the numbers"))
	if t := s.PhaseText(p.Conference.Name); t != "" {
		fmt.Fprintf(&b, "%s\n", st.Dim.Render(t))
	}
	b.WriteString("\n")
	if len(s.Lines) == 0 {
		b.WriteString("Nothing recorded yet.\n")
	}
	for _, l := range s.Lines {
		n, rest, _ := strings.Cut(l, " ")
		fmt.Fprintf(&b, "  %s %s\n", st.Big.Render(fmt.Sprintf("%3s", n)), rest)
	}
	b.WriteString("\n")
	if t := s.TimeText(); t != "" {
		fmt.Fprintf(&b, "%s %s\n", st.Dim.Render("Time in sessions:"), t)
		for _, d := range s.PerDay {
			fmt.Fprintf(&b, "  %s: %s, %s\n", d.Day.Format("Mon 2 Jan"), schedule.Plural(d.Sessions, "session", ""), schedule.FormatDuration(time.Duration(d.Hours*60+0.5)*time.Minute))
		}
	}
	if t := s.CoveredText(); t != "" {
		fmt.Fprintf(&b, "%s %s\n", st.Dim.Render("Covered:"), t)
	}
	if t := s.PicksText(); t != "" {
		fmt.Fprintf(&b, "%s %s\n", st.Dim.Render("Picks:"), t)
	}
	if t := s.PendingText(); t != "" {
		fmt.Fprintf(&b, "\n%s:\n", t)
		for _, pd := range s.Pending {
			fmt.Fprintf(&b, "  %s\n    %s\n", oneLineText(pd.Title), st.Dim.Render(pd.ID))
		}
	}
	if len(s.Facts) > 0 {
		fmt.Fprintf(&b, "\n%s\n", st.Title.Render("Facts"))
		for _, fc := range s.Facts {
			fmt.Fprintf(&b, "  %s: %s\n", oneLineText(fc.Label), oneLineText(fc.Value))
		}
	}
	text := strings.TrimRight(b.String(), "\n")
	if f.IO.IsTerminal() {
		fmt.Fprintln(f.IO.Out, st.Card.Render(text))
		return
	}
	fmt.Fprintln(f.IO.Out, text)
}

// oneLineText folds a text's whitespace runs, newlines too, into spaces.
func oneLineText(s string) string { return strings.Join(strings.Fields(s), " ") }
