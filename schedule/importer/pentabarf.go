package importer

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/plan-cli/plan/schedule"
)

// pentabarf reads the schedule.xml of pentabarf, frab, pretalx and wafer:
// <schedule><conference/><day date=…><room name=…><event id guid>…
type pentabarf struct{}

func (pentabarf) Name() string { return "pentabarf" }

func (pentabarf) Detect(data []byte) bool {
	h := head(data, 4096)
	return bytes.HasPrefix(h, []byte("<")) && bytes.Contains(h, []byte("<schedule"))
}

type pbEvent struct {
	ID       string `xml:"id,attr"`
	GUID     string `xml:"guid,attr"`
	Date     string `xml:"date"`
	Start    string `xml:"start"`
	Duration string `xml:"duration"`
	Room     string `xml:"room"`
	Slug     string `xml:"slug"`
	URL      string `xml:"url"`
	Title    string `xml:"title"`
	Subtitle string `xml:"subtitle"`
	Track    string `xml:"track"`
	Type     string `xml:"type"`
	Language string `xml:"language"`
	Abstract string `xml:"abstract"`
	Desc     string `xml:"description"`
	Persons  []struct {
		Name string `xml:",chardata"`
	} `xml:"persons>person"`
	// Some generators write the speakers straight into the event,
	// without the <persons> around them.
	Loose []struct {
		Name string `xml:",chardata"`
	} `xml:"person"`
	Links       []pbLink `xml:"links>link"`
	Attachments []pbLink `xml:"attachments>attachment"`
	FeedbackURL string   `xml:"feedback_url"`
	// Recording is frab's <recording>: <optout>true</optout> when the
	// speakers declined a recording, and (C3VOC's schema) its address.
	Recording struct {
		Optout string `xml:"optout"`
		URL    string `xml:"url"`
		Link   string `xml:"link"`
	} `xml:"recording"`
}

// pbLink is a <link href type> or <attachment href type>, its text the
// title.
type pbLink struct {
	Href  string `xml:"href,attr"`
	Type  string `xml:"type,attr"`
	Title string `xml:",chardata"`
}

// links are what the event links to beside its page: its <links> and
// <attachments>, its <recording>'s address and its <feedback_url>.
func (ev *pbEvent) links() []rawLink {
	out := make([]rawLink, 0, len(ev.Links)+len(ev.Attachments)+3)
	for _, ls := range [][]pbLink{ev.Links, ev.Attachments} {
		for _, l := range ls {
			out = append(out, rawLink{href: l.Href, title: l.Title, kind: l.Type})
		}
	}
	for _, u := range []string{ev.Recording.URL, ev.Recording.Link} {
		out = append(out, rawLink{href: u, title: "Recording", kind: "video"})
	}
	return append(out, rawLink{href: ev.FeedbackURL, kind: "feedback"})
}

func (pentabarf) Parse(data []byte, opt Options) (*Feed, error) {
	if err := xmlCharset(data, opt.Name); err != nil {
		return nil, err
	}
	dec, cut := newXMLDecoder(data)
	r := &pbReader{dec: dec, cut: cut, opt: opt, feed: &Feed{}, loc: opt.Location}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, r.fail("malformed XML", err)
		}
		switch t := tok.(type) {
		case xml.Directive:
			if bytes.HasPrefix(bytes.TrimSpace(t), []byte("DOCTYPE")) {
				return nil, doctypeError(dec, cut, opt.Name, t)
			}
		case xml.StartElement:
			if err := r.start(t); err != nil {
				return nil, err
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "conference":
				r.inConference = false
			case "room":
				r.roomName, r.roomGUID = "", ""
			}
		}
	}
	if !r.sawSchedule {
		return nil, &schedule.InputError{File: opt.Name, Msg: "no <schedule> element: not a pentabarf/frab schedule.xml"}
	}
	return r.finish()
}

// pbReader is where a pentabarf file's reading stands: the feed so far,
// what the conference says about its place and days, and the events
// read, which are placed in time at the end, when all of it is known.
type pbReader struct {
	dec          *xml.Decoder
	cut          *xmlCut
	opt          Options
	feed         *Feed
	loc          *time.Location // --tz, else <time_zone_name>, else the city's zone
	city, venue  string
	dayChange    string // <day_change>: a <start> before it is in the night after its <day>
	days         []pbDay
	roomName     string
	roomGUID     string // the <room guid> the events are in
	baseURL      string // <base_url>, which relative links are read under
	inConference bool
	sawSchedule  bool
	pending      []*pbPending
}

