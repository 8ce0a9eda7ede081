package cmd

import (
	"fmt"
	"os"
	"runtime/debug"
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

type sessionFilter struct {
	day, track, room, speaker, search string
	kind                              schedule.Kind
}

func (f *sessionFilter) match(s *schedule.Session) bool {
	if f.day != "" && s.Day() != f.day {
		return false
	}
	if f.kind != "" && s.Kind != f.kind {
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
	if f.search != "" {
		if !containsFold(s.Title, f.search) && !containsFold(s.Subtitle, f.search) && !containsFold(s.Abstract, f.search) &&
			!containsFold(s.Track, f.search) && !containsFold(strings.Join(s.Speakers, " "), f.search) && !containsFold(strings.Join(s.Tags, " "), f.search) {
			return false
		}
	}
	return true
}

func containsFold(s, sub string) bool {
	return strings.Contains(strings.ToLower(s), strings.ToLower(sub))
}

// fits reports whether s can join the active picks: it clashes with none
// (overlap or walk) and is not picked already.
func fits(s *schedule.Session, active []*schedule.Pick, v *schedule.Venue) bool {
	if !s.Scheduled() || s.Cancelled {
		return false
	}
	for _, pk := range active {
		if pk.ID == s.ID {
			return false
		}
		if _, _, clash := schedule.Conflict(&pk.Session, s, v); clash {
			return false
		}
	}
	return true
}

func notFound(what, id string, similar []string) error {
	return &schedule.NotFoundError{What: what, ID: id, Similar: similar}
}

// loadProgram reads the whole program. Commands start without the
// garbage collector (see Main); one that holds a large program turns it
// back on at the usual pace, so its memory stays proportional to the
// program instead of growing to the limit.
func loadProgram(st *schedule.Store, p *schedule.Plan) (*schedule.Program, error) {
	prog, err := st.LoadProgram(p)
	if err == nil && len(prog.Sessions) > 5000 && os.Getenv("GOGC") == "" {
		debug.SetGCPercent(100)
	}
	return prog, err
}

// programOf loads the plan's program, failing with what to do when
// nothing was imported yet.
func programOf(st *schedule.Store, p *schedule.Plan) (*schedule.Program, error) {
	prog, err := loadProgram(st, p)
	if err != nil {
		return nil, err
	}
	if len(prog.Sessions) == 0 {
		return nil, fmt.Errorf("the plan has no program yet: run 'plan import PROGRAM'")
	}
	return prog, nil
}
