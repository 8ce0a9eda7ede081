package importer

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/plan-cli/plan/schedule"
)

// sessionize reads the Sessionize API "All" view
// (/api/v2/{id}/view/All): top-level lists of sessions, speakers,
// categories and rooms, the sessions pointing at the others by id. Its
// times carry no offset, so Options.Location must place them.
type sessionize struct{}

func (sessionize) Name() string { return "sessionize" }

func (sessionize) Detect(data []byte) bool {
	h := head(stripBOM(data), 64<<10)
	return len(h) > 0 && h[0] == '{' && hasJSONKey(h, "sessions", '[') &&
		(hasJSONKey(h, "startsAt", 0) || hasJSONKey(h, "isServiceSession", 0) || hasJSONKey(h, "categoryItems", 0))
}

type szSession struct {
	ID               jsonText   `json:"id"`
	Title            jsonText   `json:"title"`
	Description      jsonText   `json:"description"`
	StartsAt         jsonText   `json:"startsAt"`
	EndsAt           jsonText   `json:"endsAt"`
	IsServiceSession bool       `json:"isServiceSession"`
	Speakers         []szRef    `json:"speakers"`
	CategoryItems    []jsonText `json:"categoryItems"`
	RoomID           jsonText   `json:"roomId"`
	Room             jsonText   `json:"room"`
	// RecordingURL is the recording Sessionize keeps for a session,
	// when the organisers add one.
	RecordingURL jsonText `json:"recordingUrl"`
}

// szRef is a speaker as a session names it: a GUID in the "All" view,
// {"id", "name"} in the other views.
type szRef struct{ ID, Name string }

func (r *szRef) UnmarshalJSON(b []byte) error {
	if b[0] != '{' {
		var t jsonText
		err := t.UnmarshalJSON(b)
		r.ID = t.String()
		return err
	}
	var o struct{ ID, Name jsonText }
	if err := json.Unmarshal(b, &o); err != nil {
		return err
	}
	r.ID, r.Name = o.ID.String(), oneLine(string(o.Name))
	return nil
}

type szSpeaker struct {
	ID        jsonText `json:"id"`
	FirstName jsonText `json:"firstName"`
	LastName  jsonText `json:"lastName"`
	FullName  jsonText `json:"fullName"`
}

func (sp szSpeaker) name() string {
	if n := oneLine(string(sp.FullName)); n != "" {
		return n
	}
	return oneLine(string(sp.FirstName) + " " + string(sp.LastName))
}

type szCategory struct {
	Title jsonText `json:"title"`
	Items []struct {
		ID   jsonText `json:"id"`
		Name jsonText `json:"name"`
	} `json:"items"`
}

type szRoom struct {
	ID   jsonText `json:"id"`
	Name jsonText `json:"name"`
}

// szItem is a category item with the role its category plays.
type szItem struct {
	role szRole
	name string
}

type szRole int

const (
	szTag    szRole = iota // any other category (e.g. "Level"): a tag
	szFormat               // "Session format": the kind
	szTrack                // "Category" or "Track"
)

func categoryRole(title string) szRole {
	t := strings.ToLower(strings.TrimSpace(title))
	switch {
	case strings.Contains(t, "format") || t == "session type" || t == "type":
		return szFormat
	case t == "category" || t == "categories" || t == "track" || t == "tracks":
		return szTrack
	}
	return szTag
}

// categoryRoles gives each category its role. The session format is
// the category titled so ("Session format", "Session type"); when no
// title says so, it is the category whose items are session types
// whatever its title ("Please select session type:" with "20 min
// lightning talk", "45 min talk", "Workshop"): most of its items name a
// kind. A category of subjects ("Cloud", "Security") or levels names
// none, and stays a tag.
func categoryRoles(categories []szCategory) []szRole {
	roles := make([]szRole, len(categories))
	for i, c := range categories {
		roles[i] = categoryRole(string(c.Title))
	}
	if slices.Contains(roles, szFormat) {
		return roles
	}
	best, bestShare := -1, 0.0
	for i, c := range categories {
		if roles[i] != szTag || len(c.Items) == 0 {
			continue
		}
		kinds := 0
		for _, it := range c.Items {
			if _, ok := typeKind(oneLine(string(it.Name))); ok {
				kinds++
			}
		}
		if share := float64(kinds) / float64(len(c.Items)); share > 0.5 && share > bestShare {
			best, bestShare = i, share
		}
	}
	if best >= 0 {
		roles[best] = szFormat
	}
	return roles
}

type szPending struct {
	s    szSession
	line int
}

