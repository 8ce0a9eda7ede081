package cmd

import (
	"github.com/charmbracelet/lipgloss"
)

// styles are built once per output stream: colour only on a terminal and
// without NO_COLOR; in a pipe every style renders plain text.
type styles struct {
	r                                       *lipgloss.Renderer
	Title, Heading, Dim, Time, Room, Kind   lipgloss.Style
	Warn, Bad, Good, Must, Want, Maybe, Box lipgloss.Style
	Card, Big                               lipgloss.Style
}

func newStyles(ios *IOStreams) *styles {
	r := lipgloss.NewRenderer(ios.Out)
	r.SetColorProfile(ios.profile)
	s := &styles{r: r}
	s.Title = r.NewStyle().Bold(true)
	s.Heading = r.NewStyle().Bold(true).Foreground(lipgloss.Color("63"))
	s.Dim = r.NewStyle().Foreground(lipgloss.Color("245"))
	s.Time = r.NewStyle().Foreground(lipgloss.Color("39"))
	s.Room = r.NewStyle().Foreground(lipgloss.Color("178"))
	s.Kind = r.NewStyle().Foreground(lipgloss.Color("141"))
	s.Warn = r.NewStyle().Foreground(lipgloss.Color("214")).Bold(true)
	s.Bad = r.NewStyle().Foreground(lipgloss.Color("196")).Bold(true)
	s.Good = r.NewStyle().Foreground(lipgloss.Color("42"))
	s.Must = r.NewStyle().Foreground(lipgloss.Color("196"))
	s.Want = r.NewStyle().Foreground(lipgloss.Color("42"))
	s.Maybe = r.NewStyle().Foreground(lipgloss.Color("245"))
	s.Box = r.NewStyle().Border(lipgloss.RoundedBorder()).Padding(0, 1)
	s.Card = r.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(lipgloss.Color("63")).Padding(1, 2)
	s.Big = r.NewStyle().Bold(true).Foreground(lipgloss.Color("212"))
	if !ios.ColorEnabled() {
		// Keep the layout but drop every escape sequence.
		s.Heading = r.NewStyle()
	}
	return s
}
