package export

import (
	"bytes"
	"fmt"
)

// EventICS is one event of cal as a calendar object of its own, the way a
// CalDAV server stores it (RFC 4791, 4.1): a VCALENDAR holding the one
// VEVENT with the same UID, SEQUENCE, times, text and VTIMEZONE as WriteICS
// gives it in the whole calendar, and no METHOD (which a calendar
// collection's objects must not carry) nor the calendar-wide X-WR-CALNAME
// and X-WR-TIMEZONE. It returns nil and no error when e has no time.
func EventICS(name, timeZone string, e Event, opt ICSOptions) ([]byte, error) {
	if !e.Scheduled() {
		return nil, nil
	}
	var buf bytes.Buffer
	n, err := WriteICS(&buf, Calendar{Name: name, TimeZone: timeZone, Events: []Event{e}}, opt)
	if err != nil {
		return nil, err
	}
	if n != 1 {
		return nil, fmt.Errorf("export: event %s: wrote %d events", e.ID, n)
	}
	return dropCalendarProps(buf.Bytes()), nil
}

// dropCalendarProps removes METHOD, X-WR-CALNAME and X-WR-TIMEZONE (with
// their folded continuation lines) from the head of a calendar WriteICS
// wrote; everything else is kept byte for byte.
func dropCalendarProps(ics []byte) []byte {
	out := make([]byte, 0, len(ics))
	skipping, head := false, true
	for len(ics) > 0 {
		line := ics
		if i := bytes.Index(ics, []byte("\r\n")); i >= 0 {
			line = ics[:i+2]
		}
		ics = ics[len(line):]
		if head && bytes.HasPrefix(line, []byte("BEGIN:")) && !bytes.HasPrefix(line, []byte("BEGIN:VCALENDAR")) {
			head = false
		}
		if len(line) > 0 && line[0] == ' ' {
			if skipping {
				continue
			}
		} else {
			skipping = head && (bytes.HasPrefix(line, []byte("METHOD:")) ||
				bytes.HasPrefix(line, []byte("X-WR-CALNAME:")) || bytes.HasPrefix(line, []byte("X-WR-CALNAME;")) ||
				bytes.HasPrefix(line, []byte("X-WR-TIMEZONE:")))
			if skipping {
				continue
			}
		}
		out = append(out, line...)
	}
	return out
}
