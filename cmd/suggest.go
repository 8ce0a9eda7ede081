package cmd

import (
	"fmt"

	"github.com/plan-cli/plan/export/jsonshape"
	"github.com/plan-cli/plan/schedule"
	"github.com/plan-cli/plan/schedule/store"
	"github.com/spf13/cobra"
)

type suggestOptions struct {
	f           *Factory
	Topic       string
	MaxTopics   int
	MaxSessions int
	JSON        bool
}

func newSuggestCmd(f *Factory, runF func(*suggestOptions) error) *cobra.Command {
	o := &suggestOptions{f: f}
	c := &cobra.Command{
		Use:   "suggest",
		Short: "FOMO: the topics everyone is talking about, and sessions on them that fit",
		Long: `Find the topics that recur across the most sessions of the program
(from titles, abstracts, tracks and tags; each session counts once per
topic), with how many sessions and tracks mention each and how many of
your picks cover it; then offer sessions on the hottest topics you have
not covered that fit your plan (no overlap, time to walk). While the
conference runs, sessions already over are not offered.`,
		Example: "  plan suggest\n  plan suggest --topic ebpf\n  plan suggest --json | jq '.topics[0]'",
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(o)
			}
			return runSuggest(o)
		},
	}
	c.Flags().StringVar(&o.Topic, "topic", "", "only this topic")
	c.Flags().IntVar(&o.MaxTopics, "topics", 10, "how many topics to show")
	c.Flags().IntVar(&o.MaxSessions, "sessions", 10, "how many sessions to offer")
	addJSONFlag(c, &o.JSON, "{topics: [{topic, sessions, tracks, covered}], sessions: [session objects with topic and reason]}")
	return c
}

func runSuggest(o *suggestOptions) error {
	f := o.f
	return f.readPlan(func(st *store.Workspace, p *schedule.Plan) error {
		prog, err := f.programOf(st, p)
		if err != nil {
			return err
		}
		res := schedule.Suggest(prog.Sessions, p.Picks, &p.Venue, schedule.SuggestOptions{Topic: o.Topic, MaxTopics: o.MaxTopics, MaxSessions: o.MaxSessions})
		res.Sessions = schedule.NotOver(prog.Sessions, res.Sessions, f.IO.Now())
		if o.JSON {
			return f.writeJSON(jsonshape.FromSuggest(res))
		}
		if o.Topic != "" && len(res.Topics) == 0 {
			fmt.Fprintf(f.IO.ErrOut, "No session mentions %q (topics are single words, such as ebpf or rust).\n", o.Topic)
			return nil
		}
		f.printSuggest(res)
		return nil
	})
}

func (f *Factory) printSuggest(res schedule.Suggestions) {
	out := f.IO.Out
	st := f.styles()
	if !f.IO.IsTerminal() {
		for _, t := range res.Topics {
			plainRow(out, "topic", t.Topic, fmt.Sprint(t.Sessions), fmt.Sprint(t.Tracks), fmt.Sprint(t.Covered))
		}
		for _, s := range res.Sessions {
			plainRow(out, "session", s.Session.ID, startField(s.Session), s.Session.Room, s.Session.Title, s.Reason)
		}
		return
	}
	fmt.Fprintln(out, st.Heading.Render("Hot topics"))
	for i, t := range res.Topics {
		cover := st.Bad.Render("not covered")
		if t.Covered > 0 {
			cover = st.Good.Render(fmt.Sprintf("%d of your picks", t.Covered))
		}
		fmt.Fprintf(out, "  %2d. %s  %d sessions in %d tracks; %s\n", i+1, st.Title.Render(t.Topic), t.Sessions, t.Tracks, cover)
	}
	if len(res.Sessions) == 0 {
		fmt.Fprintf(out, "\n%s\n", st.Dim.Render("No session on an uncovered topic fits your plan."))
		return
	}
	fmt.Fprintf(out, "\n%s\n", st.Heading.Render("Sessions that fit your plan"))
	for _, s := range res.Sessions {
		fmt.Fprintf(out, "  %s  %s  %s %s\n     %s\n", st.Dim.Render(s.Session.ID), st.Time.Render(when(s.Session)), s.Session.Title,
			atRoom(st, s.Session.Room), st.Dim.Render(s.Reason))
	}
}
