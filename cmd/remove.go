package cmd

import (
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/plan-cli/plan/schedule"
)

func newRemoveCmd(a *app) *cobra.Command {
	c := &cobra.Command{
		Use:     "remove ID...",
		Aliases: []string{"rm"},
		Short:   "Drop picks",
		Long:    "Drop picks (or personal entries) from the plan. Use 'plan skip' instead to keep a record that you did not go.",
		Example: "  plan remove 7886\n  plan remove my-lunch-with-ana 8402",
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			var removed []*schedule.Pick
			err := a.changePlan(func(st *schedule.Store, p *schedule.Plan) error {
				drop := map[string]bool{}
				for _, id := range args {
					if p.Pick(id) == nil {
						return notFound("pick", id, similarPicks(p, id))
					}
					drop[id] = true
				}
				keep := p.Picks[:0]
				for _, pk := range p.Picks {
					if drop[pk.ID] {
						removed = append(removed, pk)
					} else {
						keep = append(keep, pk)
					}
				}
				p.Picks = keep
				return nil
			})
			if err != nil {
				return err
			}
			for _, pk := range removed {
				fmt.Fprintf(a.ios.Out, "Removed %s  %q\n", pk.ID, pk.Title)
			}
			return nil
		},
		ValidArgsFunction: a.completePicks,
	}
	return c
}

func similarPicks(p *schedule.Plan, id string) []string {
	var sessions []*schedule.Session
	for _, pk := range p.Picks {
		sessions = append(sessions, &pk.Session)
	}
	return schedule.NewProgram(sessions).Similar(id, 3)
}

// completeSessions offers the program's session ids with their titles.
func (a *app) completeSessions(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	var out []string
	a.readPlan(func(st *schedule.Store, p *schedule.Plan) error {
		prog, err := loadProgram(st, p)
		if err != nil {
			return err
		}
		for _, s := range prog.Sessions {
			if strings.HasPrefix(s.ID, toComplete) {
				out = append(out, s.ID+"\t"+s.Title)
			}
		}
		return nil
	})
	return out, cobra.ShellCompDirectiveNoFileComp
}

// completeField offers the distinct values of one session field (rooms,
// tracks) in the program.
func (a *app) completeField(field func(*schedule.Session) string) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		var out []string
		a.readPlan(func(st *schedule.Store, p *schedule.Plan) error {
			prog, err := st.LoadProgram(p)
			if err != nil {
				return err
			}
			seen := map[string]bool{}
			for _, s := range prog.Sessions {
				if v := field(s); v != "" && !seen[v] && strings.HasPrefix(strings.ToLower(v), strings.ToLower(toComplete)) {
					seen[v] = true
					out = append(out, v)
				}
			}
			return nil
		})
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}

// completeDays offers the program's days as weekday names and dates.
func (a *app) completeDays(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	var out []string
	a.readPlan(func(st *schedule.Store, p *schedule.Plan) error {
		prog, err := loadProgram(st, p)
		if err != nil {
			return err
		}
		for _, d := range days(prog.Sessions) {
			t, _ := time.Parse(time.DateOnly, d)
			out = append(out, d+"\t"+t.Format("Monday"))
		}
		return nil
	})
	return out, cobra.ShellCompDirectiveNoFileComp
}

func (a *app) completePicks(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	var out []string
	a.readPlan(func(st *schedule.Store, p *schedule.Plan) error {
		for _, pk := range p.Picks {
			out = append(out, pk.ID+"\t"+pk.Title)
		}
		return nil
	})
	return out, cobra.ShellCompDirectiveNoFileComp
}