// pbDay is a <day>'s date and start as written.
type pbDay struct{ date, start string }

// pbPending is an event read, not yet placed in time.
type pbPending struct {
	ev       pbEvent
	line     int
	day      int // index into days, -1 outside a <day>
	room     string
	roomGUID string
}

func (r *pbReader) fail(msg string, err error) error {
	return xmlError(r.dec, r.cut, r.opt.Name, msg, err)
}

// text reads the element t starts as text.
func (r *pbReader) text(t xml.StartElement) (string, error) {
	var s string
	if err := r.dec.DecodeElement(&s, &t); err != nil {
		return "", r.fail("malformed XML", err)
	}
	return s, nil
}

// start reads the element t starts, as far as it matters.
func (r *pbReader) start(t xml.StartElement) error {
	switch t.Name.Local {
	case "schedule":
		r.sawSchedule = true
	case "conference":
		r.inConference = true
	case "title", "acronym", "city", "venue", "day_change", "base_url":
		if !r.inConference {
			return nil
		}
		return r.conferenceText(t)
	case "time_zone_name":
		s, err := r.text(t)
		if err != nil {
			return err
		}
		return r.zone(s)
	case "day":
		r.days = append(r.days, pbDay{date: attr(t, "date"), start: attr(t, "start")})
	case "room":
		r.roomName, r.roomGUID = attr(t, "name"), attr(t, "guid")
	case "event":
		line := xmlLine(r.dec, r.cut)
		p := &pbPending{line: line, day: len(r.days) - 1, room: r.roomName, roomGUID: r.roomGUID}
		if err := r.dec.DecodeElement(&p.ev, &t); err != nil {
			return r.fail("malformed XML", err)
		}
		r.pending = append(r.pending, p)
	}
	return nil
}

// conferenceText reads a text element of <conference>.
func (r *pbReader) conferenceText(t xml.StartElement) error {
	s, err := r.text(t)
	if err != nil {
		return err
	}
	switch t.Name.Local {
	case "title", "acronym":
		if t.Name.Local == "title" || r.feed.Conference == "" {
			r.feed.Conference = htmlLine(s)
		}
	case "city":
		r.city = htmlLine(s)
	case "venue":
		r.venue = htmlLine(s)
	case "day_change":
		r.dayChange = strings.TrimSpace(s)
	case "base_url":
		r.baseURL = oneLine(s)
	}
	return nil
}

// zone takes the zone the file names, unless --tz gave one.
func (r *pbReader) zone(name string) error {
	r.feed.TimeZone = strings.TrimSpace(name)
	if r.opt.Location != nil || r.feed.TimeZone == "" {
		return nil
	}
	l, err := loadZone(r.feed.TimeZone)
	if err != nil {
		return r.fail("", badZone{err})
	}
	r.loc = l
	return nil
}

// finish places every event read in time: it settles the zone (the one
// the file names, else the one its city has), and reads each event as a
// session or a warning.
func (r *pbReader) finish() (*Feed, error) {
	pl := r.place()
	if r.loc == nil && pl.zone != "" && r.offsetsAgree(pl.zone) {
		r.loc, _ = time.LoadLocation(pl.zone)
		r.feed.TimeZone = pl.zone
		r.feed.Warnings = append(r.feed.Warnings, placeWarning(r.opt.Name, pl.placeZone, pl.what))
	}
	pt := &pbTimes{loc: r.loc, noZone: "times without an offset and no <time_zone_name>: " + r.opt.askTZ(pl.placeZone, "Europe/Brussels")}
	if d, err := hhmmDuration(r.dayChange); err == nil && d > 0 && d < 24*time.Hour {
		pt.dayChange = d
	}
	if err := r.utcTemplate(pt); err != nil {
		return nil, err
	}
	var noLength []*schedule.Session
	for _, p := range r.pending {
		var day pbDay
		if p.day >= 0 {
			day = r.days[p.day]
		}
		s, err := p.ev.session(localDay(day.date, day.start, r.loc), p.room, pt)
		if err != nil {
			id := p.ev.ID
			if id == "" {
				id = htmlLine(p.ev.Title)
			}
			if err := r.feed.skip(&schedule.InputError{File: r.opt.Name, Line: p.line, Session: id, Err: err}); err != nil {
				return nil, err
			}
			continue
		}
		r.feed.add(s, p.line)
		r.extras(s, p)
		if s.Scheduled() && strings.TrimSpace(p.ev.Duration) == "" {
			noLength = append(noLength, s)
		}
	}
	usualLengths(r.feed, r.opt.Name, noLength, "<duration>")
	return r.feed.done()
}

