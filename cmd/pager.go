package cmd

import (
	"io"
	"os"
	"os/exec"
	"os/signal"
	"strings"
	"syscall"

	"github.com/spf13/cobra"
	"golang.org/x/term"
)

// noPager reports whether --no-pager (a flag of the root command) is set.
func noPager(c *cobra.Command) bool {
	fl := c.Flag("no-pager")
	return fl != nil && fl.Value.String() == "true"
}

// processTerminal reports whether the streams are the process's own and
// standard output is a terminal: not a pipe, not the buffers of a test.
func (f *Factory) processTerminal() bool {
	return f.IO.IsTerminal() && f.IO.In == io.Reader(os.Stdin) && term.IsTerminal(int(os.Stdout.Fd()))
}

// startPager sends standard output through the user's pager, as git and
// gh do: $PAGER, else `less -R` when less is installed ("" or "cat": none).
// Only the process's own terminal is paged: never a pipe, never the
// streams of a test, never with --no-pager. less gets LESS=FRX unless the
// user set LESS, so output that fits one screen is printed and less
// quits. Standard output itself (file descriptor 1) is pointed at the
// pager, so everything written keeps going through IOStreams.Out as it
// is. The returned function ends the pager and waits for it; call it when
// the command has written everything.
func (f *Factory) startPager(off bool) func() {
	noop := func() {}
	if off || !f.processTerminal() {
		return noop
	}
	pager := strings.TrimSpace(f.IO.Getenv("PAGER"))
	if pager == "" {
		if _, err := exec.LookPath("less"); err != nil {
			return noop
		}
		pager = "less -R"
	}
	if pager == "cat" {
		return noop
	}
	c := exec.Command("sh", "-c", pager)
	c.Env = os.Environ()
	if f.IO.Getenv("LESS") == "" {
		c.Env = append(c.Env, "LESS=FRX")
	}
	if f.IO.Getenv("LV") == "" {
		c.Env = append(c.Env, "LV=-c")
	}
	r, w, err := os.Pipe()
	if err != nil {
		return noop
	}
	c.Stdin, c.Stdout, c.Stderr = r, os.Stdout, os.Stderr
	if err := c.Start(); err != nil {
		r.Close()
		w.Close()
		return noop
	}
	r.Close()
	// Quitting the pager before the end closes its input: the writes that
	// follow fail with EPIPE (which Run ignores) instead of SIGPIPE ending
	// plan with status 141.
	signal.Ignore(syscall.SIGPIPE)
	flush(f.IO.Out)
	restore, err := redirectStdout(w)
	w.Close()
	if err != nil {
		c.Process.Kill()
		c.Wait()
		return noop
	}
	return func() {
		flush(f.IO.Out)
		restore() // closes the pager's input: it sees the end
		c.Wait()
	}
}

func flush(w io.Writer) {
	if fl, ok := w.(interface{ Flush() error }); ok {
		fl.Flush()
	}
}
