package cmd

import (
	"bytes"
	"testing"
)

// The output filter drops what could take over a terminal, keeps
// lipgloss's colour SGR on a colour terminal, and holds a sequence split
// between two writes until it is whole.
func TestCleanWriter(t *testing.T) {
	cases := []struct {
		in, want      string
		sgr, terminal bool
	}{
		{"a\x1b]0;PWNED\x07b", "ab", true, true},
		{"a\x1b]52;c;cHduZWQ=\x1b\\b", "ab", true, true},
		{"x\x1b[2J\x1b[Hy", "xy", true, true},
		{"\x1b[1;38;5;196mred\x1b[0m", "\x1b[1;38;5;196mred\x1b[0m", true, true},
		{"\x1b[1;38;5;196mred\x1b[0m", "red", false, false},
		{"\x1b[8mhidden\x1b[0m", "hidden\x1b[0m", true, true},
		{"\x1b[41mbg", "bg", true, true},
		{"url: ok\rurl: phish\n", "url: okurl: phish\n", true, true},
		{"BEGIN:VCALENDAR\r\nEND\r\n", "BEGIN:VCALENDAR\r\nEND\r\n", false, false},
		{"c1\u009b2J\u0085 del\x7f raw\x9bx", "c12J del rawx", false, false},
		{"bidi \u202eevil\u2066", "bidi evil", false, true},
		{"bidi \u202eevil", "bidi \u202eevil", false, false},
		{"tab\there\n", "tab\there\n", false, false},
		{"bad \xff utf8", "bad \uFFFD utf8", false, false},
	}
	for _, c := range cases {
		var b bytes.Buffer
		w := &cleanWriter{w: &b, sgr: c.sgr, terminal: c.terminal}
		w.Write([]byte(c.in))
		w.Flush()
		if b.String() != c.want {
			t.Errorf("%q: got %q, want %q", c.in, b.String(), c.want)
		}
		// The same, one byte a write.
		b.Reset()
		w = &cleanWriter{w: &b, sgr: c.sgr, terminal: c.terminal}
		for i := range len(c.in) {
			w.Write([]byte{c.in[i]})
		}
		w.Flush()
		if b.String() != c.want {
			t.Errorf("%q one byte at a time: got %q, want %q", c.in, b.String(), c.want)
		}
	}
}
