package cmd

import (
	"github.com/plan-cli/plan/schedule"
)

func dedupe(ids []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

func notFound(what, id string, similar []string) error {
	return &schedule.NotFoundError{What: what, ID: id, Similar: similar}
}

func similarPicks(p *schedule.Plan, id string) []string {
	var sessions []*schedule.Session
	for _, pk := range p.Picks {
		sessions = append(sessions, &pk.Session)
	}
	return schedule.NewProgram(sessions).Similar(id, 3)
}
