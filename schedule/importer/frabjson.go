package importer

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/plan-cli/plan/schedule"
)

// frabJSON reads the schedule.json of frab, pretalx and the C3VOC tools:
// {"schedule": {"conference": {"days": [{"rooms": {"Room": [event…]}}]}}}.
// Real files stray from the C3VOC schema (ids as numbers or strings, null
// for absent text, missing fields), so it takes what has a clear meaning
// and only fails on what it cannot place.
type frabJSON struct{}

func (frabJSON) Name() string { return "frab-json" }

func (frabJSON) Detect(data []byte) bool {
	h := head(stripBOM(data), 64<<10)
	return len(h) > 0 && h[0] == '{' && hasJSONKey(h, "schedule", '{') && hasJSONKey(h, "conference", '{')
}

// frabEvent is one entry of a room's list. Every text field accepts a
// string, a number or null.
type frabEvent struct {
	ID          jsonText     `json:"id"`
	GUID        jsonText     `json:"guid"`
	Code        jsonText     `json:"code"`
	Date        jsonText     `json:"date"`
	Start       jsonText     `json:"start"`
	End         jsonText     `json:"end"`
	Duration    jsonText     `json:"duration"`
	Room        jsonText     `json:"room"`
	Slug        jsonText     `json:"slug"`
	URL         jsonText     `json:"url"`
	Title       jsonText     `json:"title"`
	Subtitle    jsonText     `json:"subtitle"`
	Track       jsonText     `json:"track"`
	Type        jsonText     `json:"type"`
	Language    jsonText     `json:"language"`
	Abstract    jsonText     `json:"abstract"`
	Description jsonText     `json:"description"`
	Persons     []frabPerson `json:"persons"`
	Links       jsonLinks    `json:"links"`
	Attachments jsonLinks    `json:"attachments"`
	FeedbackURL jsonText     `json:"feedback_url"`
	DoNotRecord jsonFlag     `json:"do_not_record"`
}

// frabPerson is a speaker: frab writes public_name, newer pretalx name,
// some tools full_public_name, and a few feeds a bare string.
type frabPerson string

func (p *frabPerson) UnmarshalJSON(b []byte) error {
	if b[0] != '{' {
		var t jsonText
		err := t.UnmarshalJSON(b)
		*p = frabPerson(t)
		return err
	}
	var o struct {
		PublicName     jsonText `json:"public_name"`
		Name           jsonText `json:"name"`
		FullPublicName jsonText `json:"full_public_name"`
	}
	if err := json.Unmarshal(b, &o); err != nil {
		return err
	}
	for _, n := range []jsonText{o.PublicName, o.Name, o.FullPublicName} {
		if n.String() != "" {
			*p = frabPerson(n)
			return nil
		}
	}
	return nil
}

// frabPending is an event read but not yet placed in time: the zone may
// come after the days in the file.
type frabPending struct {
	ev   frabEvent
	line int
	day  int // index into the days' dates
	room string
}

type frabReader struct {
	*jsonReader
	feed    Feed
	tzLine  int
	dates   []string
	starts  []string // each day's "day_start" (schedule 2.0: "start"), for localDay
	ends    []string // each day's "day_end" (schedule 2.0: "end")
	pending []*frabPending
	v2      v2Program // schedule 2.0's flat "events" and what they refer to
	ask     string    // how an error about times without a zone ends
	baseURL string    // "base_url", which relative links are read under
}

func (frabJSON) Parse(data []byte, opt Options) (*Feed, error) { return parseFrabJSON(data, opt) }

