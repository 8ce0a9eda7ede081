package cmd

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/plan-cli/plan/export"
	"github.com/plan-cli/plan/schedule"
	"github.com/plan-cli/plan/schedule/store"
)

// runExportPage is 'plan export --html [--agenda]' and 'plan export --md
// --charts DIR': the recap's page, the agenda's page, or the Markdown
// recap with its charts as SVG files beside it.
func runExportPage(o *exportOptions) error {
	f := o.f
	switch {
	case o.ICS || o.All || o.Day != "" || o.Alarm != "":
		return usagef("--ics, --all, --day and --alarm do not go with --html, --agenda or --charts")
	case o.HTML && o.MD:
		return usagef("choose one of --md or --html")
	case o.Agenda && !o.HTML:
		return usagef("--agenda goes with --html")
	case o.Charts != "" && !o.MD:
		return usagef("--charts goes with --md (the HTML page has its charts inside)")
	}
	return f.readPlan(func(_ *store.Workspace, p *schedule.Plan) error {
		st := schedule.ComputeStats(p, f.IO.Now())
		if o.HTML {
			return f.emit(o.Output, func(w io.Writer) error {
				return export.WriteHTML(w, p, st, export.HTMLOptions{Agenda: o.Agenda})
			})
		}
		link, err := chartsLink(o.Charts, o.Output)
		if err != nil {
			return err
		}
		files := export.ChartFiles(p, st)
		if err := os.MkdirAll(o.Charts, 0o755); err != nil {
			return err
		}
		for _, c := range files {
			data := []byte(c.SVG)
			if err := store.WriteFileAtomic(filepath.Join(o.Charts, c.Name), 0o644, func(file *os.File) error {
				_, err := io.Copy(file, bytes.NewReader(data))
				return err
			}); err != nil {
				return err
			}
		}
		fmt.Fprintf(f.IO.ErrOut, "Wrote %s to %s.\n", schedule.Plural(len(files), "chart", ""), o.Charts)
		return f.emit(o.Output, func(w io.Writer) error {
			return export.WriteMarkdownWith(w, p, st, export.MarkdownOptions{Charts: link})
		})
	})
}

// chartsLink is the charts folder as the Markdown links it: relative to
// the folder of the Markdown file, or as given when it goes to stdout.
func chartsLink(dir, output string) (string, error) {
	if output == "" || output == "-" || filepath.IsAbs(dir) {
		return filepath.ToSlash(dir), nil
	}
	from, err := filepath.Abs(filepath.Dir(output))
	if err != nil {
		return "", err
	}
	to, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	rel, err := filepath.Rel(from, to)
	if err != nil {
		return filepath.ToSlash(dir), nil
	}
	return filepath.ToSlash(rel), nil
}
