package browse

import (
	"strings"

	"github.com/plan-cli/plan/schedule"
)

// Query is a search as people type it: every word must appear somewhere
// in the session (title, subtitle, speakers, track, room, abstract,
// tags), in any order, ignoring case, so "postgres 18" finds
// "PostgreSQL 18". An empty query matches everything.
type Query []string

// ParseQuery splits s into lower-case words.
func ParseQuery(s string) Query { return strings.Fields(strings.ToLower(s)) }

// Match reports whether every word of q occurs in s.
func (q Query) Match(s *schedule.Session) bool {
	if len(q) == 0 {
		return true
	}
	var hay []string
	for _, w := range q {
		found := false
		if hay == nil {
			// Most sessions fail on a word in the title: look there first
			// and build the rest only when needed.
			if strings.Contains(strings.ToLower(s.Title), w) {
				continue
			}
			hay = []string{strings.ToLower(s.Subtitle), strings.ToLower(s.SpeakerList()), strings.ToLower(s.Track),
				strings.ToLower(s.Room), strings.ToLower(strings.Join(s.Tags, " ")), strings.ToLower(s.Abstract), strings.ToLower(s.Title)}
		}
		for _, h := range hay {
			if strings.Contains(h, w) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}
