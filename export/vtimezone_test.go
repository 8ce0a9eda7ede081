package export

import (
	"testing"
	"time"

	"github.com/plan-cli/plan/schedule"
)

// TestVTimezoneMatchesTZDatabase writes events in zones with unusual
// rules, reads the file's VTIMEZONE back, and compares the offset it gives
// with the tz database's for every hour of the years the events cover.
func TestVTimezoneMatchesTZDatabase(t *testing.T) {
	for _, tc := range []struct {
		zone          string
		first, last   int // years of the first and last event
		wantTransits  int // offset changes inside the covered years
		wantDaylights bool
	}{
		{"America/Los_Angeles", 2025, 2025, 2, true},
		{"Europe/Brussels", 2026, 2027, 4, true},
		{"Australia/Adelaide", 2025, 2026, 4, true},  // +09:30/+10:30, southern summer
		{"Australia/Lord_Howe", 2026, 2026, 2, true}, // half-hour daylight saving
		{"Asia/Kolkata", 2026, 2026, 0, false},       // no change since 1945
		{"Pacific/Chatham", 2026, 2026, 2, true},     // +12:45/+13:45
		{"America/Sao_Paulo", 2018, 2020, 3, true},   // daylight saving abolished in 2019
		{"Africa/Casablanca", 2019, 2019, 2, true},   // +00 for Ramadan, +01 otherwise
		{"Pacific/Apia", 2011, 2012, 5, true},        // skipped 30 December 2011
		{"Europe/Moscow", 2010, 2015, 4, true},       // summer time in 2010, permanent +04 from 2011, +03 from 2014
		{"America/St_Johns", 2026, 2026, 2, true},    // -03:30/-02:30
		{"Europe/Dublin", 2026, 2026, 2, true},       // "negative" daylight saving in winter
		{"Etc/GMT+5", 2026, 2026, 0, false},          // fixed, no transitions at all
	} {
		t.Run(tc.zone, func(t *testing.T) {
			loc := mustZone(t, tc.zone)
			var events []Event
			for y := tc.first; y <= tc.last; y++ {
				for _, m := range []time.Month{time.January, time.July, time.December} {
					start := time.Date(y, m, 15, 12, 0, 0, 0, loc)
					events = append(events, Event{Session: schedule.Session{ID: start.Format("2006-01"), Title: "Talk", Start: start, End: start.Add(time.Hour)}})
				}
			}
			cal := parseICS(t, mustWriteICS(t, calendarCase{cal: Calendar{Name: "Zones", TimeZone: tc.zone, Events: events}, opt: ICSOptions{Now: fixtureNow}}))
			z := cal.zone(tc.zone)
			if z == nil || len(cal.zones) != 1 {
				t.Fatalf("VTIMEZONEs %v, want one for %s", cal.zones, tc.zone)
			}
			from := time.Date(tc.first, time.January, 1, 0, 0, 0, 0, loc)
			to := time.Date(tc.last+1, time.January, 1, 0, 0, 0, 0, loc)
			transits, daylight := 0, false
			for i, o := range z.obs {
				if i > 0 && o.from != z.obs[i-1].to {
					t.Errorf("observance %d starts from UTC%+d s, the one before ends at UTC%+d s", i, o.from, z.obs[i-1].to)
				}
				if !o.onset.Before(from) && o.from != o.to {
					transits++
				}
				if o.onset.Before(to) {
					_, off := o.onset.In(loc).Zone()
					if off != o.to {
						t.Errorf("observance at %s gives UTC%+d s, the tz database UTC%+d s", o.onset, o.to, off)
					}
					daylight = daylight || o.dst
				}
			}
			if transits != tc.wantTransits {
				t.Errorf("%d offset changes in %d–%d, want %d", transits, tc.first, tc.last, tc.wantTransits)
			}
			if daylight != tc.wantDaylights {
				t.Errorf("DAYLIGHT components: %v, want %v", daylight, tc.wantDaylights)
			}
			for u := from; u.Before(to); u = u.Add(15 * time.Minute) {
				got, ok := z.offsetAt(u)
				_, want := u.Zone()
				if !ok || got != want {
					t.Fatalf("at %s the VTIMEZONE gives UTC%+d s (defined: %v), the tz database UTC%+d s", u.UTC(), got, ok, want)
				}
			}
		})
	}
}

func TestRepeated(t *testing.T) {
	la := mustZone(t, "America/Los_Angeles")
	adl := mustZone(t, "Australia/Adelaide")
	for _, tc := range []struct {
		t    time.Time
		want bool
	}{
		// 2 November 2025: 02:00 PDT becomes 01:00 PST, 01:00–01:59:59 twice
		{time.Date(2025, 11, 2, 7, 59, 59, 0, time.UTC).In(la), false}, // 00:59:59 PDT
		{time.Date(2025, 11, 2, 8, 0, 0, 0, time.UTC).In(la), true},    // 01:00 PDT
		{time.Date(2025, 11, 2, 8, 30, 0, 0, time.UTC).In(la), true},   // 01:30 PDT
		{time.Date(2025, 11, 2, 9, 30, 0, 0, time.UTC).In(la), true},   // 01:30 PST
		{time.Date(2025, 11, 2, 9, 59, 59, 0, time.UTC).In(la), true},  // 01:59:59 PST
		{time.Date(2025, 11, 2, 10, 0, 0, 0, time.UTC).In(la), false},  // 02:00 PST
		// 9 March 2025: the clocks go forward, nothing is repeated
		{time.Date(2025, 3, 9, 1, 59, 0, 0, la), false},
		{time.Date(2025, 3, 9, 3, 0, 0, 0, la), false},
		// Adelaide, 5 April 2026: 03:00 ACDT becomes 02:00 ACST
		{time.Date(2026, 4, 5, 2, 30, 0, 0, adl), true},
		{time.Date(2026, 4, 5, 3, 0, 0, 0, adl), false},
		{time.Date(2026, 4, 5, 10, 0, 0, 0, adl), false},
		{time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC), false},
	} {
		if got := repeated(tc.t); got != tc.want {
			t.Errorf("repeated(%s) = %v, want %v", tc.t.Format(time.RFC3339), got, tc.want)
		}
	}
}

func TestUTCOffset(t *testing.T) {
	for secs, want := range map[int]string{0: "+0000", -28800: "-0800", 34200: "+0930", 45900: "+1245", -12600: "-0330", 1050: "+001730", -(9*3600 + 30*60 + 5): "-093005"} {
		if got := utcOffset(secs); got != want {
			t.Errorf("utcOffset(%d) = %q, want %q", secs, got, want)
		}
	}
}
