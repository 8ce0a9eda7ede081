package cmd

import (
	"fmt"

	"github.com/plan-cli/plan/schedule"
	"github.com/plan-cli/plan/schedule/store"
	"github.com/spf13/cobra"
)

func newRemoveCmd(f *Factory) *cobra.Command {
	c := &cobra.Command{
		Use:     "remove ID...",
		Aliases: []string{"rm"},
		Short:   "Drop picks",
		Long:    "Drop picks (or personal entries) from the plan. Use 'plan skip' instead to keep a record that you did not go.",
		Example: "  plan remove 7886\n  plan remove my-lunch-with-ana 8402",
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			var removed []*schedule.Pick
			err := f.changePlan(func(st *store.Workspace, p *schedule.Plan) error {
				drop := map[string]bool{}
				for _, id := range args {
					if p.Pick(id) == nil {
						return notFound("pick", id, similarPicks(p, id))
					}
					drop[id] = true
				}
				keep := p.Picks[:0]
				for _, pk := range p.Picks {
					if drop[pk.ID] {
						removed = append(removed, pk)
					} else {
						keep = append(keep, pk)
					}
				}
				p.Picks = keep
				return nil
			})
			if err != nil {
				return err
			}
			for _, pk := range removed {
				fmt.Fprintf(f.IO.Out, "Removed %s  %q\n", pk.ID, pk.Title)
			}
			return nil
		},
		ValidArgsFunction: f.completePicks,
	}
	return c
}
