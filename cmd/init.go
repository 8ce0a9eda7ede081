package cmd

import (
	"fmt"

	"github.com/plan-cli/plan/schedule"
	"github.com/plan-cli/plan/schedule/store"
	"github.com/spf13/cobra"
)

func newInitCmd(f *Factory) *cobra.Command {
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
			st, err := f.open(store.Write)
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
			fmt.Fprintf(f.IO.ErrOut, "Created %s. Next: plan import PROGRAM (a file, - for stdin, or a URL).\n", st.Path)
			return nil
		},
	}
	c.Flags().StringVar(&name, "name", "", "conference name")
	c.Flags().StringVar(&tz, "tz", "", "conference time zone, a tz database name such as Europe/Brussels")
	c.RegisterFlagCompletionFunc("tz", completeZones)
	return c
}