// parseFrabJSON reads a frab schedule.json, and C3VOC's schedule 2.0,
// which keeps the same "schedule": {"conference"} and lists the events
// flat in "schedule": {"events"} instead of in days and rooms.
func parseFrabJSON(data []byte, opt Options) (*Feed, error) {
	jr, err := newJSONReader(data, opt.Name)
	if err != nil {
		return nil, err
	}
	r := &frabReader{jsonReader: jr, ask: opt.askTZ(placeZone{}, "Europe/Berlin")}
	if c := r.first(); c != '{' {
		return nil, &schedule.InputError{File: opt.Name, Line: r.line(), Msg: fmt.Sprintf("not a frab/pretalx schedule.json: it starts with %q, want an object with a \"schedule\" key", c)}
	}
	var sawSchedule, sawConference bool
	// part reads a key of "schedule"; schedule 2.0 files that leave
	// "schedule" out have the same keys at the top.
	part := func(key string) error {
		switch key {
		case "conference":
			sawConference = true
			return r.conference()
		case "events":
			sawSchedule = true
			return r.array(`"events"`, r.v2Event)
		case "persons":
			return r.v2Persons()
		case "base_url":
			var t jsonText
			err := r.value(&t)
			r.baseURL = t.String()
			return err
		}
		return r.skip()
	}
	err = r.object("the document", func(key string) error {
		if key != "schedule" {
			return part(key)
		}
		sawSchedule = true
		return r.object(`"schedule"`, part)
	})
	if err == nil {
		err = r.end()
	}
	if err != nil {
		return nil, err
	}
	if !sawSchedule {
		return nil, &schedule.InputError{File: opt.Name, Msg: `no "schedule" object: not a frab/pretalx schedule.json`}
	}
	if !sawConference {
		return nil, &schedule.InputError{File: opt.Name, Msg: `the "schedule" object has no "conference"`}
	}

	loc := opt.Location
	if loc == nil && r.feed.TimeZone != "" {
		l, err := loadZone(r.feed.TimeZone)
		if err != nil {
			return nil, &schedule.InputError{File: opt.Name, Line: r.tzLine, Msg: "time_zone_name", Err: badZone{err}}
		}
		loc = l
	}
	feed := &r.feed
	feed.Sessions = make([]*schedule.Session, 0, len(r.pending)+len(r.v2.events))
	var noLength []*schedule.Session
	for _, p := range r.pending {
		s, err := p.ev.session(localDay(r.dates[p.day], r.starts[p.day], loc), p.room, loc, r.ask)
		if err != nil {
			id := p.ev.ID.String()
			if id == "" {
				id = htmlLine(string(p.ev.Title))
			}
			if err := feed.skip(&schedule.InputError{File: opt.Name, Line: p.line, Session: id, Err: err}); err != nil {
				return nil, err
			}
			continue
		}
		feed.add(s, p.line)
		r.extras(s, [][]rawLink{p.ev.Links, p.ev.Attachments, {{href: p.ev.FeedbackURL.String(), kind: "feedback"}}}, p.ev.DoNotRecord, "")
		if s.Scheduled() && p.ev.End.String() == "" && p.ev.Duration.String() == "" {
			noLength = append(noLength, s)
		}
	}
	more, err := r.v2Sessions(loc)
	if err != nil {
		return nil, err
	}
	usualLengths(feed, opt.Name, append(noLength, more...), `"duration" (or "end")`)
	return feed.done()
}

// extras gives s what an event says beside its times and text: its
// links, whether it is recorded, and its room's guid (roomGUID, else the
// one the conference's "rooms" list gives its room).
func (r *frabReader) extras(s *schedule.Session, links [][]rawLink, dnr jsonFlag, roomGUID string) {
	for _, ls := range links {
		r.feed.addLinks(r.name, s, r.baseURL, ls)
	}
	s.DoNotRecord = bool(dnr)
	if roomGUID == "" {
		roomGUID = r.v2.roomGUIDs[s.Room]
	}
	s.RoomGUID = oneLine(roomGUID)
}

func (r *frabReader) conference() error {
	return r.object(`"conference"`, func(key string) error {
		var t jsonText
		switch key {
		case "title", "acronym":
			if err := r.value(&t); err != nil {
				return err
			}
			if key == "title" && t.String() != "" || r.feed.Conference == "" {
				r.feed.Conference = htmlLine(string(t))
			}
			return nil
		case "time_zone_name":
			r.tzLine = r.line()
			if err := r.value(&t); err != nil {
				return err
			}
			r.feed.TimeZone = t.String()
			return nil
		case "days":
			return r.array(`"days"`, r.day)
		case "rooms", "tracks":
			return r.v2Names(key)
		}
		return r.skip()
	})
}

func (r *frabReader) day() error {
	idx := len(r.dates)
	r.dates = append(r.dates, "")
	r.starts = append(r.starts, "")
	r.ends = append(r.ends, "")
	return r.object("a day", func(key string) error {
		switch key {
		case "day_start", "start", "day_end", "end":
			var t jsonText
			if err := r.value(&t); err != nil {
				return err
			}
			if strings.HasSuffix(key, "start") {
				r.starts[idx] = t.String()
			} else {
				r.ends[idx] = t.String()
			}
			return nil
		case "date":
			var t jsonText
			if err := r.value(&t); err != nil {
				return err
			}
			r.dates[idx] = t.String()
			return nil
		case "rooms":
			if r.peek() == '[' {
				// Some generators write an empty room map as [].
				line := r.line()
				var none []json.RawMessage
				if err := r.value(&none); err != nil || len(none) == 0 {
					return err
				}
				return &schedule.InputError{File: r.name, Line: line, Msg: `"rooms" of a day is a list, want an object of room name to sessions`}
			}
			return r.object(`"rooms"`, func(room string) error {
				return r.array(fmt.Sprintf("room %q", room), func() error {
					p := &frabPending{line: r.line(), day: idx, room: room}
					if err := r.value(&p.ev); err != nil {
						return err
					}
					r.pending = append(r.pending, p)
					return nil
				})
			})
		}
		return r.skip()
	})
}

