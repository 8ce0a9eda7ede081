package importer

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

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
func (ical) Description() string {
	return "iCalendar .ics (pretalx, Indico, Sched, plan's own export)"
}

func (ical) Detect(data []byte) bool {
	h := head(data, 64)
	const begin = "BEGIN:VCALENDAR"
	return len(h) >= len(begin) && bytes.EqualFold(h[:len(begin)], []byte(begin))
}

// icsProp is one unfolded content line: NAME;PARAM=VALUE:value.
type icsProp struct {
	name   string // upper case
	params []icsParam
	value  string // raw: TEXT escapes still in place
	line   int    // 1-based line where the property starts
}

type icsParam struct {
	name   string // upper case
	values []string
}

// param is the first value of the named parameter, "" when absent.
func (p *icsProp) param(name string) string {
	for _, q := range p.params {
		if q.name == name && len(q.values) > 0 {
			return q.values[0]
		}
	}
	return ""
}

type icsComp struct {
	name  string // upper case: VCALENDAR, VEVENT, VTIMEZONE, …
	line  int
	props []icsProp
	subs  []*icsComp
}

// prop is the first property with that name, nil when absent.
func (c *icsComp) prop(name string) *icsProp {
	for i := range c.props {
		if c.props[i].name == name {
			return &c.props[i]
		}
	}
	return nil
}

// maxICSDepth bounds component nesting (real calendars need 3).
const maxICSDepth = 16

// icsParser holds what one Parse call needs.
type icsParser struct {
	name  string
	opt   Options
	zones map[string]*time.Location // resolved TZIDs
}

func (p *icsParser) errf(line int, format string, args ...any) error {
	return &schedule.InputError{File: p.name, Line: line, Msg: fmt.Sprintf(format, args...)}
}

func (ical) Parse(data []byte, opt Options) (*Feed, error) {
	p := &icsParser{name: opt.Name, opt: opt, zones: map[string]*time.Location{}}
	cals, err := p.readCalendars(stripBOM(data))
	if err != nil {
		return nil, err
	}
	return p.feed(cals)
}

// readCalendars unfolds the lines, parses each content line and builds
// the component tree. The file must begin with BEGIN:VCALENDAR and every
// component must be closed; several calendars one after another are read
// as one.
func (p *icsParser) readCalendars(data []byte) ([]*icsComp, error) {
	var cals []*icsComp
	var stack []*icsComp
	lastLine := 0
	err := unfoldLines(data, func(text string, line int) error {
		lastLine = line
		if !utf8.ValidString(text) {
			return p.errf(line, "not UTF-8 text (save the file as UTF-8)")
		}
		prop, err := parseContentLine(text)
		if err != nil {
			return p.errf(line, "%v", err)
		}
		prop.line = line
		switch prop.name {
		case "BEGIN":
			name := strings.ToUpper(strings.TrimSpace(prop.value))
			if name == "" {
				return p.errf(line, "BEGIN without a component name")
			}
			if len(stack) == 0 && name != "VCALENDAR" {
				if len(cals) == 0 {
					return p.errf(line, "not an iCalendar file: it must begin with BEGIN:VCALENDAR")
				}
				return p.errf(line, "BEGIN:%s after END:VCALENDAR", name)
			}
			if len(stack) >= maxICSDepth {
				return p.errf(line, "components nested more than %d deep", maxICSDepth)
			}
			c := &icsComp{name: name, line: line}
			if len(stack) > 0 {
				parent := stack[len(stack)-1]
				parent.subs = append(parent.subs, c)
			}
			stack = append(stack, c)
		case "END":
			name := strings.ToUpper(strings.TrimSpace(prop.value))
			if len(stack) == 0 {
				return p.errf(line, "END:%s without a BEGIN", name)
			}
			open := stack[len(stack)-1]
			if name != open.name {
				return p.errf(line, "END:%s, but BEGIN:%s (line %d) is still open", name, open.name, open.line)
			}
			stack = stack[:len(stack)-1]
			if len(stack) == 0 {
				cals = append(cals, open)
			}
		default:
			if len(stack) == 0 {
				if len(cals) == 0 {
					return p.errf(line, "not an iCalendar file: it must begin with BEGIN:VCALENDAR")
				}
				return p.errf(line, "%s after END:VCALENDAR", prop.name)
			}
			c := stack[len(stack)-1]
			c.props = append(c.props, prop)
		}
		return nil
	})
	if err != nil {
		if ie, ok := err.(*schedule.InputError); ok && ie.File == "" {
			ie.File = p.name
		}
		return nil, err
	}
	if len(stack) > 0 {
		open := stack[len(stack)-1]
		return nil, p.errf(lastLine, "the file ends inside BEGIN:%s (line %d): it is truncated (no END:%s); download it again", open.name, open.line, stack[0].name)
	}
	if len(cals) == 0 {
		return nil, p.errf(0, "empty file: no BEGIN:VCALENDAR")
	}
	return cals, nil
}

