package cmd

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/plan-cli/plan/export/present"
	"github.com/plan-cli/plan/schedule"
)

// when is "Sat 31 Jan 2026 10:00–10:50", or "unscheduled".
func when(s *schedule.Session) string {
	if !s.Scheduled() {
		return "unscheduled"
	}
	return dayLabel(s.Start) + " " + present.TimeRange(s)
}

// dayHeading prints the heading of s's day ("Saturday 31 January 2026",
// or "Unscheduled") when it differs from *last, with a blank line before
// every heading but the first.
func (f *Factory) dayHeading(last *string, s *schedule.Session) {
	d := "Unscheduled"
	if s.Scheduled() {
		d = present.LongDay(s.Day().Time(time.UTC))
	}
	if d == *last {
		return
	}
	if *last != "" {
		fmt.Fprintln(f.IO.Out)
	}
	fmt.Fprintln(f.IO.Out, f.styles().Heading.Render(d))
	*last = d
}

// dayLabel is "Sat 31 Jan 2026".
func dayLabel(t time.Time) string { return t.Format("Mon 2 Jan 2006") }

// plainRow writes tab-separated fields, with tabs and newlines inside a
// field turned into spaces, for pipes and scripts.
func plainRow(w io.Writer, fields ...string) {
	for i, f := range fields {
		fields[i] = strings.Map(func(r rune) rune {
			if r == '\t' || r == '\n' || r == '\r' {
				return ' '
			}
			return r
		}, f)
	}
	fmt.Fprintln(w, strings.Join(fields, "\t"))
}

func startField(s *schedule.Session) string {
	if !s.Scheduled() {
		return "-"
	}
	return s.Start.Format(time.RFC3339)
}

func endField(s *schedule.Session) string {
	if !s.Scheduled() {
		return "-"
	}
	return s.End.Format(time.RFC3339)
}

// sessionTable prints sessions: on a terminal grouped by day with styles,
// in a pipe one tab-separated line each (id, start, end, room, kind,
// title, pick status).
func (f *Factory) sessionTable(sessions []*schedule.Session, picks map[string]*schedule.Pick) {
	out := f.IO.Out
	if !f.IO.IsTerminal() {
		for _, s := range sessions {
			status := ""
			if pk := picks[s.ID]; pk != nil {
				status = string(pk.Priority) + "/" + string(pk.Status)
				if pk.Gone {
					status += "/gone"
				}
			}
			if s.Cancelled {
				status = strings.TrimPrefix(status+"/cancelled", "/")
			}
			plainRow(out, s.ID, startField(s), endField(s), s.Room, string(s.Kind), s.Title, status)
		}
		return
	}
	f.terminalSessionTable(sessions, picks)
}

func priorityStyle(st *styles, p schedule.Priority) interface{ Render(...string) string } {
	switch p {
	case schedule.Must:
		return st.Must
	case schedule.Maybe:
		return st.Maybe
	}
	return st.Want
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// printClashes lists clashes for people.
func (f *Factory) printClashes(cs []schedule.Clash) {
	out := f.IO.Out
	if !f.IO.IsTerminal() {
		for _, c := range cs {
			plainRow(out, string(c.Type), fmt.Sprint(c.Minutes), c.A.ID, c.B.ID, startField(&c.B.Session), c.A.Title, c.B.Title)
		}
		return
	}
	st := f.styles()
	for _, c := range cs {
		fmt.Fprintln(out, f.hanging(clashSentence(st, c), "", "    "))
	}
}

// hanging wraps styled text to the terminal's width at spaces: first
// starts the first line, indent the others. In a pipe it does nothing.
func (f *Factory) hanging(text, first, indent string) string {
	if !f.IO.IsTerminal() {
		return first + text
	}
	w := f.IO.Width() - ansi.StringWidth(indent)
	lines := strings.Split(ansi.Wordwrap(text, max(20, w), ""), "\n")
	return first + strings.Join(lines, "\n"+indent)
}

func clashSentence(st *styles, c schedule.Clash) string {
	if c.Type == schedule.Overlap {
		return fmt.Sprintf("%s %s  %q (%s, %s) and %q (%s, %s) overlap by %d min",
			st.Bad.Render("✗ overlap"), st.Time.Render(dayLabel(c.B.Start)),
			c.A.Title, present.TimeRange(&c.A.Session), orDash(c.A.Room),
			c.B.Title, present.TimeRange(&c.B.Session), orDash(c.B.Room), c.Minutes)
	}
	return fmt.Sprintf("%s %s  %q ends %s in %s, %q starts %s in %s: %d min short of the walk",
		st.Warn.Render("⚠ tight"), st.Time.Render(dayLabel(c.B.Start)),
		c.A.Title, c.A.End.Format("15:04"), orDash(c.A.Room),
		c.B.Title, c.B.Start.Format("15:04"), orDash(c.B.Room), c.Minutes)
}

// atRoom is "@ Room 101", or nothing when there is no room.
func atRoom(st *styles, room string) string {
	if room == "" {
		return ""
	}
	return st.Room.Render("@ " + room)
}

// wrapf prints a line, wrapped to the terminal's width at spaces with
// indent before every line after the first (in a pipe, as it is).
func (f *Factory) wrapf(indent, format string, args ...any) {
	fmt.Fprintln(f.IO.Out, f.hanging(strings.TrimSuffix(fmt.Sprintf(format, args...), "\n"), "", indent))
}

// wrapWords breaks text into lines of at most width columns, between
// words (a longer word, a URL, gets a line of its own).
func wrapWords(text string, width int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(text) {
		switch {
		case line == "":
			line = w
		case ansi.StringWidth(line)+1+ansi.StringWidth(w) > width:
			lines = append(lines, line)
			line = w
		default:
			line += " " + w
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// wrapText wraps plain text to width columns, keeping its line breaks.
func wrapText(text string, width int) string {
	paras := strings.Split(text, "\n")
	for i, p := range paras {
		paras[i] = strings.Join(wrapWords(p, width), "\n")
	}
	return strings.Join(paras, "\n")
}

// pickStatus is a pick's priority and status for pipes: "want/planned",
// with "/gone" or "/cancelled" when the program dropped or cancelled it.
func pickStatus(pk *schedule.Pick) string {
	s := string(pk.Priority) + "/" + string(pk.Status)
	if pk.Gone {
		s += "/gone"
	}
	if pk.Cancelled {
		s += "/cancelled"
	}
	return s
}
