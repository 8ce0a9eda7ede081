package importer

// Times and lengths as the feeds write them. Every format but iCalendar
// writes ISO 8601 date-times, with an offset or as wall-clock time in the
// conference's zone; pentabarf and frab also a day's date and an HH:MM
// clock. One parser reads them all; each importer adds only its words for
// the error.

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/plan-cli/plan/schedule"
)

// isoOffsetLayouts are the ISO 8601 date-times with an offset that feeds
// write: seconds optional, the offset with or without its colon, "Z"
// for UTC. A fraction of a second after the seconds is read too.
var isoOffsetLayouts = []string{time.RFC3339, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04Z07:00", "2006-01-02T15:04Z0700"}

// isoLocalLayouts are the wall-clock forms, seconds optional.
var isoLocalLayouts = []string{"2006-01-02T15:04:05", "2006-01-02T15:04"}

// errNoOffset is returned by parseISOTime for a wall-clock time when no
// zone is given to place it; callers say which flag or field would.
var errNoOffset = errors.New("the time has no UTC offset")

// normISO trims s and writes the date-time separator as "T" (feeds and
// spreadsheets also write a space or "t") and "z" as "Z".
func normISO(s string) string {
	s = strings.TrimSpace(s)
	if len(s) > 10 && (s[10] == ' ' || s[10] == 't') {
		s = s[:10] + "T" + strings.TrimSpace(s[11:])
	}
	if strings.HasSuffix(s, "z") {
		s = s[:len(s)-1] + "Z"
	}
	return s
}

// parseOffsetTime reads an ISO 8601 date-time that carries an offset
// (see isoOffsetLayouts). The time keeps the offset it was written with.
func parseOffsetTime(s string) (time.Time, error) {
	s = normISO(s)
	var err error
	for _, layout := range isoOffsetLayouts {
		var t time.Time
		if t, err = time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, err
}

// parseISOTime reads an ISO 8601 date-time. With an offset it keeps the
// instant and, when loc is given, expresses it in loc; without one it is
// loc's wall-clock time (see wallTime), or errNoOffset when loc is nil.
func parseISOTime(s string, loc *time.Location) (time.Time, error) {
	if t, err := parseOffsetTime(s); err == nil {
		if loc != nil {
			t = t.In(loc)
		}
		return t, nil
	}
	s = normISO(s)
	for _, layout := range isoLocalLayouts {
		naive, err := time.Parse(layout, s)
		if err != nil {
			continue
		}
		if loc == nil {
			return time.Time{}, errNoOffset
		}
		y, mo, d := naive.Date()
		h, mi, sec := naive.Clock()
		return wallTime(y, int(mo), d, h, mi, sec, loc).Add(time.Duration(naive.Nanosecond())), nil
	}
	return time.Time{}, fmt.Errorf("%q is not an ISO 8601 date and time", s)
}

// hasOffset reports whether s is a date-time with an offset.
func hasOffset(s string) bool {
	_, err := parseOffsetTime(s)
	return err == nil
}

// maxDayClock bounds a session's time of day: frab writes "25:30" for
// half past one in the night of a conference day; two days on is a
// mistake.
const maxDayClock = 48 * time.Hour

// dayClock is the instant of clock (a time of day as hhmmDuration reads it,
// below maxClock) on the date day (YYYY-MM-DD, anything after the tenth
// character ignored) in loc: how pentabarf's <start> and frab's "start"
// place a session on its day.
func dayClock(day, clock string, maxClock time.Duration, loc *time.Location) (time.Time, error) {
	d, err := feedDay(day)
	if err != nil {
		return time.Time{}, err
	}
	off, err := hhmmDuration(clock)
	if err != nil || off >= maxClock {
		return time.Time{}, fmt.Errorf("%q is not a time of the form HH:MM", strings.TrimSpace(clock))
	}
	// Past midnight ("25:30", as frab writes a night session) is the next day.
	d = d.AddDays(int(off / (24 * time.Hour)))
	off %= 24 * time.Hour
	h, m := int(off/time.Hour), int(off%time.Hour/time.Minute)
	y, mo, dd := d.Date()
	return wallTime(y, int(mo), dd, h, m, 0, loc), nil
}

// feedDay reads the date a feed labels a day with (pentabarf's <day
// date>, frab's day "date"): YYYY-MM-DD, anything after the tenth
// character ignored.
func feedDay(day string) (schedule.Day, error) {
	day = strings.TrimSpace(day)
	d, err := schedule.ParseDay(day[:min(10, len(day))])
	if err != nil {
		return 0, fmt.Errorf("bad day date %q: want YYYY-MM-DD", day)
	}
	return d, nil
}

// filedUnder is the conference day to record for a session starting at
// start inside a feed's day labelled dayDate (see schedule.FiledUnder);
// none when the label is no date.
func filedUnder(dayDate string, start time.Time) schedule.Day {
	d, err := feedDay(dayDate)
	if err != nil {
		return 0
	}
	return schedule.FiledUnder(d, start)
}

// localDay is the conference day a <day> (or frab day) stands for. wafer
// (DebConf) labels each day by the UTC date of its start: <day
// date="2023-09-13" start="2023-09-13T21:30:00+00:00"> holds local
// Thursday 14 September in Asia/Kolkata. When the day's start, in the
// conference zone, falls on a later date than its label, that local
// date is the day, as it is when the label is no date; otherwise the
// label stands (38C3's nights after midnight belong to the day before,
// as the program files them).
func localDay(date, start string, loc *time.Location) string {
	date = strings.TrimSpace(date)
	if loc == nil || len(date) < 10 || strings.TrimSpace(start) == "" {
		return date
	}
	t, err := parseOffsetTime(start)
	if err != nil {
		return date
	}
	local := schedule.DayOf(t.In(loc))
	if label, err := schedule.ParseDay(date[:10]); err == nil && !local.After(label) {
		return date
	}
	return local.String()
}

// hhmmDuration reads "HH:MM" or "HH:MM:SS" as a duration: since midnight
// for a time of day, or a length (pentabarf's <duration>, frab's
// "duration"). Not cmd's parseClock, which reads a wall clock a person
// types.
func hhmmDuration(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	parts := strings.Split(s, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return 0, fmt.Errorf("%q is not a time of the form HH:MM", s)
	}
	var total time.Duration
	units := []time.Duration{time.Hour, time.Minute, time.Second}
	for i, p := range parts {
		// Digits only: Atoi alone takes "-00" for 0, which read a
		// duration of "-00:50" as 50 minutes.
		n, err := strconv.Atoi(p)
		if err != nil || strings.Trim(p, "0123456789") != "" || (i > 0 && n > 59) || n > 1<<20 { // 1<<20 hours: far from overflow
			return 0, fmt.Errorf("%q is not a time of the form HH:MM", s)
		}
		total += time.Duration(n) * units[i]
	}
	return total, nil
}

// loadZone reads the zone a program names (a tz database name or a fixed
// offset, as schedule.ParseZone reads every zone), with a message that
// says what to do.
func loadZone(name string) (*time.Location, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return nil, fmt.Errorf("no time zone given")
	}
	loc, err := schedule.ParseZone(name)
	if err != nil {
		return nil, fmt.Errorf("unknown time zone %q: correct it to a tz database name such as Europe/Brussels, or give the conference's zone with --tz", name)
	}
	return loc, nil
}

func digits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, len(s) > 0
}

