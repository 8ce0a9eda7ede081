package cmd

import (
	"fmt"

	"github.com/plan-cli/plan/export/jsonshape"
	"github.com/plan-cli/plan/schedule"
	"github.com/plan-cli/plan/schedule/store"
	"github.com/plan-cli/plan/schedule/suggest"
	"github.com/spf13/cobra"
)

type suggestOptions struct {
	f           *Factory
	Topic       string
	MaxTopics   int
	MaxSessions int
	After       string
	JSON        bool
}

func newSuggestCmd(f *Factory, runF func(*suggestOptions) error) *cobra.Command {
	o := &suggestOptions{f: f}
	c := &cobra.Command{
		Use:   "suggest",
		Short: "FOMO: the topics everyone is talking about, and sessions on them that fit",
		Long: `Find the topics everyone is talking about: the names and phrases
(technologies, projects, standards: "eBPF", "Cloud Native", "Cyber
Resilience Act") that recur in titles, abstracts, tags and tracks, ranked
by how widely they recur across tracks, days and speakers, with how many
of your picks cover each. Then offer sessions on the hottest topics you
have not covered that fit your plan (no overlap, time to walk), going
round the topics, each with why and where it falls in your day.

--topic takes any form of a topic ("ebpf", "BPF", "risc v") and offers the
sessions on it that fit, best first (the topic in the title first).
--after offers only sessions starting at or after a moment, in the
conference's zone ("sun 14:00", "15:30", "now"). While the conference
runs, sessions already over are not offered.`,
		Example: "  plan suggest\n  plan suggest --topic ebpf\n  plan suggest --topic \"risc v\" --after \"sun 14:00\"\n  plan suggest --json | jq '.topics[0]'",
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
	c.Flags().StringVar(&o.After, "after", "", "only sessions starting at or after this moment ("+timeForms+")")
	addJSONFlag(c, &o.JSON, "{topics: [{topic, sessions, tracks, covered, forms, track_names, rooms, days, speakers, heat}], sessions: [session objects with topic and reason]}")
	return c
}

func runSuggest(o *suggestOptions) error {
	f := o.f
	if o.MaxSessions < 0 || o.MaxTopics < 0 {
		return usagef("--topics and --sessions take a number of 0 or more")
	}
	return f.readPlan(func(st *store.Workspace, p *schedule.Plan) error {
		prog, err := f.programOf(st, p)
		if err != nil {
			return err
		}
		opt := suggest.Options{Topic: o.Topic, MaxTopics: o.MaxTopics, MaxSessions: o.MaxSessions}
		if o.After != "" {
			tc := f.timeContextOf(p, prog.Sessions)
			var err error
			if opt.StartsAfter, err = parseMoment(o.After, tc); err != nil {
				return usagef("--after: %v", err)
			}
		}
		if now := f.IO.Now(); schedule.ProgramSpan(prog.Sessions).Contains(now) {
			opt.EndsAfter = now
		}
		opt.Conference = append(opt.Conference, p.Conference.Name)
		for _, src := range p.Conference.Sources {
			opt.Conference = append(opt.Conference, src.Name)
		}
		res := suggest.Suggest(prog.Sessions, p.Picks, &p.Venue, opt)
		if o.MaxSessions == 0 {
			res.Sessions = nil // --sessions 0: the topics only
		}
		if o.JSON {
			return f.writeJSON(jsonshape.FromSuggest(res))
		}
		if o.Topic != "" && len(res.Topics) == 0 {
			fmt.Fprintf(f.IO.ErrOut, "No session mentions %q: try another form of the name, or a word of it.\n", o.Topic)
			return nil
		}
		f.page(false)
		f.printSuggest(res)
		return nil
	})
}

func (f *Factory) printSuggest(res suggest.Result) {
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
		fmt.Fprintf(out, "  %2d. %s  %s in %s; %s\n", i+1, st.Title.Render(t.Topic), schedule.Plural(t.Sessions, "session", ""), schedule.Plural(t.Tracks, "track", ""), cover)
	}
	if len(res.Sessions) == 0 {
		fmt.Fprintf(out, "\n%s\n", st.Dim.Render("No session on an uncovered topic fits your plan."))
		return
	}
	fmt.Fprintf(out, "\n%s\n", st.Heading.Render("Sessions that fit your plan"))
	for _, s := range res.Sessions {
		f.wrapf("     ", "  %s  %s  %s %s", st.Dim.Render(s.Session.ID), st.Time.Render(when(s.Session)), s.Session.Title, atRoom(st, s.Session.Room))
		for _, line := range wrapWords(s.Reason, max(f.IO.Width()-5, 30)) {
			fmt.Fprintf(out, "     %s\n", st.Dim.Render(line))
		}
	}
}
