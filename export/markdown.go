// Package export turns a plan into files for other programs and people:
// calendars, the Markdown recap, JSON. It knows nothing of terminals.
package export

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"github.com/plan-cli/plan/export/charts"
	"github.com/plan-cli/plan/export/present"
	"github.com/plan-cli/plan/schedule"
)

// WriteMarkdown writes the recap of a plan as Markdown:
//
//   - "# <Conference>, by the numbers": before and during the conference
//     a line saying the numbers are the plan so far; the recap lines as a
//     list; then the time in sessions, what was covered and what became
//     of the picks, in the words and order of 'plan stats'; after the
//     conference, the picks neither attended nor skipped, listed apart;
//   - "## What I learned": each noted pick's title and note (the note is
//     the user's own Markdown and is kept as written: a note of several
//     lines goes under its title as a block of its own, its lines kept);
//     left out when no pick that was not skipped or dropped has a note;
//   - "## Facts": the facts as a list, "Label: Value", in the order given;
//   - "## Appendix: My Schedule": day by day in the conference zone, one
//     line per pick neither skipped nor dropped, with its time, title,
//     room, kind and what became of it; picks without a time come last
//     under "Unscheduled".
//
// Titles, rooms and facts are escaped where Markdown would read them as
// markup. The output depends only on its inputs. st is normally
// schedule.ComputeStats(p, now).
func WriteMarkdown(w io.Writer, p *schedule.Plan, st schedule.Stats) error {
	return WriteMarkdownWith(w, p, st, MarkdownOptions{})
}

// MarkdownOptions change what WriteMarkdownWith adds to the recap.
type MarkdownOptions struct {
	// Charts, when set, is the folder (as the Markdown should link it,
	// e.g. "charts") holding the files of ChartFiles: the recap links the
	// day charts after the numbers and each day's timeline under its
	// heading.
	Charts string
}

// ChartFiles are the recap's charts as SVG files, named as the Markdown
// links them: write them into MarkdownOptions.Charts.
func ChartFiles(p *schedule.Plan, st schedule.Stats) []charts.Chart {
	return charts.All(p, st, charts.Options{Standalone: true})
}

// WriteMarkdownWith is WriteMarkdown with options.
func WriteMarkdownWith(w io.Writer, p *schedule.Plan, st schedule.Stats, o MarkdownOptions) error {
	if p == nil {
		return errors.New("export: no plan to write")
	}
	var links map[schedule.Day]string // chart day (none for the overview charts) → Markdown
	if o.Charts != "" {
		links = chartLinks(p, st, o.Charts)
	}
	var b bytes.Buffer
	writeNumbers(&b, p, st)
	b.WriteString(links[0])
	writeLearned(&b, p)
	writeFacts(&b, st)
	writeAppendix(&b, p, st, links)
	_, err := w.Write(b.Bytes())
	return err
}

// chartLinks are the image links of the charts, by day.
func chartLinks(p *schedule.Plan, st schedule.Stats, dir string) map[schedule.Day]string {
	dir = strings.TrimRight(filepath.ToSlash(dir), "/")
	links := map[schedule.Day]string{}
	for _, c := range charts.All(p, st, charts.Options{}) {
		target := path.Join(dir, c.Name)
		if strings.ContainsAny(target, " ()<>") {
			target = "<" + strings.NewReplacer("<", "%3C", ">", "%3E").Replace(target) + ">"
		}
		links[c.Day] += fmt.Sprintf("![%s](%s)\n\n", inline(c.Title), target)
	}
	return links
}

func writeNumbers(b *bytes.Buffer, p *schedule.Plan, st schedule.Stats) {
	if name := inline(p.Conference.Name); name != "" {
		fmt.Fprintf(b, "# %s, by the numbers\n\n", name)
	} else {
		b.WriteString("# By the numbers\n\n")
	}
	if t := st.PhaseText(p.Conference.Name); t != "" {
		fmt.Fprintf(b, "*%s*\n\n", inline(t))
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
	for _, l := range []struct{ label, text string }{
		{"Time in sessions", st.TimeText()},
		{"Covered", st.CoveredText()},
		{"Picks", st.PicksText()},
	} {
		if l.text != "" {
			fmt.Fprintf(b, "%s: %s\n\n", l.label, inline(l.text))
		}
	}
	if t := st.PendingText(); t != "" {
		fmt.Fprintf(b, "%s:\n\n", withCode(t))
		for _, pd := range st.Pending {
			fmt.Fprintf(b, "- %s (%s)\n", lineStart(inline(pd.Title)), codeSpan(pd.ID))
		}
		b.WriteString("\n")
	}
}

// withCode writes text in which `backticks` mark commands: those stay
// code, the rest is escaped.
func withCode(t string) string {
	parts := strings.Split(t, "`")
	for i, part := range parts {
		if i%2 == 1 {
			parts[i] = codeSpan(part)
		} else {
			lead, trail := "", ""
			if strings.HasPrefix(part, " ") {
				lead = " "
			}
			if strings.HasSuffix(part, " ") {
				trail = " "
			}
			parts[i] = lead + inline(part) + trail
		}
	}
	return strings.Join(parts, "")
}

// codeSpan writes text as inline code, with enough backticks around it.
func codeSpan(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	fence := "`"
	for strings.Contains(s, fence) {
		fence += "`"
	}
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		s = " " + s + " "
	}
	return fence + s + fence
}

