package cmd

import (
	"fmt"
	"strings"

	"github.com/plan-cli/plan/schedule"
	"github.com/plan-cli/plan/schedule/store"
	"github.com/spf13/cobra"
)

func newAttendCmd(f *Factory) *cobra.Command {
	return &cobra.Command{
		Use:   "attend ID...",
		Short: "Record that you attended sessions",
		Long: `Mark picks as attended. A session you went to without having picked it
(plans change) is added as an attended, unplanned pick.`,
		Example:           "  plan attend 7886 my-red-hat-booth",
		Args:              cobra.MinimumNArgs(1),
		ValidArgsFunction: f.completePicks,
		RunE: func(cmd *cobra.Command, args []string) error {
			return f.setStatus(args, schedule.Attended)
		},
	}
}

func (f *Factory) setStatus(ids []string, status schedule.Status) error {
	var changed []*schedule.Pick
	err := f.changePlan(func(st *store.Workspace, p *schedule.Plan) error {
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
					prog, err := f.loadProgram(st, p)
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
		fmt.Fprintf(f.IO.Out, "%s %s  %q%s\n", strings.ToUpper(string(status[:1]))+string(status[1:]), pk.ID, pk.Title, extra)
	}
	return nil
}
