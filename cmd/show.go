package cmd

import (
	"fmt"
	"strings"

	"github.com/plan-cli/plan/export"
	"github.com/plan-cli/plan/schedule"
	"github.com/plan-cli/plan/schedule/store"
	"github.com/spf13/cobra"
)

func newShowCmd(f *Factory) *cobra.Command {
	var asJSON bool
	c := &cobra.Command{
		Use:               "show ID",
		Short:             "Show one session in full",
		Example:           "  plan show 7886\n  plan show 7886 --json",
		Args:              cobra.ExactArgs(1),
		ValidArgsFunction: f.completeSessions,
		RunE: func(cmd *cobra.Command, args []string) error {
			return f.readPlan(func(st *store.Workspace, p *schedule.Plan) error {
				id := args[0]
				pk := p.Pick(id)
				found, err := st.FindSessions(p, []string{id})
				if err != nil {
					return err
				}
				s := found[id]
				if s == nil && pk != nil {
					s = &pk.Session
				}
				if s == nil {
					prog, err := f.loadProgram(st, p)
					if err != nil {
						return err
					}
					return notFound("session", id, prog.Similar(id, 3))
				}
				if asJSON {
					return f.writeJSON(export.Session(s, pk, true))
				}
				f.printSession(s, pk, p)
				return nil
			})
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print the session as a JSON object")
	return c
}

func (f *Factory) printSession(s *schedule.Session, pk *schedule.Pick, p *schedule.Plan) {
	out := f.IO.Out
	st := f.styles()
	field := func(label, value string) {
		if value != "" {
			fmt.Fprintf(out, "%s %s\n", st.Dim.Render(fmt.Sprintf("%-9s", label+":")), value)
		}
	}
	title := s.Title
	if s.Cancelled {
		title += " (CANCELLED)"
	}
	fmt.Fprintln(out, st.Title.Render(title))
	if s.Subtitle != "" {
		fmt.Fprintln(out, s.Subtitle)
	}
	fmt.Fprintln(out)
	field("id", s.ID)
	if s.Scheduled() {
		field("when", fmt.Sprintf("%s %s (%s)", longDay(s.Start), timeRange(s), s.Start.Format("MST -07:00")))
	} else {
		field("when", "not scheduled yet")
	}
	field("room", s.Room)
	field("kind", string(s.Kind))
	field("track", s.Track)
	field("speakers", strings.Join(s.Speakers, ", "))
	field("url", s.URL)
	field("program", s.Source)
	if pk != nil {
		state := fmt.Sprintf("%s, %s", pk.Priority, pk.Status)
		if pk.Gone {
			state += ", gone from the program"
		}
		field("picked", state)
		field("note", strings.ReplaceAll(pk.Note, "\n", "\n          ")) // continue under the value
	}
	if s.Abstract != "" {
		fmt.Fprintf(out, "\n%s\n", s.Abstract)
	}
}
