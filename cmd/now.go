package cmd

import (
	"fmt"
	"strings"
	"time"

	"github.com/plan-cli/plan/export/jsonshape"
	"github.com/plan-cli/plan/export/present"
	"github.com/plan-cli/plan/schedule"
	"github.com/plan-cli/plan/schedule/store"
	"github.com/spf13/cobra"
)

type nowOptions struct {
	f     *Factory
	At    string
	Room  string
	Track string
	All   bool
	JSON  bool
}

func newNowCmd(f *Factory, runF func(*nowOptions) error) *cobra.Command {
	o := &nowOptions{f: f}
	c := &cobra.Command{
		Use:   "now",
		Short: "What is on now and next",
		Long: `Show the picks running now and the next ones, and what starts next in
the room you are in (--room, else the room of your current or last pick).

--all shows what is on now and what starts next in every room, in time
order, with your picks marked and the sessions that clash with a pick
(overlap, or too little time to walk) flagged; --track and --room narrow
it to the rooms and tracks whose names contain the word.

Before or after the conference it says when the conference is or was.
--at asks about another moment, in the conference's zone: "2026-03-07
14:00", a day of the program and a time ("sun 11:50", "2 2pm"), a time
of day ("14:00", today when the conference is on), or RFC 3339.`,
		Example: "  plan now\n  plan now --at \"2026-01-31 10:15\"\n  plan now --at \"sun 11:50\" --room Janson --json\n  plan now --all --at \"sat 11:05\" --track Rust",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if o.Track != "" && !o.All {
				return usagef("--track narrows --all: write plan now --all --track %q", o.Track)
			}
			if runF != nil {
				return runF(o)
			}
			return runNow(o)
		},
	}
	c.Flags().StringVar(&o.At, "at", "", "the moment to ask about (default: now)")
	c.Flags().StringVar(&o.Room, "room", "", "the room you are in; with --all, only rooms whose name contains it")
	c.Flags().BoolVar(&o.All, "all", false, "what is on now and next in every room")
	c.Flags().StringVar(&o.Track, "track", "", "with --all, only sessions of tracks whose name contains it")
	addJSONFlag(c, &o.JSON, "{at, now: [sessions], next: [sessions], room, room_next, conference, rooms (with --all)}")
	return c
}

func runNow(o *nowOptions) error {
	f := o.f
	return f.readPlan(func(st *store.Workspace, p *schedule.Plan) error {
		prog, err := f.loadProgram(st, p)
		if err != nil {
			return err
		}
		tc := f.timeContextOf(p, prog.Sessions)
		moment := tc.now.In(tc.loc)
		if o.At != "" {
			if moment, err = parseMoment(o.At, tc); err != nil {
				return usagef("--at: %v", err)
			}
		}
		span := schedule.ProgramSpan(prog.Sessions)
		room := o.Room
		if o.All {
			room = "" // --room narrows the rooms; it is not the room one is in
		}
		res := schedule.Now(p.Picks, prog.Sessions, moment, room)
		var all *schedule.NowAllResult
		if o.All {
			filter := sessionFilter{track: o.Track, room: o.Room}
			r := schedule.NowAll(prog.Sessions, p.Picks, &p.Venue, moment, filter.match)
			all = &r
		}
		if o.JSON {
			j := jsonshape.FromNow(res, p).WithConference(p.Conference.Name, span, moment)
			if all != nil {
				j = j.WithRooms(all.Rooms)
			}
			return f.writeJSON(j)
		}
		if all != nil {
			f.page(false)
			f.printNowAll(moment, *all, span, p.Conference.Name)
			return nil
		}
		f.printNow(moment, res, span, p.Conference.Name)
		return nil
	})
}

