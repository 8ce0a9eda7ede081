package browse

import (
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/plan-cli/plan/export/present"
	"github.com/plan-cli/plan/schedule"
)

// The grid is Giggity's block view: a column per room, a row per quarter
// hour, each session a block that spans its rows with its title wrapped
// inside.

const gridStep = 15 * time.Minute

const gridLabelW = 6 // "10:00 "

func (m *Model) gridStart() time.Time {
	if len(m.shown) == 0 {
		return time.Time{}
	}
	return m.shown[0].Start.Truncate(time.Hour)
}

func (m *Model) gridRows() int {
	if len(m.shown) == 0 {
		return 0
	}
	end := m.shown[0].End
	for _, s := range m.shown {
		if s.End.After(end) {
			end = s.End
		}
	}
	return int((end.Sub(m.gridStart()) + gridStep - 1) / gridStep)
}

func (m *Model) rowOf(t time.Time) int { return int(t.Sub(m.gridStart()) / gridStep) }

// gridCols is how many room columns fit, and their width.
func (m *Model) gridCols() (n, w int) {
	n = max(1, (m.w-gridLabelW)/18)
	n = min(n, max(1, len(m.rooms)))
	return n, (m.w - gridLabelW) / n
}

// at is the session in room r that occupies grid row i.
func (m *Model) at(r, i int) *schedule.Session {
	if r < 0 || r >= len(m.rooms) {
		return nil
	}
	t0 := m.gridStart().Add(time.Duration(i) * gridStep)
	t1 := t0.Add(gridStep)
	for _, s := range m.shown {
		if s.Room == m.rooms[r] && s.Start.Before(t1) && s.End.After(t0) {
			return s
		}
		if s.Start.After(t1) {
			break
		}
	}
	return nil
}

func (m *Model) gridSelected() *schedule.Session { return m.at(m.gridRoom, m.gridRow) }

func (m *Model) gridSelect(s *schedule.Session) {
	if s == nil {
		return
	}
	for i, r := range m.rooms {
		if r == s.Room {
			m.gridRoom = i
		}
	}
	m.gridRow = m.rowOf(s.Start)
	m.clampGrid()
}

func (m *Model) gridToNow() {
	if m.view == ViewGrid {
		m.gridRow = m.rowOf(m.now())
		m.clampGrid()
	}
}

// gridMove moves to the next or previous block in the room.
func (m *Model) gridMove(d int) {
	if s := m.gridSelected(); s != nil && d > 0 {
		m.gridRow = m.rowOf(s.End.Add(-time.Nanosecond)) + 1
	} else {
		m.gridRow += d
	}
	if s := m.gridSelected(); s != nil && d < 0 {
		m.gridRow = max(m.rowOf(s.Start), 0)
	}
	m.clampGrid()
}

func (m *Model) clampGrid() {
	rows := m.gridRows()
	m.gridRow = min(max(m.gridRow, 0), max(rows-1, 0))
	m.gridRoom = min(max(m.gridRoom, 0), max(len(m.rooms)-1, 0))
	bh := m.bodyHeight() - 1 // the room names
	if m.gridRow < m.gridOff {
		m.gridOff = m.gridRow
	}
	if m.gridRow >= m.gridOff+bh {
		m.gridOff = m.gridRow - bh + 1
	}
	n, _ := m.gridCols()
	if m.gridRoom < m.gridRoomOff {
		m.gridRoomOff = m.gridRoom
	}
	if m.gridRoom >= m.gridRoomOff+n {
		m.gridRoomOff = m.gridRoom - n + 1
	}
}

func (m *Model) gridView(bh int) []string {
	if len(m.shown) == 0 {
		return []string{m.st.Dim.Render("No sessions on this day match.")}
	}
	n, cw := m.gridCols()
	var lines []string
	head := strings.Repeat(" ", gridLabelW)
	for c := m.gridRoomOff; c < min(m.gridRoomOff+n, len(m.rooms)); c++ {
		name := padTo(truncate(m.rooms[c], cw-1), cw)
		if c == m.gridRoom {
			head += m.st.Tab.Render(name)
		} else {
			head += m.st.Room.Render(name)
		}
	}
	lines = append(lines, head)
	now := m.now()
	nowRow := -1
	if now.Format(time.DateOnly) == m.curDay() {
		nowRow = m.rowOf(now)
	}
	sel := m.gridSelected()
	for i := m.gridOff; i < min(m.gridOff+bh-1, m.gridRows()); i++ {
		t := m.gridStart().Add(time.Duration(i) * gridStep)
		label := "      "
		if t.Minute() == 0 || i == m.gridOff {
			label = t.Format("15:04") + " "
		}
		if i == nowRow {
			label = m.st.NowLine.Render("now ▶ ")
		} else {
			label = m.st.Time.Render(label)
		}
		line := label
		for c := m.gridRoomOff; c < min(m.gridRoomOff+n, len(m.rooms)); c++ {
			s := m.at(c, i)
			if s == nil {
				fill := strings.Repeat(" ", cw)
				if i == nowRow {
					fill = m.st.NowLine.Render(strings.Repeat("┄", cw))
				}
				if c == m.gridRoom && i == m.gridRow {
					fill = m.st.Sel.Render(">" + strings.Repeat(" ", cw-1))
				}
				line += fill
				continue
			}
			k := i - max(m.rowOf(s.Start), 0)
			words := ansi.Wordwrap(s.Title, cw-3, "")
			parts := strings.Split(ansi.Hardwrap(words, cw-3, true), "\n")
			text := ""
			if k == 0 {
				text = s.Start.Format("15:04")
				if mk := present.Mark(m.picks[s.ID]); mk != "" {
					text = mk + " " + text
				}
				if len(m.clash[s.ID]) > 0 {
					text += " " + present.MarkClash
				}
			} else if k-1 < len(parts) {
				text = parts[k-1]
			}
			lead := "▌"
			if s == sel {
				lead = ">" // the selected cell reads without colour too
			}
			cell := lead + padTo(truncate(text, cw-2), cw-2) + " "
			switch {
			case s == sel:
				cell = m.st.Sel.Render(cell)
			case k == 0:
				cell = m.markStyle(m.picks[s.ID]).Render(cell)
			}
			line += cell
		}
		lines = append(lines, line)
	}
	return lines
}
