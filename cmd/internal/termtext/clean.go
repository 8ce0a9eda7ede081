package termtext

import (
	"strings"
	"unicode/utf8"
)

// Clean is a screen the browser drew, less anything else a terminal
// would act on. Its own styles are SGR sequences (see StyleSGR, reverse
// video included); every other escape sequence goes, with the rest of
// it (an OSC that sets the window title or the clipboard, a CSI that
// clears the screen), and so do the C0 controls but newline, DEL, the C1
// controls and the bidi overrides and isolates (U+202A–U+202E,
// U+2066–U+2069). The browser draws text from the program and the plan
// file straight to the terminal, not through cmd's cleaning writer, so
// this is its second line of defence after the importers.
func Clean(s string) string {
	if clean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == 0x1b:
			end, _ := EscapeEnd(s[i:])
			if seq := s[i : i+end]; StyleSGR(seq, true) {
				b.WriteString(seq)
			}
			i += max(end, 1)
		case c < 0x20 && c != '\n', c == 0x7f:
			i++
		case c < 0x80:
			b.WriteByte(c)
			i++
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			i += size
			switch {
			case r == utf8.RuneError && size == 1:
				b.WriteString("\uFFFD")
			case r >= 0x80 && r <= 0x9f, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
			default:
				b.WriteString(s[i-size : i])
			}
		}
	}
	return b.String()
}

// clean reports whether s holds nothing Clean would change.
func clean(s string) bool {
	for _, r := range s {
		switch {
		case r < 0x20 && r != '\n', r >= 0x7f && r <= 0x9f, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == utf8.RuneError:
			return false
		}
	}
	return true
}

// EscapeEnd is the length of the escape sequence p starts with (ESC, then
// a CSI, OSC, DCS, SOS, PM or APC string, or one more character), and
// whether p holds all of it.
func EscapeEnd[T ~string | ~[]byte](p T) (int, bool) {
	if len(p) < 2 {
		return len(p), false
	}
	switch p[1] {
	case '[': // CSI: parameters and intermediates, then a final byte
		for i := 2; i < len(p); i++ {
			if p[i] >= 0x40 && p[i] <= 0x7e {
				return i + 1, true
			}
			if p[i] < 0x20 || p[i] > 0x3f && p[i] < 0x40 || p[i] >= 0x7f {
				return i, true // broken: drop up to here
			}
		}
		return len(p), false
	case ']', 'P', 'X', '^', '_': // strings, ended by BEL or ST (ESC \)
		for i := 2; i < len(p); i++ {
			if p[i] == 0x07 {
				return i + 1, true
			}
			if p[i] == 0x1b && i+1 < len(p) && p[i+1] == '\\' {
				return i + 2, true
			}
			if p[i] == '\n' {
				return i, true // no terminal would wait past a line
			}
		}
		return len(p), false
	}
	if p[1] < 0x20 || p[1] >= 0x7f {
		return 1, true
	}
	return 2, true
}

// StyleSGR reports whether seq is ESC [ params m setting only weight,
// italics, underline, strike-through or a foreground colour, as lipgloss
// writes for plan's styles, and with reverse, reverse video too (the
// browser's selection).
func StyleSGR[T ~string | ~[]byte](seq T, reverse bool) bool {
	if len(seq) < 3 || seq[1] != '[' || seq[len(seq)-1] != 'm' {
		return false
	}
	fields := strings.Split(string(seq[2:len(seq)-1]), ";")
	for i := 0; i < len(fields); i++ {
		f := fields[i]
		for _, d := range f {
			if d < '0' || d > '9' {
				return false
			}
		}
		switch {
		case f == "38" && i+2 < len(fields) && fields[i+1] == "5":
			i += 2 // a 256-colour foreground
		case f == "38" && i+4 < len(fields) && fields[i+1] == "2":
			i += 4 // a true-colour foreground
		case reverse && (f == "7" || f == "27"):
		case f == "" || f == "0" || f == "1" || f == "2" || f == "3" || f == "4" || f == "9" || f == "39" ||
			len(f) == 2 && f >= "21" && f <= "37" && f != "27" && f != "28" || len(f) == 2 && f >= "90" && f <= "97":
		default:
			return false // conceal, reverse video, blink, backgrounds: they hide or fake text
		}
	}
	return true
}