func (f *Factory) printNow(at time.Time, res schedule.NowResult, span schedule.Span, name string) {
	out := f.IO.Out
	st := f.styles()
	outside := !span.IsZero() && !span.Contains(at)
	if !f.IO.IsTerminal() {
		if outside {
			plainRow(out, "conference", name, span.First.Format(time.RFC3339), span.Last.Format(time.RFC3339))
		}
		for _, pk := range res.Now {
			plainRow(out, "now", pk.ID, startField(&pk.Session), endField(&pk.Session), pk.Room, pk.Title)
		}
		for _, pk := range res.Next {
			plainRow(out, "next", pk.ID, startField(&pk.Session), endField(&pk.Session), pk.Room, pk.Title)
		}
		if s := res.RoomNext; s != nil {
			plainRow(out, "room-next", s.ID, startField(s), endField(s), s.Room, s.Title)
		}
		return
	}
	fmt.Fprintf(out, "%s\n", st.Dim.Render(present.LongDay(at)+" "+at.Format("15:04 MST")))
	switch {
	case outside && len(res.Now) == 0:
		fmt.Fprintln(out, conferenceWhen(name, span, at))
	case len(res.Now) == 0:
		fmt.Fprintf(out, "%s nothing you picked\n", st.Title.Render("Now: "))
	}
	for _, pk := range res.Now {
		left := pk.End.Sub(at).Round(time.Minute)
		f.wrapf("      ", "%s %s  %s %s\n", st.Title.Render("Now: "), pk.Title, atRoom(st, pk.Room), st.Dim.Render(fmt.Sprintf("(%s left)", schedule.FormatDuration(left))))
	}
	for _, pk := range res.Next {
		f.wrapf("      ", "%s %s  %s  %s %s\n", st.Title.Render("Next:"), st.Time.Render(clockOn(pk.Start, at)), pk.Title, atRoom(st, pk.Room), st.Dim.Render("("+inTime(pk.Start, at)+")"))
	}
	if s := res.RoomNext; s != nil {
		f.wrapf("      ", "%s %s  %s\n", st.Dim.Render("Next in "+res.Room+":"), st.Time.Render(clockOn(s.Start, at)), s.Title)
	}
}

// printNowAll prints what is on now and next in every room: on a
// terminal a block per room, in a pipe one line per session (now or
// next, room, id, start, end, title, pick, clashes).
func (f *Factory) printNowAll(at time.Time, res schedule.NowAllResult, span schedule.Span, name string) {
	out := f.IO.Out
	st := f.styles()
	outside := !span.IsZero() && !span.Contains(at)
	if !f.IO.IsTerminal() {
		if outside {
			plainRow(out, "conference", name, span.First.Format(time.RFC3339), span.Last.Format(time.RFC3339))
		}
		row := func(what, room string, e schedule.NowEntry) {
			s := e.Session
			var cl []string
			for _, c := range e.Clashes {
				cl = append(cl, fmt.Sprintf("%s:%s:%d", c.Type, c.Pick.ID, c.Minutes))
			}
			plainRow(out, what, room, s.ID, startField(s), endField(s), s.Title, pickState(e.Pick), strings.Join(cl, ","))
		}
		for _, r := range res.Rooms {
			for _, e := range r.Now {
				row("now", r.Room, e)
			}
			if r.Next != nil {
				row("next", r.Room, *r.Next)
			}
		}
		return
	}
	fmt.Fprintf(out, "%s\n", st.Dim.Render(present.LongDay(at)+" "+at.Format("15:04 MST")))
	if outside {
		fmt.Fprintln(out, conferenceWhen(name, span, at))
	}
	if len(res.Rooms) == 0 {
		if !outside {
			fmt.Fprintln(out, st.Dim.Render("Nothing is on now or later."))
		}
		return
	}
	for _, r := range res.Rooms {
		fmt.Fprintln(out)
		fmt.Fprintln(out, st.Title.Render(orDash(r.Room)))
		for _, e := range r.Now {
			left := e.Session.End.Sub(at).Round(time.Minute)
			f.nowAllLine(st, "now ", e, at, fmt.Sprintf("(%s left)", schedule.FormatDuration(left)))
		}
		if e := r.Next; e != nil {
			f.nowAllLine(st, "next", *e, at, "("+inTime(e.Session.Start, at)+")")
		}
	}
}

