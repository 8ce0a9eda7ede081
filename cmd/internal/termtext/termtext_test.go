package termtext

import "testing"

func TestTruncateAndPad(t *testing.T) {
	for _, c := range []struct {
		s      string
		w      int
		trunc  string
		padded string
	}{
		{"Janson", 10, "Janson", "Janson    "},
		{"Janson", 6, "Janson", "Janson"},
		{"K.1.105 (La Fontaine)", 10, "K.1.105 (…", "K.1.105 (…"},
		{"会議室", 5, "会議…", "会議…"},
		{"会議室", 4, "会…", "会… "},
		{"x", 0, "", ""},
		{"x", -3, "", ""},
		{"", 3, "", "   "},
		{"\x1b[1mbold text\x1b[0m", 6, "\x1b[1mbold …\x1b[0m", "\x1b[1mbold …\x1b[0m"},
	} {
		if got := Truncate(c.s, c.w); got != c.trunc {
			t.Errorf("Truncate(%q, %d) = %q, want %q", c.s, c.w, got, c.trunc)
		}
		if got := Pad(c.s, c.w); got != c.padded {
			t.Errorf("Pad(%q, %d) = %q, want %q", c.s, c.w, got, c.padded)
		}
	}
}
