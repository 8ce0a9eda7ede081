package cmd

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"github.com/plan-cli/plan/export"
	"github.com/plan-cli/plan/schedule"
	"github.com/plan-cli/plan/schedule/importer"
	"github.com/plan-cli/plan/schedule/store"
	"github.com/spf13/cobra"
)

type importOptions struct {
	format string
	tz     string
	as     string
	json   bool
}

func newImportCmd(f *Factory) *cobra.Command {
	o := &importOptions{}
	c := &cobra.Command{
		Use:   "import SOURCE...",
		Short: "Load a published program from a file, stdin (-) or a URL",
		Long: `Load a conference program into the plan. SOURCE is a file, - for
standard input, or an http(s) URL. The format is detected from the content;
--format chooses one. Supported: ` + strings.Join(importer.Formats(), ", ") + `.

The plan is created when it does not exist yet, named after the program
and in the program's time zone (or --tz).

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
  plan import devconf.ics --as "DevConf (co-located)"`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return f.runImport(cmd, o, args)
		},
	}
	c.Flags().StringVar(&o.format, "format", "", "program format (default: detected); one of "+strings.Join(importer.Formats(), ", "))
	c.Flags().StringVar(&o.tz, "tz", "", "time zone for programs whose times carry none (Sessionize, CSV); also the zone of a new plan")
	c.Flags().StringVar(&o.as, "as", "", "name of this program in the plan (default: the program's own name or the file name)")
	c.Flags().BoolVar(&o.json, "json", false, "print the import report as JSON")
	c.RegisterFlagCompletionFunc("format", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return importer.Formats(), cobra.ShellCompDirectiveNoFileComp
	})
	c.RegisterFlagCompletionFunc("tz", completeZones)
	return c
}

type importReportJSON struct {
	Source    string             `json:"source"`
	Name      string             `json:"name"`
	Format    string             `json:"format"`
	Sessions  int                `json:"sessions"`
	New       bool               `json:"new"`
	Added     int                `json:"added"`
	Updated   int                `json:"updated"`
	Removed   int                `json:"removed"`
	Unchanged int                `json:"unchanged"`
	Picks     []pickChangeJSON   `json:"picks"`
	Clashes   []export.ClashJSON `json:"clashes"`
}

type pickChangeJSON struct {
	export.SessionJSON
	Changes []string `json:"changes"`
	Was     struct {
		Title string  `json:"title"`
		Start *string `json:"start"`
		End   *string `json:"end"`
		Room  string  `json:"room"`
	} `json:"was"`
}

