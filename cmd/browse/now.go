package browse

import (
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/plan-cli/plan/cmd/internal/termtext"
	"github.com/plan-cli/plan/schedule"
)

// nowPage is what is on now and next in every room, by room name (as
// people look a room up). On another day than today it shows the day's
// first start.
type nowPage struct{ scroll }

type roomNow struct {
	room      string
	now, next *schedule.Session
}

// moment is the time the page is about: now when it falls on the day
// shown, else the day's first start (and false).
func (e *env) moment() (time.Time, bool) {
	if e.isToday() || len(e.shown) == 0 {
		return e.now, true
	}
	return e.shown[0].Start, false
}

// onNow is every room with a session on at the moment or later that day.
func (e *env) onNow() []roomNow {
	at, _ := e.moment()
	idx := map[string]*roomNow{}
	var all []*roomNow
	for _, s := range e.shown {
		if s.Cancelled {
			continue
		}
		r := idx[s.Room]
		if r == nil {
			r = &roomNow{room: s.Room}
			idx[s.Room] = r
			all = append(all, r)
		}
		if !s.Start.After(at) && at.Before(s.End) {
			r.now = s
		} else if s.Start.After(at) && (r.next == nil || s.Start.Before(r.next.Start)) {
			r.next = s
		}
	}
	var out []roomNow
	for _, r := range all {
		if r.now != nil || r.next != nil {
			out = append(out, *r)
		}
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && strings.ToLower(out[j].room) < strings.ToLower(out[j-1].room); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

func (p nowPage) sync(e *env) page {
	n := len(e.onNow())
	p.scroll = p.clamp(n).follow(n, e.h-1) // the title takes a line
	return p
}

func (p nowPage) enter(_ *schedule.Session, e *env) page { return nowPage{}.sync(e) }

func (p nowPage) newDay() page { return nowPage{} }

func (p nowPage) toNow(*env) page { return p }

func (p nowPage) key(msg tea.KeyMsg, e *env) (page, bool) {
	d, ok := e.step(msg, len(e.onNow()))
	if !ok {
		return p, false
	}
	p.cursor += d
	return p.sync(e), true
}

// selected is the session on now in the room under the cursor, else the
// next one.
func (p nowPage) selected(e *env) *schedule.Session {
	rs := e.onNow()
	if p.cursor >= len(rs) {
		return nil
	}
	if rs[p.cursor].now != nil {
		return rs[p.cursor].now
	}
	return rs[p.cursor].next
}

func (p nowPage) render(e *env) []string {
	at, real := e.moment()
	title := "On now and next at " + at.Format("15:04")
	if !real {
		title += " (the first start of this day; it is not " + dayName(e.date) + " now)"
	}
	out := []string{e.st.NowLine.Render(title)}
	rs := e.onNow()
	if len(rs) == 0 {
		return append(out, e.st.Dim.Render("Nothing on now or later this day."))
	}
	roomW := min(20, max(10, e.w/5))
	half := (e.w - roomW - 3) / 2
	from, to := p.window(len(rs), e.h-1)
	for i := from; i < to; i++ {
		r := rs[i]
		nowTxt := e.st.Dim.Render(termtext.Pad("  –", half))
		if r.now != nil {
			nowTxt = e.st.markStyle(e.picks[r.now.ID]).Render(termtext.Pad(e.mark(r.now)+" "+r.now.Title+" (till "+r.now.End.Format("15:04")+")", half))
		}
		nextTxt := ""
		if r.next != nil {
			nextTxt = termtext.Truncate(e.mark(r.next)+" "+r.next.Start.Format("15:04")+" "+r.next.Title, half)
		}
		room := e.st.Room.Render(termtext.Pad(r.room, roomW))
		if i == p.cursor {
			room = ">" + e.st.Sel.Render(termtext.Pad(r.room, roomW-1))
		}
		out = append(out, room+" "+nowTxt+" "+e.st.Dim.Render(nextTxt))
	}
	return out
}
