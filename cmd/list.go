package cmd

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/plan-cli/plan/export"
	"github.com/plan-cli/plan/schedule"
)

type listOptions struct {
	day, track, kind, room, speaker, search string
	picked, free, json, abstract            bool
}

func newListCmd(a *app) *cobra.Command {
	o := &listOptions{}
	c := &cobra.Command{
		Use:   "list",
		Short: "Browse the program",
		Long: `List the program's sessions, filtered. Filters combine; text filters
match any part, ignoring case. --day takes a date (2026-01-31), a weekday
(sat) or a day number (1). --picked lists your picks (also those whose
session left the program); --free lists sessions that fit your current
picks: no overlap, and time to walk there.

In a pipe each session is one tab-separated line: id, start, end, room,
kind, title, pick status.`,
		Example: `  plan list --day sun --track rust
  plan list --kind workshop --free
  plan list --search ebpf --json | jq '.[].title'
  plan list --picked`,
		RunE: func(cmd *cobra.Command, args []string) error { return a.runList(o) },
	}
	f := c.Flags()
	f.StringVar(&o.day, "day", "", "only this day: a date, weekday or day number")
	f.StringVar(&o.track, "track", "", "only tracks containing this text")
	f.StringVar(&o.kind, "kind", "", "only this kind: keynote, talk, workshop, bof, booth, career, panel, lightning, social, other")
	f.StringVar(&o.room, "room", "", "only rooms containing this text")
	f.StringVar(&o.speaker, "speaker", "", "only sessions with a speaker whose name contains this text")
	f.StringVar(&o.search, "search", "", "only sessions whose title, abstract, track or speakers contain this text")
	f.BoolVar(&o.picked, "picked", false, "only your picks")
	f.BoolVar(&o.free, "free", false, "only sessions that fit your current picks")
	f.BoolVar(&o.json, "json", false, "print JSON: an array of session objects")
	f.BoolVar(&o.abstract, "abstract", false, "include abstracts in --json")
	c.RegisterFlagCompletionFunc("kind", completeKinds)
	c.RegisterFlagCompletionFunc("day", a.completeDays)
	c.RegisterFlagCompletionFunc("room", a.completeField(func(s *schedule.Session) string { return s.Room }))
	c.RegisterFlagCompletionFunc("track", a.completeField(func(s *schedule.Session) string { return s.Track }))
	return c
}

func completeKinds(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	var ks []string
	for _, k := range schedule.Kinds {
		ks = append(ks, string(k))
	}
	return ks, cobra.ShellCompDirectiveNoFileComp
}

func (a *app) runList(o *listOptions) error {
	if o.picked && o.free {
		return usagef("--picked and --free exclude each other")
	}
	f := sessionFilter{track: o.track, room: o.room, speaker: o.speaker, search: o.search}
	if o.kind != "" {
		k, err := schedule.ParseKind(o.kind)
		if err != nil {
			return usageError{err}
		}
		f.kind = k
	}
	return a.readPlan(func(st *schedule.Store, p *schedule.Plan) error {
		picks := map[string]*schedule.Pick{}
		for _, pk := range p.Picks {
			picks[pk.ID] = pk
		}
		var pool []*schedule.Session
		if o.picked {
			for _, pk := range p.Picks {
				pool = append(pool, &pk.Session)
			}
		} else {
			prog, err := programOf(st, p)
			if err != nil {
				return err
			}
			pool = prog.Sessions
		}
		if o.day != "" {
			d, err := resolveDay(o.day, days(pool))
			if err != nil {
				return err
			}
			f.day = d
		}
		active := p.Active()
		var out []*schedule.Session
		for _, s := range pool {
			if !f.match(s) {
				continue
			}
			if o.free && !fits(s, active, &p.Venue) {
				continue
			}
			out = append(out, s)
		}
		if o.json {
			js := make([]export.SessionJSON, 0, len(out))
			for _, s := range out {
				js = append(js, export.Session(s, picks[s.ID], o.abstract))
			}
			return a.writeJSON(js)
		}
		if len(out) == 0 {
			fmt.Fprintln(a.ios.ErrOut, "No sessions match.")
			return nil
		}
		a.sessionTable(out, picks)
		if a.ios.IsTerminal() {
			fmt.Fprintf(a.ios.Out, "\n%s\n", a.styles().Dim.Render(sessionsN(len(out))))
		}
		return nil
	})
}