func (f *Factory) runImport(cmd *cobra.Command, o *importOptions, args []string) error {
	if os.Getenv("GOGC") == "" {
		// An import builds a large live heap from a large input: collect
		// at the usual pace so its peak stays near twice the program.
		debug.SetGCPercent(100)
	}
	if o.format != "" {
		if _, err := importer.Lookup(o.format); err != nil {
			return usageError{err}
		}
	}
	var loc *time.Location
	if o.tz != "" {
		l, err := time.LoadLocation(o.tz)
		if err != nil || o.tz == "" {
			return usagef("unknown time zone %q (use a tz database name such as America/New_York)", o.tz)
		}
		loc = l
	}
	if o.as != "" && len(args) > 1 {
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
	type parsed struct {
		src  string
		feed *importer.Feed
	}
	var feeds []parsed
	for _, src := range args {
		data, err := importer.Read(cmd.Context(), src, f.IO.In)
		if err != nil {
			return err
		}
		name := src
		if src == "-" {
			name = "stdin"
		}
		feed, err := importer.Parse(data, o.format, importer.Options{Name: name, Location: loc})
		if err != nil && loc == nil && needsZone(err) {
			// The plan's own zone may place a program without offsets.
			if zone := f.planZone(); zone != nil {
				feed, err = importer.Parse(data, o.format, importer.Options{Name: name, Location: zone})
			}
		}
		if err != nil {
			return err
		}
		feeds = append(feeds, parsed{src, feed})
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
	}
	first := feeds[0].feed
	if created {
		p = &schedule.Plan{Version: schedule.FormatVersion}
	}
	if p.Conference.Name == "" {
		p.Conference.Name = first.Conference
	}
	if p.Conference.TimeZone == "" {
		// A new plan, or one made by 'plan init' without --tz, takes the
		// zone of --tz or of the program.
		zone := o.tz
		if zone == "" {
			zone = first.TimeZone
		}
		if zone == "" && len(first.Sessions) > 0 && first.Sessions[0].Scheduled() {
			zone = first.Sessions[0].Start.Location().String()
		}
		if zone != "" && zone != "Local" {
			if err := p.SetTimeZone(zone); err != nil {
				return err
			}
		}
		if p.Conference.TimeZone == "" && len(first.Sessions) > 0 && first.Sessions[0].Scheduled() {
			return usagef("%s: the times carry UTC offsets but no time zone name, so the plan cannot show the venue's clock across a DST change: give the conference's zone with --tz (e.g. --tz America/Los_Angeles)", feeds[0].src)
		}
	}

	var reports []importReportJSON
	var results []schedule.ImportResult
	for _, pf := range feeds {
		src := schedule.Source{Name: sourceName(o.as, pf.feed, pf.src), Location: pf.src, Format: pf.feed.Format}
		if o.as == "" && !hasSource(p, src.Name) {
			if same, ok := schedule.SameProgramAs(prog, pf.feed.Sessions); ok {
				if !o.json {
					fmt.Fprintf(f.IO.ErrOut, "Most of these sessions are in %q already: updating it (use --as NAME to import them as another program).\n", same)
				}
				src.Name = same
			}
		}
		if pf.src == "-" {
			src.Location = "stdin"
		}
		var res schedule.ImportResult
		prog, res = schedule.Merge(p, prog, pf.feed.Sessions, src, f.IO.Now())
		results = append(results, res)
		reports = append(reports, importReport(res))
	}
	if err := st.SaveProgram(prog); err != nil {
		return err
	}
	if err := st.SavePlan(p); err != nil {
		return err
	}
	if o.json {
		if len(reports) == 1 {
			return f.writeJSON(reports[0])
		}
		return f.writeJSON(reports)
	}
	if created {
		fmt.Fprintf(f.IO.ErrOut, "Created %s (time zone %s).\n", st.Path, orDash(p.Conference.TimeZone))
	}
	for _, res := range results {
		f.printImport(st, res)
	}
	return nil
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

func importReport(res schedule.ImportResult) importReportJSON {
	r := importReportJSON{
		Source: res.Source.Location, Name: res.Source.Name, Format: res.Source.Format,
		Sessions: res.Source.Sessions, New: res.New, Added: res.Added, Updated: res.Updated,
		Removed: res.Removed, Unchanged: res.Unchanged, Picks: []pickChangeJSON{},
		Clashes: export.Clashes(res.Clashes),
	}
	for _, pc := range res.Picks {
		j := pickChangeJSON{SessionJSON: export.Pick(pc.Pick, false)}
		for _, c := range pc.Changes {
			j.Changes = append(j.Changes, string(c))
		}
		j.Was.Title = pc.Old.Title
		j.Was.Room = pc.Old.Room
		s := export.Session(&pc.Old, nil, false)
		j.Was.Start, j.Was.End = s.Start, s.End
		r.Picks = append(r.Picks, j)
	}
	return r
}

func (f *Factory) printImport(st *store.Workspace, res schedule.ImportResult) {
	w := f.IO.ErrOut
	s := res.Source
	if res.New {
		fmt.Fprintf(w, "Imported %s of %q (%s) from %s into %s.\n", sessionsN(s.Sessions), s.Name, s.Format, s.Location, st.Path)
	} else {
		fmt.Fprintf(w, "Updated %q from %s: %d sessions; %d new, %d changed, %d removed, %d unchanged.\n",
			s.Name, s.Location, s.Sessions, res.Added, res.Updated, res.Removed, res.Unchanged)
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
			default:
				parts = append(parts, string(c))
			}
		}
		fmt.Fprintf(out, "  %s  %q: %s\n", pc.Pick.ID, pc.Pick.Title, strings.Join(parts, "; "))
	}
	if len(res.Clashes) > 0 {
		fmt.Fprintf(out, "New clashes:\n")
		f.printClashes(res.Clashes)
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
