package cmd

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/plan-cli/plan/schedule"
	"github.com/plan-cli/plan/schedule/importer"
	"github.com/plan-cli/plan/schedule/store"
	"github.com/spf13/cobra"
)

type importOptions struct {
	f        *Factory
	Sources  []string
	Format   string
	TZ       string
	FirstDay string
	As       string
	JSON     bool
}

func newImportCmd(f *Factory, runF func(*importOptions) error) *cobra.Command {
	o := &importOptions{f: f}
	c := &cobra.Command{
		Use:   "import SOURCE...",
		Short: "Load a published program from a file, stdin (-) or a URL",
		Long: `Load a conference program into the plan. SOURCE is a file, - for
standard input, or an http(s) URL. The format is detected from the content;
--format chooses one. Supported: ` + strings.Join(importer.Formats(), ", ") + `.

The plan is created when it does not exist yet, named after the program
and in the program's time zone (or --tz). A program that names no zone
but its city (FOSDEM's <city>Brussels</city>) is read in that city's
zone; --tz overrides it.

Importing a program again (the organisers re-publish it) updates it in
place: sessions are matched by guid, id, link and title, keep their ids,
and every change to your picks is reported (moved, room changed, retitled,
cancelled, gone). Picks are never dropped: a pick whose session is gone
stays in the plan, flagged. A program with another name (a co-located
event) is added beside the first; its ids are prefixed where they clash.`,
		Example: `  plan import fosdem-2026.xml
  curl -s https://example.org/schedule.json | plan import -
  plan import https://pretalx.com/pyconau-2024/schedule/export/schedule.xml
  plan import sessionize.json --tz America/New_York
  plan import program.csv --tz Europe/Berlin --first-day 2026-03-10
  plan import devconf.ics --as "DevConf (co-located)"`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Sources = args
			if runF != nil {
				return runF(o)
			}
			return runImport(o)
		},
	}
	c.Flags().StringVar(&o.Format, "format", "", "program format (default: detected); one of "+strings.Join(importer.Formats(), ", "))
	c.Flags().StringVar(&o.TZ, "tz", "", "time zone for programs whose times carry none (Sessionize, CSV); also the zone of a new plan")
	c.Flags().StringVar(&o.FirstDay, "first-day", "", "the date (YYYY-MM-DD) of day 1, for a CSV that numbers its days (DAY 1, 2, 3) instead of dating them")
	c.Flags().StringVar(&o.As, "as", "", "name of this program in the plan (default: the program's own name or the file name)")
	addJSONFlag(c, &o.JSON, "the import report (an array when several sources are given)")
	c.RegisterFlagCompletionFunc("format", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return importer.Formats(), cobra.ShellCompDirectiveNoFileComp
	})
	c.RegisterFlagCompletionFunc("tz", completeZones)
	return c
}

