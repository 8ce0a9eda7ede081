package browse

import "github.com/charmbracelet/lipgloss"

// styles of the browser, from one renderer: with NO_COLOR (an ASCII
// profile) every style renders plain text, and the marks carry the
// meaning.
type styles struct {
	Header, Dim, Time, Room, Track, Title, Sel, Key  lipgloss.Style
	Must, Want, Maybe, Bad, Warn, Good, NowLine, Tab lipgloss.Style
}

func newStyles(r *lipgloss.Renderer) styles {
	if r == nil {
		r = lipgloss.DefaultRenderer()
	}
	return styles{
		Header:  r.NewStyle().Bold(true).Foreground(lipgloss.Color("63")),
		Dim:     r.NewStyle().Foreground(lipgloss.Color("245")),
		Time:    r.NewStyle().Foreground(lipgloss.Color("39")),
		Room:    r.NewStyle().Foreground(lipgloss.Color("178")),
		Track:   r.NewStyle().Foreground(lipgloss.Color("141")),
		Title:   r.NewStyle().Bold(true),
		Sel:     r.NewStyle().Reverse(true),
		Key:     r.NewStyle().Foreground(lipgloss.Color("39")).Bold(true),
		Must:    r.NewStyle().Foreground(lipgloss.Color("196")),
		Want:    r.NewStyle().Foreground(lipgloss.Color("42")),
		Maybe:   r.NewStyle().Foreground(lipgloss.Color("245")),
		Bad:     r.NewStyle().Foreground(lipgloss.Color("196")).Bold(true),
		Warn:    r.NewStyle().Foreground(lipgloss.Color("214")).Bold(true),
		Good:    r.NewStyle().Foreground(lipgloss.Color("42")),
		NowLine: r.NewStyle().Foreground(lipgloss.Color("212")).Bold(true),
		Tab:     r.NewStyle().Bold(true).Underline(true),
	}
}
