// Package export turns a plan into the files and shapes other programs
// read: JSON for scripts, iCalendar for calendars, Markdown for the recap.
package export

import (
	"encoding/json"
	"io"
	"time"

	"github.com/plan-cli/plan/schedule"
)

// SessionJSON is the documented --json shape of a session; a pick adds
// priority, status and note. Times are RFC 3339 with the conference's UTC
// offset, null when the session is not scheduled.
type SessionJSON struct {
	ID        string   `json:"id"`
	Title     string   `json:"title"`
	Kind      string   `json:"kind"`
	Start     *string  `json:"start"`
	End       *string  `json:"end"`
	Room      string   `json:"room"`
	Track     string   `json:"track"`
	Speakers  []string `json:"speakers"`
	URL       string   `json:"url"`
	GUID      string   `json:"guid,omitempty"`
	Source    string   `json:"source,omitempty"`
	Abstract  string   `json:"abstract,omitempty"`
	Cancelled bool     `json:"cancelled"`
	Picked    bool     `json:"picked"`
	Priority  string   `json:"priority,omitempty"`
	Status    string   `json:"status,omitempty"`
	Note      string   `json:"note,omitempty"`
	Personal  bool     `json:"personal,omitempty"`
	Unplanned bool     `json:"unplanned,omitempty"`
	Gone      bool     `json:"gone,omitempty"`
}

func timeJSON(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := t.Format(time.RFC3339)
	return &s
}

// Session gives the JSON shape of a program session; pick may be nil.
// withAbstract adds the abstract (plan show, plan list --json keep it out
// to stay small unless asked).
func Session(s *schedule.Session, pick *schedule.Pick, withAbstract bool) SessionJSON {
	j := SessionJSON{
		ID: s.ID, Title: s.Title, Kind: string(s.Kind),
		Start: timeJSON(s.Start), End: timeJSON(s.End),
		Room: s.Room, Track: s.Track, Speakers: s.Speakers, URL: s.URL,
		GUID: s.GUID, Source: s.Source, Cancelled: s.Cancelled,
	}
	if j.Speakers == nil {
		j.Speakers = []string{}
	}
	if withAbstract {
		j.Abstract = s.Abstract
	}
	if pick != nil {
		j.Picked = true
		j.Priority = string(pick.Priority)
		j.Status = string(pick.Status)
		j.Note = pick.Note
		j.Personal = pick.Personal
		j.Unplanned = pick.Unplanned
		j.Gone = pick.Gone
	}
	return j
}

// Pick gives the JSON shape of a pick from its snapshot.
func Pick(p *schedule.Pick, withAbstract bool) SessionJSON {
	return Session(&p.Session, p, withAbstract)
}

// ClashJSON is the documented shape of a clash.
type ClashJSON struct {
	Sessions [2]string `json:"sessions"`
	Type     string    `json:"type"`
	Minutes  int       `json:"minutes"`
	Titles   [2]string `json:"titles"`
	Rooms    [2]string `json:"rooms"`
	Start    *string   `json:"start"`
}

// Clash gives the JSON shape of a clash.
func Clash(c schedule.Clash) ClashJSON {
	return ClashJSON{
		Sessions: [2]string{c.A.ID, c.B.ID},
		Type:     string(c.Type),
		Minutes:  c.Minutes,
		Titles:   [2]string{c.A.Title, c.B.Title},
		Rooms:    [2]string{c.A.Room, c.B.Room},
		Start:    timeJSON(c.B.Start),
	}
}

// Clashes converts a list, never nil.
func Clashes(cs []schedule.Clash) []ClashJSON {
	out := make([]ClashJSON, 0, len(cs))
	for _, c := range cs {
		out = append(out, Clash(c))
	}
	return out
}

// WriteJSON writes v indented, with a final newline, without HTML
// escaping.
func WriteJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
