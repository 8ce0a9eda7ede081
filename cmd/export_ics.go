package cmd

import (
	"io"
	"time"

	"github.com/plan-cli/plan/export"
	"github.com/plan-cli/plan/schedule"
	"github.com/plan-cli/plan/schedule/store"
)

// writeICS builds the calendar: the picks (from their snapshots, with
// abstracts from the program where it still has them), or with --all the
// whole program with the picks' notes and priorities.
func (f *Factory) writeICS(w io.Writer, st *store.Workspace, p *schedule.Plan, o *exportOptions) error {
	var alarm time.Duration
	if o.alarm != "" {
		d, err := time.ParseDuration(o.alarm)
		if err != nil || d < 0 {
			return usagef("--alarm %q: give a length such as 10m or 1h", o.alarm)
		}
		alarm = d
	}
	cal := export.Calendar{Name: p.Conference.Name, TimeZone: p.Conference.TimeZone}
	if o.all {
		prog, err := f.loadProgram(st, p)
		if err != nil {
			return err
		}
		picks := map[string]*schedule.Pick{}
		for _, pk := range p.Picks {
			picks[pk.ID] = pk
		}
		for _, s := range prog.Sessions {
			ev := export.Event{Session: *s, Cancelled: s.Cancelled}
			if pk := picks[s.ID]; pk != nil {
				ev.Priority, ev.Note = pk.Priority, pk.Note
			}
			cal.Events = append(cal.Events, ev)
		}
	} else {
		var ids []string
		for _, pk := range p.Picks {
			if pk.Status != schedule.Skipped && !pk.Personal {
				ids = append(ids, pk.ID)
			}
		}
		full, err := st.FindSessions(p, ids)
		if err != nil {
			return err
		}
		for _, pk := range p.Picks {
			if pk.Status == schedule.Skipped {
				continue
			}
			s := pk.Session
			if fs := full[pk.ID]; fs != nil && !pk.Gone {
				s.Abstract, s.Subtitle = fs.Abstract, fs.Subtitle
			}
			cal.Events = append(cal.Events, export.Event{Session: s, Priority: pk.Priority, Note: pk.Note, Cancelled: pk.Cancelled || pk.Gone})
		}
	}
	if o.day != "" {
		var sessions []*schedule.Session
		for i := range cal.Events {
			sessions = append(sessions, &cal.Events[i].Session)
		}
		d, err := resolveDay(o.day, days(sessions))
		if err != nil {
			return err
		}
		keep := cal.Events[:0]
		for _, ev := range cal.Events {
			if ev.Session.Day() == d {
				keep = append(keep, ev)
			}
		}
		cal.Events = keep
	}
	_, err := export.WriteICS(w, cal, export.ICSOptions{Alarm: alarm, Now: f.IO.Now()})
	return err
}
