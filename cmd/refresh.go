package cmd

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/plan-cli/plan/export/jsonshape"
	"github.com/plan-cli/plan/schedule"
	"github.com/plan-cli/plan/schedule/importer"
	"github.com/plan-cli/plan/schedule/store"
)

type refreshOptions struct {
	f    *Factory
	JSON bool
}

func newRefreshCmd(f *Factory, runF func(*refreshOptions) error) *cobra.Command {
	o := &refreshOptions{f: f}
	c := &cobra.Command{
		Use:   "refresh",
		Short: "Re-read every program the plan came from and report what changed for your picks",
		Long: `Re-read every source recorded in the plan (the files and URLs 'plan import'
read), reconcile each with the plan as 'plan import' does, and report what
changed for your picks (moved, room changed, retitled, cancelled, gone,
possibly replaced, back, recording available: FOSDEM adds its videos after
the event). A URL is asked with the validators of the last
download (If-None-Match, If-Modified-Since): a server answering 304 Not
Modified, or a file whose content is the same, is reported as unchanged
without being parsed. Every change to a pick goes into the plan's history
('plan changes'). A program imported from standard input cannot be
re-read: import it again with 'plan import -'.`,
		Example: "  plan refresh\n  plan refresh && plan changes --since \"sat 09:00\"\n  plan refresh --json | jq '.[].picks'",
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(o)
			}
			return runRefresh(o)
		},
	}
	addJSONFlag(c, &o.JSON, "an array with one import report per source (as 'plan import --json', with not_modified)")
	return c
}

// refreshed is one source after it was re-read.
type refreshed struct {
	source schedule.Source
	parsed *parsedSource // nil when unchanged or skipped
	skip   string        // why it was not re-read
}

func runRefresh(o *refreshOptions) error {
	f := o.f
	// Which sources, and their validators: read the plan, then let go of
	// it while downloading, so no other command waits on the network.
	var sources []schedule.Source
	if err := f.readPlan(func(_ *store.Workspace, p *schedule.Plan) error {
		sources = append(sources, p.Conference.Sources...)
		return nil
	}); err != nil {
		return err
	}
	if len(sources) == 0 {
		return fmt.Errorf("the plan has no program to refresh: run 'plan import PROGRAM' first")
	}
	var all []refreshed
	var feeds []parsedSource
	for _, s := range sources {
		r := refreshed{source: s}
		if s.Location == "stdin" || s.Location == "" {
			r.skip = "imported from standard input: import it again with 'plan import -'"
			all = append(all, r)
			continue
		}
		d, err := importer.ReadIfChanged(f.Ctx, s.Location, nil, importer.Validators{ETag: s.ETag, LastModified: s.LastModified})
		if err != nil {
			return fmt.Errorf("refreshing %q: %w", s.Name, err)
		}
		if !d.NotModified {
			ps, err := f.parseSource(s.Location, d, s.Format, importer.Options{FirstDay: s.FirstDay})
			if err != nil {
				return fmt.Errorf("refreshing %q: %w", s.Name, err)
			}
			ps.as = s.Name
			r.parsed = &ps
			feeds = append(feeds, ps)
		}
		all = append(all, r)
	}

	var results []schedule.ImportResult
	var reports []jsonshape.ImportReport
	var st *store.Workspace
	if len(feeds) > 0 {
		err := f.changePlan(func(ws *store.Workspace, p *schedule.Plan) error {
			st = ws
			prog, err := f.loadProgram(ws, p)
			if err != nil {
				return err
			}
			prog, results, reports = f.reconcile(p, prog, feeds, true)
			return ws.SaveProgram(prog)
		})
		if err != nil {
			return err
		}
	}

	if o.JSON {
		out := []jsonshape.ImportReport{}
		i := 0
		for _, r := range all {
			if r.parsed != nil {
				out = append(out, reports[i])
				i++
				continue
			}
			out = append(out, jsonshape.Unchanged(r.source, r.skip))
		}
		return f.writeJSON(out)
	}
	i := 0
	for _, r := range all {
		switch {
		case r.parsed != nil:
			f.printImport(st, results[i])
			for _, w := range r.parsed.feed.Warnings {
				fmt.Fprintf(f.IO.ErrOut, "warning: %s\n", w)
			}
			i++
		case r.skip != "":
			fmt.Fprintf(f.IO.ErrOut, "Skipped %q: %s.\n", r.source.Name, r.skip)
		default:
			how := "the file is the same"
			if strings.Contains(r.source.Location, "://") {
				how = "the server answered 304 Not Modified"
			}
			fmt.Fprintf(f.IO.ErrOut, "%q from %s: unchanged (%s).\n", r.source.Name, r.source.Location, how)
		}
	}
	return nil
}
