package browse

import (
	"slices"
	"sync"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/plan-cli/plan/schedule"
)

// Saving. An edit (pick, unpick, priority, note) shows at once: it is
// applied to a copy of the plan on screen. It is saved by a tea.Cmd,
// which runs Options.Save off the screen loop and reports back with a
// savedMsg; while the save waits for another plan command's lock, the
// status line says so and the screen keeps answering keys. One save is
// in flight at a time: edits made meanwhile queue and go in the next
// save, in the order made, so none is lost.

// edit is one change to the plan, as made on screen.
type edit struct {
	id    string // the session edited
	done  string // what the status line says once it is saved
	pick  bool   // a new pick: the status line also says what it clashes with
	apply func(*schedule.Plan) error
}

// saver is the browser's side of saving.
type saver struct {
	save    func(apply func(*schedule.Plan) error, onWait func()) (*schedule.Plan, error)
	disk    *schedule.Plan // the plan as last read from or written to disk
	queue   []edit         // edits not on disk yet, oldest first
	busy    int            // how many of queue the save in flight holds (0: none in flight)
	seq     int            // the number of the last save started
	waiting bool           // the save in flight waits for another plan command
	quit    bool           // quit once everything is saved
}

// saveWaitMsg says save seq is waiting for another plan command's lock.
type saveWaitMsg struct{ seq int }

// savedMsg is the end of save seq: the plan saved, or why not.
type savedMsg struct {
	seq    int
	plan   *schedule.Plan
	err    error   // nothing was saved
	failed []error // edits the plan on disk refused (the rest are saved)
}

// pending reports whether edits are waiting to be saved or being saved.
func (s *saver) pending() bool { return len(s.queue) > 0 }

// state is the status line while edits are not on disk yet.
func (s *saver) state() string {
	if !s.pending() {
		return ""
	}
	out := "saving…"
	if s.waiting {
		out = "waiting for another plan command…"
	}
	if s.quit {
		out += " (quits when saved; Ctrl-C quits now)"
	}
	return out
}

func (s *saver) waited(msg saveWaitMsg) {
	if s.busy > 0 && msg.seq == s.seq {
		s.waiting = true
	}
}

// next starts saving the queue when no save is in flight.
func (s *saver) next() tea.Cmd {
	if s.busy > 0 || len(s.queue) == 0 {
		return nil
	}
	batch := append([]edit(nil), s.queue...)
	s.busy, s.waiting = len(batch), false
	s.seq++
	return saveCmd(s.save, s.seq, batch)
}

// saveCmd saves batch: one command does the disk work and ends with a
// savedMsg; the other reports a wait for the lock, if there is one.
func saveCmd(save func(func(*schedule.Plan) error, func()) (*schedule.Plan, error), seq int, batch []edit) tea.Cmd {
	waited, done := make(chan struct{}), make(chan struct{})
	var once sync.Once
	run := func() tea.Msg {
		defer close(done)
		var failed []error
		p, err := save(func(p *schedule.Plan) error {
			failed = applyAll(p, batch)
			return nil
		}, func() { once.Do(func() { close(waited) }) })
		return savedMsg{seq: seq, plan: p, err: err, failed: failed}
	}
	tell := func() tea.Msg {
		select {
		case <-waited:
			return saveWaitMsg{seq}
		case <-done:
			return nil
		}
	}
	return tea.Batch(run, tell)
}

// applyAll applies the edits in order, each whole or not at all, and
// returns the errors of those that could not be.
func applyAll(p *schedule.Plan, edits []edit) []error {
	var failed []error
	for _, e := range edits {
		if err := e.apply(p); err != nil {
			failed = append(failed, err)
		}
	}
	return failed
}

// clonePlan copies p deep enough for the edits the browser makes (they
// change the list of picks and the picks' own fields).
func clonePlan(p *schedule.Plan) *schedule.Plan {
	c := *p
	c.Picks = make([]*schedule.Pick, len(p.Picks))
	for i, pk := range p.Picks {
		cp := *pk
		c.Picks[i] = &cp
	}
	return &c
}

// change makes an edit: it shows at once and is saved in the background.
func (m *Model) change(e edit) tea.Cmd {
	if m.saves.save == nil {
		m.status = "cannot save: no plan"
		return nil
	}
	p := clonePlan(m.marks.plan)
	if err := e.apply(p); err != nil {
		m.status = "not saved: " + err.Error()
		return nil
	}
	m.saves.queue = append(slices.Clip(m.saves.queue), e)
	m.show(p)
	return m.saves.next()
}