func writeFacts(b *bytes.Buffer, st schedule.Stats) {
	var lines []string
	for _, f := range st.Facts {
		label, value := inline(f.Label), inline(f.Value)
		switch {
		case label == "" && value == "":
			continue
		case label == "":
			lines = append(lines, "- "+lineStart(value))
		default:
			lines = append(lines, "- "+lineStart(label)+": "+value)
		}
	}
	if len(lines) == 0 {
		return
	}
	b.WriteString("## Facts\n\n" + strings.Join(lines, "\n") + "\n\n")
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
	for i, pk := range noted {
		lines := noteLines(pk.Note)
		if len(lines) == 1 {
			fmt.Fprintf(b, "- **%s** — %s\n", inline(pk.Title), lines[0])
			continue
		}
		// A note of several lines is a block of its own inside the list
		// item, every line indented under it: its paragraphs, lists and
		// code stay what they were, and its line breaks stay breaks.
		if i > 0 && len(noteLines(noted[i-1].Note)) == 1 {
			b.WriteString("\n")
		}
		fmt.Fprintf(b, "- **%s**\n\n", inline(pk.Title))
		for _, l := range lines {
			if l != "" {
				b.WriteString("  " + l)
			}
			b.WriteString("\n")
		}
		if i < len(noted)-1 {
			b.WriteString("\n")
		}
	}
	b.WriteString("\n")
}

// noteLines splits a note into lines without trailing space, blank runs
// kept, and marks a break at the end of a line of text that another line
// of text follows (CommonMark's backslash break), so the lines render as
// they were written; lines in a fenced code block are left alone.
func noteLines(note string) []string {
	note = strings.ReplaceAll(strings.TrimSpace(note), "\r\n", "\n")
	note = strings.ReplaceAll(note, "\r", "\n")
	lines := strings.Split(note, "\n")
	for i := range lines {
		lines[i] = strings.TrimRightFunc(lines[i], unicode.IsSpace)
	}
	fenced := false
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			fenced = !fenced
			continue
		}
		if fenced || i+1 >= len(lines) || !plainLine(l) || !plainLine(lines[i+1]) || strings.HasSuffix(l, "\\") {
			continue
		}
		lines[i] = l + "\\"
	}
	return lines
}

// plainLine reports whether a line is text in a paragraph rather than
// blank, a heading, a quote, a list item, a table row, a fence, a thematic
// break or indented code, which a break must not be added to or before.
func plainLine(l string) bool {
	if strings.TrimSpace(l) == "" || strings.HasPrefix(l, "    ") || strings.HasPrefix(l, "\t") {
		return false
	}
	t := strings.TrimLeft(l, " ")
	switch t[0] {
	case '#', '>', '|', '`', '~', '=':
		return false
	case '-', '*', '+', '_':
		return len(t) > 1 && t[1] != ' ' && t[1] != t[0]
	}
	if lineStart(t) != t { // "1. ", "2) "
		return false
	}
	return true
}

func writeAppendix(b *bytes.Buffer, p *schedule.Plan, st schedule.Stats, links map[schedule.Day]string) {
	b.WriteString("## Appendix: My Schedule\n")
	picks := active(p)
	if len(picks) == 0 {
		b.WriteString("\nNothing on the schedule.\n")
		return
	}
	loc := p.Location()
	var day schedule.Day
	for _, pk := range picks {
		if !pk.Scheduled() {
			continue
		}
		start := pk.Start.In(loc)
		in := pk.Session.In(loc)
		if d := in.Day(); d != day {
			day = d
			fmt.Fprintf(b, "\n### %s\n\n%s", d.Format("Monday 2 January 2006"), links[d])
		}
		when := start.Format("15:04")
		if pk.End.After(pk.Start) {
			when += "–" + pk.End.In(loc).Format("15:04")
		}
		fmt.Fprintf(b, "- %s %s — %s\n", when, inline(pk.Title), details(pk, st.Phase))
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
		fmt.Fprintf(b, "- %s — %s\n", lineStart(inline(pk.Title)), details(pk, st.Phase))
	}
}

// details is the pick's line in the appendix after its time and title,
// from export/present's recap fields: "Room 106, Talk, attended"; a pick
// still only planned after the conference is "planned, not marked
// attended".
func details(pk *schedule.Pick, phase schedule.Phase) string {
	var parts []string
	for _, f := range present.Fields(present.Item{Session: &pk.Session, Pick: pk, Phase: phase}, present.Recap) {
		if v := inline(f.Value); v != "" {
			parts = append(parts, v)
		}
	}
	return strings.Join(parts, ", ")
}

// active is the picks that were not skipped or dropped, in time order,
// unscheduled last; the plan itself is left as it is.
func active(p *schedule.Plan) []*schedule.Pick {
	var out []*schedule.Pick
	for _, pk := range p.Picks {
		if pk != nil && !pk.Status.SetAside() {
			out = append(out, pk)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return schedule.Less(&out[i].Session, &out[j].Session) })
	return out
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
