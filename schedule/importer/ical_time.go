package importer

// iCalendar times: DATE and DATE-TIME values, TZIDs resolved with the tz
// database (and the Windows names of windowszones_gen.go), DURATION.

//go:generate go run ./internal/genwinzones -in internal/windowszones/windowsZones.xml -out windowszones_gen.go

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/plan-cli/plan/schedule"
)

// icsTime is a DTSTART or DTEND read and placed.
type icsTime struct {
	t    time.Time
	date bool // VALUE=DATE: an all-day date
}

// readTime reads a DATE or DATE-TIME property. Dates and floating times
// are placed in loc; TZIDs are resolved with the tz database.
func (p *icsParser) readTime(pr *icsProp, loc *time.Location) (icsTime, error) {
	v := strings.TrimSpace(pr.value)
	valueType := strings.ToUpper(pr.param("VALUE"))
	isDate := valueType == "DATE" || valueType == "" && len(v) == 8
	if valueType != "" && valueType != "DATE" && valueType != "DATE-TIME" {
		return icsTime{}, fmt.Errorf("%s has VALUE=%s; only DATE and DATE-TIME are understood", pr.name, valueType)
	}
	if isDate {
		y, mo, d, ok := parseICSDate(v)
		if !ok || len(v) != 8 {
			return icsTime{}, fmt.Errorf("bad %s date %q: want YYYYMMDD, such as 20260307", pr.name, clip(v, 40))
		}
		if loc == nil {
			return icsTime{}, noZone(fmt.Sprintf("%s is an all-day date and the calendar names no time zone: %s", pr.name, p.askZone()))
		}
		return icsTime{t: time.Date(y, time.Month(mo), d, 0, 0, 0, 0, loc), date: true}, nil
	}
	y, mo, d, ok := parseICSDate(v)
	utc := len(v) == 16 && (v[15] == 'Z' || v[15] == 'z')
	if !ok || !(len(v) == 15 || utc) || v[8] != 'T' && v[8] != 't' {
		return icsTime{}, fmt.Errorf("bad %s %q: want a date-time such as 20260307T100000 (local) or 20260307T180000Z (UTC)", pr.name, clip(v, 40))
	}
	h, okH := digits(v[9:11])
	mi, okM := digits(v[11:13])
	sec, okS := digits(v[13:15])
	if !okH || !okM || !okS || h > 23 || mi > 59 || sec > 60 {
		return icsTime{}, fmt.Errorf("bad %s %q: the time of day is not HHMMSS", pr.name, clip(v, 40))
	}
	if sec == 60 { // a leap second: the calendar cannot mean it
		sec = 59
	}
	if utc {
		return icsTime{t: time.Date(y, time.Month(mo), d, h, mi, sec, 0, time.UTC)}, nil
	}
	zone := loc
	if tzid := strings.TrimSpace(pr.param("TZID")); tzid != "" {
		z, err := p.resolveTZID(tzid)
		if err != nil && p.opt.Location == nil {
			return icsTime{}, err
		}
		if err != nil {
			z = p.opt.Location // --tz names the zone the TZID meant
		}
		zone = z
	} else if zone == nil {
		return icsTime{}, noZone(fmt.Sprintf("%s %s is a floating time (no TZID, no Z) and the calendar names no time zone: %s", pr.name, v, p.askZone()))
	}
	return icsTime{t: wallTime(y, mo, d, h, mi, sec, zone)}, nil
}

// parseICSDate reads the YYYYMMDD at the start of v and checks the day
// exists.
func parseICSDate(v string) (y, mo, d int, ok bool) {
	if len(v) < 8 {
		return 0, 0, 0, false
	}
	y, ok1 := digits(v[0:4])
	mo, ok2 := digits(v[4:6])
	d, ok3 := digits(v[6:8])
	if !ok1 || !ok2 || !ok3 || y < 1000 || mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) {
		return 0, 0, 0, false
	}
	return y, mo, d, true
}

