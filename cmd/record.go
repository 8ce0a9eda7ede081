package cmd

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/plan-cli/plan/schedule"
)

func newAttendCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "attend ID...",
		Short: "Record that you attended sessions",
		Long: `Mark picks as attended. A session you went to without having picked it
(plans change) is added as an attended, unplanned pick.`,
		Example:           "  plan attend 7886 my-red-hat-booth",
		Args:              cobra.MinimumNArgs(1),
		ValidArgsFunction: a.completePicks,
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.setStatus(args, schedule.Attended)
		},
	}
}

func newSkipCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:               "skip ID...",
		Short:             "Record that you skipped picks",
		Long:              "Mark picks as skipped: they stay in the plan but leave the agenda, clashes, calendar and recap counts.",
		Example:           "  plan skip 7022",
		Args:              cobra.MinimumNArgs(1),
		ValidArgsFunction: a.completePicks,
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.setStatus(args, schedule.Skipped)
		},
	}
}

func (a *app) setStatus(ids []string, status schedule.Status) error {
	var changed []*schedule.Pick
	err := a.changePlan(func(st *schedule.Store, p *schedule.Plan) error {
		ids = dedupe(ids)
		var missing []string
		for _, id := range ids {
			if p.Pick(id) == nil {
				missing = append(missing, id)
			}
		}
		found := map[string]*schedule.Session{}
		if len(missing) > 0 {
			if status != schedule.Attended {
				return notFound("pick", missing[0], similarPicks(p, missing[0]))
			}
			var err error
			if found, err = st.FindSessions(p, missing); err != nil {
				return err
			}
			for _, id := range missing {
				if found[id] == nil {
					prog, err := loadProgram(st, p)
					if err != nil {
						return err
					}
					return notFound("session", id, prog.Similar(id, 3))
				}
			}
		}
		for _, id := range ids {
			pk := p.Pick(id)
			if pk == nil {
				pk = &schedule.Pick{Session: *found[id], Priority: schedule.Want, Unplanned: true}
				p.Picks = append(p.Picks, pk)
			}
			pk.Status = status
			changed = append(changed, pk)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, pk := range changed {
		extra := ""
		if pk.Unplanned && status == schedule.Attended {
			extra = " (unplanned)"
		}
		fmt.Fprintf(a.ios.Out, "%s %s  %q%s\n", strings.ToUpper(string(status[:1]))+string(status[1:]), pk.ID, pk.Title, extra)
	}
	return nil
}

func newNoteCmd(a *app) *cobra.Command {
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
		ValidArgsFunction: a.completePicks,
		RunE: func(cmd *cobra.Command, args []string) error {
			id, text := args[0], strings.Join(args[1:], " ")
			return a.changePlan(func(st *schedule.Store, p *schedule.Plan) error {
				pk := p.Pick(id)
				if pk == nil {
					return fmt.Errorf("%w; pick it first with 'plan add %s' (or 'plan attend %s')", notFound("pick", id, similarPicks(p, id)), id, id)
				}
				if appendNote && pk.Note != "" {
					pk.Note += "\n" + text
				} else {
					pk.Note = text
				}
				fmt.Fprintf(a.ios.Out, "Noted on %s  %q.\n", pk.ID, pk.Title)
				return nil
			})
		},
	}
	c.Flags().BoolVar(&appendNote, "append", false, "add to the note instead of replacing it")
	return c
}

func newFactCmd(a *app) *cobra.Command {
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
				return a.changePlan(func(st *schedule.Store, p *schedule.Plan) error {
					for i, f := range p.Facts {
						if strings.EqualFold(f.Label, args[0]) {
							p.Facts = append(p.Facts[:i], p.Facts[i+1:]...)
							fmt.Fprintf(a.ios.Out, "Removed the fact %q.\n", f.Label)
							return nil
						}
					}
					return fmt.Errorf("no fact labelled %q", args[0])
				})
			case remove:
				return usagef("--remove takes the label only")
			case len(args) == 0:
				return a.readPlan(func(st *schedule.Store, p *schedule.Plan) error {
					for _, f := range p.Facts {
						fmt.Fprintf(a.ios.Out, "%s: %s\n", f.Label, f.Value)
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
			return a.changePlan(func(st *schedule.Store, p *schedule.Plan) error {
				p.SetFact(label, value)
				fmt.Fprintf(a.ios.Out, "%s: %s\n", label, value)
				return nil
			})
		},
	}
	c.Flags().BoolVar(&remove, "remove", false, "remove the fact with this label")
	return c
}
