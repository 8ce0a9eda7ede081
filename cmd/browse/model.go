// Package browse is plan browse: the program in the terminal, as a
// Bubble Tea model. It is a thin view over the domain (schedule): it
// never touches the disk; the command hands it the plan, the program and
// a Save that applies an edit under the store's lock.
package browse

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/plan-cli/plan/export/present"
	"github.com/plan-cli/plan/schedule"
)

// Options are what the command gives the browser.
type Options struct {
	Name     string              // the conference
	Sessions []*schedule.Session // the program, in time order (schedule.Less)
	Plan     *schedule.Plan
	Now      func() time.Time
	// Save applies an edit to the plan as it is on disk now (re-read
	// under the lock) and saves it; it returns the plan saved.
	Save     func(apply func(*schedule.Plan) error) (*schedule.Plan, error)
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

// row is a line of the list view: a time-slot heading, the "now" line,
// or a session.
type row struct {
	heading string
	now     bool
	s       *schedule.Session
}

// Model is the browser's state.
type Model struct {
	o     Options
	keys  keyMap
	help  help.Model
	st    styles
	w, h  int
	plan  *schedule.Plan
	picks map[string]*schedule.Pick
	clash map[string][]schedule.Clash

	days  []string
	byDay map[string][]*schedule.Session
	day   int
	view  View

	search    textinput.Model
	searching bool
	query     present.Query
	kind      schedule.Kind
	track     string
	room      string
	fits      bool
	picked    bool
	fromNow   bool

	// The current day's sessions that pass the filters, and what the
	// views show of them; rebuilt when the day or a filter changes.
	shown  []*schedule.Session
	rows   []row
	tracks []trackCount
	rooms  []string
	other  map[string]int // matches of the search on the other days

	cursor, offset int // list, tracks, now views
	gridRoom       int // grid: the selected room, and the first shown
	gridRoomOff    int
	gridRow        int // grid: the selected time row, and the first shown
	gridOff        int

	detail    bool
	detailOff int
	noting    bool
	note      textinput.Model
	status    string
	quitting  bool
}

type trackCount struct {
	name string
	n    int
}

// New builds the browser on the first day of the program (the day of
// now, when the conference is on). Only that day's sessions are sorted
// into rows; the other days are grouped, not laid out.
func New(o Options) Model {
	if o.Now == nil {
		o.Now = time.Now
	}
	m := Model{o: o, keys: newKeyMap(), help: help.New(), w: 80, h: 24, byDay: map[string][]*schedule.Session{}}
	m.st = newStyles(o.Renderer)
	m.help.Styles.ShortKey = m.st.Key
	m.help.Styles.FullKey = m.st.Key
	for _, s := range o.Sessions {
		d := s.Day()
		if d == "" {
			continue
		}
		if _, ok := m.byDay[d]; !ok {
			m.days = append(m.days, d)
		}
		m.byDay[d] = append(m.byDay[d], s)
	}
	sort.Strings(m.days)
	m.search = textinput.New()
	m.search.Prompt = "/"
	m.search.Placeholder = "words in title, speaker, track, room, abstract"
	m.search.Cursor.SetMode(cursor.CursorStatic)
	m.note = textinput.New()
	m.note.Prompt = "note: "
	m.note.Cursor.SetMode(cursor.CursorStatic)
	m.setPlan(o.Plan)
	now := m.now()
	for i, d := range m.days {
		if d == now.Format(time.DateOnly) {
			m.day = i
		}
	}
	m.rebuild()
	return m
}

func (m *Model) now() time.Time {
	t := m.o.Now()
	if m.plan != nil {
		t = t.In(m.plan.Location())
	}
	return t
}

func (m *Model) setPlan(p *schedule.Plan) {
	if p == nil {
		p = &schedule.Plan{}
	}
	m.plan = p
	m.picks = map[string]*schedule.Pick{}
	for _, pk := range p.Picks {
		m.picks[pk.ID] = pk
	}
	m.clash = map[string][]schedule.Clash{}
	for _, c := range schedule.FindClashes(p.Picks, &p.Venue) {
		m.clash[c.A.ID] = append(m.clash[c.A.ID], c)
		m.clash[c.B.ID] = append(m.clash[c.B.ID], c)
	}
}

// SetSize sets the screen size (as a resize does).
func (m *Model) SetSize(w, h int) {
	m.w, m.h = max(w, 20), max(h, 6)
	m.help.Width = m.w
	m.clampCursor()
}

// Init starts the clock that moves the "now" line.
func (m Model) Init() tea.Cmd { return tick() }

type tickMsg time.Time

func tick() tea.Cmd {
	return tea.Tick(30*time.Second, func(t time.Time) tea.Msg { return tickMsg(t) })
}

// dayName is "Sat 31 Jan".
func dayName(d string) string {
	t, err := time.Parse(time.DateOnly, d)
	if err != nil {
		return d
	}
	return t.Format("Mon 2 Jan")
}

// curDay is the date shown, "" when the program has no scheduled session.
func (m *Model) curDay() string {
	if len(m.days) == 0 {
		return ""
	}
	return m.days[m.day]
}

// pass reports whether s passes every filter but the search and the day.
func (m *Model) pass(s *schedule.Session, fit *schedule.Fitter, now time.Time) bool {
	if m.kind != "" && s.Kind != m.kind {
		return false
	}
	if m.track != "" && s.Track != m.track {
		return false
	}
	if m.room != "" && s.Room != m.room {
		return false
	}
	if m.picked && m.picks[s.ID] == nil {
		return false
	}
	if m.fromNow && !s.End.After(now) {
		return false
	}
	if fit != nil && !fit.Fits(s) {
		return false
	}
	return true
}

// rebuild lays out the current day under the filters.
func (m *Model) rebuild() {
	var fit *schedule.Fitter
	if m.fits {
		fit = schedule.NewFitter(m.plan.Active(), &m.plan.Venue)
	}
	now := m.now()
	day := m.curDay()
	m.shown = nil // new slices: an older copy of the model keeps its own
	tc := map[string]int{}
	roomSet := map[string]bool{}
	for _, s := range m.byDay[day] {
		if !m.pass(s, fit, now) || !m.query.Match(s) {
			continue
		}
		m.shown = append(m.shown, s)
		tc[s.Track]++
		roomSet[s.Room] = true
	}
	m.other = nil
	if len(m.query) > 0 {
		m.other = map[string]int{}
		for _, d := range m.days {
			if d == day {
				continue
			}
			for _, s := range m.byDay[d] {
				if m.query.Match(s) && m.pass(s, fit, now) {
					m.other[d]++
				}
			}
		}
	}
	m.tracks = nil
	for name, n := range tc {
		m.tracks = append(m.tracks, trackCount{name, n})
	}
	sort.Slice(m.tracks, func(i, j int) bool { return strings.ToLower(m.tracks[i].name) < strings.ToLower(m.tracks[j].name) })
	m.rooms = nil
	for r := range roomSet {
		m.rooms = append(m.rooms, r)
	}
	sort.Slice(m.rooms, func(i, j int) bool { return strings.ToLower(m.rooms[i]) < strings.ToLower(m.rooms[j]) })

	m.rows = nil
	nowDay := now.Format(time.DateOnly) == day
	nowDone := !nowDay
	last := ""
	for _, s := range m.shown {
		if !nowDone && s.Start.After(now) {
			m.rows = append(m.rows, row{now: true})
			nowDone = true
		}
		if h := s.Start.Format("15:04"); h != last {
			m.rows = append(m.rows, row{heading: h})
			last = h
		}
		m.rows = append(m.rows, row{s: s})
	}
	if !nowDone && len(m.rows) > 0 {
		m.rows = append(m.rows, row{now: true})
	}
	m.clampCursor()
}

// rowCount is how many selectable lines the current view has.
func (m *Model) rowCount() int {
	switch m.view {
	case ViewTracks:
		return len(m.tracks)
	case ViewNow:
		return len(m.nowRooms())
	}
	return len(m.rows)
}

func (m *Model) bodyHeight() int {
	h := m.h - 3 // header, status, help
	if m.help.ShowAll {
		h -= len(m.keys.FullHelp()[0]) - 1
	}
	if m.searching || m.noting {
		h--
	}
	return max(h, 1)
}

func (m *Model) clampCursor() {
	n := m.rowCount()
	if m.cursor >= n {
		m.cursor = n - 1
	}
	if m.cursor < 0 {
		m.cursor = 0
	}
	if m.view == ViewList {
		// Headings and the now line are not selectable: move onto a session.
		for m.cursor < len(m.rows)-1 && m.rows[m.cursor].s == nil {
			m.cursor++
		}
		for m.cursor > 0 && m.rows[m.cursor].s == nil {
			m.cursor--
		}
	}
	bh := m.bodyHeight()
	if m.cursor < m.offset {
		m.offset = m.cursor
	}
	if m.cursor >= m.offset+bh {
		m.offset = m.cursor - bh + 1
	}
	if m.offset > max(0, n-bh) {
		m.offset = max(0, n-bh)
	}
	if m.view == ViewList && m.offset > 0 && m.cursor-1 >= 0 && m.cursor-1 == m.offset-1 && m.rows[m.cursor-1].s == nil {
		m.offset-- // keep a session's time heading in sight
	}
}

// Selected is the session under the cursor, or nil.
func (m *Model) Selected() *schedule.Session {
	switch m.view {
	case ViewList:
		if m.cursor < len(m.rows) {
			return m.rows[m.cursor].s
		}
	case ViewGrid:
		return m.gridSelected()
	case ViewNow:
		rs := m.nowRooms()
		if m.cursor < len(rs) {
			if rs[m.cursor].now != nil {
				return rs[m.cursor].now
			}
			return rs[m.cursor].next
		}
	}
	return nil
}

// move moves the cursor by d in the current view.
func (m *Model) move(d int) {
	if m.view == ViewGrid {
		if abs(d) == 1 {
			m.gridMove(d)
		} else {
			m.gridRow += d
			m.clampGrid()
		}
		return
	}
	if m.view == ViewList {
		// Step over headings in the direction of travel.
		c := m.cursor
		step := 1
		if d < 0 {
			step = -1
		}
		for n := abs(d); n > 0; n-- {
			c += step
			for c >= 0 && c < len(m.rows) && m.rows[c].s == nil {
				c += step
			}
		}
		if c < 0 || c >= len(m.rows) {
			if d > 0 {
				c = len(m.rows) - 1
			} else {
				c = 0
			}
		}
		m.cursor = c
		m.clampCursor()
		return
	}
	m.cursor += d
	m.clampCursor()
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

func (m *Model) setDay(i int) {
	if len(m.days) == 0 {
		return
	}
	m.day = (i + len(m.days)) % len(m.days)
	m.cursor, m.offset, m.gridRow, m.gridOff = 0, 0, 0, 0
	m.rebuild()
}

// jumpNow goes to the day of now and the first session not over.
func (m *Model) jumpNow() {
	now := m.now()
	d := now.Format(time.DateOnly)
	for i, day := range m.days {
		if day == d {
			if i != m.day {
				m.setDay(i)
			}
			for k, r := range m.rows {
				if r.s != nil && r.s.End.After(now) {
					m.cursor = k
					break
				}
			}
			m.clampCursor()
			m.gridToNow()
			m.status = "now: " + now.Format("Mon 15:04")
			return
		}
	}
	m.status = fmt.Sprintf("the conference is not on now (%s)", now.Format("Mon 2 Jan 15:04"))
}

// Update handles a message.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.SetSize(msg.Width, msg.Height)
		return m, nil
	case tickMsg:
		if !m.searching && !m.noting {
			m.rebuild()
		}
		return m, tick()
	case tea.KeyMsg:
		return m.key(msg)
	}
	return m, nil
}

