package importer

import (
	"errors"
	"testing"
)

// Times without a zone in a feed that names none are ErrNoZone, which lets
// the import command place them in the plan's zone; an unknown zone name
// is not.
func TestNoZoneErrors(t *testing.T) {
	for _, tt := range []struct {
		format, data string
		noZone       bool
	}{
		{"csv", "title,start,end\nTalk,2026-03-07 10:00,2026-03-07 11:00\n", true},
		{"pentabarf", `<schedule><day date="2026-01-31"><room name="R"><event id="1"><start>10:00</start><duration>00:30</duration><title>x</title></event></room></day></schedule>`, true},
		{"frab-json", `{"schedule":{"conference":{"title":"T","days":[{"index":1,"date":"2026-01-31","rooms":{"R":[{"id":1,"guid":"g","start":"10:00","duration":"00:30","title":"x","room":"R"}]}}]}}}`, true},
		{"ical", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART:20260131T100000\r\nDTEND:20260131T110000\r\nSUMMARY:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", true},
		{"sessionize", `{"sessions":[{"id":"1","title":"x","startsAt":"2020-03-28T08:00:00","endsAt":"2020-03-28T09:00:00"}],"speakers":[],"categories":[],"rooms":[]}`, true},
		{"pentabarf", `<schedule><conference><time_zone_name>Europe/Brusels</time_zone_name></conference><day date="2026-01-31"><room name="R"><event id="1"><start>10:00</start><duration>00:30</duration><title>x</title></event></room></day></schedule>`, false},
	} {
		_, err := Parse([]byte(tt.data), tt.format, Options{Name: "x"})
		if err == nil {
			t.Errorf("%s: no error", tt.format)
			continue
		}
		if got := errors.Is(err, ErrNoZone); got != tt.noZone {
			t.Errorf("%s: errors.Is(%v, ErrNoZone) = %v, want %v", tt.format, err, got, tt.noZone)
		}
	}
}
