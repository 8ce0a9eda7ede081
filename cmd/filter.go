package cmd

import (
	"strings"

	"github.com/plan-cli/plan/schedule"
)

type sessionFilter struct {
	day, track, room, speaker, search string
	kind                              schedule.Kind
}

func (f *sessionFilter) match(s *schedule.Session) bool {
	if f.day != "" && s.Day() != f.day {
		return false
	}
	if f.kind != "" && s.Kind != f.kind {
		return false
	}
	if f.track != "" && !containsFold(s.Track, f.track) {
		return false
	}
	if f.room != "" && !containsFold(s.Room, f.room) {
		return false
	}
	if f.speaker != "" {
		ok := false
		for _, sp := range s.Speakers {
			if containsFold(sp, f.speaker) {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	if f.search != "" {
		if !containsFold(s.Title, f.search) && !containsFold(s.Subtitle, f.search) && !containsFold(s.Abstract, f.search) &&
			!containsFold(s.Track, f.search) && !containsFold(strings.Join(s.Speakers, " "), f.search) && !containsFold(strings.Join(s.Tags, " "), f.search) {
			return false
		}
	}
	return true
}

func containsFold(s, sub string) bool {
	return strings.Contains(strings.ToLower(s), strings.ToLower(sub))
}