// saved takes the end of a save: the plan on disk, with the edits still
// queued on top, is what the screen shows now.
func (m Model) saved(msg savedMsg) (Model, tea.Cmd) {
	s := &m.saves
	if msg.seq != s.seq || s.busy == 0 {
		return m, nil
	}
	last := s.queue[s.busy-1]
	s.queue = slices.Clone(s.queue[s.busy:])
	s.busy, s.waiting = 0, false
	if msg.err == nil {
		s.disk = msg.plan
	}
	p := clonePlan(s.disk)
	applyAll(p, s.queue) // what the next save will make of it
	m.show(p)
	ok := msg.err == nil && len(msg.failed) == 0
	switch {
	case msg.err != nil:
		m.status = "not saved: " + msg.err.Error()
	case !ok:
		m.status = "not saved: " + msg.failed[0].Error()
	default:
		m.status = m.doneText(last)
	}
	if cmd := s.next(); cmd != nil {
		return m, cmd
	}
	if s.quit && ok {
		m.quit = true
		return m, tea.Quit
	}
	s.quit = false // a failed save stays on screen, to be read
	return m, nil
}

// doneText is the status line of a saved edit: a new pick also says what
// it clashes with.
func (m *Model) doneText(e edit) string {
	if c := m.marks.clashLine(e.id); e.pick && c != "" {
		return "picked; " + c
	}
	return e.done
}

// show shows plan p; under F or P the day is laid out again, keeping the
// selected session where the list still has it.
func (m *Model) show(p *schedule.Plan) {
	m.marks = newMarks(p)
	if !m.filters.fits && !m.filters.picked {
		return
	}
	sel := m.selected()
	m.rebuild()
	if l, ok := m.page().(listPage); ok {
		m.pages[ViewList] = l.reselect(sel, m.env())
	}
}

// quitWhenSaved is q: quit, once every edit is on disk.
func (m *Model) quitWhenSaved() tea.Cmd {
	if m.saves.pending() {
		m.saves.quit = true
		return nil
	}
	m.quit = true
	return tea.Quit
}

// interrupt is Ctrl-C: like q, but a second one quits without waiting
// for a save.
func (m *Model) interrupt() tea.Cmd {
	if m.saves.pending() && !m.saves.quit {
		m.saves.quit = true
		return nil
	}
	m.quit = true
	return tea.Quit
}

func (m *Model) togglePick() tea.Cmd {
	s := m.selected()
	if s == nil {
		return nil
	}
	id := s.ID
	if pk := m.marks.picks[id]; pk != nil && !pk.Status.SetAside() {
		return m.change(edit{id: id, done: "unpicked " + quote(s.Title), apply: func(p *schedule.Plan) error {
			_, err := p.Remove([]string{id})
			return err
		}})
	}
	snap := *s
	return m.change(edit{id: id, done: "picked " + quote(s.Title), pick: true, apply: func(p *schedule.Plan) error {
		_, err := p.Add([]string{id}, map[string]*schedule.Session{id: &snap}, schedule.AddOptions{})
		return err
	}})
}

var nextPriority = map[schedule.Priority]schedule.Priority{schedule.Must: schedule.Want, schedule.Want: schedule.Maybe, schedule.Maybe: schedule.Must}

func (m *Model) cyclePriority() tea.Cmd {
	s := m.selected()
	if s == nil {
		return nil
	}
	pk := m.marks.picks[s.ID]
	if pk == nil {
		m.status = "pick the session first (space)"
		return nil
	}
	next := nextPriority[pk.Priority]
	if next == "" {
		next = schedule.Must
	}
	id := s.ID
	return m.change(edit{id: id, done: "priority " + string(next), apply: func(p *schedule.Plan) error {
		_, err := p.Add([]string{id}, nil, schedule.AddOptions{Priority: next})
		return err
	}})
}

func (m *Model) saveNote(text string) tea.Cmd {
	s := m.selected()
	if s == nil {
		return nil
	}
	id := s.ID
	return m.change(edit{id: id, done: "note saved", apply: func(p *schedule.Plan) error {
		_, err := p.SetNote(id, text, false)
		return err
	}})
}
