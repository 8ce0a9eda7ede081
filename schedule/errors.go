package schedule

import (
	"errors"
	"fmt"
)

// InputError is bad input a person can fix: a malformed program file, an
// impossible session, a plan file with an unknown key. It names where the
// problem is so the message can point at it.
type InputError struct {
	File    string // file name or URL; "-" for stdin
	Line    int    // 1-based line, 0 when unknown
	Session string // id or title of the offending session, if any
	Msg     string
	Err     error
}

func (e *InputError) Error() string {
	where := e.File
	if where == "" {
		where = "input"
	}
	if e.Line > 0 {
		where = fmt.Sprintf("%s:%d", where, e.Line)
	}
	if e.Session != "" {
		where = fmt.Sprintf("%s: session %q", where, e.Session)
	}
	msg := e.Msg
	if e.Err != nil {
		if msg != "" {
			msg += ": "
		}
		msg += e.Err.Error()
	}
	return where + ": " + msg
}

func (e *InputError) Unwrap() error { return e.Err }

// NotFoundError says an id the user gave is not in the program or plan.
type NotFoundError struct {
	What    string // "session", "pick"
	ID      string
	Similar []string // close matches to suggest
	Hint    string   // what to do, when there is no close match
}

func (e *NotFoundError) Error() string {
	msg := fmt.Sprintf("no %s with id %q", e.What, e.ID)
	if len(e.Similar) > 0 {
		msg += fmt.Sprintf(" (did you mean %s?)", quoteList(e.Similar))
	}
	if e.Hint != "" {
		msg += ": " + e.Hint
	}
	return msg
}

func quoteList(ss []string) string {
	out := ""
	for i, s := range ss {
		if i > 0 {
			if i == len(ss)-1 {
				out += " or "
			} else {
				out += ", "
			}
		}
		out += fmt.Sprintf("%q", s)
	}
	return out
}

// ErrNoPlan is returned when the plan file does not exist.
var ErrNoPlan = errors.New("no plan file")