func (ev *frabEvent) session(dayDate, roomKey string, loc *time.Location, ask string) (*schedule.Session, error) {
	s := &schedule.Session{
		ID:       oneLine(string(ev.ID)),
		GUID:     oneLine(string(ev.GUID)),
		Title:    htmlLine(string(ev.Title)),
		Subtitle: htmlLine(string(ev.Subtitle)),
		Type:     htmlLine(string(ev.Type)),
		Room:     htmlLine(string(ev.Room)),
		Track:    htmlLine(string(ev.Track)),
		URL:      oneLine(string(ev.URL)),
		Slug:     oneLine(string(ev.Slug)),
		Language: oneLine(string(ev.Language)),
	}
	if s.ID == "" {
		s.ID = s.GUID
	}
	if s.ID == "" {
		s.ID = oneLine(string(ev.Code))
	}
	if s.Room == "" {
		s.Room = htmlLine(roomKey)
	}
	abstract := htmlText(string(ev.Abstract))
	if desc := htmlText(string(ev.Description)); desc != "" && desc != abstract {
		if abstract != "" {
			abstract += "\n\n"
		}
		abstract += desc
	}
	s.Abstract = abstract
	for _, p := range ev.Persons {
		if n := htmlLine(string(p)); n != "" {
			s.Speakers = append(s.Speakers, n)
		}
	}
	s.Kind = typedKind(s.Title, s.Type, s.Track)

	start, err := frabStart(ev.Date.String(), ev.Start.String(), dayDate, loc, ask)
	if err != nil {
		return nil, err
	}
	if start.IsZero() {
		return s, nil
	}
	s.Start = start
	s.Date = filedUnder(dayDate, start)
	if end := ev.End.String(); end != "" {
		t, err := parseOffsetTime(end)
		if err != nil {
			return nil, fmt.Errorf(`bad "end" %q: want an ISO 8601 time such as 2019-08-21T11:00:00+02:00`, end)
		}
		if loc != nil {
			t = t.In(loc)
		}
		s.End = t
		if s.End.Before(s.Start) {
			return nil, fmt.Errorf(`ends (%s) before it starts (%s)`, end, ev.Date.String())
		}
		return s, nil
	}
	if ev.Duration.String() == "" {
		s.End = start // given its kind's usual length (usualLengths)
		return s, nil
	}
	dur, err := hhmmDuration(ev.Duration.String())
	if err != nil {
		return nil, fmt.Errorf(`bad "duration": %w`, err)
	}
	if dur > maxFrabDuration {
		return nil, fmt.Errorf(`"duration" %q is longer than %d hours`, ev.Duration.String(), maxFrabDuration/time.Hour)
	}
	s.End = start.Add(dur)
	return s, nil
}

// maxFrabDuration bounds "duration": beyond it the number is a mistake
// (and a huge one would overflow).
const maxFrabDuration = 1000 * time.Hour

// frabStart prefers the full "date" with its offset; older files only
// have the day's date and an HH:MM "start" in the conference zone. A
// session with neither is unscheduled; local times with no zone are an
// error ending in ask.
func frabStart(date, clock, dayDate string, loc *time.Location, ask string) (time.Time, error) {
	if date != "" {
		if t, err := parseOffsetTime(date); err == nil {
			if loc != nil {
				t = t.In(loc)
			}
			return t, nil
		}
		if len(date) != len("YYYY-MM-DD") {
			return time.Time{}, fmt.Errorf(`bad "date" %q: want an ISO 8601 time such as 2019-08-21T11:00:00+02:00`, date)
		}
		dayDate = date
	}
	if clock == "" {
		return time.Time{}, nil
	}
	if dayDate == "" {
		return time.Time{}, fmt.Errorf(`"start" %q without a date`, clock)
	}
	if loc == nil {
		return time.Time{}, noZone(`times without an offset and no "time_zone_name": ` + ask)
	}
	t, err := dayClock(dayDate, clock, maxDayClock, loc)
	if err != nil {
		return time.Time{}, fmt.Errorf(`bad "start": %w`, err)
	}
	return t, nil
}
