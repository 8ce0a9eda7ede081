package cmd

import (
	"bufio"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/plan-cli/plan/export"
	"github.com/plan-cli/plan/schedule"
)

type exportOptions struct {
	ics, md, all bool
	day, output  string
	alarm        string
}

func newExportCmd(a *app) *cobra.Command {
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
		RunE: func(cmd *cobra.Command, args []string) error { return a.runExport(o) },
	}
	f := c.Flags()
	f.BoolVar(&o.ics, "ics", false, "write an iCalendar (.ics) file")
	f.BoolVar(&o.md, "md", false, "write the recap as Markdown")
	f.BoolVar(&o.all, "all", false, "with --ics: the whole program, not just your picks")
	f.StringVar(&o.day, "day", "", "with --ics: only this day (a date, weekday or day number)")
	f.StringVar(&o.alarm, "alarm", "", "with --ics: a reminder this long before each event, e.g. 10m")
	f.StringVarP(&o.output, "output", "o", "", "write to this file instead of standard output")
	return c
}

func (a *app) runExport(o *exportOptions) error {
	if o.ics == o.md {
		return usagef("choose one of --ics or --md")
	}
	if o.md && (o.all || o.day != "" || o.alarm != "") {
		return usagef("--all, --day and --alarm go with --ics")
	}
	return a.readPlan(func(st *schedule.Store, p *schedule.Plan) error {
		write := func(w io.Writer) error {
			if o.md {
				return export.WriteMarkdown(w, p, schedule.ComputeStats(p))
			}
			return a.writeICS(w, st, p, o)
		}
		return a.emit(o.output, write)
	})
}

// emit streams the output to stdout, or to a file written atomically: the
// old file stays whole until the new one is complete.
func (a *app) emit(path string, write func(io.Writer) error) error {
	if path == "" || path == "-" {
		return write(a.ios.Out)
	}
	err := schedule.WriteFileAtomic(path, 0o644, func(f *os.File) error {
		bw := bufio.NewWriterSize(f, 64<<10)
		if err := write(bw); err != nil {
			return err
		}
		return bw.Flush()
	})
	if err == nil {
		fmt.Fprintf(a.ios.ErrOut, "Wrote %s.\n", path)
	}
	return err
}
