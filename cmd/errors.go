package cmd

import (
	"errors"
	"fmt"
	"strings"

	"github.com/plan-cli/plan/schedule"
	"github.com/spf13/cobra"
)

// usageError marks mistakes in the command line itself.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }

func (e usageError) Unwrap() error { return e.err }

// exitStatus ends a command that has said all there is to say with an
// exit status of its own (exitConflicts): Run prints nothing more.
type exitStatus struct{ code int }

func (e exitStatus) Error() string { return fmt.Sprintf("exit status %d", e.code) }

// errInterrupted is why a command stopped at Ctrl-C: the cause of the
// context Ctrl-C cancels (see interruptible), and what interrupted wraps.
var errInterrupted = errors.New("interrupted")

// interrupted is a command stopped by Ctrl-C, saying where and what it
// left: "interrupted while waiting for …; nothing was changed".
func interrupted(format string, a ...any) error {
	return fmt.Errorf("%w "+format, append([]any{errInterrupted}, a...)...)
}

// interruptText is what Run says of a command Ctrl-C ended: the command's
// own words when it said where it stopped, else just "interrupted" (not
// the "context canceled" of whatever it was waiting for).
func interruptText(err error) string {
	if errors.Is(err, errInterrupted) && strings.HasPrefix(err.Error(), errInterrupted.Error()) {
		return err.Error()
	}
	return errInterrupted.Error()
}

func usagef(format string, a ...any) error { return usageError{fmt.Errorf(format, a...)} }

func errorText(err error) string {
	if errors.Is(err, schedule.ErrNoPlan) {
		return err.Error() + ": run 'plan import PROGRAM' (or 'plan init') first, or point --plan/PLAN_FILE at your plan"
	}
	return err.Error()
}

// exactArgs is cobra.ExactArgs with a message that says what to give.
func exactArgs(n int, msg string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != n {
			return errors.New(msg)
		}
		return nil
	}
}
