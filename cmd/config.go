package cmd

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/plan-cli/plan/export/jsonshape"
	"github.com/plan-cli/plan/schedule"
	"github.com/plan-cli/plan/schedule/store"
)

type configOptions struct {
	f    *Factory
	Args []string
	JSON bool
}

// configKeys are the settings plan config reads and changes, in the
// order it lists them.
var configKeys = []string{"name", "time_zone"}

func newConfigCmd(f *Factory, runF func(*configOptions) error) *cobra.Command {
	o := &configOptions{f: f}
	c := &cobra.Command{
		Use:   "config [KEY [VALUE]]",
		Short: "Read or change the plan's name and time zone",
		Long: `Read or change the plan's settings. With no arguments, list them; with
a KEY, print its value; with a KEY and a VALUE, change it.

  name        the conference's name, as the recap and calendars show it
  time_zone   the zone every time is shown in: a tz database name such as
              Europe/Berlin, or a fixed offset such as +01:00 (what a
              program that names no zone gets on import)

A new time zone is checked before it is written, and every command shows
times in it at once; the sessions' instants do not change.`,
		Example: `  plan config
  plan config name "SCALE 22x"
  plan config time_zone America/Los_Angeles
  plan config time_zone --json`,
		Args: cobra.MaximumNArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Args = args
			if runF != nil {
				return runF(o)
			}
			return runConfig(o)
		},
		ValidArgsFunction: func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
			switch len(args) {
			case 0:
				return configKeys, cobra.ShellCompDirectiveNoFileComp
			case 1:
				if args[0] == "time_zone" {
					return completeZones(cmd, args, toComplete)
				}
			}
			return nil, cobra.ShellCompDirectiveNoFileComp
		},
	}
	addJSONFlag(c, &o.JSON, "the settings as an object")
	return c
}

func configKey(k string) (string, error) {
	switch strings.ToLower(strings.ReplaceAll(strings.TrimSpace(k), "-", "_")) {
	case "name":
		return "name", nil
	case "time_zone", "timezone", "tz", "zone":
		return "time_zone", nil
	}
	return "", usagef("unknown setting %q (settings: %s)", k, strings.Join(configKeys, ", "))
}

func configValue(p *schedule.Plan, key string) string {
	if key == "name" {
		return p.Conference.Name
	}
	return p.Conference.TimeZone
}

func runConfig(o *configOptions) error {
	f, args := o.f, o.Args
	var key string
	if len(args) > 0 {
		k, err := configKey(args[0])
		if err != nil {
			return err
		}
		key = k
	}
	if len(args) < 2 {
		return f.readPlan(func(_ *store.Workspace, p *schedule.Plan) error {
			return f.printConfig(o, p, key)
		})
	}
	value := strings.TrimSpace(args[1])
	var p2 *schedule.Plan
	var old string
	err := f.changePlan(func(_ *store.Workspace, p *schedule.Plan) error {
		old = configValue(p, key)
		switch key {
		case "name":
			if value == "" {
				return usagef("the name is empty")
			}
			if strings.ContainsFunc(value, func(r rune) bool { return r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0 }) {
				return usagef("the name holds control characters")
			}
			p.Conference.Name = value
		case "time_zone":
			if err := p.SetTimeZone(value); err != nil {
				return f.zoneError("plan config time_zone", value, err)
			}
		}
		p2 = p
		return nil
	})
	if err != nil {
		return err
	}
	if o.JSON {
		return f.printConfig(o, p2, key)
	}
	now := configValue(p2, key)
	if old == now {
		fmt.Fprintf(f.IO.Out, "%s: %s (unchanged)\n", key, now)
		return nil
	}
	fmt.Fprintf(f.IO.Out, "%s: %s (was %s)\n", key, now, orDash(old))
	return nil
}

func (f *Factory) printConfig(o *configOptions, p *schedule.Plan, key string) error {
	if o.JSON {
		j := jsonshape.Config{}
		for _, k := range configKeys {
			if key == "" || key == k {
				j[k] = configValue(p, k)
			}
		}
		return f.writeJSON(j)
	}
	if key != "" {
		fmt.Fprintln(f.IO.Out, configValue(p, key))
		return nil
	}
	for _, k := range configKeys {
		fmt.Fprintf(f.IO.Out, "%s: %s\n", k, configValue(p, k))
	}
	return nil
}
