package cmd

import (
	"bufio"
	"bytes"
	"io"
	"os"
	"strconv"
	"time"

	"github.com/muesli/termenv"
	"golang.org/x/term"
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
	ios := &IOStreams{In: os.Stdin, Out: out, ErrOut: os.Stderr, outTTY: tty, width: width, Getenv: os.Getenv}
	ios.color = tty && colorAllowed(os.Getenv)
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

func clock(getenv func(string) string) func() time.Time {
	if s := getenv("SOURCE_DATE_EPOCH"); s != "" {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			t := time.Unix(n, 0).UTC()
			return func() time.Time { return t }
		}
	}
	return time.Now
}

// NewTestIO returns streams backed by buffers; tty says whether stdout
// acts as an 80-column terminal with 256 colours. The clock stands at
// 2026-01-31 10:15 UTC; the environment is empty until SetEnv.
func NewTestIO(tty bool) (*IOStreams, *bytes.Buffer, *bytes.Buffer, *bytes.Buffer) {
	in, out, errOut := &bytes.Buffer{}, &bytes.Buffer{}, &bytes.Buffer{}
	ios := &IOStreams{In: in, Out: out, ErrOut: errOut, outTTY: tty, width: 80, testEnv: map[string]string{}}
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
}

// SetWidth sets the terminal width (tests).
func (s *IOStreams) SetWidth(w int) { s.width = w }

// Width is the terminal's width in columns (80 in a pipe).
func (s *IOStreams) Width() int { return s.width }

// IsTerminal reports whether stdout is a terminal.
func (s *IOStreams) IsTerminal() bool { return s.outTTY }

// ColorEnabled reports whether styled output may use colour.
func (s *IOStreams) ColorEnabled() bool { return s.color }
