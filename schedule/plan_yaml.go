package schedule

import (
	"bytes"
	"encoding/json"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// EncodePlan renders the plan as YAML. It writes the plan's fixed shape
// itself rather than through yaml.v3's reflection-driven encoder, which
// took most of a 'plan add' on a plan with a few hundred picks; the output
// is plain YAML that yaml.v3 (and any other YAML reader) reads back, and
// FuzzDecodePlan checks that it round-trips.
func EncodePlan(p *Plan) ([]byte, error) {
	p.Version = FormatVersion
	p.SortPicks()
	var b bytes.Buffer
	b.Grow(512 + 400*len(p.Picks))
	b.WriteString("# plan: a conference schedule. Edit freely; the imported program\n# lives in the .program.jsonl file beside it.\n")
	b.WriteString("version: " + strconv.Itoa(FormatVersion) + "\n")

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

// plainSafe matches strings YAML reads back as the same string when
// written without quotes: no leading indicator, no ": " or " #", no
// trailing space, nothing that looks like another type.
var plainSafe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^[\p{L}(][^:#\x00-\x1f\x7f"'{}\[\],&*!|>%@` + "`" + `]*$`)
})

var plainLooksTyped = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)^(y|yes|n|no|true|false|on|off|null|~|[-+]?(\.inf|\.nan)|[-+]?[0-9][0-9_.:eE+-]*|0x[0-9a-f]+|0o[0-7]+|[0-9]{4}-[0-9]{2}-[0-9]{2}.*)$`)
})

// yamlString writes s as a YAML scalar: plain when that reads back as the
// same string, else double-quoted with JSON escapes (which YAML's
// double-quoted style accepts).
func yamlString(s string) string {
	if s != "" && len(s) < 200 && plainSafe().MatchString(s) && !plainLooksTyped().MatchString(s) &&
		strings.TrimSpace(s) == s && !strings.Contains(s, "  ") {
		return s
	}
	return quoteYAML(s)
}

// flowString is yamlString for values inside a flow collection ([…] or
// {…}), where commas and brackets end a plain scalar.
func flowString(s string) string {
	if strings.ContainsAny(s, ",[]{}") {
		return quoteYAML(s)
	}
	return yamlString(s)
}

func quoteYAML(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(s)
	out := strings.TrimRight(b.String(), "\n")
	// JSON leaves U+2028/2029 escaped and writes other non-ASCII raw, which
	// YAML accepts; it never writes the "\/" escape YAML lacks.
	return out
}
