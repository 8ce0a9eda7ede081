package browse

import (
	"fmt"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/plan-cli/plan/cmd/internal/termtext"
	"github.com/plan-cli/plan/schedule"
)

// tracksPage is the day's tracks with their number of sessions; enter
// keeps the track under the cursor (the browser does it, see choose).
type tracksPage struct{ scroll }

func (p tracksPage) sync(e *env) page {
	p.scroll = p.clamp(len(e.tracks)).follow(len(e.tracks), e.h)
	return p
}

func (p tracksPage) enter(_ *schedule.Session, e *env) page { return tracksPage{}.sync(e) }

func (p tracksPage) newDay() page { return tracksPage{} }

func (p tracksPage) toNow(*env) page { return p }

func (p tracksPage) key(msg tea.KeyMsg, e *env) (page, bool) {
	d, ok := e.step(msg, len(e.tracks))
	if !ok {
		return p, false
	}
	p.cursor += d
	return p.sync(e), true
}

// selected is no session: a track is not one.
func (p tracksPage) selected(*env) *schedule.Session { return nil }

// track is the track under the cursor.
func (p tracksPage) track(e *env) (string, bool) {
	if p.cursor < len(e.tracks) {
		return e.tracks[p.cursor].name, true
	}
	return "", false
}

func (p tracksPage) render(e *env) []string {
	if len(e.tracks) == 0 {
		return []string{e.st.Dim.Render("No sessions on this day match.")}
	}
	var out []string
	from, to := p.window(len(e.tracks), e.h)
	for i := from; i < to; i++ {
		t := e.tracks[i]
		name := t.name
		if name == "" {
			name = "(no track)"
		}
		line := fmt.Sprintf("%4d  %s", t.n, termtext.Truncate(name, e.w-8))
		switch {
		case i == p.cursor:
			line = ">" + e.st.Sel.Render(termtext.Pad(line, e.w-1))
		case t.name == e.filters.track && t.name != "":
			line = "•" + line // the track kept
		default:
			line = " " + line
		}
		out = append(out, line)
	}
	return out
}
