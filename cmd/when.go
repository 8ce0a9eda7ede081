package cmd

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/plan-cli/plan/schedule"
)

// One parser reads every time and every length a flag or argument takes
// (add --start/--end, now --at, export --alarm, walk, …), so they all
// accept the same forms.

// timeContext is what a time of day needs to become a moment: the
// conference's zone and days, the day a bare time of day falls on when
// the command knows one (--end after --start), and the clock for "now".
type timeContext struct {
	loc  *time.Location
	days []schedule.Day // the program's conference days
	ref  time.Time      // the day a bare "13:35" falls on; zero: see parseMoment
	now  time.Time
}

const timeForms = `"2026-01-31 10:00", "sat 12:00", "12:45pm", "13:35", RFC 3339 or "now"`

var clockRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(\d{1,2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?$`)
})

// parseMoment reads a moment as people type it, in the conference's zone:
//
//	2026-01-31 10:00, 2026-01-31T10:00, RFC 3339 (any offset), now,
//	sat 12:00, saturday 12:45pm, 2 09:30 (the second day), and a bare
//	time of day 13:35 or 9am.
//
// A bare time of day falls on c.ref when set, else on today when today is
// a conference day, else on the conference's only day; otherwise it is an
// error that lists the days. A local time that does not exist (the clocks
// jump forward then) is refused.
func parseMoment(s string, c timeContext) (time.Time, error) {
	s = strings.TrimSpace(s)
	loc := c.loc
	if loc == nil {
		loc = time.UTC
	}
	if strings.EqualFold(s, "now") {
		return c.now.In(loc), nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.In(loc), nil
	}
	for _, layout := range []string{"2006-01-02 15:04", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02T15:04:05"} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, checkWallClock(t, s, layout, loc)
		}
	}
	dayPart, clockPart := "", s
	if d, rest, ok := strings.Cut(s, " "); ok && !clockRE().MatchString(strings.ToLower(s)) {
		dayPart, clockPart = d, strings.TrimSpace(rest)
	}
	h, m, ok := parseClock(clockPart)
	if !ok {
		return time.Time{}, fmt.Errorf("cannot read %q as a time: write %s (in the conference's zone, %s)", s, timeForms, loc)
	}
	var date schedule.Day
	switch {
	case dayPart != "":
		if d, err := schedule.ParseDay(dayPart); err == nil {
			date = d
			break
		}
		d, err := resolveDay(dayPart, c.days)
		if err != nil {
			return time.Time{}, fmt.Errorf("%q: %v", s, err)
		}
		date = d
	case !c.ref.IsZero():
		date = schedule.DayOf(c.ref.In(loc))
	default:
		if today := schedule.DayOf(c.now.In(loc)); slices.Contains(c.days, today) {
			date = today
		} else if len(c.days) == 1 {
			date = c.days[0]
		} else {
			return time.Time{}, fmt.Errorf("%q has no day: write it as \"sat %s\" or \"YYYY-MM-DD %s\" (days: %s)", s, clockPart, clockPart, describeDays(c.days))
		}
	}
	y, mo, d := date.Date()
	t := time.Date(y, mo, d, h, m, 0, 0, loc)
	wall := fmt.Sprintf("%s %02d:%02d", date, h, m)
	return t, checkWallClock(t, wall, "2006-01-02 15:04", loc)
}

// parseClock reads a time of day: 13:35, 9:05, 12:45pm, 9am, 9 AM.
func parseClock(s string) (h, m int, ok bool) {
	g := clockRE().FindStringSubmatch(strings.ToLower(strings.TrimSpace(s)))
	if g == nil {
		return 0, 0, false
	}
	h, _ = strconv.Atoi(g[1])
	if g[2] != "" {
		m, _ = strconv.Atoi(g[2])
	} else if g[3] == "" {
		return 0, 0, false // a bare number is a length or a day, not a time
	}
	switch ampm := strings.ReplaceAll(g[3], ".", ""); {
	case ampm == "" && h <= 23:
	case ampm != "" && h >= 1 && h <= 12:
		h %= 12
		if ampm == "pm" {
			h += 12
		}
	default:
		return 0, 0, false
	}
	if m > 59 {
		return 0, 0, false
	}
	return h, m, true
}

// checkWallClock refuses a local time that does not exist because the
// clocks jump forward then (Go would silently move it by an hour).
func checkWallClock(t time.Time, s, layout string, loc *time.Location) error {
	wall, err := time.Parse(layout, s)
	if err != nil {
		return nil
	}
	y1, m1, d1 := wall.Date()
	y2, m2, d2 := t.Date()
	if y1 != y2 || m1 != m2 || d1 != d2 || wall.Hour() != t.Hour() || wall.Minute() != t.Minute() {
		return fmt.Errorf("%s does not exist in %s: the clocks jump forward then", s, loc)
	}
	return nil
}

var lengthRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(?:(\d+)\s*h(?:ours?)?)?\s*(?:(\d+)\s*(?:m|min|mins|minutes?)?)?$`)
})

// parseLength reads a length of time in whole minutes: 10 (minutes), 10m,
// 10 min, 1h, 1h30, 1h30m, 1:30. Fractions ("2.9"), other units and
// trailing text ("10x") are refused, not rounded.
func parseLength(s string) (time.Duration, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	bad := fmt.Errorf("%q is not a length: write minutes (10, 10m) or hours and minutes (1h30, 1:30)", s)
	if t == "" {
		return 0, bad
	}
	if h, m, ok := strings.Cut(t, ":"); ok {
		hh, err1 := strconv.Atoi(h)
		mm, err2 := strconv.Atoi(m)
		if err1 != nil || err2 != nil || hh < 0 || mm < 0 || mm > 59 || len(m) != 2 {
			return 0, bad
		}
		return time.Duration(hh)*time.Hour + time.Duration(mm)*time.Minute, nil
	}
	g := lengthRE().FindStringSubmatch(t)
	if g == nil || (g[1] == "" && g[2] == "") {
		return 0, bad
	}
	var d time.Duration
	if g[1] != "" {
		h, err := strconv.Atoi(g[1])
		if err != nil {
			return 0, bad
		}
		d += time.Duration(h) * time.Hour
	}
	if g[2] != "" {
		m, err := strconv.Atoi(g[2])
		if err != nil {
			return 0, bad
		}
		d += time.Duration(m) * time.Minute
	}
	return d, nil
}

// parseEnd reads an end: a moment (a bare time of day falls on start's
// day), or a length after start ("30m", "1h30"). "1:30" is a time of day
// when that comes after start, else a length.
func parseEnd(s string, start time.Time, c timeContext) (time.Time, error) {
	c.ref = start
	t, err := parseMoment(s, c)
	if err == nil && t.After(start) {
		return t, nil
	}
	if d, lerr := parseLength(s); lerr == nil {
		return start.Add(d), nil
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("cannot read %q as an end: write a time (%s) or a length (30m, 1h30)", s, timeForms)
	}
	return t, nil
}