// extras gives s what the event says beside its times and text: its
// links, whether it is recorded, and its room's guid (that of the
// <room> it is in, when it names no other room).
func (r *pbReader) extras(s *schedule.Session, p *pbPending) {
	r.feed.addLinks(r.opt.Name, s, r.baseURL, p.ev.links())
	s.DoNotRecord = strings.EqualFold(strings.TrimSpace(p.ev.Recording.Optout), "true")
	if p.roomGUID != "" && (strings.TrimSpace(p.ev.Room) == "" || s.Room == htmlLine(p.room)) {
		s.RoomGUID = oneLine(p.roomGUID)
	}
}

// pbPlace is the place a pentabarf file names and which element named it.
type pbPlace struct {
	placeZone
	what string // "<city>" or "<venue>"
}

// place is the zone of the place the conference names, when the file
// names no zone and --tz gives none: its <city>, else a city in its
// <venue> ("ULB (Université Libre de Bruxelles)").
func (r *pbReader) place() pbPlace {
	if r.loc != nil {
		return pbPlace{}
	}
	var pl pbPlace
	if r.city != "" {
		pl = pbPlace{zoneOfCity(r.city), "<city>"}
	}
	if pl.zone == "" && r.venue != "" {
		// A venue in another country than the city's says nothing.
		if v := zoneInText(r.venue); v.zone != "" && (pl.country == nil || sameZoneAsOne(v.zone, pl.country)) {
			pl = pbPlace{v, "<venue>"}
		}
	}
	return pl
}

// offsetsAgree reports whether every <date> with an offset has the
// offset zone has then: a file whose offsets say otherwise is not in
// the city it names (or its offsets are wrong), and keeps its offsets.
// Times all in UTC are another story (see utcTemplate).
func (r *pbReader) offsetsAgree(zone string) bool {
	loc, err := time.LoadLocation(zone)
	if err != nil {
		return false
	}
	allUTC, any := true, false
	agree := true
	for _, p := range r.pending {
		t, err := parseOffsetTime(p.ev.Date)
		if err != nil {
			continue
		}
		any = true
		_, off := t.Zone()
		_, want := t.In(loc).Zone()
		allUTC = allUTC && off == 0
		agree = agree && off == want
	}
	return agree || any && allUTC
}

// pbTimes is how a file's times are read.
type pbTimes struct {
	loc       *time.Location
	noZone    string        // the error for local times when loc is nil
	dayChange time.Duration // a <start> before it is in the night after its <day>
	// wallDates reads each <date> as the clock it writes, in loc, and
	// not as the instant its offset makes it (see utcTemplate).
	wallDates bool
}

// utcTemplate looks for files whose every <date> ends in "Z" while every
// <start> is that same clock: a template that wrote the local time with
// a "Z". In a zone that is not at UTC then, the two cannot both be
// right; the clock is what the people who wrote the program meant, so
// the dates are read as clocks in the conference's zone, with a warning.
// With no zone known, the file does not say which it means: the error
// asks for --tz (UTC when the times are UTC).
func (r *pbReader) utcTemplate(pt *pbTimes) error {
	n := 0
	var first time.Time
	for _, p := range r.pending {
		t, err := parseOffsetTime(p.ev.Date)
		if err != nil {
			continue
		}
		// Only a "Z": "+00:00" is an offset someone wrote (frab writes
		// it for London in winter), a "Z" what a template may add.
		z := strings.HasSuffix(strings.ToUpper(strings.TrimSpace(p.ev.Date)), "Z")
		clock, err := hhmmDuration(p.ev.Start)
		if !z || err != nil || clock != time.Duration(t.Hour())*time.Hour+time.Duration(t.Minute())*time.Minute {
			return nil
		}
		if n == 0 {
			first = t
		}
		n++
	}
	if n == 0 {
		return nil
	}
	if pt.loc == nil {
		return &schedule.InputError{File: r.opt.Name, Err: noZone(fmt.Sprintf("every <date> is in UTC (such as %s) and every <start> is that same clock: either the conference runs on UTC, or the file wrote its local times with a \"Z\"; give the conference's zone with --tz (--tz UTC if the times are UTC)", first.Format(time.RFC3339)))}
	}
	if _, off := first.In(pt.loc).Zone(); off == 0 {
		return nil
	}
	pt.wallDates = true
	r.feed.warn(r.opt.Name, nil, "every <date> is in UTC (such as %s) but every <start> is that same clock, which is not UTC in %s: the file wrote its local times with a \"Z\"; they are read as clocks in %s (%s), as the <start>s say", first.Format(time.RFC3339), pt.loc, pt.loc, wallTime(first.Year(), int(first.Month()), first.Day(), first.Hour(), first.Minute(), first.Second(), pt.loc).Format(time.RFC3339))
	return nil
}

