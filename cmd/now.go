package cmd

import (
	"fmt"
	"time"

	"github.com/plan-cli/plan/export/jsonshape"
	"github.com/plan-cli/plan/schedule"
	"github.com/plan-cli/plan/schedule/store"
	"github.com/spf13/cobra"
)

type nowOptions struct {
	f    *Factory
	At   string
	Room string
	JSON bool
}

func newNowCmd(f *Factory, runF func(*nowOptions) error) *cobra.Command {
	o := &nowOptions{f: f}
	c := &cobra.Command{
		Use:   "now",
		Short: "What is on now and next",
		Long: `Show the picks running now and the next ones, and what starts next in
the room you are in (--room, else the room of your current or last pick).
--at asks about another moment, in the conference's zone: "2026-03-07
14:00", a day of the program and a time ("sun 11:50", "2 2pm"), a time
of day ("14:00", today when the conference is on), or RFC 3339.`,
		Example: "  plan now\n  plan now --at \"2026-01-31 10:15\"\n  plan now --at \"sun 11:50\" --room Janson --json",
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(o)
			}
			return runNow(o)
		},
	}
	c.Flags().StringVar(&o.At, "at", "", "the moment to ask about (default: now)")
	c.Flags().StringVar(&o.Room, "room", "", "the room you are in")
	addJSONFlag(c, &o.JSON, "{at, now: [sessions], next: [sessions], room, room_next}")
	return c
}

func runNow(o *nowOptions) error {
	f := o.f
	return f.readPlan(func(st *store.Workspace, p *schedule.Plan) error {
		tc, err := f.timeContext(st, p)
		if err != nil {
			return err
		}
		moment := tc.now.In(tc.loc)
		if o.At != "" {
			if moment, err = parseMoment(o.At, tc); err != nil {
				return usagef("--at: %v", err)
			}
		}
		prog, err := f.loadProgram(st, p)
		if err != nil {
			return err
		}
		res := schedule.Now(p.Picks, prog.Sessions, moment, o.Room)
		if o.JSON {
			return f.writeJSON(jsonshape.FromNow(res, p))
		}
		f.printNow(moment, res)
		return nil
	})
}

func (f *Factory) printNow(at time.Time, res schedule.NowResult) {
	out := f.IO.Out
	st := f.styles()
	if !f.IO.IsTerminal() {
		for _, pk := range res.Now {
			plainRow(out, "now", pk.ID, startField(&pk.Session), endField(&pk.Session), pk.Room, pk.Title)
		}
		for _, pk := range res.Next {
			plainRow(out, "next", pk.ID, startField(&pk.Session), endField(&pk.Session), pk.Room, pk.Title)
		}
		if s := res.RoomNext; s != nil {
			plainRow(out, "room-next", s.ID, startField(s), endField(s), s.Room, s.Title)
		}
		return
	}
	fmt.Fprintf(out, "%s\n", st.Dim.Render(longDay(at)+" "+at.Format("15:04 MST")))
	if len(res.Now) == 0 {
		fmt.Fprintf(out, "%s nothing you picked\n", st.Title.Render("Now: "))
	}
	for _, pk := range res.Now {
		left := pk.End.Sub(at).Round(time.Minute)
		fmt.Fprintf(out, "%s %s  %s %s\n", st.Title.Render("Now: "), pk.Title, atRoom(st, pk.Room), st.Dim.Render(fmt.Sprintf("(%s left)", humanDuration(left))))
	}
	for _, pk := range res.Next {
		in := pk.Start.Sub(at).Round(time.Minute)
		fmt.Fprintf(out, "%s %s  %s  %s %s\n", st.Title.Render("Next:"), st.Time.Render(pk.Start.Format("15:04")), pk.Title, atRoom(st, pk.Room), st.Dim.Render(fmt.Sprintf("(in %s)", humanDuration(in))))
	}
	if s := res.RoomNext; s != nil {
		fmt.Fprintf(out, "%s %s  %s\n", st.Dim.Render("Next in "+res.Room+":"), st.Time.Render(s.Start.Format("15:04")), s.Title)
	}
}
