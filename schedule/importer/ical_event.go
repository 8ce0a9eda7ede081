package importer

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html"
	"strings"
	"time"

	"github.com/plan-cli/plan/schedule"
)

// ical reads iCalendar files (RFC 5545): pretalx's schedule.ics, Indico,
// Sched, and plan's own `export --ics`. It has its own small parser:
// lines end in CRLF, LF (or CR alone), are unfolded before anything else
// (so a fold that cuts a UTF-8 character in two is fine), and TEXT values
// are unescaped (\\ \, \; \n \N).
//
// Each VEVENT becomes a session:
//
//	UID          GUID, and the ID (see icsID)
//	SUMMARY      Title. pretalx writes "Title - Speaker A, Speaker B"
//	             (always, see splitPretalxSummary), so when PRODID names
//	             pretalx the SUMMARY is split into Title and Speakers
//	DTSTART      Start; DTEND or DURATION gives End (neither: End = Start,
//	             or the next day for an all-day event)
//	LOCATION     Room
//	URL          URL
//	ATTACH       Links: each attachment given by address (not inline),
//	             titled by its FILENAME (or X-APPLE-FILENAME, X-LABEL); a
//	             video FMTTYPE makes it a video
//	CATEGORIES   Kind and Track: the first category that is a kind name
//	             ("bof", "Talk"; plan's export writes one) sets the Kind
//	             and the Type; the first other category is the Track; the
//	             rest are Tags. With no kind category, the kind comes from
//	             the title prefix or the track, else it is a talk
//	DESCRIPTION  Abstract, as plain text
//	STATUS       CANCELLED marks the session cancelled
//
// Times: a TZID is resolved with the Go tz database, never with the file's
// VTIMEZONE (those are often wrong: pretalx's PyCon AU 2023 calendar gives
// Adelaide +10:00 where it is +09:30). TZIDs with a globally unique prefix
// ("/mozilla.org/20050126_1/Europe/Berlin") and the common Windows names
// ("W. Europe Standard Time") are mapped to tz names; anything else is an
// error naming the line. UTC times ("…Z") are taken as they are. Floating
// times (no zone) and all-day events (VALUE=DATE, kept from 00:00 to 00:00
// of the exclusive end date) are placed in Options.Location, else in the
// calendar's X-WR-TIMEZONE or first VTIMEZONE's TZID when that is a tz
// name, else they are an error asking for --tz. A time that falls in a
// daylight-saving gap is read with the offset before the gap, and an
// ambiguous one as its first occurrence, as RFC 5545 says.
//
// The calendar's X-WR-CALNAME (or NAME) is the conference name, and its
// X-WR-TIMEZONE (or first VTIMEZONE TZID) the feed's time zone, used to
// show every time. Recurrence rules are not expanded: a recurring event is
// imported once, at its DTSTART; an overridden instance (RECURRENCE-ID) is
// a session of its own.
type ical struct{}

func (ical) Name() string { return "ical" }

func (ical) Detect(data []byte) bool {
	h := head(data, 64)
	const begin = "BEGIN:VCALENDAR"
	if len(h) >= len(begin) && bytes.EqualFold(h[:len(begin)], []byte(begin)) {
		return true
	}
	_, _, ok := wrappedCalendar(data)
	return ok
}

// maxCalendarWrap bounds how far into a file wrappedCalendar looks for
// BEGIN:VCALENDAR: a comment or a page's head, not a whole web site.
const maxCalendarWrap = 64 << 10

