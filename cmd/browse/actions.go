package browse

import (
	"fmt"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/plan-cli/plan/schedule"
)

// key routes a key: Ctrl-C always quits; an open input line takes every
// other key; then the details pane, the page and the browser's own keys
// (actions) have it in turn.
func (m Model) key(msg tea.KeyMsg) (Model, tea.Cmd) {
	if msg.Type == tea.KeyCtrlC {
		return m, m.interrupt()
	}
	switch m.focus {
	case onNote:
		return m.noteKey(msg)
	case onSearch:
		return m.searchKey(msg)
	}
	if msg.Type == tea.KeyRunes && len(msg.Runes) > 1 && !msg.Paste {
		return m.typedAhead(msg)
	}
	m.status = ""
	if m.focus == onDetails {
		if cmd, ok := m.detailsKey(msg); ok {
			return m, cmd
		}
	}
	if p, ok := m.page().key(msg, m.env()); ok {
		m.pages[m.view] = p
		return m, nil
	}
	for _, a := range m.actions() {
		if key.Matches(msg, a.key) {
			return m, a.do(&m)
		}
	}
	return m, nil
}

// typedAhead takes keys typed faster than they are read, which come as
// one message ("/rust"), one at a time, so that "/" opens the search
// before the rest is typed into it.
func (m Model) typedAhead(msg tea.KeyMsg) (Model, tea.Cmd) {
	var cmds []tea.Cmd
	for _, r := range msg.Runes {
		var cmd tea.Cmd
		m, cmd = m.key(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
		cmds = append(cmds, cmd)
	}
	return m, tea.Batch(cmds...)
}

// detailsKey is a key for the details pane: esc or enter close it, e
// edits the note, and the moving keys scroll.
func (m *Model) detailsKey(msg tea.KeyMsg) (tea.Cmd, bool) {
	switch {
	case key.Matches(msg, m.keys.Back), key.Matches(msg, m.keys.Details):
		m.focus = onPage
		return nil, true
	case key.Matches(msg, m.keys.Note):
		return m.startNote(), true
	}
	var ok bool
	m.details, ok = m.details.key(msg, m.selected(), m.env())
	return nil, ok
}

// action is one of the browser's own keys and what it does.
type action struct {
	key key.Binding
	do  func(*Model) tea.Cmd
}

func (m *Model) actions() []action {
	k := m.keys
	view := func(v View) func(*Model) tea.Cmd {
		return func(m *Model) tea.Cmd { m.setView(v); return nil }
	}
	toggle := func(f func(*filters) *bool) func(*Model) tea.Cmd {
		return func(m *Model) tea.Cmd { b := f(&m.filters); *b = !*b; m.rebuild(); return nil }
	}
	return []action{
		{k.Quit, (*Model).quitWhenSaved},
		{k.Help, (*Model).toggleHelp},
		{k.Back, (*Model).dropSearch},
		{k.Search, (*Model).startSearch},
		{k.Left, (*Model).prevDay}, // the grid takes ← → first
		{k.Right, (*Model).nextDay},
		{k.PrevDay, (*Model).prevDay},
		{k.NextDay, (*Model).nextDay},
		{k.Now, (*Model).jumpNow},
		{k.List, view(ViewList)},
		{k.Grid, view(ViewGrid)},
		{k.Tracks, view(ViewTracks)},
		{k.OnNow, view(ViewNow)},
		{k.Details, (*Model).openDetails},
		{k.Pick, (*Model).togglePick},
		{k.Priority, (*Model).cyclePriority},
		{k.Note, (*Model).startNote},
		{k.Kind, (*Model).cycleKind},
		{k.Fits, toggle(func(f *filters) *bool { return &f.fits })},
		{k.Picked, toggle(func(f *filters) *bool { return &f.picked })},
		{k.FromNow, toggle(func(f *filters) *bool { return &f.fromNow })},
		{k.Track, (*Model).keepTrack},
		{k.Room, (*Model).keepRoom},
		{k.Clear, (*Model).clearFilters},
	}
}

func (m *Model) toggleHelp() tea.Cmd {
	m.help.ShowAll = !m.help.ShowAll
	m.fit()
	return nil
}

// dropSearch (esc on the page) drops the search.
func (m *Model) dropSearch() tea.Cmd {
	if m.filters.query != nil {
		m.clearSearch()
	}
	return nil
}

func (m *Model) prevDay() tea.Cmd { m.setDay(m.dayNo - 1); return nil }
func (m *Model) nextDay() tea.Cmd { m.setDay(m.dayNo + 1); return nil }

// jumpNow goes to the day of now and, on the list and the grid, to what
// is on.
func (m *Model) jumpNow() tea.Cmd {
	now := m.now()
	i, ok := m.prog.dayOf(now)
	if !ok {
		m.status = fmt.Sprintf("the conference is not on now (%s)", now.Format("Mon 2 Jan 15:04"))
		return nil
	}
	if i != m.dayNo {
		m.setDay(i)
	}
	m.pages[m.view] = m.page().toNow(m.env())
	m.status = "now: " + now.Format("Mon 15:04")
	return nil
}

// openDetails shows the selected session in full; on the tracks page it
// keeps the track under the cursor and lists it.
func (m *Model) openDetails() tea.Cmd {
	if t, ok := m.page().(tracksPage); ok {
		if name, ok := t.track(m.env()); ok {
			m.filters.track = name
			m.setView(ViewList)
			m.rebuild()
			m.status = "track: " + orNone(name) + " (x clears)"
		}
		return nil
	}
	if m.selected() != nil {
		m.focus = onDetails
		m.details = m.details.open()
	}
	return nil
}

var kindCycle = []schedule.Kind{"", schedule.KindTalk, schedule.KindWorkshop, schedule.KindKeynote, schedule.KindBoF, schedule.KindLightning, schedule.KindPanel, schedule.KindBooth, schedule.KindCareer, schedule.KindPerformance, schedule.KindSocial, schedule.KindOther}

func (m *Model) cycleKind() tea.Cmd {
	for i, k := range kindCycle {
		if k == m.filters.kind {
			m.filters.kind = kindCycle[(i+1)%len(kindCycle)]
			break
		}
	}
	m.status = "kind: " + orNone(string(m.filters.kind))
	m.rebuild()
	return nil
}

// keepTrack keeps the selected session's track, or lets it go.
func (m *Model) keepTrack() tea.Cmd {
	if s := m.selected(); s != nil && m.filters.track == "" {
		m.filters.track = s.Track
	} else {
		m.filters.track = ""
	}
	m.rebuild()
	return nil
}

// keepRoom keeps the selected session's room, or lets it go.
func (m *Model) keepRoom() tea.Cmd {
	if s := m.selected(); s != nil && m.filters.room == "" {
		m.filters.room = s.Room
	} else {
		m.filters.room = ""
	}
	m.rebuild()
	return nil
}

func (m *Model) clearFilters() tea.Cmd {
	m.filters = filters{}
	m.search.SetValue("")
	m.rebuild()
	return nil
}
