package export

import (
	"fmt"
	"sort"
	"strings"
	"time"

	ical "github.com/arran4/golang-ical"
)

// zoneSet decides the zone each event time is written in and collects the
// zones used, with the range of local times written in each, so that one
// VTIMEZONE per zone can be built afterwards.
type zoneSet struct {
	def   *time.Location // calendar zone; nil means UTC
	loads map[string]*time.Location
	used  map[string]*zoneUse
}

type zoneUse struct {
	loc         *time.Location
	first, last time.Time
}

func newZoneSet(def *time.Location) *zoneSet {
	return &zoneSet{def: def, loads: map[string]*time.Location{}, used: map[string]*zoneUse{}}
}

// zoneFor is the zone t is written in: its own when that is a tz database
// zone, else the calendar's; nil for UTC.
func (z *zoneSet) zoneFor(t time.Time) *time.Location {
	name := t.Location().String()
	if name == "" || name == "Local" || isUTCName(name) || !tzidRE().MatchString(name) {
		return z.def
	}
	loc, ok := z.loads[name]
	if !ok {
		// Load by name rather than trusting t's *Location, so that the
		// TZID, the VTIMEZONE and the local times all come from one
		// source: the tz database under that name.
		var err error
		if loc, err = time.LoadLocation(name); err != nil {
			loc = nil
		}
		z.loads[name] = loc
	}
	if loc == nil {
		return z.def
	}
	return loc
}

// local returns t as wall-clock time in its zone and that zone's name, and
// records the use. ok is false when t is to be written in UTC: it has no
// zone, or its wall-clock reading happens twice there (clients disagree on
// which one is meant, and RFC 5545 picks the first).
func (z *zoneSet) local(t time.Time) (name string, local time.Time, ok bool) {
	loc := z.zoneFor(t)
	if loc == nil {
		return "", time.Time{}, false
	}
	local = t.In(loc)
	if repeated(local) {
		return "", time.Time{}, false
	}
	name = loc.String()
	u := z.used[name]
	if u == nil {
		z.used[name] = &zoneUse{loc: loc, first: local, last: local}
		return name, local, true
	}
	if local.Before(u.first) {
		u.first = local
	}
	if local.After(u.last) {
		u.last = local
	}
	return name, local, true
}

// vtimezones are the VTIMEZONEs for the zones used, by name.
func (z *zoneSet) vtimezones() []*ical.VTimezone {
	names := make([]string, 0, len(z.used))
	for n := range z.used {
		names = append(names, n)
	}
	sort.Strings(names)
	out := make([]*ical.VTimezone, 0, len(names))
	for _, n := range names {
		u := z.used[n]
		from := time.Date(u.first.Year(), time.January, 1, 0, 0, 0, 0, u.loc)
		to := time.Date(u.last.Year()+1, time.January, 1, 0, 0, 0, 0, u.loc)
		out = append(out, vtimezone(n, u.loc, from, to))
	}
	return out
}

// repeated reports whether t's wall-clock reading in its zone names two
// instants: t falls in the hour (or half hour) that is lived twice when
// the clocks go back. Times in the gap when the clocks go forward cannot
// occur: a time.Time is an instant and its wall clock always exists.
func repeated(t time.Time) bool {
	_, off := t.Zone()
	start, end := t.ZoneBounds()
	if !start.IsZero() {
		// the previous offset was larger: the first minutes of this zone
		// were already lived under it
		_, prev := start.Add(-time.Second).Zone()
		if prev > off && t.Sub(start) < time.Duration(prev-off)*time.Second {
			return true
		}
	}
	if !end.IsZero() {
		// the next offset is smaller: the last minutes of this zone will
		// be lived again under it
		_, next := end.Zone()
		if next < off && end.Sub(t) <= time.Duration(off-next)*time.Second {
			return true
		}
	}
	return false
}

// vtimezone describes loc from `from` to `to` as a VTIMEZONE named name,
// with one STANDARD or DAYLIGHT component per period of constant offset:
// the period in effect at `from` and every one that starts before `to`.
// Each gives its onset as DTSTART in the local time of the period before
// (RFC 5545 3.6.5), the offsets before and after, and the abbreviation.
// Built by walking the transitions of Go's tz data with ZoneBounds, so the
// file says exactly what the tz database says for the years it covers,
// with no rules to get wrong; clients that trust the VTIMEZONE (libical,
// ical.js, vobject) and those that look the name up (khal, calcurse)
// agree.
func vtimezone(name string, loc *time.Location, from, to time.Time) *ical.VTimezone {
	tz := ical.NewTimezone(name)
	tz.AddProperty(ical.ComponentProperty("X-LIC-LOCATION"), name)
	t := from.In(loc)
	for range 10000 { // a bound, in case of a zone with absurdly many transitions
		start, end := t.ZoneBounds()
		tz.Components = append(tz.Components, observance(t, start))
		if end.IsZero() || !end.Before(to) {
			break
		}
		t = end
	}
	return tz
}

// observance is the STANDARD or DAYLIGHT component for the period of
// constant offset that contains t and began at start (zero: always).
func observance(t, start time.Time) ical.Component {
	abbr, off := t.Zone()
	prev := off
	onset := "19700101T000000"
	if !start.IsZero() {
		_, prev = start.Add(-time.Second).Zone()
		onset = start.In(time.FixedZone("", prev)).Format("20060102T150405")
	}
	var cb ical.ComponentBase
	cb.AddProperty(ical.ComponentPropertyDtStart, onset)
	cb.AddProperty(ical.ComponentProperty(ical.PropertyTzoffsetfrom), utcOffset(prev))
	cb.AddProperty(ical.ComponentProperty(ical.PropertyTzoffsetto), utcOffset(off))
	if abbr != "" && !strings.ContainsAny(abbr, ",;:\\\"") {
		cb.AddProperty(ical.ComponentProperty(ical.PropertyTzname), abbr)
	}
	if t.IsDST() {
		return &ical.Daylight{ComponentBase: cb}
	}
	return &ical.Standard{ComponentBase: cb}
}

// utcOffset writes seconds east of UTC as an RFC 5545 UTC-OFFSET: "-0800",
// "+0930", "+001730" when there are seconds.
func utcOffset(secs int) string {
	sign := '+'
	if secs < 0 {
		sign, secs = '-', -secs
	}
	h, m, s := secs/3600, secs/60%60, secs%60
	if s != 0 {
		return fmt.Sprintf("%c%02d%02d%02d", sign, h, m, s)
	}
	return fmt.Sprintf("%c%02d%02d", sign, h, m)
}
