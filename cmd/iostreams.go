package cmd

import (
	"bufio"
	"bytes"
	"io"
	"os"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/muesli/termenv"
	"golang.org/x/term"

	"github.com/plan-cli/plan/cmd/internal/termtext"
)

// IOStreams is where a command reads and writes, what it knows about the
// terminal, and the clock and environment it runs in. Tests build one with
// NewTestIO to run every command as if on a terminal or in a pipe.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer

	outTTY  bool
	color   bool
	profile termenv.Profile
	width   int

	// Now is the clock; tests and SOURCE_DATE_EPOCH fix it.
	Now    func() time.Time
	Getenv func(string) string

	testEnv map[string]string
}

// System returns the process's streams.
func System() *IOStreams {
	tty := term.IsTerminal(int(os.Stdout.Fd()))
	width := 80
	if tty {
		if w, _, err := term.GetSize(int(os.Stdout.Fd())); err == nil && w > 0 {
			width = w
		}
	}
	// In a pipe, output is buffered (one write per command, not per line)
	// and flushed when the command ends (see Run). On a terminal it is
	// line-buffered, so it interleaves with standard error as printed.
	var out io.Writer = bufio.NewWriterSize(os.Stdout, 64<<10)
	if tty {
		out = &lineWriter{w: bufio.NewWriterSize(os.Stdout, 4<<10)}
	}
	errTTY := term.IsTerminal(int(os.Stderr.Fd()))
	ios := &IOStreams{In: os.Stdin, outTTY: tty, width: width, Getenv: os.Getenv}
	ios.color = tty && colorAllowed(os.Getenv)
	ios.Out = &cleanWriter{w: out, sgr: ios.color, terminal: tty}
	ios.ErrOut = &cleanWriter{w: os.Stderr, terminal: errTTY}
	if ios.color {
		ios.profile = termenv.NewOutput(os.Stdout, termenv.WithEnvironment(osEnv{})).EnvColorProfile()
	} else {
		ios.profile = termenv.Ascii
	}
	ios.Now = clock(os.Getenv)
	return ios
}

type osEnv struct{}

func (osEnv) Environ() []string        { return os.Environ() }
func (osEnv) Getenv(key string) string { return os.Getenv(key) }

// lineWriter flushes at every newline.
type lineWriter struct{ w *bufio.Writer }

func (l *lineWriter) Write(p []byte) (int, error) {
	n, err := l.w.Write(p)
	if err == nil && bytes.IndexByte(p, '\n') >= 0 {
		err = l.w.Flush()
	}
	return n, err
}

func (l *lineWriter) Flush() error { return l.w.Flush() }

// colorAllowed honours NO_COLOR (any value) and TERM=dumb.
func colorAllowed(getenv func(string) string) bool {
	if getenv("NO_COLOR") != "" {
		return false
	}
	return getenv("TERM") != "dumb"
}

// clock is SOURCE_DATE_EPOCH when set, else the system clock; either is
// kept within the years 0000-9999, the only ones a plan file (RFC 3339)
// can hold, so that a wrong clock never writes a plan no command reads.
func clock(getenv func(string) string) func() time.Time {
	if s := getenv("SOURCE_DATE_EPOCH"); s != "" {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			t := clampYear(time.Unix(min(max(n, minEpoch), maxEpoch), 0).UTC())
			return func() time.Time { return t }
		}
	}
	return func() time.Time { return clampYear(time.Now()) }
}

// The first and last seconds of the years 0000-9999.
const (
	minEpoch = -62167219200
	maxEpoch = 253402300799
)

func clampYear(t time.Time) time.Time {
	switch {
	case t.Year() > 9999:
		return time.Unix(maxEpoch, 0).UTC()
	case t.Year() < 0:
		return time.Unix(minEpoch, 0).UTC()
	}
	return t
}

// NewTestIO returns streams backed by buffers; tty says whether stdout
// acts as an 80-column terminal with 256 colours. The clock stands at
// 2026-01-31 10:15 UTC; the environment is empty until SetEnv.
func NewTestIO(tty bool) (*IOStreams, *bytes.Buffer, *bytes.Buffer, *bytes.Buffer) {
	in, out, errOut := &bytes.Buffer{}, &bytes.Buffer{}, &bytes.Buffer{}
	ios := &IOStreams{In: in, Out: &cleanWriter{w: out, sgr: tty, terminal: tty}, ErrOut: &cleanWriter{w: errOut}, outTTY: tty, width: 80, testEnv: map[string]string{}}
	ios.Getenv = func(k string) string { return ios.testEnv[k] }
	ios.color = tty
	ios.profile = termenv.Ascii
	if tty {
		ios.profile = termenv.ANSI256
	}
	ios.Now = func() time.Time { return time.Date(2026, 1, 31, 10, 15, 0, 0, time.UTC) }
	return ios, in, out, errOut
}

