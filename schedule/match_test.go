package schedule

import (
	"slices"
	"testing"
	"time"
)

// Each rule of the matcher on its own: which rules pair a session of the
// previous version with an incoming one.
func TestMatchRules(t *testing.T) {
	old := func() *Session {
		s := sess("a", "g-a", "Scaling the OTel Operator in production", "Room 101", 10)
		s.URL, s.Slug = "https://example.org/talk/a/", "scaling-otel"
		return s
	}
	all := make([]string, len(matchRules))
	for i, r := range matchRules {
		all[i] = r.name
	}
	for _, c := range []struct {
		name string
		old  func(*Session) // how the previous version differs from old()
		in   func(*Session) // how the incoming session differs from old()
		want []string
	}{
		{"the same session", nil, nil, all},
		{"only the guid is the same", nil, func(s *Session) {
			*s = *sess("z", "g-a", "Something else entirely", "Hall", 15)
			s.Speakers = []string{"Bo"}
		}, []string{"guid"}},
		{"the same id, another title and speakers in the same slot", nil, func(s *Session) {
			s.GUID, s.Title, s.Speakers, s.URL, s.Slug = "", "Brand new", []string{"Bo"}, "", ""
		}, []string{"id, still the same talk"}},
		{"the same id, but another talk", nil, func(s *Session) {
			*s = *sess("a", "", "Brand new", "Hall", 15)
			s.Speakers = []string{"Bo"}
		}, nil},
		{"the same id and title, but guids disagree, an hour later", nil, func(s *Session) {
			s.GUID, s.URL, s.Slug = "g-other", "", ""
			s.Start, s.End = s.Start.Add(time.Hour), s.End.Add(time.Hour)
		}, []string{"title and speakers, nearest in time", "speakers, similar title"}},
		{"only the link, written another way", nil, func(s *Session) {
			*s = *sess("z", "", "Something else entirely", "Hall", 15)
			s.Speakers, s.URL = []string{"Bo"}, "HTTP://Example.org/talk/a"
		}, []string{"link"}},
		{"only the slug", nil, func(s *Session) {
			*s = *sess("z", "", "Something else entirely", "Hall", 15)
			s.Speakers, s.Slug = []string{"Bo"}, "scaling-otel"
		}, []string{"slug"}},
		{"a placeholder without speakers gets its title", func(s *Session) {
			s.Title, s.Speakers, s.GUID, s.URL, s.Slug = "Keynote", nil, "", "", ""
		}, func(s *Session) {
			s.ID, s.GUID, s.URL, s.Slug = "z", "", "", ""
			s.Speakers = []string{"Bo"}
		}, []string{"slot, same speakers or title"}},
		{"a retitle by the same speaker at another time", nil, func(s *Session) {
			s.ID, s.GUID, s.URL, s.Slug = "z", "", "", ""
			s.Title = "Scaling the OpenTelemetry Operator in production"
			s.Start, s.End = s.Start.Add(2*time.Hour), s.End.Add(2*time.Hour)
		}, []string{"speakers, similar title"}},
		{"a retitle in the same slot", nil, func(s *Session) {
			s.ID, s.GUID, s.URL, s.Slug = "z", "", "", ""
			s.Title = "Scaling the OpenTelemetry Operator in production"
		}, []string{"slot, same speakers or title", "speakers, similar title"}},
		{"one shared word is not a similar title", nil, func(s *Session) {
			s.ID, s.GUID, s.URL, s.Slug = "z", "", "", ""
			s.Title = "Operator"
			s.Start, s.End = s.Start.Add(2*time.Hour), s.End.Add(2*time.Hour)
		}, nil},
	} {
		o, in := old(), old()
		if c.old != nil {
			c.old(o)
		}
		if c.in != nil {
			c.in(in)
		}
		m := newMatcher([]*Session{o})
		m.index()
		var got []string
		for i, r := range matchRules {
			if m.find(i, in) == o {
				got = append(got, r.name)
			}
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: paired by %q, want %q", c.name, got, c.want)
		}
	}
}

// A weak match of one session never takes what a strong match of another
// finds, whatever their order in the feed.
func TestMatchStrongFirst(t *testing.T) {
	keynote := sess("k", "g-k", "Keynote", "Room 101", 10)
	keynote.Speakers = nil
	// The real title arrives in the keynote's slot, first in the feed;
	// the keynote itself (same guid) moved an hour later.
	retitled := sess("x", "", "Keynote: the year in review", "Room 101", 10)
	moved := sess("k", "g-k", "Keynote", "Room 101", 11)
	moved.Speakers = nil
	m := newMatcher([]*Session{keynote})
	got := m.matchAll([]*Session{retitled, moved})
	if got[moved] != keynote || got[retitled] != nil {
		t.Errorf("moved -> %v, retitled -> %v; want the keynote paired by its guid and the new title left new", got[moved], got[retitled])
	}
}
