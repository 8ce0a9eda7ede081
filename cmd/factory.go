package cmd

import (
	"context"
	"fmt"

	"github.com/plan-cli/plan/schedule"
	"github.com/plan-cli/plan/schedule/store"
)

// Factory is what every command is given (the GitHub CLI's cmdutil.Factory):
// the streams, the clock and environment, the plan file named by --plan or
// PLAN_FILE, and the store that opens it. Commands reach the disk only
// through it.
type Factory struct {
	IO *IOStreams
	// Ctx ends a wait for another command's lock (Ctrl-C).
	Ctx context.Context

	planFlag string
	noPager  bool   // --no-pager
	endPager func() // ends the pager page started
	st       *styles
}

// newFactory returns a Factory for ios.
func newFactory(ctx context.Context, ios *IOStreams) *Factory {
	if ctx == nil {
		ctx = context.Background()
	}
	return &Factory{IO: ios, Ctx: ctx}
}

func (f *Factory) styles() *styles {
	if f.st == nil {
		f.st = newStyles(f.IO)
	}
	return f.st
}

// planPath is the plan file: --plan, else $PLAN_FILE, else plan.yaml.
func (f *Factory) planPath() string {
	if f.planFlag != "" {
		return f.planFlag
	}
	if p := f.IO.Getenv("PLAN_FILE"); p != "" {
		return p
	}
	return "plan.yaml"
}

// open locks the plan for mode, telling the user when it has to wait for
// another plan command.
func (f *Factory) open(mode store.Mode) (*store.Workspace, error) {
	path := f.planPath()
	st, err := store.Open(f.Ctx, path, mode, func() {
		fmt.Fprintf(f.IO.ErrOut, "waiting for another plan command on %s… (Ctrl-C to stop)\n", path)
	})
	if err != nil && f.Ctx.Err() != nil {
		return nil, interrupted("while waiting for another plan command on %s; nothing was changed", path)
	}
	return st, err
}

// readPlan opens the plan under a shared lock and runs fn.
func (f *Factory) readPlan(fn func(st *store.Workspace, p *schedule.Plan) error) error {
	return f.withPlan(store.Read, fn)
}

// changePlan opens the plan under an exclusive lock, runs fn and, when fn
// succeeds, writes the plan atomically. When fn fails nothing is written.
// fn changes the plan; the caller prints what happened once changePlan has
// returned, so that nothing claims success before the plan is saved.
func (f *Factory) changePlan(fn func(st *store.Workspace, p *schedule.Plan) error) error {
	return f.withPlan(store.Write, func(st *store.Workspace, p *schedule.Plan) error {
		if err := fn(st, p); err != nil {
			return err
		}
		return st.SavePlan(p)
	})
}

func (f *Factory) withPlan(mode store.Mode, fn func(st *store.Workspace, p *schedule.Plan) error) error {
	st, err := f.open(mode)
	if err != nil {
		return err
	}
	defer st.Close()
	p, err := st.LoadPlan()
	if err != nil {
		return err
	}
	return fn(st, p)
}

// loadProgram reads the whole program; a large one turns the garbage
// collector back on (see gc.go).
func (f *Factory) loadProgram(st *store.Workspace, p *schedule.Plan) (*schedule.Program, error) {
	prog, err := st.LoadProgram(p)
	if err == nil && len(prog.Sessions) > 5000 {
		gcForLargeHeap(f.IO.Getenv)
	}
	return prog, err
}

// programOf loads the plan's program, failing with what to do when
// nothing was imported yet.
func (f *Factory) programOf(st *store.Workspace, p *schedule.Plan) (*schedule.Program, error) {
	prog, err := f.loadProgram(st, p)
	if err != nil {
		return nil, err
	}
	if len(prog.Sessions) == 0 {
		return nil, fmt.Errorf("the plan has no program yet: run 'plan import PROGRAM'")
	}
	return prog, nil
}

// timeContext is what parseMoment needs to read a time the user typed
// about this plan: its zone, the conference's days and the clock. It
// loads the program; a command that has it already uses timeContextOf.
func (f *Factory) timeContext(st *store.Workspace, p *schedule.Plan) (timeContext, error) {
	prog, err := f.loadProgram(st, p)
	if err != nil {
		return timeContext{}, err
	}
	return f.timeContextOf(p, prog.Sessions), nil
}

// timeContextOf is timeContext from sessions already loaded: their days
// and the picks' (a personal entry may be on a day of its own).
func (f *Factory) timeContextOf(p *schedule.Plan, sessions []*schedule.Session) timeContext {
	all := append([]*schedule.Session(nil), sessions...)
	for _, pk := range p.Picks {
		all = append(all, &pk.Session)
	}
	return timeContext{loc: p.Location(), days: days(all), now: f.IO.Now()}
}

// page sends what the command prints from now on through the user's
// pager (see startPager) unless --no-pager (or off). The pager is ended
// when the command has returned (see Run), after the plan's lock is
// released, so reading in less never holds up a 'plan add' elsewhere.
func (f *Factory) page(off bool) {
	if f.endPager == nil {
		f.endPager = f.startPager(off || f.noPager)
	}
}

// finish ends the pager, if one runs, and waits for the user to leave it.
func (f *Factory) finish() {
	if f.endPager != nil {
		f.endPager()
		f.endPager = nil
	}
}
