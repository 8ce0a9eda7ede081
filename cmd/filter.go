package cmd

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/plan-cli/plan/export/present"
	"github.com/plan-cli/plan/schedule"
)

type sessionFilter struct {
	day                  schedule.Day
	track, room, speaker string
	kind                 schedule.Kind
	// search: every word must occur, in any order (see present.Query).
	search present.Query
	// after keeps sessions starting at or after it; at keeps those
	// running at that moment (start <= at < end). Zero: no filter.
	after, at time.Time
}

func (f *sessionFilter) match(s *schedule.Session) bool {
	if !f.day.IsZero() && s.Day() != f.day {
		return false
	}
	if f.kind != "" && s.Kind != f.kind {
		return false
	}
	if !f.after.IsZero() && (!s.Scheduled() || s.Start.Before(f.after)) {
		return false
	}
	if !f.at.IsZero() && (!s.Scheduled() || s.Start.After(f.at) || !f.at.Before(s.End)) {
		return false
	}
	if f.track != "" && !containsFold(s.Track, f.track) {
		return false
	}
	if f.room != "" && !containsFold(s.Room, f.room) {
		return false
	}
	if f.speaker != "" {
		ok := false
		for _, sp := range s.Speakers {
			if containsFold(sp, f.speaker) {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return f.search.Match(s)
}

func containsFold(s, sub string) bool {
	return strings.Contains(strings.ToLower(s), strings.ToLower(sub))
}

// nameCount is a track or room and how many sessions it has.
type nameCount struct {
	name     string
	sessions int
}

// countBy counts sessions by a field (track, room), sorted by name
// ignoring case.
func countBy(sessions []*schedule.Session, field func(*schedule.Session) string) []nameCount {
	n := map[string]int{}
	for _, s := range sessions {
		n[field(s)]++
	}
	out := make([]nameCount, 0, len(n))
	for k, v := range n {
		out = append(out, nameCount{k, v})
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := strings.ToLower(out[i].name), strings.ToLower(out[j].name)
		if a != b {
			return a < b
		}
		return out[i].name < out[j].name
	})
	return out
}

// checkNamed fails with a "did you mean" when no value of field contains
// what the user gave for --flag (what: "track", "room").
func checkNamed(flag, what, given string, sessions []*schedule.Session, field func(*schedule.Session) string) error {
	if given == "" {
		return nil
	}
	var names []string
	for _, nc := range countBy(sessions, field) {
		if containsFold(nc.name, given) {
			return nil
		}
		if nc.name != "" {
			names = append(names, nc.name)
		}
	}
	msg := fmt.Sprintf("--%s %q matches no %s of the program", flag, given, what)
	if near := nearestName(given, names); near != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", near)
	}
	return usagef("%s; 'plan %ss' lists them", msg, what)
}

// nearestName is the name closest to s by edit distance (whole name or
// one of its words), "" when none is close.
func nearestName(s string, names []string) string {
	low := strings.ToLower(strings.TrimSpace(s))
	best, bestD := "", max(2, len([]rune(low))/3)+1
	for _, n := range names {
		cands := append([]string{strings.ToLower(n)}, strings.Fields(strings.ToLower(n))...)
		for _, c := range cands {
			if d := schedule.EditDistance(low, c); d < bestD {
				best, bestD = n, d
			}
		}
	}
	return best
}