func daysIn(y, mo int) int {
	return time.Date(y, time.Month(mo)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// wallTime is the instant a wall-clock time names in loc, read as RFC
// 5545 says: a time in a daylight-saving gap (02:30 when clocks jump from
// 02:00 to 03:00) uses the offset before the gap, so it lands at 03:30;
// an ambiguous time (01:30 when clocks fall back) is the first one.
func wallTime(y, mo, d, h, mi, s int, loc *time.Location) time.Time {
	naive := time.Date(y, time.Month(mo), d, h, mi, s, 0, time.UTC)
	t := time.Date(y, time.Month(mo), d, h, mi, s, 0, loc)
	_, before := t.Add(-24 * time.Hour).Zone()
	_, at := t.Zone()
	_, after := t.Add(24 * time.Hour).Zone()
	var best time.Time
	for _, off := range [3]int{before, at, after} {
		u := naive.Add(-time.Duration(off) * time.Second).In(loc)
		uy, um, ud := u.Date()
		uh, umi, us := u.Clock()
		if uy == y && int(um) == mo && ud == d && uh == h && umi == mi && us == s && (best.IsZero() || u.Before(best)) {
			best = u
		}
	}
	if best.IsZero() { // in a gap
		best = naive.Add(-time.Duration(before) * time.Second).In(loc)
	}
	return best
}

// csvDuration reads a CSV duration cell: minutes ("45", "45 min"), H:MM
// ("1:30") or a Go duration ("1h30m"). It must not be negative or longer
// than a day. Not cmd's parseLength, which reads a --length flag.
func csvDuration(v string) (time.Duration, error) {
	s := strings.ToLower(strings.TrimSpace(v))
	for _, suf := range []string{"minutes", "minute", "mins", "min"} {
		if strings.HasSuffix(s, suf) {
			s = strings.TrimSpace(strings.TrimSuffix(s, suf))
			break
		}
	}
	var d time.Duration
	if n, err := strconv.Atoi(s); err == nil {
		if n < 0 || n > 24*60 {
			return 0, fmt.Errorf("%q minutes: want 0 to 1440", clip(v, 40))
		}
		d = time.Duration(n) * time.Minute
	} else if strings.Contains(s, ":") {
		c, err := hhmmDuration(s)
		if err != nil {
			return 0, err
		}
		d = c
	} else if g, err := time.ParseDuration(s); err == nil {
		d = g
	} else {
		return 0, fmt.Errorf("%q is not a length: want minutes (45), H:MM (1:30) or 1h30m", clip(v, 40))
	}
	if d < 0 || d > 24*time.Hour {
		return 0, fmt.Errorf("%q: want a length from 0 to 24 hours", clip(v, 40))
	}
	return d, nil
}
