package cmd

import (
	"bufio"
	"fmt"
	"io"
	"os"

	"github.com/plan-cli/plan/export"
	"github.com/plan-cli/plan/schedule"
	"github.com/plan-cli/plan/schedule/store"
	"github.com/spf13/cobra"
)

type exportOptions struct {
	ics, md, all bool
	day, output  string
	alarm        string
}

func newExportCmd(f *Factory) *cobra.Command {
	o := &exportOptions{}
	c := &cobra.Command{
		Use:   "export (--ics | --md) [-o FILE]",
		Short: "Write your calendar (--ics) or your recap (--md)",
		Long: `--ics writes an iCalendar file of your picks (skipped ones left out;
--all for the whole program, --day for one day) that phone and desktop
calendars import, and update in place when you import it again: every
event keeps its UID, SEQUENCE grows when a session changes, and picks the
program dropped or cancelled come out as STATUS:CANCELLED. --alarm 10m
adds a reminder to each event.

--md writes the recap as Markdown: by the numbers, what I learned, facts,
and "Appendix: My Schedule".

Without -o the file goes to standard output. With -o it is written
atomically: the old file stays whole until the new one is complete.
SOURCE_DATE_EPOCH fixes the DTSTAMP for reproducible files.`,
		Example: `  plan export --ics -o fosdem.ics
  plan export --ics --all --alarm 10m > program.ics
  plan export --md -o recap.md`,
		RunE: func(cmd *cobra.Command, args []string) error { return f.runExport(o) },
	}
	fl := c.Flags()
	fl.BoolVar(&o.ics, "ics", false, "write an iCalendar (.ics) file")
	fl.BoolVar(&o.md, "md", false, "write the recap as Markdown")
	fl.BoolVar(&o.all, "all", false, "with --ics: the whole program, not just your picks")
	fl.StringVar(&o.day, "day", "", "with --ics: only this day (a date, weekday or day number)")
	fl.StringVar(&o.alarm, "alarm", "", "with --ics: a reminder this long before each event, e.g. 10m")
	fl.StringVarP(&o.output, "output", "o", "", "write to this file instead of standard output")
	return c
}

func (f *Factory) runExport(o *exportOptions) error {
	if o.ics == o.md {
		return usagef("choose one of --ics or --md")
	}
	if o.md && (o.all || o.day != "" || o.alarm != "") {
		return usagef("--all, --day and --alarm go with --ics")
	}
	return f.readPlan(func(st *store.Workspace, p *schedule.Plan) error {
		write := func(w io.Writer) error {
			if o.md {
				return export.WriteMarkdown(w, p, schedule.ComputeStats(p))
			}
			return f.writeICS(w, st, p, o)
		}
		return f.emit(o.output, write)
	})
}

// emit streams the output to stdout, or to a file written atomically: the
// old file stays whole until the new one is complete.
func (f *Factory) emit(path string, write func(io.Writer) error) error {
	if path == "" || path == "-" {
		return write(f.IO.Out)
	}
	err := store.WriteFileAtomic(path, 0o644, func(f *os.File) error {
		bw := bufio.NewWriterSize(f, 64<<10)
		if err := write(bw); err != nil {
			return err
		}
		return bw.Flush()
	})
	if err == nil {
		fmt.Fprintf(f.IO.ErrOut, "Wrote %s.\n", path)
	}
	return err
}
