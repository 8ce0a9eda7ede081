package store

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/plan-cli/plan/schedule"
	"gopkg.in/yaml.v3"
)

// planFile is the plan file's shape, and the one place its keys, their
// order and what is left out when empty are declared: yaml.v3 decodes it
// (refusing a key it does not list, with its line) and encodes it (in
// this order). What tags cannot say is beside the code that needs it: the
// lists written on one line (oneLine), what identifies a list's items to
// the merge (seqIdentity), the keys of times a person may write by hand
// (timeKeys).
type planFile struct {
	Version    int                      `yaml:"version"`
	Conference conferenceYAML           `yaml:"conference"`
	Kinds      map[string]schedule.Kind `yaml:"kinds,omitempty"`
	Venue      schedule.Venue           `yaml:"venue,omitempty"`
	Picks      []*pickYAML              `yaml:"picks"`
	Facts      []schedule.Fact          `yaml:"facts,omitempty"`
	History    []historyYAML            `yaml:"history,omitempty"`
	Sync       syncYAML                 `yaml:"sync,omitempty"`
	// ProgramGeneration is the generation of the program file the plan
	// was saved with (see programHeader.Generation).
	ProgramGeneration int `yaml:"program_generation,omitempty"`
}

// historyYAML is one entry of the history of changes to picks.
type historyYAML struct {
	At     time.Time `yaml:"at"`
	Source string    `yaml:"source,omitempty"`
	ID     string    `yaml:"id"`
	Title  string    `yaml:"title,omitempty"`
	Change string    `yaml:"change"`
	From   string    `yaml:"from,omitempty"`
	To     string    `yaml:"to,omitempty"`
}

// syncYAML is where plan sync pushes the picks.
type syncYAML struct {
	CalDAV  string `yaml:"caldav,omitempty"`
	Dropped string `yaml:"dropped,omitempty"`
}

type conferenceYAML struct {
	Name     string       `yaml:"name"`
	TimeZone string       `yaml:"time_zone"`
	Sources  []sourceYAML `yaml:"sources,omitempty"`
}

type sourceYAML struct {
	Name         string       `yaml:"name"`
	Location     string       `yaml:"location"`
	Format       string       `yaml:"format"`
	Imported     time.Time    `yaml:"imported,omitempty"`
	Sessions     int          `yaml:"sessions"`
	Prefix       string       `yaml:"prefix,omitempty"`
	ETag         string       `yaml:"etag,omitempty"`
	LastModified string       `yaml:"last_modified,omitempty"`
	FirstDay     schedule.Day `yaml:"first_day,omitempty"`
}

// pickYAML is how a pick reads in the plan file: what the user decided
// first, then the session as it was last seen. Long program fields
// (abstract, subtitle) stay in the program file.
type pickYAML struct {
	ID        string            `yaml:"id"`
	Title     string            `yaml:"title"`
	Priority  schedule.Priority `yaml:"priority"`
	Status    schedule.Status   `yaml:"status"`
	Note      string            `yaml:"note,omitempty"`
	Kind      schedule.Kind     `yaml:"kind"`
	Type      string            `yaml:"type,omitempty"`
	Start     time.Time         `yaml:"start,omitempty"`
	End       time.Time         `yaml:"end,omitempty"`
	Date      schedule.Day      `yaml:"date,omitempty"`
	Room      string            `yaml:"room,omitempty"`
	Track     string            `yaml:"track,omitempty"`
	Speakers  []string          `yaml:"speakers,omitempty"`
	URL       string            `yaml:"url,omitempty"`
	Personal  bool              `yaml:"personal,omitempty"`
	Unplanned bool              `yaml:"unplanned,omitempty"`
	Cancelled bool              `yaml:"cancelled,omitempty"`
	Gone      bool              `yaml:"gone,omitempty"`
	GUID      string            `yaml:"guid,omitempty"`
	Source    string            `yaml:"source,omitempty"`
	Rev       int               `yaml:"rev,omitempty"`
}

// planHeader opens every new plan file.
const planHeader = "# plan: a conference schedule. Edit freely; the imported program\n# lives in the .program.jsonl file beside it."

