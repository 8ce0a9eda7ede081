package cmd

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/plan-cli/plan/schedule"
	"github.com/plan-cli/plan/schedule/store"
)

type noteOptions struct {
	f      *Factory
	ID     string
	Text   string
	Append bool
}

func newNoteCmd(f *Factory, runF func(*noteOptions) error) *cobra.Command {
	o := &noteOptions{f: f}
	c := &cobra.Command{
		Use:   "note ID TEXT",
		Short: "Write down what you learned at a session",
		Long: `Set the note of a pick: what you learned, to remember. The recap lists
the notes under "What I learned". --append adds a line instead.`,
		Example: "  plan note 7886 \"FOSS needs a threat model for AI-written code\"\n  plan note 7886 --append \"slides: fosdem.org/2026\"",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) < 2 {
				return fmt.Errorf("give the pick's id and the note: plan note ID \"what I learned\"")
			}
			return nil
		},
		ValidArgsFunction: f.completePicks,
		RunE: func(cmd *cobra.Command, args []string) error {
			o.ID, o.Text = args[0], strings.Join(args[1:], " ")
			if runF != nil {
				return runF(o)
			}
			return runNote(o)
		},
	}
	c.Flags().BoolVar(&o.Append, "append", false, "add to the note instead of replacing it")
	return c
}

func runNote(o *noteOptions) error {
	var pk *schedule.Pick
	err := o.f.changePlan(func(st *store.Workspace, p *schedule.Plan) error {
		var err error
		pk, err = p.SetNote(o.ID, o.Text, o.Append)
		var nf *schedule.NotFoundError
		if errors.As(err, &nf) && len(nf.Similar) == 0 {
			if found, ferr := st.FindSessions(p, []string{o.ID}); ferr == nil && found[o.ID] != nil {
				// The session exists: say how to pick it.
				return fmt.Errorf("%w; pick it first with 'plan add %s' (or 'plan attend %s')", err, o.ID, o.ID)
			}
		}
		return err
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(o.f.IO.Out, "Noted on %s  %q.\n", pk.ID, pk.Title)
	return nil
}
