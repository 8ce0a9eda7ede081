package schedule

import (
	"strconv"
	"strings"
	"time"
)

// decodeOwnPlan reads a plan file written by EncodePlan, line by line,
// without yaml.v3 (whose parse is a third of an everyday command on a plan
// with a few hundred picks). It returns nil as soon as anything is not in
// the exact shape EncodePlan writes; DecodePlan then re-encodes what it
// read and uses it only if that gives back the very same bytes, so a plan
// edited by hand, or anything this reader misunderstands, always goes
// through the full YAML decoder.
func decodeOwnPlan(data []byte) *Plan {
	p := &Plan{}
	section := ""
	var pk *Pick
	for _, ln := range strings.Split(string(data), "\n") {
		switch {
		case ln == "" || strings.HasPrefix(ln, "#"):
			continue
		case ln == "version: "+strconv.Itoa(FormatVersion):
			p.Version = FormatVersion
			continue
		case ln == "conference:" || ln == "kinds:" || ln == "venue:" || ln == "picks:" || ln == "picks: []" || ln == "facts:":
			section = strings.TrimSuffix(strings.TrimSuffix(ln, " []"), ":")
			if section == "kinds" {
				p.Kinds = map[string]Kind{}
			}
			continue
		}
		ok := false
		switch section {
		case "conference":
			ok = p.conferenceLine(ln)
		case "kinds":
			if rest, isKV := strings.CutPrefix(ln, "  "); isKV {
				k, after, okK := fastScalar(rest, false)
				v, tail, okV := fastScalar(strings.TrimPrefix(after, ": "), false)
				ok = okK && okV && strings.HasPrefix(after, ": ") && tail == ""
				p.Kinds[k] = Kind(v)
			}
		case "venue":
			ok = p.venueLine(ln)
		case "picks":
			if rest, isNew := strings.CutPrefix(ln, "  - "); isNew {
				pk = &Pick{}
				p.Picks = append(p.Picks, pk)
				ok = pk.field(rest)
			} else if rest, isField := strings.CutPrefix(ln, "    "); isField && pk != nil {
				ok = pk.field(rest)
			}
		case "facts":
			if rest, isItem := strings.CutPrefix(ln, "  - "); isItem {
				m, okM := fastFlowMap(rest)
				ok = okM && len(m) == 2
				p.Facts = append(p.Facts, Fact{Label: m["label"], Value: m["value"]})
			}
		}
		if !ok {
			return nil
		}
	}
	if p.Version != FormatVersion {
		return nil
	}
	return p
}

func (p *Plan) conferenceLine(ln string) bool {
	c := &p.Conference
	if ln == "  sources:" {
		return true
	}
	if rest, ok := strings.CutPrefix(ln, "    - "); ok {
		c.Sources = append(c.Sources, Source{})
		ln = "      " + rest
	}
	if rest, ok := strings.CutPrefix(ln, "      "); ok && len(c.Sources) > 0 {
		s := &c.Sources[len(c.Sources)-1]
		key, val, ok := fastKV(rest)
		if !ok {
			return false
		}
		switch key {
		case "name":
			s.Name = val
		case "location":
			s.Location = val
		case "format":
			s.Format = val
		case "prefix":
			s.Prefix = val
		case "imported":
			t, err := time.Parse(time.RFC3339, val)
			s.Imported = t
			return err == nil
		case "sessions":
			n, err := strconv.Atoi(val)
			s.Sessions = n
			return err == nil
		default:
			return false
		}
		return true
	}
	rest, ok := strings.CutPrefix(ln, "  ")
	if !ok {
		return false
	}
	key, val, ok := fastKV(rest)
	switch {
	case !ok:
		return false
	case key == "name":
		c.Name = val
	case key == "time_zone":
		c.TimeZone = val
	default:
		return false
	}
	return true
}

func (p *Plan) venueLine(ln string) bool {
	if ln == "  walks:" {
		return true
	}
	if rest, ok := strings.CutPrefix(ln, "    - "); ok {
		m, ok := fastFlowMap(rest)
		n, err := strconv.Atoi(m["minutes"])
		p.Venue.Walks = append(p.Venue.Walks, Walk{From: m["from"], To: m["to"], Minutes: Minutes(n)})
		return ok && err == nil && len(m) == 3
	}
	key, val, ok := fastKV(strings.TrimPrefix(ln, "  "))
	if !ok || key != "default_walk" {
		return false
	}
	n, err := strconv.Atoi(val)
	p.Venue.DefaultWalk = Minutes(n)
	return err == nil
}