// wrappedCalendar finds a calendar inside something else: an HTML
// comment (<!-- on the first line, --> on the last), blank lines, a web
// page around it. It is the span from BEGIN:VCALENDAR to the end of the
// last END:VCALENDAR, when BEGIN:VCALENDAR ends a line in the first
// 64 KiB, only white space, markup (ending in ">") or an open comment
// comes before it, and an END:VCALENDAR follows.
func wrappedCalendar(data []byte) (begin, end int, ok bool) {
	h := data[:min(len(data), maxCalendarWrap)]
	begin = indexFold(h, "BEGIN:VCALENDAR", false)
	if begin < 0 {
		return 0, 0, false
	}
	before := bytes.TrimSpace(h[:begin])
	inComment := bytes.HasPrefix(before, []byte("<!--")) && !bytes.Contains(before, []byte("-->"))
	markup := len(before) > 0 && before[0] == '<' && before[len(before)-1] == '>'
	if len(before) > 0 && !inComment && !markup {
		return 0, 0, false
	}
	rest := h[begin+len("BEGIN:VCALENDAR"):]
	if eol := bytes.IndexAny(rest, "\r\n"); eol < 0 || len(bytes.TrimSpace(rest[:eol])) > 0 {
		return 0, 0, false // words after it: text about calendars
	}
	last := indexFold(data[begin:], "END:VCALENDAR", true)
	if last < 0 {
		return 0, 0, false
	}
	return begin, begin + last + len("END:VCALENDAR"), true
}

// indexFold is the index of the first (or last) pat in h, ASCII letters
// matched in either case; -1 when there is none. Unlike searching
// bytes.ToUpper(h), the index is h's own whatever h holds.
func indexFold(h []byte, pat string, last bool) int {
	found := -1
	for i := 0; i+len(pat) <= len(h); i++ {
		j := 0
		for j < len(pat) && lowerASCII(h[i+j]) == lowerASCII(pat[j]) {
			j++
		}
		if j == len(pat) {
			if !last {
				return i
			}
			found = i
		}
	}
	return found
}

