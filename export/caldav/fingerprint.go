package caldav

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"strings"

	ical "github.com/emersion/go-ical"
)

// fingerprintProps are the properties a fingerprint covers: what a person
// sees of an event and what a client keys updates on. Servers re-serialise
// what they store (Radicale through vobject), so the fingerprint is taken
// of decoded values, not of bytes.
var fingerprintProps = []string{
	ical.PropUID, ical.PropSequence, ical.PropDateTimeStart, ical.PropDateTimeEnd,
	ical.PropSummary, ical.PropStatus, ical.PropLocation, ical.PropDescription,
}

// fingerprint is a hash of the first VEVENT's fingerprintProps; "" when
// cal holds no event.
func fingerprint(cal *ical.Calendar) string {
	if cal == nil {
		return ""
	}
	var ev *ical.Component
	for _, c := range cal.Children {
		if c.Name == ical.CompEvent {
			ev = c
			break
		}
	}
	if ev == nil {
		return ""
	}
	var b strings.Builder
	for _, name := range fingerprintProps {
		for _, p := range ev.Props[name] {
			b.WriteString(name)
			if tz := p.Params.Get(ical.ParamTimezoneID); tz != "" {
				b.WriteString(";TZID=" + tz)
			}
			b.WriteByte(':')
			v := p.Value
			if t, err := p.Text(); err == nil {
				v = t
			}
			b.WriteString(strings.TrimSpace(strings.ReplaceAll(v, "\r\n", "\n")))
			b.WriteByte('\n')
		}
	}
	sum := sha256.Sum256([]byte(b.String()))
	return hex.EncodeToString(sum[:])
}

// fingerprintICS is the fingerprint of a calendar object's text.
func fingerprintICS(data []byte) string {
	cal, err := ical.NewDecoder(bytes.NewReader(data)).Decode()
	if err != nil {
		return ""
	}
	return fingerprint(cal)
}

// holds reports whether the server's event says what data, a calendar
// object the plan would write, says.
func (r Remote) holds(data []byte) bool {
	return r.Fingerprint != "" && fingerprintICS(data) == r.Fingerprint
}
