package schedule

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
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

// The program file is JSON Lines: a header line, then one session per line
// with "id" as its first key. One line per session keeps diffs small and
// lets a lookup by id find a session without decoding the rest.

const programMagic = "plan-program"

type programHeader struct {
	Format   string `json:"format"`
	Version  int    `json:"version"`
	Sessions int    `json:"sessions"`
}

// WriteProgram writes p in the program file format.
func WriteProgram(w io.Writer, p *Program) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(programHeader{Format: programMagic, Version: FormatVersion, Sessions: len(p.Sessions)}); err != nil {
		return err
	}
	for _, s := range p.Sessions {
		if err := enc.Encode(s); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// ReadProgram decodes a whole program file. name is used in errors.
func ReadProgram(data []byte, name string) (*Program, error) {
	nl := bytes.IndexByte(data, '\n')
	if nl < 0 {
		nl = len(data)
	}
	var h programHeader
	if err := json.Unmarshal(data[:nl], &h); err != nil || h.Format != programMagic {
		return nil, &InputError{File: name, Line: 1, Msg: "not a plan program file"}
	}
	if h.Version > FormatVersion {
		return nil, &InputError{File: name, Line: 1, Msg: fmt.Sprintf("written by a newer plan (program format %d; this one reads up to %d): upgrade plan", h.Version, FormatVersion)}
	}
	sessions := make([]*Session, 0, h.Sessions)
	line := 1
	rest := data[min(nl+1, len(data)):]
	for len(rest) > 0 {
		line++
		end := bytes.IndexByte(rest, '\n')
		var ln []byte
		if end < 0 {
			ln, rest = rest, nil
		} else {
			ln, rest = rest[:end], rest[end+1:]
		}
		if len(bytes.TrimSpace(ln)) == 0 {
			continue
		}
		s := new(Session)
		if err := json.Unmarshal(ln, s); err != nil {
			return nil, &InputError{File: name, Line: line, Msg: "damaged session line (re-run plan import to rebuild the program)", Err: err}
		}
		sessions = append(sessions, s)
	}
	return NewProgram(sessions), nil
}

// findInProgram looks up sessions by id without decoding the whole file:
// each session line starts with {"id":"…", so a byte search finds it.
func findInProgram(data []byte, ids []string, name string) (map[string]*Session, error) {
	found := make(map[string]*Session, len(ids))
	for _, id := range ids {
		q := quoteJSON(id)
		needle := append(append([]byte("\n{\"id\":"), q...), ',')
		i := bytes.Index(data, needle)
		if i < 0 {
			continue
		}
		ln := data[i+1:]
		if end := bytes.IndexByte(ln, '\n'); end >= 0 {
			ln = ln[:end]
		}
		s := new(Session)
		if err := json.Unmarshal(ln, s); err != nil {
			return nil, &InputError{File: name, Line: lineNumber(data, i+1), Msg: "damaged session line (re-run plan import to rebuild the program)", Err: err}
		}
		found[id] = s
	}
	return found, nil
}

func lineNumber(data []byte, off int) int { return bytes.Count(data[:off], []byte{'\n'}) + 1 }

// quoteJSON quotes s exactly as WriteProgram's encoder does.
func quoteJSON(s string) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(s)
	return bytes.TrimRight(b.Bytes(), "\n")
}
