package cmd

import (
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/plan-cli/plan/export"
	"github.com/plan-cli/plan/schedule"
)

// parseMinutes reads a walking time: "10m", "1h30m", or a plain number of
// minutes.
func parseMinutes(s string) (schedule.Minutes, error) {
	var d time.Duration
	if n, err := fmt.Sscanf(s, "%d", new(int)); err == nil && n == 1 && !strings.ContainsAny(s, "hms") {
		var m int
		fmt.Sscanf(s, "%d", &m)
		d = time.Duration(m) * time.Minute
	} else {
		var err error
		if d, err = time.ParseDuration(s); err != nil {
			return 0, fmt.Errorf("%q is not a duration: write it as 10m or 1h30m", s)
		}
	}
	if d < 0 {
		return 0, fmt.Errorf("%q is negative", s)
	}
	return schedule.Minutes((d + time.Minute - 1) / time.Minute), nil
}

func newWalkCmd(a *app) *cobra.Command {
	var def string
	var asJSON bool
	c := &cobra.Command{
		Use:   "walk [ROOM ROOM DURATION]",
		Short: "Record the walking time between two rooms",
		Long: `Record how long it takes to walk between two rooms (either way). From
then on 'plan clashes', 'plan agenda' and 'plan optimize' treat a change
of room with less time than that as a "tight" clash. --default sets the
walk for every pair of rooms not listed (none is assumed until set).
Without arguments, list the walks.`,
		Example: `  plan walk "Room 101" "Ballroom DE" 10m
  plan walk --default 5m
  plan walk`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 0 && len(args) != 3 {
				return fmt.Errorf("give two rooms and a duration, e.g. plan walk \"Room 101\" \"Ballroom DE\" 10m")
			}
			return nil
		},
		ValidArgsFunction: a.completeRooms,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 && def == "" {
				return a.readPlan(func(st *schedule.Store, p *schedule.Plan) error {
					if asJSON {
						return a.writeJSON(walksJSON(p.Venue))
					}
					if p.Venue.DefaultWalk > 0 {
						fmt.Fprintf(a.ios.Out, "default\t%d min\n", p.Venue.DefaultWalk)
					}
					for _, w := range p.Venue.Walks {
						fmt.Fprintf(a.ios.Out, "%s\t%s\t%d min\n", w.From, w.To, w.Minutes)
					}
					if p.Venue.DefaultWalk == 0 && len(p.Venue.Walks) == 0 {
						fmt.Fprintln(a.ios.ErrOut, "No walking times yet: plan walk ROOM ROOM 10m")
					}
					return nil
				})
			}
			var dm, wm schedule.Minutes
			var err error
			if def != "" {
				if dm, err = parseMinutes(def); err != nil {
					return usagef("--default: %v", err)
				}
			}
			if len(args) == 3 {
				if strings.EqualFold(strings.TrimSpace(args[0]), strings.TrimSpace(args[1])) {
					return usagef("the two rooms are the same")
				}
				if wm, err = parseMinutes(args[2]); err != nil {
					return usageError{err}
				}
			}
			return a.changePlan(func(st *schedule.Store, p *schedule.Plan) error {
				if def != "" {
					p.Venue.DefaultWalk = dm
					fmt.Fprintf(a.ios.Out, "Walks between rooms not listed take %d min.\n", dm)
				}
				if len(args) == 3 {
					rooms := map[string]string{} // lower case -> as the program spells it
					if prog, err := loadProgram(st, p); err == nil {
						for _, s := range prog.Sessions {
							rooms[strings.ToLower(s.Room)] = s.Room
						}
					}
					for _, pk := range p.Picks {
						rooms[strings.ToLower(pk.Room)] = pk.Room
					}
					for _, r := range args[:2] {
						if _, ok := rooms[strings.ToLower(strings.TrimSpace(r))]; !ok && len(rooms) > 0 {
							hint := ""
							if near := nearestRoom(r, rooms); near != "" {
								hint = fmt.Sprintf(" (did you mean %q?)", near)
							}
							fmt.Fprintf(a.ios.ErrOut, "warning: no session is in room %q%s; the walk is recorded anyway.\n", r, hint)
						}
					}
					from, to := canonicalRoom(p, args[0]), canonicalRoom(p, args[1])
					if c, ok := rooms[strings.ToLower(strings.TrimSpace(args[0]))]; ok {
						from = c
					}
					if c, ok := rooms[strings.ToLower(strings.TrimSpace(args[1]))]; ok {
						to = c
					}
					p.Venue.SetWalk(from, to, wm)
					fmt.Fprintf(a.ios.Out, "Walking between %s and %s takes %d min.\n", from, to, wm)
				}
				tight := 0
				for _, c := range schedule.FindClashes(p.Picks, &p.Venue) {
					if c.Type == schedule.Tight {
						tight++
					}
				}
				if tight > 0 {
					fmt.Fprintf(a.ios.Out, "%d transition(s) between your picks are now too short to walk: see 'plan clashes'.\n", tight)
				}
				return nil
			})
		},
	}
	c.Flags().StringVar(&def, "default", "", "walking time between rooms not listed, e.g. 5m")
	c.Flags().BoolVar(&asJSON, "json", false, "list the walks as JSON")
	return c
}

