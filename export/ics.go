// Package export turns a plan, or a whole program, into files other tools
// read: iCalendar for calendar apps, Markdown and JSON for people and
// scripts. It knows nothing about terminals or commands; every writer takes
// an io.Writer.
package export

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	ical "github.com/arran4/golang-ical"

	"github.com/plan-cli/plan/export/present"
	"github.com/plan-cli/plan/schedule"
)

// ProductID is the PRODID every calendar we write carries.
const ProductID = "-//plan-cli//plan//EN"

// Calendar is what WriteICS writes: one VCALENDAR named after the
// conference, with one VEVENT per scheduled event.
type Calendar struct {
	// Name is the conference name. It becomes X-WR-CALNAME and is part of
	// every UID, so pass the same name on every export of one conference
	// (Plan.Conference.Name), not a title that changes with the options.
	Name string
	// TimeZone is the conference's IANA zone, a fixed offset such as
	// "+01:00" (written as UTC), or "". Events whose times
	// carry no tz database zone of their own (UTC, Local, a fixed offset)
	// are written in this zone, or in UTC when it is "" or UTC.
	TimeZone string
	Events   []Event
}

// Event is one session or personal entry to put in the calendar, with what
// the user said about it.
type Event struct {
	schedule.Session
	Priority schedule.Priority
	Note     string
	// Cancelled marks a pick whose session was cancelled or dropped from
	// the program: it is written with STATUS:CANCELLED under its old UID
	// so that calendars remove it. Session.Cancelled counts too.
	Cancelled bool
}

// ICSOptions are the choices a caller makes for one export.
type ICSOptions struct {
	// Alarm adds a reminder this long before each event that is not
	// cancelled (VALARM with TRIGGER:-PT10M for ten minutes); 0 or less
	// adds none.
	Alarm time.Duration
	// Now is the DTSTAMP of every event. Pass the time from
	// SOURCE_DATE_EPOCH when it is set, else the clock; a zero Now means
	// time.Now(), which makes the output differ from run to run.
	Now time.Time
}

// WriteICS writes cal as an iCalendar (RFC 5545) file and returns how many
// VEVENTs it wrote. Sessions without a time are skipped, and so is a second
// event with the UID of one already written (the same session listed
// twice). The output depends only on cal and opt: events are sorted by
// start, end, room, title and id, and time zones by name, so two calls
// with the same input write the same bytes.
//
// Times are written with TZID=<tz database name> and a VTIMEZONE built from
// Go's tz data for the years the events cover (see vtimezone.go), or in UTC
// when the event has no named zone, and for a wall-clock time that happens
// twice in its zone (the hour the clocks go back), which clients read
// differently. Every text value is cleaned of control characters and
// escaped, so nothing in a session can end a line of the file or start a
// component; lines end in CRLF and are folded at 75 octets between UTF-8
// characters.
//
// An error is returned for an unknown cal.TimeZone and when w fails.
func WriteICS(w io.Writer, cal Calendar, opt ICSOptions) (int, error) {
	return writeCalendar(w, cal, opt, published)
}

// form is what a VCALENDAR is written for.
type form int

const (
	// published is a file or a feed to subscribe to: METHOD:PUBLISH and
	// the calendar's name and zone (X-WR-CALNAME, X-WR-TIMEZONE), which
	// clients show.
	published form = iota
	// stored is a calendar object in a CalDAV collection (RFC 4791, 4.1),
	// which must not carry a METHOD; the name and zone are the
	// collection's, not the object's.
	stored
)

// writeCalendar is WriteICS for either form: the one place a VCALENDAR
// and its VEVENTs are built, for export --ics, serve and sync.
func writeCalendar(w io.Writer, cal Calendar, opt ICSOptions, as form) (int, error) {
	var defZone *time.Location // nil: UTC
	if name := strings.TrimSpace(cal.TimeZone); name != "" && !isUTCName(name) {
		loc, err := schedule.ParseZone(name)
		if err != nil {
			return 0, fmt.Errorf("export: %w", err)
		}
		if !isOffsetZone(loc) {
			if !tzidRE().MatchString(name) {
				return 0, fmt.Errorf("export: unknown time zone %q (use a tz database name such as Europe/Brussels)", cal.TimeZone)
			}
			defZone = loc
		}
	}
	now := opt.Now
	if now.IsZero() {
		now = time.Now()
	}
	stamp := now.UTC().Format("20060102T150405Z")

	events, uids := eventsOf(cal)
	// Which zones and years the times use, for the VTIMEZONEs that must
	// come before the events.
	zones := newZoneSet(defZone)
	for _, e := range events {
		zones.local(e.Start.Truncate(time.Second))
		zones.local(e.End.Truncate(time.Second))
	}
	head := calendarHead(cal.Name, defZone, as)
	for _, tz := range zones.vtimezones() {
		head.AddVTimezone(tz)
	}

	// The library writes the head, the zones and each event as it is
	// built, between the BEGIN and END lines written here, so that a
	// program of any size never sits in memory as one object tree.
	cfg := &ical.SerializationConfiguration{MaxLength: 75, PropertyMaxLength: 75, NewLine: "\r\n"}
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.WriteString("BEGIN:VCALENDAR\r\n")
	for _, p := range head.CalendarProperties {
		if err := p.SerializeTo(bw, cfg); err != nil {
			return 0, fmt.Errorf("export: writing calendar: %w", err)
		}
	}
	for _, c := range head.Components {
		if err := c.SerializeTo(bw, cfg); err != nil {
			return 0, fmt.Errorf("export: writing calendar: %w", err)
		}
	}
	for _, e := range events {
		if err := vevent(e, uids[e], stamp, zones, opt.Alarm).SerializeTo(bw, cfg); err != nil {
			return 0, fmt.Errorf("export: writing calendar: %w", err)
		}
	}
	bw.WriteString("END:VCALENDAR\r\n")
	if err := bw.Flush(); err != nil {
		return 0, fmt.Errorf("export: writing calendar: %w", err)
	}
	return len(events), nil
}

