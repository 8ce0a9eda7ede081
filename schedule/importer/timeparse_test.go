package importer

import (
	"errors"
	"testing"
	"time"
)

// One parser reads the ISO 8601 forms every format writes.
func TestParseISOTime(t *testing.T) {
	brussels, err := time.LoadLocation("Europe/Brussels")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ in, want string }{
		{"2026-01-31T10:00:00+01:00", "2026-01-31T10:00:00+01:00"},
		{"2026-01-31T10:00:00+0100", "2026-01-31T10:00:00+01:00"},
		{"2026-01-31T10:00+01:00", "2026-01-31T10:00:00+01:00"},
		{"2026-01-31T09:00:00Z", "2026-01-31T10:00:00+01:00"},
		{"2026-01-31t09:00:00z", "2026-01-31T10:00:00+01:00"},
		{"2026-01-31 10:00:00+01:00", "2026-01-31T10:00:00+01:00"},
		{"2026-01-31T10:00:00", "2026-01-31T10:00:00+01:00"},
		{"2026-01-31 10:00", "2026-01-31T10:00:00+01:00"},
		{"2026-03-29T02:30:00", "2026-03-29T03:30:00+02:00"}, // in the DST gap
	} {
		got, err := parseISOTime(c.in, brussels)
		if err != nil || got.Format(time.RFC3339) != c.want {
			t.Errorf("parseISOTime(%q) = %v, %v; want %s", c.in, got, err, c.want)
		}
	}
	if _, err := parseISOTime("2026-01-31T10:00", nil); !errors.Is(err, errNoOffset) {
		t.Errorf("a wall-clock time without a zone: %v, want errNoOffset", err)
	}
	for _, bad := range []string{"2026-01-31", "10:00", "2026-13-01T10:00:00Z", "soon"} {
		if _, err := parseISOTime(bad, brussels); err == nil {
			t.Errorf("parseISOTime(%q) accepted", bad)
		}
	}
	for _, c := range []struct{ day, clock, want string }{
		{"2026-01-31", "10:00", "2026-01-31T10:00:00+01:00"},
		{"2026-01-31", "25:30", "2026-02-01T01:30:00+01:00"},
		{"2026-03-29", "02:30", "2026-03-29T03:30:00+02:00"},
	} {
		got, err := dayClock(c.day, c.clock, maxDayClock, brussels)
		if err != nil || got.Format(time.RFC3339) != c.want {
			t.Errorf("dayClock(%q, %q) = %v, %v; want %s", c.day, c.clock, got, err, c.want)
		}
	}
	for _, c := range []struct{ day, clock string }{{"2026-01-31", "48:00"}, {"2026-01-31", "-0:30"}, {"31.01.2026", "10:00"}} {
		if _, err := dayClock(c.day, c.clock, maxDayClock, brussels); err == nil {
			t.Errorf("dayClock(%q, %q) accepted", c.day, c.clock)
		}
	}
}
