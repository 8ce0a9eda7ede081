package cmd

import (
	"fmt"
	"strings"

	"github.com/plan-cli/plan/schedule"
	"github.com/plan-cli/plan/schedule/store"
	"github.com/spf13/cobra"
)

func newFactCmd(f *Factory) *cobra.Command {
	var remove bool
	c := &cobra.Command{
		Use:   "fact LABEL VALUE",
		Short: "Record a factoid for the recap",
		Long: `Record a factoid for the recap ("Price of Parking: too much"). Facts keep
the order they were first given; setting a label again changes its value.
With no arguments, list the facts; --remove LABEL drops one.`,
		Example: "  plan fact \"Price of Parking\" \"too much\"\n  plan fact\n  plan fact --remove \"Price of Parking\"",
		Args:    cobra.MaximumNArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			switch {
			case remove && len(args) == 1:
				return f.changePlan(func(st *store.Workspace, p *schedule.Plan) error {
					for i, fc := range p.Facts {
						if strings.EqualFold(fc.Label, args[0]) {
							p.Facts = append(p.Facts[:i], p.Facts[i+1:]...)
							fmt.Fprintf(f.IO.Out, "Removed the fact %q.\n", fc.Label)
							return nil
						}
					}
					return fmt.Errorf("no fact labelled %q", args[0])
				})
			case remove:
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
			return f.changePlan(func(st *store.Workspace, p *schedule.Plan) error {
				p.SetFact(label, value)
				fmt.Fprintf(f.IO.Out, "%s: %s\n", label, value)
				return nil
			})
		},
	}
	c.Flags().BoolVar(&remove, "remove", false, "remove the fact with this label")
	return c
}
