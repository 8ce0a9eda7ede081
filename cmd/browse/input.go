package browse

import (
	"slices"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/plan-cli/plan/export/present"
	"github.com/plan-cli/plan/schedule"
)

// The two input lines are modes of the browser: while one is open it
// takes every key but Ctrl-C.

func newInput(prompt, placeholder string) textinput.Model {
	in := textinput.New()
	in.Prompt = prompt
	in.Placeholder = placeholder
	in.Cursor.SetMode(cursor.CursorStatic)
	return in
}

// searchKey is a key typed into the search line: the day narrows as the
// words change; enter (or ↓ ↑, which also move) keeps the search and
// leaves the line, esc drops it.
func (m Model) searchKey(msg tea.KeyMsg) (Model, tea.Cmd) {
	switch msg.Type {
	case tea.KeyEnter, tea.KeyDown, tea.KeyUp:
		m.focus = onPage
		m.search.Blur()
		m.fit() // the page has the input's line back
		if msg.Type != tea.KeyEnter {
			m.pages[m.view], _ = m.page().key(msg, m.env())
		}
		return m, nil
	case tea.KeyEsc:
		m.focus = onPage
		m.search.Blur()
		m.clearSearch()
		return m, nil
	}
	var cmd tea.Cmd
	m.search, cmd = m.search.Update(msg)
	if q := present.ParseQuery(m.search.Value()); !slices.Equal(q, m.filters.query) {
		m.filters.query = q
		m.pages[m.view] = m.page().newDay() // from the top
		m.rebuild()
	}
	return m, cmd
}

func (m *Model) clearSearch() {
	m.search.SetValue("")
	m.filters.query = nil
	m.rebuild()
}

// startSearch opens the search line (over the page, not the details).
func (m *Model) startSearch() tea.Cmd {
	m.focus = onSearch
	m.fit()
	return m.search.Focus()
}

// noteKey is a key typed into the note line: enter saves the note, esc
// leaves it as it was.
func (m Model) noteKey(msg tea.KeyMsg) (Model, tea.Cmd) {
	switch msg.Type {
	case tea.KeyEnter:
		m.focus = onDetails
		m.note.Blur()
		m.fit()
		return m, m.saveNote(m.note.Value())
	case tea.KeyEsc:
		m.focus = onDetails
		m.note.Blur()
		m.fit()
		m.status = "note not changed"
		return m, nil
	}
	var cmd tea.Cmd
	m.note, cmd = m.note.Update(msg)
	return m, cmd
}

// startNote opens the note line on the selected pick, with the details.
func (m *Model) startNote() tea.Cmd {
	var pk *schedule.Pick
	if s := m.selected(); s != nil {
		pk = m.marks.picks[s.ID]
	}
	if pk == nil {
		m.status = "pick the session first (space) to give it a note"
		return nil
	}
	if m.focus != onDetails {
		m.details = m.details.open()
	}
	m.focus = onNote
	m.fit()
	m.note.SetValue(pk.Note)
	m.note.CursorEnd()
	return m.note.Focus()
}
