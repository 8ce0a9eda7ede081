package cmd

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/plan-cli/plan/cmd/internal/termtext"
	"github.com/plan-cli/plan/export/present"
	"github.com/plan-cli/plan/schedule"
)

// tableLayout is the width of each column of a session table on a
// terminal of a given width: a mark, the time, the title (what is left),
// room and track; the ids in a column at the right end when they are
// short (FOSDEM's numbers), else on a line of their own under each
// session (SCALE's slugs), so that their length never moves the rest.
type tableLayout struct {
	title, room, track, id int
	idLine                 bool
}

const (
	markW = 2
	timeW = 11 // 10:00–10:50
	gapW  = 2
)

func layoutTable(width int, sessions []*schedule.Session) tableLayout {
	var l tableLayout
	roomMax, trackMax := 0, 0
	for _, s := range sessions {
		l.id = max(l.id, ansi.StringWidth(s.ID))
		roomMax = max(roomMax, ansi.StringWidth(s.Room))
		trackMax = max(trackMax, ansi.StringWidth(s.Track))
	}
	flex := width - markW - timeW - gapW
	if l.id > width/6 {
		l.idLine = true
	} else {
		flex -= gapW + l.id
	}
	share := func(maxW, percent int) int {
		if maxW == 0 {
			return 0
		}
		return min(maxW, max(8, flex*percent/100))
	}
	l.room, l.track = share(roomMax, 24), share(trackMax, 20)
	gaps := func() int {
		g := 0
		if l.room > 0 {
			g += gapW
		}
		if l.track > 0 {
			g += gapW
		}
		return g
	}
	l.title = flex - l.room - l.track - gaps()
	if l.title < 24 && l.track > 0 {
		l.track = 0
		l.title = flex - l.room - gaps()
	}
	if l.title < 16 && l.room > 0 {
		l.room = 0
		l.title = flex
	}
	l.title = max(l.title, 1)
	return l
}

// terminalSessionTable prints sessions grouped by day, each line within
// the terminal's width: mark, time, title, room, track, id.
func (f *Factory) terminalSessionTable(sessions []*schedule.Session, picks map[string]*schedule.Pick) {
	out := f.IO.Out
	st := f.styles()
	width := max(f.IO.Width(), 40)
	l := layoutTable(width, sessions)
	day := ""
	for _, s := range sessions {
		f.dayHeading(&day, s)
		var b strings.Builder
		mark := "  "
		if pk := picks[s.ID]; pk != nil {
			m := present.Mark(pk) + " "
			switch {
			case pk.Gone:
				mark = st.Bad.Render(m)
			case pk.Status.SetAside():
				mark = st.Dim.Render(m)
			case pk.Status == schedule.Attended:
				mark = st.Good.Render(m)
			default:
				mark = priorityStyle(st, pk.Priority).Render(m)
			}
		}
		b.WriteString(mark)
		b.WriteString(st.Time.Render(termtext.Pad(present.TimeRange(s), timeW)))
		b.WriteString("  ")
		if s.Cancelled && l.title > len("CANCELLED ") {
			t := termtext.Pad("CANCELLED "+s.Title, l.title)
			b.WriteString(st.Bad.Render(t[:len("CANCELLED")]) + st.Dim.Render(t[len("CANCELLED"):]))
		} else {
			b.WriteString(st.Title.Render(termtext.Pad(s.Title, l.title)))
		}
		if l.room > 0 {
			b.WriteString("  " + st.Room.Render(termtext.Pad(s.Room, l.room)))
		}
		if l.track > 0 {
			b.WriteString("  " + st.Kind.Render(termtext.Pad(s.Track, l.track)))
		}
		if !l.idLine {
			b.WriteString("  " + st.Dim.Render(termtext.Truncate(s.ID, l.id)))
		}
		out.Write([]byte(strings.TrimRight(b.String(), " ") + "\n"))
		if l.idLine {
			indent := strings.Repeat(" ", markW+timeW+gapW)
			out.Write([]byte(indent + st.Dim.Render(termtext.Truncate(s.ID, width-len(indent))) + "\n"))
		}
	}
}
