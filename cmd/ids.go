package cmd

import (
	"errors"

	"github.com/plan-cli/plan/schedule"
	"github.com/plan-cli/plan/schedule/store"
)

// withSuggestions fills in the "did you mean" of a session the program
// does not have, from the program, and says what to do when there is no
// program at all.
func (f *Factory) withSuggestions(err error, st *store.Workspace, p *schedule.Plan) error {
	var nf *schedule.NotFoundError
	if !errors.As(err, &nf) || nf.What != "session" || len(nf.Similar) > 0 {
		return err
	}
	prog, perr := f.loadProgram(st, p)
	if perr != nil {
		return perr
	}
	if len(prog.Sessions) == 0 {
		return &schedule.NotFoundError{What: "session", ID: nf.ID, Hint: "the plan has no program yet; run 'plan import PROGRAM'"}
	}
	nf.Similar = prog.Similar(nf.ID, 3)
	return nf
}