func (f *planFile) plan() *schedule.Plan {
	p := &schedule.Plan{Version: f.Version, Conference: schedule.Conference{Name: f.Conference.Name, TimeZone: f.Conference.TimeZone},
		Kinds: f.Kinds, Venue: f.Venue, Facts: f.Facts, Sync: schedule.Sync(f.Sync)}
	for _, s := range f.Conference.Sources {
		p.Conference.Sources = append(p.Conference.Sources, schedule.Source(s))
	}
	for _, h := range f.History {
		p.History = append(p.History, schedule.HistoryEntry(h))
	}
	for _, y := range f.Picks {
		var pk *schedule.Pick
		if y != nil {
			pk = &schedule.Pick{Session: schedule.Session{ID: y.ID, Title: y.Title, Kind: y.Kind, Type: y.Type, Start: y.Start, Date: y.Date, End: y.End,
				Room: y.Room, Track: y.Track, Speakers: y.Speakers, URL: y.URL, Cancelled: y.Cancelled, GUID: y.GUID, Source: y.Source, Rev: y.Rev},
				Priority: y.Priority, Status: y.Status, Note: y.Note, Personal: y.Personal, Unplanned: y.Unplanned, Gone: y.Gone}
		}
		p.Picks = append(p.Picks, pk)
	}
	return p
}

func planToFile(p *schedule.Plan) *planFile {
	f := &planFile{Version: schedule.FormatVersion, Kinds: p.Kinds, Venue: p.Venue, Facts: p.Facts, Sync: syncYAML(p.Sync),
		Conference: conferenceYAML{Name: p.Conference.Name, TimeZone: p.Conference.TimeZone}, Picks: make([]*pickYAML, 0, len(p.Picks))}
	for _, s := range p.Conference.Sources {
		if !s.Imported.IsZero() {
			s.Imported = s.Imported.UTC().Truncate(time.Second)
		}
		f.Conference.Sources = append(f.Conference.Sources, sourceYAML(s))
	}
	for _, h := range p.History {
		h.At = h.At.UTC().Truncate(time.Second)
		f.History = append(f.History, historyYAML(h))
	}
	for _, pk := range p.Picks {
		s := &pk.Session
		f.Picks = append(f.Picks, &pickYAML{ID: s.ID, Title: s.Title, Priority: pk.Priority, Status: pk.Status, Note: pk.Note, Kind: s.Kind, Type: s.Type,
			Start: s.Start, End: s.End, Date: s.Date, Room: s.Room, Track: s.Track, Speakers: s.Speakers, URL: s.URL, Personal: pk.Personal,
			Unplanned: pk.Unplanned, Cancelled: s.Cancelled, Gone: pk.Gone, GUID: s.GUID, Source: s.Source, Rev: s.Rev})
	}
	return f
}

// planDoc is a plan file as read: its values, and the nodes yaml.v3 read
// them from, which a save keeps around the values (see encodePlan).
type planDoc struct {
	file      planFile
	doc       *yaml.Node // the document; its one child is the top-level mapping
	crlf, bom bool       // its lines end in CR LF (see lf); it starts with a byte order mark
	anchors   bool       // it has anchors or aliases, which a save writes out
	name      string
	timeErr   error // the first time written by hand that is no time
}

// top is the top-level mapping.
func (d *planDoc) top() *yaml.Node { return d.doc.Content[0] }

// nodeOf keeps the node yaml.v3 decodes it from.
type nodeOf struct{ n *yaml.Node }

func (c *nodeOf) UnmarshalYAML(n *yaml.Node) error { c.n = n; return nil }

