package cmd

import (
	"fmt"
	"os"
	"slices"

	"github.com/plan-cli/plan/export/jsonshape"
	"github.com/plan-cli/plan/schedule"
	"github.com/plan-cli/plan/schedule/importer"
)

// parsedSource is one program source read and parsed, ready to be
// reconciled into the plan by import or refresh.
type parsedSource struct {
	src, name  string // as given ("-" for stdin), and as named in messages
	feed       *importer.Feed
	validators importer.Validators
	as         string // the program's name in the plan, when fixed (--as, refresh)
}

// parseSource parses a downloaded source: in format ("" detects it), its
// times without a zone in opt.Location, else (nil) in the zone the
// program names, else in the plan's own zone; opt.FirstDay dates a
// program that numbers its days.
func (f *Factory) parseSource(src string, d importer.Download, format string, opt importer.Options) (parsedSource, error) {
	name := src
	if src == "-" {
		name = "stdin"
	}
	opt.Name = name
	opt.MachineZone = machineZone(f.IO.Getenv, os.Readlink)
	feed, err := importer.Parse(d.Data, format, opt)
	if err != nil && opt.Location == nil && needsZone(err) {
		// The plan's own zone may place a program without offsets.
		if zone := f.planZone(); zone != nil {
			opt.Location = zone
			feed, err = importer.Parse(d.Data, format, opt)
		}
	}
	if err != nil {
		return parsedSource{}, err
	}
	return parsedSource{src: src, name: name, feed: feed, validators: d.Validators}, nil
}

// reconcile merges parsed sources into the plan and its program, records
// what changed for the picks in the plan's history, and returns the new
// program with a result and a JSON report per source. quiet keeps the
// note about a program matched under another name off stderr.
func (f *Factory) reconcile(p *schedule.Plan, prog *schedule.Program, feeds []parsedSource, quiet bool) (*schedule.Program, []schedule.ImportResult, []jsonshape.ImportReport) {
	var results []schedule.ImportResult
	var reports []jsonshape.ImportReport
	for _, pf := range feeds {
		// A session type the plan maps needs no warning that plan does
		// not know it.
		pf.feed.Warnings = slices.DeleteFunc(pf.feed.Warnings, func(w importer.Warning) bool {
			_, mapped := p.KindFor(&schedule.Session{Type: w.Type})
			return w.Type != "" && mapped
		})
		src := schedule.Source{Name: sourceName(pf.as, pf.feed, pf.src), Location: pf.src, Format: pf.feed.Format,
			ETag: pf.validators.ETag, LastModified: pf.validators.LastModified, FirstDay: pf.feed.FirstDay}
		if pf.as == "" && !hasSource(p, src.Name) {
			if same, ok := schedule.SameProgramAs(prog, pf.feed.Sessions); ok {
				// A name the program does not state (the SCALE JSON's
				// edition, once not guessed) is no choice to remark on.
				if !quiet && pf.feed.NameNote == "" {
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
		p.RecordHistory(res)
		results = append(results, res)
		rep := jsonshape.FromImport(res)
		for _, w := range pf.feed.Warnings {
			rep.Warnings = append(rep.Warnings, jsonshape.Warning{File: w.File, Line: w.Line, Session: w.Session, Message: w.Msg})
		}
		reports = append(reports, rep)
	}
	return prog, results, reports
}
