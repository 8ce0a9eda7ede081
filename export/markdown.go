// Package export turns a plan into files for other programs and people:
// calendars, the Markdown recap, JSON. It knows nothing of terminals.
package export

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/plan-cli/plan/schedule"
)

// WriteMarkdown writes the recap of a plan as Markdown:
//
//   - "# <Conference>, by the numbers": the recap lines as a list, then the
//     time in sessions, what was covered, what became of the picks, and the
//     facts as "Label: Value" paragraphs, in the order given;
//   - "## What I learned": each noted pick's title and note (the note is
//     the user's own Markdown and is kept as written); left out when no
//     pick that was not skipped has a note;
//   - "## Appendix: My Schedule": day by day in the conference zone, one
//     line per pick that was not skipped, with its time, title, room, kind
//     and whether it was attended or only planned; picks without a time
//     come last under "Unscheduled".
//
// Titles, rooms and facts are escaped where Markdown would read them as
// markup. The output depends only on its inputs. st is normally
// schedule.ComputeStats(p).
func WriteMarkdown(w io.Writer, p *schedule.Plan, st schedule.Stats) error {
	if p == nil {
		return errors.New("export: no plan to write")
	}
	var b bytes.Buffer
	writeNumbers(&b, p, st)
	writeLearned(&b, p)
	writeAppendix(&b, p)
	_, err := w.Write(b.Bytes())
	return err
}

func writeNumbers(b *bytes.Buffer, p *schedule.Plan, st schedule.Stats) {
	if name := inline(p.Conference.Name); name != "" {
		fmt.Fprintf(b, "# %s, by the numbers\n\n", name)
	} else {
		b.WriteString("# By the numbers\n\n")
	}
	if len(st.Lines) == 0 {
		b.WriteString("Nothing recorded yet.\n\n")
	}
	for _, l := range st.Lines {
		fmt.Fprintf(b, "- %s\n", inline(l))
	}
	if len(st.Lines) > 0 {
		b.WriteString("\n")
	}
	if days := len(st.PerDay); days > 0 {
		fmt.Fprintf(b, "Time in sessions: %s over %s\n\n", hoursText(st.Hours), schedule.Plural(days, "day", ""))
	}
	var covered []string
	for _, c := range []struct {
		n   int
		one string
	}{
		{len(st.Rooms), "room"},
		{len(st.Tracks), "track"},
		{len(st.Speakers), "speaker"},
	} {
		if c.n > 0 {
			covered = append(covered, schedule.Plural(c.n, c.one, ""))
		}
	}
	if len(covered) > 0 {
		fmt.Fprintf(b, "Covered: %s\n\n", strings.Join(covered, ", "))
	}
	if st.Attended+st.Planned+st.Skipped > 0 {
		attended := fmt.Sprintf("%d attended", st.Attended)
		if st.Unplanned > 0 {
			attended += fmt.Sprintf(" (%d unplanned)", st.Unplanned)
		}
		fmt.Fprintf(b, "Picks: %s, %d planned, %d skipped\n\n", attended, st.Planned, st.Skipped)
	}
	for _, f := range st.Facts {
		label, value := inline(f.Label), inline(f.Value)
		switch {
		case label == "" && value == "":
			continue
		case label == "":
			fmt.Fprintf(b, "%s\n\n", lineStart(value))
		default:
			fmt.Fprintf(b, "%s: %s\n\n", lineStart(label), value)
		}
	}
}

func writeLearned(b *bytes.Buffer, p *schedule.Plan) {
	var noted []*schedule.Pick
	for _, pk := range active(p) {
		if strings.TrimSpace(pk.Note) != "" {
			noted = append(noted, pk)
		}
	}
	if len(noted) == 0 {
		return
	}
	b.WriteString("## What I learned\n\n")
	for _, pk := range noted {
		note := strings.ReplaceAll(strings.TrimSpace(pk.Note), "\r\n", "\n")
		note = strings.ReplaceAll(note, "\r", "\n")
		lines := strings.Split(note, "\n")
		fmt.Fprintf(b, "- **%s** — %s\n", inline(pk.Title), strings.TrimRightFunc(lines[0], unicode.IsSpace))
		for _, l := range lines[1:] {
			// Indented, the note's further lines stay in its list item.
			if l = strings.TrimRightFunc(l, unicode.IsSpace); l != "" {
				b.WriteString("  " + l)
			}
			b.WriteString("\n")
		}
	}
	b.WriteString("\n")
}

