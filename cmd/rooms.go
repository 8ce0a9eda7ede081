package cmd

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/plan-cli/plan/cmd/internal/termtext"
	"github.com/plan-cli/plan/export/jsonshape"
	"github.com/plan-cli/plan/schedule"
	"github.com/plan-cli/plan/schedule/store"
)

// namesOptions serve plan tracks and plan rooms: the same list of names
// and counts, of one field of the sessions.
type namesOptions struct {
	f       *Factory
	Day     string
	JSON    bool
	NoPager bool

	what  string // "track" or "room"
	field func(*schedule.Session) string
}

func (o *namesOptions) flags(c *cobra.Command) {
	c.Flags().StringVar(&o.Day, "day", "", "count only this day: a date, weekday or day number")
	addJSONFlag(c, &o.JSON, `[{"name", "sessions"}]`)
	c.RegisterFlagCompletionFunc("day", o.f.completeDays)
}

func newRoomsCmd(f *Factory, runF func(*namesOptions) error) *cobra.Command {
	o := &namesOptions{f: f, what: "room", field: func(s *schedule.Session) string { return s.Room }}
	c := &cobra.Command{
		Use:   "rooms",
		Short: "List the program's rooms with their session counts",
		Long: `List the rooms of the program with how many sessions each has, by
name. --day counts one day only. The names are what 'plan list --room'
and 'plan walk' take.

In a pipe each room is one tab-separated line: name, sessions.`,
		Example: `  plan rooms
  plan rooms --day sat --json`,
		RunE: func(cmd *cobra.Command, args []string) error {
			o.NoPager = noPager(cmd)
			if runF != nil {
				return runF(o)
			}
			return runNames(o)
		},
	}
	o.flags(c)
	return c
}

func runNames(o *namesOptions) error {
	f := o.f
	return f.readPlan(func(st *store.Workspace, p *schedule.Plan) error {
		prog, err := f.programOf(st, p)
		if err != nil {
			return err
		}
		pool := prog.Sessions
		if o.Day != "" {
			d, err := resolveDay(o.Day, days(pool))
			if err != nil {
				return err
			}
			var keep []*schedule.Session
			for _, s := range pool {
				if s.Day() == d {
					keep = append(keep, s)
				}
			}
			pool = keep
		}
		counts := countBy(pool, o.field)
		if o.JSON {
			out := make([]jsonshape.NameCount, 0, len(counts))
			for _, nc := range counts {
				out = append(out, jsonshape.NameCount{Name: nc.name, Sessions: nc.sessions})
			}
			return f.writeJSON(out)
		}
		if !f.IO.IsTerminal() {
			for _, nc := range counts {
				plainRow(f.IO.Out, nc.name, fmt.Sprint(nc.sessions))
			}
			return nil
		}
		f.page(o.NoPager)
		st2 := f.styles()
		width := max(f.IO.Width(), 20)
		total, numW := 0, 1
		for _, nc := range counts {
			total += nc.sessions
			numW = max(numW, len(fmt.Sprint(nc.sessions)))
		}
		for _, nc := range counts {
			name := nc.name
			if name == "" {
				name = "(no " + o.what + ")"
			}
			fmt.Fprintf(f.IO.Out, "%*d  %s\n", numW, nc.sessions, st2.Title.Render(termtext.Truncate(name, width-numW-2)))
		}
		foot := fmt.Sprintf("%s, %s", schedule.Plural(len(counts), o.what, o.what+"s"), schedule.Plural(total, "session", ""))
		fmt.Fprintf(f.IO.Out, "\n%s\n", st2.Dim.Render(termtext.Truncate(foot, width)))
		return nil
	})
}
