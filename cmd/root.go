// Package cmd holds the cobra commands. It is the only package that knows
// about flags, terminals, colour and exit codes.
package cmd

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"runtime/pprof"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"
)

// Exit codes, decided here and nowhere else.
const (
	exitOK    = 0
	exitError = 1 // the command could not do its job: bad input, unknown id, I/O
	exitUsage = 2 // the command line itself is wrong
	// exitConflicts: plan sync did its work but left events that changed
	// on the server as they are there (its conflicts), so a script can
	// tell that 'plan sync --force' or a look is needed.
	exitConflicts = 3
	// exitInterrupted is the shell's code for a command ended by Ctrl-C.
	exitInterrupted = 130
)

// version is set at build time with -ldflags "-X github.com/plan-cli/plan/cmd.version=…".
var version = "dev"

// Main runs the command line and returns the exit code.
func Main() int {
	if path := os.Getenv("PLAN_CPUPROFILE"); path != "" {
		// For performance work: PLAN_CPUPROFILE=cpu.out plan import …
		if f, err := os.Create(path); err == nil {
			if err := pprof.StartCPUProfile(f); err == nil {
				defer func() { pprof.StopCPUProfile(); f.Close() }()
			}
		}
	}
	gcForShortCommand(os.Getenv)
	return Run(interruptible(), System(), os.Args[1:])
}

// interruptible is a context that Ctrl-C cancels (with errInterrupted as
// its cause), so that a wait for another command's lock, a download or an
// import ends with a clear message and exit 130 (see Run). A command that
// does not finish within half a second of it is ended with 130 all the
// same: every write is atomic, so nothing is half-written.
func interruptible() context.Context {
	ctx, cancel := context.WithCancelCause(context.Background())
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt)
	go func() {
		<-sig
		signal.Stop(sig)
		cancel(errInterrupted)
		time.Sleep(500 * time.Millisecond)
		fmt.Fprintln(os.Stderr, "plan: interrupted")
		os.Exit(exitInterrupted)
	}()
	return ctx
}

// Run executes args with the given streams and returns the exit code.
func Run(ctx context.Context, ios *IOStreams, args []string) int {
	f := newFactory(ctx, ios)
	root := newRootCmd(f)
	root.SetArgs(args)
	root.SetContext(ctx)
	ran, err := root.ExecuteC()
	f.finish()
	if f, ok := ios.Out.(interface{ Flush() error }); ok {
		if ferr := f.Flush(); ferr != nil && err == nil && !errors.Is(ferr, syscall.EPIPE) {
			err = fmt.Errorf("cannot write the output: %w", ferr)
		}
	}
	if err == nil {
		return exitOK
	}
	var es exitStatus
	if errors.As(err, &es) {
		return es.code
	}
	if ctx.Err() != nil || errors.Is(err, errInterrupted) {
		// Ctrl-C: whatever failed failed because of it.
		fmt.Fprintf(ios.ErrOut, "plan: %s\n", interruptText(err))
		return exitInterrupted
	}
	fmt.Fprintf(ios.ErrOut, "plan: %s\n", errorText(err))
	var ue usageError
	if errors.As(err, &ue) || strings.HasPrefix(err.Error(), "unknown command ") || strings.HasPrefix(err.Error(), "unknown flag") {
		if ran != nil && ran != root {
			fmt.Fprintf(ios.ErrOut, "Run '%s --help' for usage.\n", ran.CommandPath())
		} else {
			fmt.Fprintln(ios.ErrOut, "Run 'plan --help' or 'plan COMMAND --help' for usage.")
		}
		return exitUsage
	}
	return exitError
}

// NewRootCmd builds the command tree on ios.
func NewRootCmd(ios *IOStreams) *cobra.Command {
	return newRootCmd(newFactory(context.Background(), ios))
}

func newRootCmd(f *Factory) *cobra.Command {
	ios := f.IO
	root := &cobra.Command{
		Use:   "plan",
		Short: "Plan your conference: import the program, pick sessions, avoid clashes, export a calendar",
		Long: `plan reads the program a conference publishes (pentabarf/frab XML,
frab/pretalx JSON, Sessionize, the SCALE feed, iCalendar, CSV), keeps your
picks in a YAML plan you can read and keep in git, finds clashes and tight
room changes, and writes calendars and a recap.

Every command works on the plan file given by --plan (or PLAN_FILE),
plan.yaml in the current folder by default.

Exit status: 0 success, 1 the command failed (bad input, unknown id, I/O),
2 the command line was wrong, 3 plan sync left conflicts, 130 interrupted
(Ctrl-C).`,
		Example: `  plan import https://fosdem.org/2026/schedule/xml
  plan list --day sun --track Rust
  plan add 7886 8402 --priority must
  plan clashes
  plan export --ics -o fosdem.ics`,
		Version:       version,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetIn(ios.In)
	root.SetOut(ios.Out)
	root.SetErr(ios.ErrOut)
	root.PersistentFlags().StringVar(&f.planFlag, "plan", "", "plan file (default $PLAN_FILE or plan.yaml)")
	root.PersistentFlags().BoolVar(&f.noPager, "no-pager", false, "do not send long output on a terminal through $PAGER or less")
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error { return usageError{err} })
	root.CompletionOptions.HiddenDefaultCmd = false

	root.AddCommand(
		newInitCmd(f, nil),
		newImportCmd(f, nil),
		newListCmd(f, nil),
		newShowCmd(f, nil),
		newAddCmd(f, nil),
		newRemoveCmd(f, nil),
		newClashesCmd(f, nil),
		newAgendaCmd(f, nil),
		newAttendCmd(f, nil),
		newSkipCmd(f, nil),
		newNoteCmd(f, nil),
		newFactCmd(f, nil),
		newConfigCmd(f, nil),
		newStatsCmd(f, nil),
		newExportCmd(f, nil),
		newWalkCmd(f, nil),
		newOptimizeCmd(f, nil),
		newSuggestCmd(f, nil),
		newNowCmd(f, nil),
		newGapsCmd(f, nil),
		newTracksCmd(f, nil),
		newRoomsCmd(f, nil),
		newBrowseCmd(f, nil),
		newChangesCmd(f, nil),
		newRefreshCmd(f, nil),
		newSyncCmd(f, nil),
		newServeCmd(f, nil),
		newManCmd(f, nil),
	)
	for _, c := range root.Commands() {
		if c.Args == nil {
			c.Args = cobra.NoArgs
		}
		wrapArgs(c)
	}
	return root
}

// wrapArgs turns cobra's argument errors into usage errors.
func wrapArgs(c *cobra.Command) {
	check := c.Args
	if check == nil {
		return
	}
	c.Args = func(cmd *cobra.Command, args []string) error {
		if err := check(cmd, args); err != nil {
			return usageError{err}
		}
		return nil
	}
}
