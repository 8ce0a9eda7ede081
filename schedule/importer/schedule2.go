package importer

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/plan-cli/plan/schedule"
)

// schedule2JSON reads C3VOC's "schedule 2.0" JSON, which the CCC hub
// publishes (38C3 on; schema https://c3voc.de/schema/schedule2 in the
// voc/schedule repository): the frab "schedule": {"conference"} with
// "rooms" and "tracks" lists, and the events in one flat list,
//
//	"schedule": {"conference": {…}, "events": [{"guid", "code", "start",
//	  "end", "room": {"name", "guid"}, "track": {"slug"}, "title",
//	  "participants": [{"name", "role", "guid"}], "state", …}],
//	  "persons": [{"guid", "name"}]}
//
// Times are ISO 8601 with offsets; a room or track given only by guid or
// slug is named from the conference's lists, a participant given only by
// guid from "persons". Speakers are the participants in every role but
// CONTRIBUTOR. The "type" (TALK, WORKSHOP, LIGHTNING_TALK, BREAK…) gives
// the kind; "state" CANCELED (or WITHDRAWN, DELETED) marks a session
// cancelled. Text that is a map of languages ({"en": …, "de": …}) is
// read in the event's language, else English, else the first language.
// The same reader takes frab schedule.json, so either format name reads
// either file.
type schedule2JSON struct{}

func (schedule2JSON) Name() string { return "schedule2-json" }

// Detect looks for the flat "events" list beside the "conference" (in
// "schedule", or at the top where a file leaves "schedule" out). The
// conference's room list comes first and may be long, so it looks
// further than the other sniffers.
func (schedule2JSON) Detect(data []byte) bool {
	h := head(stripBOM(data), 256<<10)
	return len(h) > 0 && h[0] == '{' && hasJSONKey(h, "conference", '{') && hasJSONKey(h, "events", '[') &&
		!bytes.Contains(h, []byte(`"day_start"`))
}

func (schedule2JSON) Parse(data []byte, opt Options) (*Feed, error) { return parseFrabJSON(data, opt) }

// v2Program is what schedule 2.0 lists beside its events.
type v2Program struct {
	events []*v2Pending
	rooms  map[string]string // guid or slug -> name
	// roomGUIDs are the rooms' guids by name, for the events that name
	// their room without its guid (frab and pretalx list the rooms so).
	roomGUIDs map[string]string
	tracks    map[string]string // slug -> name
	persons   map[string]string // guid -> name
}

type v2Pending struct {
	ev   v2Event
	line int
}

// v2Event is one entry of "events" (an Event or a MetaEvent of the
// schema). Text fields accept what jsonText does.
type v2Event struct {
	ID           jsonText        `json:"id"`
	GUID         jsonText        `json:"guid"`
	Code         jsonText        `json:"code"`
	Start        jsonText        `json:"start"`
	Date         jsonText        `json:"date"` // frab's name for the start, in some files
	End          jsonText        `json:"end"`
	Duration     jsonText        `json:"duration"`
	Room         v2Ref           `json:"room"`
	Track        v2Ref           `json:"track"`
	Slug         jsonText        `json:"slug"`
	URL          jsonText        `json:"url"`
	Title        jsonText        `json:"title"`
	Subtitle     jsonText        `json:"subtitle"`
	Type         jsonText        `json:"type"`
	Language     jsonText        `json:"language"`
	State        jsonText        `json:"state"`
	Abstract     v2Text          `json:"abstract"`
	Description  v2Text          `json:"description"`
	Participants []v2Participant `json:"participants"`
	Persons      []frabPerson    `json:"persons"`
	Links        jsonLinks       `json:"links"`
	Attachments  jsonLinks       `json:"attachments"`
	FeedbackURL  jsonText        `json:"feedback_url"`
	DoNotRecord  jsonFlag        `json:"do_not_record"`
}

// v2Ref is a room or track: {"name", "guid", "slug"}, or just its name.
type v2Ref struct{ Name, GUID, Slug string }

func (r *v2Ref) UnmarshalJSON(b []byte) error {
	if b[0] != '{' {
		var t jsonText
		err := t.UnmarshalJSON(b)
		r.Name = t.String()
		return err
	}
	var o struct{ Name, GUID, Slug jsonText }
	if err := json.Unmarshal(b, &o); err != nil {
		return err
	}
	*r = v2Ref{o.Name.String(), o.GUID.String(), o.Slug.String()}
	return nil
}

// v2Text is a LocalizableString: text, null, or {"en": …, "de": …}.
type v2Text struct {
	text  string
	langs map[string]string
}

