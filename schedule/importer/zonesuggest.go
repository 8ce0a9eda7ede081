package importer

import (
	"time"

	"github.com/plan-cli/plan/schedule"
)

// suggestZones are the zones SuggestZones tries, most likely venue
// first within each offset: the cities conferences are held in. Only
// zones whose offset at every session's start equals the offset the
// feed wrote are suggested, so the dates decide between, say,
// Europe/Berlin (+01:00 in December, +02:00 in August) and
// Africa/Lagos (+01:00 all year).
var suggestZones = []string{
	"Europe/Berlin", "Europe/Brussels", "Europe/Paris", "Europe/Amsterdam", "Europe/Vienna", "Europe/Zurich", "Europe/Prague", "Europe/Warsaw", "Europe/Rome", "Europe/Madrid", "Europe/Stockholm", "Europe/Copenhagen", "Europe/Oslo",
	"Europe/London", "Europe/Dublin", "Europe/Lisbon", "Atlantic/Reykjavik",
	"Europe/Helsinki", "Europe/Athens", "Europe/Bucharest", "Europe/Kyiv", "Asia/Jerusalem",
	"Europe/Istanbul", "Europe/Moscow", "Asia/Dubai", "Asia/Tehran",
	"Asia/Karachi", "Asia/Kolkata", "Asia/Kathmandu", "Asia/Dhaka", "Asia/Bangkok", "Asia/Jakarta",
	"Asia/Singapore", "Asia/Shanghai", "Asia/Taipei", "Asia/Manila", "Australia/Perth",
	"Asia/Tokyo", "Asia/Seoul", "Australia/Darwin", "Australia/Adelaide", "Australia/Brisbane", "Australia/Sydney", "Australia/Melbourne", "Australia/Hobart",
	"Pacific/Auckland",
	"America/Los_Angeles", "America/Vancouver", "America/Phoenix", "America/Denver", "America/Chicago", "America/Mexico_City", "America/New_York", "America/Toronto",
	"America/Halifax", "America/Sao_Paulo", "America/Argentina/Buenos_Aires", "America/Santiago", "America/Bogota", "America/Lima", "America/St_Johns", "Pacific/Honolulu", "America/Anchorage",
	"Africa/Lagos", "Africa/Johannesburg", "Africa/Cairo", "Africa/Nairobi", "Africa/Casablanca",
}

// SuggestZones names up to n tz database zones that agree with every
// scheduled session's UTC offset on its own date: the zone to suggest
// for a program that writes offsets but names no zone. None when the
// times are all UTC (every zone at +00:00 would do as well as none) or
// no zone fits.
func SuggestZones(sessions []*schedule.Session, n int) []string {
	type sample struct {
		t   time.Time
		off int
	}
	var samples []sample
	seen := map[[2]int64]bool{}
	allUTC := true
	for _, s := range sessions {
		if !s.Scheduled() {
			continue
		}
		_, off := s.Start.Zone()
		if off != 0 || s.Start.Location() != time.UTC {
			allUTC = false
		}
		key := [2]int64{s.Start.Unix() / 86400, int64(off)}
		if seen[key] {
			continue
		}
		seen[key] = true
		samples = append(samples, sample{s.Start, off})
	}
	if len(samples) == 0 || allUTC {
		return nil
	}
	var out []string
	for _, name := range suggestZones {
		loc, err := time.LoadLocation(name)
		if err != nil {
			continue
		}
		fits := true
		for _, sm := range samples {
			if _, off := sm.t.In(loc).Zone(); off != sm.off {
				fits = false
				break
			}
		}
		if fits {
			out = append(out, name)
			if len(out) == n {
				break
			}
		}
	}
	return out
}
