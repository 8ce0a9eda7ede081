package browse

import (
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/plan-cli/plan/cmd/internal/termtext"
	"github.com/plan-cli/plan/export/present"
	"github.com/plan-cli/plan/schedule"
)

// gridPage is Giggity's block view: a column per room, a row per quarter
// hour, each session a block that spans its rows with its title wrapped
// inside. The selection is a cell (room, row); the room names take the
// first line.
type gridPage struct {
	room, roomOff int // the selected room, and the first shown
	row, rowOff   int // the selected quarter hour, and the first shown
}

const gridStep = 15 * time.Minute

const gridLabelW = 6 // "10:00 "

// grid is the day's geometry: where the rows start, how many there are,
// and the room columns that fit the width.
type grid struct {
	*env
	start      time.Time
	rows       int
	cols, colW int
}

func (e *env) grid() grid {
	g := grid{env: e}
	if len(e.shown) == 0 {
		return g
	}
	g.start = e.shown[0].Start.Truncate(time.Hour)
	end := e.shown[0].End
	for _, s := range e.shown {
		if s.End.After(end) {
			end = s.End
		}
	}
	g.rows = int((end.Sub(g.start) + gridStep - 1) / gridStep)
	g.cols = min(max(1, (e.w-gridLabelW)/18), max(1, len(e.rooms)))
	g.colW = (e.w - gridLabelW) / g.cols
	return g
}

func (g grid) rowOf(t time.Time) int { return int(t.Sub(g.start) / gridStep) }

// at is the session in room r that occupies row i.
func (g grid) at(r, i int) *schedule.Session {
	if r < 0 || r >= len(g.rooms) {
		return nil
	}
	t0 := g.start.Add(time.Duration(i) * gridStep)
	t1 := t0.Add(gridStep)
	for _, s := range g.shown {
		if s.Room == g.rooms[r] && s.Start.Before(t1) && s.End.After(t0) {
			return s
		}
		if s.Start.After(t1) {
			break
		}
	}
	return nil
}

func (p gridPage) sync(e *env) page { return p.clamp(e.grid()) }

// clamp keeps the selected cell in the grid and in sight.
func (p gridPage) clamp(g grid) gridPage {
	p.row = min(max(p.row, 0), max(g.rows-1, 0))
	p.room = min(max(p.room, 0), max(len(g.rooms)-1, 0))
	p.rowOff = scroll{p.row, p.rowOff}.show(g.h - 1).offset // the room names take a line
	p.roomOff = scroll{p.room, p.roomOff}.show(g.cols).offset
	return p
}

// enter selects the cell of s (or keeps the last cell).
func (p gridPage) enter(s *schedule.Session, e *env) page {
	g := e.grid()
	if s != nil {
		for i, r := range g.rooms {
			if r == s.Room {
				p.room = i
			}
		}
		p.row = g.rowOf(s.Start)
	}
	return p.clamp(g)
}

func (p gridPage) newDay() page {
	p.row, p.rowOff = 0, 0
	return p
}

func (p gridPage) toNow(e *env) page {
	g := e.grid()
	p.row = g.rowOf(e.now)
	return p.clamp(g)
}

func (p gridPage) key(msg tea.KeyMsg, e *env) (page, bool) {
	g := e.grid()
	switch {
	case key.Matches(msg, e.keys.Left):
		p.room--
	case key.Matches(msg, e.keys.Right):
		p.room++
	default:
		d, ok := e.step(msg, g.rows)
		if !ok {
			return p, false
		}
		if d == 1 || d == -1 {
			return p.move(d, g), true
		}
		p.row += d
	}
	return p.clamp(g), true
}

// move moves to the next or previous block in the room.
func (p gridPage) move(d int, g grid) gridPage {
	if s := g.at(p.room, p.row); s != nil && d > 0 {
		p.row = g.rowOf(s.End.Add(-time.Nanosecond)) + 1
	} else {
		p.row += d
	}
	if s := g.at(p.room, p.row); s != nil && d < 0 {
		p.row = max(g.rowOf(s.Start), 0)
	}
	return p.clamp(g)
}

func (p gridPage) selected(e *env) *schedule.Session { return e.grid().at(p.room, p.row) }

func (p gridPage) render(e *env) []string {
	if len(e.shown) == 0 {
		return []string{e.st.Dim.Render("No sessions on this day match.")}
	}
	g := e.grid()
	rooms := min(p.roomOff+g.cols, len(g.rooms))
	head := strings.Repeat(" ", gridLabelW)
	for c := p.roomOff; c < rooms; c++ {
		name := termtext.Pad(termtext.Truncate(g.rooms[c], g.colW-1), g.colW)
		if c == p.room {
			head += e.st.Tab.Render(name)
		} else {
			head += e.st.Room.Render(name)
		}
	}
	lines := []string{head}
	nowRow := -1
	if e.isToday() {
		nowRow = g.rowOf(e.now)
	}
	sel := g.at(p.room, p.row)
	for i := p.rowOff; i < min(p.rowOff+e.h-1, g.rows); i++ {
		line := p.label(g, i, nowRow)
		for c := p.roomOff; c < rooms; c++ {
			line += p.cell(g, c, i, nowRow, sel)
		}
		lines = append(lines, line)
	}
	return lines
}

// label is the time at the left of row i: on the hour and on the first
// row shown, or "now ▶".
func (p gridPage) label(g grid, i, nowRow int) string {
	if i == nowRow {
		return g.st.NowLine.Render("now ▶ ")
	}
	label := "      "
	if t := g.start.Add(time.Duration(i) * gridStep); t.Minute() == 0 || i == p.rowOff {
		label = t.Format("15:04") + " "
	}
	return g.st.Time.Render(label)
}

// cell is room c in row i: empty, the start of a block (its time and
// marks), or a line of its title.
func (p gridPage) cell(g grid, c, i, nowRow int, sel *schedule.Session) string {
	cw := g.colW
	s := g.at(c, i)
	if s == nil {
		switch {
		case c == p.room && i == p.row:
			return g.st.Sel.Render(">" + strings.Repeat(" ", cw-1))
		case i == nowRow:
			return g.st.NowLine.Render(strings.Repeat("┄", cw))
		}
		return strings.Repeat(" ", cw)
	}
	k := i - max(g.rowOf(s.Start), 0)
	text := ""
	if k == 0 {
		text = s.Start.Format("15:04")
		if mk := present.Mark(g.picks[s.ID]); mk != "" {
			text = mk + " " + text
		}
		if len(g.clash[s.ID]) > 0 {
			text += " " + present.MarkClash
		}
	} else if parts := strings.Split(ansi.Hardwrap(ansi.Wordwrap(s.Title, cw-3, ""), cw-3, true), "\n"); k-1 < len(parts) {
		text = parts[k-1]
	}
	lead := "▌"
	if s == sel {
		lead = ">" // the selected cell reads without colour too
	}
	cell := lead + termtext.Pad(text, cw-2) + " "
	switch {
	case s == sel:
		return g.st.Sel.Render(cell)
	case k == 0:
		return g.st.markStyle(g.picks[s.ID]).Render(cell)
	}
	return cell
}
