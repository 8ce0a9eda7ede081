package store

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"

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
}

// WriteProgram writes p in the program file format.
func WriteProgram(w io.Writer, p *schedule.Program) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(programHeader{Format: programMagic, Version: schedule.FormatVersion, Sessions: len(p.Sessions)}); err != nil {
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
func ReadProgram(data []byte, name string) (*schedule.Program, error) {
	nl := bytes.IndexByte(data, '\n')
	if nl < 0 {
		nl = len(data)
	}
	var h programHeader
	if err := json.Unmarshal(data[:nl], &h); err != nil || h.Format != programMagic {
		return nil, &schedule.InputError{File: name, Line: 1, Msg: "not a plan program file"}
	}
	if h.Version > schedule.FormatVersion {
		return nil, &schedule.InputError{File: name, Line: 1, Msg: fmt.Sprintf("written by a newer plan (program format %d; this one reads up to %d): upgrade plan", h.Version, schedule.FormatVersion)}
	}
	sessions := make([]*schedule.Session, 0, h.Sessions)
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
		s := new(schedule.Session)
		if err := json.Unmarshal(ln, s); err != nil {
			return nil, &schedule.InputError{File: name, Line: line, Msg: "damaged session line (re-run plan import to rebuild the program)", Err: err}
		}
		sessions = append(sessions, s)
	}
	return schedule.NewProgram(sessions), nil
}

// findInProgram looks sessions up by id without decoding the whole
// program: each session line starts with {"id":"…", so only the leading
// id of each line is read. It streams through a fixed buffer, because on
// a 100 MB program reading the whole file into fresh memory costs more
// (in page faults) than the search itself.
func findInProgram(r io.Reader, ids []string, name string) (map[string]*schedule.Session, error) {
	found := make(map[string]*schedule.Session, len(ids))
	want := make(map[string]string, len(ids))
	for _, id := range ids {
		want[string(quoteJSON(id))] = id
	}
	if len(want) == 0 {
		return found, nil
	}
	prefix := []byte(`{"id":`)
	br := bufio.NewReaderSize(r, 1<<20)
	for line := 1; ; line++ {
		ln, err := br.ReadSlice('\n')
		if err == bufio.ErrBufferFull {
			// A line longer than the buffer (a huge abstract): read the rest.
			rest, err2 := br.ReadBytes('\n')
			ln, err = append(append([]byte(nil), ln...), rest...), err2
		}
		if bytes.HasPrefix(ln, prefix) {
			if q := leadingString(ln[len(prefix):]); q != nil {
				if id, ok := want[string(q)]; ok {
					s := new(schedule.Session)
					if jerr := json.Unmarshal(ln, s); jerr != nil {
						return nil, &schedule.InputError{File: name, Line: line, Msg: "damaged session line (re-run plan import to rebuild the program)", Err: jerr}
					}
					found[id] = s
					if len(found) == len(want) {
						return found, nil
					}
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