func (t *v2Text) UnmarshalJSON(b []byte) error {
	if b[0] == '{' {
		return json.Unmarshal(b, &t.langs)
	}
	var s jsonText
	err := s.UnmarshalJSON(b)
	t.text = string(s)
	return err
}

// in is the text in language lang, else English, else the first
// language in alphabetical order.
func (t v2Text) in(lang string) string {
	if t.langs == nil {
		return t.text
	}
	for _, l := range []string{lang, "en"} {
		if s, ok := t.langs[l]; ok {
			return s
		}
	}
	keys := make([]string, 0, len(t.langs))
	for k := range t.langs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if len(keys) == 0 {
		return ""
	}
	return t.langs[keys[0]]
}

type v2Participant struct {
	Name jsonText `json:"name"`
	GUID jsonText `json:"guid"`
	Role jsonText `json:"role"`
}

// v2Event reads one entry of "events".
func (r *frabReader) v2Event() error {
	p := &v2Pending{line: r.line()}
	if err := r.record("an event", &p.ev); err != nil {
		return err
	}
	r.v2.events = append(r.v2.events, p)
	return nil
}

// v2Persons reads "persons", the people the participants refer to.
func (r *frabReader) v2Persons() error {
	var people []struct {
		GUID       jsonText `json:"guid"`
		Name       jsonText `json:"name"`
		PublicName jsonText `json:"public_name"`
	}
	if r.peek() != '[' {
		return r.skip()
	}
	if err := r.value(&people); err != nil {
		return err
	}
	r.v2.persons = map[string]string{}
	for _, p := range people {
		n := p.Name.String()
		if n == "" {
			n = p.PublicName.String()
		}
		r.v2.persons[p.GUID.String()] = n
	}
	return nil
}

// v2Names reads the conference's "rooms" or "tracks" list, for the
// events that name theirs by guid or slug only. frab's files have such
// lists too; anything that is not a list of objects is passed over.
func (r *frabReader) v2Names(key string) error {
	if r.peek() != '[' {
		return r.skip()
	}
	var raw []json.RawMessage
	if err := r.value(&raw); err != nil {
		return err
	}
	names, guids := map[string]string{}, map[string]string{}
	for _, item := range raw {
		var ref v2Ref
		if json.Unmarshal(item, &ref) != nil || ref.Name == "" {
			continue
		}
		for _, k := range []string{ref.GUID, ref.Slug} {
			if k != "" {
				names[k] = ref.Name
			}
		}
		if ref.GUID != "" {
			guids[htmlLine(ref.Name)] = ref.GUID
		}
	}
	if key == "rooms" {
		r.v2.rooms, r.v2.roomGUIDs = names, guids
	} else {
		r.v2.tracks = names
	}
	return nil
}

// v2Sessions turns the flat events into sessions; those with a start and
// no length are returned for usualLengths.
func (r *frabReader) v2Sessions(loc *time.Location) ([]*schedule.Session, error) {
	var noLength []*schedule.Session
	for _, p := range r.v2.events {
		s, err := r.v2.session(&p.ev, loc, r.ask)
		if err != nil {
			id := p.ev.Code.String()
			if id == "" {
				id = p.ev.GUID.String()
			}
			if id == "" {
				id = htmlLine(string(p.ev.Title))
			}
			if err := r.feed.skip(&schedule.InputError{File: r.name, Line: p.line, Session: id, Err: err}); err != nil {
				return nil, err
			}
			continue
		}
		s.Date = r.filedUnder(s.Start, loc)
		r.feed.add(s, p.line)
		r.extras(s, [][]rawLink{p.ev.Links, p.ev.Attachments, {{href: p.ev.FeedbackURL.String(), kind: "feedback"}}}, p.ev.DoNotRecord, p.ev.Room.GUID)
		if s.Scheduled() && s.End.Equal(s.Start) && p.ev.End.String() == "" && p.ev.Duration.String() == "" {
			noLength = append(noLength, s)
		}
	}
	return noLength, nil
}

// filedUnder is the conference day whose start and end hold start, when
// the days give both and it is not start's own date (a night session).
func (r *frabReader) filedUnder(start time.Time, loc *time.Location) schedule.Day {
	if start.IsZero() {
		return 0
	}
	for i := range r.dates {
		from, err1 := parseOffsetTime(r.starts[i])
		to, err2 := parseOffsetTime(r.ends[i])
		if err1 == nil && err2 == nil && !start.Before(from) && start.Before(to) {
			return filedUnder(localDay(r.dates[i], r.starts[i], loc), start)
		}
	}
	return 0
}