// UnmarshalYAML reads the plan file in one pass of yaml.v3's decoder (with
// KnownFields): it keeps the node tree, checks the version (which decides
// how to read the rest) and the times written by hand on it, then decodes
// the values from the same tree with the decoder's own checks: unknown
// keys fail with their line, and its alias limit stops an alias bomb.
func (d *planDoc) UnmarshalYAML(decode func(any) error) error {
	var top nodeOf
	if err := decode(&top); err != nil {
		return err
	}
	d.doc = &yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{top.n}}
	if err := walkTags(top.n, d.name); err != nil {
		return err
	}
	vn, v := mappingValue(top.n, "version"), 0
	if vn == nil {
		return &schedule.InputError{File: d.name, Line: 1, Msg: "no version: field; this is not a plan file"}
	}
	if err := vn.Decode(&v); err != nil {
		return yamlError(d.name, nil, err)
	}
	if v > schedule.FormatVersion {
		return &schedule.InputError{File: d.name, Msg: fmt.Sprintf("written by a newer plan (file format %d; this build reads up to %d): upgrade plan; the file was left unchanged", v, schedule.FormatVersion)}
	} else if v < 1 {
		return &schedule.InputError{File: d.name, Msg: fmt.Sprintf("unknown plan file format %d", v)}
	}
	// Format 1 is the first; each later one adds a step here that
	// upgrades the nodes of an older one.
	d.timeErr = walkTimes(top.n, d.name, "")
	if d.timeErr == nil {
		d.timeErr = checkDates(top.n, d.name)
	}
	return decode(&d.file)
}

// readPlan decodes plan YAML into its values and nodes. Unknown keys, bad
// values and plans written by a newer version are errors naming the line.
func readPlan(data []byte, name string) (*planDoc, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, &schedule.InputError{File: name, Msg: "the plan file is empty (delete it and run plan init or plan import)"}
	}
	d := &planDoc{name: name}
	if i := bytes.IndexByte(data, '\n'); i > 0 && data[i-1] == '\r' {
		d.crlf = true
	}
	dec := yaml.NewDecoder(bytes.NewReader(lf(data)))
	dec.KnownFields(true)
	err := dec.Decode(d)
	var ie *schedule.InputError
	switch {
	case errors.As(err, &ie):
		return nil, err
	case err == nil && d.doc == nil, errors.Is(err, io.EOF):
		return nil, &schedule.InputError{File: name, Line: 1, Msg: "no version: field; this is not a plan file"}
	case err != nil:
		if err = yamlError(name, lf(data), err); d.timeErr != nil && !earlier(err, d.timeErr) {
			return nil, d.timeErr
		}
		return nil, err
	}
	return d, d.timeErr
}

// lf is data with CR LF line ends made LF, which the YAML spec reads as
// the same values, and yaml.v3 then also reads the same comments: with CR
// LF, it takes some comment lines for a blank line and a comment.
func lf(data []byte) []byte {
	if bytes.Contains(data, []byte("\r\n")) {
		return bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	}
	return data
}

// decodePlan decodes plan YAML and checks the plan it holds.
func decodePlan(data []byte, name string) (*schedule.Plan, *planDoc, error) {
	d, err := readPlan(data, name)
	if err != nil {
		return nil, nil, err
	}
	p := d.file.plan()
	if err := p.Validate(name, func(k string) int { return findLine(data, k) }); err != nil {
		return nil, nil, err
	}
	if err := timesInRange(p, name, data); err != nil {
		return nil, nil, err
	}
	return p, d, nil
}

// timesInRange refuses a pick whose time, in the plan's zone, falls
// outside the years 0000–9999, which RFC 3339 cannot write: the plan
// would read but never save (0000-01-01 00:00+01:00 is in the year -1 in
// UTC).
func timesInRange(p *schedule.Plan, name string, data []byte) error {
	for _, pk := range p.Picks {
		for i, t := range []time.Time{pk.Start, pk.End} {
			if y := t.Year(); y < 0 || y > 9999 {
				key := [...]string{"start", "end"}[i]
				return &schedule.InputError{File: name, Line: findLine(data, "id: "+pk.ID), Session: pk.ID,
					Msg: fmt.Sprintf("%s: %s in the plan's time zone (%s), outside the years 0000–9999 a plan can hold", key, t.Format(time.RFC3339), t.Location())}
			}
		}
	}
	return nil
}

// earlier reports whether error a names an earlier line than b.
func earlier(a, b error) bool {
	var ea, eb *schedule.InputError
	return errors.As(a, &ea) && errors.As(b, &eb) && ea.Line > 0 && ea.Line < eb.Line
}

