package cmd

import (
	"bufio"
	"bytes"
	"io"
	"os"
	"strconv"
	"time"

	"golang.org/x/term"
)

// IOStreams is where a command reads and writes, and what it knows about
// the terminal. Tests build one with NewTestIO to run every command as if
// on a terminal or in a pipe.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer

	outTTY bool
	color  bool
	width  int

	// Now is the clock; tests and SOURCE_DATE_EPOCH fix it.
	Now    func() time.Time
	Getenv func(string) string
}

// System returns the process's streams.
func System() *IOStreams {
	tty := term.IsTerminal(int(os.Stdout.Fd()))
	width := 100
	if tty {
		if w, _, err := term.GetSize(int(os.Stdout.Fd())); err == nil && w > 0 {
			width = w
		}
	}
	// Output is buffered (one write per command, not per line) and flushed
	// when the command ends; see Run.
	ios := &IOStreams{In: os.Stdin, Out: bufio.NewWriterSize(os.Stdout, 64<<10), ErrOut: os.Stderr, outTTY: tty, width: width, Getenv: os.Getenv}
	ios.color = tty && colorAllowed(os.Getenv)
	ios.Now = clock(os.Getenv)
	return ios
}

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
// acts as a terminal (with colour).
func NewTestIO(tty bool) (*IOStreams, *bytes.Buffer, *bytes.Buffer, *bytes.Buffer) {
	in, out, errOut := &bytes.Buffer{}, &bytes.Buffer{}, &bytes.Buffer{}
	env := map[string]string{}
	ios := &IOStreams{In: in, Out: out, ErrOut: errOut, outTTY: tty, color: tty, width: 100,
		Getenv: func(k string) string { return env[k] }}
	ios.Now = func() time.Time { return time.Date(2026, 1, 31, 10, 15, 0, 0, time.UTC) }
	return ios, in, out, errOut
}

// IsTerminal reports whether stdout is a terminal.
func (s *IOStreams) IsTerminal() bool { return s.outTTY }

// ColorEnabled reports whether styled output may use colour.
func (s *IOStreams) ColorEnabled() bool { return s.color }
