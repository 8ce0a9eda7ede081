package importer

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"sort"
	"strings"
)

// What a file is when no importer takes it, or when the one that took it
// found no session: say which format it looks like and why it cannot be
// read, instead of "not a program" or "no sessions".

// describeUnreadable names what data looks like when no importer detects
// it; "" when it looks like nothing in particular.
func describeUnreadable(data []byte) string {
	t := bytes.TrimSpace(stripBOM(data))
	switch {
	case len(t) > 0 && (t[0] == '{' || t[0] == '['):
		return describeJSON(t)
	case len(t) > 0 && t[0] == '<':
		if root, children := xmlShape(t); root != "" {
			return fmt.Sprintf("XML whose root element is <%s>%s, which is neither a pentabarf/frab/pretalx <schedule> nor the SCALE feed", root, childList(children))
		}
	}
	return ""
}

// describeJSON says what a JSON document that no importer took holds.
func describeJSON(t []byte) string {
	if t[0] == '[' {
		return "a JSON list, but not of SCALE signage entries (objects with Name, StartTime, EndTime and Location)"
	}
	top, ok := jsonTopKinds(t)
	if !ok {
		return "" // the importers' own messages say where the JSON breaks
	}
	keys := make([]string, 0, len(top))
	for k := range top {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if top["events"] == '[' {
		if _, hasSchedule := top["schedule"]; !hasSchedule {
			return `a JSON "events" list without the "conference" object that C3VOC's schedule 2.0 JSON has beside it (its name and time zone): import the program's schedule.xml or schedule.json instead`
		}
	}
	if _, ok := top["schedule"]; ok {
		return `a JSON "schedule" without the "conference" object that frab and pretalx schedule.json have`
	}
	return fmt.Sprintf("JSON with the top-level keys %s, which is no program format this tool knows (frab/pretalx have \"schedule\", Sessionize \"sessions\", SCALE a list of sessions)", quoteKeys(keys))
}

// jsonTopKinds reads a JSON object token by token (through jsonCut, so
// no value is held whole) and returns its keys, each with the first
// byte of its value's kind: '{', '[', '"', or 0 for anything else. ok is
// false when t is not one well-formed JSON object.
func jsonTopKinds(t []byte) (top map[string]byte, ok bool) {
	dec := json.NewDecoder(newJSONCut(t))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, false
	}
	top = map[string]byte{}
	for {
		tok, err := dec.Token() // a key, or the end
		if err != nil {
			return nil, false
		}
		if tok == json.Delim('}') {
			break
		}
		key, _ := tok.(string)
		if tok, err = dec.Token(); err != nil {
			return nil, false
		}
		top[key] = 0
		switch v := tok.(type) {
		case json.Delim: // '{' or '['
			top[key] = byte(v)
			if skipJSON(dec) != nil {
				return nil, false
			}
		case string:
			top[key] = '"'
		}
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, false
	}
	return top, true
}

// skipJSON reads on to the end of the object or list just opened.
func skipJSON(dec *json.Decoder) error {
	for depth := 1; depth > 0; {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			depth++
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
	}
	return nil
}

// describeEmpty says why a program the importer format read has no
// session, when the file's shape explains it.
func describeEmpty(format string, data []byte) string {
	switch format {
	case "pentabarf":
		root, children := xmlShape(bytes.TrimSpace(stripBOM(data)))
		if root == "" {
			return ""
		}
		hasDay := false
		for _, c := range children {
			hasDay = hasDay || c == "day"
		}
		if !hasDay {
			return fmt.Sprintf("it is an XML <%s>%s, but not of the pentabarf/frab shape: that keeps sessions in <day><room><event>, and this file has no <day>", root, childList(children))
		}
		return "it is a pentabarf/frab schedule.xml, but its <day> elements hold no <room> with an <event>"
	case "frab-json":
		return `it is a frab/pretalx schedule.json, but "schedule.conference.days" holds no room with an event`
	case "schedule2-json":
		return `it is a C3VOC schedule 2.0 JSON, but its "events" list is empty`
	case "sessionize":
		return `it is a Sessionize export, but its "sessions" list is empty`
	case "ical":
		return "it is an iCalendar file, but it holds no VEVENT"
	}
	return ""
}

// xmlShape is the name of data's root element and the distinct names of
// its children, in order; "" when data is not XML it can read that far.
func xmlShape(data []byte) (root string, children []string) {
	d := xml.NewDecoder(newXMLCut(data))
	d.Strict = false
	d.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
	depth := 0
	seen := map[string]bool{}
	for {
		tok, err := d.Token()
		if err != nil {
			return root, children
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			switch depth {
			case 1:
				root = t.Name.Local
			case 2:
				if !seen[t.Name.Local] && len(children) < 8 {
					seen[t.Name.Local] = true
					children = append(children, t.Name.Local)
				}
			}
		case xml.EndElement:
			depth--
			if depth == 0 {
				return root, children
			}
		}
	}
}

func childList(children []string) string {
	if len(children) == 0 {
		return " with no elements inside"
	}
	parts := make([]string, len(children))
	for i, c := range children {
		parts[i] = "<" + c + ">"
	}
	return " holding " + strings.Join(parts, ", ")
}

func quoteKeys(keys []string) string {
	if len(keys) > 8 {
		keys = append(keys[:8:8], "…")
	}
	q := make([]string, len(keys))
	for i, k := range keys {
		q[i] = fmt.Sprintf("%q", k)
	}
	return strings.Join(q, ", ")
}
