package schedule

import (
	"fmt"
	"time"

	"gopkg.in/yaml.v3"
)

// pickYAML is how a pick reads in the plan file: what the user decided
// first, then the session as it was last seen. Long program fields
// (abstract, subtitle, feed type) stay in the program file.
type pickYAML struct {
	ID        string    `yaml:"id"`
	Title     string    `yaml:"title"`
	Priority  Priority  `yaml:"priority"`
	Status    Status    `yaml:"status"`
	Note      string    `yaml:"note,omitempty"`
	Kind      Kind      `yaml:"kind"`
	Type      string    `yaml:"type,omitempty"`
	Start     time.Time `yaml:"start,omitempty"`
	Date      string    `yaml:"date,omitempty"`
	End       time.Time `yaml:"end,omitempty"`
	Room      string    `yaml:"room,omitempty"`
	Track     string    `yaml:"track,omitempty"`
	Speakers  []string  `yaml:"speakers,omitempty,flow"`
	URL       string    `yaml:"url,omitempty"`
	Personal  bool      `yaml:"personal,omitempty"`
	Unplanned bool      `yaml:"unplanned,omitempty"`
	Cancelled bool      `yaml:"cancelled,omitempty"`
	Gone      bool      `yaml:"gone,omitempty"`
	GUID      string    `yaml:"guid,omitempty"`
	Source    string    `yaml:"source,omitempty"`
	Rev       int       `yaml:"rev,omitempty"`
}

var pickKeys = func() map[string]bool {
	m := map[string]bool{}
	for _, k := range []string{"id", "title", "priority", "status", "note", "kind", "type", "start", "date", "end", "room", "track", "speakers", "url", "personal", "unplanned", "cancelled", "gone", "guid", "source", "rev"} {
		m[k] = true
	}
	return m
}()

// UnmarshalYAML reads a pick, refusing keys it does not know.
func (p *Pick) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.MappingNode {
		return &yaml.TypeError{Errors: []string{fmt.Sprintf("line %d: a pick must be a mapping (id: …, title: …)", n.Line)}}
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if !pickKeys[k.Value] {
			return &yaml.TypeError{Errors: []string{fmt.Sprintf("line %d: field %s not found in type pick", k.Line, k.Value)}}
		}
	}
	var y pickYAML
	if err := n.Decode(&y); err != nil {
		return err
	}
	*p = Pick{
		Session: Session{ID: y.ID, Title: y.Title, Kind: y.Kind, Type: y.Type, Start: y.Start, Date: y.Date, End: y.End, Room: y.Room,
			Track: y.Track, Speakers: y.Speakers, URL: y.URL, Cancelled: y.Cancelled, GUID: y.GUID, Source: y.Source, Rev: y.Rev},
		Priority: y.Priority, Status: y.Status, Note: y.Note, Personal: y.Personal, Unplanned: y.Unplanned, Gone: y.Gone,
	}
	return nil
}
