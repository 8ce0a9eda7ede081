package schedule

import (
	"errors"
	"testing"
)

// ParseZone is the one reader of zones: tz names and fixed offsets, not
// Go's "Local".
func TestParseZone(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Europe/Brussels", "Europe/Brussels"},
		{" America/Los_Angeles ", "America/Los_Angeles"},
		{"UTC", "UTC"},
		{"+01:00", "+01:00"},
		{"-0330", "-03:30"},
		{"+05", "+05:00"},
		{"UTC+01:00", "+01:00"},
		{"GMT-08:00", "-08:00"},
		{"+00:00", "UTC"},
	} {
		loc, err := ParseZone(c.in)
		if err != nil || loc.String() != c.want {
			t.Errorf("ParseZone(%q) = %v, %v; want %s", c.in, loc, err, c.want)
		}
	}
	for _, in := range []string{"Local", "local", " Local "} {
		if _, err := ParseZone(in); !errors.Is(err, ErrLocalZone) {
			t.Errorf("ParseZone(%q): %v, want ErrLocalZone", in, err)
		}
	}
	for _, in := range []string{"", "Europe/Brusels", "+15:00", "+01:60", "CEST", "../etc/passwd"} {
		if loc, err := ParseZone(in); err == nil {
			t.Errorf("ParseZone(%q) = %v, want an error", in, loc)
		}
	}
}