func lowerASCII(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// unwrapCalendar returns the calendar inside a wrapped file, its lines
// where they were (what came before it becomes blank lines, so errors
// name the file's own lines), with a warning; data as it is otherwise.
// A calendar inside a web page has its HTML entities (&amp;) decoded.
func unwrapCalendar(data []byte, name string) ([]byte, []Warning) {
	h := head(data, 64)
	if len(h) >= 15 && bytes.EqualFold(h[:15], []byte("BEGIN:VCALENDAR")) {
		return data, nil
	}
	begin, end, ok := wrappedCalendar(data)
	if !ok {
		return data, nil
	}
	cal := data[begin:end]
	what := "blank lines"
	switch before := bytes.TrimSpace(data[:begin]); {
	case bytes.HasPrefix(before, []byte("<!--")):
		what = "an HTML comment"
	case len(before) > 0:
		what = "a web page"
		if bytes.Contains(cal, []byte("&amp;")) || bytes.Contains(cal, []byte("&lt;")) || bytes.Contains(cal, []byte("&#")) {
			cal = []byte(html.UnescapeString(string(cal)))
		}
	}
	out := make([]byte, 0, begin+len(cal))
	out = append(out, bytes.Repeat([]byte{'\n'}, bytes.Count(data[:begin], []byte{'\n'}))...)
	out = append(out, cal...)
	w := Warning{File: name, Msg: fmt.Sprintf("the calendar is inside %s: read from its BEGIN:VCALENDAR to its END:VCALENDAR", what)}
	return out, []Warning{w}
}

// icsParser holds what one Parse call needs.
type icsParser struct {
	name  string
	opt   Options
	zones map[string]*time.Location // resolved TZIDs
	cals  []*icsComp
	ask   string // how an error about times without a zone ends, once asked
}

func (p *icsParser) errf(line int, format string, args ...any) error {
	return &schedule.InputError{File: p.name, Line: line, Msg: fmt.Sprintf(format, args...)}
}

func (ical) Parse(data []byte, opt Options) (*Feed, error) {
	p := &icsParser{name: opt.Name, opt: opt, zones: map[string]*time.Location{}}
	data, warnings := unwrapCalendar(stripBOM(data), opt.Name)
	cals, err := p.readCalendars(data)
	if err != nil {
		return nil, err
	}
	p.cals = cals
	feed, err := p.feed(cals)
	if err != nil {
		return nil, err
	}
	feed.Warnings = append(warnings, feed.Warnings...)
	return feed, nil
}

// askZone is how an error about a time without a zone ends: the city
// the events' LOCATIONs name gives the example (a room is no proof of
// the zone, so it is only the example), else this machine's zone.
func (p *icsParser) askZone() string {
	if p.ask != "" {
		return p.ask
	}
	seen := map[string]bool{}
	var places []string
	for _, cal := range p.cals {
		for _, c := range cal.subs {
			if pr := c.prop("LOCATION"); c.name == "VEVENT" && pr != nil && !seen[pr.value] && len(seen) < 1000 {
				seen[pr.value] = true
				places = append(places, oneLine(unescapeText(pr.value)))
			}
		}
	}
	p.ask = p.opt.askTZ(zoneInText(places...), "Europe/Brussels")
	return p.ask
}

// feed turns the calendars into sessions.
func (p *icsParser) feed(cals []*icsComp) (*Feed, error) {
	feed := &Feed{}
	seen := map[string]*schedule.Session{} // id -> the session that has it
	var reused []string                    // "UID (lines a and b)", one per reused UID
	reusedUID := map[string]bool{}
	for _, cal := range cals {
		if cal.name != "VCALENDAR" {
			continue
		}
		calZone := p.calendarZone(cal, feed)
		pretalx := false
		if prod := cal.prop("PRODID"); prod != nil {
			pretalx = strings.Contains(strings.ToLower(prod.value), "pretalx")
		}
		for _, c := range cal.subs {
			if c.name != "VEVENT" {
				continue
			}
			s, err := p.session(c, calZone, pretalx)
			if err != nil {
				if err := feed.skip(err); err != nil {
					return nil, err
				}
				continue
			}
			feed.addLinks(p.name, s, "", icsLinks(c))
			if prev, dup := seen[s.ID]; dup {
				if prev.GUID == s.GUID && prev.Title == s.Title && prev.Room == s.Room && prev.Start.Equal(s.Start) && prev.End.Equal(s.End) {
					feed.Warnings = append(feed.Warnings, Warning{File: p.name, Line: c.line, Session: s.ID, Msg: fmt.Sprintf("the same event as line %d (same UID, time, title and room): imported once", feed.lines[prev])})
					continue
				}
				if prev.GUID != s.GUID && seen[hashID("ics-", s.GUID)] == nil {
					// Two UIDs that make the same short id ("1@a",
					// "1@b"): the later one takes its UID's hash.
					s.ID = hashID("ics-", s.GUID)
					seen[s.ID] = s
					feed.add(s, c.line)
					continue
				}
				// Another event under a UID already used (one
				// conference used 5 UIDs for 88 events): kept apart,
				// with an id and guid from what tells it apart.
				key := s.GUID + "|" + s.Start.UTC().Format(time.RFC3339) + "|" + s.Title + "|" + s.Room
				id := hashID("ics-", key)
				for n := 2; seen[id] != nil; n++ {
					id = fmt.Sprintf("%s-%d", hashID("ics-", key), n)
				}
				if !reusedUID[s.GUID] {
					reusedUID[s.GUID] = true
					reused = append(reused, fmt.Sprintf("%q (lines %d and %d)", clip(s.GUID, 60), feed.lines[prev], c.line))
				}
				if s.GUID != "" {
					s.GUID += "/" + s.Start.UTC().Format("20060102T150405Z")
				}
				s.ID = id
			}
			seen[s.ID] = s
			feed.add(s, c.line)
		}
	}
	if len(reused) > 0 {
		more := ""
		if len(reused) > 3 {
			more = fmt.Sprintf(" and %d more", len(reused)-3)
			reused = reused[:3]
		}
		feed.Warnings = append(feed.Warnings, Warning{File: p.name, Msg: fmt.Sprintf("%d %s more than one event with a different time, title or room: %s%s; each event is kept, the later ones with ids of their own", len(reused), plural(len(reused), "UID names", "UIDs name"), strings.Join(reused, ", "), more)})
	}
	return feed.done()
}

// calendarZone reads the calendar's name and zone into feed, and returns
// the zone that places floating times and in which times are shown:
// Options.Location when given, else X-WR-TIMEZONE, else the first
// VTIMEZONE whose TZID is a tz name. A stated zone this tool does not
// know is an error only if a floating time needs it (see readTime).
func (p *icsParser) calendarZone(cal *icsComp, feed *Feed) *time.Location {
	if feed.Conference == "" {
		for _, name := range []string{"X-WR-CALNAME", "NAME", "X-WR-CALDESC"} {
			if pr := cal.prop(name); pr != nil {
				if v := oneLine(unescapeText(pr.value)); v != "" {
					feed.Conference = v
					break
				}
			}
		}
	}
	var zone *time.Location
	if pr := cal.prop("X-WR-TIMEZONE"); pr != nil {
		if loc, err := p.resolveTZID(unescapeText(strings.TrimSpace(pr.value))); err == nil {
			zone = loc
		}
	}
	if zone == nil {
		for _, c := range cal.subs {
			if c.name != "VTIMEZONE" {
				continue
			}
			if pr := c.prop("TZID"); pr != nil {
				if loc, err := p.resolveTZID(strings.TrimSpace(pr.value)); err == nil {
					zone = loc
				}
			}
			break
		}
	}
	if zone != nil && feed.TimeZone == "" {
		feed.TimeZone = zone.String()
	}
	if p.opt.Location != nil {
		return p.opt.Location
	}
	return zone
}

// session reads one VEVENT. loc places floating times and shows all
// times; it may be nil when the calendar names no zone.
func (p *icsParser) session(c *icsComp, loc *time.Location, pretalx bool) (*schedule.Session, error) {
	text := func(name string) string {
		if pr := c.prop(name); pr != nil {
			return unescapeText(pr.value)
		}
		return ""
	}
	s := &schedule.Session{}
	uid := oneLine(text("UID"))
	summary := text("SUMMARY")
	if pretalx {
		summary, s.Speakers = splitPretalxSummary(summary)
	}
	s.Title = oneLine(summary)
	who := uid
	if who == "" {
		who = s.Title
	}
	fail := func(line int, format string, args ...any) error {
		return &schedule.InputError{File: p.name, Line: line, Session: who, Err: fmt.Errorf(format, args...)}
	}
	// An empty SUMMARY gets validate's placeholder, with a warning.

	start := c.prop("DTSTART")
	if start == nil {
		return nil, fail(c.line, "VEVENT has no DTSTART")
	}
	st, err := p.readTime(start, loc)
	if err != nil {
		return nil, fail(start.line, "%w", err)
	}
	s.Start = st.t
	switch end, dur := c.prop("DTEND"), c.prop("DURATION"); {
	case end != nil:
		et, err := p.readTime(end, loc)
		if err != nil {
			return nil, fail(end.line, "%w", err)
		}
		s.End = et.t
		if s.End.Before(s.Start) {
			return nil, fail(end.line, "DTEND (%s) is before DTSTART (%s)", s.End.Format(time.RFC3339), s.Start.Format(time.RFC3339))
		}
	case dur != nil:
		days, exact, err := parseICSDuration(strings.TrimSpace(dur.value))
		if err != nil {
			return nil, fail(dur.line, "%v", err)
		}
		s.End = st.t.AddDate(0, 0, days).Add(exact)
	case st.date:
		s.End = st.t.AddDate(0, 0, 1)
	default:
		s.End = s.Start
	}
	if s.End.Year() > 9999 {
		return nil, fail(c.line, "the event ends after the year 9999")
	}
	if loc != nil {
		s.Start, s.End = s.Start.In(loc), s.End.In(loc)
	} else {
		s.End = s.End.In(s.Start.Location()) // one zone per session
	}

	if rid := c.prop("RECURRENCE-ID"); rid != nil && uid != "" {
		uid += "/" + strings.TrimSpace(rid.value)
	}
	s.GUID = uid
	if uid == "" && s.Title == "" {
		s.ID = hashID("ics-", fmt.Sprintf("line %d|", c.line)+s.Start.UTC().Format(time.RFC3339))
	} else if uid != "" {
		s.ID = icsID(uid)
	} else {
		s.ID = hashID("ics-", s.Title+"|"+s.Start.UTC().Format(time.RFC3339))
	}
	s.Room = oneLine(text("LOCATION"))
	if pr := c.prop("URL"); pr != nil {
		s.URL = oneLine(pr.value) // a URI, not TEXT: no unescaping
	}
	s.Abstract = cleanText(text("DESCRIPTION"))
	if len(s.Speakers) == 0 {
		s.Speakers = icsSpeakers(c, s.Abstract)
		s.Title = withoutSpeakers(s.Title, s.Speakers)
	}
	s.Cancelled = strings.EqualFold(strings.TrimSpace(text("STATUS")), "CANCELLED")

	var kind schedule.Kind
	for _, pr := range c.props {
		if pr.name != "CATEGORIES" {
			continue
		}
		for _, cat := range splitTextList(pr.value) {
			cat = oneLine(cat)
			switch {
			case cat == "":
			case kind == "" && schedule.Kind(strings.ToLower(cat)).Valid():
				kind = schedule.Kind(strings.ToLower(cat))
				s.Type = cat
			case s.Track == "":
				s.Track = cat
			default:
				s.Tags = append(s.Tags, cat)
			}
		}
	}
	if kind != "" {
		s.Kind = kind
	} else {
		s.Kind = kindOf(s.Title, s.Type, s.Track, schedule.KindTalk)
	}
	return s, nil
}

// icsLinks are the event's ATTACH properties that give an address.
func icsLinks(c *icsComp) []rawLink {
	var out []rawLink
	for _, pr := range c.props {
		if pr.name != "ATTACH" || strings.EqualFold(pr.param("VALUE"), "BINARY") || pr.param("ENCODING") != "" {
			continue
		}
		l := rawLink{href: pr.value} // a URI, not TEXT: no unescaping
		for _, name := range []string{"FILENAME", "X-APPLE-FILENAME", "X-LABEL"} {
			if l.title == "" {
				l.title = pr.param(name)
			}
		}
		if strings.HasPrefix(strings.ToLower(pr.param("FMTTYPE")), "video/") {
			l.kind = "video"
		}
		out = append(out, l)
	}
	return out
}

// splitPretalxSummary undoes pretalx's SUMMARY, which is always
// f"{title} - {speaker names joined by ', '}" (TalkSlot.build_ical). The
// speakers follow the last " - " that is not inside brackets: a title may
// hold " - " itself, and so may a speaker's affiliation ("Ann Lee [ACME
// - Research]", "Bo (Uni - Dept)"), but the names practically never do.
// With no speakers pretalx writes "Title - ".
func splitPretalxSummary(s string) (string, []string) {
	t := strings.TrimRight(s, " \t")
	if strings.HasSuffix(t, " -") {
		return strings.TrimSuffix(t, " -"), nil
	}
	i := lastUnbracketed(s, " - ")
	if i <= 0 {
		return s, nil
	}
	return s[:i], splitUnbracketed(s[i+3:])
}

// lastUnbracketed is the index of the last sep in s outside (), [] and
// {}, -1 when there is none. Brackets are counted from the end, so an
// unclosed one in the title does not hide the separator.
func lastUnbracketed(s, sep string) int {
	depth := 0
	for i := len(s) - 1; i >= 0; i-- {
		switch s[i] {
		case ')', ']', '}':
			depth++
		case '(', '[', '{':
			if depth > 0 {
				depth--
			}
		}
		if depth == 0 && strings.HasPrefix(s[i:], sep) {
			return i
		}
	}
	return -1
}

// splitUnbracketed splits a name list at the commas outside brackets.
func splitUnbracketed(s string) []string {
	var out []string
	depth, start := 0, 0
	for i := 0; i <= len(s); i++ {
		if i < len(s) {
			switch s[i] {
			case '(', '[', '{':
				depth++
				continue
			case ')', ']', '}':
				depth = max(depth-1, 0)
				continue
			case ',':
				if depth > 0 {
					continue
				}
			default:
				continue
			}
		}
		if n := oneLine(s[start:i]); n != "" {
			out = append(out, n)
		}
		start = i + 1
	}
	return out
}

// withoutSpeakers takes a " - Ann Lee, Bo Chen" off the end of a title
// when those are the speakers the event names elsewhere (ATTENDEE,
// ORGANIZER, a "Speaker:" line), as pretalx's SUMMARY has them: every
// name after the last " - " outside brackets must be one of them.
func withoutSpeakers(title string, speakers []string) string {
	if len(speakers) == 0 {
		return title
	}
	i := lastUnbracketed(title, " - ")
	if i <= 0 {
		return title
	}
	known := map[string]bool{}
	for _, sp := range speakers {
		known[strings.ToLower(oneLine(sp))] = true
	}
	names := splitUnbracketed(strings.NewReplacer(" & ", ",", " and ", ",").Replace(title[i+3:]))
	if len(names) == 0 {
		return title
	}
	for _, n := range names {
		if !known[strings.ToLower(n)] {
			return title
		}
	}
	return strings.TrimSpace(title[:i])
}

// icsSpeakers finds the speakers of an event that does not name them in
// its SUMMARY: the CN of its ATTENDEE (and ORGANIZER, when there are no
// attendees) properties, else a "Speaker: …" or "Speakers: …" line of its
// DESCRIPTION (names separated by commas, ";" or " and ").
func icsSpeakers(c *icsComp, abstract string) []string {
	var out []string
	for _, role := range []string{"ATTENDEE", "ORGANIZER"} {
		for _, pr := range c.props {
			if pr.name != role {
				continue
			}
			if n := oneLine(pr.param("CN")); n != "" {
				out = append(out, n)
			}
		}
		if len(out) > 0 {
			return out
		}
	}
	for _, line := range strings.Split(abstract, "\n") {
		label, rest, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		switch strings.ToLower(strings.TrimSpace(label)) {
		case "speaker", "speakers", "presenter", "presenters", "speaker(s)", "referent", "referenten", "sprecher":
		default:
			continue
		}
		rest = strings.NewReplacer(";", ",", " and ", ",", " & ", ",").Replace(rest)
		return splitUnbracketed(rest)
	}
	return nil
}

// icsID makes a short, stable session id from a UID, so that people can
// type it (`plan add EJWEMK`):
//   - pretalx's "pretalx-<event>-<CODE>[-n]@<host>" gives its submission
//     code, CODE[-n], the code in the talk's URL;
//   - else the part before the last '@' ("talk-42" of
//     "talk-42@example.org"), if that is at most 40 letters, digits and
//     . _ + -;
//   - else the whole UID, if it is that short and simple (with @ allowed);
//   - else "ics-" and 10 hex digits of the UID's SHA-256.
//
// Should two events of one file get the same id this way (same local
// part, different domains), the later one gets the hashed form. The full
// UID is always kept as the GUID, which re-imports match first.
func icsID(uid string) string {
	if code := pretalxCode(uid); code != "" {
		return code
	}
	if at := strings.LastIndexByte(uid, '@'); at > 0 && simpleID(uid[:at]) && !strings.Contains(uid[:at], "@") {
		return uid[:at]
	}
	if simpleID(uid) {
		return uid
	}
	return hashID("ics-", uid)
}

func simpleID(s string) bool {
	if s == "" || len(s) > 40 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("._@+-", c) >= 0) {
			return false
		}
	}
	return true
}

