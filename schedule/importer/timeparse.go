package importer

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// parseClock reads "HH:MM" or "HH:MM:SS" as a duration since midnight (or
// a length, for frab's "duration").
func parseClock(s string) (time.Duration, error) {
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

// loadZone resolves an IANA zone name, with a message that says what to do.
func loadZone(name string) (*time.Location, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return nil, fmt.Errorf("no time zone given")
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("unknown time zone %q: correct it to a tz database name such as Europe/Brussels, or give the conference's zone with --tz", name)
	}
	return loc, nil
}