func (f *Factory) nowAllLine(st *styles, what string, e schedule.NowEntry, at time.Time, when string) {
	s := e.Session
	mark := "  "
	if pk := e.Pick; pk != nil {
		switch {
		case pk.Gone:
			mark = st.Bad.Render("✗ ")
		case pk.Status.SetAside():
			mark = st.Dim.Render("- ")
		case pk.Status == schedule.Attended:
			mark = st.Good.Render("✓ ")
		default:
			mark = priorityStyle(st, pk.Priority).Render("★ ")
		}
	}
	t := clockOn(s.Start, at) + "–" + s.End.Format("15:04")
	f.wrapf("        ", "%s%s  %s  %s  %s %s", mark, st.Dim.Render(what), st.Time.Render(t), s.Title, st.Dim.Render(s.ID), st.Dim.Render(when))
	if len(e.Clashes) == 1 {
		c := e.Clashes[0]
		msg := st.Bad.Render("✗ overlaps") + fmt.Sprintf(" your pick %s %q by %d min", c.Pick.ID, c.Pick.Title, c.Minutes)
		if c.Type == schedule.Tight {
			msg = st.Warn.Render("⚠ tight") + fmt.Sprintf(" with your pick %s %q: %d min short of the walk", c.Pick.ID, c.Pick.Title, c.Minutes)
		}
		f.wrapf("          ", "        %s", msg)
	} else if len(e.Clashes) > 1 {
		// Several: the ids only, so the line stays short.
		var over, tight []string
		for _, c := range e.Clashes {
			if c.Type == schedule.Tight {
				tight = append(tight, fmt.Sprintf("%s (%d min short)", c.Pick.ID, c.Minutes))
			} else {
				over = append(over, fmt.Sprintf("%s (%d min)", c.Pick.ID, c.Minutes))
			}
		}
		var parts []string
		if len(over) > 0 {
			parts = append(parts, st.Bad.Render("✗ overlaps")+" your picks "+strings.Join(over, ", "))
		}
		if len(tight) > 0 {
			parts = append(parts, st.Warn.Render("⚠ tight")+" with "+strings.Join(tight, ", "))
		}
		f.wrapf("          ", "        %s", strings.Join(parts, "; "))
	}
}

// inTime is how long from at until start: "in 25 min", "in 3 h 10 min",
// and from two days on "in 12 days" (calendar days, as conferenceWhen
// counts them).
func inTime(start, at time.Time) string {
	if d := start.Sub(at).Round(time.Minute); d < 48*time.Hour {
		return "in " + schedule.FormatDuration(d)
	}
	return fmt.Sprintf("in %d days", schedule.DayOf(start).Sub(schedule.DayOf(at.In(start.Location()))))
}

// pickState is a pick's priority and status for a pipe ("want/planned",
// "must/attended/gone"), "" when the session is not picked.
func pickState(pk *schedule.Pick) string {
	if pk == nil {
		return ""
	}
	s := string(pk.Priority) + "/" + string(pk.Status)
	if pk.Gone {
		s += "/gone"
	}
	return s
}

// clockOn is t's time of day, with its weekday when it is not on the
// same calendar day as ref ("Sun 11:00").
func clockOn(t, ref time.Time) string {
	if schedule.DayOf(t) != schedule.DayOf(ref.In(t.Location())) {
		return t.Format("Mon 15:04")
	}
	return t.Format("15:04")
}

// conferenceWhen says when the conference is or was, seen from at
// (outside it): "FOSDEM 2026 is on Sat 31 Jan – Sun 1 Feb 2026, in 12
// days", "… was on …, 3 days ago".
func conferenceWhen(name string, span schedule.Span, at time.Time) string {
	if name == "" {
		name = "The conference"
	}
	first, last := span.FirstDay, span.LastDay
	firstYear, _, _ := first.Date()
	lastYear, _, _ := last.Date()
	dates := first.Format("Mon 2 Jan 2006")
	switch {
	case first == last:
	case firstYear != lastYear:
		dates = first.Format("Mon 2 Jan 2006") + " – " + last.Format("Mon 2 Jan 2006")
	default:
		dates = first.Format("Mon 2 Jan") + " – " + last.Format("Mon 2 Jan 2006")
	}
	today := schedule.DayOf(at.In(span.First.Location()))
	if at.Before(span.First) {
		n := first.Sub(today)
		rel := fmt.Sprintf("in %d days", n)
		switch n {
		case 0:
			rel = "from " + span.First.Format("15:04") + " today"
		case 1:
			rel = "tomorrow"
		}
		return fmt.Sprintf("%s is on %s, %s.", name, dates, rel)
	}
	n := today.Sub(last)
	rel := fmt.Sprintf("%d days ago", n)
	switch n {
	case 0:
		rel = "ended today at " + span.Last.Format("15:04")
	case 1:
		rel = "yesterday"
	}
	return fmt.Sprintf("%s was on %s, %s.", name, dates, rel)
}