// eventsOf are the events of cal that go out, with their UIDs: those with
// a time, the first of each UID, sorted by start, end, room, title and id
// (schedule.Less), then UID.
func eventsOf(cal Calendar) ([]*Event, map[*Event]string) {
	events := make([]*Event, 0, len(cal.Events))
	for i := range cal.Events {
		if cal.Events[i].Scheduled() {
			events = append(events, &cal.Events[i])
		}
	}
	uids := make(map[*Event]string, len(events))
	for _, e := range events {
		uids[e] = UID(cal.Name, &e.Session)
	}
	slices.SortStableFunc(events, func(a, b *Event) int {
		if schedule.Less(&a.Session, &b.Session) {
			return -1
		}
		if schedule.Less(&b.Session, &a.Session) {
			return 1
		}
		return strings.Compare(uids[a], uids[b])
	})
	seen := make(map[string]bool, len(events))
	kept := events[:0]
	for _, e := range events {
		if !seen[uids[e]] {
			seen[uids[e]] = true
			kept = append(kept, e)
		}
	}
	return kept, uids
}

// calendarHead is the VCALENDAR's own properties: VERSION, PRODID and
// CALSCALE, and for a published calendar METHOD:PUBLISH, its name and its
// zone (nil: UTC).
func calendarHead(name string, zone *time.Location, as form) *ical.Calendar {
	out := ical.NewCalendarFor("plan")
	out.SetProductId(ProductID)
	out.SetCalscale("GREGORIAN")
	if as == published {
		out.SetMethod(ical.MethodPublish)
		if name := lineValue(name); name != "" {
			out.SetXWRCalName(name)
		}
		if zone != nil {
			out.SetXWRTimezone(zone.String())
		}
	}
	return out
}

// vevent builds one VEVENT. Property order is fixed so golden files hold.
func vevent(e *Event, uid, stamp string, zones *zoneSet, alarm time.Duration) *ical.VEvent {
	ev := ical.NewEvent(uid)
	ev.SetProperty(ical.ComponentPropertyDtstamp, stamp)
	ev.SetSequence(max(e.Rev, 0))

	start := e.Start.Truncate(time.Second)
	end := e.End.Truncate(time.Second)
	if end.IsZero() || end.Before(start) {
		end = start // DTEND always: a session without an end lasts no time
	}
	setTime(ev, ical.ComponentPropertyDtStart, start, zones)
	setTime(ev, ical.ComponentPropertyDtEnd, end, zones)

	ev.SetSummary(lineValue(e.Title))
	cancelled := e.Cancelled || e.Session.Cancelled
	if cancelled {
		ev.SetStatus(ical.ObjectStatusCancelled)
	} else {
		ev.SetStatus(ical.ObjectStatusConfirmed)
	}
	if room := lineValue(e.Room); room != "" {
		ev.SetLocation(room)
	}
	for _, c := range categories(e) {
		ev.AddCategory(c)
	}
	link, linkOK := uriValue(e.URL)
	if d := description(e, cancelled, link); d != "" {
		ev.SetDescription(d)
	}
	if linkOK {
		ev.SetURL(link)
	}
	if alarm > 0 && !cancelled {
		a := ev.AddAlarm()
		a.SetAction(ical.ActionDisplay)
		a.SetTrigger(triggerValue(alarm))
		a.SetProperty(ical.ComponentPropertyDescription, lineValue(e.Title))
	}
	return ev
}