func runImport(o *importOptions) error {
	f, args := o.f, o.Sources
	gcForLargeHeap(f.IO.Getenv)
	if o.Format != "" {
		if _, err := importer.Lookup(o.Format); err != nil {
			return usageError{err}
		}
	}
	parseOpt, err := o.parseOptions()
	if err != nil {
		return err
	}
	if o.As != "" && len(args) > 1 {
		return usagef("--as names one program; import the sources one at a time")
	}
	stdinUsed := false
	for _, src := range args {
		if src == "-" {
			if stdinUsed {
				return usagef("- (stdin) can be given only once")
			}
			stdinUsed = true
		}
	}

	// Read and parse every source before taking the plan's lock, so that a
	// slow download never holds up other commands, and a bad source leaves
	// the plan as it was.
	var feeds []parsedSource
	for _, src := range args {
		var ps parsedSource
		d, err := importer.ReadIfChanged(f.Ctx, src, f.IO.In, importer.Validators{})
		if err == nil {
			ps, err = f.parseSource(src, d, o.Format, parseOpt)
		}
		if f.Ctx.Err() != nil {
			// Ctrl-C, in a download or a parse: before the lock, so
			// nothing was written.
			return interrupted("while reading %s; nothing was imported", src)
		}
		if err != nil {
			return err
		}
		ps.as = o.As
		if !parseOpt.FirstDay.IsZero() && ps.feed.FirstDay.IsZero() {
			ps.feed.Warnings = append(ps.feed.Warnings, importer.Warning{File: ps.name, Msg: "--first-day is not used: the program does not number its days"})
		}
		feeds = append(feeds, ps)
	}

	st, err := f.open(store.Write)
	if err != nil {
		return err
	}
	defer st.Close()
	created := !st.Exists()
	var p *schedule.Plan
	prog := schedule.NewProgram(nil)
	if !created {
		if p, err = st.LoadPlan(); err != nil {
			return err
		}
		if prog, err = f.loadProgram(st, p); err != nil {
			return err
		}
		if perr := st.ProgramProblem(); perr != nil {
			fmt.Fprintf(f.IO.ErrOut, "warning: the program file was damaged (%v); this import rebuilds it from what it reads.\n", perr)
		}
	}
	first := feeds[0].feed
	if created {
		p = &schedule.Plan{Version: schedule.FormatVersion}
	}
	unnamed := p.Conference.Name == "" // the plan takes the program's name
	fixed, err := p.Adopt(first.Conference, o.TZ, first.TimeZone, first.Sessions)
	if err != nil {
		return err
	}
	if fixed {
		// The plan shows the feed's own offset; say how to name the zone.
		feeds[0].feed.Warnings = append(feeds[0].feed.Warnings, noZoneWarning(feeds[0].name, p.Conference.TimeZone, first.Sessions))
	}

	prog, results, reports := f.reconcile(p, prog, feeds, o.JSON)
	if f.Ctx.Err() != nil {
		// The last moment Ctrl-C stops an import whole; from here on
		// the program and the plan are written, atomically, together.
		return interrupted("before the import was saved; nothing was changed")
	}
	if err := st.SaveProgram(prog); err != nil {
		return err
	}
	if err := st.SavePlan(p); err != nil {
		return err
	}
	if o.JSON {
		if len(reports) == 1 {
			return f.writeJSON(reports[0])
		}
		return f.writeJSON(reports)
	}
	if created {
		fmt.Fprintf(f.IO.ErrOut, "Created %s (time zone %s).\n", st.Path, orDash(p.Conference.TimeZone))
	}
	for i, res := range results {
		f.printImport(st, res)
		for _, w := range feeds[i].feed.Warnings {
			fmt.Fprintf(f.IO.ErrOut, "warning: %s\n", w)
		}
	}
	if unnamed {
		f.printNaming(p.Conference.Name, first.NameNote)
	}
	return nil
}

// printNaming tells how to name the plan when the program named it by a
// guess (note says how), or not at all: the recap and the calendars
// show the name.
func (f *Factory) printNaming(name, note string) {
	switch {
	case name == "":
		fmt.Fprintln(f.IO.ErrOut, `The program does not name its conference: name the plan with plan config name "NAME" (the recap and calendars show it).`)
	case note != "":
		fmt.Fprintf(f.IO.ErrOut, "Named the plan %q: %s. To rename it: plan config name \"NAME\"\n", name, note)
	}
}

// parseOptions are what --tz and --first-day say about the sources.
func (o *importOptions) parseOptions() (importer.Options, error) {
	var opt importer.Options
	if o.TZ != "" {
		l, err := schedule.ParseZone(o.TZ)
		if err != nil {
			return opt, o.f.zoneError("--tz", o.TZ, err)
		}
		opt.Location = l
	}
	if o.FirstDay != "" {
		d, err := schedule.ParseDay(strings.TrimSpace(o.FirstDay))
		if err != nil {
			return opt, usagef("--first-day %v", err)
		}
		opt.FirstDay = d
	}
	return opt, nil
}

// noZoneWarning tells that a program names no zone, that the plan shows
// the offset its times carry (zone), and how to name the venue's zone:
// the zones that have that offset on the program's dates.
func noZoneWarning(name, zone string, sessions []*schedule.Session) importer.Warning {
	w := importer.Warning{File: name}
	if zone == "UTC" {
		w.Msg = "the program names no time zone and gives every time in UTC, so the plan shows UTC clocks, not the venue's: " +
			"give the venue's zone with --tz ZONE (for example --tz Europe/London), or set it later with plan config time_zone ZONE"
		return w
	}
	w.Msg = fmt.Sprintf("the program names no time zone; its times carry the UTC offset %s, so the plan shows them at %s", zone, zone)
	if zones := importer.SuggestZones(sessions, 3); len(zones) > 0 {
		also := ""
		if len(zones) > 1 {
			also = " (or " + strings.Join(zones[1:], ", ") + ")"
		}
		w.Msg += fmt.Sprintf("; on these dates %s%s has that offset: to show the venue's clock across a DST change, name its zone with --tz %s, or later with plan config time_zone %s", zones[0], also, zones[0], zones[0])
	} else {
		w.Msg += "; name the venue's zone with --tz ZONE, or later with plan config time_zone ZONE"
	}
	return w
}

