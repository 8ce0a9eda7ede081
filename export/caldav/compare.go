package caldav

import (
	"bytes"
	"slices"
	"strings"

	ical "github.com/emersion/go-ical"
)

// holds reports whether the server's event says what data, the calendar
// object the plan would write, says: every property of data's VEVENT but
// DTSTAMP has the same values there, and the server's event has no other
// property beyond those servers add for their own bookkeeping. That tells
// a write of ours that the last sync did not live to record from a change
// someone made on the server.
//
// Both sides are compared decoded (go-ical), as values and TZIDs, not as
// bytes: servers re-encode what they store (Radicale through vobject:
// other folding, other escaping, several CATEGORIES in one line). Nothing
// here names the properties plan writes, so a property the writer
// (export) gains is compared like the others.
func (r Remote) holds(data []byte) bool {
	if r.Event == nil {
		return false
	}
	cal, err := ical.NewDecoder(bytes.NewReader(data)).Decode()
	if err != nil {
		return false
	}
	ours := firstEvent(cal)
	if ours == nil {
		return false
	}
	for name, props := range ours.Props {
		if name != ical.PropDateTimeStamp && !slices.Equal(values(props), values(r.Event.Props[name])) {
			return false
		}
	}
	for name := range r.Event.Props {
		if _, ok := ours.Props[name]; !ok && !bookkeeping(name) {
			return false
		}
	}
	return true
}

// bookkeeping reports a property a server may add to an event it stores
// without anyone changing it: when it was stamped, created or modified,
// and extensions (X-…).
func bookkeeping(name string) bool {
	switch name {
	case ical.PropDateTimeStamp, ical.PropCreated, ical.PropLastModified:
		return true
	}
	return strings.HasPrefix(name, "X-")
}

// values are a property's values as a client reads them: TEXT decoded and
// split into its list (CATEGORIES:a,b is CATEGORIES:a and CATEGORIES:b),
// each with the TZID it is in, line ends as LF and the ends trimmed.
func values(props []ical.Prop) []string {
	var out []string
	for _, p := range props {
		prefix := ""
		if tz := p.Params.Get(ical.ParamTimezoneID); tz != "" {
			prefix = "TZID=" + tz + ":"
		}
		list := []string{p.Value}
		if p.ValueType() == ical.ValueText {
			if l, err := p.TextList(); err == nil {
				list = l
			}
		}
		for _, v := range list {
			out = append(out, prefix+strings.TrimSpace(strings.ReplaceAll(v, "\r\n", "\n")))
		}
	}
	return out
}

// firstEvent is a calendar object's first VEVENT; nil when it has none.
func firstEvent(cal *ical.Calendar) *ical.Component {
	if cal == nil {
		return nil
	}
	for _, c := range cal.Children {
		if c.Name == ical.CompEvent {
			return c
		}
	}
	return nil
}
