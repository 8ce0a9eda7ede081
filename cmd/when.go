package cmd

import (
	"fmt"
	"strings"
	"time"

	"github.com/plan-cli/plan/schedule"
)

// parseWhen reads a moment as people type it: RFC 3339, "2026-03-07
// 10:00", "2026-03-07T10:00", or "10:00" on the day of ref.
func parseWhen(s string, ref time.Time, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.In(loc), nil
	}
	for _, layout := range []string{"2006-01-02 15:04", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02T15:04:05"} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, checkWallClock(t, s, layout, loc)
		}
	}
	if t, err := time.Parse("15:04", s); err == nil {
		if ref.IsZero() {
			return time.Time{}, fmt.Errorf("%q has no date: write it as YYYY-MM-DD HH:MM, e.g. 2026-03-07 %s", s, s)
		}
		r := ref.In(loc)
		out := time.Date(r.Year(), r.Month(), r.Day(), t.Hour(), t.Minute(), 0, 0, loc)
		return out, checkWallClock(out, out.Format("2006-01-02")+" "+s, "2006-01-02 15:04", loc)
	}
	return time.Time{}, fmt.Errorf("cannot read %q as a time: write YYYY-MM-DD HH:MM (in the conference's zone, %s) or RFC 3339", s, loc)
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

// parseMinutes reads a walking time: "10m", "1h30m", or a plain number of
// minutes.
func parseMinutes(s string) (schedule.Minutes, error) {
	var d time.Duration
	if n, err := fmt.Sscanf(s, "%d", new(int)); err == nil && n == 1 && !strings.ContainsAny(s, "hms") {
		var m int
		fmt.Sscanf(s, "%d", &m)
		d = time.Duration(m) * time.Minute
	} else {
		var err error
		if d, err = time.ParseDuration(s); err != nil {
			return 0, fmt.Errorf("%q is not a duration: write it as 10m or 1h30m", s)
		}
	}
	if d < 0 {
		return 0, fmt.Errorf("%q is negative", s)
	}
	return schedule.Minutes((d + time.Minute - 1) / time.Minute), nil
}
