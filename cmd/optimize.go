package cmd

import (
	"fmt"

	"github.com/plan-cli/plan/export"
	"github.com/plan-cli/plan/schedule"
	"github.com/plan-cli/plan/schedule/store"
	"github.com/spf13/cobra"
)

type droppedJSON struct {
	ID      string             `json:"id"`
	Title   string             `json:"title"`
	Reason  string             `json:"reason"`
	Because []string           `json:"because"`
	Clashes []export.ClashJSON `json:"clashes"`
}

type optimizeJSON struct {
	Keep      []string           `json:"keep"`
	Drop      []droppedJSON      `json:"drop"`
	Conflicts []export.ClashJSON `json:"conflicts"`
	Untouched []string           `json:"untouched"`
	Score     map[string]int     `json:"score"`
	Applied   bool               `json:"applied"`
}

func newOptimizeCmd(f *Factory) *cobra.Command {
	var apply, asJSON bool
	c := &cobra.Command{
		Use:   "optimize",
		Short: "Choose the best clash-free, walkable schedule from your picks",
		Long: `From your picks and their priorities, choose the schedule with no
overlaps and no transitions too short to walk that keeps the most musts,
then the most wants, then the most maybes (exactly, not greedily); among
equals, the one whose sessions end earlier. It shows what it keeps and
what it drops, and why. Musts that clash with each other are reported as
conflicts. --apply marks the dropped picks as skipped (they stay in the
plan as alternatives; 'plan add ID' brings one back).

--json prints {keep: [ids], drop: [{id, title, reason, because, clashes}],
conflicts: [clash objects as in 'plan clashes --json'], untouched, score}.`,
		Example: "  plan optimize\n  plan optimize --apply\n  plan optimize --json | jq .keep",
		RunE: func(cmd *cobra.Command, args []string) error {
			run := f.readPlan
			if apply {
				run = f.changePlan
			}
			return run(func(st *store.Workspace, p *schedule.Plan) error {
				res := schedule.Optimize(p.Picks, &p.Venue)
				if apply {
					for _, d := range res.Drop {
						d.Pick.Status = schedule.Skipped
					}
				}
				if asJSON {
					return f.writeJSON(optimizeToJSON(res, apply))
				}
				f.printOptimize(res, apply)
				return nil
			})
		},
	}
	c.Flags().BoolVar(&apply, "apply", false, "mark the dropped picks as skipped")
	c.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return c
}

func optimizeToJSON(res schedule.OptimizeResult, applied bool) optimizeJSON {
	out := optimizeJSON{Keep: []string{}, Drop: []droppedJSON{}, Conflicts: export.Clashes(res.Conflicts), Untouched: []string{},
		Score: map[string]int{"must": res.Score.Must, "want": res.Score.Want, "maybe": res.Score.Maybe}, Applied: applied}
	for _, pk := range res.Keep {
		out.Keep = append(out.Keep, pk.ID)
	}
	for _, d := range res.Drop {
		j := droppedJSON{ID: d.Pick.ID, Title: d.Pick.Title, Reason: d.Reason, Because: []string{}, Clashes: export.Clashes(d.Clashes)}
		for _, b := range d.Because {
			j.Because = append(j.Because, b.ID)
		}
		out.Drop = append(out.Drop, j)
	}
	for _, pk := range res.Untouched {
		out.Untouched = append(out.Untouched, pk.ID)
	}
	return out
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
			fmt.Fprintf(f.IO.ErrOut, "Marked %d dropped pick(s) as skipped.\n", len(res.Drop))
		}
		return
	}
	fmt.Fprintf(out, "%s %d must, %d want, %d maybe\n\n", st.Title.Render("Best schedule:"), res.Score.Must, res.Score.Want, res.Score.Maybe)
	for _, pk := range res.Keep {
		fmt.Fprintf(out, "  %s %s  %s  %s %s\n", st.Good.Render("keep"), st.Time.Render(when(&pk.Session)), pk.Title,
			atRoom(st, pk.Room), priorityStyle(st, pk.Priority).Render("("+string(pk.Priority)+")"))
	}
	if len(res.Drop) > 0 {
		fmt.Fprintln(out)
	}
	for _, d := range res.Drop {
		fmt.Fprintf(out, "  %s %s  %s %s\n       %s\n", st.Bad.Render("drop"), st.Time.Render(when(&d.Pick.Session)), d.Pick.Title,
			priorityStyle(st, d.Pick.Priority).Render("("+string(d.Pick.Priority)+")"), st.Dim.Render(d.Reason))
	}
	if len(res.Conflicts) > 0 {
		fmt.Fprintf(out, "\n%s\n", st.Warn.Render("Musts that clash with each other (only one of each pair can be kept):"))
		for _, c := range res.Conflicts {
			fmt.Fprintln(out, "  "+clashSentence(st, c))
		}
	}
	for _, pk := range res.Untouched {
		fmt.Fprintf(out, "  %s %s  (no usable time, cancelled or gone: left as it is)\n", st.Dim.Render("left"), pk.Title)
	}
	switch {
	case applied && len(res.Drop) > 0:
		fmt.Fprintf(out, "\nMarked %d dropped pick(s) as skipped.\n", len(res.Drop))
	case len(res.Drop) > 0:
		fmt.Fprintf(out, "\n%s\n", st.Dim.Render("Run 'plan optimize --apply' to mark the dropped picks as skipped."))
	}
}
