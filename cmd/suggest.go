package cmd

import (
	"fmt"
	"time"

	"github.com/plan-cli/plan/export"
	"github.com/plan-cli/plan/schedule"
	"github.com/plan-cli/plan/schedule/store"
	"github.com/spf13/cobra"
)

type suggestJSON struct {
	Topics   []topicJSON          `json:"topics"`
	Sessions []suggestSessionJSON `json:"sessions"`
}

type topicJSON struct {
	Topic    string `json:"topic"`
	Sessions int    `json:"sessions"`
	Tracks   int    `json:"tracks"`
	Covered  int    `json:"covered"`
}

type suggestSessionJSON struct {
	export.SessionJSON
	Topic  string `json:"topic"`
	Reason string `json:"reason"`
}

func newSuggestCmd(f *Factory) *cobra.Command {
	var topic string
	var asJSON bool
	var maxTopics, maxSessions int
	c := &cobra.Command{
		Use:   "suggest",
		Short: "FOMO: the topics everyone is talking about, and sessions on them that fit",
		Long: `Find the topics that recur across the most sessions of the program
(from titles, abstracts, tracks and tags; each session counts once per
topic), with how many sessions and tracks mention each and how many of
your picks cover it; then offer sessions on the hottest topics you have
not covered that fit your plan (no overlap, time to walk). While the
conference runs, sessions already over are not offered.

--json prints {topics: [{topic, sessions, tracks, covered}], sessions:
[session objects with topic and reason]}.`,
		Example: "  plan suggest\n  plan suggest --topic ebpf\n  plan suggest --json | jq '.topics[0]'",
		RunE: func(cmd *cobra.Command, args []string) error {
			return f.readPlan(func(st *store.Workspace, p *schedule.Plan) error {
				prog, err := f.programOf(st, p)
				if err != nil {
					return err
				}
				res := schedule.Suggest(prog.Sessions, p.Picks, &p.Venue, schedule.SuggestOptions{Topic: topic, MaxTopics: maxTopics, MaxSessions: maxSessions})
				res.Sessions = f.notOver(prog.Sessions, res.Sessions)
				if topic != "" && len(res.Topics) == 0 && !asJSON {
					fmt.Fprintf(f.IO.ErrOut, "No session mentions %q (topics are single words, such as ebpf or rust).\n", topic)
					return nil
				}
				if asJSON {
					out := suggestJSON{Topics: []topicJSON{}, Sessions: []suggestSessionJSON{}}
					for _, t := range res.Topics {
						out.Topics = append(out.Topics, topicJSON{t.Topic, t.Sessions, t.Tracks, t.Covered})
					}
					for _, s := range res.Sessions {
						out.Sessions = append(out.Sessions, suggestSessionJSON{export.Session(s.Session, nil, false), s.Topic, s.Reason})
					}
					return f.writeJSON(out)
				}
				f.printSuggest(res)
				return nil
			})
		},
	}
	c.Flags().StringVar(&topic, "topic", "", "only this topic")
	c.Flags().IntVar(&maxTopics, "topics", 10, "how many topics to show")
	c.Flags().IntVar(&maxSessions, "sessions", 10, "how many sessions to offer")
	c.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return c
}

// notOver drops suggestions that have ended, when the conference is on
// now; before or after it every session counts.
func (f *Factory) notOver(program []*schedule.Session, in []schedule.Suggestion) []schedule.Suggestion {
	now := f.IO.Now()
	var first, last time.Time
	for _, s := range program {
		if !s.Scheduled() {
			continue
		}
		if first.IsZero() || s.Start.Before(first) {
			first = s.Start
		}
		if s.End.After(last) {
			last = s.End
		}
	}
	if first.IsZero() || now.Before(first) || now.After(last) {
		return in
	}
	out := in[:0]
	for _, s := range in {
		if s.Session.End.After(now) {
			out = append(out, s)
		}
	}
	return out
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