func (sessionize) Parse(data []byte, opt Options) (*Feed, error) {
	r, err := newJSONReader(data, opt.Name)
	if err != nil {
		return nil, err
	}
	if c := r.first(); c != '{' {
		return nil, &schedule.InputError{File: opt.Name, Line: r.line(), Msg: fmt.Sprintf(`not a Sessionize "All" file: it starts with %q, want an object with a "sessions" list`, c)}
	}
	var (
		pending    []*szPending
		speakers   []szSpeaker
		categories []szCategory
		rooms      []szRoom
		sawList    bool
	)
	err = r.object("the document", func(key string) error {
		switch key {
		case "sessions":
			sawList = true
			return r.array(`"sessions"`, func() error {
				p := &szPending{line: r.line()}
				if err := r.value(&p.s); err != nil {
					return err
				}
				pending = append(pending, p)
				return nil
			})
		case "speakers":
			return r.value(&speakers)
		case "categories":
			return r.value(&categories)
		case "rooms":
			return r.value(&rooms)
		}
		return r.skip()
	})
	if err == nil {
		err = r.end()
	}
	if err != nil {
		return nil, err
	}
	if !sawList {
		return nil, &schedule.InputError{File: opt.Name, Msg: `no "sessions" list: not a Sessionize "All" file`}
	}

	loc := opt.Location
	if loc == nil && localTimes(pending) {
		// The file names no place; a room that names a city ("Pasadena
		// Convention Center") gives the example, as rooms are no proof.
		var texts []string
		for _, rm := range rooms {
			texts = append(texts, oneLine(string(rm.Name)))
		}
		return nil, &schedule.InputError{File: opt.Name, Err: noZone("times in this Sessionize file carry no time zone: " + opt.askTZ(zoneInText(texts...), "Europe/London or --tz America/New_York"))}
	}

	names := make(map[string]string, len(speakers))
	for _, sp := range speakers {
		names[sp.ID.String()] = sp.name()
	}
	items := make(map[string]szItem)
	roles := categoryRoles(categories)
	for i, c := range categories {
		role := roles[i]
		for _, it := range c.Items {
			items[it.ID.String()] = szItem{role: role, name: oneLine(string(it.Name))}
		}
	}
	roomNames := make(map[string]string, len(rooms))
	for _, rm := range rooms {
		roomNames[rm.ID.String()] = oneLine(string(rm.Name))
	}

	feed := &Feed{Sessions: make([]*schedule.Session, 0, len(pending))}
	for _, p := range pending {
		s, err := p.s.session(names, items, roomNames, loc)
		if err != nil {
			id := p.s.ID.String()
			if id == "" {
				id = oneLine(string(p.s.Title))
			}
			if err := feed.skip(&schedule.InputError{File: opt.Name, Line: p.line, Session: id, Err: err}); err != nil {
				return nil, err
			}
			continue
		}
		feed.add(s, p.line)
		feed.addLinks(opt.Name, s, "", []rawLink{{href: p.s.RecordingURL.String(), title: "Recording", kind: "video"}})
	}
	return feed.done()
}

func (ss *szSession) session(names map[string]string, items map[string]szItem, rooms map[string]string, loc *time.Location) (*schedule.Session, error) {
	s := &schedule.Session{
		ID:       oneLine(string(ss.ID)),
		Title:    oneLine(string(ss.Title)),
		Abstract: cleanText(string(ss.Description)),
		Room:     rooms[ss.RoomID.String()],
	}
	if s.Room == "" {
		s.Room = oneLine(string(ss.Room))
	}
	for _, ref := range ss.Speakers {
		n := names[ref.ID]
		if n == "" {
			n = ref.Name
		}
		if n = oneLine(n); n != "" {
			s.Speakers = append(s.Speakers, n)
		}
	}
	var tracks []string
	for _, id := range ss.CategoryItems {
		it, ok := items[id.String()]
		if !ok || it.name == "" {
			continue
		}
		switch it.role {
		case szFormat:
			if s.Type == "" {
				s.Type = it.name
			}
		case szTrack:
			tracks = append(tracks, it.name)
		default:
			s.Tags = append(s.Tags, it.name)
		}
	}
	s.Track = strings.Join(tracks, ", ")

	// Service sessions (keynote, lunch, breaks) have no format; their
	// title is the best hint, and what it does not name is "other".
	if ss.IsServiceSession {
		hint := s.Type
		if hint == "" {
			hint = s.Title
		}
		s.Kind = kindOf(s.Title, hint, s.Track, schedule.KindOther)
	} else {
		s.Kind = typedKind(s.Title, s.Type, s.Track)
	}

	start, end := ss.StartsAt.String(), ss.EndsAt.String()
	if start == "" && end == "" {
		return s, nil
	}
	if start == "" || end == "" {
		return nil, fmt.Errorf(`has only one of "startsAt" %q and "endsAt" %q`, start, end)
	}
	var err error
	if s.Start, err = sessionizeTime(start, loc); err != nil {
		return nil, fmt.Errorf(`bad "startsAt": %w`, err)
	}
	if s.End, err = sessionizeTime(end, loc); err != nil {
		return nil, fmt.Errorf(`bad "endsAt": %w`, err)
	}
	if s.End.Before(s.Start) {
		return nil, fmt.Errorf(`ends (%s) before it starts (%s)`, end, start)
	}
	return s, nil
}

// localTimes reports whether a session's time carries no offset.
func localTimes(pending []*szPending) bool {
	for _, p := range pending {
		if needsZone(p.s.StartsAt.String()) || needsZone(p.s.EndsAt.String()) {
			return true
		}
	}
	return false
}

// needsZone reports whether a Sessionize time is local (no offset).
func needsZone(s string) bool {
	return s != "" && !hasOffset(s)
}

// sessionizeTime reads "2020-03-28T08:00:00" (seconds and fraction
// optional) in loc; a time that does carry an offset keeps it.
func sessionizeTime(s string, loc *time.Location) (time.Time, error) {
	t, err := parseISOTime(s, loc)
	switch {
	case errors.Is(err, errNoOffset):
		return time.Time{}, noZone(fmt.Sprintf("%q has no time zone: give --tz", s))
	case err != nil:
		return time.Time{}, fmt.Errorf("%q is not a time such as 2020-03-28T08:00:00", s)
	}
	return t, nil
}
