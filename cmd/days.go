package cmd

import (
	"slices"
	"strconv"
	"strings"

	"github.com/plan-cli/plan/schedule"
)

// days lists the distinct conference days of scheduled sessions, in
// order.
func days(sessions []*schedule.Session) []schedule.Day {
	var out []schedule.Day
	seen := map[schedule.Day]bool{}
	for _, s := range sessions {
		if d := s.Day(); !d.IsZero() && !seen[d] {
			seen[d] = true
			out = append(out, d)
		}
	}
	slices.Sort(out)
	return out
}

// resolveDay turns what the user typed for --day into a date: a date
// (2026-01-31), a weekday (sat, Saturday), or a day number (1 is the
// first day of the program).
func resolveDay(arg string, known []schedule.Day) (schedule.Day, error) {
	a := strings.ToLower(strings.TrimSpace(arg))
	if day, err := schedule.ParseDay(a); err == nil {
		if slices.Contains(known, day) {
			return day, nil
		}
		return 0, usagef("--day %s: no session on that day (days: %s)", arg, describeDays(known))
	}
	if n, err := strconv.Atoi(a); err == nil {
		if n >= 1 && n <= len(known) {
			return known[n-1], nil
		}
		return 0, usagef("--day %s: the program has %s", arg, schedule.Plural(len(known), "day", ""))
	}
	var matches []string
	var match schedule.Day
	for _, d := range known {
		wd := strings.ToLower(d.Weekday().String())
		if len(a) >= 2 && strings.HasPrefix(wd, a) {
			matches, match = append(matches, d.String()), d
		}
	}
	switch len(matches) {
	case 1:
		return match, nil
	case 0:
		return 0, usagef("--day %q matches no day of the program (days: %s)", arg, describeDays(known))
	}
	return 0, usagef("--day %q matches %d days (%s): give the date", arg, len(matches), strings.Join(matches, ", "))
}

func describeDays(known []schedule.Day) string {
	var parts []string
	for _, d := range known {
		parts = append(parts, d.Format("Mon 2006-01-02"))
	}
	if len(parts) == 0 {
		return "none scheduled"
	}
	return strings.Join(parts, ", ")
}

// onDay keeps the picks of one conference day.
func onDay(picks []*schedule.Pick, day schedule.Day) []*schedule.Pick {
	var keep []*schedule.Pick
	for _, pk := range picks {
		if pk.Day() == day {
			keep = append(keep, pk)
		}
	}
	return keep
}
