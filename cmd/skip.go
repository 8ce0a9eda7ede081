package cmd

import (
	"github.com/plan-cli/plan/schedule"
	"github.com/spf13/cobra"
)

func newSkipCmd(f *Factory) *cobra.Command {
	return &cobra.Command{
		Use:               "skip ID...",
		Short:             "Record that you skipped picks",
		Long:              "Mark picks as skipped: they stay in the plan but leave the agenda, clashes, calendar and recap counts.",
		Example:           "  plan skip 7022",
		Args:              cobra.MinimumNArgs(1),
		ValidArgsFunction: f.completePicks,
		RunE: func(cmd *cobra.Command, args []string) error {
			return f.setStatus(args, schedule.Skipped)
		},
	}
}