func (m Model) key(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	k := m.keys
	if msg.Type == tea.KeyCtrlC {
		m.quitting = true
		return m, tea.Quit
	}
	if msg.Type == tea.KeyRunes && len(msg.Runes) > 1 && !msg.Paste && !m.searching && !m.noting {
		// Keys typed faster than they are read come as one message ("/rust"):
		// take them one at a time, so that "/" starts a search first.
		var cmds []tea.Cmd
		var mm tea.Model = m
		for _, r := range msg.Runes {
			var cmd tea.Cmd
			mm, cmd = mm.(Model).key(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
			cmds = append(cmds, cmd)
		}
		return mm, tea.Batch(cmds...)
	}
	if m.noting {
		switch msg.Type {
		case tea.KeyEnter:
			m.noting = false
			m.saveNote(m.note.Value())
			return m, nil
		case tea.KeyEsc:
			m.noting = false
			m.status = "note not changed"
			return m, nil
		}
		var cmd tea.Cmd
		m.note, cmd = m.note.Update(msg)
		return m, cmd
	}
	if m.searching {
		switch msg.Type {
		case tea.KeyEnter, tea.KeyDown, tea.KeyUp:
			m.searching = false
			m.search.Blur()
			if msg.Type != tea.KeyEnter {
				m.move(map[bool]int{true: 1, false: -1}[msg.Type == tea.KeyDown])
			}
			return m, nil
		case tea.KeyEsc:
			m.searching = false
			m.search.Blur()
			m.search.SetValue("")
			m.query = nil
			m.rebuild()
			return m, nil
		}
		var cmd tea.Cmd
		m.search, cmd = m.search.Update(msg)
		if q := present.ParseQuery(m.search.Value()); strings.Join(q, " ") != strings.Join(m.query, " ") {
			m.query = q
			m.cursor, m.offset = 0, 0
			m.rebuild()
		}
		return m, cmd
	}
	m.status = ""
	if m.detail {
		switch {
		case key.Matches(msg, k.Back), key.Matches(msg, k.Details):
			m.detail = false
			return m, nil
		case key.Matches(msg, k.Down):
			m.detailOff++
			return m, nil
		case key.Matches(msg, k.Up):
			m.detailOff = max(0, m.detailOff-1)
			return m, nil
		case key.Matches(msg, k.Note):
			if s := m.Selected(); s != nil {
				if m.picks[s.ID] == nil {
					m.status = "pick the session first (space) to give it a note"
					return m, nil
				}
				m.noting = true
				m.note.SetValue(m.picks[s.ID].Note)
				m.note.CursorEnd()
				return m, m.note.Focus()
			}
			return m, nil
		}
	}
	switch {
	case key.Matches(msg, k.Quit):
		m.quitting = true
		return m, tea.Quit
	case key.Matches(msg, k.Help):
		m.help.ShowAll = !m.help.ShowAll
		m.clampCursor()
	case key.Matches(msg, k.Back):
		if m.query != nil {
			m.search.SetValue("")
			m.query = nil
			m.rebuild()
		}
	case key.Matches(msg, k.Search):
		m.searching = true
		m.detail = false
		return m, m.search.Focus()
	case key.Matches(msg, k.Up):
		m.move(-1)
	case key.Matches(msg, k.Down):
		m.move(1)
	case key.Matches(msg, k.PageUp):
		m.move(-m.bodyHeight())
	case key.Matches(msg, k.PageDown):
		m.move(m.bodyHeight())
	case key.Matches(msg, k.Top):
		m.move(-m.rowCount() - 1000)
	case key.Matches(msg, k.Bottom):
		m.move(m.rowCount() + 1000)
	case key.Matches(msg, k.Left):
		if m.view == ViewGrid {
			m.gridRoom--
			m.clampGrid()
		} else {
			m.setDay(m.day - 1)
		}
	case key.Matches(msg, k.Right):
		if m.view == ViewGrid {
			m.gridRoom++
			m.clampGrid()
		} else {
			m.setDay(m.day + 1)
		}
	case key.Matches(msg, k.PrevDay):
		m.setDay(m.day - 1)
	case key.Matches(msg, k.NextDay):
		m.setDay(m.day + 1)
	case key.Matches(msg, k.Now):
		m.jumpNow()
	case key.Matches(msg, k.List):
		m.setView(ViewList)
	case key.Matches(msg, k.Grid):
		m.setView(ViewGrid)
	case key.Matches(msg, k.Tracks):
		m.setView(ViewTracks)
	case key.Matches(msg, k.OnNow):
		m.setView(ViewNow)
	case key.Matches(msg, k.Details):
		if m.view == ViewTracks {
			if m.cursor < len(m.tracks) {
				m.track = m.tracks[m.cursor].name
				m.setView(ViewList)
				m.rebuild()
				m.status = "track: " + orNone(m.track) + " (x clears)"
			}
			return m, nil
		}
		if m.Selected() != nil {
			m.detail, m.detailOff = true, 0
		}
	case key.Matches(msg, k.Pick):
		m.togglePick()
	case key.Matches(msg, k.Priority):
		m.cyclePriority()
	case key.Matches(msg, k.Note):
		if s := m.Selected(); s != nil && m.picks[s.ID] != nil {
			m.detail = true
			m.noting = true
			m.note.SetValue(m.picks[s.ID].Note)
			m.note.CursorEnd()
			return m, m.note.Focus()
		}
		m.status = "pick the session first (space) to give it a note"
	case key.Matches(msg, k.Kind):
		m.cycleKind()
	case key.Matches(msg, k.Fits):
		m.fits = !m.fits
		m.rebuild()
	case key.Matches(msg, k.Picked):
		m.picked = !m.picked
		m.rebuild()
	case key.Matches(msg, k.FromNow):
		m.fromNow = !m.fromNow
		m.rebuild()
	case key.Matches(msg, k.Track):
		if s := m.Selected(); s != nil && m.track == "" {
			m.track = s.Track
		} else {
			m.track = ""
		}
		m.rebuild()
	case key.Matches(msg, k.Room):
		if s := m.Selected(); s != nil && m.room == "" {
			m.room = s.Room
		} else {
			m.room = ""
		}
		m.rebuild()
	case key.Matches(msg, k.Clear):
		m.kind, m.track, m.room, m.fits, m.picked, m.fromNow = "", "", "", false, false, false
		m.search.SetValue("")
		m.query = nil
		m.rebuild()
	}
	return m, nil
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

func (m *Model) setView(v View) {
	if v == m.view {
		return
	}
	sel := m.Selected()
	m.view = v
	m.detail = false
	m.cursor, m.offset = 0, 0
	if v == ViewList && sel != nil {
		for i, r := range m.rows {
			if r.s == sel {
				m.cursor = i
			}
		}
	}
	if v == ViewGrid {
		m.gridSelect(sel)
	}
	m.clampCursor()
}

var kindCycle = []schedule.Kind{"", schedule.KindTalk, schedule.KindWorkshop, schedule.KindKeynote, schedule.KindBoF, schedule.KindLightning, schedule.KindPanel, schedule.KindBooth, schedule.KindCareer, schedule.KindSocial, schedule.KindOther}

func (m *Model) cycleKind() {
	for i, k := range kindCycle {
		if k == m.kind {
			m.kind = kindCycle[(i+1)%len(kindCycle)]
			break
		}
	}
	m.status = "kind: " + orNone(string(m.kind))
	m.rebuild()
}

// apply saves an edit through Options.Save and shows the plan it saved.
func (m *Model) apply(what string, edit func(*schedule.Plan) error) bool {
	if m.o.Save == nil {
		m.status = "cannot save: no plan"
		return false
	}
	p, err := m.o.Save(edit)
	if err != nil {
		m.status = "not saved: " + err.Error()
		return false
	}
	m.setPlan(p)
	m.status = what
	if m.fits || m.picked {
		sel := m.Selected()
		m.rebuild()
		m.reselect(sel)
	}
	return true
}

func (m *Model) reselect(s *schedule.Session) {
	if s == nil || m.view != ViewList {
		return
	}
	for i, r := range m.rows {
		if r.s == s {
			m.cursor = i
		}
	}
	m.clampCursor()
}

func (m *Model) togglePick() {
	s := m.Selected()
	if s == nil {
		return
	}
	id := s.ID
	if pk := m.picks[id]; pk != nil && pk.Status != schedule.Skipped {
		m.apply("unpicked "+quote(s.Title), func(p *schedule.Plan) error {
			_, err := p.Remove([]string{id})
			return err
		})
		return
	}
	snap := *s
	if m.apply("picked "+quote(s.Title), func(p *schedule.Plan) error {
		_, err := p.Add([]string{id}, map[string]*schedule.Session{id: &snap}, schedule.AddOptions{})
		return err
	}) {
		if cs := m.clash[id]; len(cs) > 0 {
			m.status = "picked; " + m.clashText(id, cs[0])
			if len(cs) > 1 {
				m.status += fmt.Sprintf(" (+%d more)", len(cs)-1)
			}
		}
	}
}

func (m *Model) cyclePriority() {
	s := m.Selected()
	if s == nil {
		return
	}
	pk := m.picks[s.ID]
	if pk == nil {
		m.status = "pick the session first (space)"
		return
	}
	next := map[schedule.Priority]schedule.Priority{schedule.Must: schedule.Want, schedule.Want: schedule.Maybe, schedule.Maybe: schedule.Must}[pk.Priority]
	if next == "" {
		next = schedule.Must
	}
	id := s.ID
	m.apply("priority "+string(next), func(p *schedule.Plan) error {
		_, err := p.Add([]string{id}, nil, schedule.AddOptions{Priority: next})
		return err
	})
}

func (m *Model) saveNote(text string) {
	s := m.Selected()
	if s == nil {
		return
	}
	id := s.ID
	m.apply("note saved", func(p *schedule.Plan) error {
		_, err := p.SetNote(id, text, false)
		return err
	})
}

func quote(s string) string { return "“" + s + "”" }

// clashText says what the pick id clashes with in c.
func (m *Model) clashText(id string, c schedule.Clash) string {
	other := c.B
	if other.ID == id {
		other = c.A
	}
	if c.Type == schedule.Overlap {
		return fmt.Sprintf("%s overlaps %s (%s, %s) by %d min", present.MarkGone, quote(other.Title), present.TimeRange(&other.Session), orNone(other.Room), c.Minutes)
	}
	return fmt.Sprintf("⚠ tight: %d min short of the walk to/from %s in %s", c.Minutes, quote(other.Title), orNone(other.Room))
}

// wouldClash says what an unpicked session would clash with.
func (m *Model) wouldClash(s *schedule.Session) string {
	var parts []string
	for _, pk := range m.plan.Active() {
		if pk.ID == s.ID {
			continue
		}
		if typ, min, ok := schedule.Conflict(s, &pk.Session, &m.plan.Venue); ok {
			if typ == schedule.Overlap {
				parts = append(parts, fmt.Sprintf("overlaps your %s by %d min", quote(pk.Title), min))
			} else {
				parts = append(parts, fmt.Sprintf("tight walk (%d min short) with your %s", min, quote(pk.Title)))
			}
		}
	}
	if len(parts) == 0 {
		return ""
	}
	out := "would clash: " + parts[0]
	if len(parts) > 1 {
		out += fmt.Sprintf(" (+%d more)", len(parts)-1)
	}
	return out
}
