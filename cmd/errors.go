package cmd

import (
	"errors"
	"fmt"

	"github.com/plan-cli/plan/schedule"
)

// usageError marks mistakes in the command line itself.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }

func (e usageError) Unwrap() error { return e.err }

func usagef(format string, a ...any) error { return usageError{fmt.Errorf(format, a...)} }

func errorText(err error) string {
	if errors.Is(err, schedule.ErrNoPlan) {
		return err.Error() + ": run 'plan import PROGRAM' (or 'plan init') first, or point --plan/PLAN_FILE at your plan"
	}
	return err.Error()
}
