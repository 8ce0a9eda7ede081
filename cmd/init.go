package cmd

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/plan-cli/plan/schedule"
	"github.com/plan-cli/plan/schedule/store"
)

type initOptions struct {
	f        *Factory
	Name, TZ string
}

func newInitCmd(f *Factory, runF func(*initOptions) error) *cobra.Command {
	o := &initOptions{f: f}
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
			if runF != nil {
				return runF(o)
			}
			return runInit(o)
		},
	}
	c.Flags().StringVar(&o.Name, "name", "", "conference name")
	c.Flags().StringVar(&o.TZ, "tz", "", "conference time zone, a tz database name such as Europe/Brussels")
	c.RegisterFlagCompletionFunc("tz", completeZones)
	return c
}

func runInit(o *initOptions) error {
	f := o.f
	p := &schedule.Plan{Version: schedule.FormatVersion}
	p.Conference.Name = o.Name
	if o.TZ != "" {
		if err := p.SetTimeZone(o.TZ); err != nil {
			return f.zoneError("--tz", o.TZ, err)
		}
	}
	st, err := f.open(store.Write)
	if err != nil {
		return err
	}
	defer st.Close()
	if st.Exists() {
		return fmt.Errorf("%s already exists; it was left unchanged (use --plan to create another)", st.Path)
	}
	if err := st.SavePlan(p); err != nil {
		return err
	}
	fmt.Fprintf(f.IO.ErrOut, "Created %s. Next: plan import PROGRAM (a file, - for stdin, or a URL).\n", st.Path)
	return nil
}
