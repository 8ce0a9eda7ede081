package export

import (
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

// A small iCalendar reader of our own, independent of golang-ical, so the
// tests read back what WriteICS wrote the way a client would: unfold, split
// into properties, and resolve local times through the file's VTIMEZONEs.

type icsProp struct {
	params map[string]string
	value  string
}

// icsEvent maps a property name to its occurrences; VALARM properties are
// under "VALARM/NAME", and "VALARM" holds one entry per alarm.
type icsEvent map[string][]icsProp

// one is the value of a property that occurs once, "" otherwise.
func (e icsEvent) one(name string) string {
	if len(e[name]) != 1 {
		if name == "VALARM" {
			return strconv.Itoa(len(e[name]))
		}
		return ""
	}
	return e[name][0].value
}

type icsZone struct {
	tzid string
	obs  []observanceRule // by onset
}

type observanceRule struct {
	onset    time.Time // the instant the offset starts
	from, to int       // seconds east of UTC
	dst      bool
}

type icsFile struct {
	props  map[string][]icsProp
	events []icsEvent
	zones  []icsZone
}

func parseICS(t testing.TB, data []byte) *icsFile {
	t.Helper()
	text := strings.NewReplacer("\r\n ", "", "\r\n\t", "").Replace(string(data))
	f := &icsFile{props: map[string][]icsProp{}}
	var stack []string
	var ev icsEvent
	var zone *icsZone
	var rule *observanceRule
	var ruleStart string
	for _, line := range strings.Split(strings.TrimSuffix(text, "\r\n"), "\r\n") {
		name, p := parseLine(t, line)
		switch name {
		case "BEGIN":
			stack = append(stack, p.value)
			switch p.value {
			case "VEVENT":
				ev = icsEvent{}
			case "VTIMEZONE":
				zone = &icsZone{}
			case "STANDARD", "DAYLIGHT":
				rule = &observanceRule{dst: p.value == "DAYLIGHT"}
				ruleStart = ""
			case "VALARM":
				ev["VALARM"] = append(ev["VALARM"], icsProp{value: "1"})
			}
			continue
		case "END":
			if len(stack) == 0 || stack[len(stack)-1] != p.value {
				t.Fatalf("END:%s does not close %v", p.value, stack)
			}
			stack = stack[:len(stack)-1]
			switch p.value {
			case "VEVENT":
				f.events = append(f.events, ev)
				ev = nil
			case "VTIMEZONE":
				sort.Slice(zone.obs, func(i, j int) bool { return zone.obs[i].onset.Before(zone.obs[j].onset) })
				f.zones = append(f.zones, *zone)
				zone = nil
			case "STANDARD", "DAYLIGHT":
				w, err := time.Parse("20060102T150405", ruleStart)
				if err != nil {
					t.Fatalf("observance DTSTART %q: %v", ruleStart, err)
				}
				rule.onset = w.Add(-time.Duration(rule.from) * time.Second)
				zone.obs = append(zone.obs, *rule)
				rule = nil
			}
			continue
		}
		if len(stack) == 0 {
			t.Fatalf("property outside VCALENDAR: %q", line)
		}
		switch top := stack[len(stack)-1]; top {
		case "VCALENDAR":
			f.props[name] = append(f.props[name], p)
		case "VEVENT":
			ev[name] = append(ev[name], p)
		case "VALARM":
			ev["VALARM/"+name] = append(ev["VALARM/"+name], p)
		case "VTIMEZONE":
			if name == "TZID" {
				zone.tzid = p.value
			}
		case "STANDARD", "DAYLIGHT":
			switch name {
			case "DTSTART":
				ruleStart = p.value
			case "TZOFFSETFROM":
				rule.from = parseOffset(t, p.value)
			case "TZOFFSETTO":
				rule.to = parseOffset(t, p.value)
			case "RRULE", "RDATE":
				t.Fatalf("%s in %s: this reader expects one onset per observance", name, zone.tzid)
			}
		default:
			t.Fatalf("unexpected component %s", top)
		}
	}
	if len(stack) != 0 {
		t.Fatalf("unclosed components %v", stack)
	}
	return f
}

// parseLine splits a content line into name, parameters and value.
func parseLine(t testing.TB, line string) (string, icsProp) {
	t.Helper()
	p := icsProp{params: map[string]string{}}
	i := strings.IndexAny(line, ";:")
	if i <= 0 {
		t.Fatalf("not a content line: %q", line)
	}
	name := line[:i]
	for line[i] == ';' {
		rest := line[i+1:]
		eq := strings.IndexByte(rest, '=')
		if eq < 0 {
			t.Fatalf("bad parameter in %q", line)
		}
		key := rest[:eq]
		j := eq + 1
		var val string
		if j < len(rest) && rest[j] == '"' {
			end := strings.IndexByte(rest[j+1:], '"')
			if end < 0 {
				t.Fatalf("unclosed quote in %q", line)
			}
			val = rest[j+1 : j+1+end]
			j += end + 2
		} else {
			end := strings.IndexAny(rest[j:], ";:")
			if end < 0 {
				t.Fatalf("no value in %q", line)
			}
			val = rest[j : j+end]
			j += end
		}
		p.params[key] = val
		i += 1 + j
		if i >= len(line) {
			t.Fatalf("no value in %q", line)
		}
	}
	p.value = line[i+1:]
	return name, p
}

func parseOffset(t testing.TB, s string) int {
	t.Helper()
	if len(s) != 5 && len(s) != 7 || (s[0] != '+' && s[0] != '-') {
		t.Fatalf("bad UTC offset %q", s)
	}
	n := func(a, b int) int {
		v, err := strconv.Atoi(s[a:b])
		if err != nil {
			t.Fatalf("bad UTC offset %q", s)
		}
		return v
	}
	secs := n(1, 3)*3600 + n(3, 5)*60
	if len(s) == 7 {
		secs += n(5, 7)
	}
	if s[0] == '-' {
		secs = -secs
	}
	return secs
}

// unescape reverses TEXT escaping.
func unescape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
			switch s[i] {
			case 'n', 'N':
				b.WriteByte('\n')
			default:
				b.WriteByte(s[i])
			}
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func (f *icsFile) zone(tzid string) *icsZone {
	for i := range f.zones {
		if f.zones[i].tzid == tzid {
			return &f.zones[i]
		}
	}
	return nil
}

// offsetAt is the offset the VTIMEZONE gives at instant u; ok is false
// before its first onset.
func (z *icsZone) offsetAt(u time.Time) (int, bool) {
	off, ok := 0, false
	for _, o := range z.obs {
		if o.onset.After(u) {
			break
		}
		off, ok = o.to, true
	}
	return off, ok
}

// instant resolves a DTSTART or DTEND: UTC as written, or local time
// through the file's VTIMEZONE, which must name exactly one instant and
// agree with the tz database.
func (f *icsFile) instant(t testing.TB, p icsProp) time.Time {
	t.Helper()
	if strings.HasSuffix(p.value, "Z") {
		u, err := time.Parse("20060102T150405Z", p.value)
		if err != nil {
			t.Fatalf("bad UTC time %q", p.value)
		}
		return u
	}
	tzid := p.params["TZID"]
	if tzid == "" {
		t.Fatalf("floating time %q", p.value)
	}
	z := f.zone(tzid)
	if z == nil {
		t.Fatalf("TZID=%s has no VTIMEZONE", tzid)
	}
	w, err := time.Parse("20060102T150405", p.value)
	if err != nil {
		t.Fatalf("bad local time %q", p.value)
	}
	var found []time.Time
	seen := map[int]bool{}
	for _, o := range z.obs {
		if seen[o.to] {
			continue
		}
		seen[o.to] = true
		u := w.Add(-time.Duration(o.to) * time.Second)
		if off, ok := z.offsetAt(u); ok && off == o.to {
			found = append(found, u)
		}
	}
	if len(found) != 1 {
		t.Fatalf("TZID=%s:%s names %d instants in the file's VTIMEZONE (%v)", tzid, p.value, len(found), found)
	}
	loc := mustZone(t, tzid)
	if want := found[0].In(loc); want.Format("20060102T150405") != p.value {
		t.Fatalf("TZID=%s:%s is %s by the file's VTIMEZONE, which the tz database calls %s", tzid, p.value, found[0], want)
	}
	return found[0]
}