// setTime writes DTSTART or DTEND: local time with the zone's TZID when the
// time has a usable zone and its wall clock names one instant only, UTC
// otherwise.
func setTime(ev *ical.VEvent, prop ical.ComponentProperty, t time.Time, zones *zoneSet) {
	if name, local, ok := zones.local(t); ok {
		ev.SetProperty(prop, local.Format("20060102T150405"), ical.WithTZID(name))
		return
	}
	ev.SetProperty(prop, t.UTC().Format("20060102T150405Z"))
}

// categories are the kind's label and the track, without repeats.
func categories(e *Event) []string {
	var out []string
	if e.Kind != "" {
		out = append(out, e.Kind.Label(1))
	}
	if tr := lineValue(e.Track); tr != "" && (len(out) == 0 || !strings.EqualFold(tr, out[0])) {
		out = append(out, tr)
	}
	return out
}

// description is the event's notes: the fields export/present shows in a
// calendar (a cancellation notice, the subtitle, speakers, the link, the
// session's other links, the user's priority and note, the abstract),
// the paragraphs as paragraphs and the short fields as "Label: value"
// lines between them ("Video: https://video.fosdem.org/…").
func description(e *Event, cancelled bool, link string) string {
	s := e.Session
	s.Cancelled = cancelled
	it := present.Item{Session: &s}
	if e.Priority != "" || e.Note != "" {
		it.Pick = &schedule.Pick{Session: s, Priority: e.Priority, Note: e.Note}
	}
	var b strings.Builder
	b.Grow(len(e.Abstract) + len(e.Note) + len(link) + 200)
	prev := "" // the group of the text before: "" for a paragraph
	for _, f := range present.Fields(it, present.Calendar) {
		text := lineValue(f.Value)
		if f.Lines {
			text = strings.TrimSpace(textValue(f.Value))
		}
		// The link is a paragraph of its own, so that clients that make
		// links of URLs find it whole; the session's other links are a
		// group of lines of their own, apart from the short fields.
		group := "lines"
		switch {
		case f.Block || f.Key == "url":
			group = ""
		case f.Key == "link":
			group = "links"
		}
		switch {
		case f.Key == "url":
			text = link
		case text != "" && group != "":
			text = capitalize(f.Label) + ": " + text
		}
		if text == "" {
			continue
		}
		switch {
		case b.Len() == 0:
		case group != "" && group == prev:
			b.WriteString("\n")
		default:
			b.WriteString("\n\n")
		}
		b.WriteString(text)
		prev = group
	}
	return b.String()
}

// capitalize writes a label as the start of a line: "Speakers".
func capitalize(label string) string {
	r, size := utf8.DecodeRuneInString(label)
	return string(unicode.ToUpper(r)) + label[size:]
}

// UID is the iCalendar UID of a session in the named conference:
// "<32 hex digits>@plan", the first 128 bits of a SHA-256 over the
// conference name (trimmed, spaces collapsed, case folded) and the
// session's feed GUID, or, when the feed gives none, its source name and
// id. Neither the title, the time, the room nor the session's position in
// the program enters it, so exports before and after a re-import that
// moved or renamed a session share UIDs and calendars update the event
// instead of adding a second one.
func UID(calendarName string, s *schedule.Session) string {
	h := sha256.New()
	io.WriteString(h, "plan-uid-1\x00")
	io.WriteString(h, strings.ToLower(strings.Join(strings.Fields(calendarName), " ")))
	io.WriteString(h, "\x00")
	if guid := strings.TrimSpace(s.GUID); guid != "" {
		io.WriteString(h, "guid\x00")
		io.WriteString(h, strings.ToLower(guid))
	} else {
		io.WriteString(h, "id\x00")
		io.WriteString(h, s.Source)
		io.WriteString(h, "\x00")
		io.WriteString(h, s.ID)
	}
	sum := h.Sum(nil)
	return hex.EncodeToString(sum[:16]) + "@plan"
}

// textValue readies text for a multi-line TEXT property (DESCRIPTION):
// every line break (CRLF, CR, LF, NEL, U+2028, U+2029) becomes LF, which
// the library escapes as \n; tabs become spaces; other control characters
// are dropped; invalid UTF-8 becomes U+FFFD. The library then escapes
// \ , ; and LF, so no raw CR, LF or control character reaches the file.
func textValue(s string) string {
	return clean(s, "\n")
}

// lineValue readies text for a one-line TEXT property (SUMMARY, LOCATION,
// CATEGORIES): as textValue, but each line break becomes one space (calcurse
// drops events whose SUMMARY holds a line break), and the ends are trimmed.
func lineValue(s string) string {
	return strings.TrimSpace(clean(s, " "))
}

