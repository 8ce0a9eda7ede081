package cmd

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/plan-cli/plan/schedule"
)

// days lists the distinct dates (YYYY-MM-DD) of scheduled sessions.
func days(sessions []*schedule.Session) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range sessions {
		if d := s.Day(); d != "" && !seen[d] {
			seen[d] = true
			out = append(out, d)
		}
	}
	sort.Strings(out)
	return out
}

// resolveDay turns what the user typed for --day into a date: a date
// (2026-01-31), a weekday (sat, Saturday), or a day number (1 is the
// first day of the program).
func resolveDay(arg string, known []string) (string, error) {
	a := strings.ToLower(strings.TrimSpace(arg))
	if _, err := time.Parse(time.DateOnly, a); err == nil {
		for _, d := range known {
			if d == a {
				return a, nil
			}
		}
		return "", usagef("--day %s: no session on that day (days: %s)", arg, describeDays(known))
	}
	if n, err := strconv.Atoi(a); err == nil {
		if n >= 1 && n <= len(known) {
			return known[n-1], nil
		}
		return "", usagef("--day %s: the program has %d days", arg, len(known))
	}
	var matches []string
	for _, d := range known {
		t, _ := time.Parse(time.DateOnly, d)
		wd := strings.ToLower(t.Weekday().String())
		if len(a) >= 2 && strings.HasPrefix(wd, a) {
			matches = append(matches, d)
		}
	}
	switch len(matches) {
	case 1:
		return matches[0], nil
	case 0:
		return "", usagef("--day %q matches no day of the program (days: %s)", arg, describeDays(known))
	}
	return "", usagef("--day %q matches %d days (%s): give the date", arg, len(matches), strings.Join(matches, ", "))
}

func describeDays(known []string) string {
	var parts []string
	for _, d := range known {
		t, _ := time.Parse(time.DateOnly, d)
		parts = append(parts, t.Format("Mon 2006-01-02"))
	}
	if len(parts) == 0 {
		return "none scheduled"
	}
	return strings.Join(parts, ", ")
}

// onDay keeps the picks of one conference day (YYYY-MM-DD).
func onDay(picks []*schedule.Pick, day string) []*schedule.Pick {
	var keep []*schedule.Pick
	for _, pk := range picks {
		if pk.Day() == day {
			keep = append(keep, pk)
		}
	}
	return keep
}
