package cmd

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/plan-cli/plan/schedule"
	"github.com/plan-cli/plan/schedule/store"
)

// statusOptions are the options of attend and skip.
type statusOptions struct {
	f      *Factory
	IDs    []string
	Status schedule.Status
}

func newAttendCmd(f *Factory, runF func(*statusOptions) error) *cobra.Command {
	o := &statusOptions{f: f, Status: schedule.Attended}
	return &cobra.Command{
		Use:   "attend ID...",
		Short: "Record that you attended sessions",
		Long: `Mark picks as attended. A session you went to without having picked it
(plans change) is added as an attended, unplanned pick.`,
		Example:           "  plan attend 7886 my-red-hat-booth",
		Args:              cobra.MinimumNArgs(1),
		ValidArgsFunction: f.completePicks,
		RunE: func(cmd *cobra.Command, args []string) error {
			o.IDs = args
			if runF != nil {
				return runF(o)
			}
			return runStatus(o)
		},
	}
}

// runStatus records what became of picks (attend, skip) and says so once
// the plan is saved.
func runStatus(o *statusOptions) error {
	f := o.f
	var changed []*schedule.Pick
	err := f.changePlan(func(st *store.Workspace, p *schedule.Plan) error {
		var found map[string]*schedule.Session
		if missing := p.MissingPicks(o.IDs); len(missing) > 0 && o.Status == schedule.Attended {
			var err error
			if found, err = st.FindSessions(p, missing); err != nil {
				return err
			}
		}
		var err error
		changed, err = p.SetStatus(o.IDs, o.Status, found)
		return f.withSuggestions(err, st, p)
	})
	if err != nil {
		return err
	}
	verb := strings.ToUpper(string(o.Status[:1])) + string(o.Status[1:])
	for _, pk := range changed {
		extra := ""
		if pk.Unplanned && o.Status == schedule.Attended {
			extra = " (unplanned)"
		}
		f.wrapf("    ", "%s %s  %q%s", verb, pk.ID, pk.Title, extra)
	}
	return nil
}
