package cmd

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/plan-cli/plan/export"
	"github.com/plan-cli/plan/schedule"
	"github.com/plan-cli/plan/schedule/store"
	"github.com/spf13/cobra"
)

type addOptions struct {
	priority, note                       string
	title, kind, start, end, room, track string
	json                                 bool
}

func newAddCmd(f *Factory) *cobra.Command {
	o := &addOptions{}
	c := &cobra.Command{
		Use:   "add ID... | add --title TITLE --kind KIND [--start TIME --end TIME] [--room ROOM]",
		Short: "Pick sessions, or add a personal entry (booth visit, meeting, lunch)",
		Long: `Pick sessions by id (see 'plan list'); plan add reports every clash the
new picks create. Picking a session again updates its priority or note.

With --title instead of ids, add a personal entry: an expo booth visit, a
hallway meeting, lunch. It may have no time (a booth you mean to visit);
--start and --end take "2026-03-07 10:00" (in the conference's zone),
RFC 3339, or a time of day "10:00" on the day given with --start; --end
may also be a length such as 30m.`,
		Example: `  plan add 7886 8402
  plan add 7886 --priority must --note "ask about the release"
  plan add --title "Red Hat booth" --kind booth
  plan add --title "Lunch with Ana" --kind social --start "2026-03-07 12:30" --end 45m --room "Food court"`,
		RunE: func(cmd *cobra.Command, args []string) error { return f.runAdd(cmd, o, args) },
	}
	fl := c.Flags()
	fl.StringVar(&o.priority, "priority", "", "must, want or maybe (default want)")
	fl.StringVar(&o.note, "note", "", "a note for the pick")
	fl.StringVar(&o.title, "title", "", "title of a personal entry")
	fl.StringVar(&o.kind, "kind", "", "kind of a personal entry (booth, social, career, talk, …)")
	fl.StringVar(&o.start, "start", "", "start of a personal entry")
	fl.StringVar(&o.end, "end", "", "end of a personal entry, or a length (30m)")
	fl.StringVar(&o.room, "room", "", "room or place of a personal entry")
	fl.StringVar(&o.track, "track", "", "track of a personal entry")
	fl.BoolVar(&o.json, "json", false, "print the added picks and the clashes they create as JSON")
	c.RegisterFlagCompletionFunc("priority", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return []string{"must", "want", "maybe"}, cobra.ShellCompDirectiveNoFileComp
	})
	c.RegisterFlagCompletionFunc("kind", completeKinds)
	c.Args = cobra.ArbitraryArgs
	c.ValidArgsFunction = f.completeSessions
	return c
}

type addResultJSON struct {
	Added   []export.SessionJSON `json:"added"`
	Updated []export.SessionJSON `json:"updated"`
	Clashes []export.ClashJSON   `json:"clashes"`
}

