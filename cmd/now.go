package cmd

import (
	"fmt"
	"strings"
	"time"

	"github.com/plan-cli/plan/export"
	"github.com/plan-cli/plan/schedule"
	"github.com/plan-cli/plan/schedule/store"
	"github.com/spf13/cobra"
)

type nowJSON struct {
	At       string               `json:"at"`
	Now      []export.SessionJSON `json:"now"`
	Next     []export.SessionJSON `json:"next"`
	Room     string               `json:"room"`
	RoomNext *export.SessionJSON  `json:"room_next"`
}

func newNowCmd(f *Factory) *cobra.Command {
	var at, room string
	var asJSON bool
	c := &cobra.Command{
		Use:   "now",
		Short: "What is on now and next",
		Long: `Show the picks running now and the next ones, and what starts next in
the room you are in (--room, else the room of your current or last pick).
--at asks about another moment: "2026-03-07 14:00" in the conference's
zone, RFC 3339, a day of the program and a time ("sun 11:50", "2 14:00"),
or a time of day "14:00" today.

--json prints {at, now: [sessions], next: [sessions], room, room_next}.`,
		Example: "  plan now\n  plan now --at \"2026-01-31 10:15\"\n  plan now --at \"sun 11:50\" --room Janson --json",
		RunE: func(cmd *cobra.Command, args []string) error {
			return f.readPlan(func(st *store.Workspace, p *schedule.Plan) error {
				loc := p.Location()
				moment := f.IO.Now().In(loc)
				prog, err := f.loadProgram(st, p)
				if err != nil {
					return err
				}
				if at != "" {
					ref := moment
					// "sun 11:50": a day of the program, as --day takes it.
					if day, clock, ok := strings.Cut(strings.TrimSpace(at), " "); ok && !strings.Contains(day, "-") {
						all := append([]*schedule.Session(nil), prog.Sessions...)
						for _, pk := range p.Picks {
							all = append(all, &pk.Session)
						}
						d, err := resolveDay(day, days(all))
						if err != nil {
							return usagef("--at: %s", strings.TrimPrefix(err.Error(), "--day "))
						}
						ref, _ = time.ParseInLocation(time.DateOnly, d, loc)
						at = clock
					}
					t, err := parseWhen(at, ref, loc)
					if err != nil {
						return usagef("--at: %v", err)
					}
					moment = t
				}
				res := schedule.Now(p.Picks, prog.Sessions, moment, room)
				if asJSON {
					out := nowJSON{At: moment.Format(time.RFC3339), Now: []export.SessionJSON{}, Next: []export.SessionJSON{}, Room: res.Room}
					for _, pk := range res.Now {
						out.Now = append(out.Now, export.Pick(pk, false))
					}
					for _, pk := range res.Next {
						out.Next = append(out.Next, export.Pick(pk, false))
					}
					if res.RoomNext != nil {
						j := export.Session(res.RoomNext, p.Pick(res.RoomNext.ID), false)
						out.RoomNext = &j
					}
					return f.writeJSON(out)
				}
				f.printNow(moment, res)
				return nil
			})
		},
	}
	c.Flags().StringVar(&at, "at", "", "the moment to ask about (default: now)")
	c.Flags().StringVar(&room, "room", "", "the room you are in")
	c.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return c
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
