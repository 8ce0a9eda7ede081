package cmd

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/plan-cli/plan/cmd/internal/termtext"
	"github.com/plan-cli/plan/export/jsonshape"
	"github.com/plan-cli/plan/export/present"
	"github.com/plan-cli/plan/schedule"
	"github.com/plan-cli/plan/schedule/store"
	"github.com/spf13/cobra"
)

type agendaOptions struct {
	f    *Factory
	Day  string
	All  bool
	JSON bool
}

func newAgendaCmd(f *Factory, runF func(*agendaOptions) error) *cobra.Command {
	o := &agendaOptions{f: f}
	c := &cobra.Command{
		Use:   "agenda",
		Short: "Your schedule, day by day",
		Long: `Your picks as a timeline, day by day, with clashes and tight walks
marked. Skipped picks, and those optimize dropped, are left out unless
--all. --day takes a date
(2026-01-31), a weekday (sat) or a day number (1).

In a pipe each pick is one tab-separated line: day, time, id, room, kind,
title, priority/status, clashes.`,
		Example: "  plan agenda\n  plan agenda --day sun\n  plan agenda --json",
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(o)
			}
			return runAgenda(o)
		},
	}
	c.Flags().StringVar(&o.Day, "day", "", "only this day: a date, weekday or day number")
	c.RegisterFlagCompletionFunc("day", f.completeDays)
	c.Flags().BoolVar(&o.All, "all", false, "include skipped and dropped picks")
	addJSONFlag(c, &o.JSON, "{days: [{date, sessions}], unscheduled, clashes}")
	return c
}

func runAgenda(o *agendaOptions) error {
	f := o.f
	return f.readPlan(func(st *store.Workspace, p *schedule.Plan) error {
		var picks []*schedule.Pick
		for _, pk := range p.Picks {
			if o.All || !pk.Status.SetAside() {
				picks = append(picks, pk)
			}
		}
		if o.Day != "" {
			sessions := make([]*schedule.Session, len(picks))
			for i, pk := range picks {
				sessions[i] = &pk.Session
			}
			d, err := resolveDay(o.Day, days(sessions))
			if err != nil {
				return err
			}
			picks = onDay(picks, d)
		}
		clashes := schedule.FindClashes(picks, &p.Venue)
		if o.JSON {
			return f.writeJSON(jsonshape.FromAgenda(picks, clashes))
		}
		if len(picks) == 0 {
			fmt.Fprintln(f.IO.ErrOut, "Nothing picked yet: 'plan list' to browse, 'plan add ID' to pick.")
			return nil
		}
		f.page(false)
		f.printAgenda(picks, clashes)
		return nil
	})
}

func (f *Factory) printAgenda(picks []*schedule.Pick, clashes []schedule.Clash) {
	out := f.IO.Out
	st := f.styles()
	byB := map[string][]schedule.Clash{}
	for _, c := range clashes {
		byB[c.B.ID] = append(byB[c.B.ID], c)
	}
	if !f.IO.IsTerminal() {
		for _, pk := range picks {
			var flags []string
			for _, c := range byB[pk.ID] {
				flags = append(flags, fmt.Sprintf("%s %dmin with %s", c.Type, c.Minutes, c.A.ID))
			}
			plainRow(out, pk.Day().String(), present.TimeRange(&pk.Session), pk.ID, pk.Room, string(pk.Kind), pk.Title, pickStatus(pk), strings.Join(flags, "; "))
		}
		return
	}
	width := f.IO.Width()
	day := ""
	for _, pk := range picks {
		f.dayHeading(&day, &pk.Session)
		mark := priorityStyle(st, pk.Priority).Render(present.Mark(pk))
		switch {
		case pk.Gone:
			mark = st.Bad.Render("✗")
		case pk.Status == schedule.Attended:
			mark = st.Good.Render("✓")
		case pk.Status.SetAside():
			mark = st.Dim.Render("-")
		}
		// The line fits the terminal: the title gives way to the time,
		// room, kind and id.
		room := ""
		if pk.Room != "" {
			room = "@ " + pk.Room
		}
		kind := "[" + string(pk.Kind) + "]"
		prefix, suffix := "", ""
		if pk.Cancelled {
			prefix = "CANCELLED "
		}
		if pk.Gone {
			suffix = " (gone from the program)"
		}
		// A dropped pick (agenda --all) says so whatever the title's
		// length: the label takes its place before the title is cut.
		label := ""
		if pk.Status == schedule.Dropped {
			label = " (dropped)"
		}
		fixed := 2 + 1 + 1 + timeW + 2 + 1 + ansi.StringWidth(room) + 1 + ansi.StringWidth(kind) + len(label)
		id := pk.ID
		idLine := ansi.StringWidth(id) > 12 || fixed+1+ansi.StringWidth(id) > width-20 // a long id (SCALE's slugs) goes on a line of its own
		if !idLine {
			fixed += 1 + ansi.StringWidth(id)
		}
		text := termtext.Truncate(prefix+pk.Title+suffix, max(20, width-fixed))
		var title string
		switch {
		case pk.Cancelled && strings.HasPrefix(text, prefix):
			title = st.Bad.Render(prefix) + strings.TrimPrefix(text, prefix)
		case pk.Gone && strings.HasSuffix(text, suffix):
			title = st.Title.Render(strings.TrimSuffix(text, suffix)) + st.Bad.Render(suffix)
		default:
			title = st.Title.Render(text)
		}
		if label != "" {
			title += st.Dim.Render(label)
		}
		line := fmt.Sprintf("  %s %s  %s %s %s", mark, st.Time.Render(fmt.Sprintf("%-11s", present.TimeRange(&pk.Session))), title,
			st.Room.Render(room), st.Kind.Render(kind))
		if idLine {
			fmt.Fprintf(out, "%s\n    %s\n", line, st.Dim.Render(termtext.Truncate(id, width-4)))
		} else {
			fmt.Fprintf(out, "%s %s\n", line, st.Dim.Render(id))
		}
		// Clashes go under the later session of each pair, with the one it
		// clashes with named by id.
		for _, c := range byB[pk.ID] {
			if c.Type == schedule.Overlap {
				fmt.Fprintf(out, "    %s\n", st.Bad.Render(termtext.Truncate(fmt.Sprintf("✗ overlaps %s %q by %d min", c.A.ID, c.A.Title, c.Minutes), width-4)))
			} else {
				fmt.Fprintf(out, "    %s\n", st.Warn.Render(termtext.Truncate(fmt.Sprintf("⚠ %d min short to walk here from %s (%s)", c.Minutes, orDash(c.A.Room), c.A.ID), width-4)))
			}
		}
		if pk.Note != "" {
			// A note is the user's own words: wrapped, never cut.
			for i, line := range strings.Split(ansi.Wordwrap(pk.Note, width-6, ""), "\n") {
				lead := "✎ "
				if i > 0 {
					lead = "  "
				}
				fmt.Fprintf(out, "    %s\n", st.Dim.Render(lead+line))
			}
		}
	}
}
