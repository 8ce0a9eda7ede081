package cmd

import (
	"strings"
	"testing"
	"time"

	"github.com/plan-cli/plan/schedule"
)

func TestParseLength(t *testing.T) {
	ok := map[string]time.Duration{
		"10": 10 * time.Minute, "10m": 10 * time.Minute, "10 min": 10 * time.Minute, "0": 0,
		"1h": time.Hour, "1h30": 90 * time.Minute, "1h30m": 90 * time.Minute, "1:30": 90 * time.Minute,
		"2 h 5 min": 125 * time.Minute, "90": 90 * time.Minute,
	}
	for in, want := range ok {
		got, err := parseLength(in)
		if err != nil || got != want {
			t.Errorf("parseLength(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"2.9", "10x", "", "-5", "1:3", "1:60", "soon", "10s", "h", "1.5h"} {
		if d, err := parseLength(in); err == nil {
			t.Errorf("parseLength(%q) = %v, want an error", in, d)
		}
	}
}

func TestParseMoment(t *testing.T) {
	brussels, _ := time.LoadLocation("Europe/Brussels")
	la, _ := time.LoadLocation("America/Los_Angeles")
	fosdem := timeContext{loc: brussels, days: daysOf("2026-01-31", "2026-02-01"), now: time.Date(2026, 1, 31, 9, 15, 0, 0, time.UTC)}
	before := fosdem
	before.now = time.Date(2026, 1, 20, 9, 0, 0, 0, time.UTC)
	oneDay := timeContext{loc: brussels, days: daysOf("2026-01-31"), now: before.now}
	scale := timeContext{loc: la, days: daysOf("2025-03-06", "2025-03-07", "2025-03-08", "2025-03-09"), now: before.now}
	tests := []struct {
		in   string
		c    timeContext
		want string
	}{
		{"2026-01-31 10:00", before, "2026-01-31T10:00:00+01:00"},
		{"2026-01-31T10:00", before, "2026-01-31T10:00:00+01:00"},
		{"2026-01-31T09:00:00Z", before, "2026-01-31T10:00:00+01:00"},
		{"sat 12:00", before, "2026-01-31T12:00:00+01:00"},
		{"Sunday 9:05am", before, "2026-02-01T09:05:00+01:00"},
		{"2 12:45pm", before, "2026-02-01T12:45:00+01:00"},
		{"sun 12pm", before, "2026-02-01T12:00:00+01:00"},
		{"sun 12am", before, "2026-02-01T00:00:00+01:00"},
		{"13:35", fosdem, "2026-01-31T13:35:00+01:00"},    // today is a conference day
		{"12:45 PM", oneDay, "2026-01-31T12:45:00+01:00"}, // the conference's only day
		{"now", fosdem, "2026-01-31T10:15:00+01:00"},
		// Across the US change to daylight time on Sunday 9 March 2025.
		{"sat 11:00", scale, "2025-03-08T11:00:00-08:00"},
		{"sun 11:00", scale, "2025-03-09T11:00:00-07:00"},
	}
	for _, tt := range tests {
		got, err := parseMoment(tt.in, tt.c)
		if err != nil {
			t.Errorf("parseMoment(%q): %v", tt.in, err)
			continue
		}
		if s := got.Format(time.RFC3339); s != tt.want {
			t.Errorf("parseMoment(%q) = %s, want %s", tt.in, s, tt.want)
		}
	}
	bad := []struct{ in, c, want string }{
		{"13:35", "before", `"13:35" has no day: write it as "sat 13:35" or "YYYY-MM-DD 13:35" (days: Sat 2026-01-31, Sun 2026-02-01)`},
		{"mon 10:00", "before", `"mon 10:00": --day "mon" matches no day of the program`},
		{"25:00", "before", `cannot read "25:00" as a time`},
		{"sat 13:61", "before", `cannot read "sat 13:61" as a time`},
		{"10", "before", `cannot read "10" as a time`},
		{"sun 02:30", "scale", "2025-03-09 02:30 does not exist in America/Los_Angeles: the clocks jump forward then"},
	}
	for _, tt := range bad {
		c := before
		if tt.c == "scale" {
			c = scale
		}
		_, err := parseMoment(tt.in, c)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("parseMoment(%q) error = %v, want it to contain %q", tt.in, err, tt.want)
		}
	}
}

func TestParseEnd(t *testing.T) {
	brussels, _ := time.LoadLocation("Europe/Brussels")
	c := timeContext{loc: brussels, days: daysOf("2026-01-31", "2026-02-01")}
	start := time.Date(2026, 1, 31, 10, 0, 0, 0, brussels)
	for in, want := range map[string]string{
		"30m": "10:30", "1h30": "11:30", "1:30": "11:30", "11:00": "11:00", "2pm": "14:00", "sat 12:00": "12:00", "45": "10:45",
	} {
		got, err := parseEnd(in, start, c)
		if err != nil || got.Format("15:04") != want {
			t.Errorf("parseEnd(%q) = %v, %v; want %s", in, got, err, want)
		}
	}
}

// daysOf is the days named, for a timeContext.
func daysOf(names ...string) []schedule.Day {
	var out []schedule.Day
	for _, n := range names {
		d, err := schedule.ParseDay(n)
		if err != nil {
			panic(err)
		}
		out = append(out, d)
	}
	return out
}
