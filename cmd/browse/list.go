package browse

import (
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/plan-cli/plan/cmd/internal/termtext"
	"github.com/plan-cli/plan/export/present"
	"github.com/plan-cli/plan/schedule"
)

// listPage is the day by time slot: a heading per start time, the "now"
// line on the day of now, and a line per session. Only sessions are
// selectable; the cursor steps over the rest.
type listPage struct {
	rows []row
	scroll
}

// row is a line of the list: a time-slot heading, the "now" line, or a
// session.
type row struct {
	heading string
	now     bool
	s       *schedule.Session
}

// layoutRows lays the day's sessions out in time slots, with the now
// line before the first session that has not started.
func layoutRows(e *env) []row {
	var rows []row
	nowDone := !e.isToday()
	last := ""
	for _, s := range e.shown {
		if !nowDone && s.Start.After(e.now) {
			rows = append(rows, row{now: true})
			nowDone = true
		}
		if h := s.Start.Format("15:04"); h != last {
			rows = append(rows, row{heading: h})
			last = h
		}
		rows = append(rows, row{s: s})
	}
	if !nowDone && len(rows) > 0 {
		rows = append(rows, row{now: true})
	}
	return rows
}

func (p listPage) sync(e *env) page {
	p.rows = layoutRows(e)
	return p.clamp(e)
}

// clamp puts the cursor on a session and scrolls it into sight, with its
// time heading when that fits.
func (p listPage) clamp(e *env) listPage {
	p.scroll = p.scroll.clamp(len(p.rows))
	for p.cursor < len(p.rows)-1 && p.rows[p.cursor].s == nil {
		p.cursor++
	}
	for p.cursor > 0 && p.rows[p.cursor].s == nil {
		p.cursor--
	}
	p.scroll = p.follow(len(p.rows), e.h)
	if p.offset > 0 && p.cursor == p.offset && p.rows[p.cursor-1].s == nil {
		p.offset--
	}
	return p
}

func (p listPage) enter(s *schedule.Session, e *env) page {
	p.scroll = scroll{}
	p.rows = layoutRows(e)
	return p.reselect(s, e)
}

// reselect puts the cursor on s when the list shows it.
func (p listPage) reselect(s *schedule.Session, e *env) listPage {
	if s != nil {
		for i, r := range p.rows {
			if r.s == s {
				p.cursor = i
			}
		}
	}
	return p.clamp(e)
}

func (p listPage) newDay() page { return listPage{} }

// toNow selects the first session of the day that is not over.
func (p listPage) toNow(e *env) page {
	for i, r := range p.rows {
		if r.s != nil && r.s.End.After(e.now) {
			p.cursor = i
			break
		}
	}
	return p.clamp(e)
}

func (p listPage) key(msg tea.KeyMsg, e *env) (page, bool) {
	d, ok := e.step(msg, len(p.rows))
	if !ok {
		return p, false
	}
	return p.move(d, e), true
}

// move moves the cursor by d sessions, stepping over headings, and stops
// at either end.
func (p listPage) move(d int, e *env) listPage {
	c, step := p.cursor, 1
	if d < 0 {
		step = -1
	}
	for n := d * step; n > 0; n-- {
		c += step
		for c >= 0 && c < len(p.rows) && p.rows[c].s == nil {
			c += step
		}
	}
	if c < 0 || c >= len(p.rows) {
		c = 0
		if d > 0 {
			c = len(p.rows) - 1
		}
	}
	p.cursor = c
	return p.clamp(e)
}

func (p listPage) selected(*env) *schedule.Session {
	if p.cursor < len(p.rows) {
		return p.rows[p.cursor].s
	}
	return nil
}

func (p listPage) render(e *env) []string {
	if len(p.rows) == 0 {
		return []string{e.st.Dim.Render("No sessions on this day match. (x clears the filters, [ ] change the day)")}
	}
	var out []string
	from, to := p.window(len(p.rows), e.h)
	for i := from; i < to; i++ {
		r := p.rows[i]
		switch {
		case r.now:
			out = append(out, e.st.NowLine.Render("── now "+e.now.Format("15:04")+" "+strings.Repeat("─", max(0, e.w-12))))
		case r.s == nil:
			out = append(out, e.st.Time.Render(r.heading))
		default:
			out = append(out, e.sessionLine(r.s, i == p.cursor))
		}
	}
	return out
}

// sessionLine is a session in the list: its marks, length, title, room
// and (from 70 columns) track, the columns fitted to the width.
func (e *env) sessionLine(s *schedule.Session, selected bool) string {
	cl := " "
	if len(e.clash[s.ID]) > 0 {
		cl = present.MarkClash
	}
	tw := e.w - 1 // the cursor's column
	roomW := min(18, max(8, tw/5))
	trackW := min(18, max(8, tw/6))
	if e.w < 70 {
		trackW = 0
	}
	titleW := tw - 3 - 5 - roomW - 2
	if trackW > 0 {
		titleW -= trackW + 2
	}
	title := s.Title
	if s.Cancelled {
		title = "CANCELLED " + title
	}
	mark := e.mark(s) + cl
	dur := termtext.Pad(fmt.Sprintf("%3dm", int(s.Duration().Minutes())), 5)
	title = termtext.Pad(title, titleW)
	room := termtext.Pad(s.Room, roomW)
	track := ""
	if trackW > 0 {
		track = "  " + termtext.Pad(s.Track, trackW)
	}
	if selected {
		return ">" + e.st.Sel.Render(termtext.Pad(mark+" "+dur+title+"  "+room+track, tw))
	}
	return " " + e.st.markStyle(e.picks[s.ID]).Render(mark) + " " + e.st.Dim.Render(dur) +
		e.st.Title.Render(title) + "  " + e.st.Room.Render(room) + e.st.Track.Render(track)
}
