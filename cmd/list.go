package cmd

import (
	"fmt"

	"github.com/plan-cli/plan/export"
	"github.com/plan-cli/plan/schedule"
	"github.com/plan-cli/plan/schedule/store"
	"github.com/spf13/cobra"
)

type listOptions struct {
	day, track, kind, room, speaker, search string
	picked, free, json, abstract            bool
}

func newListCmd(f *Factory) *cobra.Command {
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
		RunE: func(cmd *cobra.Command, args []string) error { return f.runList(o) },
	}
	fl := c.Flags()
	fl.StringVar(&o.day, "day", "", "only this day: a date, weekday or day number")
	fl.StringVar(&o.track, "track", "", "only tracks containing this text")
	fl.StringVar(&o.kind, "kind", "", "only this kind: keynote, talk, workshop, bof, booth, career, panel, lightning, social, other")
	fl.StringVar(&o.room, "room", "", "only rooms containing this text")
	fl.StringVar(&o.speaker, "speaker", "", "only sessions with a speaker whose name contains this text")
	fl.StringVar(&o.search, "search", "", "only sessions whose title, abstract, track or speakers contain this text")
	fl.BoolVar(&o.picked, "picked", false, "only your picks")
	fl.BoolVar(&o.free, "free", false, "only sessions that fit your current picks")
	fl.BoolVar(&o.json, "json", false, "print JSON: an array of session objects")
	fl.BoolVar(&o.abstract, "abstract", false, "include abstracts in --json")
	c.RegisterFlagCompletionFunc("kind", completeKinds)
	c.RegisterFlagCompletionFunc("day", f.completeDays)
	c.RegisterFlagCompletionFunc("room", f.completeField(func(s *schedule.Session) string { return s.Room }))
	c.RegisterFlagCompletionFunc("track", f.completeField(func(s *schedule.Session) string { return s.Track }))
	return c
}

func (f *Factory) runList(o *listOptions) error {
	if o.picked && o.free {
		return usagef("--picked and --free exclude each other")
	}
	flt := sessionFilter{track: o.track, room: o.room, speaker: o.speaker, search: o.search}
	if o.kind != "" {
		k, err := schedule.ParseKind(o.kind)
		if err != nil {
			return usageError{err}
		}
		flt.kind = k
	}
	return f.readPlan(func(st *store.Workspace, p *schedule.Plan) error {
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
			prog, err := f.programOf(st, p)
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
			flt.day = d
		}
		active := p.Active()
		var out []*schedule.Session
		for _, s := range pool {
			if !flt.match(s) {
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
			return f.writeJSON(js)
		}
		if len(out) == 0 {
			fmt.Fprintln(f.IO.ErrOut, "No sessions match.")
			return nil
		}
		f.sessionTable(out, picks)
		if f.IO.IsTerminal() {
			fmt.Fprintf(f.IO.Out, "\n%s\n", f.styles().Dim.Render(sessionsN(len(out))))
		}
		return nil
	})
}
