package schedule

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// Session is one entry of a conference program: a talk, workshop, BoF,
// keynote, booth, or anything else with a title. Start and End carry the
// conference's time zone; both are zero for a session that is not
// scheduled yet (SCALE publishes such talks with empty times).
type Session struct {
	ID        string    `json:"id"`
	GUID      string    `json:"guid,omitempty"`
	Source    string    `json:"source,omitempty"` // name of the program it came from
	Title     string    `json:"title"`
	Subtitle  string    `json:"subtitle,omitempty"`
	Kind      Kind      `json:"kind"`
	Type      string    `json:"type,omitempty"` // the feed's own word for the kind, kept for overrides
	Start     time.Time `json:"start,omitzero"`
	End       time.Time `json:"end,omitzero"`
	Room      string    `json:"room,omitempty"`
	Track     string    `json:"track,omitempty"`
	Speakers  []string  `json:"speakers,omitempty"`
	Abstract  string    `json:"abstract,omitempty"`
	URL       string    `json:"url,omitempty"`
	Slug      string    `json:"slug,omitempty"`
	Language  string    `json:"language,omitempty"`
	Tags      []string  `json:"tags,omitempty"`
	Cancelled bool      `json:"cancelled,omitempty"`
	// Links are the addresses the program gives beside the session's page
	// (URL): recordings, slides, the feedback form, chat rooms, project
	// sites; the feedback form and recordings of frab's own elements
	// (<feedback_url>, <recording><url>) too. See AddLink.
	Links []Link `json:"links,omitempty"`
	// RoomGUID is the program's stable id of the room (frab and pretalx
	// <room guid>, schedule 2.0 "room": {"guid"}), which room maps such
	// as c3nav know rooms by.
	RoomGUID string `json:"room_guid,omitempty"`
	// DoNotRecord says the session will not be recorded: the speakers
	// opted out (frab "do_not_record", <recording><optout>).
	DoNotRecord bool `json:"do_not_record,omitempty"`
	// Date is the conference day the program files the session under,
	// when that is not the calendar date of its start: CCC days run past
	// midnight, so a 01:00 session belongs to the day before. Files
	// write it "2026-01-31".
	Date Day `json:"date,omitempty"`
	// Rev counts the re-imports that changed the session's time, room or
	// title; calendar exports use it as SEQUENCE.
	Rev int `json:"rev,omitempty"`
}

// LineFields names the session's one-line text fields with their values,
// for checks that treat every such field alike (the importer warns about
// each one it had to cut). A new one-line field is added here too; each
// link's address and title are two more.
func (s *Session) LineFields() []NamedValue {
	out := make([]NamedValue, 0, 11+2*len(s.Links))
	out = append(out, NamedValue{"title", s.Title}, NamedValue{"subtitle", s.Subtitle}, NamedValue{"room", s.Room},
		NamedValue{"track", s.Track}, NamedValue{"type", s.Type}, NamedValue{"id", s.ID}, NamedValue{"guid", s.GUID},
		NamedValue{"url", s.URL}, NamedValue{"slug", s.Slug}, NamedValue{"language", s.Language}, NamedValue{"room guid", s.RoomGUID})
	for _, l := range s.Links {
		out = append(out, NamedValue{"link", l.URL}, NamedValue{"link title", l.Title})
	}
	return out
}

// NamedValue is a field's name and its value.
type NamedValue struct{ Name, Value string }

// Scheduled reports whether the session has a time.
func (s *Session) Scheduled() bool { return !s.Start.IsZero() }

// Duration is End-Start, zero when unscheduled.
func (s *Session) Duration() time.Duration {
	if !s.Scheduled() || s.End.Before(s.Start) {
		return 0
	}
	return s.End.Sub(s.Start)
}

// In returns a copy of s with its times expressed in loc.
func (s Session) In(loc *time.Location) Session {
	if loc == nil {
		return s
	}
	if !s.Start.IsZero() {
		s.Start = s.Start.In(loc)
	}
	if !s.End.IsZero() {
		s.End = s.End.In(loc)
	}
	return s
}

// Day is the conference day of the session: the day the program files
// it under, else the calendar date of its start in its own zone; no day
// when unscheduled.
func (s *Session) Day() Day {
	if !s.Scheduled() {
		return 0
	}
	if !s.Date.IsZero() {
		return s.Date
	}
	return DayOf(s.Start)
}

// FiledUnder returns the conference day to record for a session starting
// at start that the program files under day: day when it differs from
// start's calendar date (a night session), else no day.
func FiledUnder(day Day, start time.Time) Day {
	if day.IsZero() || start.IsZero() || day == DayOf(start) {
		return 0
	}
	return day
}

// SpeakerList joins the speakers for display.
func (s *Session) SpeakerList() string { return strings.Join(s.Speakers, ", ") }

// Less orders sessions by start, room, title and id; unscheduled ones last.
func Less(a, b *Session) bool {
	if a.Scheduled() != b.Scheduled() {
		return a.Scheduled()
	}
	if !a.Start.Equal(b.Start) {
		return a.Start.Before(b.Start)
	}
	if !a.End.Equal(b.End) {
		return a.End.Before(b.End)
	}
	if a.Room != b.Room {
		return a.Room < b.Room
	}
	if a.Title != b.Title {
		return a.Title < b.Title
	}
	return a.ID < b.ID
}

// sortSessions orders sessions by Less.
func sortSessions(ss []*Session) {
	sort.SliceStable(ss, func(i, j int) bool { return Less(ss[i], ss[j]) })
}

// FormatDuration writes a length of time as people read it: "45 min",
// "3 h", "1 h 10 min".
func FormatDuration(d time.Duration) string {
	m := int(d.Round(time.Minute) / time.Minute)
	if m < 0 {
		m = -m
	}
	switch {
	case m < 60:
		return fmt.Sprintf("%d min", m)
	case m%60 == 0:
		return fmt.Sprintf("%d h", m/60)
	}
	return fmt.Sprintf("%d h %d min", m/60, m%60)
}