type walkJSON struct {
	From    string `json:"from"`
	To      string `json:"to"`
	Minutes int    `json:"minutes"`
}

func walksJSON(v schedule.Venue) map[string]any {
	ws := []walkJSON{}
	for _, w := range v.Walks {
		ws = append(ws, walkJSON{w.From, w.To, int(w.Minutes)})
	}
	return map[string]any{"default_minutes": int(v.DefaultWalk), "walks": ws}
}

// nearestRoom finds the known room that looks most like r: one differing
// by a character or two, or containing it.
func nearestRoom(r string, rooms map[string]string) string {
	low := strings.ToLower(strings.TrimSpace(r))
	best, bestD := "", 3
	for k, v := range rooms {
		if k == "" {
			continue
		}
		d := 0
		if len(k) != len(low) {
			d = 3
		} else {
			for i := range k {
				if k[i] != low[i] {
					d++
				}
			}
		}
		if strings.Contains(k, low) && len(low) >= 3 {
			d = min(d, 2)
		}
		if d < bestD || (d == bestD && best != "" && v < best) {
			best, bestD = v, d
		}
	}
	return best
}

// canonicalRoom spells a room as the picks spell it, when one matches
// without regard to case.
func canonicalRoom(p *schedule.Plan, room string) string {
	room = strings.TrimSpace(room)
	for _, pk := range p.Picks {
		if strings.EqualFold(pk.Room, room) {
			return pk.Room
		}
	}
	return room
}

func (a *app) completeRooms(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	if len(args) >= 2 {
		return []string{"5m", "10m", "15m"}, cobra.ShellCompDirectiveNoFileComp
	}
	return a.completeField(func(s *schedule.Session) string { return s.Room })(cmd, args, toComplete)
}

type droppedJSON struct {
	ID      string             `json:"id"`
	Title   string             `json:"title"`
	Reason  string             `json:"reason"`
	Because []string           `json:"because"`
	Clashes []export.ClashJSON `json:"clashes"`
}

type optimizeJSON struct {
	Keep      []string           `json:"keep"`
	Drop      []droppedJSON      `json:"drop"`
	Conflicts []export.ClashJSON `json:"conflicts"`
	Untouched []string           `json:"untouched"`
	Score     map[string]int     `json:"score"`
	Applied   bool               `json:"applied"`
}

func newOptimizeCmd(a *app) *cobra.Command {
	var apply, asJSON bool
	c := &cobra.Command{
		Use:   "optimize",
		Short: "Choose the best clash-free, walkable schedule from your picks",
		Long: `From your picks and their priorities, choose the schedule with no
overlaps and no transitions too short to walk that keeps the most musts,
then the most wants, then the most maybes (exactly, not greedily); among
equals, the one whose sessions end earlier. It shows what it keeps and
what it drops, and why. Musts that clash with each other are reported as
conflicts. --apply marks the dropped picks as skipped (they stay in the
plan as alternatives; 'plan add ID' brings one back).

--json prints {keep: [ids], drop: [{id, title, reason, because, clashes}],
conflicts: [clash objects as in 'plan clashes --json'], untouched, score}.`,
		Example: "  plan optimize\n  plan optimize --apply\n  plan optimize --json | jq .keep",
		RunE: func(cmd *cobra.Command, args []string) error {
			run := a.readPlan
			if apply {
				run = a.changePlan
			}
			return run(func(st *schedule.Store, p *schedule.Plan) error {
				res := schedule.Optimize(p.Picks, &p.Venue)
				if apply {
					for _, d := range res.Drop {
						d.Pick.Status = schedule.Skipped
					}
				}
				if asJSON {
					return a.writeJSON(optimizeToJSON(res, apply))
				}
				a.printOptimize(res, apply)
				return nil
			})
		},
	}
	c.Flags().BoolVar(&apply, "apply", false, "mark the dropped picks as skipped")
	c.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return c
}

