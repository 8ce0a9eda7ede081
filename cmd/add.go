package cmd

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/plan-cli/plan/export/jsonshape"
	"github.com/plan-cli/plan/schedule"
	"github.com/plan-cli/plan/schedule/store"
)

type addOptions struct {
	f   *Factory
	IDs []string

	Priority, Note                       string
	Title, Kind, Start, End, Room, Track string
	JSON                                 bool
	// EntryFlags are the flags given that only a personal entry takes.
	EntryFlags []string
}

func newAddCmd(f *Factory, runF func(*addOptions) error) *cobra.Command {
	o := &addOptions{f: f}
	c := &cobra.Command{
		Use:   "add ID... | add --title TITLE --kind KIND [--start TIME --end TIME] [--room ROOM]",
		Short: "Pick sessions, or add a personal entry (booth visit, meeting, lunch)",
		Long: `Pick sessions by id (see 'plan list'); plan add reports every clash the
new picks create. Picking a session again updates its priority or note.

With --title instead of ids, add a personal entry: an expo booth visit, a
hallway meeting, lunch. It may have no time (a booth you mean to visit).
--start takes a time in the conference's zone: "2026-03-07 10:00", a day
and a time ("sat 12:00", "2 9:30am"), a time of day when the conference
has one day ("13:35", "12:45pm"), or RFC 3339. --end takes the same, a
time of day on the start's day, or a length ("30m", "1h30", "1:30").`,
		Example: `  plan add 7886 8402
  plan add 7886 --priority must --note "ask about the release"
  plan add --title "Red Hat booth" --kind booth
  plan add --title "Meet Ana" --kind social --start "sat 12:00" --end 30m
  plan add --title "Lunch with Ana" --kind social --start "2026-03-07 12:30" --end 13:15 --room "Food court"`,
		Args:              cobra.ArbitraryArgs,
		ValidArgsFunction: f.completeSessions,
		RunE: func(cmd *cobra.Command, args []string) error {
			o.IDs = args
			for _, name := range []string{"kind", "start", "end", "room", "track"} {
				if cmd.Flags().Changed(name) {
					o.EntryFlags = append(o.EntryFlags, name)
				}
			}
			if runF != nil {
				return runF(o)
			}
			return runAdd(o)
		},
	}
	fl := c.Flags()
	fl.StringVar(&o.Priority, "priority", "", "must, want or maybe (default want)")
	fl.StringVar(&o.Note, "note", "", "a note for the pick")
	fl.StringVar(&o.Title, "title", "", "title of a personal entry")
	fl.StringVar(&o.Kind, "kind", "", "kind of a personal entry (booth, social, career, talk, …)")
	fl.StringVar(&o.Start, "start", "", "start of a personal entry, e.g. \"sat 12:00\"")
	fl.StringVar(&o.End, "end", "", "end of a personal entry, or a length (30m)")
	fl.StringVar(&o.Room, "room", "", "room or place of a personal entry")
	fl.StringVar(&o.Track, "track", "", "track of a personal entry")
	addJSONFlag(c, &o.JSON, "the added picks and the clashes they create")
	c.RegisterFlagCompletionFunc("priority", completePriorities)
	c.RegisterFlagCompletionFunc("kind", completeKinds)
	return c
}

func runAdd(o *addOptions) error {
	f := o.f
	personal := o.Title != ""
	if personal && len(o.IDs) > 0 {
		return usagef("give either session ids or --title for a personal entry, not both")
	}
	if !personal && len(o.IDs) == 0 {
		return usagef("give the ids of the sessions to pick (see 'plan list'), or --title for a personal entry")
	}
	if !personal && len(o.EntryFlags) > 0 {
		return usagef("--%s is for personal entries (with --title)", o.EntryFlags[0])
	}
	var prio schedule.Priority
	if o.Priority != "" {
		p, err := schedule.ParsePriority(o.Priority)
		if err != nil {
			return usageError{err}
		}
		prio = p
	}
	var kind schedule.Kind
	if o.Kind != "" {
		k, err := schedule.ParseKind(o.Kind)
		if err != nil {
			return usageError{err}
		}
		kind = k
	}
	var res schedule.AddResult
	err := f.changePlan(func(st *store.Workspace, p *schedule.Plan) error {
		if personal {
			e := schedule.Entry{Title: o.Title, Kind: kind, Room: o.Room, Track: o.Track, Note: o.Note, Priority: prio}
			if o.Start != "" || o.End != "" {
				if o.Start == "" || o.End == "" {
					return usagef("a personal entry with a time needs both --start and --end")
				}
				tc, err := f.timeContext(st, p)
				if err != nil {
					return err
				}
				if e.Start, err = parseMoment(o.Start, tc); err != nil {
					return usagef("--start: %v", err)
				}
				if e.End, err = parseEnd(o.End, e.Start, tc); err != nil {
					return usagef("--end: %v", err)
				}
			}
			var err error
			if res, err = p.AddPersonal(e); err != nil {
				return usageError{err}
			}
			return nil
		}
		found, err := st.FindSessions(p, schedule.Dedupe(o.IDs))
		if err != nil {
			return err
		}
		res, err = p.Add(o.IDs, found, schedule.AddOptions{Priority: prio, Note: o.Note})
		return f.withSuggestions(err, st, p)
	})
	if err != nil {
		return err
	}
	if o.JSON {
		return f.writeJSON(jsonshape.FromAdd(res))
	}
	f.printAdd(res)
	return nil
}

// printAdd reports an add: the picks added and updated, then the clashes
// they create as 'plan clashes' prints them.
func (f *Factory) printAdd(res schedule.AddResult) {
	out := f.IO.Out
	st := f.styles()
	for _, pk := range res.Added {
		f.wrapf("    ", "%s %s  %q  %s\n", st.Good.Render("Added"), pk.ID, pk.Title, when(&pk.Session))
		if pk.Cancelled {
			fmt.Fprintf(out, "  %s this session is marked cancelled in the program\n", st.Warn.Render("note:"))
		}
	}
	for _, u := range res.Updated {
		verb, what := "Updated", strings.Join(u.Changes, "; ")
		if len(u.Changes) == 0 {
			verb, what = "Already picked", "nothing to change"
		}
		f.wrapf("    ", "%s %s  %q: %s\n", st.Dim.Render(verb), u.Pick.ID, u.Pick.Title, what)
	}
	if len(res.Clashes) > 0 {
		fmt.Fprintf(out, "%s\n", st.Warn.Render(fmt.Sprintf("This creates %s:", schedule.Plural(len(res.Clashes), "clash", "clashes"))))
		f.printClashes(res.Clashes)
	}
}
