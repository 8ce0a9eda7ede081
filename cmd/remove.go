package cmd

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/plan-cli/plan/schedule"
	"github.com/plan-cli/plan/schedule/store"
)

type removeOptions struct {
	f   *Factory
	IDs []string
}

func newRemoveCmd(f *Factory, runF func(*removeOptions) error) *cobra.Command {
	o := &removeOptions{f: f}
	return &cobra.Command{
		Use:               "remove ID...",
		Aliases:           []string{"rm"},
		Short:             "Drop picks",
		Long:              "Drop picks (or personal entries) from the plan. Use 'plan skip' instead to keep a record that you did not go.",
		Example:           "  plan remove 7886\n  plan remove my-lunch-with-ana 8402",
		Args:              cobra.MinimumNArgs(1),
		ValidArgsFunction: f.completePicks,
		RunE: func(cmd *cobra.Command, args []string) error {
			o.IDs = args
			if runF != nil {
				return runF(o)
			}
			return runRemove(o)
		},
	}
}

func runRemove(o *removeOptions) error {
	var removed, fit []*schedule.Pick
	err := o.f.changePlan(func(st *store.Workspace, p *schedule.Plan) error {
		before := schedule.SnapshotPicks(p.Picks)
		var err error
		if removed, err = p.Remove(o.IDs); err != nil {
			return err
		}
		fit = schedule.NowFitting(before, p.Picks, &p.Venue, o.f.IO.Now())
		return nil
	})
	if err != nil {
		return err
	}
	for _, pk := range removed {
		fmt.Fprintf(o.f.IO.Out, "Removed %s  %q\n", pk.ID, pk.Title)
	}
	o.f.printNowFit(fit)
	return nil
}