func optimizeToJSON(res schedule.OptimizeResult, applied bool) optimizeJSON {
	out := optimizeJSON{Keep: []string{}, Drop: []droppedJSON{}, Conflicts: export.Clashes(res.Conflicts), Untouched: []string{},
		Score: map[string]int{"must": res.Score.Must, "want": res.Score.Want, "maybe": res.Score.Maybe}, Applied: applied}
	for _, pk := range res.Keep {
		out.Keep = append(out.Keep, pk.ID)
	}
	for _, d := range res.Drop {
		j := droppedJSON{ID: d.Pick.ID, Title: d.Pick.Title, Reason: d.Reason, Because: []string{}, Clashes: export.Clashes(d.Clashes)}
		for _, b := range d.Because {
			j.Because = append(j.Because, b.ID)
		}
		out.Drop = append(out.Drop, j)
	}
	for _, pk := range res.Untouched {
		out.Untouched = append(out.Untouched, pk.ID)
	}
	return out
}

func (a *app) printOptimize(res schedule.OptimizeResult, applied bool) {
	out := a.ios.Out
	st := a.styles()
	if !a.ios.IsTerminal() {
		for _, pk := range res.Keep {
			plainRow(out, "keep", pk.ID, string(pk.Priority), startField(&pk.Session), pk.Title, "")
		}
		for _, d := range res.Drop {
			plainRow(out, "drop", d.Pick.ID, string(d.Pick.Priority), startField(&d.Pick.Session), d.Pick.Title, d.Reason)
		}
		for _, c := range res.Conflicts {
			plainRow(out, "conflict", c.A.ID, c.B.ID, string(c.Type), fmt.Sprint(c.Minutes), "")
		}
		if applied && len(res.Drop) > 0 {
			fmt.Fprintf(a.ios.ErrOut, "Marked %d dropped pick(s) as skipped.\n", len(res.Drop))
		}
		return
	}
	fmt.Fprintf(out, "%s %d must, %d want, %d maybe\n\n", st.Title.Render("Best schedule:"), res.Score.Must, res.Score.Want, res.Score.Maybe)
	for _, pk := range res.Keep {
		fmt.Fprintf(out, "  %s %s  %s  %s %s\n", st.Good.Render("keep"), st.Time.Render(when(&pk.Session)), pk.Title,
			atRoom(st, pk.Room), priorityStyle(st, pk.Priority).Render("("+string(pk.Priority)+")"))
	}
	if len(res.Drop) > 0 {
		fmt.Fprintln(out)
	}
	for _, d := range res.Drop {
		fmt.Fprintf(out, "  %s %s  %s %s\n       %s\n", st.Bad.Render("drop"), st.Time.Render(when(&d.Pick.Session)), d.Pick.Title,
			priorityStyle(st, d.Pick.Priority).Render("("+string(d.Pick.Priority)+")"), st.Dim.Render(d.Reason))
	}
	if len(res.Conflicts) > 0 {
		fmt.Fprintf(out, "\n%s\n", st.Warn.Render("Musts that clash with each other (only one of each pair can be kept):"))
		for _, c := range res.Conflicts {
			fmt.Fprintln(out, "  "+clashSentence(st, c))
		}
	}
	for _, pk := range res.Untouched {
		fmt.Fprintf(out, "  %s %s  (no usable time, cancelled or gone: left as it is)\n", st.Dim.Render("left"), pk.Title)
	}
	switch {
	case applied && len(res.Drop) > 0:
		fmt.Fprintf(out, "\nMarked %d dropped pick(s) as skipped.\n", len(res.Drop))
	case len(res.Drop) > 0:
		fmt.Fprintf(out, "\n%s\n", st.Dim.Render("Run 'plan optimize --apply' to mark the dropped picks as skipped."))
	}
}

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

