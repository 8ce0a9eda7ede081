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

func TestClean(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"plain\nlines ★ …", "plain\nlines ★ …"},
		{"\x1b[1;38;5;63mbold colour\x1b[0m", "\x1b[1;38;5;63mbold colour\x1b[0m"},
		{"\x1b[7mselected\x1b[0m", "\x1b[7mselected\x1b[0m"},
		{"\x1b[38;2;1;2;3mtrue colour\x1b[39m", "\x1b[38;2;1;2;3mtrue colour\x1b[39m"},
		{"a\x1b]0;PWNED\x07b", "ab"},                // window title
		{"a\x1b]52;c;cHduZWQ=\x1b\\b", "ab"},        // clipboard, ended by ST
		{"a\x1b[2J\x1b[Hb", "ab"},                   // clear screen, home
		{"a\x1b[8mhidden\x1b[0m", "ahidden\x1b[0m"}, // conceal
		{"a\x1b[41mred ground", "ared ground"},      // background
		{"a\u009b2Jb\u0085c\u007fd", "a2Jbcd"},      // C1 CSI (its 2J is then text), NEL, DEL
		{"a\rurl: phish\tx\a", "aurl: phishx"},      // CR, tab, bell
		{"bidi \u202eevil\u2066", "bidi evil"},      // overrides, isolates
		{"cut \x1b]0;PWNED\nnext", "cut \nnext"},    // an OSC ends at the line
		{"bad \xff byte", "bad \uFFFD byte"},
		{"end \x1b", "end "},
	} {
		if got := Clean(c.in); got != c.want {
			t.Errorf("Clean(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
