package export

import (
	"bytes"
	"fmt"
)

// EventICS is one event of a calendar named name in timeZone as a
// calendar object of its own, the way a CalDAV server stores it (RFC 4791,
// 4.1): a VCALENDAR holding the one VEVENT, built by the same code and
// with the same UID, SEQUENCE, times, text and VTIMEZONE as WriteICS
// gives it in the whole calendar, but without METHOD (which a calendar
// collection's objects must not carry) and the calendar-wide X-WR-CALNAME
// and X-WR-TIMEZONE. It returns nil and no error when e has no time.
func EventICS(name, timeZone string, e Event, opt ICSOptions) ([]byte, error) {
	if !e.Scheduled() {
		return nil, nil
	}
	var buf bytes.Buffer
	n, err := writeCalendar(&buf, Calendar{Name: name, TimeZone: timeZone, Events: []Event{e}}, opt, stored)
	if err != nil {
		return nil, err
	}
	if n != 1 {
		return nil, fmt.Errorf("export: event %s: wrote %d events", e.ID, n)
	}
	return buf.Bytes(), nil
}
