package browse

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/plan-cli/plan/export/present"
	"github.com/plan-cli/plan/schedule"
)

// truncate cuts s to w columns, ending in "…" when cut.
func truncate(s string, w int) string {
	if w <= 0 {
		return ""
	}
	return ansi.Truncate(s, w, "…")
}

// padTo pads s with spaces to w columns.
func padTo(s string, w int) string {
	if n := ansi.StringWidth(s); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return s
}

func (m *Model) markStyle(pk *schedule.Pick) lipgloss.Style {
	switch {
	case pk == nil:
		return m.st.Title.UnsetBold()
	case pk.Gone:
		return m.st.Bad
	case pk.Status == schedule.Skipped:
		return m.st.Dim
	case pk.Status == schedule.Attended:
		return m.st.Good
	case pk.Priority == schedule.Must:
		return m.st.Must
	case pk.Priority == schedule.Maybe:
		return m.st.Maybe
	}
	return m.st.Want
}

// View draws the screen: every line within the width, exactly the
// height of the terminal.
func (m Model) View() string {
	if m.quitting {
		return ""
	}
	bh := m.bodyHeight()
	lines := []string{m.header()}
	var body []string
	switch {
	case m.detail:
		body = m.detailView(bh)
	case m.view == ViewGrid:
		body = m.gridView(bh)
	case m.view == ViewTracks:
		body = m.tracksView(bh)
	case m.view == ViewNow:
		body = m.nowView(bh)
	default:
		body = m.listView(bh)
	}
	for len(body) < bh {
		body = append(body, "")
	}
	lines = append(lines, body[:bh]...)
	if m.searching {
		m.search.Width = max(m.w-3, 1)
		lines = append(lines, m.search.View())
	}
	if m.noting {
		m.note.Width = max(m.w-len(m.note.Prompt)-1, 1)
		lines = append(lines, m.note.View())
	}
	lines = append(lines, m.statusLine())
	lines = append(lines, strings.Split(m.help.View(m.keys), "\n")...)
	for i, l := range lines {
		lines[i] = ansi.Truncate(l, m.w, "")
	}
	if len(lines) > m.h {
		lines = lines[:m.h]
	}
	return strings.Join(lines, "\n")
}

func (m *Model) header() string {
	day := "no day"
	if d := m.curDay(); d != "" {
		day = fmt.Sprintf("%s (%d/%d)", dayName(d), m.day+1, len(m.days))
	}
	parts := []string{m.st.Header.Render(m.o.Name), day}
	var tabs []string
	for i, n := range viewNames {
		label := fmt.Sprintf("%d %s", i+1, n)
		if View(i) == m.view {
			tabs = append(tabs, m.st.Tab.Render("["+label+"]"))
		} else {
			tabs = append(tabs, m.st.Dim.Render(label))
		}
	}
	parts = append(parts, strings.Join(tabs, " "))
	h := strings.Join(parts, " · ")
	var f []string
	if len(m.query) > 0 {
		f = append(f, "/"+strings.Join(m.query, " "))
	}
	if m.kind != "" {
		f = append(f, "kind "+string(m.kind))
	}
	if m.track != "" {
		f = append(f, "track "+orNone(m.track))
	}
	if m.room != "" {
		f = append(f, "room "+m.room)
	}
	if m.fits {
		f = append(f, "fits plan")
	}
	if m.picked {
		f = append(f, "picked")
	}
	if m.fromNow {
		f = append(f, "from now")
	}
	count := fmt.Sprintf("%d", len(m.shown))
	if len(f) > 0 {
		count += " match " + strings.Join(f, ", ")
		for _, d := range m.days {
			if n := m.other[d]; n > 0 {
				count += fmt.Sprintf("; %d on %s", n, dayName(d)[:3])
			}
		}
	}
	out := h + " · " + m.st.Dim.Render(count)
	if ansi.StringWidth(out) > m.w {
		out = strings.Join(parts[1:], " · ") + " · " + m.st.Dim.Render(count)
	}
	return out
}