// unfoldLines calls fn with each logical line of data and the line number
// where it starts. Physical lines end in LF, CRLF, or CR alone when the
// file has no LF at all; a line that begins with a space or a tab
// continues the one before, without that first character. Blank lines are
// skipped.
func unfoldLines(data []byte, fn func(text string, line int) error) error {
	sep := byte('\n')
	if bytes.IndexByte(data, '\n') < 0 {
		sep = '\r'
	}
	var buf []byte     // the logical line being built when it is folded
	var cur []byte     // the logical line so far (aliases data or buf)
	curLine, n := 0, 0 // its first line; the current physical line
	flush := func() error {
		if cur == nil {
			return nil
		}
		text := string(cur)
		cur = nil
		return fn(text, curLine)
	}
	for len(data) > 0 {
		n++
		var phys []byte
		if i := bytes.IndexByte(data, sep); i >= 0 {
			phys, data = data[:i], data[i+1:]
		} else {
			phys, data = data, nil
		}
		if sep == '\n' && len(phys) > 0 && phys[len(phys)-1] == '\r' {
			phys = phys[:len(phys)-1]
		}
		if len(phys) == 0 {
			continue
		}
		if phys[0] == ' ' || phys[0] == '\t' {
			if cur == nil {
				return &schedule.InputError{Line: n, Msg: "a folded continuation line with nothing before it"}
			}
			if len(buf) == 0 || &buf[0] != &cur[0] {
				buf = append(buf[:0], cur...)
			}
			buf = append(buf, phys[1:]...)
			cur = buf
			continue
		}
		if err := flush(); err != nil {
			return err
		}
		cur, curLine = phys, n
	}
	return flush()
}

// parseContentLine splits NAME *(;PARAM=VALUE[,VALUE]) : value. Parameter
// values may be quoted ("…"), and then hold ; : and , freely.
func parseContentLine(s string) (icsProp, error) {
	var p icsProp
	i := 0
	for i < len(s) && isNameChar(s[i]) {
		i++
	}
	if i == 0 {
		return p, fmt.Errorf("not an iCalendar content line (want NAME:value): %q", clip(s, 40))
	}
	p.name = strings.ToUpper(s[:i])
	for {
		if i >= len(s) {
			return p, fmt.Errorf("property %s has no ':' and no value", p.name)
		}
		switch s[i] {
		case ':':
			p.value = s[i+1:]
			return p, nil
		case ';':
			i++
			j := i
			for i < len(s) && isNameChar(s[i]) {
				i++
			}
			if i == j || i >= len(s) || s[i] != '=' {
				return p, fmt.Errorf("property %s has a malformed parameter (want ;NAME=value)", p.name)
			}
			q := icsParam{name: strings.ToUpper(s[j:i])}
			i++ // '='
			for {
				var v string
				if i < len(s) && s[i] == '"' {
					end := strings.IndexByte(s[i+1:], '"')
					if end < 0 {
						return p, fmt.Errorf("property %s: parameter %s has an unterminated quote", p.name, q.name)
					}
					v = s[i+1 : i+1+end]
					i += end + 2
				} else {
					j := i
					for i < len(s) && s[i] != ';' && s[i] != ':' && s[i] != ',' {
						i++
					}
					v = s[j:i]
				}
				q.values = append(q.values, v)
				if i < len(s) && s[i] == ',' {
					i++
					continue
				}
				break
			}
			p.params = append(p.params, q)
		default:
			return p, fmt.Errorf("property %s: unexpected %q after the name (want ':' or ';')", p.name, s[i])
		}
	}
}

func isNameChar(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-'
}

// unescapeText undoes TEXT escaping: \\ \; \, and \n or \N. Other
// backslashes are kept as they are.
func unescapeText(s string) string {
	if strings.IndexByte(s, '\\') < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\\' && i+1 < len(s) {
			switch s[i+1] {
			case '\\', ';', ',':
				b.WriteByte(s[i+1])
				i++
				continue
			case 'n', 'N':
				b.WriteByte('\n')
				i++
				continue
			}
		}
		b.WriteByte(c)
	}
	return b.String()
}