func (ev *pbEvent) session(dayDate, roomName string, pt *pbTimes) (*schedule.Session, error) {
	s := &schedule.Session{
		ID:       oneLine(ev.ID),
		GUID:     oneLine(ev.GUID),
		Title:    htmlLine(ev.Title),
		Subtitle: htmlLine(ev.Subtitle),
		Type:     htmlLine(ev.Type),
		Room:     htmlLine(ev.Room),
		Track:    htmlLine(ev.Track),
		URL:      oneLine(ev.URL),
		Slug:     oneLine(ev.Slug),
		Language: oneLine(ev.Language),
	}
	if s.ID == "" {
		s.ID = s.GUID
	}
	if s.Room == "" {
		s.Room = htmlLine(roomName)
	}
	abstract := htmlText(ev.Abstract)
	if desc := htmlText(ev.Desc); desc != "" && desc != abstract {
		if abstract != "" {
			abstract += "\n\n"
		}
		abstract += desc
	}
	s.Abstract = abstract
	for _, p := range append(ev.Persons, ev.Loose...) {
		if n := htmlLine(p.Name); n != "" {
			s.Speakers = append(s.Speakers, n)
		}
	}
	s.Kind = typedKind(s.Title, s.Type, s.Track)

	start, err := eventStart(ev.Date, ev.Start, dayDate, pt)
	if err != nil {
		return nil, err
	}
	if start.IsZero() {
		return s, nil
	}
	s.Start, s.End = start, start
	s.Date = filedUnder(dayDate, start)
	if strings.TrimSpace(ev.Duration) == "" {
		return s, nil // given its kind's usual length (usualLengths)
	}
	dur, err := hhmmDuration(ev.Duration)
	if err != nil {
		return nil, fmt.Errorf("bad <duration>: %w", err)
	}
	s.End = start.Add(dur)
	return s, nil
}

// eventStart prefers the full <date> with its offset; older pentabarf
// files only have the day's date and an HH:MM <start> in the conference
// zone, and a <start> before the <day_change> (28C3: 00:15 before 04:00)
// is in the night after the day's date.
func eventStart(date, clock, dayDate string, pt *pbTimes) (time.Time, error) {
	date = strings.TrimSpace(date)
	if date != "" {
		if t, err := parseOffsetTime(date); err == nil {
			if pt.wallDates {
				return wallTime(t.Year(), int(t.Month()), t.Day(), t.Hour(), t.Minute(), t.Second(), pt.loc), nil
			}
			if pt.loc != nil {
				t = t.In(pt.loc)
			}
			return t, nil
		}
		if len(date) > 10 {
			return time.Time{}, fmt.Errorf("bad <date> %q: want an ISO 8601 time such as 2026-01-31T10:00:00+01:00", date)
		}
		dayDate = date
	} else if off, err := hhmmDuration(clock); err == nil && off < pt.dayChange {
		if d, err := feedDay(dayDate); err == nil {
			dayDate = d.AddDays(1).String()
		}
	}
	clock = strings.TrimSpace(clock)
	if clock == "" && dayDate == "" {
		return time.Time{}, nil
	}
	if dayDate == "" {
		return time.Time{}, fmt.Errorf("<start> %q without a date", clock)
	}
	if pt.loc == nil {
		return time.Time{}, noZone(pt.noZone)
	}
	t, err := dayClock(dayDate, clock, maxDayClock, pt.loc)
	if err != nil {
		return time.Time{}, fmt.Errorf("bad <start>: %w", err)
	}
	return t, nil
}
