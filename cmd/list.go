package cmd

import (
	"fmt"

	"github.com/plan-cli/plan/cmd/internal/termtext"
	"github.com/plan-cli/plan/export/jsonshape"
	"github.com/plan-cli/plan/export/present"
	"github.com/plan-cli/plan/schedule"
	"github.com/plan-cli/plan/schedule/store"
	"github.com/spf13/cobra"
)

type listOptions struct {
	f                                       *Factory
	Day, Track, Kind, Room, Speaker, Search string
	After, At                               string
	Picked, Free, JSON, Abstract            bool
	NoPager                                 bool
}

func newListCmd(f *Factory, runF func(*listOptions) error) *cobra.Command {
	o := &listOptions{f: f}
	c := &cobra.Command{
		Use:   "list",
		Short: "Browse the program",
		Long: `List the program's sessions, filtered. Filters combine; text filters
match any part, ignoring case; --search matches sessions that have every
word somewhere (title, abstract, track, room, speakers), in any order, so
"postgres 18" finds "PostgreSQL 18". --day takes a date (2026-01-31), a weekday
(sat) or a day number (1). --picked lists your picks (also those whose
session left the program); --free lists sessions that fit your current
picks: no overlap, and time to walk there. --after keeps the sessions
starting at or after a moment, --at those running at it; both take the
time forms of 'plan now --at' ("now", "sat 14:00", "14:00", RFC 3339).

On a terminal the sessions are grouped by day, time first, titles cut to
the width, and long output goes through your pager (--no-pager: not).
In a pipe each session is one tab-separated line: id, start, end, room,
kind, title, pick status.`,
		Example: `  plan list --day sun --track rust
  plan list --kind workshop --free
  plan list --search ebpf --json | jq '.[].title'
  plan list --picked
  plan list --at now
  plan list --after "sun 14:00" --track rust`,
		RunE: func(cmd *cobra.Command, args []string) error {
			o.NoPager = noPager(cmd)
			if runF != nil {
				return runF(o)
			}
			return runList(o)
		},
	}
	fl := c.Flags()
	fl.StringVar(&o.Day, "day", "", "only this day: a date, weekday or day number")
	fl.StringVar(&o.Track, "track", "", "only tracks containing this text")
	fl.StringVar(&o.Kind, "kind", "", "only this kind: keynote, talk, workshop, bof, booth, career, panel, lightning, performance, social, other")
	fl.StringVar(&o.Room, "room", "", "only rooms containing this text")
	fl.StringVar(&o.Speaker, "speaker", "", "only sessions with a speaker whose name contains this text")
	fl.StringVar(&o.Search, "search", "", "only sessions with all these words in title, abstract, track, room or speakers")
	fl.StringVar(&o.After, "after", "", "only sessions starting at or after this time (\"sat 14:00\", \"now\")")
	fl.StringVar(&o.At, "at", "", "only sessions running at this time (\"now\", \"sun 11:50\")")
	fl.BoolVar(&o.Picked, "picked", false, "only your picks")
	fl.BoolVar(&o.Free, "free", false, "only sessions that fit your current picks")
	fl.BoolVar(&o.Abstract, "abstract", false, "include abstracts in --json")
	addJSONFlag(c, &o.JSON, "an array of session objects")
	c.RegisterFlagCompletionFunc("kind", completeKinds)
	c.RegisterFlagCompletionFunc("day", f.completeDays)
	c.RegisterFlagCompletionFunc("room", f.completeField(func(s *schedule.Session) string { return s.Room }))
	c.RegisterFlagCompletionFunc("track", f.completeField(func(s *schedule.Session) string { return s.Track }))
	return c
}

func runList(o *listOptions) error {
	f := o.f
	if o.Picked && o.Free {
		return usagef("--picked and --free exclude each other")
	}
	flt := sessionFilter{track: o.Track, room: o.Room, speaker: o.Speaker, search: present.ParseQuery(o.Search)}
	if o.Kind != "" {
		k, err := schedule.ParseKind(o.Kind)
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
		pool, program, err := o.pool(st, p)
		if err != nil {
			return err
		}
		if err := o.timeFilter(&flt, p, pool); err != nil {
			return err
		}
		fit := schedule.NewFitter(p.Active(), &p.Venue)
		var out []*schedule.Session
		for _, s := range pool {
			if flt.match(s) && (!o.Free || fit.Fits(s)) {
				out = append(out, s)
			}
		}
		if o.JSON {
			return f.writeJSON(jsonshape.Sessions(out, picks, o.Abstract))
		}
		if len(out) == 0 {
			return o.noMatch(program)
		}
		o.print(out, picks)
		return nil
	})
}

// pool is what list chooses from: the picks with --picked, else the whole
// program (then also returned as program, for the did-you-mean of a
// misspelt track or room).
func (o *listOptions) pool(st *store.Workspace, p *schedule.Plan) (pool, program []*schedule.Session, err error) {
	if o.Picked {
		for _, pk := range p.Picks {
			pool = append(pool, &pk.Session)
		}
		return pool, nil, nil
	}
	prog, err := o.f.programOf(st, p)
	if err != nil {
		return nil, nil, err
	}
	return prog.Sessions, prog.Sessions, nil
}

// timeFilter reads --after, --at and --day into flt, in the conference's
// time context.
func (o *listOptions) timeFilter(flt *sessionFilter, p *schedule.Plan, pool []*schedule.Session) error {
	if o.After != "" || o.At != "" {
		tc := o.f.timeContextOf(p, pool)
		var err error
		if o.After != "" {
			if flt.after, err = parseMoment(o.After, tc); err != nil {
				return usagef("--after: %v", err)
			}
		}
		if o.At != "" {
			if flt.at, err = parseMoment(o.At, tc); err != nil {
				return usagef("--at: %v", err)
			}
		}
	}
	if o.Day != "" {
		d, err := resolveDay(o.Day, days(pool))
		if err != nil {
			return err
		}
		flt.day = d
	}
	return nil
}

// noMatch explains an empty list: a track or room the program does not
// have is a usage error with a suggestion; anything else just matched
// nothing.
func (o *listOptions) noMatch(program []*schedule.Session) error {
	if err := checkNamed("track", "track", o.Track, program, func(s *schedule.Session) string { return s.Track }); err != nil {
		return err
	}
	if err := checkNamed("room", "room", o.Room, program, func(s *schedule.Session) string { return s.Room }); err != nil {
		return err
	}
	fmt.Fprintln(o.f.IO.ErrOut, "No sessions match.")
	return nil
}

// print writes the table, with a count and the marks' legend under it on
// a terminal.
func (o *listOptions) print(out []*schedule.Session, picks map[string]*schedule.Pick) {
	f := o.f
	f.page(o.NoPager)
	f.sessionTable(out, picks)
	if !f.IO.IsTerminal() {
		return
	}
	foot := schedule.Plural(len(out), "session", "")
	for _, s := range out {
		if picks[s.ID] != nil {
			foot += "   " + present.Legend
			break
		}
	}
	fmt.Fprintf(f.IO.Out, "\n%s\n", f.styles().Dim.Render(termtext.Truncate(foot, f.IO.Width())))
}
