package cmd

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/plan-cli/plan/export"
	"github.com/plan-cli/plan/schedule"
	"github.com/plan-cli/plan/schedule/store"
	"github.com/spf13/cobra"
)

type exportOptions struct {
	f            *Factory
	ICS, MD, All bool
	Day, Output  string
	Alarm        string
	// HTML, Agenda and Charts: the page and the charts (issue 17).
	HTML, Agenda bool
	Charts       string
}

func newExportCmd(f *Factory, runF func(*exportOptions) error) *cobra.Command {
	o := &exportOptions{f: f}
	c := &cobra.Command{
		Use:   "export (--ics | --md [--charts DIR] | --html [--agenda]) [-o FILE]",
		Short: "Write your calendar (--ics), your recap (--md, --html) or your agenda (--html --agenda)",
		Long: `--ics writes an iCalendar file of your picks (skipped ones left out;
--all for the whole program, --day for one day) that phone and desktop
calendars import, and update in place when you import it again: every
event keeps its UID, SEQUENCE grows when a session changes, and picks the
program dropped or cancelled come out as STATUS:CANCELLED. --alarm 10m
adds a reminder to each event; it takes minutes (10, 10m) or hours and
minutes (1h, 1:30).

--md writes the recap as Markdown: by the numbers, what I learned, facts,
and "Appendix: My Schedule". --charts DIR also writes the charts as SVG
files into DIR and links them from the Markdown.

--html writes the recap as one self-contained page (no fonts, scripts or
images from elsewhere; light and dark; fits a phone; prints well): the
numbers as large figures, sessions per day by kind, hours per day, each
day room by room, what I learned, facts and the appendix. --html --agenda
writes your schedule day by day instead, clashes and tight walks marked.
After the conference's last day the numbers count what you attended;
before and during it they are the plan so far.

Without -o the file goes to standard output. With -o it is written
atomically: the old file stays whole until the new one is complete.
SOURCE_DATE_EPOCH fixes the DTSTAMP for reproducible files.`,
		Example: `  plan export --ics -o fosdem.ics
  plan export --ics --all --alarm 10m > program.ics
  plan export --md -o recap.md
  plan export --md --charts charts -o recap.md
  plan export --html -o recap.html
  plan export --html --agenda -o agenda.html`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(o)
			}
			return runExport(o)
		},
	}
	fl := c.Flags()
	fl.BoolVar(&o.ICS, "ics", false, "write an iCalendar (.ics) file")
	fl.BoolVar(&o.MD, "md", false, "write the recap as Markdown")
	fl.BoolVar(&o.HTML, "html", false, "write the recap as one self-contained HTML page")
	fl.BoolVar(&o.Agenda, "agenda", false, "with --html: your schedule day by day instead of the recap")
	fl.StringVar(&o.Charts, "charts", "", "with --md: write the charts as SVG files into this folder and link them")
	fl.BoolVar(&o.All, "all", false, "with --ics: the whole program, not just your picks")
	fl.StringVar(&o.Day, "day", "", "with --ics: only this day (a date, weekday or day number)")
	fl.StringVar(&o.Alarm, "alarm", "", "with --ics: a reminder this long before each event, e.g. 10m")
	fl.StringVarP(&o.Output, "output", "o", "", "write to this file instead of standard output")
	return c
}

func runExport(o *exportOptions) error {
	f := o.f
	if o.HTML || o.Agenda || o.Charts != "" {
		return runExportPage(o)
	}
	if o.ICS == o.MD {
		return usagef("choose one of --ics, --md or --html")
	}
	if o.MD && (o.All || o.Day != "" || o.Alarm != "") {
		return usagef("--all, --day and --alarm go with --ics")
	}
	var alarm time.Duration
	if o.Alarm != "" {
		d, err := parseLength(o.Alarm)
		if err != nil {
			return usagef("--alarm: %v", err)
		}
		alarm = d
	}
	return f.readPlan(func(st *store.Workspace, p *schedule.Plan) error {
		if o.MD {
			return f.emit(o.Output, func(w io.Writer) error {
				return export.WriteMarkdown(w, p, schedule.ComputeStats(p, f.IO.Now()))
			})
		}
		cal, err := f.calendar(st, p, o.All)
		if err != nil {
			return err
		}
		if o.Day != "" {
			d, err := resolveDay(o.Day, days(cal.Sessions()))
			if err != nil {
				return err
			}
			cal.KeepDay(d)
		}
		return f.emit(o.Output, func(w io.Writer) error {
			_, err := export.WriteICS(w, cal, export.ICSOptions{Alarm: alarm, Now: f.IO.Now()})
			return err
		})
	})
}

// emit streams the output to stdout, or to a file written atomically: the
// old file stays whole until the new one is complete. "-" and the names
// of standard output (/dev/stdout, /dev/fd/1) are standard output, and
// /dev/stderr standard error, so that the output goes through the same
// writer as everything else plan prints. A FIFO, a device or any other
// file that is not a regular one is written to as it is (see
// store.WriteFileAtomic). The plan's own files (the plan, its program,
// its lock) are refused: -o plan.yaml would destroy the plan.
func (f *Factory) emit(path string, write func(io.Writer) error) error {
	switch path {
	case "", "-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1":
		return write(f.IO.Out)
	case "/dev/stderr", "/dev/fd/2", "/proc/self/fd/2":
		return write(f.IO.ErrOut)
	}
	if own, err := store.IsPlanFile(f.planPath(), path); err != nil {
		return err
	} else if own {
		return usagef("-o %s: that is a file of the plan itself; write the export to another file", path)
	}
	err := store.WriteFileAtomic(path, 0o644, func(file *os.File) error {
		bw := bufio.NewWriterSize(file, 64<<10)
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

// calendar is the calendar of the picks (from their snapshots, with
// abstracts from the program), or with all the whole program with the
// picks' priorities and notes: what export --ics, serve and sync write.
func (f *Factory) calendar(st *store.Workspace, p *schedule.Plan, all bool) (export.Calendar, error) {
	if all {
		prog, err := f.loadProgram(st, p)
		if err != nil {
			return export.Calendar{}, err
		}
		return export.ProgramCalendar(p, prog.Sessions), nil
	}
	full, err := st.FindSessions(p, export.PickIDs(p))
	if err != nil {
		return export.Calendar{}, err
	}
	return export.PicksCalendar(p, full), nil
}