// splitTextList splits a multi-valued TEXT (CATEGORIES) at unescaped
// commas and unescapes each value.
func splitTextList(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case ',':
			out = append(out, unescapeText(s[start:i]))
			start = i + 1
		}
	}
	return append(out, unescapeText(s[start:]))
}

// feed turns the calendars into sessions.
func (p *icsParser) feed(cals []*icsComp) (*Feed, error) {
	feed := &Feed{}
	seen := map[string]int{}  // id -> line of its VEVENT
	uids := map[string]bool{} // UIDs seen
	for _, cal := range cals {
		if cal.name != "VCALENDAR" {
			continue
		}
		calZone, err := p.calendarZone(cal, feed)
		if err != nil {
			return nil, err
		}
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
				return nil, err
			}
			if prev, dup := seen[s.ID]; dup {
				if s.GUID == "" || uids[s.GUID] {
					return nil, &schedule.InputError{File: p.name, Line: c.line, Session: s.ID, Msg: fmt.Sprintf("two events share this UID, or have no UID and the same title and start (lines %d and %d)", prev, c.line)}
				}
				s.ID = hashID("ics-", s.GUID)
				if prev, dup := seen[s.ID]; dup {
					return nil, &schedule.InputError{File: p.name, Line: c.line, Session: s.ID, Msg: fmt.Sprintf("two events share this id (lines %d and %d)", prev, c.line)}
				}
			}
			seen[s.ID] = c.line
			uids[s.GUID] = true
			feed.Sessions = append(feed.Sessions, s)
		}
	}
	return feed, nil
}

