package cmd

import (
	"fmt"
	"time"

	"github.com/plan-cli/plan/export"
	"github.com/plan-cli/plan/schedule"
	"github.com/plan-cli/plan/schedule/store"
	"github.com/spf13/cobra"
)

type gapJSON struct {
	Day      string               `json:"day"`
	Start    string               `json:"start"`
	End      string               `json:"end"`
	Minutes  int                  `json:"minutes"`
	After    *string              `json:"after"`
	Before   *string              `json:"before"`
	Sessions []export.SessionJSON `json:"sessions"`
}

func newGapsCmd(f *Factory) *cobra.Command {
	var day string
	var asJSON bool
	c := &cobra.Command{
		Use:   "gaps",
		Short: "Free slots between your picks, with the sessions that fit each",
		Long: `List the free slots of at least 15 minutes in each day of the program
(between your picks, and before the first and after the last), each with
the sessions that fit in it: inside the slot, with time to walk from the
pick before and to the pick after.

--json prints an array of {start, end, minutes, after, before, sessions}.`,
		Example: "  plan gaps\n  plan gaps --day sat --json",
		RunE: func(cmd *cobra.Command, args []string) error {
			return f.readPlan(func(st *store.Workspace, p *schedule.Plan) error {
				prog, err := f.programOf(st, p)
				if err != nil {
					return err
				}
				gaps := schedule.Gaps(p.Picks, prog.Sessions, &p.Venue, p.Location())
				if day != "" {
					d, err := resolveDay(day, days(prog.Sessions))
					if err != nil {
						return err
					}
					keep := gaps[:0]
					for _, g := range gaps {
						if g.Day == d {
							keep = append(keep, g)
						}
					}
					gaps = keep
				}
				if asJSON {
					out := []gapJSON{}
					for _, g := range gaps {
						j := gapJSON{Day: g.Day, Start: g.Start.Format(time.RFC3339), End: g.End.Format(time.RFC3339), Minutes: int(g.End.Sub(g.Start) / time.Minute), Sessions: []export.SessionJSON{}}
						if g.After != nil {
							j.After = &g.After.ID
						}
						if g.Before != nil {
							j.Before = &g.Before.ID
						}
						for _, s := range g.Sessions {
							j.Sessions = append(j.Sessions, export.Session(s, nil, false))
						}
						out = append(out, j)
					}
					return f.writeJSON(out)
				}
				f.printGaps(gaps)
				return nil
			})
		},
	}
	c.Flags().StringVar(&day, "day", "", "only this day: a date, weekday or day number")
	c.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return c
}

func (f *Factory) printGaps(gaps []schedule.Gap) {
	out := f.IO.Out
	st := f.styles()
	if !f.IO.IsTerminal() {
		for _, g := range gaps {
			plainRow(out, "gap", g.Start.Format(time.RFC3339), g.End.Format(time.RFC3339), fmt.Sprint(len(g.Sessions)))
			for _, s := range g.Sessions {
				plainRow(out, "fits", s.ID, startField(s), endField(s), s.Room, s.Title)
			}
		}
		return
	}
	day := ""
	for _, g := range gaps {
		if d := longDay(g.Start); d != day {
			if day != "" {
				fmt.Fprintln(out)
			}
			fmt.Fprintln(out, st.Heading.Render(d))
			day = d
		}
		fmt.Fprintf(out, "  %s  %s\n", st.Time.Render(g.Start.Format("15:04")+"–"+g.End.Format("15:04")),
			st.Dim.Render(fmt.Sprintf("free %s, %d session(s) fit", humanDuration(g.End.Sub(g.Start)), len(g.Sessions))))
		const show = 8
		for i, s := range g.Sessions {
			if i == show {
				fmt.Fprintf(out, "      %s\n", st.Dim.Render(fmt.Sprintf("… and %d more (plan gaps --json)", len(g.Sessions)-show)))
				break
			}
			fmt.Fprintf(out, "      %s %s  %s %s\n", st.Dim.Render(s.ID), st.Time.Render(timeRange(s)), s.Title, atRoom(st, s.Room))
		}
	}
}
