package store

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/plan-cli/plan/schedule"
)

// The program file is JSON Lines: a header line, then one session per line
// with "id" as its first key. One line per session keeps diffs small and
// lets a lookup by id find a session without decoding the rest.

const programMagic = "plan-program"

type programHeader struct {
	Format   string `json:"format"`
	Version  int    `json:"version"`
	Sessions int    `json:"sessions"`
	// Plan is the base name of the plan file the program belongs to, so
	// that a program another plan's name also maps to is never taken for
	// this plan's (see ProgramPathFor); empty in programs written before.
	Plan string `json:"plan,omitempty"`
	// Generation counts the imports that wrote the program; the plan file
	// records the one it was saved with (program_generation), so that a
	// plan and a program that do not belong together are told apart.
	Generation int `json:"generation,omitempty"`
}

func writeProgram(w io.Writer, p *schedule.Program, h programHeader) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	h.Format, h.Version, h.Sessions = programMagic, schedule.FormatVersion, len(p.Sessions)
	if err := enc.Encode(h); err != nil {
		return err
	}
	for _, s := range p.Sessions {
		if err := enc.Encode(s); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// rebuildHint ends every message about a program file that cannot be
// used: import reads what it can of such a file and writes it anew.
const rebuildHint = "run 'plan import SOURCE' to rebuild the program"

// readHeader decodes the header line of a program file.
func readHeader(line []byte, name string) (programHeader, error) {
	var h programHeader
	if err := json.Unmarshal(line, &h); err != nil || h.Format != programMagic {
		return h, &schedule.InputError{File: name, Line: 1, Msg: "not a plan program file (" + rebuildHint + ")"}
	}
	if h.Version > schedule.FormatVersion {
		return h, &schedule.InputError{File: name, Line: 1, Msg: fmt.Sprintf("written by a newer plan (program format %d; this one reads up to %d): upgrade plan", h.Version, schedule.FormatVersion)}
	}
	return h, nil
}

// readProgram decodes a whole program file. name is used in errors. A
// program that holds another number of sessions than its header says (a
// copy cut short at a line break) is an error; with salvage, it reads
// what it can of a damaged program instead (the sessions whose lines
// decode), and returns what was wrong as well.
func readProgram(data []byte, name string, salvage bool) (*schedule.Program, programHeader, error) {
	nl := bytes.IndexByte(data, '\n')
	if nl < 0 {
		nl = len(data)
	}
	h, err := readHeader(data[:nl], name)
	if err != nil {
		if !salvage || h.Version > schedule.FormatVersion {
			return nil, h, err
		}
		nl = -1 // every line may be a session
	}
	var problem error = err
	sessions := make([]*schedule.Session, 0, min(h.Sessions, 1<<20))
	line := 1
	if nl < 0 {
		line = 0
	}
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
		s := new(schedule.Session)
		err := json.Unmarshal(ln, s)
		if err == nil && salvage && s.ID == "" {
			continue // a header, or a line that is no session
		}
		if err != nil {
			if problem == nil {
				problem = &schedule.InputError{File: name, Line: line, Msg: "damaged session line (" + rebuildHint + ")", Err: err}
			}
			if !salvage {
				return nil, h, problem
			}
			continue
		}
		sessions = append(sessions, s)
	}
	if problem == nil && len(sessions) != h.Sessions {
		problem = &schedule.InputError{File: name, Msg: fmt.Sprintf("the header says %d sessions, but the file holds %d: it was cut short or edited (%s)", h.Sessions, len(sessions), rebuildHint)}
		if !salvage {
			return nil, h, problem
		}
	}
	return schedule.NewProgram(sessions), h, problem
}

// findInProgram looks sessions up by id without decoding the whole
// program: each session line plan writes starts with {"id":"…", so only
// the leading id of each line is read. A line in another layout (the
// program re-formatted by jq or a script: other key order, spaces, other
// escapes) has its id decoded instead, so every id the program holds is
// found. It streams through a fixed buffer, because on a 100 MB program
// reading the whole file into fresh memory costs more (in page faults)
// than the search itself.
func findInProgram(r io.Reader, ids []string, name string) (map[string]*schedule.Session, error) {
	found := make(map[string]*schedule.Session, len(ids))
	want := make(map[string]string, len(ids))
	byID := make(map[string]bool, len(ids))
	for _, id := range ids {
		want[string(quoteJSON(id))] = id
		byID[id] = true
	}
	if len(want) == 0 {
		return found, nil
	}
	prefix := []byte(`{"id":`)
	br := bufio.NewReaderSize(r, 1<<20)
	var long []byte
	for line := 1; ; line++ {
		ln, err := br.ReadSlice('\n')
		if err == bufio.ErrBufferFull {
			// A line longer than the buffer (a huge abstract): copy what
			// was read before the next read reuses the buffer, then read
			// the rest.
			long = append(long[:0], ln...)
			for err == bufio.ErrBufferFull {
				ln, err = br.ReadSlice('\n')
				long = append(long, ln...)
			}
			ln = long
		}
		if line > 1 && len(bytes.TrimSpace(ln)) > 0 {
			id, ok := "", false
			if bytes.HasPrefix(ln, prefix) {
				if q := leadingString(ln[len(prefix):]); q != nil {
					id, ok = want[string(q)]
					if !ok && (bytes.IndexByte(q, '\\') >= 0 || !utf8.Valid(q)) {
						// Escaped otherwise than we write (\u00e9 for é), or
						// not UTF-8 (a byte the decoder reads as U+FFFD).
						var s string
						if json.Unmarshal(q, &s) == nil && byID[s] {
							id, ok = s, true
						}
					}
				} else {
					id, ok = otherLayoutID(ln, byID)
				}
			} else {
				id, ok = otherLayoutID(ln, byID)
			}
			if ok && found[id] == nil {
				s := new(schedule.Session)
				if jerr := json.Unmarshal(ln, s); jerr != nil {
					return nil, &schedule.InputError{File: name, Line: line, Msg: "damaged session line (" + rebuildHint + ")", Err: jerr}
				}
				found[id] = s
				if len(found) == len(want) {
					return found, nil
				}
			}
		}
		if err == io.EOF {
			return found, nil
		}
		if err != nil {
			return nil, fmt.Errorf("cannot read %s: %w", name, err)
		}
	}
}

// otherLayoutID decodes the id of a session line not written as plan
// writes it, and reports whether it is one of ids.
func otherLayoutID(ln []byte, ids map[string]bool) (string, bool) {
	var v struct {
		ID string `json:"id"`
	}
	if json.Unmarshal(ln, &v) != nil || !ids[v.ID] {
		return "", false
	}
	return v.ID, true
}

// leadingString returns the JSON string literal (with its quotes) that b
// starts with, or nil.
func leadingString(b []byte) []byte {
	if len(b) == 0 || b[0] != '"' {
		return nil
	}
	for i := 1; i < len(b); i++ {
		switch b[i] {
		case '\\':
			i++
		case '"':
			return b[:i+1]
		}
	}
	return nil
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