// calendarZone reads the calendar's name and zone into feed, and returns
// the zone that places floating times and in which times are shown:
// Options.Location when given, else X-WR-TIMEZONE, else the first
// VTIMEZONE whose TZID is a tz name. A stated zone this tool does not
// know is an error only if a floating time needs it (see floatingZone).
func (p *icsParser) calendarZone(cal *icsComp, feed *Feed) (*time.Location, error) {
	if feed.Conference == "" {
		for _, name := range []string{"X-WR-CALNAME", "NAME"} {
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
		return p.opt.Location, nil
	}
	return zone, nil
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
	if s.Title == "" {
		return nil, fail(c.line, "VEVENT has no SUMMARY (title)")
	}

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
	if uid != "" {
		s.ID = icsID(uid)
	} else {
		s.ID = hashID("ics-", s.Title+"|"+s.Start.UTC().Format(time.RFC3339))
	}
	s.Room = oneLine(text("LOCATION"))
	if pr := c.prop("URL"); pr != nil {
		s.URL = oneLine(pr.value) // a URI, not TEXT: no unescaping
	}
	s.Abstract = cleanText(text("DESCRIPTION"))
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

// splitPretalxSummary undoes pretalx's SUMMARY, which is always
// f"{title} - {speaker names joined by ', '}" (TalkSlot.build_ical). The
// speakers follow the last " - "; a title may hold " - " itself, a
// speaker's display name practically never does. With no speakers pretalx
// writes "Title - ".
func splitPretalxSummary(s string) (string, []string) {
	t := strings.TrimRight(s, " \t")
	if strings.HasSuffix(t, " -") {
		return strings.TrimSuffix(t, " -"), nil
	}
	i := strings.LastIndex(s, " - ")
	if i <= 0 {
		return s, nil
	}
	return s[:i], splitNames(s[i+3:], oneLine)
}

// icsTime is a DTSTART or DTEND read and placed.
type icsTime struct {
	t    time.Time
	date bool // VALUE=DATE: an all-day date
}

// readTime reads a DATE or DATE-TIME property. Dates and floating times
// are placed in loc; TZIDs are resolved with the tz database.
func (p *icsParser) readTime(pr *icsProp, loc *time.Location) (icsTime, error) {
	v := strings.TrimSpace(pr.value)
	valueType := strings.ToUpper(pr.param("VALUE"))
	isDate := valueType == "DATE" || valueType == "" && len(v) == 8
	if valueType != "" && valueType != "DATE" && valueType != "DATE-TIME" {
		return icsTime{}, fmt.Errorf("%s has VALUE=%s; only DATE and DATE-TIME are understood", pr.name, valueType)
	}
	if isDate {
		y, mo, d, ok := parseICSDate(v)
		if !ok || len(v) != 8 {
			return icsTime{}, fmt.Errorf("bad %s date %q: want YYYYMMDD, such as 20260307", pr.name, clip(v, 40))
		}
		if loc == nil {
			return icsTime{}, noZone(fmt.Sprintf("%s is an all-day date and the calendar names no time zone: give the conference's zone with --tz (e.g. --tz Europe/Brussels)", pr.name))
		}
		return icsTime{t: time.Date(y, time.Month(mo), d, 0, 0, 0, 0, loc), date: true}, nil
	}
	y, mo, d, ok := parseICSDate(v)
	utc := len(v) == 16 && (v[15] == 'Z' || v[15] == 'z')
	if !ok || !(len(v) == 15 || utc) || v[8] != 'T' && v[8] != 't' {
		return icsTime{}, fmt.Errorf("bad %s %q: want a date-time such as 20260307T100000 (local) or 20260307T180000Z (UTC)", pr.name, clip(v, 40))
	}
	h, okH := digits(v[9:11])
	mi, okM := digits(v[11:13])
	sec, okS := digits(v[13:15])
	if !okH || !okM || !okS || h > 23 || mi > 59 || sec > 60 {
		return icsTime{}, fmt.Errorf("bad %s %q: the time of day is not HHMMSS", pr.name, clip(v, 40))
	}
	if sec == 60 { // a leap second: the calendar cannot mean it
		sec = 59
	}
	if utc {
		return icsTime{t: time.Date(y, time.Month(mo), d, h, mi, sec, 0, time.UTC)}, nil
	}
	zone := loc
	if tzid := strings.TrimSpace(pr.param("TZID")); tzid != "" {
		z, err := p.resolveTZID(tzid)
		if err != nil && p.opt.Location == nil {
			return icsTime{}, err
		}
		if err != nil {
			z = p.opt.Location // --tz names the zone the TZID meant
		}
		zone = z
	} else if zone == nil {
		return icsTime{}, noZone(fmt.Sprintf("%s %s is a floating time (no TZID, no Z) and the calendar names no time zone: give the conference's zone with --tz (e.g. --tz Europe/Brussels)", pr.name, v))
	}
	return icsTime{t: wallTime(y, mo, d, h, mi, sec, zone)}, nil
}

// parseICSDate reads the YYYYMMDD at the start of v and checks the day
// exists.
func parseICSDate(v string) (y, mo, d int, ok bool) {
	if len(v) < 8 {
		return 0, 0, 0, false
	}
	y, ok1 := digits(v[0:4])
	mo, ok2 := digits(v[4:6])
	d, ok3 := digits(v[6:8])
	if !ok1 || !ok2 || !ok3 || y < 1000 || mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) {
		return 0, 0, 0, false
	}
	return y, mo, d, true
}

// maxICSDuration bounds DURATION; no conference session lasts a year.
const maxICSDuration = 366 * 24 * time.Hour

// parseICSDuration reads an RFC 5545 duration such as PT45M, P1D, P1W or
// P1DT2H30M. Days and weeks are nominal (calendar days, which may be 23
// or 25 hours long across a DST change); hours, minutes and seconds are
// exact. Negative durations are an error: an event cannot end before it
// starts.
func parseICSDuration(v string) (days int, exact time.Duration, err error) {
	bad := func() (int, time.Duration, error) {
		return 0, 0, fmt.Errorf("bad DURATION %q: want e.g. PT45M, PT1H30M or P1D", clip(v, 40))
	}
	s := strings.ToUpper(v)
	if strings.HasPrefix(s, "-") {
		return 0, 0, fmt.Errorf("DURATION %q is negative: an event cannot end before it starts", clip(v, 40))
	}
	s = strings.TrimPrefix(s, "+")
	if !strings.HasPrefix(s, "P") || len(s) < 3 {
		return bad()
	}
	s = s[1:]
	inTime := false
	order := "WD" // units allowed next, in order
	seen := false
	for len(s) > 0 {
		if s[0] == 'T' {
			if inTime || len(s) == 1 {
				return bad()
			}
			inTime, order = true, "HMS"
			s = s[1:]
			continue
		}
		i := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == 0 || i == len(s) || i > 6 {
			return bad()
		}
		n, _ := strconv.Atoi(s[:i])
		unit := s[i]
		k := strings.IndexByte(order, unit)
		if k < 0 {
			return bad()
		}
		order = order[k+1:]
		switch unit {
		case 'W':
			days += 7 * n
		case 'D':
			days += n
		case 'H':
			exact += time.Duration(n) * time.Hour
		case 'M':
			exact += time.Duration(n) * time.Minute
		case 'S':
			exact += time.Duration(n) * time.Second
		}
		seen = true
		s = s[i+1:]
	}
	if !seen {
		return bad()
	}
	total := time.Duration(days)*24*time.Hour + exact
	if total > maxICSDuration {
		return 0, 0, fmt.Errorf("DURATION %q is longer than a year", clip(v, 40))
	}
	return days, exact, nil
}

// resolveTZID maps a TZID to a tz database zone: a tz name as it is; a
// globally unique TZID ("/mozilla.org/20050126_1/Europe/Berlin",
// "/citadel.org/20190914_1/Europe/Berlin") by its tz-name tail; a Windows
// zone name ("W. Europe Standard Time") by the CLDR mapping of the common
// ones. The file's VTIMEZONE is never used.
func (p *icsParser) resolveTZID(tzid string) (*time.Location, error) {
	if loc, ok := p.zones[tzid]; ok {
		return loc, nil
	}
	loc := lookupTZID(tzid)
	if loc == nil {
		return nil, fmt.Errorf("unknown time zone TZID=%q (neither a tz database name such as Europe/Berlin nor a Windows zone name this tool knows): give the conference's zone with --tz", clip(tzid, 80))
	}
	p.zones[tzid] = loc
	return loc, nil
}

func lookupTZID(tzid string) *time.Location {
	load := func(name string) *time.Location {
		if name == "" || strings.EqualFold(name, "Local") || !utf8.ValidString(name) || strings.ContainsAny(name, "\x00\\") {
			return nil
		}
		loc, err := time.LoadLocation(name)
		if err != nil {
			return nil
		}
		return loc
	}
	if loc := load(tzid); loc != nil {
		return loc
	}
	if name, ok := windowsZones[strings.ToLower(tzid)]; ok {
		return load(name)
	}
	if strings.HasPrefix(tzid, "/") {
		parts := strings.Split(strings.Trim(tzid, "/"), "/")
		for i := 1; i < len(parts); i++ {
			if loc := load(strings.Join(parts[i:], "/")); loc != nil {
				return loc
			}
		}
	}
	return nil
}

// windowsZones maps the common Windows zone names (Outlook, Exchange)
// to tz names, after CLDR's windowsZones.xml ("001" territory). Keys are
// lower case.
var windowsZones = func() map[string]string {
	m := map[string]string{
		"Dateline Standard Time":          "Etc/GMT+12",
		"UTC-11":                          "Etc/GMT+11",
		"Hawaiian Standard Time":          "Pacific/Honolulu",
		"Aleutian Standard Time":          "America/Adak",
		"Alaskan Standard Time":           "America/Anchorage",
		"Pacific Standard Time (Mexico)":  "America/Tijuana",
		"Pacific Standard Time":           "America/Los_Angeles",
		"US Mountain Standard Time":       "America/Phoenix",
		"Mountain Standard Time (Mexico)": "America/Mazatlan",
		"Mountain Standard Time":          "America/Denver",
		"Central America Standard Time":   "America/Guatemala",
		"Central Standard Time":           "America/Chicago",
		"Central Standard Time (Mexico)":  "America/Mexico_City",
		"Canada Central Standard Time":    "America/Regina",
		"SA Pacific Standard Time":        "America/Bogota",
		"Eastern Standard Time (Mexico)":  "America/Cancun",
		"Eastern Standard Time":           "America/New_York",
		"US Eastern Standard Time":        "America/Indiana/Indianapolis",
		"Cuba Standard Time":              "America/Havana",
		"Venezuela Standard Time":         "America/Caracas",
		"Paraguay Standard Time":          "America/Asuncion",
		"Atlantic Standard Time":          "America/Halifax",
		"Central Brazilian Standard Time": "America/Cuiaba",
		"SA Western Standard Time":        "America/La_Paz",
		"Pacific SA Standard Time":        "America/Santiago",
		"Newfoundland Standard Time":      "America/St_Johns",
		"E. South America Standard Time":  "America/Sao_Paulo",
		"Argentina Standard Time":         "America/Argentina/Buenos_Aires",
		"SA Eastern Standard Time":        "America/Cayenne",
		"Greenland Standard Time":         "America/Nuuk",
		"Montevideo Standard Time":        "America/Montevideo",
		"Bahia Standard Time":             "America/Bahia",
		"UTC-02":                          "Etc/GMT+2",
		"Azores Standard Time":            "Atlantic/Azores",
		"Cape Verde Standard Time":        "Atlantic/Cape_Verde",
		"UTC":                             "UTC",
		"GMT Standard Time":               "Europe/London",
		"Greenwich Standard Time":         "Atlantic/Reykjavik",
		"Morocco Standard Time":           "Africa/Casablanca",
		"W. Europe Standard Time":         "Europe/Berlin",
		"Central Europe Standard Time":    "Europe/Budapest",
		"Romance Standard Time":           "Europe/Paris",
		"Central European Standard Time":  "Europe/Warsaw",
		"W. Central Africa Standard Time": "Africa/Lagos",
		"Jordan Standard Time":            "Asia/Amman",
		"GTB Standard Time":               "Europe/Bucharest",
		"Middle East Standard Time":       "Asia/Beirut",
		"Egypt Standard Time":             "Africa/Cairo",
		"E. Europe Standard Time":         "Europe/Chisinau",
		"Syria Standard Time":             "Asia/Damascus",
		"South Africa Standard Time":      "Africa/Johannesburg",
		"FLE Standard Time":               "Europe/Kyiv",
		"Israel Standard Time":            "Asia/Jerusalem",
		"Kaliningrad Standard Time":       "Europe/Kaliningrad",
		"Namibia Standard Time":           "Africa/Windhoek",
		"Arabic Standard Time":            "Asia/Baghdad",
		"Turkey Standard Time":            "Europe/Istanbul",
		"Arab Standard Time":              "Asia/Riyadh",
		"Belarus Standard Time":           "Europe/Minsk",
		"Russian Standard Time":           "Europe/Moscow",
		"E. Africa Standard Time":         "Africa/Nairobi",
		"Iran Standard Time":              "Asia/Tehran",
		"Arabian Standard Time":           "Asia/Dubai",
		"Azerbaijan Standard Time":        "Asia/Baku",
		"Mauritius Standard Time":         "Indian/Mauritius",
		"Georgian Standard Time":          "Asia/Tbilisi",
		"Caucasus Standard Time":          "Asia/Yerevan",
		"Afghanistan Standard Time":       "Asia/Kabul",
		"West Asia Standard Time":         "Asia/Tashkent",
		"Ekaterinburg Standard Time":      "Asia/Yekaterinburg",
		"Pakistan Standard Time":          "Asia/Karachi",
		"India Standard Time":             "Asia/Kolkata",
		"Sri Lanka Standard Time":         "Asia/Colombo",
		"Nepal Standard Time":             "Asia/Kathmandu",
		"Bangladesh Standard Time":        "Asia/Dhaka",
		"Myanmar Standard Time":           "Asia/Yangon",
		"SE Asia Standard Time":           "Asia/Bangkok",
		"N. Central Asia Standard Time":   "Asia/Novosibirsk",
		"North Asia Standard Time":        "Asia/Krasnoyarsk",
		"China Standard Time":             "Asia/Shanghai",
		"North Asia East Standard Time":   "Asia/Irkutsk",
		"Singapore Standard Time":         "Asia/Singapore",
		"W. Australia Standard Time":      "Australia/Perth",
		"Taipei Standard Time":            "Asia/Taipei",
		"Ulaanbaatar Standard Time":       "Asia/Ulaanbaatar",
		"Tokyo Standard Time":             "Asia/Tokyo",
		"Korea Standard Time":             "Asia/Seoul",
		"Yakutsk Standard Time":           "Asia/Yakutsk",
		"Cen. Australia Standard Time":    "Australia/Adelaide",
		"AUS Central Standard Time":       "Australia/Darwin",
		"E. Australia Standard Time":      "Australia/Brisbane",
		"AUS Eastern Standard Time":       "Australia/Sydney",
		"West Pacific Standard Time":      "Pacific/Port_Moresby",
		"Tasmania Standard Time":          "Australia/Hobart",
		"Vladivostok Standard Time":       "Asia/Vladivostok",
		"Central Pacific Standard Time":   "Pacific/Guadalcanal",
		"UTC+12":                          "Etc/GMT-12",
		"New Zealand Standard Time":       "Pacific/Auckland",
		"Fiji Standard Time":              "Pacific/Fiji",
		"Tonga Standard Time":             "Pacific/Tongatapu",
		"Samoa Standard Time":             "Pacific/Apia",
		"Line Islands Standard Time":      "Pacific/Kiritimati",
	}
	lower := make(map[string]string, len(m))
	for k, v := range m {
		lower[strings.ToLower(k)] = v
	}
	return lower
}()

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
