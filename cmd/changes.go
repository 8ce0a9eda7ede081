package cmd

import (
	"fmt"
	"strings"
	"time"

	"github.com/plan-cli/plan/export/jsonshape"
	"github.com/plan-cli/plan/schedule"
	"github.com/plan-cli/plan/schedule/store"
	"github.com/spf13/cobra"
)

type changesOptions struct {
	f     *Factory
	Since string
	JSON  bool
}

func newChangesCmd(f *Factory, runF func(*changesOptions) error) *cobra.Command {
	o := &changesOptions{f: f}
	c := &cobra.Command{
		Use:   "changes",
		Short: "What re-imports changed in your picks, oldest first",
		Long: `List the changes imports made to your picks (moved, room changed,
retitled, cancelled, gone, back in the program, possibly replaced,
recording available), oldest first, grouped by when the import ran: what
moved while you were in a talk, and which talks you missed can now be
watched. The plan keeps the last 500; older ones are dropped.

--since keeps the changes recorded at or after a moment, in the
conference's zone: "2026-01-31 14:00", "sat 14:00", "14:00" (today when
the conference is on), RFC 3339 or "now".`,
		Example: "  plan changes\n  plan changes --since \"sat 12:00\"\n  plan changes --json",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(o)
			}
			return runChanges(o)
		},
	}
	c.Flags().StringVar(&o.Since, "since", "", "only changes recorded at or after this moment")
	addJSONFlag(c, &o.JSON, "an array of {at, source, id, title, change, from, to}")
	return c
}

func runChanges(o *changesOptions) error {
	f := o.f
	return f.readPlan(func(st *store.Workspace, p *schedule.Plan) error {
		var since time.Time
		if o.Since != "" {
			tc, err := f.timeContext(st, p)
			if err != nil {
				return err
			}
			if since, err = parseMoment(o.Since, tc); err != nil {
				return usagef("--since: %v", err)
			}
		}
		h := p.HistorySince(since)
		if o.JSON {
			return f.writeJSON(jsonshape.Changes(h, p.Location()))
		}
		f.page(false)
		f.printChanges(h, p.Location(), since)
		return nil
	})
}

func (f *Factory) printChanges(h []schedule.HistoryEntry, loc *time.Location, since time.Time) {
	out := f.IO.Out
	if !f.IO.IsTerminal() {
		for _, e := range h {
			plainRow(out, e.At.In(loc).Format(time.RFC3339), e.Source, e.ID, e.Change, e.From, e.To, e.Title)
		}
		return
	}
	st := f.styles()
	if len(h) == 0 {
		msg := "No changes to your picks recorded."
		if !since.IsZero() {
			msg = fmt.Sprintf("No changes to your picks since %s.", dayLabel(since)+" "+since.Format("15:04"))
		}
		fmt.Fprintln(out, st.Dim.Render(msg))
		return
	}
	group := ""
	for _, e := range h {
		at := e.At.In(loc)
		if g := at.Format(time.RFC3339) + "\x00" + e.Source; g != group {
			if group != "" {
				fmt.Fprintln(out)
			}
			fmt.Fprintf(out, "%s  %s\n", st.Heading.Render(dayLabel(at)+" "+at.Format("15:04")), st.Dim.Render(e.Source))
			group = g
		}
		f.wrapf("      ", "  %s  %s: %s\n", st.Dim.Render(e.ID), st.Title.Render(e.Title), describeChange(st, e))
	}
}

// describeChange says what a history entry changed, as import reports it.
func describeChange(st *styles, e schedule.HistoryEntry) string {
	switch schedule.Change(e.Change) {
	case schedule.Moved:
		return fmt.Sprintf("moved from %s to %s", st.Time.Render(slotLabel(e.From)), st.Time.Render(slotLabel(e.To)))
	case schedule.RoomChanged:
		return fmt.Sprintf("room changed from %s to %s", orDash(e.From), orDash(e.To))
	case schedule.Retitled:
		return fmt.Sprintf("retitled from %q", e.From)
	case schedule.Cancelled:
		return st.Bad.Render("cancelled")
	case schedule.Gone:
		return st.Bad.Render("gone from the program") + " (kept in your plan, flagged)"
	case schedule.Reinstated:
		return st.Good.Render("back in the program")
	case schedule.PossiblyReplaced:
		return st.Warn.Render("possibly replaced") + " by " + e.To + " (same time and room); your pick is kept as it was"
	case schedule.Unscheduled:
		return "unscheduled (was " + slotLabel(e.From) + ")"
	case schedule.NewlyPlanned:
		return "scheduled for " + st.Time.Render(slotLabel(e.To))
	case schedule.RecordingAvailable:
		return st.Good.Render("recording available") + ": " + e.To
	}
	s := e.Change
	if e.From != "" || e.To != "" {
		s += fmt.Sprintf(" (%s → %s)", orDash(e.From), orDash(e.To))
	}
	return s
}

// slotLabel turns a history slot ("2026-01-31 10:00–10:50") into the
// day label the other commands print ("Sat 31 Jan 2026 10:00–10:50"); a
// slot it cannot read is shown as it is.
func slotLabel(slot string) string {
	date, rest, ok := strings.Cut(slot, " ")
	d, err := schedule.ParseDay(date)
	if !ok || err != nil {
		return orDash(slot)
	}
	return dayLabel(d.Time(time.UTC)) + " " + rest
}
