package browse

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/plan-cli/plan/cmd/internal/termtext"
	"github.com/plan-cli/plan/export/present"
)

// View draws the screen: the header, the page (or the details), the
// input line when one is open, the status line and the keys; every line
// within the width, exactly the height of the terminal, and nothing in
// it that a terminal would act on but our styles (termtext.Clean).
func (m Model) View() string {
	if m.quit {
		return ""
	}
	e := m.env()
	var body []string
	if m.focus == onDetails || m.focus == onNote {
		body = m.details.render(m.page().selected(e), e)
	} else {
		body = m.page().render(e)
	}
	for len(body) < e.h {
		body = append(body, "")
	}
	lines := append([]string{m.header()}, body[:e.h]...)
	switch m.focus {
	case onSearch:
		lines = append(lines, m.search.View())
	case onNote:
		lines = append(lines, m.note.View())
	}
	lines = append(lines, m.statusLine(e))
	lines = append(lines, strings.Split(m.help.View(m.keys), "\n")...)
	for i, l := range lines {
		lines[i] = ansi.Truncate(l, m.w, "")
	}
	if len(lines) > m.h {
		lines = lines[:m.h]
	}
	return termtext.Clean(strings.Join(lines, "\n"))
}

// header is the conference, the day, the pages and how many sessions
// match (and on which other days, for a search); without the name when
// it does not fit.
func (m *Model) header() string {
	day := "no day"
	if !m.day.date.IsZero() {
		day = fmt.Sprintf("%s (%d/%d)", dayName(m.day.date), m.dayNo+1, len(m.prog.days))
	}
	var tabs []string
	for i, n := range viewNames {
		label := fmt.Sprintf("%d %s", i+1, n)
		if View(i) == m.view {
			tabs = append(tabs, m.st.Tab.Render("["+label+"]"))
		} else {
			tabs = append(tabs, m.st.Dim.Render(label))
		}
	}
	parts := []string{m.st.Header.Render(m.o.Name), day, strings.Join(tabs, " ")}
	count := fmt.Sprintf("%d", len(m.day.shown))
	if f := m.filters.words(); len(f) > 0 {
		count += " match " + strings.Join(f, ", ")
		for _, d := range m.prog.days {
			if n := m.day.other[d]; n > 0 {
				count += fmt.Sprintf("; %d on %s", n, dayName(d)[:3])
			}
		}
	}
	out := strings.Join(parts, " · ") + " · " + m.st.Dim.Render(count)
	if ansi.StringWidth(out) > m.w {
		out = strings.Join(parts[1:], " · ") + " · " + m.st.Dim.Render(count)
	}
	return out
}

// statusLine is, in turn: a save under way, what the last key did, the
// selected session's clash (or the clash picking it would make), or its
// day, time, room and id.
func (m *Model) statusLine(e *env) string {
	if s := m.saves.state(); s != "" {
		return m.st.Warn.Render(s)
	}
	if m.status != "" {
		return m.st.Warn.Render(m.status)
	}
	s := m.page().selected(e)
	if s == nil {
		return ""
	}
	if c := e.clashLine(s.ID); c != "" {
		return m.st.Bad.Render(c)
	}
	if m.marks.picks[s.ID] == nil {
		if wc := e.wouldClash(s); wc != "" {
			return m.st.Warn.Render(wc)
		}
	}
	return m.st.Dim.Render(dayName(s.Day()) + " " + present.TimeRange(s) + " · " + s.Room + " · " + s.ID)
}
