package store

import (
	"time"

	"github.com/plan-cli/plan/schedule"
)

// planFile is the plan file's shape. Decoding with KnownFields refuses any
// key it does not list, with its line.
type planFile struct {
	Version    int                      `yaml:"version"`
	Conference schedule.Conference      `yaml:"conference"`
	Kinds      map[string]schedule.Kind `yaml:"kinds,omitempty"`
	Venue      schedule.Venue           `yaml:"venue,omitempty"`
	Picks      []*pickYAML              `yaml:"picks"`
	Facts      []schedule.Fact          `yaml:"facts,omitempty"`
}

// pickYAML is how a pick reads in the plan file: what the user decided
// first, then the session as it was last seen. Long program fields
// (abstract, subtitle) stay in the program file.
type pickYAML struct {
	ID        string            `yaml:"id"`
	Title     string            `yaml:"title"`
	Priority  schedule.Priority `yaml:"priority"`
	Status    schedule.Status   `yaml:"status"`
	Note      string            `yaml:"note,omitempty"`
	Kind      schedule.Kind     `yaml:"kind"`
	Type      string            `yaml:"type,omitempty"`
	Start     time.Time         `yaml:"start,omitempty"`
	Date      string            `yaml:"date,omitempty"`
	End       time.Time         `yaml:"end,omitempty"`
	Room      string            `yaml:"room,omitempty"`
	Track     string            `yaml:"track,omitempty"`
	Speakers  []string          `yaml:"speakers,omitempty,flow"`
	URL       string            `yaml:"url,omitempty"`
	Personal  bool              `yaml:"personal,omitempty"`
	Unplanned bool              `yaml:"unplanned,omitempty"`
	Cancelled bool              `yaml:"cancelled,omitempty"`
	Gone      bool              `yaml:"gone,omitempty"`
	GUID      string            `yaml:"guid,omitempty"`
	Source    string            `yaml:"source,omitempty"`
	Rev       int               `yaml:"rev,omitempty"`
}

func (y *pickYAML) pick() *schedule.Pick {
	if y == nil {
		return nil
	}
	return &schedule.Pick{
		Session: schedule.Session{ID: y.ID, Title: y.Title, Kind: y.Kind, Type: y.Type, Start: y.Start, Date: y.Date, End: y.End, Room: y.Room,
			Track: y.Track, Speakers: y.Speakers, URL: y.URL, Cancelled: y.Cancelled, GUID: y.GUID, Source: y.Source, Rev: y.Rev},
		Priority: y.Priority, Status: y.Status, Note: y.Note, Personal: y.Personal, Unplanned: y.Unplanned, Gone: y.Gone,
	}
}

func (f *planFile) plan() *schedule.Plan {
	p := &schedule.Plan{Version: f.Version, Conference: f.Conference, Kinds: f.Kinds, Venue: f.Venue, Facts: f.Facts}
	for _, y := range f.Picks {
		p.Picks = append(p.Picks, y.pick())
	}
	return p
}