func hasSource(p *schedule.Plan, name string) bool {
	for _, s := range p.Conference.Sources {
		if strings.EqualFold(s.Name, name) {
			return true
		}
	}
	return false
}

// needsZone tells an error about times that carry no zone, which the
// plan's zone may answer, from one about a zone name the program gets
// wrong, which it must not: that would move an unknown TZID's times into
// the plan's zone without a word.
func needsZone(err error) bool { return errors.Is(err, importer.ErrNoZone) }

// sourceName is the key re-imports match on: --as, else the program's
// own name, else the file name without its extension.
func sourceName(as string, f *importer.Feed, src string) string {
	if as != "" {
		return as
	}
	if f.Conference != "" {
		return f.Conference
	}
	if src == "-" {
		return "stdin"
	}
	base := src
	if i := strings.Index(base, "?"); i >= 0 && strings.Contains(base, "://") {
		base = base[:i]
	}
	base = filepath.Base(strings.TrimRight(base, "/"))
	return strings.TrimSuffix(base, filepath.Ext(base))
}

func (f *Factory) printImport(st *store.Workspace, res schedule.ImportResult) {
	w := f.IO.ErrOut
	s := res.Source
	if res.New {
		fmt.Fprintf(w, "Imported %s of %q (%s) from %s into %s.\n", schedule.Plural(s.Sessions, "session", ""), s.Name, s.Format, s.Location, st.Path)
	} else {
		fmt.Fprintf(w, "Updated %q from %s: %s; %d new, %d changed, %d removed, %d unchanged.\n",
			s.Name, s.Location, schedule.Plural(s.Sessions, "session", ""), res.Added, res.Updated, res.Removed, res.Unchanged)
	}
	if len(res.Picks) == 0 {
		return
	}
	out := f.IO.Out
	fmt.Fprintf(out, "Your picks that changed (%d):\n", len(res.Picks))
	for _, pc := range res.Picks {
		var parts []string
		for _, c := range pc.Changes {
			switch c {
			case schedule.Moved:
				parts = append(parts, fmt.Sprintf("moved from %s to %s", when(&pc.Old), when(&pc.Pick.Session)))
			case schedule.RoomChanged:
				parts = append(parts, fmt.Sprintf("room changed from %s to %s", orDash(pc.Old.Room), orDash(pc.Pick.Room)))
			case schedule.Retitled:
				parts = append(parts, fmt.Sprintf("retitled from %q", pc.Old.Title))
			case schedule.Gone:
				parts = append(parts, "gone from the program (kept in your plan, flagged)")
			case schedule.RecordingAvailable:
				parts = append(parts, "recording available: "+pc.Pick.Recording())
			case schedule.PossiblyReplaced:
				parts = append(parts, fmt.Sprintf("possibly replaced by %s %q (same time and room); your pick is kept as it was: 'plan add %s' to pick that one instead",
					pc.Candidate.ID, pc.Candidate.Title, pc.Candidate.ID))
			default:
				parts = append(parts, string(c))
			}
		}
		f.wrapf("      ", "  %s  %q: %s", pc.Pick.ID, pc.Pick.Title, strings.Join(parts, "; "))
	}
	if len(res.Clashes) > 0 {
		fmt.Fprintf(out, "New clashes:\n")
		f.printClashes(res.Clashes)
	}
	f.printNowFit(res.NowFit)
}

// printNowFit names the skipped or dropped picks a change made room for:
// `Now fits: 7022 "Rust in the kernel" (dropped by optimize) — plan add
// 7022`.
func (f *Factory) printNowFit(picks []*schedule.Pick) {
	for _, pk := range picks {
		why := "skipped"
		if pk.Status == schedule.Dropped {
			why = "dropped by optimize"
		}
		f.wrapf("    ", "Now fits: %s %q (%s) — plan add %s", pk.ID, pk.Title, why, pk.ID)
	}
}

// planZone is the zone of the existing plan, nil when there is no plan or
// it names none.
func (f *Factory) planZone() *time.Location {
	var loc *time.Location
	f.readPlan(func(_ *store.Workspace, p *schedule.Plan) error {
		if p.Conference.TimeZone != "" {
			loc = p.Location()
		}
		return nil
	})
	return loc
}
