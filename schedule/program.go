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
		d := 64 // ids that long are not typed: compared only whole
		if sid := strings.ToLower(s.ID); sid == low {
			d = 0
		} else if len(low) <= 64 && len(sid) <= 64 {
			d = EditDistance(low, sid)
		}
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

// EditDistance counts the edits between a and b: a letter inserted,
// deleted or replaced, or two neighbouring letters swapped ("rsut" →
// "rust" is one edit).
func EditDistance(a, b string) int {
	x, y := []rune(a), []rune(b)
	// Three rows of the table: the two before the one being filled.
	prev2, prev, cur := make([]int, len(y)+1), make([]int, len(y)+1), make([]int, len(y)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(x); i++ {
		cur[0] = i
		for j := 1; j <= len(y); j++ {
			c := 1
			if x[i-1] == y[j-1] {
				c = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+c)
			if i > 1 && j > 1 && x[i-1] == y[j-2] && x[i-2] == y[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(y)]
}
