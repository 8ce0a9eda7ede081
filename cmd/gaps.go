package cmd

import (
	"fmt"
	"time"

	"github.com/plan-cli/plan/export/jsonshape"
	"github.com/plan-cli/plan/export/present"
	"github.com/plan-cli/plan/schedule"
	"github.com/plan-cli/plan/schedule/store"
	"github.com/spf13/cobra"
)

type gapsOptions struct {
	f     *Factory
	Day   string
	After string
	JSON  bool
}

func newGapsCmd(f *Factory, runF func(*gapsOptions) error) *cobra.Command {
	o := &gapsOptions{f: f}
	c := &cobra.Command{
		Use:   "gaps",
		Short: "Free slots between your picks, with the sessions that fit each",
		Long: `List the free slots of at least 15 minutes in each day of the program
(between your picks, and before the first and after the last), each with
the sessions that fit in it: inside the slot, with time to walk from the
pick before and to the pick after. A slot after midnight at a congress
belongs to the day before, as the program files it.

--after keeps the slots that end after a moment, the one running then cut
to start there: "now", "sat 14:00", "14:00" (today when the conference is
on), "2026-01-31 14:00" or RFC 3339, in the conference's zone.`,
		Example: "  plan gaps\n  plan gaps --day sat --json\n  plan gaps --after now",
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(o)
			}
			return runGaps(o)
		},
	}
	c.Flags().StringVar(&o.Day, "day", "", "only this day: a date, weekday or day number")
	c.RegisterFlagCompletionFunc("day", f.completeDays)
	c.Flags().StringVar(&o.After, "after", "", "only the free time after this moment")
	addJSONFlag(c, &o.JSON, "an array of {day, start, end, minutes, after, before, sessions}")
	return c
}

func runGaps(o *gapsOptions) error {
	f := o.f
	return f.readPlan(func(st *store.Workspace, p *schedule.Plan) error {
		prog, err := f.programOf(st, p)
		if err != nil {
			return err
		}
		gaps := schedule.Gaps(p.Picks, prog.Sessions, &p.Venue, p.Location())
		if o.After != "" {
			after, err := parseMoment(o.After, f.timeContextOf(p, prog.Sessions))
			if err != nil {
				return usagef("--after: %v", err)
			}
			gaps = schedule.GapsAfter(gaps, after)
		}
		if o.Day != "" {
			d, err := resolveDay(o.Day, days(prog.Sessions))
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
		if o.JSON {
			return f.writeJSON(jsonshape.Gaps(gaps))
		}
		f.page(false)
		f.printGaps(gaps)
		return nil
	})
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
		// The heading is the conference day the slot belongs to: a slot
		// after midnight at a congress belongs to the day before.
		if d := present.LongDay(g.Day.Time(time.UTC)); d != day {
			if day != "" {
				fmt.Fprintln(out)
			}
			fmt.Fprintln(out, st.Heading.Render(d))
			day = d
		}
		fmt.Fprintf(out, "  %s  %s\n", st.Time.Render(slotRange(g.Start, g.End)),
			st.Dim.Render(fmt.Sprintf("free %s, %s fit", schedule.FormatDuration(g.End.Sub(g.Start)), schedule.Plural(len(g.Sessions), "session", ""))))
		const show = 8
		for i, s := range g.Sessions {
			if i == show {
				fmt.Fprintf(out, "      %s\n", st.Dim.Render(fmt.Sprintf("… and %d more (plan gaps --json)", len(g.Sessions)-show)))
				break
			}
			f.wrapf("          ", "      %s %s  %s %s\n", st.Dim.Render(s.ID), st.Time.Render(present.TimeRange(s)), s.Title, atRoom(st, s.Room))
		}
	}
}

// slotRange is "09:15–10:00", with the weekday of either end that falls on
// another calendar day than the slot's start ("23:30–Sun 01:00").
func slotRange(start, end time.Time) string {
	if schedule.DayOf(start) == schedule.DayOf(end) {
		return start.Format("15:04") + "–" + end.Format("15:04")
	}
	return start.Format("15:04") + "–" + end.Format("Mon 15:04")
}