// SetEnv sets a variable in the environment of test streams; NO_COLOR
// and TERM=dumb take the colour away as they do on a real terminal.
func (s *IOStreams) SetEnv(key, value string) {
	if s.testEnv == nil {
		panic("SetEnv on streams not made by NewTestIO")
	}
	s.testEnv[key] = value
	s.color = s.outTTY && colorAllowed(s.Getenv)
	if !s.color {
		s.profile = termenv.Ascii
	}
	if cw, ok := s.Out.(*cleanWriter); ok {
		cw.sgr = s.color
	}
}

// SetWidth sets the terminal width (tests).
func (s *IOStreams) SetWidth(w int) { s.width = w }

// Width is the terminal's width in columns (80 in a pipe).
func (s *IOStreams) Width() int { return s.width }

// IsTerminal reports whether stdout is a terminal.
func (s *IOStreams) IsTerminal() bool { return s.outTTY }

// ColorEnabled reports whether styled output may use colour.
func (s *IOStreams) ColorEnabled() bool { return s.color }

// cleanWriter is the last thing between plan and the terminal: whatever
// a command prints passes through it, so that no text from a feed, a
// plan file or an error (an id, a URL, a server's reason phrase) can
// move the cursor, retitle the window, set the clipboard (OSC 52) or
// clear the screen, whichever command prints it and however.
//
// It drops every C0 control character but tab and newline (a CR only
// where it ends a line, as in an iCalendar file), DEL, and every C1
// control character (U+0080–U+009F, and the same bytes raw, which some
// terminals read as CSI), and writes invalid UTF-8 as U+FFFD. ESC goes
// too, with the rest of its sequence, with one exception: on a colour
// terminal, the SGR sequences that set colour and weight (ESC [ digits ;
// m), which is all that lipgloss writes for our styles, pass. A feed can
// therefore at worst colour its own text; it cannot conceal it (SGR 8),
// change a background, or do anything but style a line plan prints. On a
// terminal, the bidi overrides and isolates (U+202A–U+202E,
// U+2066–U+2069) are dropped too, so text cannot display reordered.
//
// The design is a filter on the stream rather than on each field because
// it needs no call at every place a field is printed, now or in commands
// written later; the text is still cleaned at import (schedule/importer),
// which is the first line of defence.
type cleanWriter struct {
	w        io.Writer
	sgr      bool   // let colour SGR sequences through (a colour terminal)
	terminal bool   // drop bidi controls too
	carry    []byte // an incomplete sequence or character from the last Write
}

func (c *cleanWriter) Write(p []byte) (int, error) {
	n := len(p)
	if len(c.carry) > 0 {
		p = append(c.carry, p...)
		c.carry = nil
	}
	if clean(p, c.terminal) {
		_, err := c.w.Write(p)
		return n, err
	}
	out, rest := c.filter(p)
	c.carry = append(c.carry[:0], rest...)
	_, err := c.w.Write(out)
	return n, err
}

// Flush writes what an incomplete sequence left, cleaned, and flushes
// the writer below.
func (c *cleanWriter) Flush() error {
	if len(c.carry) > 0 {
		rest := c.carry
		c.carry = nil
		out, _ := c.filter(append(rest, 0)) // the 0 ends any sequence; it is dropped
		if _, err := c.w.Write(out); err != nil {
			return err
		}
	}
	if f, ok := c.w.(interface{ Flush() error }); ok {
		return f.Flush()
	}
	return nil
}

// clean reports whether p can be written as it is.
func clean(p []byte, terminal bool) bool {
	for i := 0; i < len(p); i++ {
		b := p[i]
		switch {
		case b < 0x20 && b != '\t' && b != '\n', b == 0x7f:
			return false
		case b >= 0x80:
			return false // the rare case: check it rune by rune
		}
	}
	return true
}

// filter cleans p; rest is an incomplete sequence at its end, to be
// continued by the next Write.
func (c *cleanWriter) filter(p []byte) (out, rest []byte) {
	out = make([]byte, 0, len(p))
	for i := 0; i < len(p); {
		b := p[i]
		switch {
		case b == 0x1b:
			end, complete := termtext.EscapeEnd(p[i:])
			if !complete {
				if len(p)-i < 256 {
					return out, p[i:]
				}
				end = 1
			}
			if seq := p[i : i+end]; c.sgr && termtext.StyleSGR(seq, false) {
				out = append(out, seq...)
			}
			i += end
		case b == '\r':
			if i+1 < len(p) && p[i+1] == '\n' {
				out = append(out, b)
			} else if i+1 == len(p) {
				return out, p[i:]
			}
			i++
		case b < 0x20 && b != '\t' && b != '\n', b == 0x7f:
			i++
		case b < 0x80:
			out = append(out, b)
			i++
		default:
			r, size := utf8.DecodeRune(p[i:])
			if r == utf8.RuneError && size <= 1 {
				if !utf8.FullRune(p[i:]) && len(p)-i < utf8.UTFMax {
					return out, p[i:]
				}
				if b < 0xa0 {
					i++ // a raw C1 byte
					continue
				}
				out = append(out, "\uFFFD"...)
				i++
				continue
			}
			i += size
			switch {
			case r >= 0x80 && r <= 0x9f:
			case c.terminal && (r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069):
			default:
				out = append(out, p[i-size:i]...)
			}
		}
	}
	return out, nil
}
