package cmd

import (
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/plan-cli/plan/export/jsonshape"
	"github.com/plan-cli/plan/schedule"
	"github.com/plan-cli/plan/schedule/store"
)

type walkOptions struct {
	f       *Factory
	From    string
	To      string
	Length  string // the walk between From and To
	Default string // --default
	JSON    bool
}

func newWalkCmd(f *Factory, runF func(*walkOptions) error) *cobra.Command {
	o := &walkOptions{f: f}
	c := &cobra.Command{
		Use:   "walk [ROOM ROOM LENGTH]",
		Short: "Record the walking time between two rooms",
		Long: `Record how long it takes to walk between two rooms (either way). From
then on 'plan clashes', 'plan agenda' and 'plan optimize' treat a change
of room with less time than that as a "tight" clash. The length is whole
minutes: 10, 10m, 1h30 or 1:30. --default sets the walk for every pair of
rooms not listed (none is assumed until set). Without arguments, list the
walks.`,
		Example: `  plan walk "Room 101" "Ballroom DE" 10m
  plan walk --default 5m
  plan walk`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 0 && len(args) != 3 {
				return fmt.Errorf("give two rooms and a length, e.g. plan walk \"Room 101\" \"Ballroom DE\" 10m")
			}
			return nil
		},
		ValidArgsFunction: f.completeRooms,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 3 {
				o.From, o.To, o.Length = args[0], args[1], args[2]
			}
			if runF != nil {
				return runF(o)
			}
			return runWalk(o)
		},
	}
	c.Flags().StringVar(&o.Default, "default", "", "walking time between rooms not listed, e.g. 5m")
	addJSONFlag(c, &o.JSON, "the walks")
	return c
}

func runWalk(o *walkOptions) error {
	f := o.f
	if o.Length == "" && o.Default == "" {
		return f.readPlan(func(st *store.Workspace, p *schedule.Plan) error {
			if o.JSON {
				return f.writeJSON(jsonshape.FromVenue(p.Venue))
			}
			f.printWalks(p.Venue)
			return nil
		})
	}
	var def, walk schedule.Minutes
	if o.Default != "" {
		d, err := parseLength(o.Default)
		if err != nil {
			return usagef("--default: %v", err)
		}
		def = schedule.Minutes(d / time.Minute)
	}
	if o.Length != "" {
		if strings.EqualFold(strings.TrimSpace(o.From), strings.TrimSpace(o.To)) {
			return usagef("the two rooms are the same")
		}
		d, err := parseLength(o.Length)
		if err != nil {
			return usageError{err}
		}
		walk = schedule.Minutes(d / time.Minute)
	}
	var from, to string
	var unknown []string // rooms no session is in, with a suggestion
	tight := 0
	err := f.changePlan(func(st *store.Workspace, p *schedule.Plan) error {
		if o.Default != "" {
			p.Venue.DefaultWalk = def
		}
		if o.Length != "" {
			prog, err := f.loadProgram(st, p)
			if err != nil {
				return err
			}
			rooms := schedule.NewRooms(prog.Sessions, p.Picks)
			canonical := func(name string) string {
				c, ok := rooms.Canonical(name)
				if !ok && !rooms.Empty() {
					hint := ""
					if near := rooms.Nearest(name); near != "" {
						hint = fmt.Sprintf(" (did you mean %q?)", near)
					}
					unknown = append(unknown, fmt.Sprintf("no session is in room %q%s; the walk is recorded anyway", name, hint))
				}
				return c
			}
			from, to = canonical(o.From), canonical(o.To)
			p.Venue.SetWalk(from, to, walk)
		}
		tight = p.TightTransitions()
		return nil
	})
	if err != nil {
		return err
	}
	for _, w := range unknown {
		fmt.Fprintf(f.IO.ErrOut, "warning: %s.\n", w)
	}
	if o.Default != "" {
		fmt.Fprintf(f.IO.Out, "Walks between rooms not listed take %d min.\n", def)
	}
	if o.Length != "" {
		fmt.Fprintf(f.IO.Out, "Walking between %s and %s takes %d min.\n", from, to, walk)
	}
	if tight > 0 {
		verb := "are"
		if tight == 1 {
			verb = "is"
		}
		fmt.Fprintf(f.IO.Out, "%s between your picks %s too short to walk: see 'plan clashes'.\n", schedule.Plural(tight, "transition", ""), verb)
	}
	return nil
}

func (f *Factory) printWalks(v schedule.Venue) {
	if v.DefaultWalk > 0 {
		fmt.Fprintf(f.IO.Out, "default\t%d min\n", v.DefaultWalk)
	}
	for _, w := range v.Walks {
		fmt.Fprintf(f.IO.Out, "%s\t%s\t%d min\n", w.From, w.To, w.Minutes)
	}
	if v.DefaultWalk == 0 && len(v.Walks) == 0 {
		fmt.Fprintln(f.IO.ErrOut, "No walking times yet: plan walk ROOM ROOM 10m")
	}
}
