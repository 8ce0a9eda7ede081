package cmd

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/plan-cli/plan/schedule"
	"github.com/plan-cli/plan/schedule/store"
)

type factOptions struct {
	f      *Factory
	Args   []string
	Remove bool
}

func newFactCmd(f *Factory, runF func(*factOptions) error) *cobra.Command {
	o := &factOptions{f: f}
	c := &cobra.Command{
		Use:   "fact LABEL VALUE",
		Short: "Record a factoid for the recap",
		Long: `Record a factoid for the recap ("Price of Parking: too much"). Facts keep
the order they were first given; setting a label again changes its value.
With no arguments, list the facts; --remove LABEL drops one.`,
		Example: "  plan fact \"Price of Parking\" \"too much\"\n  plan fact\n  plan fact --remove \"Price of Parking\"",
		Args:    cobra.MaximumNArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Args = args
			if runF != nil {
				return runF(o)
			}
			return runFact(o)
		},
	}
	c.Flags().BoolVar(&o.Remove, "remove", false, "remove the fact with this label")
	return c
}

func runFact(o *factOptions) error {
	f, args := o.f, o.Args
	switch {
	case o.Remove && len(args) == 1:
		var removed schedule.Fact
		err := f.changePlan(func(st *store.Workspace, p *schedule.Plan) error {
			var ok bool
			if removed, ok = p.RemoveFact(args[0]); !ok {
				return fmt.Errorf("no fact labelled %q", args[0])
			}
			return nil
		})
		if err == nil {
			fmt.Fprintf(f.IO.Out, "Removed the fact %q.\n", removed.Label)
		}
		return err
	case o.Remove:
		return usagef("--remove takes the label only")
	case len(args) == 0:
		return f.readPlan(func(st *store.Workspace, p *schedule.Plan) error {
			for _, fc := range p.Facts {
				fmt.Fprintf(f.IO.Out, "%s: %s\n", fc.Label, fc.Value)
			}
			return nil
		})
	case len(args) == 1:
		return usagef("give a label and a value: plan fact %q VALUE", args[0])
	}
	label, value := strings.TrimSpace(args[0]), strings.TrimSpace(args[1])
	if label == "" {
		return usagef("the label is empty")
	}
	err := f.changePlan(func(st *store.Workspace, p *schedule.Plan) error {
		p.SetFact(label, value)
		return nil
	})
	if err == nil {
		fmt.Fprintf(f.IO.Out, "%s: %s\n", label, value)
	}
	return err
}
