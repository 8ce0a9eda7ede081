package cmd

import (
	"fmt"
	"strings"

	"github.com/plan-cli/plan/export"
	"github.com/plan-cli/plan/schedule"
	"github.com/plan-cli/plan/schedule/store"
	"github.com/spf13/cobra"
)

type agendaDayJSON struct {
	Date     string               `json:"date"`
	Sessions []export.SessionJSON `json:"sessions"`
}

type agendaJSON struct {
	Days        []agendaDayJSON      `json:"days"`
	Unscheduled []export.SessionJSON `json:"unscheduled"`
	Clashes     []export.ClashJSON   `json:"clashes"`
}

func newAgendaCmd(f *Factory) *cobra.Command {
	var day string
	var asJSON, all bool
	c := &cobra.Command{
		Use:   "agenda",
		Short: "Your schedule, day by day",
		Long: `Your picks as a timeline, day by day, with clashes and tight walks
marked. Skipped picks are left out unless --all.

--json prints {days: [{date, sessions}], unscheduled, clashes}.`,
		Example: "  plan agenda\n  plan agenda --day sun\n  plan agenda --json",
		RunE: func(cmd *cobra.Command, args []string) error {
			return f.readPlan(func(st *store.Workspace, p *schedule.Plan) error {
				var picks []*schedule.Pick
				for _, pk := range p.Picks {
					if all || pk.Status != schedule.Skipped {
						picks = append(picks, pk)
					}
				}
				sessions := make([]*schedule.Session, len(picks))
				for i, pk := range picks {
					sessions[i] = &pk.Session
				}
				if day != "" {
					d, err := resolveDay(day, days(sessions))
					if err != nil {
						return err
					}
					var keep []*schedule.Pick
					for _, pk := range picks {
						if pk.Day() == d {
							keep = append(keep, pk)
						}
					}
					picks = keep
				}
				clashes := schedule.FindClashes(picks, &p.Venue)
				if asJSON {
					return f.writeJSON(agendaToJSON(picks, clashes))
				}
				if len(picks) == 0 {
					fmt.Fprintln(f.IO.ErrOut, "Nothing picked yet: 'plan list' to browse, 'plan add ID' to pick.")
					return nil
				}
				f.printAgenda(picks, clashes)
				return nil
			})
		},
	}
	c.Flags().StringVar(&day, "day", "", "only this day: a date, weekday or day number")
	c.RegisterFlagCompletionFunc("day", f.completeDays)
	c.Flags().BoolVar(&all, "all", false, "include skipped picks")
	c.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return c
}

func agendaToJSON(picks []*schedule.Pick, clashes []schedule.Clash) agendaJSON {
	out := agendaJSON{Days: []agendaDayJSON{}, Unscheduled: []export.SessionJSON{}, Clashes: export.Clashes(clashes)}
	for _, pk := range picks {
		if !pk.Scheduled() {
			out.Unscheduled = append(out.Unscheduled, export.Pick(pk, false))
			continue
		}
		d := pk.Day()
		if n := len(out.Days); n == 0 || out.Days[n-1].Date != d {
			out.Days = append(out.Days, agendaDayJSON{Date: d, Sessions: []export.SessionJSON{}})
		}
		last := &out.Days[len(out.Days)-1]
		last.Sessions = append(last.Sessions, export.Pick(pk, false))
	}
	return out
}

func (f *Factory) printAgenda(picks []*schedule.Pick, clashes []schedule.Clash) {
	out := f.IO.Out
	st := f.styles()
	byB := map[string][]schedule.Clash{}
	for _, c := range clashes {
		byB[c.B.ID] = append(byB[c.B.ID], c)
	}
	if !f.IO.IsTerminal() {
		for _, pk := range picks {
			var flags []string
			for _, c := range byB[pk.ID] {
				flags = append(flags, fmt.Sprintf("%s %dmin with %s", c.Type, c.Minutes, c.A.ID))
			}
			plainRow(out, pk.Day(), timeRange(&pk.Session), pk.ID, pk.Room, string(pk.Kind), pk.Title, string(pk.Priority)+"/"+string(pk.Status), strings.Join(flags, "; "))
		}
		return
	}
	day := ""
	for _, pk := range picks {
		f.dayHeading(&day, &pk.Session)
		mark := priorityStyle(st, pk.Priority).Render("●")
		switch {
		case pk.Gone:
			mark = st.Bad.Render("✗")
		case pk.Status == schedule.Attended:
			mark = st.Good.Render("✓")
		case pk.Status == schedule.Skipped:
			mark = st.Dim.Render("-")
		}
		title := st.Title.Render(pk.Title)
		if pk.Cancelled {
			title = st.Bad.Render("CANCELLED ") + pk.Title
		}
		if pk.Gone {
			title += st.Bad.Render(" (gone from the program)")
		}
		fmt.Fprintf(out, "  %s %s  %s %s %s %s\n", mark, st.Time.Render(fmt.Sprintf("%-11s", timeRange(&pk.Session))), title,
			atRoom(st, pk.Room), st.Kind.Render("["+string(pk.Kind)+"]"), st.Dim.Render(pk.ID))
		// Clashes go under the later session of each pair, with the one it
		// clashes with named by id.
		for _, c := range byB[pk.ID] {
			if c.Type == schedule.Overlap {
				fmt.Fprintf(out, "    %s\n", st.Bad.Render(fmt.Sprintf("✗ overlaps %s %q by %d min", c.A.ID, c.A.Title, c.Minutes)))
			} else {
				fmt.Fprintf(out, "    %s\n", st.Warn.Render(fmt.Sprintf("⚠ %d min short to walk here from %s (%s)", c.Minutes, orDash(c.A.Room), c.A.ID)))
			}
		}
		for i, line := range strings.Split(pk.Note, "\n") {
			if pk.Note == "" {
				break
			}
			lead := "✎ "
			if i > 0 {
				lead = "  "
			}
			fmt.Fprintf(out, "    %s\n", st.Dim.Render(lead+line))
		}
	}
}
