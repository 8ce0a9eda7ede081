package store

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/plan-cli/plan/schedule"
)

// EncodePlan renders the plan as YAML. It writes the plan's fixed shape
// itself rather than through yaml.v3's reflection-driven encoder, which
// took most of a 'plan add' on a plan with a few hundred picks; the output
// is plain YAML that yaml.v3 (and any other YAML reader) reads back, and
// FuzzDecodePlan checks that it round-trips.
func EncodePlan(p *schedule.Plan) ([]byte, error) {
	p.Version = schedule.FormatVersion
	p.SortPicks()
	var b bytes.Buffer
	b.Grow(512 + 400*len(p.Picks))
	b.WriteString("# plan: a conference schedule. Edit freely; the imported program\n# lives in the .program.jsonl file beside it.\n")
	b.WriteString("version: " + strconv.Itoa(schedule.FormatVersion) + "\n")

	c := p.Conference
	b.WriteString("conference:\n")
	kv(&b, 2, "name", c.Name, true)
	kv(&b, 2, "time_zone", c.TimeZone, true)
	if len(c.Sources) > 0 {
		b.WriteString("  sources:\n")
		for _, s := range c.Sources {
			b.WriteString("    - ")
			kvFirst(&b, "name", s.Name)
			kv(&b, 6, "location", s.Location, true)
			kv(&b, 6, "format", s.Format, true)
			if !s.Imported.IsZero() {
				kvRaw(&b, 6, "imported", s.Imported.UTC().Truncate(time.Second).Format(time.RFC3339))
			}
			kvRaw(&b, 6, "sessions", strconv.Itoa(s.Sessions))
			kv(&b, 6, "prefix", s.Prefix, false)
		}
	}

	if len(p.Kinds) > 0 {
		b.WriteString("kinds:\n")
		keys := make([]string, 0, len(p.Kinds))
		for k := range p.Kinds {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			b.WriteString("  " + yamlString(k) + ": " + yamlString(string(p.Kinds[k])) + "\n")
		}
	}

	if p.Venue.DefaultWalk != 0 || len(p.Venue.Walks) > 0 {
		b.WriteString("venue:\n")
		if p.Venue.DefaultWalk != 0 {
			kvRaw(&b, 2, "default_walk", strconv.Itoa(int(p.Venue.DefaultWalk)))
		}
		if len(p.Venue.Walks) > 0 {
			b.WriteString("  walks:\n")
			for _, w := range p.Venue.Walks {
				b.WriteString("    - {from: " + yamlString(w.From) + ", to: " + yamlString(w.To) + ", minutes: " + strconv.Itoa(int(w.Minutes)) + "}\n")
			}
		}
	}

	if len(p.Picks) == 0 {
		b.WriteString("picks: []\n")
	} else {
		b.WriteString("picks:\n")
	}
	for _, pk := range p.Picks {
		b.WriteString("  - ")
		kvFirst(&b, "id", pk.ID)
		kv(&b, 4, "title", pk.Title, true)
		kv(&b, 4, "priority", string(pk.Priority), true)
		kv(&b, 4, "status", string(pk.Status), true)
		kv(&b, 4, "note", pk.Note, false)
		kv(&b, 4, "kind", string(pk.Kind), true)
		kv(&b, 4, "type", pk.Type, false)
		if !pk.Start.IsZero() {
			kvRaw(&b, 4, "start", pk.Start.Format(time.RFC3339Nano))
			kvRaw(&b, 4, "end", pk.End.Format(time.RFC3339Nano))
			kv(&b, 4, "date", pk.Date, false)
		}
		kv(&b, 4, "room", pk.Room, false)
		kv(&b, 4, "track", pk.Track, false)
		if len(pk.Speakers) > 0 {
			b.WriteString("    speakers: [")
			for i, sp := range pk.Speakers {
				if i > 0 {
					b.WriteString(", ")
				}
				b.WriteString(flowString(sp))
			}
			b.WriteString("]\n")
		}
		kv(&b, 4, "url", pk.URL, false)
		kvBool(&b, "personal", pk.Personal)
		kvBool(&b, "unplanned", pk.Unplanned)
		kvBool(&b, "cancelled", pk.Cancelled)
		kvBool(&b, "gone", pk.Gone)
		kv(&b, 4, "guid", pk.GUID, false)
		kv(&b, 4, "source", pk.Source, false)
		if pk.Rev != 0 {
			kvRaw(&b, 4, "rev", strconv.Itoa(pk.Rev))
		}
	}

	if len(p.Facts) > 0 {
		b.WriteString("facts:\n")
		for _, f := range p.Facts {
			b.WriteString("  - {label: " + flowString(f.Label) + ", value: " + flowString(f.Value) + "}\n")
		}
	}
	return b.Bytes(), nil
}

func kvFirst(b *bytes.Buffer, key, val string) {
	b.WriteString(key + ": " + yamlString(val) + "\n")
}

func kv(b *bytes.Buffer, indent int, key, val string, always bool) {
	if val == "" && !always {
		return
	}
	b.WriteString(strings.Repeat(" ", indent) + key + ": " + yamlString(val) + "\n")
}

func kvRaw(b *bytes.Buffer, indent int, key, val string) {
	b.WriteString(strings.Repeat(" ", indent) + key + ": " + val + "\n")
}

func kvBool(b *bytes.Buffer, key string, v bool) {
	if v {
		b.WriteString("    " + key + ": true\n")
	}
}

// yamlString writes s as a YAML scalar: plain when that reads back as the
// same string, else double-quoted with JSON escapes (which YAML's
// double-quoted style accepts).
func yamlString(s string) string {
	if plainSafe(s) {
		return s
	}
	return quoteYAML(s)
}

// plainSafe reports whether s reads back as the same string when written
// without quotes: it starts with a letter or "(", holds no indicator or
// control character, no double space, no trailing space, and is not a
// word YAML reads as another type (true, no, null, …). Strings starting
// with a digit, sign or dot are always quoted, so no number, date or
// .inf can slip through.
func plainSafe(s string) bool {
	if s == "" || len(s) >= 200 || strings.TrimSpace(s) != s || strings.Contains(s, "  ") {
		return false
	}
	for i, r := range s {
		if i == 0 && !unicode.IsLetter(r) && r != '(' {
			return false
		}
		switch {
		case r < 0x20, r >= 0x7f && r < 0xa0, r == 0xfeff, r == 0x2028, r == 0x2029, r == utf8.RuneError:
			return false
		}
		if strings.ContainsRune(":#\"'{}[],&*!|>%@`", r) {
			return false
		}
	}
	switch strings.ToLower(s) {
	case "y", "yes", "n", "no", "true", "false", "on", "off", "null":
		return false
	}
	return true
}

// flowString is yamlString for values inside a flow collection ([…] or
// {…}), where commas and brackets end a plain scalar.
func flowString(s string) string {
	if strings.ContainsAny(s, ",[]{}") {
		return quoteYAML(s)
	}
	return yamlString(s)
}

// quoteYAML writes s double-quoted, escaping what YAML would otherwise
// read differently: quotes, backslashes, C0 and C1 control characters
// (NEL U+0085 is a line break to YAML), line and paragraph separators and
// the byte order mark. Invalid UTF-8 becomes U+FFFD.
func quoteYAML(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20, r >= 0x7f && r < 0xa0, r == 0x2028, r == 0x2029, r == 0xfeff:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
