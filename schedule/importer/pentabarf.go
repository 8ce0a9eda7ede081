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
}

func (pentabarf) Parse(data []byte, opt Options) (*Feed, error) {
	return withoutXMLControls(data, opt, parsePentabarf)
}

func parsePentabarf(data []byte, opt Options) (*Feed, error) {
	if err := xmlCharset(data, opt.Name); err != nil {
		return nil, err
	}
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = true
	dec.CharsetReader = xmlCharsetReader
	r := &pbReader{dec: dec, opt: opt, feed: &Feed{}, loc: opt.Location}
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
				return nil, doctypeError(dec, opt.Name, t)
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
				r.roomName = ""
			}
		}
	}
	if !r.sawSchedule {
		return nil, &schedule.InputError{File: opt.Name, Msg: "no <schedule> element: not a pentabarf/frab schedule.xml"}
	}
	return r.feed.done()
}

// pbReader is where a pentabarf file's reading stands: the feed so far,
// the zone its times are placed in, and the <day> and <room> around the
// next <event>.
type pbReader struct {
	dec          *xml.Decoder
	opt          Options
	feed         *Feed
	loc          *time.Location
	dayDate      string
	roomName     string
	inConference bool
	sawSchedule  bool
}

func (r *pbReader) fail(msg string, err error) error { return xmlError(r.dec, r.opt.Name, msg, err) }

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
	case "title", "acronym":
		if !r.inConference {
			return nil
		}
		s, err := r.text(t)
		if err != nil {
			return err
		}
		if t.Name.Local == "title" || r.feed.Conference == "" {
			r.feed.Conference = htmlLine(s)
		}
	case "time_zone_name":
		s, err := r.text(t)
		if err != nil {
			return err
		}
		return r.zone(s)
	case "day":
		r.dayDate = localDay(attr(t, "date"), attr(t, "start"), r.loc)
	case "room":
		r.roomName = attr(t, "name")
	case "event":
		return r.event(t)
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

// event reads one <event>: a session, or a warning if it cannot be read.
func (r *pbReader) event(t xml.StartElement) error {
	line, _ := r.dec.InputPos()
	ev := &pbEvent{}
	if err := r.dec.DecodeElement(ev, &t); err != nil {
		return r.fail("malformed XML", err)
	}
	s, err := ev.session(r.dayDate, r.roomName, r.loc)
	if err != nil {
		id := ev.ID
		if id == "" {
			id = htmlLine(ev.Title)
		}
		return r.feed.skip(&schedule.InputError{File: r.opt.Name, Line: line, Session: id, Err: err})
	}
	r.feed.add(s, line)
	return nil
}

func (ev *pbEvent) session(dayDate, roomName string, loc *time.Location) (*schedule.Session, error) {
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
	for _, p := range ev.Persons {
		if n := htmlLine(p.Name); n != "" {
			s.Speakers = append(s.Speakers, n)
		}
	}
	s.Kind = typedKind(s.Title, s.Type, s.Track)

	start, err := eventStart(ev.Date, ev.Start, dayDate, loc)
	if err != nil {
		return nil, err
	}
	if start.IsZero() {
		return s, nil
	}
	dur, err := hhmmDuration(ev.Duration)
	if err != nil {
		return nil, fmt.Errorf("bad <duration>: %w", err)
	}
	s.Start, s.End = start, start.Add(dur)
	s.Date = filedUnder(dayDate, start)
	return s, nil
}

// eventStart prefers the full <date> with its offset; older pentabarf
// files only have the day's date and an HH:MM <start> in the conference
// zone.
func eventStart(date, clock, dayDate string, loc *time.Location) (time.Time, error) {
	date = strings.TrimSpace(date)
	if date != "" {
		if t, err := parseOffsetTime(date); err == nil {
			if loc != nil {
				t = t.In(loc)
			}
			return t, nil
		}
		if len(date) > 10 {
			return time.Time{}, fmt.Errorf("bad <date> %q: want an ISO 8601 time such as 2026-01-31T10:00:00+01:00", date)
		}
		dayDate = date
	}
	clock = strings.TrimSpace(clock)
	if clock == "" && dayDate == "" {
		return time.Time{}, nil
	}
	if dayDate == "" {
		return time.Time{}, fmt.Errorf("<start> %q without a date", clock)
	}
	if loc == nil {
		return time.Time{}, noZone("times without an offset and no <time_zone_name>: give --tz")
	}
	t, err := dayClock(dayDate, clock, maxDayClock, loc)
	if err != nil {
		return time.Time{}, fmt.Errorf("bad <start>: %w", err)
	}
	return t, nil
}
