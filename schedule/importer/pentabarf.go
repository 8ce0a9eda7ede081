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
	name := opt.Name
	if err := xmlCharset(data, name); err != nil {
		return nil, err
	}
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = true
	dec.CharsetReader = xmlCharsetReader
	feed := &Feed{}
	loc := opt.Location
	var dayDate, roomName string
	var inConference bool
	var sawSchedule bool
	fail := func(msg string, err error) error { return xmlError(dec, name, msg, err) }
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fail("malformed XML", err)
		}
		switch t := tok.(type) {
		case xml.Directive:
			if bytes.HasPrefix(bytes.TrimSpace(t), []byte("DOCTYPE")) {
				return nil, doctypeError(dec, name, t)
			}
		case xml.StartElement:
			switch t.Name.Local {
			case "schedule":
				sawSchedule = true
			case "conference":
				inConference = true
			case "title", "acronym":
				if inConference {
					var s string
					if err := dec.DecodeElement(&s, &t); err != nil {
						return nil, fail("malformed XML", err)
					}
					if t.Name.Local == "title" || feed.Conference == "" {
						feed.Conference = htmlLine(s)
					}
				}
			case "time_zone_name":
				var s string
				if err := dec.DecodeElement(&s, &t); err != nil {
					return nil, fail("malformed XML", err)
				}
				feed.TimeZone = strings.TrimSpace(s)
				if opt.Location == nil && feed.TimeZone != "" {
					l, err := loadZone(feed.TimeZone)
					if err != nil {
						return nil, fail("", badZone{err})
					}
					loc = l
				}
			case "day":
				dayDate = localDay(attr(t, "date"), attr(t, "start"), loc)
			case "room":
				roomName = attr(t, "name")
			case "event":
				line, _ := dec.InputPos()
				ev := &pbEvent{}
				if err := dec.DecodeElement(ev, &t); err != nil {
					return nil, fail("malformed XML", err)
				}
				s, err := ev.session(dayDate, roomName, loc)
				if err != nil {
					id := ev.ID
					if id == "" {
						id = htmlLine(ev.Title)
					}
					if err := feed.skip(&schedule.InputError{File: name, Line: line, Session: id, Err: err}); err != nil {
						return nil, err
					}
					break
				}
				feed.add(s, line)
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "conference":
				inConference = false
			case "room":
				roomName = ""
			}
		}
	}
	if !sawSchedule {
		return nil, &schedule.InputError{File: name, Msg: "no <schedule> element: not a pentabarf/frab schedule.xml"}
	}
	return feed.done()
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
	s.Kind = kindOf(s.Title, s.Type, s.Track, schedule.KindTalk)

	start, err := eventStart(ev.Date, ev.Start, dayDate, loc)
	if err != nil {
		return nil, err
	}
	if start.IsZero() {
		return s, nil
	}
	dur, err := parseClock(ev.Duration)
	if err != nil {
		return nil, fmt.Errorf("bad <duration>: %w", err)
	}
	s.Start, s.End = start, start.Add(dur)
	s.Date = schedule.FiledUnder(dayDate, start)
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