func writeAppendix(b *bytes.Buffer, p *schedule.Plan) {
	b.WriteString("## Appendix: My Schedule\n")
	picks := active(p)
	if len(picks) == 0 {
		b.WriteString("\nNothing on the schedule.\n")
		return
	}
	loc := p.Location()
	day := ""
	for _, pk := range picks {
		if !pk.Scheduled() {
			continue
		}
		start := pk.Start.In(loc)
		in := pk.Session.In(loc)
		if d := in.Day(); d != day {
			day = d
			fmt.Fprintf(b, "\n### %s\n\n", in.DayTime().Format("Monday 2 January 2006"))
		}
		when := start.Format("15:04")
		if pk.End.After(pk.Start) {
			when += "–" + pk.End.In(loc).Format("15:04")
		}
		fmt.Fprintf(b, "- %s %s — %s\n", when, inline(pk.Title), details(pk))
	}
	header := false
	for _, pk := range picks {
		if pk.Scheduled() {
			continue
		}
		if !header {
			b.WriteString("\n### Unscheduled\n\n")
			header = true
		}
		fmt.Fprintf(b, "- %s — %s\n", lineStart(inline(pk.Title)), details(pk))
	}
}

// details is "Room 106, Talk, attended" for a pick.
func details(pk *schedule.Pick) string {
	var parts []string
	if room := inline(pk.Room); room != "" {
		parts = append(parts, room)
	}
	kind := pk.Kind
	if !kind.Valid() {
		kind = schedule.KindOther
	}
	parts = append(parts, kind.Label(1))
	switch {
	case pk.Status == schedule.Attended && pk.Unplanned:
		parts = append(parts, "attended (unplanned)")
	case pk.Status == schedule.Attended:
		parts = append(parts, "attended")
	default:
		parts = append(parts, "planned")
	}
	if pk.Cancelled {
		parts = append(parts, "cancelled")
	}
	return strings.Join(parts, ", ")
}

// active is the picks that were not skipped, in time order, unscheduled
// last; the plan itself is left as it is.
func active(p *schedule.Plan) []*schedule.Pick {
	var out []*schedule.Pick
	for _, pk := range p.Picks {
		if pk != nil && pk.Status != schedule.Skipped {
			out = append(out, pk)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return schedule.Less(&out[i].Session, &out[j].Session) })
	return out
}

// hoursText writes hours as "17 h 30 min", "45 min" or "3 h".
func hoursText(hours float64) string {
	return schedule.FormatDuration(time.Duration(hours*60+0.5) * time.Minute)
}

// inline makes text safe inside a line of Markdown: whitespace runs
// (newlines too) become one space, and the characters that would start
// emphasis, code, links, HTML, table cells or strikethrough are
// backslash-escaped. Underscores inside words ("snake_case") and other
// punctuation are left alone so the source stays readable.
func inline(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return ""
	}
	r := []rune(s)
	var b strings.Builder
	for i, c := range r {
		switch c {
		case '\\', '`', '*', '[', ']', '<', '|', '~':
			b.WriteByte('\\')
		case '_':
			if i == 0 || i == len(r)-1 || !isWord(r[i-1]) || !isWord(r[i+1]) {
				b.WriteByte('\\')
			}
		case '#':
			if i == 0 {
				b.WriteByte('\\')
			}
		}
		b.WriteRune(c)
	}
	return b.String()
}

func isWord(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// lineStart escapes already inline-escaped text that begins a line or a
// list item, where "-", "+", ">", "=" or "1. " would start a block.
func lineStart(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '-', '+', '>', '=':
		return `\` + s
	}
	digits := 0
	for digits < len(s) && digits < 10 && s[digits] >= '0' && s[digits] <= '9' {
		digits++
	}
	if digits > 0 && digits < 10 && digits < len(s) && (s[digits] == '.' || s[digits] == ')') &&
		(digits+1 == len(s) || s[digits+1] == ' ') {
		return s[:digits] + `\` + s[digits:]
	}
	return s
}
