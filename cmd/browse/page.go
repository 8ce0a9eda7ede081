package browse

import (
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/plan-cli/plan/schedule"
)

// page is one of the four views of a day: list, grid, tracks, now/next.
// A page holds only where it is (cursor, scroll); what it shows comes
// from env. Pages are values: every method returns the page changed.
type page interface {
	// sync fits the page to the day and the screen after either changed.
	sync(e *env) page
	// enter shows the page again, from its start, with s selected where
	// the page can show it (switching views keeps the selection).
	enter(s *schedule.Session, e *env) page
	// newDay starts the page over on another day (before a sync).
	newDay() page
	// toNow moves to what is on now (n), where the page can.
	toNow(e *env) page
	// key takes the page's own keys (moving about); false leaves the key
	// to the browser.
	key(msg tea.KeyMsg, e *env) (page, bool)
	selected(e *env) *schedule.Session
	// render is the page's lines, at most e.h, within e.w columns.
	render(e *env) []string
}

// env is what the pages draw from, for one message or one frame.
type env struct {
	*day
	*marks
	filters filters
	st      *styles
	keys    *keyMap
	now     time.Time
	w, h    int // the screen's width and the body's height
}

// isToday reports whether the day shown is the day of now.
func (e *env) isToday() bool { return schedule.DayOf(e.now) == e.date }

// step is how far a moving key moves in n lines shown h at a time.
func (e *env) step(msg tea.KeyMsg, n int) (int, bool) {
	k := e.keys
	switch {
	case key.Matches(msg, k.Up):
		return -1, true
	case key.Matches(msg, k.Down):
		return 1, true
	case key.Matches(msg, k.PageUp):
		return -e.h, true
	case key.Matches(msg, k.PageDown):
		return e.h, true
	case key.Matches(msg, k.Top):
		return -n - 1000, true
	case key.Matches(msg, k.Bottom):
		return n + 1000, true
	}
	return 0, false
}

// scroll is a cursor in a column of lines and the first line shown.
type scroll struct{ cursor, offset int }

// clamp keeps the cursor on one of n lines (0 when there are none).
func (s scroll) clamp(n int) scroll {
	s.cursor = max(min(s.cursor, n-1), 0)
	return s
}

// show scrolls so that the cursor is among the h lines shown.
func (s scroll) show(h int) scroll {
	s.offset = min(s.offset, s.cursor)
	if s.cursor >= s.offset+h {
		s.offset = s.cursor - h + 1
	}
	return s
}

// follow scrolls so that the cursor is among the h lines shown, and no
// further than the last screenful of n lines.
func (s scroll) follow(n, h int) scroll {
	s = s.show(h)
	s.offset = max(min(s.offset, n-h), 0)
	return s
}

// window is the range of lines shown of n.
func (s scroll) window(n, h int) (from, to int) { return s.offset, min(s.offset+h, n) }
