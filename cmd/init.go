package cmd

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/plan-cli/plan/schedule"
)

func newInitCmd(a *app) *cobra.Command {
	var name, tz string
	c := &cobra.Command{
		Use:   "init",
		Short: "Create an empty plan",
		Long: `Create an empty plan file with the conference's name and time zone.
'plan import' creates the plan by itself when there is none, so init is
only needed to set the name or zone first (e.g. for a Sessionize or CSV
program whose times carry no zone).`,
		Example: `  plan init --name "SCALE 23x" --tz America/Los_Angeles
  plan --plan fosdem.yaml init --name "FOSDEM 2026" --tz Europe/Brussels`,
		RunE: func(cmd *cobra.Command, args []string) error {
			st, err := schedule.Open(a.planPath(), true)
			if err != nil {
				return err
			}
			defer st.Close()
			if st.Exists() {
				return fmt.Errorf("%s already exists; it was left unchanged (use --plan to create another)", st.Path)
			}
			p := &schedule.Plan{Version: schedule.FormatVersion}
			p.Conference.Name = name
			if tz != "" {
				if err := p.SetTimeZone(tz); err != nil {
					return usageError{err}
				}
			}
			if err := st.SavePlan(p); err != nil {
				return err
			}
			fmt.Fprintf(a.ios.ErrOut, "Created %s. Next: plan import PROGRAM (a file, - for stdin, or a URL).\n", st.Path)
			return nil
		},
	}
	c.Flags().StringVar(&name, "name", "", "conference name")
	c.Flags().StringVar(&tz, "tz", "", "conference time zone, a tz database name such as Europe/Brussels")
	c.RegisterFlagCompletionFunc("tz", completeZones)
	return c
}

func completeZones(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	zones := []string{"America/Los_Angeles", "America/New_York", "America/Chicago", "America/Denver", "Europe/Brussels", "Europe/Berlin", "Europe/London", "Europe/Paris", "Europe/Amsterdam", "Australia/Melbourne", "Australia/Sydney", "Australia/Adelaide", "Asia/Tokyo", "Asia/Kolkata", "UTC"}
	return zones, cobra.ShellCompDirectiveNoFileComp
}
