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
	NewRoom bool   // --new-room
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
walks.

A room is named as in the program, in any case, or by the words its
name begins with when they name one room ("K.1.105" for "K.1.105 (La
Fontaine)"). A room no session is in is refused as a typo, with the
nearest name, unless --new-room says it is a place the program lacks,
such as the expo hall of booths.`,
		Example: `  plan walk "Room 101" "Ballroom DE" 10m
  plan walk --default 5m
  plan walk "Expo Hall" "Room 211" 10m --new-room
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
	c.Flags().BoolVar(&o.NewRoom, "new-room", false, "accept a room no session is in (a booth hall, an entrance)")
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
	var oldDef, oldWalk schedule.Minutes
	hadWalk := false
	tight := 0
	err := f.changePlan(func(st *store.Workspace, p *schedule.Plan) error {
		if o.Default != "" {
			oldDef = p.Venue.DefaultWalk
			p.Venue.DefaultWalk = def
		}
		if o.Length != "" {
			prog, err := f.loadProgram(st, p)
			if err != nil {
				return err
			}
			if from, to, err = o.rooms(prog, p); err != nil {
				return err
			}
			oldWalk, hadWalk = walkBetween(p.Venue, from, to)
			p.Venue.SetWalk(from, to, walk)
		}
		tight = p.TightTransitions()
		return nil
	})
	if err != nil {
		return err
	}
	if o.Default != "" {
		fmt.Fprintf(f.IO.Out, "Walks between rooms not listed take %d min%s.\n", def, was(def, oldDef, oldDef > 0))
	}
	if o.Length != "" {
		fmt.Fprintf(f.IO.Out, "Walking between %s and %s takes %d min%s.\n", from, to, walk, was(walk, oldWalk, hadWalk))
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

// rooms spells the two rooms as the program does. A room no session, no
// pick and no walk is in is refused, with the nearest name, unless
// --new-room says it is meant (a booth hall, an entrance); a plan
// without rooms has nothing to check against.
func (o *walkOptions) rooms(prog *schedule.Program, p *schedule.Plan) (from, to string, err error) {
	rooms := schedule.NewRooms(prog.Sessions, p.Picks)
	empty := rooms.Empty()
	for _, w := range p.Venue.Walks {
		rooms.Add(w.From)
		rooms.Add(w.To)
	}
	canonical := func(name string) (string, error) {
		c, ok := rooms.Canonical(name)
		if ok || o.NewRoom || empty {
			return c, nil
		}
		msg := fmt.Sprintf("no session is in room %q", c)
		if near := rooms.Nearest(c); near != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", near)
		}
		return "", usagef("%s: 'plan rooms' lists the program's rooms; for a room it lacks (a booth hall), give --new-room", msg)
	}
	if from, err = canonical(o.From); err != nil {
		return "", "", err
	}
	if to, err = canonical(o.To); err != nil {
		return "", "", err
	}
	return from, to, nil
}

// walkBetween is the walk recorded between a and b (either way), if any.
func walkBetween(v schedule.Venue, a, b string) (schedule.Minutes, bool) {
	for _, w := range v.Walks {
		if strings.EqualFold(w.From, a) && strings.EqualFold(w.To, b) || strings.EqualFold(w.From, b) && strings.EqualFold(w.To, a) {
			return w.Minutes, true
		}
	}
	return 0, false
}

// was tells what a setting was before: " (was 10 min)", " (unchanged)",
// or "" when it was not set.
func was(now, old schedule.Minutes, set bool) string {
	switch {
	case !set:
		return ""
	case now == old:
		return " (unchanged)"
	}
	return fmt.Sprintf(" (was %d min)", old)
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
