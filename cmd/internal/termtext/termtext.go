// Package termtext fits text to terminal columns: what plan's tables and
// the browser share. Widths are display columns (a CJK character or an
// emoji takes two); styled text keeps its escape sequences.
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
