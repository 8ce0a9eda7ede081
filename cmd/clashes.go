package cmd

import (
	"fmt"

	"github.com/plan-cli/plan/export"
	"github.com/plan-cli/plan/schedule"
	"github.com/plan-cli/plan/schedule/store"
	"github.com/spf13/cobra"
)

func newClashesCmd(f *Factory) *cobra.Command {
	var asJSON bool
	c := &cobra.Command{
		Use:   "clashes",
		Short: "List overlapping picks and room changes too short to walk",
		Long: `List every pair of picks that overlap ("overlap", with the minutes they
share) and, once walking times are known ('plan walk'), every transition
too short to walk ("tight", with the minutes missing). Skipped picks take
no part.

--json prints an array of objects: sessions (the two ids), type (overlap
or tight), minutes, titles, rooms, start.`,
		Example: "  plan clashes\n  plan clashes --json | jq '.[] | select(.type == \"overlap\")'",
		RunE: func(cmd *cobra.Command, args []string) error {
			return f.readPlan(func(st *store.Workspace, p *schedule.Plan) error {
				cs := schedule.FindClashes(p.Picks, &p.Venue)
				if asJSON {
					return f.writeJSON(export.Clashes(cs))
				}
				if len(cs) == 0 {
					fmt.Fprintln(f.IO.ErrOut, "No clashes.")
					return nil
				}
				f.printClashes(cs)
				return nil
			})
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print JSON: an array of clash objects")
	return c
}
