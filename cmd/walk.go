package cmd

import (
	"fmt"
	"strings"

	"github.com/plan-cli/plan/schedule"
	"github.com/plan-cli/plan/schedule/store"
	"github.com/spf13/cobra"
)

func newWalkCmd(f *Factory) *cobra.Command {
	var def string
	var asJSON bool
	c := &cobra.Command{
		Use:   "walk [ROOM ROOM DURATION]",
		Short: "Record the walking time between two rooms",
		Long: `Record how long it takes to walk between two rooms (either way). From
then on 'plan clashes', 'plan agenda' and 'plan optimize' treat a change
of room with less time than that as a "tight" clash. --default sets the
walk for every pair of rooms not listed (none is assumed until set).
Without arguments, list the walks.`,
		Example: `  plan walk "Room 101" "Ballroom DE" 10m
  plan walk --default 5m
  plan walk`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 0 && len(args) != 3 {
				return fmt.Errorf("give two rooms and a duration, e.g. plan walk \"Room 101\" \"Ballroom DE\" 10m")
			}
			return nil
		},
		ValidArgsFunction: f.completeRooms,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 && def == "" {
				return f.readPlan(func(st *store.Workspace, p *schedule.Plan) error {
					if asJSON {
						return f.writeJSON(walksJSON(p.Venue))
					}
					if p.Venue.DefaultWalk > 0 {
						fmt.Fprintf(f.IO.Out, "default\t%d min\n", p.Venue.DefaultWalk)
					}
					for _, w := range p.Venue.Walks {
						fmt.Fprintf(f.IO.Out, "%s\t%s\t%d min\n", w.From, w.To, w.Minutes)
					}
					if p.Venue.DefaultWalk == 0 && len(p.Venue.Walks) == 0 {
						fmt.Fprintln(f.IO.ErrOut, "No walking times yet: plan walk ROOM ROOM 10m")
					}
					return nil
				})
			}
			var dm, wm schedule.Minutes
			var err error
			if def != "" {
				if dm, err = parseMinutes(def); err != nil {
					return usagef("--default: %v", err)
				}
			}
			if len(args) == 3 {
				if strings.EqualFold(strings.TrimSpace(args[0]), strings.TrimSpace(args[1])) {
					return usagef("the two rooms are the same")
				}
				if wm, err = parseMinutes(args[2]); err != nil {
					return usageError{err}
				}
			}
			return f.changePlan(func(st *store.Workspace, p *schedule.Plan) error {
				if def != "" {
					p.Venue.DefaultWalk = dm
					fmt.Fprintf(f.IO.Out, "Walks between rooms not listed take %d min.\n", dm)
				}
				if len(args) == 3 {
					rooms := map[string]string{} // lower case -> as the program spells it
					if prog, err := f.loadProgram(st, p); err == nil {
						for _, s := range prog.Sessions {
							rooms[strings.ToLower(s.Room)] = s.Room
						}
					}
					for _, pk := range p.Picks {
						rooms[strings.ToLower(pk.Room)] = pk.Room
					}
					for _, r := range args[:2] {
						if _, ok := rooms[strings.ToLower(strings.TrimSpace(r))]; !ok && len(rooms) > 0 {
							hint := ""
							if near := nearestRoom(r, rooms); near != "" {
								hint = fmt.Sprintf(" (did you mean %q?)", near)
							}
							fmt.Fprintf(f.IO.ErrOut, "warning: no session is in room %q%s; the walk is recorded anyway.\n", r, hint)
						}
					}
					from, to := canonicalRoom(p, args[0]), canonicalRoom(p, args[1])
					if c, ok := rooms[strings.ToLower(strings.TrimSpace(args[0]))]; ok {
						from = c
					}
					if c, ok := rooms[strings.ToLower(strings.TrimSpace(args[1]))]; ok {
						to = c
					}
					p.Venue.SetWalk(from, to, wm)
					fmt.Fprintf(f.IO.Out, "Walking between %s and %s takes %d min.\n", from, to, wm)
				}
				tight := 0
				for _, c := range schedule.FindClashes(p.Picks, &p.Venue) {
					if c.Type == schedule.Tight {
						tight++
					}
				}
				if tight > 0 {
					fmt.Fprintf(f.IO.Out, "%d transition(s) between your picks are now too short to walk: see 'plan clashes'.\n", tight)
				}
				return nil
			})
		},
	}
	c.Flags().StringVar(&def, "default", "", "walking time between rooms not listed, e.g. 5m")
	c.Flags().BoolVar(&asJSON, "json", false, "list the walks as JSON")
	return c
}

type walkJSON struct {
	From    string `json:"from"`
	To      string `json:"to"`
	Minutes int    `json:"minutes"`
}

func walksJSON(v schedule.Venue) map[string]any {
	ws := []walkJSON{}
	for _, w := range v.Walks {
		ws = append(ws, walkJSON{w.From, w.To, int(w.Minutes)})
	}
	return map[string]any{"default_minutes": int(v.DefaultWalk), "walks": ws}
}

// nearestRoom finds the known room that looks most like r: one differing
// by a character or two, or containing it.
func nearestRoom(r string, rooms map[string]string) string {
	low := strings.ToLower(strings.TrimSpace(r))
	best, bestD := "", 3
	for k, v := range rooms {
		if k == "" {
			continue
		}
		d := 0
		if len(k) != len(low) {
			d = 3
		} else {
			for i := range k {
				if k[i] != low[i] {
					d++
				}
			}
		}
		if strings.Contains(k, low) && len(low) >= 3 {
			d = min(d, 2)
		}
		if d < bestD || (d == bestD && best != "" && v < best) {
			best, bestD = v, d
		}
	}
	return best
}

// canonicalRoom spells a room as the picks spell it, when one matches
// without regard to case.
func canonicalRoom(p *schedule.Plan, room string) string {
	room = strings.TrimSpace(room)
	for _, pk := range p.Picks {
		if strings.EqualFold(pk.Room, room) {
			return pk.Room
		}
	}
	return room
}
