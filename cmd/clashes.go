package cmd

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/plan-cli/plan/export/jsonshape"
	"github.com/plan-cli/plan/schedule"
	"github.com/plan-cli/plan/schedule/store"
)

type clashesOptions struct {
	f    *Factory
	JSON bool
}

func newClashesCmd(f *Factory, runF func(*clashesOptions) error) *cobra.Command {
	o := &clashesOptions{f: f}
	c := &cobra.Command{
		Use:   "clashes",
		Short: "List overlapping picks and room changes too short to walk",
		Long: `List every pair of picks that overlap ("overlap", with the minutes they
share) and, once walking times are known ('plan walk'), every transition
too short to walk ("tight", with the minutes missing). Skipped picks take
no part.

In a pipe each clash is one tab-separated line: type, minutes, the two
ids, the later one's start, the two titles.`,
		Example: "  plan clashes\n  plan clashes --json | jq '.[] | select(.type == \"overlap\")'",
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(o)
			}
			return runClashes(o)
		},
	}
	addJSONFlag(c, &o.JSON, "an array of clash objects (sessions, type, minutes, titles, rooms, start)")
	return c
}

func runClashes(o *clashesOptions) error {
	f := o.f
	return f.readPlan(func(st *store.Workspace, p *schedule.Plan) error {
		cs := schedule.FindClashes(p.Picks, &p.Venue)
		if o.JSON {
			return f.writeJSON(jsonshape.Clashes(cs))
		}
		if len(cs) == 0 {
			fmt.Fprintln(f.IO.ErrOut, "No clashes.")
			return nil
		}
		f.printClashes(cs)
		return nil
	})
}
