package schedule

import (
	"sort"
	"strings"
)

// Program is the imported conference program: every session of every
// source, ordered by time.
type Program struct {
	Sessions []*Session
	byID     map[string]*Session
}

// NewProgram indexes sessions (which it sorts in place).
func NewProgram(sessions []*Session) *Program {
	sort.SliceStable(sessions, func(i, j int) bool { return Less(sessions[i], sessions[j]) })
	p := &Program{Sessions: sessions, byID: make(map[string]*Session, len(sessions))}
	for _, s := range sessions {
		p.byID[s.ID] = s
	}
	return p
}

// Get returns the session with id, or nil.
func (p *Program) Get(id string) *Session {
	if p == nil {
		return nil
	}
	return p.byID[id]
}

// Similar returns up to n ids (or titles' ids) that look like id: same
// prefix, or a title containing it, for "did you mean" messages.
func (p *Program) Similar(id string, n int) []string {
	if p == nil || id == "" {
		return nil
	}
	type cand struct {
		id   string
		dist int
	}
	var cands []cand
	low := strings.ToLower(id)
	for _, s := range p.Sessions {
		d := editDistance(low, strings.ToLower(s.ID))
		if d <= max(1, len(id)/3) || (len(low) >= 4 && strings.Contains(strings.ToLower(s.Title), low)) {
			cands = append(cands, cand{s.ID, d})
		}
	}
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].dist < cands[j].dist })
	var out []string
	for i := 0; i < len(cands) && i < n; i++ {
		out = append(out, cands[i].id)
	}
	return out
}

func editDistance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		if a == b {
			return 0
		}
		return 64
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c++
			}
			cur[j] = min(c, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