// mappingValue is the value of key in mapping m, nil when it has none.
func mappingValue(m *yaml.Node, key string) *yaml.Node {
	for i := 0; m.Kind == yaml.MappingNode && i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

var yamlErrorRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`line (\d+): (?:field (.*) not found in type .*|cannot unmarshal !!(seq|map) into .*|(.*))`)
})

// yamlError is yaml.v3's error about the plan file data (nil when not at
// hand) in words that say where and what to do.
func yamlError(name string, data []byte, err error) error {
	msg := strings.TrimPrefix(strings.TrimPrefix(err.Error(), "yaml: "), "unmarshal errors:\n")
	m := yamlErrorRE().FindStringSubmatch(msg)
	switch {
	case m == nil && strings.Contains(msg, "excessive aliasing"):
		// yaml.v3 stops an alias bomb ("billion laughs") with this.
		return &schedule.InputError{File: name, Msg: "too many YAML aliases (*name) for the size of the file, as in an alias bomb: write the values out instead of using &anchors and *aliases"}
	case m == nil:
		// yaml.v3's reader says a byte is not UTF-8 or not printable,
		// without a line.
		if line, what := badCharacter(data); line > 0 {
			return &schedule.InputError{File: name, Line: line, Msg: what}
		}
		return &schedule.InputError{File: name, Msg: strings.TrimSpace(msg)}
	}
	line, _ := strconv.Atoi(m[1])
	if strings.Contains(m[4], "tab character") || strings.Contains(m[4], "cannot start any token") {
		if tab := tabIndent(data, line-1); tab > 0 {
			return &schedule.InputError{File: name, Line: tab, Msg: "a tab in the indentation: YAML indents with spaces; replace the tab with spaces"}
		}
	}
	detail := strings.Replace(strings.TrimSpace(m[4]), "in type schedule.", "in ", 1)
	switch {
	case m[2] != "":
		detail = fmt.Sprintf("unknown key %q (check its spelling; see the plan file format in README.md)", m[2])
	case m[3] == "seq":
		detail = "a list where a single value belongs: check the brackets and indentation of this line"
	case m[3] == "map":
		detail = "a mapping (key: value) where a single value belongs: check the brackets and indentation of this line"
	}
	return &schedule.InputError{File: name, Line: line, Msg: detail}
}

// badCharacter finds the first character YAML does not allow in data: a
// byte that is not UTF-8, or a control character (YAML's "printable"
// characters are tab, line breaks, and U+0020 on but DEL, the C1
// controls but NEL, surrogates, U+FFFE and U+FFFF). It returns its line
// and what to say, 0 when there is none.
func badCharacter(data []byte) (line int, what string) {
	line, col := 1, 1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			return line, fmt.Sprintf("column %d: byte 0x%02X is not UTF-8 text (Latin-1 or another encoding?): save the file as UTF-8", col, data[i])
		case !yamlPrintable(r):
			return line, fmt.Sprintf("column %d: a control character (%U%s), which YAML does not allow: delete it", col, r, controlName(r))
		case r == '\n':
			line, col = line+1, 0
		}
		i += size
		col++
	}
	return 0, ""
}

// yamlPrintable reports the characters YAML allows in a file.
func yamlPrintable(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r' || r == 0x85:
		return true
	case r >= 0x20 && r <= 0x7e, r >= 0xa0 && r <= 0xd7ff, r >= 0xe000 && r <= 0xfffd, r >= 0x10000 && r <= 0x10ffff:
		return true
	}
	return false
}

// controlName names the control characters a file is likely to hold.
func controlName(r rune) string {
	switch r {
	case 0:
		return ", NUL"
	case 0x1b:
		return ", ESC: an escape sequence pasted in?"
	case 0x7f:
		return ", DEL"
	}
	return ""
}

// tabIndent is the first line from line from on (1-based) whose
// indentation holds a tab, 0 when none does.
func tabIndent(data []byte, from int) int {
	for n, l := range bytes.Split(data, []byte{'\n'}) {
		if n+1 < from {
			continue
		}
		rest := bytes.TrimLeft(l, " \t")
		if len(rest) > 0 && rest[0] != '#' && bytes.IndexByte(l[:len(l)-len(rest)], '\t') >= 0 {
			return n + 1
		}
	}
	return 0
}