func clean(s, newline string) string {
	if plain(s, newline == "\n") {
		return s
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); {
		if c := s[i]; c >= 0x20 && c != 0x7f && c != 0xc2 && c != 0xe2 {
			b = append(b, c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case r == '\r':
			if i < len(s) && s[i] == '\n' {
				i++
			}
			b = append(b, newline...)
		case r == '\n' || r == 0x85 || r == 0x2028 || r == 0x2029:
			b = append(b, newline...)
		case r == '\t':
			b = append(b, ' ')
		case unicode.IsControl(r):
			// dropped
		default:
			b = utf8.AppendRune(b, r)
		}
	}
	return string(b)
}

// plain reports whether clean would return s unchanged: valid UTF-8 with
// no control character and no line break other than LF when keepLF. Most
// text is plain, and checking is much cheaper than rebuilding it.
func plain(s string, keepLF bool) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !suspect[c] {
			continue
		}
		switch {
		case c == '\n':
			if !keepLF {
				return false
			}
		case c == 0xc2: // U+0080–U+009F: C1 controls and NEL
			if i+1 < len(s) && s[i+1] >= 0x80 && s[i+1] <= 0x9f {
				return false
			}
		case c == 0xe2: // U+2028, U+2029: line and paragraph separators
			if i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0xa8 || s[i+2] == 0xa9) {
				return false
			}
		default: // other C0 controls, DEL
			return false
		}
	}
	return utf8.ValidString(s)
}

// suspect marks the bytes plain looks at twice.
var suspect = func() (t [256]bool) {
	for c := 0; c < 0x20; c++ {
		t[c] = true
	}
	t[0x7f], t[0xc2], t[0xe2] = true, true, true
	return t
}()

// uriValue checks a session link for the URL property, which the library
// writes unescaped: an absolute http or https URL with a host, and no
// white space or control character anywhere. Non-ASCII characters and
// the ASCII ones a URI may not hold (" < > \ ^ ` { | }) are
// percent-encoded. ok is false when the link is unusable; it is then left
// out of the calendar.
func uriValue(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" || !utf8.ValidString(s) {
		return "", false
	}
	for _, r := range s {
		if unicode.IsControl(r) || unicode.IsSpace(r) {
			return "", false
		}
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if uriEscape[s[i]] {
			n++
		}
	}
	if n == 0 {
		return s, true
	}
	const hex = "0123456789ABCDEF"
	b := make([]byte, 0, len(s)+2*n)
	for i := 0; i < len(s); i++ {
		if c := s[i]; uriEscape[c] {
			b = append(b, '%', hex[c>>4], hex[c&15])
		} else {
			b = append(b, c)
		}
	}
	return string(b), true
}

// uriEscape marks the bytes uriValue percent-encodes.
var uriEscape = func() (t [256]bool) {
	for c := 0x80; c < 0x100; c++ {
		t[c] = true
	}
	for _, c := range []byte(`"<>\^{|}` + "`") {
		t[c] = true
	}
	return t
}()

// triggerValue is the VALARM TRIGGER for a reminder d before the start:
// "-PT10M", "-PT1H30M", "-P1D".
func triggerValue(d time.Duration) string {
	d = d.Round(time.Second)
	if d < time.Second {
		d = time.Second
	}
	secs := int64(d / time.Second)
	days, secs := secs/86400, secs%86400
	h, m, s := secs/3600, secs/60%60, secs%60
	var b strings.Builder
	b.WriteString("-P")
	if days > 0 {
		b.WriteString(strconv.FormatInt(days, 10) + "D")
	}
	if h > 0 || m > 0 || s > 0 {
		b.WriteByte('T')
		if h > 0 {
			b.WriteString(strconv.FormatInt(h, 10) + "H")
		}
		if m > 0 {
			b.WriteString(strconv.FormatInt(m, 10) + "M")
		}
		if s > 0 {
			b.WriteString(strconv.FormatInt(s, 10) + "S")
		}
	}
	return b.String()
}

// tzidRE is what a tz database name looks like; anything else (Go's
// "Local", a fixed zone's "" or "+05:30") is not written as a TZID.
var tzidRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*$`) })

// isOffsetZone reports a plan zone that is a fixed UTC offset ("+01:00",
// a program that names no zone): its events are written in UTC, which
// every client reads, since no tz database zone stands behind it.
func isOffsetZone(loc *time.Location) bool {
	return loc.String() == schedule.OffsetName(offsetOf(loc))
}

func offsetOf(loc *time.Location) int {
	_, off := time.Date(2000, 1, 1, 0, 0, 0, 0, loc).Zone()
	return off
}

// isUTCName reports whether a zone name means UTC, whose times are written
// with a Z and no VTIMEZONE.
func isUTCName(name string) bool {
	switch strings.ToUpper(name) {
	case "UTC", "UCT", "ZULU", "UNIVERSAL", "GMT", "ETC/UTC", "ETC/UCT", "ETC/ZULU", "ETC/UNIVERSAL", "ETC/GMT", "Z":
		return true
	}
	return false
}
