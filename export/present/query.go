package present

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/plan-cli/plan/schedule"
)

// Query is a search as people type it: every word must appear somewhere
// in the session (title, subtitle, speakers, track, room, abstract,
// tags), in any order, ignoring case, so "postgres 18" finds
// "PostgreSQL 18". An empty query matches everything.
type Query []string

// ParseQuery splits s into lower-case words.
func ParseQuery(s string) Query { return strings.Fields(strings.ToLower(s)) }

// Match reports whether every word of q starts a word of s: "rust"
// finds "Rust" and "rustc" but not "trust"; "postgres 18" finds
// "PostgreSQL 18".
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
			if containsWordStart(strings.ToLower(s.Title), w) {
				continue
			}
			hay = []string{strings.ToLower(s.Subtitle), strings.ToLower(s.SpeakerList()), strings.ToLower(s.Track),
				strings.ToLower(s.Room), strings.ToLower(strings.Join(s.Tags, " ")), strings.ToLower(s.Abstract), strings.ToLower(s.Title)}
		}
		for _, h := range hay {
			if containsWordStart(h, w) {
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

// containsWordStart reports whether w occurs in h at the start of a word
// (after a character that is neither a letter nor a digit, or at the
// start); a w that itself starts with punctuation may occur anywhere.
func containsWordStart(h, w string) bool {
	if w == "" {
		return true
	}
	first, _ := utf8.DecodeRuneInString(w)
	if !unicode.IsLetter(first) && !unicode.IsDigit(first) {
		return strings.Contains(h, w)
	}
	for i := 0; ; {
		j := strings.Index(h[i:], w)
		if j < 0 {
			return false
		}
		at := i + j
		if at == 0 {
			return true
		}
		prev, _ := utf8.DecodeLastRuneInString(h[:at])
		if !unicode.IsLetter(prev) && !unicode.IsDigit(prev) {
			return true
		}
		_, size := utf8.DecodeRuneInString(h[at:])
		i = at + size
	}
}
