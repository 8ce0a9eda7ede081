package cmd

import (
	"fmt"
	"os"
	"strconv"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
	"github.com/spf13/cobra"

	"github.com/plan-cli/plan/cmd/browse"
	"github.com/plan-cli/plan/schedule"
	"github.com/plan-cli/plan/schedule/store"
)

type browseOptions struct {
	f *Factory
	// Snapshot prints the first screen at this size (WxH) and exits, on
	// a terminal or not: for the bench and for looking at the layout.
	Snapshot string
}

func newBrowseCmd(f *Factory, runF func(*browseOptions) error) *cobra.Command {
	o := &browseOptions{f: f}
	c := &cobra.Command{
		Use:   "browse",
		Short: "Browse the program in the terminal: by time, as a grid of rooms, by track, now and next",
		Long: `Browse the program interactively. The day opens as a list by time slot;
2 shows a grid of rooms × time, 3 the day's tracks, 4 what is on now and
next in every room. [ and ] change the day, n jumps to now.

Type / and words to search titles, speakers, tracks, rooms and abstracts
(every word must match, in any order). K cycles the kind, T and R keep
the selected session's track or room, F keeps what fits your plan, P
your picks, A what is not over yet; x clears them.

Space picks or unpicks the selected session, p cycles its priority
(must, want, maybe), and the line at the bottom says at once what it
clashes with (overlaps and walks too short). Enter shows it in full; e
adds a note. Every change is saved at once, through the same lock as the
other commands, so a 'plan add' in another terminal is never lost; while
another command holds the plan, the bottom line says so and the screen
goes on answering.

Marks: ★ must, ☆ want, ○ maybe, ✓ attended, - skipped, ✗ gone, ! clash.
q or Ctrl-C quits (with a change still being saved, q waits for it and a
second Ctrl-C does not). plan browse needs a terminal; in a script use
'plan list'.`,
		Example: "  plan browse\n  NO_COLOR=1 plan browse",
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(o)
			}
			return runBrowse(o)
		},
	}
	c.Flags().StringVar(&o.Snapshot, "snapshot", "", "print the first screen at WIDTHxHEIGHT and exit")
	c.Flags().MarkHidden("snapshot")
	return c
}

func runBrowse(o *browseOptions) error {
	f := o.f
	w, h := 0, 0
	if o.Snapshot != "" {
		ws, hs, ok := strings.Cut(o.Snapshot, "x")
		var errW, errH error
		w, errW = strconv.Atoi(ws)
		h, errH = strconv.Atoi(hs)
		if !ok || errW != nil || errH != nil || w < 20 || h < 6 {
			return usagef("--snapshot %q: give WIDTHxHEIGHT, e.g. 80x24", o.Snapshot)
		}
	} else if !f.processTerminal() {
		return usagef("plan browse needs a terminal, and standard output is not one; use 'plan list' (tab-separated in a pipe)")
	}
	profile := f.IO.profile
	if o.Snapshot != "" {
		profile = termenv.Ascii
	}
	m, err := f.browseModel(profile)
	if err != nil {
		return err
	}
	if o.Snapshot != "" {
		m.SetSize(w, h)
		fmt.Fprintln(f.IO.Out, m.View())
		return nil
	}
	p := tea.NewProgram(m, tea.WithAltScreen(), tea.WithOutput(os.Stdout), tea.WithInput(os.Stdin), tea.WithContext(f.Ctx))
	if _, err := p.Run(); err != nil && f.Ctx.Err() == nil {
		return fmt.Errorf("browse: %w", err)
	}
	return nil
}

// browseModel reads the plan and the program (under the shared lock,
// released before the browser starts) and builds the browser on them.
// Its Save is changePlan's: the plan is read again under the exclusive
// lock, the edits applied to it, and saved; but a wait for the lock is
// told to the browser (onWait), which says so on its status line, not on
// stderr under the screen.
func (f *Factory) browseModel(profile termenv.Profile) (browse.Model, error) {
	var opts browse.Options
	err := f.readPlan(func(st *store.Workspace, p *schedule.Plan) error {
		prog, err := f.programOf(st, p)
		if err != nil {
			return err
		}
		if len(prog.Sessions) > 5000 {
			gcForLargeHeap(f.IO.Getenv)
		}
		opts.Name = p.Conference.Name
		opts.Sessions = prog.Sessions
		opts.Plan = p
		return nil
	})
	if err != nil {
		return browse.Model{}, err
	}
	r := lipgloss.NewRenderer(os.Stdout)
	r.SetColorProfile(profile)
	opts.Renderer = r
	opts.Now = f.IO.Now
	opts.Save = func(apply func(*schedule.Plan) error, onWait func()) (*schedule.Plan, error) {
		st, err := store.Open(f.Ctx, f.planPath(), store.Write, onWait)
		if err != nil {
			return nil, err
		}
		defer st.Close()
		p, err := st.LoadPlan()
		if err != nil {
			return nil, err
		}
		if err := apply(p); err != nil {
			return nil, err
		}
		return p, st.SavePlan(p)
	}
	return browse.New(opts), nil
}