// field reads one "key: value" line of a pick.
func (pk *Pick) field(ln string) bool {
	if rest, ok := strings.CutPrefix(ln, "speakers: "); ok {
		list, ok := fastFlowSeq(rest)
		pk.Speakers = list
		return ok
	}
	key, val, ok := fastKV(ln)
	if !ok {
		return false
	}
	var err error
	switch key {
	case "id":
		pk.ID = val
	case "title":
		pk.Title = val
	case "priority":
		pk.Priority = Priority(val)
	case "status":
		pk.Status = Status(val)
	case "note":
		pk.Note = val
	case "kind":
		pk.Kind = Kind(val)
	case "type":
		pk.Type = val
	case "start":
		pk.Start, err = time.Parse(time.RFC3339Nano, val)
	case "end":
		pk.End, err = time.Parse(time.RFC3339Nano, val)
	case "date":
		pk.Date = val
	case "room":
		pk.Room = val
	case "track":
		pk.Track = val
	case "url":
		pk.URL = val
	case "guid":
		pk.GUID = val
	case "source":
		pk.Source = val
	case "rev":
		pk.Rev, err = strconv.Atoi(val)
	case "personal", "unplanned", "cancelled", "gone":
		if val != "true" {
			return false
		}
		switch key {
		case "personal":
			pk.Personal = true
		case "unplanned":
			pk.Unplanned = true
		case "cancelled":
			pk.Cancelled = true
		case "gone":
			pk.Gone = true
		}
	default:
		return false
	}
	return err == nil
}

// fastKV splits "key: scalar".
func fastKV(s string) (key, val string, ok bool) {
	key, rest, found := strings.Cut(s, ": ")
	if !found {
		return "", "", false
	}
	val, tail, ok := fastScalar(rest, false)
	return key, val, ok && tail == ""
}

// fastScalar reads a plain or double-quoted scalar at the start of s and
// returns the rest. In a flow collection a plain scalar ends at "," "]"
// or "}".
func fastScalar(s string, flow bool) (string, string, bool) {
	if !strings.HasPrefix(s, `"`) {
		end := len(s)
		if flow {
			end = strings.IndexAny(s, ",]}")
			if end < 0 {
				return "", "", false
			}
		} else if i := strings.Index(s, ": "); i >= 0 {
			end = i // a key
		}
		return s[:end], s[end:], true
	}
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		c := s[i]
		switch c {
		case '"':
			return b.String(), s[i+1:], true
		case '\\':
			if i+1 >= len(s) {
				return "", "", false
			}
			i++
			switch s[i] {
			case '"', '\\':
				b.WriteByte(s[i])
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			case 'r':
				b.WriteByte('\r')
			case 'u':
				if i+4 >= len(s) {
					return "", "", false
				}
				n, err := strconv.ParseUint(s[i+1:i+5], 16, 32)
				if err != nil {
					return "", "", false
				}
				b.WriteRune(rune(n))
				i += 4
			default:
				return "", "", false
			}
		default:
			b.WriteByte(c)
		}
	}
	return "", "", false
}

// fastFlowSeq reads "[a, b]".
func fastFlowSeq(s string) ([]string, bool) {
	rest, ok := strings.CutPrefix(s, "[")
	var out []string
	for ok && !strings.HasPrefix(rest, "]") {
		var v string
		v, rest, ok = fastScalar(rest, true)
		out = append(out, v)
		if after, more := strings.CutPrefix(rest, ", "); more {
			rest = after
		} else if !strings.HasPrefix(rest, "]") {
			return nil, false
		}
	}
	return out, ok && rest == "]"
}

// fastFlowMap reads "{k: v, k: v}".
func fastFlowMap(s string) (map[string]string, bool) {
	rest, ok := strings.CutPrefix(s, "{")
	m := map[string]string{}
	for ok && !strings.HasPrefix(rest, "}") {
		key, after, found := strings.Cut(rest, ": ")
		if !found {
			return nil, false
		}
		var v string
		v, rest, ok = fastScalar(after, true)
		m[key] = v
		if after, more := strings.CutPrefix(rest, ", "); more {
			rest = after
		} else if !strings.HasPrefix(rest, "}") {
			return nil, false
		}
	}
	return m, ok && rest == "}"
}
