package browse

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/plan-cli/plan/export/present"
	"github.com/plan-cli/plan/schedule"
)

// detailsPane is the selected session in full, over the page: its
// fields in present's order, wrapped to the width, and its clashes. The
// viewport keeps the scroll; the lines are drawn as they are (the
// viewport's own View pads every line to the width).
type detailsPane struct{ vp viewport.Model }

// fit is the viewport over the session's lines, on a screen env.
func (d detailsPane) fit(lines []string, e *env) viewport.Model {
	vp := d.vp
	vp.Width, vp.Height = e.w, e.h
	vp.SetContent(strings.Join(lines, "\n"))
	vp.SetYOffset(vp.YOffset)
	return vp
}

// open starts the pane at the top.
func (d detailsPane) open() detailsPane {
	d.vp.SetYOffset(0)
	return d
}

// key scrolls: up and down a line, a page, to either end.
func (d detailsPane) key(msg tea.KeyMsg, s *schedule.Session, e *env) (detailsPane, bool) {
	vp := d.fit(detailLines(s, e), e)
	k := e.keys
	switch {
	case key.Matches(msg, k.Down):
		vp.ScrollDown(1)
	case key.Matches(msg, k.Up):
		vp.ScrollUp(1)
	case key.Matches(msg, k.PageDown):
		vp.PageDown()
	case key.Matches(msg, k.PageUp):
		vp.PageUp()
	case key.Matches(msg, k.Top):
		vp.GotoTop()
	case key.Matches(msg, k.Bottom):
		vp.GotoBottom()
	default:
		return d, false
	}
	d.vp = vp
	return d, true
}

func (d detailsPane) render(s *schedule.Session, e *env) []string {
	lines := detailLines(s, e)
	vp := d.fit(lines, e)
	for i := range lines {
		lines[i] = " " + lines[i]
	}
	return lines[min(vp.YOffset, len(lines)):]
}

// detailLines is s in full, wrapped to the width.
func detailLines(s *schedule.Session, e *env) []string {
	if s == nil {
		return nil
	}
	w := max(e.w-2, 10)
	wrap := func(s string) []string {
		return strings.Split(ansi.Hardwrap(ansi.Wordwrap(s, w, ""), w, true), "\n")
	}
	var out []string
	for _, l := range wrap(present.Title(s)) {
		out = append(out, e.st.Title.Render(l))
	}
	pk := e.picks[s.ID]
	fields := present.Fields(present.Item{Session: s, Pick: pk}, present.Details)
	if len(fields) > 0 && fields[0].Key == "subtitle" {
		out = append(out, wrap(fields[0].Value)...)
		fields = fields[1:]
	}
	out = append(out, "")
	clashes := clashLines(s, pk, e, wrap)
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
				l = e.st.Dim.Render(label) + strings.TrimPrefix(l, label)
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

// clashLines say what s clashes with: a pick's clashes, or the clash
// picking it would make.
func clashLines(s *schedule.Session, pk *schedule.Pick, e *env, wrap func(string) []string) []string {
	var text []string
	if pk != nil {
		for _, c := range e.clash[s.ID] {
			text = append(text, e.clashText(s.ID, c))
		}
	} else if wc := e.wouldClash(s); wc != "" {
		text = append(text, wc)
	}
	var out []string
	for _, t := range text {
		for _, l := range wrap(t) {
			out = append(out, e.st.Warn.Render(l))
		}
	}
	return out
}
