package cmd

import (
	"fmt"
	"strings"
	"time"

	"github.com/plan-cli/plan/schedule"
	"github.com/plan-cli/plan/schedule/store"
	"github.com/spf13/cobra"
)

func newStatsCmd(f *Factory) *cobra.Command {
	var asJSON bool
	c := &cobra.Command{
		Use:   "stats",
		Short: "By the numbers: sessions per kind, hours, days, tracks, rooms, facts",
		Long: `The recap's numbers over the picks you did not skip: sessions per kind
("10 Talks", "2 Birds of a Feather (BoF)"), hours in sessions, sessions
per day, tracks, rooms and speakers covered, planned vs attended vs
skipped, and your facts.

--json prints counts (kind → number), lines (the recap lines), hours,
per_day, tracks, rooms, speakers, planned, attended, skipped, unplanned
and facts.`,
		Example: "  plan stats\n  plan stats --json | jq .lines",
		RunE: func(cmd *cobra.Command, args []string) error {
			return f.readPlan(func(st *store.Workspace, p *schedule.Plan) error {
				s := schedule.ComputeStats(p)
				if asJSON {
					return f.writeJSON(s)
				}
				f.printStats(p, s)
				return nil
			})
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return c
}

func (f *Factory) printStats(p *schedule.Plan, s schedule.Stats) {
	name := p.Conference.Name
	if name == "" {
		name = "Conference"
	}
	var b strings.Builder
	st := f.styles()
	fmt.Fprintf(&b, "%s\n\n", st.Title.Render(name+", by the numbers"))
	if len(s.Lines) == 0 {
		b.WriteString("Nothing picked yet.\n")
	}
	for _, l := range s.Lines {
		n, rest, _ := strings.Cut(l, " ")
		fmt.Fprintf(&b, "  %s %s\n", st.Big.Render(fmt.Sprintf("%3s", n)), rest)
	}
	b.WriteString("\n")
	fmt.Fprintf(&b, "%s %s in sessions", st.Dim.Render("time:"), schedule.FormatDuration(time.Duration(s.Hours*float64(time.Hour))))
	if len(s.PerDay) > 0 {
		fmt.Fprintf(&b, " over %d day(s)", len(s.PerDay))
	}
	b.WriteString("\n")
	for _, d := range s.PerDay {
		fmt.Fprintf(&b, "      %s  %d session(s)\n", d.Day, d.Sessions)
	}
	fmt.Fprintf(&b, "%s %d tracks, %d rooms, %d speakers\n", st.Dim.Render("covered:"), len(s.Tracks), len(s.Rooms), len(s.Speakers))
	fmt.Fprintf(&b, "%s %d planned, %d attended (%d unplanned), %d skipped\n", st.Dim.Render("picks:"), s.Planned, s.Attended, s.Unplanned, s.Skipped)
	if len(s.Facts) > 0 {
		b.WriteString("\n")
		for _, f := range s.Facts {
			fmt.Fprintf(&b, "%s: %s\n", st.Title.Render(f.Label), f.Value)
		}
	}
	text := strings.TrimRight(b.String(), "\n")
	if f.IO.IsTerminal() {
		fmt.Fprintln(f.IO.Out, st.Card.Render(text))
		return
	}
	fmt.Fprintln(f.IO.Out, text)
}
