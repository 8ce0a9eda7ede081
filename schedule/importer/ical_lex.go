package importer

// iCalendar lexing: lines unfolded, content lines split into name,
// parameters and value, components nested, TEXT unescaped.

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/plan-cli/plan/schedule"
)

// icsProp is one unfolded content line: NAME;PARAM=VALUE:value.
type icsProp struct {
	name   string // upper case
	params []icsParam
	value  string // raw: TEXT escapes still in place
	line   int    // 1-based line where the property starts
}

type icsParam struct {
	name   string // upper case
	values []string
}

// param is the first value of the named parameter, "" when absent.
func (p *icsProp) param(name string) string {
	for _, q := range p.params {
		if q.name == name && len(q.values) > 0 {
			return q.values[0]
		}
	}
	return ""
}

type icsComp struct {
	name  string // upper case: VCALENDAR, VEVENT, VTIMEZONE, …
	line  int
	props []icsProp
	subs  []*icsComp
}

// prop is the first property with that name, nil when absent.
func (c *icsComp) prop(name string) *icsProp {
	for i := range c.props {
		if c.props[i].name == name {
			return &c.props[i]
		}
	}
	return nil
}

// maxICSDepth bounds component nesting (real calendars need 3).
const maxICSDepth = 16

// readCalendars unfolds the lines, parses each content line and builds
// the component tree. The file must begin with BEGIN:VCALENDAR and every
// component must be closed; several calendars one after another are read
// as one.
func (p *icsParser) readCalendars(data []byte) ([]*icsComp, error) {
	var cals []*icsComp
	var stack []*icsComp
	lastLine := 0
	err := unfoldLines(data, func(text string, line int) error {
		lastLine = line
		if !utf8.ValidString(text) {
			return p.errf(line, "not UTF-8 text (save the file as UTF-8)")
		}
		prop, err := parseContentLine(text)
		if err != nil {
			return p.errf(line, "%v", err)
		}
		prop.line = line
		switch prop.name {
		case "BEGIN":
			name := strings.ToUpper(strings.TrimSpace(prop.value))
			if name == "" {
				return p.errf(line, "BEGIN without a component name")
			}
			if len(stack) == 0 && name != "VCALENDAR" {
				if len(cals) == 0 {
					return p.errf(line, "not an iCalendar file: it must begin with BEGIN:VCALENDAR")
				}
				return p.errf(line, "BEGIN:%s after END:VCALENDAR", name)
			}
			if len(stack) >= maxICSDepth {
				return p.errf(line, "components nested more than %d deep", maxICSDepth)
			}
			c := &icsComp{name: name, line: line}
			if len(stack) > 0 {
				parent := stack[len(stack)-1]
				parent.subs = append(parent.subs, c)
			}
			stack = append(stack, c)
		case "END":
			name := strings.ToUpper(strings.TrimSpace(prop.value))
			if len(stack) == 0 {
				return p.errf(line, "END:%s without a BEGIN", name)
			}
			open := stack[len(stack)-1]
			if name != open.name {
				return p.errf(line, "END:%s, but BEGIN:%s (line %d) is still open", name, open.name, open.line)
			}
			stack = stack[:len(stack)-1]
			if len(stack) == 0 {
				cals = append(cals, open)
			}
		default:
			if len(stack) == 0 {
				if len(cals) == 0 {
					return p.errf(line, "not an iCalendar file: it must begin with BEGIN:VCALENDAR")
				}
				return p.errf(line, "%s after END:VCALENDAR", prop.name)
			}
			c := stack[len(stack)-1]
			c.props = append(c.props, prop)
		}
		return nil
	})
	if err != nil {
		if ie, ok := err.(*schedule.InputError); ok && ie.File == "" {
			ie.File = p.name
		}
		return nil, err
	}
	if len(stack) > 0 {
		open := stack[len(stack)-1]
		return nil, p.errf(lastLine, "the file ends inside BEGIN:%s (line %d): it is truncated (no END:%s); download it again", open.name, open.line, stack[0].name)
	}
	if len(cals) == 0 {
		return nil, p.errf(0, "empty file: no BEGIN:VCALENDAR")
	}
	return cals, nil
}

