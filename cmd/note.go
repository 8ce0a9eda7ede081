package cmd

import (
	"fmt"
	"strings"

	"github.com/plan-cli/plan/schedule"
	"github.com/plan-cli/plan/schedule/store"
	"github.com/spf13/cobra"
)

func newNoteCmd(f *Factory) *cobra.Command {
	var appendNote bool
	c := &cobra.Command{
		Use:   "note ID TEXT",
		Short: "Write down what you learned at a session",
		Long: `Set the note of a pick: what you learned, to remember. The recap lists
the notes under "What I learned". --append adds a line instead.`,
		Example: "  plan note 7886 \"FOSS needs a threat model for AI-written code\"",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) < 2 {
				return fmt.Errorf("give the pick's id and the note: plan note ID \"what I learned\"")
			}
			return nil
		},
		ValidArgsFunction: f.completePicks,
		RunE: func(cmd *cobra.Command, args []string) error {
			id, text := args[0], strings.Join(args[1:], " ")
			return f.changePlan(func(st *store.Workspace, p *schedule.Plan) error {
				pk := p.Pick(id)
				if pk == nil {
					return fmt.Errorf("%w; pick it first with 'plan add %s' (or 'plan attend %s')", notFound("pick", id, similarPicks(p, id)), id, id)
				}
				if appendNote && pk.Note != "" {
					pk.Note += "\n" + text
				} else {
					pk.Note = text
				}
				fmt.Fprintf(f.IO.Out, "Noted on %s  %q.\n", pk.ID, pk.Title)
				return nil
			})
		},
	}
	c.Flags().BoolVar(&appendNote, "append", false, "add to the note instead of replacing it")
	return c
}
