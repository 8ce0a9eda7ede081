package cmd

import (
	"fmt"
	"strings"

	"github.com/plan-cli/plan/export/jsonshape"
	"github.com/plan-cli/plan/export/present"
	"github.com/plan-cli/plan/schedule"
	"github.com/plan-cli/plan/schedule/store"
	"github.com/spf13/cobra"
)

type showOptions struct {
	f    *Factory
	ID   string
	JSON bool
}

func newShowCmd(f *Factory, runF func(*showOptions) error) *cobra.Command {
	o := &showOptions{f: f}
	c := &cobra.Command{
		Use:   "show ID",
		Short: "Show one session in full",
		Long: `Show one session of the program (or one of your picks, also a personal
entry or a pick whose session left the program) in full: when, with the
day and the zone, room, kind, track, language, speakers, its page and
every other link the program gives (recordings first, the feedback form
last: "video: https://video.fosdem.org/…"), your priority, status and
note, and the abstract.`,
		Example:           "  plan show 7886\n  plan show 7886 --json | jq .abstract\n  plan show 8967 --json | jq -r '.links[] | select(.kind == \"video\") | .url'",
		Args:              exactArgs(1, "give the id of a session: plan show ID (see 'plan list')"),
		ValidArgsFunction: f.completeSessions,
		RunE: func(cmd *cobra.Command, args []string) error {
			o.ID = args[0]
			if runF != nil {
				return runF(o)
			}
			return runShow(o)
		},
	}
	addJSONFlag(c, &o.JSON, "the session object, with its abstract")
	return c
}

func runShow(o *showOptions) error {
	f := o.f
	return f.readPlan(func(st *store.Workspace, p *schedule.Plan) error {
		pk := p.Pick(o.ID)
		found, err := st.FindSessions(p, []string{o.ID})
		if err != nil {
			return err
		}
		s := found[o.ID]
		if s == nil && pk != nil {
			s = &pk.Session
		}
		if s == nil {
			return f.withSuggestions(&schedule.NotFoundError{What: "session", ID: o.ID}, st, p)
		}
		if o.JSON {
			return f.writeJSON(jsonshape.FromSession(s, pk, true))
		}
		f.page(false)
		f.printSession(s, pk)
		return nil
	})
}

func (f *Factory) printSession(s *schedule.Session, pk *schedule.Pick) {
	out := f.IO.Out
	st := f.styles()
	fmt.Fprintln(out, st.Title.Render(present.Title(s)))
	fields := present.Fields(present.Item{Session: s, Pick: pk}, present.Details)
	if len(fields) > 0 && fields[0].Key == "subtitle" {
		fmt.Fprintln(out, fields[0].Value)
		fields = fields[1:]
	}
	fmt.Fprintln(out)
	for _, fl := range fields {
		if fl.Block {
			text := fl.Value
			if f.IO.IsTerminal() {
				text = wrapText(text, f.IO.Width())
			}
			fmt.Fprintf(out, "\n%s\n", text)
			continue
		}
		// A value of several lines (a note) continues under the value.
		value := strings.ReplaceAll(fl.Value, "\n", "\n          ")
		fmt.Fprintf(out, "%s %s\n", st.Dim.Render(fmt.Sprintf("%-9s", fl.Label+":")), value)
	}
}