func newSuggestCmd(a *app) *cobra.Command {
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
			return a.readPlan(func(st *schedule.Store, p *schedule.Plan) error {
				prog, err := programOf(st, p)
				if err != nil {
					return err
				}
				res := schedule.Suggest(prog.Sessions, p.Picks, &p.Venue, schedule.SuggestOptions{Topic: topic, MaxTopics: maxTopics, MaxSessions: maxSessions})
				res.Sessions = a.notOver(prog.Sessions, res.Sessions)
				if topic != "" && len(res.Topics) == 0 && !asJSON {
					fmt.Fprintf(a.ios.ErrOut, "No session mentions %q (topics are single words, such as ebpf or rust).\n", topic)
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
					return a.writeJSON(out)
				}
				a.printSuggest(res)
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
func (a *app) notOver(program []*schedule.Session, in []schedule.Suggestion) []schedule.Suggestion {
	now := a.ios.Now()
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

func (a *app) printSuggest(res schedule.Suggestions) {
	out := a.ios.Out
	st := a.styles()
	if !a.ios.IsTerminal() {
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

type nowJSON struct {
	At       string               `json:"at"`
	Now      []export.SessionJSON `json:"now"`
	Next     []export.SessionJSON `json:"next"`
	Room     string               `json:"room"`
	RoomNext *export.SessionJSON  `json:"room_next"`
}

func newNowCmd(a *app) *cobra.Command {
	var at, room string
	var asJSON bool
	c := &cobra.Command{
		Use:   "now",
		Short: "What is on now and next",
		Long: `Show the picks running now and the next ones, and what starts next in
the room you are in (--room, else the room of your current or last pick).
--at asks about another moment: "2026-03-07 14:00" in the conference's
zone, RFC 3339, a day of the program and a time ("sun 11:50", "2 14:00"),
or a time of day "14:00" today.

--json prints {at, now: [sessions], next: [sessions], room, room_next}.`,
		Example: "  plan now\n  plan now --at \"2026-01-31 10:15\"\n  plan now --at \"sun 11:50\" --room Janson --json",
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.readPlan(func(st *schedule.Store, p *schedule.Plan) error {
				loc := p.Location()
				moment := a.ios.Now().In(loc)
				prog, err := loadProgram(st, p)
				if err != nil {
					return err
				}
				if at != "" {
					ref := moment
					// "sun 11:50": a day of the program, as --day takes it.
					if day, clock, ok := strings.Cut(strings.TrimSpace(at), " "); ok && !strings.Contains(day, "-") {
						all := append([]*schedule.Session(nil), prog.Sessions...)
						for _, pk := range p.Picks {
							all = append(all, &pk.Session)
						}
						d, err := resolveDay(day, days(all))
						if err != nil {
							return usagef("--at: %s", strings.TrimPrefix(err.Error(), "--day "))
						}
						ref, _ = time.ParseInLocation(time.DateOnly, d, loc)
						at = clock
					}
					t, err := parseWhen(at, ref, loc)
					if err != nil {
						return usagef("--at: %v", err)
					}
					moment = t
				}
				res := schedule.Now(p.Picks, prog.Sessions, moment, room)
				if asJSON {
					out := nowJSON{At: moment.Format(time.RFC3339), Now: []export.SessionJSON{}, Next: []export.SessionJSON{}, Room: res.Room}
					for _, pk := range res.Now {
						out.Now = append(out.Now, export.Pick(pk, false))
					}
					for _, pk := range res.Next {
						out.Next = append(out.Next, export.Pick(pk, false))
					}
					if res.RoomNext != nil {
						j := export.Session(res.RoomNext, p.Pick(res.RoomNext.ID), false)
						out.RoomNext = &j
					}
					return a.writeJSON(out)
				}
				a.printNow(moment, res)
				return nil
			})
		},
	}
	c.Flags().StringVar(&at, "at", "", "the moment to ask about (default: now)")
	c.Flags().StringVar(&room, "room", "", "the room you are in")
	c.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return c
}

func (a *app) printNow(at time.Time, res schedule.NowResult) {
	out := a.ios.Out
	st := a.styles()
	if !a.ios.IsTerminal() {
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
	fmt.Fprintf(out, "%s\n", st.Dim.Render(longDay(at)+" "+at.Format("15:04 MST")))
	if len(res.Now) == 0 {
		fmt.Fprintf(out, "%s nothing you picked\n", st.Title.Render("Now: "))
	}
	for _, pk := range res.Now {
		left := pk.End.Sub(at).Round(time.Minute)
		fmt.Fprintf(out, "%s %s  %s %s\n", st.Title.Render("Now: "), pk.Title, atRoom(st, pk.Room), st.Dim.Render(fmt.Sprintf("(%s left)", humanDuration(left))))
	}
	for _, pk := range res.Next {
		in := pk.Start.Sub(at).Round(time.Minute)
		fmt.Fprintf(out, "%s %s  %s  %s %s\n", st.Title.Render("Next:"), st.Time.Render(pk.Start.Format("15:04")), pk.Title, atRoom(st, pk.Room), st.Dim.Render(fmt.Sprintf("(in %s)", humanDuration(in))))
	}
	if s := res.RoomNext; s != nil {
		fmt.Fprintf(out, "%s %s  %s\n", st.Dim.Render("Next in "+res.Room+":"), st.Time.Render(s.Start.Format("15:04")), s.Title)
	}
}

type gapJSON struct {
	Day      string               `json:"day"`
	Start    string               `json:"start"`
	End      string               `json:"end"`
	Minutes  int                  `json:"minutes"`
	After    *string              `json:"after"`
	Before   *string              `json:"before"`
	Sessions []export.SessionJSON `json:"sessions"`
}

func newGapsCmd(a *app) *cobra.Command {
	var day string
	var asJSON bool
	c := &cobra.Command{
		Use:   "gaps",
		Short: "Free slots between your picks, with the sessions that fit each",
		Long: `List the free slots of at least 15 minutes in each day of the program
(between your picks, and before the first and after the last), each with
the sessions that fit in it: inside the slot, with time to walk from the
pick before and to the pick after.

--json prints an array of {start, end, minutes, after, before, sessions}.`,
		Example: "  plan gaps\n  plan gaps --day sat --json",
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.readPlan(func(st *schedule.Store, p *schedule.Plan) error {
				prog, err := programOf(st, p)
				if err != nil {
					return err
				}
				gaps := schedule.Gaps(p.Picks, prog.Sessions, &p.Venue, p.Location())
				if day != "" {
					d, err := resolveDay(day, days(prog.Sessions))
					if err != nil {
						return err
					}
					keep := gaps[:0]
					for _, g := range gaps {
						if g.Day == d {
							keep = append(keep, g)
						}
					}
					gaps = keep
				}
				if asJSON {
					out := []gapJSON{}
					for _, g := range gaps {
						j := gapJSON{Day: g.Day, Start: g.Start.Format(time.RFC3339), End: g.End.Format(time.RFC3339), Minutes: int(g.End.Sub(g.Start) / time.Minute), Sessions: []export.SessionJSON{}}
						if g.After != nil {
							j.After = &g.After.ID
						}
						if g.Before != nil {
							j.Before = &g.Before.ID
						}
						for _, s := range g.Sessions {
							j.Sessions = append(j.Sessions, export.Session(s, nil, false))
						}
						out = append(out, j)
					}
					return a.writeJSON(out)
				}
				a.printGaps(gaps)
				return nil
			})
		},
	}
	c.Flags().StringVar(&day, "day", "", "only this day: a date, weekday or day number")
	c.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return c
}

func (a *app) printGaps(gaps []schedule.Gap) {
	out := a.ios.Out
	st := a.styles()
	if !a.ios.IsTerminal() {
		for _, g := range gaps {
			plainRow(out, "gap", g.Start.Format(time.RFC3339), g.End.Format(time.RFC3339), fmt.Sprint(len(g.Sessions)))
			for _, s := range g.Sessions {
				plainRow(out, "fits", s.ID, startField(s), endField(s), s.Room, s.Title)
			}
		}
		return
	}
	day := ""
	for _, g := range gaps {
		if d := longDay(g.Start); d != day {
			if day != "" {
				fmt.Fprintln(out)
			}
			fmt.Fprintln(out, st.Heading.Render(d))
			day = d
		}
		fmt.Fprintf(out, "  %s  %s\n", st.Time.Render(g.Start.Format("15:04")+"–"+g.End.Format("15:04")),
			st.Dim.Render(fmt.Sprintf("free %s, %d session(s) fit", humanDuration(g.End.Sub(g.Start)), len(g.Sessions))))
		const show = 8
		for i, s := range g.Sessions {
			if i == show {
				fmt.Fprintf(out, "      %s\n", st.Dim.Render(fmt.Sprintf("… and %d more (plan gaps --json)", len(g.Sessions)-show)))
				break
			}
			fmt.Fprintf(out, "      %s %s  %s %s\n", st.Dim.Render(s.ID), st.Time.Render(timeRange(s)), s.Title, atRoom(st, s.Room))
		}
	}
}