// maxICSDuration bounds DURATION; no conference session lasts a year.
const maxICSDuration = 366 * 24 * time.Hour

// parseICSDuration reads an RFC 5545 duration such as PT45M, P1D, P1W or
// P1DT2H30M. Days and weeks are nominal (calendar days, which may be 23
// or 25 hours long across a DST change); hours, minutes and seconds are
// exact. Negative durations are an error: an event cannot end before it
// starts.
func parseICSDuration(v string) (days int, exact time.Duration, err error) {
	bad := func() (int, time.Duration, error) {
		return 0, 0, fmt.Errorf("bad DURATION %q: want e.g. PT45M, PT1H30M or P1D", clip(v, 40))
	}
	s := strings.ToUpper(v)
	if strings.HasPrefix(s, "-") {
		return 0, 0, fmt.Errorf("DURATION %q is negative: an event cannot end before it starts", clip(v, 40))
	}
	s = strings.TrimPrefix(s, "+")
	if !strings.HasPrefix(s, "P") || len(s) < 3 {
		return bad()
	}
	s = s[1:]
	inTime := false
	order := "WD" // units allowed next, in order
	seen := false
	for len(s) > 0 {
		if s[0] == 'T' {
			if inTime || len(s) == 1 {
				return bad()
			}
			inTime, order = true, "HMS"
			s = s[1:]
			continue
		}
		i := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == 0 || i == len(s) || i > 6 {
			return bad()
		}
		n, _ := strconv.Atoi(s[:i])
		unit := s[i]
		k := strings.IndexByte(order, unit)
		if k < 0 {
			return bad()
		}
		order = order[k+1:]
		switch unit {
		case 'W':
			days += 7 * n
		case 'D':
			days += n
		case 'H':
			exact += time.Duration(n) * time.Hour
		case 'M':
			exact += time.Duration(n) * time.Minute
		case 'S':
			exact += time.Duration(n) * time.Second
		}
		seen = true
		s = s[i+1:]
	}
	if !seen {
		return bad()
	}
	total := time.Duration(days)*24*time.Hour + exact
	if total > maxICSDuration {
		return 0, 0, fmt.Errorf("DURATION %q is longer than a year", clip(v, 40))
	}
	return days, exact, nil
}

// resolveTZID maps a TZID to a tz database zone: a tz name (or a fixed
// offset) as schedule.ParseZone reads it; a
// globally unique TZID ("/mozilla.org/20050126_1/Europe/Berlin",
// "/citadel.org/20190914_1/Europe/Berlin") by its tz-name tail; a Windows
// zone name ("W. Europe Standard Time") by the CLDR mapping of the common
// ones. The file's VTIMEZONE is never used.
func (p *icsParser) resolveTZID(tzid string) (*time.Location, error) {
	if loc, ok := p.zones[tzid]; ok {
		return loc, nil
	}
	loc := lookupTZID(tzid)
	if loc == nil {
		return nil, badZone{fmt.Errorf("unknown time zone TZID=%q (neither a tz database name such as Europe/Berlin nor a Windows zone name this tool knows): give the conference's zone with --tz", clip(tzid, 80))}
	}
	p.zones[tzid] = loc
	return loc, nil
}

func lookupTZID(tzid string) *time.Location {
	load := func(name string) *time.Location {
		if name == "" || !utf8.ValidString(name) || strings.ContainsAny(name, "\x00\\") {
			return nil
		}
		loc, err := schedule.ParseZone(name)
		if err != nil {
			return nil
		}
		return loc
	}
	if loc := load(tzid); loc != nil {
		return loc
	}
	if name, ok := windowsZones[strings.ToLower(tzid)]; ok {
		return load(name)
	}
	if strings.HasPrefix(tzid, "/") {
		parts := strings.Split(strings.Trim(tzid, "/"), "/")
		for i := 1; i < len(parts); i++ {
			if loc := load(strings.Join(parts[i:], "/")); loc != nil {
				return loc
			}
		}
	}
	return nil
}
