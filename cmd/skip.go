package cmd

import (
	"github.com/spf13/cobra"

	"github.com/plan-cli/plan/schedule"
)

func newSkipCmd(f *Factory, runF func(*statusOptions) error) *cobra.Command {
	o := &statusOptions{f: f, Status: schedule.Skipped}
	return &cobra.Command{
		Use:               "skip ID...",
		Short:             "Record that you skipped picks",
		Long:              "Mark picks as skipped: they stay in the plan but leave the agenda, clashes, calendar and recap counts.",
		Example:           "  plan skip 7022",
		Args:              cobra.MinimumNArgs(1),
		ValidArgsFunction: f.completePicks,
		RunE: func(cmd *cobra.Command, args []string) error {
			o.IDs = args
			if runF != nil {
				return runF(o)
			}
			return runStatus(o)
		},
	}
}