// session reads one event of schedule 2.0.
func (v *v2Program) session(ev *v2Event, loc *time.Location, ask string) (*schedule.Session, error) {
	lang := ev.Language.String()
	s := &schedule.Session{
		ID:       oneLine(ev.Code.String()),
		GUID:     oneLine(ev.GUID.String()),
		Title:    htmlLine(string(ev.Title)),
		Subtitle: htmlLine(string(ev.Subtitle)),
		Type:     htmlLine(string(ev.Type)),
		URL:      oneLine(string(ev.URL)),
		Slug:     oneLine(string(ev.Slug)),
		Language: oneLine(lang),
	}
	for _, id := range []string{ev.ID.String(), s.GUID} {
		if s.ID == "" {
			s.ID = oneLine(id)
		}
	}
	s.Room = htmlLine(v.name(v.rooms, ev.Room))
	s.Track = htmlLine(v.name(v.tracks, ev.Track))
	abstract := htmlText(ev.Abstract.in(lang))
	if desc := htmlText(ev.Description.in(lang)); desc != "" && desc != abstract {
		if abstract != "" {
			abstract += "\n\n"
		}
		abstract += desc
	}
	s.Abstract = abstract
	s.Speakers = v.speakers(ev)
	switch strings.ToUpper(ev.State.String()) {
	case "CANCELED", "CANCELLED", "WITHDRAWN", "DELETED":
		s.Cancelled = true
	}
	// The schema's types are upper case with "_": LIGHTNING_TALK.
	s.Kind = typedKind(s.Title, strings.ToLower(strings.ReplaceAll(s.Type, "_", " ")), s.Track)
	return s, v2Times(s, ev, loc, ask)
}

// name is a room's or track's name: its own, else the conference's for
// its guid or slug, else its slug.
func (v *v2Program) name(names map[string]string, ref v2Ref) string {
	if ref.Name != "" {
		return ref.Name
	}
	for _, k := range []string{ref.GUID, ref.Slug} {
		if n := names[k]; n != "" {
			return n
		}
	}
	return ref.Slug
}

// speakers are the participants but the contributors, then "persons".
func (v *v2Program) speakers(ev *v2Event) []string {
	var out []string
	for _, p := range ev.Participants {
		if strings.EqualFold(p.Role.String(), "CONTRIBUTOR") {
			continue
		}
		n := p.Name.String()
		if n == "" {
			n = v.persons[p.GUID.String()]
		}
		if n = htmlLine(n); n != "" {
			out = append(out, n)
		}
	}
	for _, p := range ev.Persons {
		if n := htmlLine(string(p)); n != "" {
			out = append(out, n)
		}
	}
	return out
}

// v2Times sets the start and end of s: ISO 8601 times (local ones in
// loc), the end from "end", else the deprecated "duration" (ISO 8601,
// PT30M, or frab's 00:30), else none yet (see usualLengths). Local
// times with no zone are an error ending in ask.
func v2Times(s *schedule.Session, ev *v2Event, loc *time.Location, ask string) error {
	start := ev.Start.String()
	if start == "" || !strings.Contains(start, "T") {
		start = ev.Date.String() // "start" may be frab's HH:MM
	}
	if start == "" {
		return nil
	}
	var err error
	if s.Start, err = v2Time(start, loc, ask); err != nil {
		return fmt.Errorf(`bad "start": %w`, err)
	}
	s.End = s.Start
	switch end, dur := ev.End.String(), ev.Duration.String(); {
	case end != "":
		if s.End, err = v2Time(end, loc, ask); err != nil {
			return fmt.Errorf(`bad "end": %w`, err)
		}
		if s.End.Before(s.Start) {
			return fmt.Errorf(`ends (%s) before it starts (%s)`, end, start)
		}
	case strings.HasPrefix(strings.ToUpper(dur), "P"):
		days, exact, err := parseICSDuration(dur)
		if err != nil {
			return fmt.Errorf(`bad "duration": %w`, err)
		}
		s.End = s.Start.AddDate(0, 0, days).Add(exact)
	case dur != "":
		d, err := hhmmDuration(dur)
		if err != nil || d > maxFrabDuration {
			return fmt.Errorf(`bad "duration" %q: want e.g. PT30M or 00:30`, dur)
		}
		s.End = s.Start.Add(d)
	}
	return nil
}

// v2Time reads an ISO 8601 time: with an offset, the instant shown in
// loc; without one, loc's clock (ErrNoZone when loc is nil).
func v2Time(v string, loc *time.Location, ask string) (time.Time, error) {
	t, err := parseISOTime(v, loc)
	switch {
	case err == errNoOffset:
		return time.Time{}, noZone(fmt.Sprintf(`%q has no UTC offset and the file no "time_zone_name": %s`, v, ask))
	case err != nil:
		return time.Time{}, fmt.Errorf("%q is not a time such as 2024-12-27T10:30:00+01:00", v)
	}
	return t, nil
}
