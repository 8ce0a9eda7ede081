package cmd

import (
	"fmt"

	"github.com/plan-cli/plan/export/jsonshape"
	"github.com/plan-cli/plan/schedule"
	"github.com/plan-cli/plan/schedule/store"
	"github.com/spf13/cobra"
)

type optimizeOptions struct {
	f     *Factory
	Apply bool
	JSON  bool
}

func newOptimizeCmd(f *Factory, runF func(*optimizeOptions) error) *cobra.Command {
	o := &optimizeOptions{f: f}
	c := &cobra.Command{
		Use:   "optimize",
		Short: "Choose the best clash-free, walkable schedule from your picks",
		Long: `From your picks and their priorities, choose the schedule with no
overlaps and no transitions too short to walk. The choice is exact, not
greedy: of all such schedules it keeps the best, each rule deciding only
between schedules equal on the rules before it:

  1. the most musts, then the most wants, then the most maybes;
  2. the most time in sessions: in musts, then in wants, then in maybes;
  3. the most program sessions rather than personal entries (booth
     visits, meetings): among musts, then wants, then maybes;
  4. the sessions that end earlier.

So a 60-minute talk is kept over a 15-minute booth visit of the same
priority, and a booth visit never wins over a talk of the same priority
and length. It shows what it keeps and what it drops, and why. Musts
that clash with each other are reported as conflicts.

--apply gives the dropped picks the status "dropped": they leave your
schedule (agenda, calendars, clashes, now) but stay in the plan as
alternatives, and stats count them neither as attended nor as skipped.
'plan add ID' brings one back; 'plan attend ID' records that you went
anyway. Skipped and dropped picks take no part.`,
		Example: "  plan optimize\n  plan optimize --apply\n  plan optimize --json | jq .keep",
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(o)
			}
			return runOptimize(o)
		},
	}
	c.Flags().BoolVar(&o.Apply, "apply", false, "give the dropped picks the status dropped (out of the schedule, kept in the plan)")
	addJSONFlag(c, &o.JSON, "{keep: [ids], drop: [{id, title, reason, because, clashes}], conflicts, untouched, score, applied}")
	return c
}

func runOptimize(o *optimizeOptions) error {
	f := o.f
	var res schedule.OptimizeResult
	run := f.readPlan
	if o.Apply {
		run = f.changePlan
	}
	err := run(func(st *store.Workspace, p *schedule.Plan) error {
		res = schedule.Optimize(p.Picks, &p.Venue)
		if o.Apply {
			for _, d := range res.Drop {
				d.Pick.Status = schedule.Dropped
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	if o.JSON {
		return f.writeJSON(jsonshape.FromOptimize(res, o.Apply))
	}
	f.printOptimize(res, o.Apply)
	return nil
}

func (f *Factory) printOptimize(res schedule.OptimizeResult, applied bool) {
	out := f.IO.Out
	st := f.styles()
	if !f.IO.IsTerminal() {
		for _, pk := range res.Keep {
			plainRow(out, "keep", pk.ID, string(pk.Priority), startField(&pk.Session), pk.Title, "")
		}
		for _, d := range res.Drop {
			plainRow(out, "drop", d.Pick.ID, string(d.Pick.Priority), startField(&d.Pick.Session), d.Pick.Title, d.Reason)
		}
		for _, c := range res.Conflicts {
			plainRow(out, "conflict", c.A.ID, c.B.ID, string(c.Type), fmt.Sprint(c.Minutes), "")
		}
		if applied && len(res.Drop) > 0 {
			fmt.Fprintf(f.IO.ErrOut, "%s.\n", appliedText(len(res.Drop)))
		}
		return
	}
	fmt.Fprintf(out, "%s %d must, %d want, %d maybe\n\n", st.Title.Render("Best schedule:"), res.Score.Must, res.Score.Want, res.Score.Maybe)
	for _, pk := range res.Keep {
		f.wrapf("       ", "  %s %s  %s  %s %s\n", st.Good.Render("keep"), st.Time.Render(when(&pk.Session)), pk.Title,
			atRoom(st, pk.Room), priorityStyle(st, pk.Priority).Render("("+string(pk.Priority)+")"))
	}
	if len(res.Drop) > 0 {
		fmt.Fprintln(out)
	}
	for _, d := range res.Drop {
		f.wrapf("       ", "  %s %s  %s %s", st.Bad.Render("drop"), st.Time.Render(when(&d.Pick.Session)), d.Pick.Title,
			priorityStyle(st, d.Pick.Priority).Render("("+string(d.Pick.Priority)+")"))
		f.wrapf("       ", "       %s", st.Dim.Render(d.Reason))
	}
	if len(res.Conflicts) > 0 {
		fmt.Fprintf(out, "\n%s\n", st.Warn.Render("Musts that clash with each other (only one of each pair can be kept):"))
		for _, c := range res.Conflicts {
			fmt.Fprintln(out, f.hanging(clashSentence(st, c), "  ", "      "))
		}
	}
	for _, pk := range res.Untouched {
		f.wrapf("       ", "  %s %s  (no usable time, cancelled or gone: left as it is)\n", st.Dim.Render("left"), pk.Title)
	}
	switch {
	case applied && len(res.Drop) > 0:
		fmt.Fprintf(out, "\n%s.\n", appliedText(len(res.Drop)))
	case len(res.Drop) > 0:
		fmt.Fprintf(out, "\n%s\n", st.Dim.Render("Run 'plan optimize --apply' to drop them (they stay in the plan)."))
	}
}

// appliedText says what --apply did: "Marked 3 picks as dropped ('plan
// add ID' brings one back)".
func appliedText(n int) string {
	back := "brings one back"
	if n == 1 {
		back = "brings it back"
	}
	return fmt.Sprintf("Marked %s as dropped ('plan add ID' %s)", schedule.Plural(n, "pick", ""), back)
}