func (m *Model) sessionLine(s *schedule.Session, selected bool) string {
	mark := orSpace(present.Mark(m.picks[s.ID]))
	cl := " "
	if len(m.clash[s.ID]) > 0 {
		cl = present.MarkClash
	}
	tw := m.w - 1 // the cursor's column
	roomW := min(18, max(8, tw/5))
	trackW := min(18, max(8, tw/6))
	if m.w < 70 {
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
	dur := padTo(fmt.Sprintf("%3dm", int(s.Duration().Minutes())), 5)
	title = padTo(truncate(title, titleW), titleW)
	room := padTo(truncate(s.Room, roomW), roomW)
	track := ""
	if trackW > 0 {
		track = "  " + padTo(truncate(s.Track, trackW), trackW)
	}
	if selected {
		return ">" + m.st.Sel.Render(padTo(mark+cl+" "+dur+title+"  "+room+track, tw))
	}
	return " " + m.markStyle(m.picks[s.ID]).Render(mark+cl) + " " + m.st.Dim.Render(dur) +
		m.st.Title.Render(title) + "  " + m.st.Room.Render(room) + m.st.Track.Render(track)
}

func (m *Model) listView(bh int) []string {
	if len(m.rows) == 0 {
		return []string{m.st.Dim.Render("No sessions on this day match. (x clears the filters, [ ] change the day)")}
	}
	var out []string
	for i := m.offset; i < min(m.offset+bh, len(m.rows)); i++ {
		r := m.rows[i]
		switch {
		case r.now:
			now := m.now().Format("15:04")
			out = append(out, m.st.NowLine.Render("── now "+now+" "+strings.Repeat("─", max(0, m.w-12))))
		case r.s == nil:
			out = append(out, m.st.Time.Render(r.heading))
		default:
			out = append(out, m.sessionLine(r.s, i == m.cursor))
		}
	}
	return out
}

func (m *Model) tracksView(bh int) []string {
	if len(m.tracks) == 0 {
		return []string{m.st.Dim.Render("No sessions on this day match.")}
	}
	out := []string{}
	for i := m.offset; i < min(m.offset+bh, len(m.tracks)); i++ {
		t := m.tracks[i]
		name := t.name
		if name == "" {
			name = "(no track)"
		}
		cur := " "
		if t.name == m.track && m.track != "" {
			cur = "•"
		}
		line := fmt.Sprintf("%s%4d  %s", cur, t.n, truncate(name, m.w-8))
		if i == m.cursor {
			line = ">" + m.st.Sel.Render(padTo(line[1:], m.w-1))
		}
		out = append(out, line)
	}
	return out
}

type roomNow struct {
	room      string
	now, next *schedule.Session
}

// nowMoment is the moment the now/next view is about: now when it falls
// on the day shown, else the day's first start.
func (m *Model) nowMoment() (time.Time, bool) {
	now := m.now()
	if now.Format(time.DateOnly) == m.curDay() || len(m.shown) == 0 {
		return now, true
	}
	return m.shown[0].Start, false
}

func (m *Model) nowRooms() []roomNow {
	at, _ := m.nowMoment()
	idx := map[string]*roomNow{}
	var out []*roomNow
	for _, s := range m.shown {
		if s.Cancelled {
			continue
		}
		r := idx[s.Room]
		if r == nil {
			r = &roomNow{room: s.Room}
			idx[s.Room] = r
			out = append(out, r)
		}
		if !s.Start.After(at) && at.Before(s.End) {
			r.now = s
		} else if s.Start.After(at) && (r.next == nil || s.Start.Before(r.next.Start)) {
			r.next = s
		}
	}
	var res []roomNow
	for _, r := range out {
		if r.now != nil || r.next != nil {
			res = append(res, *r)
		}
	}
	// By room name, as people look a room up.
	for i := 1; i < len(res); i++ {
		for j := i; j > 0 && strings.ToLower(res[j].room) < strings.ToLower(res[j-1].room); j-- {
			res[j], res[j-1] = res[j-1], res[j]
		}
	}
	return res
}

func (m *Model) nowView(bh int) []string {
	at, real := m.nowMoment()
	title := "On now and next at " + at.Format("15:04")
	if !real {
		title += " (the first start of this day; it is not " + dayName(m.curDay()) + " now)"
	}
	out := []string{m.st.NowLine.Render(title)}
	rs := m.nowRooms()
	if len(rs) == 0 {
		return append(out, m.st.Dim.Render("Nothing on now or later this day."))
	}
	roomW := min(20, max(10, m.w/5))
	half := (m.w - roomW - 3) / 2
	for i := m.offset; i < min(m.offset+bh-1, len(rs)); i++ {
		r := rs[i]
		nowTxt := m.st.Dim.Render(padTo("  –", half))
		if r.now != nil {
			nowTxt = m.markStyle(m.picks[r.now.ID]).Render(padTo(truncate(orSpace(present.Mark(m.picks[r.now.ID]))+" "+r.now.Title+" (till "+r.now.End.Format("15:04")+")", half), half))
		}
		nextTxt := ""
		if r.next != nil {
			nextTxt = truncate(orSpace(present.Mark(m.picks[r.next.ID]))+" "+r.next.Start.Format("15:04")+" "+r.next.Title, half)
		}
		line := m.st.Room.Render(padTo(truncate(r.room, roomW), roomW)) + " " + nowTxt + " " + m.st.Dim.Render(nextTxt)
		if i == m.cursor {
			line = ">" + m.st.Sel.Render(padTo(truncate(r.room, roomW-1), roomW-1)) + line[len(m.st.Room.Render(padTo(truncate(r.room, roomW), roomW))):]
		}
		out = append(out, line)
	}
	return out
}

func orSpace(s string) string {
	if s == "" {
		return " "
	}
	return s
}

// detailLines is the selected session in full, wrapped to the width.
func (m *Model) detailLines() []string {
	s := m.Selected()
	if s == nil {
		return nil
	}
	w := max(m.w-2, 10)
	wrap := func(s string) []string {
		return strings.Split(ansi.Hardwrap(ansi.Wordwrap(s, w, ""), w, true), "\n")
	}
	var out []string
	for _, l := range wrap(present.Title(s)) {
		out = append(out, m.st.Title.Render(l))
	}
	pk := m.picks[s.ID]
	fields := present.Fields(present.Item{Session: s, Pick: pk}, present.Details)
	if len(fields) > 0 && fields[0].Key == "subtitle" {
		out = append(out, wrap(fields[0].Value)...)
		fields = fields[1:]
	}
	out = append(out, "")
	clashes := m.clashLines(s, pk, wrap)
	for _, fl := range fields {
		if fl.Block {
			out = append(out, clashes...)
			clashes = nil
			out = append(out, "")
			for _, para := range strings.Split(fl.Value, "\n") {
				out = append(out, wrap(strings.TrimSpace(para))...)
			}
			continue
		}
		value := fl.Value
		if fl.Key == "picked" {
			value = present.Mark(pk) + " " + value
		}
		label := fmt.Sprintf("%-9s", fl.Label)
		for i, l := range wrap(label + value) {
			if i == 0 {
				l = m.st.Dim.Render(label) + strings.TrimPrefix(l, label)
			}
			out = append(out, l)
		}
		if fl.Key == "picked" {
			out = append(out, clashes...)
			clashes = nil
		}
	}
	return append(out, clashes...)
}

// clashLines say what the selected session clashes with: a pick's clashes,
// or the clash picking it would make.
func (m *Model) clashLines(s *schedule.Session, pk *schedule.Pick, wrap func(string) []string) []string {
	var out []string
	if pk != nil {
		for _, c := range m.clash[s.ID] {
			for _, l := range wrap(m.clashText(s.ID, c)) {
				out = append(out, m.st.Warn.Render(l))
			}
		}
	} else if wc := m.wouldClash(s); wc != "" {
		for _, l := range wrap(wc) {
			out = append(out, m.st.Warn.Render(l))
		}
	}
	return out
}

func (m *Model) detailView(bh int) []string {
	lines := m.detailLines()
	off := min(m.detailOff, max(0, len(lines)-bh))
	for i := range lines {
		lines[i] = " " + lines[i]
	}
	return lines[off:]
}

func (m *Model) statusLine() string {
	if m.status != "" {
		return m.st.Warn.Render(m.status)
	}
	s := m.Selected()
	if s == nil {
		return ""
	}
	if cs := m.clash[s.ID]; len(cs) > 0 {
		t := m.clashText(s.ID, cs[0])
		if len(cs) > 1 {
			t += fmt.Sprintf(" (+%d more)", len(cs)-1)
		}
		return m.st.Bad.Render(t)
	}
	if m.picks[s.ID] == nil {
		if wc := m.wouldClash(s); wc != "" {
			return m.st.Warn.Render(wc)
		}
	}
	return m.st.Dim.Render(dayName(s.Day()) + " " + present.TimeRange(s) + " · " + s.Room + " · " + s.ID)
}