// walkTags refuses a node with a YAML tag of another kind than plain
// values (!!python/object/apply:… asks a YAML library to run code): the
// tags yaml.v3 resolves by itself, and !!binary, are all a plan file has.
func walkTags(n *yaml.Node, name string) error {
	switch n.Tag {
	case "", "!!str", "!!int", "!!float", "!!bool", "!!null", "!!timestamp", "!!binary", "!!seq", "!!map", "!!merge":
	default:
		return &schedule.InputError{File: name, Line: n.Line, Msg: fmt.Sprintf("the tag %s is not allowed in a plan file (tags such as !!python/… ask for objects, and a plan holds only text, numbers, times and lists): remove it", clipTag(n.Tag))}
	}
	for _, c := range n.Content {
		if err := walkTags(c, name); err != nil {
			return err
		}
	}
	return nil
}

// clipTag shortens a long tag for a message.
func clipTag(tag string) string {
	if len(tag) <= 60 {
		return tag
	}
	n := 60
	for n > 0 && !utf8.RuneStart(tag[n]) {
		n--
	}
	return tag[:n] + "…"
}

func findLine(data []byte, s string) int {
	i := bytes.Index(data, []byte(s))
	if i < 0 {
		return 0
	}
	return lineNumber(data, i)
}

// timeKeys are the keys whose values are times.
var timeKeys = map[string]bool{"start": true, "end": true, "at": true, "imported": true}

// timeLayouts are the ways a person may write a time by hand: RFC 3339,
// and YAML's own timestamp with a space for the T.
var timeLayouts = []string{time.RFC3339Nano, "2006-01-02 15:04:05Z07:00", "2006-01-02 15:04:05.999999999Z07:00", "2006-01-02 15:04Z07:00", "2006-01-02T15:04Z07:00"}

// walkTimes reads every time under n (in the pick id) before it is
// decoded, so that one written by hand in another form either reads (it
// is rewritten as RFC 3339 in the node) or is refused with its line and
// pick, rather than with the decoder's bare "parsing time …".
func walkTimes(n *yaml.Node, name, id string) error {
	if v := mappingValue(n, "id"); v != nil && v.Kind == yaml.ScalarNode {
		id = v.Value
	}
	for i, c := range n.Content {
		if n.Kind == yaml.MappingNode && i%2 == 1 && timeKeys[n.Content[i-1].Value] && c.Kind == yaml.ScalarNode {
			if err := readTime(c, name, id, n.Content[i-1].Value); err != nil {
				return err
			}
		} else if err := walkTimes(c, name, id); err != nil {
			return err
		}
	}
	return nil
}

// checkDates refuses a pick's date that is no date with its line and
// pick (the decoder, reading it as a schedule.Day, would say neither).
func checkDates(top *yaml.Node, name string) error {
	picks := mappingValue(top, "picks")
	for i := 0; picks != nil && i < len(picks.Content); i++ {
		v := mappingValue(picks.Content[i], "date")
		if v == nil || v.Kind != yaml.ScalarNode || v.Value == "" || v.ShortTag() == "!!null" {
			continue
		}
		if _, err := schedule.ParseDay(v.Value); err != nil {
			id := ""
			if n := mappingValue(picks.Content[i], "id"); n != nil {
				id = n.Value
			}
			return &schedule.InputError{File: name, Line: v.Line, Session: id, Msg: "date: " + err.Error()}
		}
	}
	return nil
}

func readTime(v *yaml.Node, name, id, key string) error {
	val := strings.TrimSpace(v.Value)
	if val == "" || v.Tag == "!!null" {
		return nil
	}
	for _, layout := range timeLayouts {
		if t, err := time.Parse(layout, val); err == nil {
			if layout != time.RFC3339Nano {
				v.Value, v.Tag, v.Style = t.Format(time.RFC3339Nano), "!!timestamp", 0
			}
			return nil
		}
	}
	return &schedule.InputError{File: name, Line: v.Line, Session: id,
		Msg: fmt.Sprintf("%s: %q is not a time: write it as 2026-01-31T14:30:00+01:00 (RFC 3339, with its UTC offset)", key, val)}
}