// pretalxCode is the submission code in a pretalx UID, "" when uid is not
// one.
func pretalxCode(uid string) string {
	at := strings.LastIndexByte(uid, '@')
	if at < 0 || !strings.HasPrefix(uid, "pretalx-") {
		return ""
	}
	parts := strings.Split(uid[len("pretalx-"):at], "-")
	isCode := func(s string) bool {
		if len(s) < 4 || len(s) > 16 {
			return false
		}
		for i := 0; i < len(s); i++ {
			if !(s[i] >= 'A' && s[i] <= 'Z' || s[i] >= '0' && s[i] <= '9') {
				return false
			}
		}
		return true
	}
	n := len(parts)
	if n >= 3 {
		if _, ok := digits(parts[n-1]); ok && len(parts[n-1]) <= 3 && isCode(parts[n-2]) {
			return parts[n-2] + "-" + parts[n-1]
		}
	}
	if n >= 2 && isCode(parts[n-1]) {
		return parts[n-1]
	}
	return ""
}

// hashID is prefix and 10 hex digits of the SHA-256 of key: short, stable,
// and with 40 bits, safe from accidental clashes in any one program.
func hashID(prefix, key string) string {
	sum := sha256.Sum256([]byte(key))
	return prefix + hex.EncodeToString(sum[:5])
}
