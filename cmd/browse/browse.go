// Package browse is plan browse: the program in the terminal, as a
// Bubble Tea model. It is a thin view over the domain (schedule) and
// never touches the disk: the command hands it the plan, the program and
// a Save that applies edits under the store's lock, and every save runs
// as a command off the screen loop (save.go).
//
// The root model (this file) owns what the views share (the day under
// the filters, the plan's marks, the modes) and routes each message: a
// key goes to the note or search input when one is open, then to the
// details pane, then to the page shown (list, grid, tracks, now/next:
// one model each, page.go), and what none of them takes is the
// browser's own (actions.go).
package browse

import (
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/plan-cli/plan/schedule"
)

// Options are what the command gives the browser.
type Options struct {
	Name     string              // the conference
	Sessions []*schedule.Session // the program, in time order (schedule.Less)
	Plan     *schedule.Plan
	Now      func() time.Time
	// Save applies edits to the plan as it is on disk now (re-read under
	// the lock) and saves it; it returns the plan saved. It calls onWait
	// once if it has to wait for another plan command's lock. The
	// browser calls it from a tea.Cmd, never from Update.
	Save     func(apply func(*schedule.Plan) error, onWait func()) (*schedule.Plan, error)
	Renderer *lipgloss.Renderer // nil: lipgloss's default
}

// View is one of the browser's screens.
type View int

const (
	ViewList   View = iota // the day by time slot
	ViewGrid               // rooms × time
	ViewTracks             // the day's tracks
	ViewNow                // now and next in every room
)

var viewNames = []string{"list", "grid", "tracks", "now"}

// focus is what the keys go to: the page, the details pane over it, or
// an input line under it.
type focus int

const (
	onPage    focus = iota
	onDetails       // the selected session in full
	onSearch        // the page, with the search line
	onNote          // the details, with the note line
)

// Model is the browser. Like every part of it, it is a value: Update
// returns the next one and an older copy keeps its own state.
type Model struct {
	o     Options
	keys  *keyMap
	st    *styles
	help  help.Model
	w, h  int
	prog  program
	dayNo int // index in prog.days
	view  View
	pages [4]page // by View

	filters filters
	day     *day   // the shown day under the filters (never changed once built)
	marks   *marks // the plan as shown: saved, plus the edits being saved

	focus   focus
	details detailsPane
	search  textinput.Model
	note    textinput.Model

	saves  saver
	status string
	quit   bool // the screen is done (View draws nothing)
}

// New builds the browser on the first day of the program (the day of
// now, when the conference is on). Only that day's sessions are laid
// out; the other days are grouped, not sorted into rows.
func New(o Options) Model {
	if o.Now == nil {
		o.Now = time.Now
	}
	keys, st := newKeyMap(), newStyles(o.Renderer)
	m := Model{o: o, keys: &keys, st: &st, help: help.New(), prog: groupDays(o.Sessions)}
	m.help.Styles.ShortKey = st.Key
	m.help.Styles.FullKey = st.Key
	m.pages = [4]page{listPage{}, gridPage{}, tracksPage{}, nowPage{}}
	m.search = newInput("/", "words in title, speaker, track, room, abstract")
	m.note = newInput("note: ", "")
	plan := o.Plan
	if plan == nil {
		plan = &schedule.Plan{}
	}
	m.saves = saver{save: o.Save, disk: plan}
	m.marks = newMarks(plan)
	m.dayNo, _ = m.prog.dayOf(m.now())
	m.SetSize(80, 24)
	m.rebuild()
	return m
}

func (m *Model) now() time.Time {
	return m.o.Now().In(m.marks.plan.Location())
}

// SetSize sets the screen size (as a resize does).
func (m *Model) SetSize(w, h int) {
	m.w, m.h = max(w, 20), max(h, 6)
	m.help.Width = m.w
	m.search.Width = max(m.w-3, 1)
	m.note.Width = max(m.w-len(m.note.Prompt)-1, 1)
	m.fit()
}

// Init starts the clock that moves the "now" line.
func (m Model) Init() tea.Cmd { return tick() }

type tickMsg time.Time

func tick() tea.Cmd {
	return tea.Tick(30*time.Second, func(t time.Time) tea.Msg { return tickMsg(t) })
}

// Update handles a message.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.SetSize(msg.Width, msg.Height)
		return m, nil
	case tickMsg:
		if m.focus != onSearch && m.focus != onNote {
			m.rebuild()
		}
		return m, tick()
	case saveWaitMsg:
		m.saves.waited(msg)
		return m, nil
	case savedMsg:
		return m.saved(msg)
	case tea.KeyMsg:
		return m.key(msg)
	}
	return m, nil
}

// env is what the pages and the details pane draw from.
func (m *Model) env() *env {
	return &env{day: m.day, marks: m.marks, filters: m.filters, st: m.st, keys: m.keys, now: m.now(), w: m.w, h: m.bodyHeight()}
}

// bodyHeight is the lines between the header and the status line.
func (m *Model) bodyHeight() int {
	h := m.h - 3 // header, status, help
	if m.help.ShowAll {
		h -= len(m.keys.FullHelp()[0]) - 1
	}
	if m.focus == onSearch || m.focus == onNote {
		h--
	}
	return max(h, 1)
}

// page is the page shown.
func (m *Model) page() page { return m.pages[m.view] }

// fit fits the page shown to the day and the screen after either changed.
func (m *Model) fit() {
	if m.day != nil {
		m.pages[m.view] = m.page().sync(m.env())
	}
}

// rebuild lays out the shown day under the filters.
func (m *Model) rebuild() {
	m.day = m.prog.build(m.prog.date(m.dayNo), m.filters, m.marks, m.now())
	m.fit()
}

// selected is the session under the cursor, or nil.
func (m *Model) selected() *schedule.Session { return m.page().selected(m.env()) }

// setView shows page v, keeping the selected session selected where the
// page can.
func (m *Model) setView(v View) {
	if v == m.view {
		return
	}
	sel := m.selected()
	m.view = v
	m.focus = onPage
	m.pages[v] = m.pages[v].enter(sel, m.env())
}

// setDay shows day i (wrapping round), every page from its start.
func (m *Model) setDay(i int) {
	n := len(m.prog.days)
	if n == 0 {
		return
	}
	m.dayNo = (i + n) % n
	for v, p := range m.pages {
		m.pages[v] = p.newDay()
	}
	m.rebuild()
}