func (f *Factory) runAdd(cmd *cobra.Command, o *addOptions, ids []string) error {
	personal := o.title != ""
	if personal && len(ids) > 0 {
		return usagef("give either session ids or --title for a personal entry, not both")
	}
	if !personal && len(ids) == 0 {
		return usagef("give the ids of the sessions to pick (see 'plan list'), or --title for a personal entry")
	}
	if !personal {
		for _, fl := range []string{"kind", "start", "end", "room", "track"} {
			if cmd.Flags().Changed(fl) {
				return usagef("--%s is for personal entries (with --title)", fl)
			}
		}
	}
	var prio schedule.Priority
	if o.priority != "" {
		p, err := schedule.ParsePriority(o.priority)
		if err != nil {
			return usageError{err}
		}
		prio = p
	}
	var added, updated []*schedule.Pick
	var clashes []schedule.Clash
	var notes []string // what changed on picks that existed already
	err := f.changePlan(func(st *store.Workspace, p *schedule.Plan) error {
		before := map[string]bool{}
		for _, c := range schedule.FindClashes(p.Picks, &p.Venue) {
			before[c.A.ID+"\x00"+c.B.ID] = true
		}
		if personal {
			pk, err := personalEntry(o, p)
			if err != nil {
				return err
			}
			if prio != "" {
				pk.Priority = prio
			}
			p.Picks = append(p.Picks, pk)
			added = append(added, pk)
		} else {
			ids = dedupe(ids)
			found, err := st.FindSessions(p, ids)
			if err != nil {
				return err
			}
			for _, id := range ids {
				if found[id] == nil && p.Pick(id) == nil {
					prog, err := f.loadProgram(st, p)
					if err != nil {
						return err
					}
					if len(prog.Sessions) == 0 {
						return fmt.Errorf("no session %q: the plan has no program yet; run 'plan import PROGRAM'", id)
					}
					return notFound("session", id, prog.Similar(id, 3))
				}
			}
			for _, id := range ids {
				if pk := p.Pick(id); pk != nil {
					var what []string
					if prio != "" && prio != pk.Priority {
						what = append(what, fmt.Sprintf("priority %s → %s", pk.Priority, prio))
						pk.Priority = prio
					}
					if o.note != "" && o.note != pk.Note {
						what = append(what, "note updated")
						pk.Note = o.note
					}
					if pk.Status == schedule.Skipped {
						what = append(what, "back in your plan (was skipped)")
						pk.Status = schedule.Planned
					}
					if len(what) == 0 {
						what = append(what, alreadyPicked)
					}
					notes = append(notes, strings.Join(what, "; "))
					updated = append(updated, pk)
					continue
				}
				pk := &schedule.Pick{Session: *found[id], Priority: schedule.Want, Status: schedule.Planned, Note: o.note}
				if prio != "" {
					pk.Priority = prio
				}
				p.Picks = append(p.Picks, pk)
				added = append(added, pk)
			}
		}
		touched := map[string]bool{}
		for _, pk := range append(added, updated...) {
			touched[pk.ID] = true
		}
		for _, c := range schedule.FindClashes(p.Picks, &p.Venue) {
			if (touched[c.A.ID] || touched[c.B.ID]) && !before[c.A.ID+"\x00"+c.B.ID] {
				clashes = append(clashes, c)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	if o.json {
		r := addResultJSON{Added: []export.SessionJSON{}, Updated: []export.SessionJSON{}, Clashes: export.Clashes(clashes)}
		for _, pk := range added {
			r.Added = append(r.Added, export.Pick(pk, false))
		}
		for _, pk := range updated {
			r.Updated = append(r.Updated, export.Pick(pk, false))
		}
		return f.writeJSON(r)
	}
	st := f.styles()
	out := f.IO.Out
	for _, pk := range added {
		fmt.Fprintf(out, "%s %s  %q  %s\n", st.Good.Render("Added"), pk.ID, pk.Title, when(&pk.Session))
		if pk.Cancelled {
			fmt.Fprintf(out, "  %s this session is marked cancelled in the program\n", st.Warn.Render("note:"))
		}
	}
	for i, pk := range updated {
		verb := "Updated"
		if notes[i] == alreadyPicked {
			verb = "Already picked"
		}
		fmt.Fprintf(out, "%s %s  %q: %s\n", st.Dim.Render(verb), pk.ID, pk.Title, notes[i])
	}
	if len(clashes) > 0 {
		fmt.Fprintf(out, "%s\n", st.Warn.Render(fmt.Sprintf("This creates %d clash(es):", len(clashes))))
		f.printClashes(clashes)
	}
	return nil
}

const alreadyPicked = "nothing to change"

var slugRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`[^a-z0-9]+`) })

func personalEntry(o *addOptions, p *schedule.Plan) (*schedule.Pick, error) {
	kind := schedule.KindOther
	if o.kind != "" {
		k, err := schedule.ParseKind(o.kind)
		if err != nil {
			return nil, usageError{err}
		}
		kind = k
	}
	title := strings.Join(strings.Fields(o.title), " ")
	if title == "" {
		return nil, usagef("--title is empty")
	}
	loc := p.Location()
	pk := &schedule.Pick{
		Session:  schedule.Session{Title: title, Kind: kind, Room: strings.TrimSpace(o.room), Track: strings.TrimSpace(o.track)},
		Priority: schedule.Want, Status: schedule.Planned, Note: o.note, Personal: true,
	}
	if o.start != "" || o.end != "" {
		if o.start == "" || o.end == "" {
			return nil, usagef("a personal entry with a time needs both --start and --end")
		}
		start, err := parseWhen(o.start, time.Time{}, loc)
		if err != nil {
			return nil, usagef("--start: %v", err)
		}
		var end time.Time
		if d, err := time.ParseDuration(o.end); err == nil {
			end = start.Add(d)
		} else if end, err = parseWhen(o.end, start, loc); err != nil {
			return nil, usagef("--end: %v", err)
		}
		if !end.After(start) {
			return nil, usagef("--end must be after --start")
		}
		pk.Start, pk.End = start, end
	}
	base := "my-" + strings.Trim(slugRE().ReplaceAllString(strings.ToLower(title), "-"), "-")
	if len(base) > 40 {
		base = strings.TrimRight(base[:40], "-")
	}
	if base == "my-" {
		base = "my-entry"
	}
	id := base
	for n := 2; p.Pick(id) != nil; n++ {
		id = fmt.Sprintf("%s-%d", base, n)
	}
	pk.ID = id
	return pk, nil
}
