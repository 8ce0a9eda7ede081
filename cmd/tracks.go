package cmd

import (
	"github.com/spf13/cobra"

	"github.com/plan-cli/plan/schedule"
)

func newTracksCmd(f *Factory, runF func(*namesOptions) error) *cobra.Command {
	o := &namesOptions{f: f, what: "track", field: func(s *schedule.Session) string { return s.Track }}
	c := &cobra.Command{
		Use:   "tracks",
		Short: "List the program's tracks with their session counts",
		Long: `List the tracks of the program (FOSDEM's devrooms, SCALE's topics) with
how many sessions each has, by name. --day counts one day only. The names
are what 'plan list --track' takes.

In a pipe each track is one tab-separated line: name, sessions.`,
		Example: `  plan tracks
  plan tracks --day sun
  plan tracks --json | jq '.[] | select(.sessions > 20) | .name'`,
		RunE: func(cmd *cobra.Command, args []string) error {
			o.NoPager = noPager(cmd)
			if runF != nil {
				return runF(o)
			}
			return runNames(o)
		},
	}
	o.flags(c)
	return c
}
