// Package termtext is text for a terminal, shared by cmd and the
// browser: fitting it to columns (Truncate, Pad; widths are display
// columns, a CJK character or an emoji takes two, and styled text keeps
// its escape sequences) and keeping a feed's escape sequences out of it
// (Clean for the browser's frames; EscapeEnd and StyleSGR for cmd's
// cleaning writer).
package termtext

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// Truncate cuts s to w columns, ending in "…" when cut; w ≤ 0 gives "".
func Truncate(s string, w int) string {
	if w <= 0 {
		return ""
	}
	return ansi.Truncate(s, w, "…")
}

// Pad truncates s to w columns and pads it with spaces to exactly w.
func Pad(s string, w int) string {
	s = Truncate(s, w)
	if n := ansi.StringWidth(s); n < w {
		s += strings.Repeat(" ", w-n)
	}
	return s
}