// unfoldLines calls fn with each logical line of data and the line number
// where it starts. Physical lines end in LF, CRLF, or CR alone when the
// file has no LF at all; a line that begins with a space or a tab
// continues the one before, without that first character. Blank lines are
// skipped. A logical line longer than maxToken is cut there, ending in
// cutRune, while it is unfolded: it never takes more memory than that.
func unfoldLines(data []byte, fn func(text string, line int) error) error {
	sep := byte('\n')
	if bytes.IndexByte(data, '\n') < 0 {
		sep = '\r'
	}
	var buf []byte     // the logical line being built when it is folded
	var cur []byte     // the logical line so far (aliases data or buf)
	curLine, n := 0, 0 // its first line; the current physical line
	flush := func() error {
		if cur == nil {
			return nil
		}
		text := cutToken(cur)
		cur = nil
		return fn(text, curLine)
	}
	for len(data) > 0 {
		n++
		var phys []byte
		if i := bytes.IndexByte(data, sep); i >= 0 {
			phys, data = data[:i], data[i+1:]
		} else {
			phys, data = data, nil
		}
		if sep == '\n' && len(phys) > 0 && phys[len(phys)-1] == '\r' {
			phys = phys[:len(phys)-1]
		}
		if len(phys) == 0 {
			continue
		}
		if phys[0] == ' ' || phys[0] == '\t' {
			if cur == nil {
				return &schedule.InputError{Line: n, Msg: "a folded continuation line with nothing before it"}
			}
			if len(buf) == 0 || &buf[0] != &cur[0] {
				buf = append(buf[:0], cur[:min(len(cur), maxToken+1)]...)
			}
			if len(buf) <= maxToken {
				buf = append(buf, phys[1:min(len(phys), 1+maxToken+1-len(buf))]...)
			}
			cur = buf
			continue
		}
		if err := flush(); err != nil {
			return err
		}
		cur, curLine = phys, n
	}
	return flush()
}

// cutToken is b as a string, cut at maxToken (at a character boundary,
// ending in cutRune) when it is longer. A cutRune b holds itself is left
// out (no field keeps a noncharacter), so the only one is a cut's.
func cutToken(b []byte) string {
	long := len(b) > 2*maxToken // longer than what is looked at
	if bytes.Contains(b, cutBytes) {
		b = bytes.ReplaceAll(b[:min(len(b), 2*maxToken)], cutBytes, nil)
	}
	if !long && len(b) <= maxToken {
		return string(b)
	}
	n := min(maxToken, len(b))
	for n > 0 && n < len(b) && !utf8.RuneStart(b[n]) {
		n--
	}
	return string(b[:n]) + string(cutRune)
}

// parseContentLine splits NAME *(;PARAM=VALUE[,VALUE]) : value. Parameter
// values may be quoted ("…"), and then hold ; : and , freely.
func parseContentLine(s string) (icsProp, error) {
	var p icsProp
	i := 0
	for i < len(s) && isNameChar(s[i]) {
		i++
	}
	if i == 0 {
		return p, fmt.Errorf("not an iCalendar content line (want NAME:value): %q", clip(s, 40))
	}
	p.name = strings.ToUpper(s[:i])
	for {
		if i >= len(s) {
			return p, fmt.Errorf("property %s has no ':' and no value", p.name)
		}
		switch s[i] {
		case ':':
			p.value = s[i+1:]
			return p, nil
		case ';':
			i++
			j := i
			for i < len(s) && isNameChar(s[i]) {
				i++
			}
			if i == j || i >= len(s) || s[i] != '=' {
				return p, fmt.Errorf("property %s has a malformed parameter (want ;NAME=value)", p.name)
			}
			q := icsParam{name: strings.ToUpper(s[j:i])}
			i++ // '='
			for {
				var v string
				if i < len(s) && s[i] == '"' {
					end := strings.IndexByte(s[i+1:], '"')
					if end < 0 {
						return p, fmt.Errorf("property %s: parameter %s has an unterminated quote", p.name, q.name)
					}
					v = s[i+1 : i+1+end]
					i += end + 2
				} else {
					j := i
					for i < len(s) && s[i] != ';' && s[i] != ':' && s[i] != ',' {
						i++
					}
					v = s[j:i]
				}
				q.values = append(q.values, v)
				if i < len(s) && s[i] == ',' {
					i++
					continue
				}
				break
			}
			p.params = append(p.params, q)
		default:
			return p, fmt.Errorf("property %s: unexpected %q after the name (want ':' or ';')", p.name, s[i])
		}
	}
}

func isNameChar(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-'
}

// unescapeText undoes TEXT escaping: \\ \; \, and \n or \N. Other
// backslashes are kept as they are.
func unescapeText(s string) string {
	if strings.IndexByte(s, '\\') < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\\' && i+1 < len(s) {
			switch s[i+1] {
			case '\\', ';', ',':
				b.WriteByte(s[i+1])
				i++
				continue
			case 'n', 'N':
				b.WriteByte('\n')
				i++
				continue
			}
		}
		b.WriteByte(c)
	}
	return b.String()
}

// splitTextList splits a multi-valued TEXT (CATEGORIES) at unescaped
// commas and unescapes each value.
func splitTextList(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case ',':
			out = append(out, unescapeText(s[start:i]))
			start = i + 1
		}
	}
	return append(out, unescapeText(s[start:]))
}
