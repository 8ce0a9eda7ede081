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
		Long: `The recap's numbers over the picks you did not skip: sessions per kind
("10 Talks", "2 Birds of a Feather (BoF)"), hours in sessions, sessions
per day, tracks, rooms and speakers covered, planned vs attended vs
skipped, and your facts.`,
		Example: "  plan stats\n  plan stats --json | jq .lines",
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(o)
			}
			return runStats(o)
		},
	}
	addJSONFlag(c, &o.JSON, "counts (kind → number), lines (the recap lines), hours, per_day, tracks, rooms, speakers, planned, attended, skipped, unplanned and facts")
	return c
}

func runStats(o *statsOptions) error {
	f := o.f
	return f.readPlan(func(st *store.Workspace, p *schedule.Plan) error {
		s := schedule.ComputeStats(p)
		if o.JSON {
			return f.writeJSON(jsonshape.FromStats(s))
		}
		f.printStats(p, s)
		return nil
	})
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
		fmt.Fprintf(&b, " over %s", schedule.Plural(len(s.PerDay), "day", ""))
	}
	b.WriteString("\n")
	for _, d := range s.PerDay {
		fmt.Fprintf(&b, "      %s  %s\n", d.Day, schedule.Plural(d.Sessions, "session", ""))
	}
	fmt.Fprintf(&b, "%s %s, %s, %s\n", st.Dim.Render("covered:"), schedule.Plural(len(s.Tracks), "track", ""), schedule.Plural(len(s.Rooms), "room", ""), schedule.Plural(len(s.Speakers), "speaker", ""))
	fmt.Fprintf(&b, "%s %d planned, %d attended (%d unplanned), %d skipped\n", st.Dim.Render("picks:"), s.Planned, s.Attended, s.Unplanned, s.Skipped)
	if len(s.Facts) > 0 {
		b.WriteString("\n")
		for _, fc := range s.Facts {
			fmt.Fprintf(&b, "%s: %s\n", st.Title.Render(fc.Label), fc.Value)
		}
	}
	text := strings.TrimRight(b.String(), "\n")
	if f.IO.IsTerminal() {
		fmt.Fprintln(f.IO.Out, st.Card.Render(text))
		return
	}
	fmt.Fprintln(f.IO.Out, text)
}
