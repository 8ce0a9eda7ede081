package store

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/plan-cli/plan/schedule"
	"gopkg.in/yaml.v3"
)

// planFile is the plan file's shape, and the only place its keys, their
// order and their omitempty/flow layout are defined: the decoder refuses
// any key it does not list (with its line), and the encoder writes keys in
// this order.
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
	Name         string    `yaml:"name"`
	Location     string    `yaml:"location"`
	Format       string    `yaml:"format"`
	Imported     time.Time `yaml:"imported,omitempty"`
	Sessions     int       `yaml:"sessions"`
	Prefix       string    `yaml:"prefix,omitempty"`
	ETag         string    `yaml:"etag,omitempty"`
	LastModified string    `yaml:"last_modified,omitempty"`
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
	Date      string            `yaml:"date,omitempty"`
	Room      string            `yaml:"room,omitempty"`
	Track     string            `yaml:"track,omitempty"`
	Speakers  []string          `yaml:"speakers,omitempty,flow"`
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

func (y *pickYAML) pick() *schedule.Pick {
	if y == nil {
		return nil
	}
	return &schedule.Pick{
		Session: schedule.Session{ID: y.ID, Title: y.Title, Kind: y.Kind, Type: y.Type, Start: y.Start, Date: y.Date, End: y.End, Room: y.Room,
			Track: y.Track, Speakers: y.Speakers, URL: y.URL, Cancelled: y.Cancelled, GUID: y.GUID, Source: y.Source, Rev: y.Rev},
		Priority: y.Priority, Status: y.Status, Note: y.Note, Personal: y.Personal, Unplanned: y.Unplanned, Gone: y.Gone,
	}
}

func pickToYAML(pk *schedule.Pick) *pickYAML {
	s := &pk.Session
	return &pickYAML{ID: s.ID, Title: s.Title, Priority: pk.Priority, Status: pk.Status, Note: pk.Note, Kind: s.Kind, Type: s.Type,
		Start: s.Start, End: s.End, Date: s.Date, Room: s.Room, Track: s.Track, Speakers: s.Speakers, URL: s.URL, Personal: pk.Personal,
		Unplanned: pk.Unplanned, Cancelled: s.Cancelled, Gone: pk.Gone, GUID: s.GUID, Source: s.Source, Rev: s.Rev}
}

func (f *planFile) plan() *schedule.Plan {
	c := schedule.Conference{Name: f.Conference.Name, TimeZone: f.Conference.TimeZone}
	for _, s := range f.Conference.Sources {
		c.Sources = append(c.Sources, schedule.Source{Name: s.Name, Location: s.Location, Format: s.Format, Imported: s.Imported, Sessions: s.Sessions, Prefix: s.Prefix,
			ETag: s.ETag, LastModified: s.LastModified})
	}
	p := &schedule.Plan{Version: f.Version, Conference: c, Kinds: f.Kinds, Venue: f.Venue, Facts: f.Facts,
		Sync: schedule.Sync{CalDAV: f.Sync.CalDAV, Dropped: f.Sync.Dropped}}
	for _, h := range f.History {
		p.History = append(p.History, schedule.HistoryEntry{At: h.At, Source: h.Source, ID: h.ID, Title: h.Title, Change: h.Change, From: h.From, To: h.To})
	}
	for _, y := range f.Picks {
		p.Picks = append(p.Picks, y.pick())
	}
	return p
}

func planToFile(p *schedule.Plan) *planFile {
	f := &planFile{Version: schedule.FormatVersion, Kinds: p.Kinds, Venue: p.Venue, Facts: p.Facts,
		Conference: conferenceYAML{Name: p.Conference.Name, TimeZone: p.Conference.TimeZone}}
	for _, s := range p.Conference.Sources {
		imported := time.Time{}
		if !s.Imported.IsZero() {
			imported = s.Imported.UTC().Truncate(time.Second)
		}
		f.Conference.Sources = append(f.Conference.Sources, sourceYAML{Name: s.Name, Location: s.Location, Format: s.Format, Imported: imported, Sessions: s.Sessions, Prefix: s.Prefix,
			ETag: s.ETag, LastModified: s.LastModified})
	}
	for _, h := range p.History {
		f.History = append(f.History, historyYAML{At: h.At.UTC().Truncate(time.Second), Source: h.Source, ID: h.ID, Title: h.Title, Change: h.Change, From: h.From, To: h.To})
	}
	f.Sync = syncYAML{CalDAV: p.Sync.CalDAV, Dropped: p.Sync.Dropped}
	f.Picks = make([]*pickYAML, 0, len(p.Picks))
	for _, pk := range p.Picks {
		f.Picks = append(f.Picks, pickToYAML(pk))
	}
	return f
}

// DecodePlan parses plan YAML. Unknown keys, bad values and plans written
// by a newer version are errors naming the line.
func DecodePlan(data []byte, name string) (*schedule.Plan, error) {
	p, _, err := decodePlan(data, name)
	return p, err
}

// decodePlan parses plan YAML once, into a node tree that it checks
// (keys, aliases) and decodes; it returns the tree too, so that a save can
// keep what the person wrote around the values.
func decodePlan(data []byte, name string) (*schedule.Plan, *yaml.Node, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, nil, &schedule.InputError{File: name, Msg: "the plan file is empty (delete it and run plan init or plan import)"}
	}
	// The version decides how to read the rest, so look at it before
	// anything else can fail: a newer plan may not parse at all.
	v, ok := versionLine(data)
	if ok {
		if err := checkVersion(name, v); err != nil {
			return nil, nil, err
		}
	}
	doc := new(yaml.Node)
	if err := yaml.Unmarshal(data, doc); err != nil {
		return nil, nil, yamlError(name, err)
	}
	if !ok {
		vn := mappingValue(doc, "version")
		if vn == nil {
			return nil, nil, &schedule.InputError{File: name, Line: 1, Msg: "no version: field; this is not a plan file"}
		}
		if err := vn.Decode(&v); err != nil {
			return nil, nil, yamlError(name, err)
		}
		if err := checkVersion(name, v); err != nil {
			return nil, nil, err
		}
	}
	if err := migrate(doc, v); err != nil {
		return nil, nil, &schedule.InputError{File: name, Msg: "cannot migrate", Err: err}
	}
	// Unknown keys first: they do not decode, so an alias bomb under an
	// unknown key is reported by its key.
	keyErr := checkKeys(doc, name)
	if keyErr == nil {
		if memo := map[*yaml.Node]int{}; hasAlias(doc) && expandedSize(doc, memo) > len(memo)+1000 {
			return nil, nil, yamlError(name, errors.New("yaml: document contains excessive aliasing"))
		}
	}
	if err := checkHandTimes(doc, name); err != nil && keyErr == nil {
		return nil, nil, err
	}
	var f planFile
	if err := doc.Decode(&f); err != nil {
		decErr := yamlError(name, err)
		if keyErr == nil || earlier(decErr, keyErr) {
			return nil, nil, decErr
		}
	}
	if keyErr != nil {
		return nil, nil, keyErr
	}
	p := f.plan()
	if err := p.Validate(name, func(k string) int { return findLine(data, k) }); err != nil {
		return nil, nil, err
	}
	return p, doc, nil
}

func checkVersion(name string, v int) error {
	if v > schedule.FormatVersion {
		return &schedule.InputError{File: name, Msg: fmt.Sprintf("written by a newer plan (file format %d; this build reads up to %d): upgrade plan; the file was left unchanged", v, schedule.FormatVersion)}
	}
	if v < 1 {
		return &schedule.InputError{File: name, Msg: fmt.Sprintf("unknown plan file format %d", v)}
	}
	return nil
}

// earlier reports whether error a names an earlier line than b.
func earlier(a, b error) bool {
	var ea, eb *schedule.InputError
	return errors.As(a, &ea) && errors.As(b, &eb) && ea.Line > 0 && ea.Line < eb.Line
}

var versionRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?m)^version:[ \t]*([0-9]+)[ \t]*(?:#.*)?\r?$`) })

// versionLine finds a top-level "version: N" line.
func versionLine(data []byte) (int, bool) {
	// The regular expression on the line only: on the whole file it
	// would cost more than the rest of a small command.
	var m [][]byte
	for off := 0; m == nil && off < len(data); {
		i := bytes.Index(data[off:], []byte("version:"))
		if i < 0 {
			return 0, false
		}
		i += off
		off = i + 1
		if i > 0 && data[i-1] != '\n' {
			continue
		}
		end := bytes.IndexByte(data[i:], '\n')
		if end < 0 {
			end = len(data) - i
		}
		m = versionRE().FindSubmatch(data[i : i+end])
	}
	if m == nil {
		return 0, false
	}
	n, err := strconv.Atoi(string(m[1]))
	return n, err == nil
}

// migrate upgrades the document of an older plan format to the current
// one, in place. Format 1 is the first; each later format adds a step
// here.
func migrate(doc *yaml.Node, from int) error {
	return nil
}

// mappingValue is the value of key in the document's top-level mapping.
func mappingValue(doc *yaml.Node, key string) *yaml.Node {
	m := doc
	if m.Kind == yaml.DocumentNode && len(m.Content) == 1 {
		m = m.Content[0]
	}
	if m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// yamlFields maps a struct type to its keys and their types, from the
// yaml tags (the same rule yaml.v3 decodes by).
var yamlFields sync.Map // reflect.Type → map[string]reflect.Type

func fieldsOf(t reflect.Type) map[string]reflect.Type {
	if m, ok := yamlFields.Load(t); ok {
		return m.(map[string]reflect.Type)
	}
	m := map[string]reflect.Type{}
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		if !sf.IsExported() {
			continue
		}
		tag := sf.Tag.Get("yaml")
		if tag == "-" {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		if name == "" {
			name = strings.ToLower(sf.Name)
		}
		m[name] = sf.Type
	}
	yamlFields.Store(t, m)
	return m
}

// checkKeys refuses a key the plan file does not have, naming its line.
// yaml.v3's KnownFields does the same, but only when decoding from text;
// this works on the tree already parsed.
func checkKeys(doc *yaml.Node, name string) error {
	type visit struct {
		n *yaml.Node
		t reflect.Type
	}
	seen := map[visit]bool{}
	var walk func(n *yaml.Node, t reflect.Type) error
	walk = func(n *yaml.Node, t reflect.Type) error {
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if n.Kind == yaml.AliasNode {
			if n.Alias == nil || seen[visit{n.Alias, t}] {
				return nil
			}
			seen[visit{n.Alias, t}] = true
			return walk(n.Alias, t)
		}
		switch {
		case n.Kind == yaml.DocumentNode:
			for _, c := range n.Content {
				if err := walk(c, t); err != nil {
					return err
				}
			}
		case n.Kind == yaml.MappingNode && t.Kind() == reflect.Struct && t != reflect.TypeFor[time.Time]():
			fields := fieldsOf(t)
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				if k.Kind == yaml.ScalarNode && k.Value == "<<" && k.ShortTag() == "!!merge" {
					if err := walkMerge(v, t, walk); err != nil {
						return err
					}
					continue
				}
				ft, ok := fields[k.Value]
				if !ok || k.Kind != yaml.ScalarNode {
					return &schedule.InputError{File: name, Line: k.Line, Msg: fmt.Sprintf("unknown key %q (check its spelling; see the plan file format in README.md)", k.Value)}
				}
				if err := walk(v, ft); err != nil {
					return err
				}
			}
		case n.Kind == yaml.MappingNode && t.Kind() == reflect.Map:
			for i := 1; i < len(n.Content); i += 2 {
				if err := walk(n.Content[i], t.Elem()); err != nil {
					return err
				}
			}
		case n.Kind == yaml.SequenceNode && t.Kind() == reflect.Slice:
			for _, c := range n.Content {
				if err := walk(c, t.Elem()); err != nil {
					return err
				}
			}
		}
		return nil
	}
	return walk(doc, reflect.TypeFor[planFile]())
}

// walkMerge checks the mappings a merge key ("<<: *x" or "<<: [*x, *y]")
// brings in as if they were written in place.
func walkMerge(v *yaml.Node, t reflect.Type, walk func(*yaml.Node, reflect.Type) error) error {
	if v.Kind == yaml.SequenceNode {
		for _, c := range v.Content {
			if err := walk(c, t); err != nil {
				return err
			}
		}
		return nil
	}
	return walk(v, t)
}

var yamlLineRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`line (\d+): (.*)`) })

func yamlError(name string, err error) error {
	msg := err.Error()
	msg = strings.TrimPrefix(msg, "yaml: ")
	msg = strings.TrimPrefix(msg, "unmarshal errors:\n")
	if m := yamlLineRE().FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		detail := strings.TrimSpace(m[2])
		detail = strings.Replace(detail, "in type schedule.", "in ", 1)
		if strings.HasPrefix(detail, "cannot unmarshal !!seq into ") || strings.HasPrefix(detail, "cannot unmarshal !!map into ") {
			found := "a list"
			if strings.Contains(detail, "!!map") {
				found = "a mapping (key: value)"
			}
			detail = fmt.Sprintf("%s where a single value belongs: check the brackets and indentation of this line", found)
		}
		return &schedule.InputError{File: name, Line: line, Msg: detail}
	}
	if strings.Contains(msg, "excessive aliasing") {
		// yaml.v3 stops an alias bomb ("billion laughs") with this.
		return &schedule.InputError{File: name, Msg: "too many YAML aliases (*name) for the size of the file, as in an alias bomb: write the values out instead of using &anchors and *aliases"}
	}
	return &schedule.InputError{File: name, Msg: strings.TrimSpace(msg)}
}

func findLine(data []byte, s string) int {
	i := bytes.Index(data, []byte(s))
	if i < 0 {
		return 0
	}
	return lineNumber(data, i)
}

// hasAlias reports whether the tree under n holds an alias (*name).
func hasAlias(n *yaml.Node) bool {
	if n.Kind == yaml.AliasNode {
		return true
	}
	for _, c := range n.Content {
		if hasAlias(c) {
			return true
		}
	}
	return false
}

// expandedSize counts the nodes of n with every alias expanded, so that an
// alias bomb is refused before it is decoded into values.
func expandedSize(n *yaml.Node, memo map[*yaml.Node]int) int {
	if n == nil {
		return 0
	}
	if v, ok := memo[n]; ok {
		return v
	}
	memo[n] = 1 << 30 // a cycle counts as endless
	size := 1
	if n.Kind == yaml.AliasNode {
		size += expandedSize(n.Alias, memo)
	}
	for _, c := range n.Content {
		size += expandedSize(c, memo)
		if size > 1<<30 {
			break
		}
	}
	memo[n] = size
	return size
}

// EncodePlan renders the plan as a new plan file: the header comment,
// then the keys in planFile's order, speakers, walks and facts one line
// each.
func EncodePlan(p *schedule.Plan) ([]byte, error) {
	data, _, err := encodePlan(nil, nil, p)
	return data, err
}

// encodePlan renders p. With old, the document the plan was read from, it
// reconciles the new values into old, so that the comments, key order and
// layout a person gave the file stay; with src too, the text old was
// parsed from, a pick that did not change is copied from src as it was
// (see writeDoc). It returns the document written.
func encodePlan(old *yaml.Node, src []byte, p *schedule.Plan) ([]byte, *yaml.Node, error) {
	return encodePlanGen(old, src, p, 0)
}

// encodePlanGen is encodePlan, recording the program generation gen
// (none when 0).
func encodePlanGen(old *yaml.Node, src []byte, p *schedule.Plan, gen int) ([]byte, *yaml.Node, error) {
	p.Version = schedule.FormatVersion
	p.SortPicks()
	if err := checkTimes(planToFile(p)); err != nil {
		return nil, nil, err
	}
	doc, err := planNode(p, gen)
	if err != nil {
		return nil, nil, err
	}
	var picks map[*yaml.Node]*yaml.Node
	if old != nil && old.Kind == yaml.DocumentNode && len(old.Content) == 1 && old.Content[0].Kind == yaml.MappingNode {
		doc, picks = reconcile(old, doc)
	} else {
		src = nil
	}
	safeStyles(doc)
	var b bytes.Buffer
	b.Grow(512 + 400*len(p.Picks))
	var sp *splicer
	if src != nil {
		sp = &splicer{src: src, old: mappingValue(old, "picks"), picks: picks, next: nextKey(old, "picks")}
	}
	if err := writeDoc(&b, doc, sp); err != nil {
		return nil, nil, fmt.Errorf("cannot encode the plan: %w", err)
	}
	if err := checkReadsBack(b.Bytes(), "plan.yaml", p); err != nil {
		return nil, nil, err
	}
	return b.Bytes(), doc, nil
}

func writeYAML(b *bytes.Buffer, n *yaml.Node) error {
	enc := yaml.NewEncoder(b)
	enc.SetIndent(2)
	if err := enc.Encode(n); err != nil {
		return err
	}
	return enc.Close()
}

// writeDoc writes doc as yaml.v3 does, but the picks one at a time, each
// as a list of one at the top level, indented: byte for byte what the
// whole document gives (FuzzDecodePlan checks it), and cheaper, since
// yaml.v3's emitter keeps every event of a document in one growing slice.
// With sp, a pick that is as it was read is copied from the old text
// instead, which spares most of the cost of writing a plan (a 'plan add'
// writes one pick) and keeps its layout to the byte. A document with
// comments where the pieces join is written whole.
func writeDoc(b *bytes.Buffer, doc *yaml.Node, sp *splicer) error {
	top := doc.Content[0]
	at := -1
	for i := 0; i+1 < len(top.Content); i += 2 {
		if top.Content[i].Value == "picks" {
			at = i
		}
	}
	if at < 0 || doc.HeadComment != "" || doc.FootComment != "" || top.Style != 0 || top.FootComment != "" || top.LineComment != "" {
		return writeYAML(b, doc)
	}
	key, seq := top.Content[at], top.Content[at+1]
	if seq.Kind != yaml.SequenceNode || seq.Style != 0 || len(seq.Content) == 0 || key.FootComment != "" || key.LineComment != "" ||
		seq.HeadComment != "" || seq.LineComment != "" || seq.FootComment != "" || seq.Anchor != "" || seq.Tag != "!!seq" && seq.Tag != "" {
		return writeYAML(b, doc)
	}
	// The head: everything up to the first pick, cut after "picks:".
	var piece bytes.Buffer
	headSeq := *seq
	headSeq.Content = seq.Content[:1]
	headTop := *top
	headTop.Content = append(append([]*yaml.Node{}, top.Content[:at+1]...), &headSeq)
	if err := writeYAML(&piece, &yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{&headTop}}); err != nil {
		return err
	}
	head := piece.Bytes()
	cut := bytes.Index(head, []byte("\npicks:\n"))
	if bytes.HasPrefix(head, []byte("picks:\n")) {
		cut = -1
	} else if cut < 0 {
		return writeYAML(b, doc)
	}
	b.Write(head[:cut+len("\npicks:\n")])
	// The picks.
	spans := sp.spans()
	for _, c := range seq.Content {
		if spans != nil {
			if o := sp.picks[c]; o != nil && spans[o] != nil && sameTree(c, o) {
				b.Write(spans[o])
				continue
			}
		}
		piece.Reset()
		one := yaml.Node{Kind: yaml.SequenceNode, Tag: seq.Tag, Content: []*yaml.Node{c}}
		if err := writeYAML(&piece, &yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{&one}}); err != nil {
			return err
		}
		for line := range bytes.Lines(piece.Bytes()) {
			if len(line) > 1 {
				b.WriteString("  ")
			}
			b.Write(line)
		}
	}
	// The keys after picks.
	if at+2 < len(top.Content) {
		tailTop := *top
		tailTop.Content = top.Content[at+2:]
		return writeYAML(b, &yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{&tailTop}})
	}
	return nil
}

// A splicer finds the text of each pick in the plan file as it was read.
type splicer struct {
	src   []byte
	old   *yaml.Node                // the picks as read
	picks map[*yaml.Node]*yaml.Node // a pick to write → the pick read
	next  *yaml.Node                // the key after the picks as read, nil if none
}

// spans gives the text of each pick read that can be copied as it is:
// from its head comment to the next pick's, written as plan writes a
// pick ("  - " at the start of its line), without anchors or aliases.
func (sp *splicer) spans() map[*yaml.Node][]byte {
	if sp == nil || sp.old == nil || sp.old.Kind != yaml.SequenceNode || sp.old.Style != 0 {
		return nil
	}
	var starts []int // offset of each line
	for i := 0; i < len(sp.src); {
		starts = append(starts, i)
		j := bytes.IndexByte(sp.src[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
	}
	line := func(n int) []byte { // line n (1-based), without its break
		if n < 1 || n > len(starts) {
			return nil
		}
		end := len(sp.src)
		if n < len(starts) {
			end = starts[n] - 1
		}
		return bytes.TrimSuffix(sp.src[starts[n-1]:end], []byte("\r"))
	}
	// above is the first line of the comment above the node on line n,
	// 0 when the lines there are not that comment.
	above := func(n int, comment string) int {
		if comment == "" {
			return n
		}
		cs := strings.Split(comment, "\n")
		for i := len(cs) - 1; i >= 0; i-- {
			n--
			if strings.TrimSpace(string(line(n))) != cs[i] {
				return 0
			}
		}
		return n
	}
	// first is the first line of item c with its head comment, 0 when
	// its text cannot be told apart.
	first := func(c *yaml.Node) int {
		if c.Kind != yaml.MappingNode || c.Column != 5 || len(c.Content) == 0 || c.Content[0].HeadComment != "" ||
			!bytes.HasPrefix(line(c.Line), []byte("  - ")) || hasAnchors(c) {
			return 0
		}
		return above(c.Line, c.HeadComment)
	}
	// The last pick ends where the next key's comment begins; when no key
	// follows, where it ends is not known (a "..." or another document
	// may follow), so it is written anew.
	last := 0
	if sp.next != nil && sp.next.Column == 1 {
		last = above(sp.next.Line, sp.next.HeadComment)
	}
	out := map[*yaml.Node][]byte{}
	items := sp.old.Content
	for i, c := range items {
		from, to := first(c), last
		if i+1 < len(items) {
			to = first(items[i+1])
		}
		if from == 0 || to <= from || to > len(starts) {
			continue
		}
		text := sp.src[starts[from-1]:starts[to-1]]
		if !bytes.HasSuffix(text, []byte("\n")) {
			continue
		}
		out[c] = text
	}
	return out
}

// nextKey is the top-level key after key in doc, nil when key is the
// last.
func nextKey(doc *yaml.Node, key string) *yaml.Node {
	top := doc.Content[0]
	for i := 0; i+3 < len(top.Content); i += 2 {
		if top.Content[i].Value == key {
			return top.Content[i+2]
		}
	}
	return nil
}

// hasAnchors reports whether n holds an anchor or an alias.
func hasAnchors(n *yaml.Node) bool {
	if n.Anchor != "" || n.Kind == yaml.AliasNode {
		return true
	}
	for _, c := range n.Content {
		if hasAnchors(c) {
			return true
		}
	}
	return false
}

// sameTree reports whether a and b would be written the same.
func sameTree(a, b *yaml.Node) bool {
	if a.Kind != b.Kind || a.Value != b.Value || a.Style != b.Style || a.Tag != b.Tag || a.Anchor != b.Anchor ||
		a.HeadComment != b.HeadComment || a.LineComment != b.LineComment || a.FootComment != b.FootComment || len(a.Content) != len(b.Content) {
		return false
	}
	for i := range a.Content {
		if !sameTree(a.Content[i], b.Content[i]) {
			return false
		}
	}
	return true
}

// planNode encodes p into a fresh document with the layout of a new plan
// file.
func planNode(p *schedule.Plan, gen int) (*yaml.Node, error) {
	f := planToFile(p)
	f.ProgramGeneration = gen
	top := *toNode(reflect.ValueOf(f), false)
	if len(top.Content) > 0 {
		top.Content[0].HeadComment = planHeader
	}
	for i := 0; i+1 < len(top.Content); i += 2 {
		k, v := top.Content[i].Value, top.Content[i+1]
		switch k {
		case "kinds":
			sortMapping(v)
		case "venue":
			if w := mappingValue(v, "walks"); w != nil {
				flowItems(w)
			}
		case "facts":
			flowItems(v)
		}
	}
	return &yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{&top}}, nil
}

// flowItems writes each item of a sequence on one line: - {a: 1, b: 2}.
func flowItems(seq *yaml.Node) {
	for _, c := range seq.Content {
		if c.Kind == yaml.MappingNode {
			c.Style |= yaml.FlowStyle
		}
	}
}

// sortMapping orders a mapping's keys bytewise.
func sortMapping(m *yaml.Node) {
	type pair struct{ k, v *yaml.Node }
	pairs := make([]pair, 0, len(m.Content)/2)
	for i := 0; i+1 < len(m.Content); i += 2 {
		pairs = append(pairs, pair{m.Content[i], m.Content[i+1]})
	}
	sort.SliceStable(pairs, func(i, j int) bool { return pairs[i].k.Value < pairs[j].k.Value })
	m.Content = m.Content[:0]
	for _, p := range pairs {
		m.Content = append(m.Content, p.k, p.v)
	}
}

// toNode encodes v as yaml.v3 would (the same yaml tags: key names,
// omitempty, flow), straight into nodes. yaml.v3's own Node.Encode
// writes text and parses it back, which costs twice and loses the strings
// its emitter writes wrongly ("\n" alone becomes "").
func toNode(v reflect.Value, flow bool) *yaml.Node {
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null"}
		}
		v = v.Elem()
	}
	var style yaml.Style
	if flow {
		style = yaml.FlowStyle
	}
	if v.Type() == timeType {
		t := v.Interface().(time.Time)
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!timestamp", Value: t.Format(time.RFC3339Nano)}
	}
	switch v.Kind() {
	case reflect.String:
		s := strings.ToValidUTF8(v.String(), "\uFFFD")
		n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s, Style: stringStyle(s, 0)}
		if n.Style == 0 && oldBool(s) {
			n.Style = yaml.DoubleQuotedStyle // yes, no, on, off: booleans to YAML 1.1
		}
		return n
	case reflect.Bool:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: strconv.FormatBool(v.Bool())}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.FormatInt(v.Int(), 10)}
	case reflect.Slice:
		n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Style: style, Content: make([]*yaml.Node, 0, v.Len())}
		for i := 0; i < v.Len(); i++ {
			n.Content = append(n.Content, toNode(v.Index(i), flow))
		}
		return n
	case reflect.Map:
		n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Style: style}
		keys := v.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return keys[i].String() < keys[j].String() })
		for _, k := range keys {
			n.Content = append(n.Content, toNode(k, flow), toNode(v.MapIndex(k), flow))
		}
		return n
	case reflect.Struct:
		fields := structFields(v.Type())
		n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Style: style, Content: make([]*yaml.Node, 0, 2*len(fields))}
		for _, f := range fields {
			fv := v.Field(f.index)
			if f.omitempty && isZero(fv) {
				continue
			}
			n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: f.name}, toNode(fv, flow || f.flow))
		}
		return n
	}
	panic(fmt.Sprintf("store: cannot encode a %s in the plan file", v.Type()))
}

var timeType = reflect.TypeFor[time.Time]()

type structField struct {
	index           int
	name            string
	omitempty, flow bool
}

var structFieldCache sync.Map // reflect.Type → []structField

// structFields lists the fields of struct type t that yaml.v3 would
// write, with their tags.
func structFields(t reflect.Type) []structField {
	if fs, ok := structFieldCache.Load(t); ok {
		return fs.([]structField)
	}
	var fs []structField
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		tag := sf.Tag.Get("yaml")
		if !sf.IsExported() || tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if name == "" {
			name = strings.ToLower(sf.Name)
		}
		fs = append(fs, structField{i, name, hasOpt(opts, "omitempty"), hasOpt(opts, "flow")})
	}
	structFieldCache.Store(t, fs)
	return fs
}

func hasOpt(opts, opt string) bool {
	for o := range strings.SplitSeq(opts, ",") {
		if o == opt {
			return true
		}
	}
	return false
}

// isZero is yaml.v3's omitempty test: IsZero() when the type has it, no
// items, or every field empty.
func isZero(v reflect.Value) bool {
	if v.Type() == timeType {
		return v.Interface().(time.Time).IsZero()
	}
	switch v.Kind() {
	case reflect.Slice, reflect.Map:
		return v.Len() == 0
	case reflect.Pointer, reflect.Interface:
		return v.IsNil()
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() && !isZero(v.Field(i)) {
				return false
			}
		}
		return true
	}
	return v.IsZero()
}

// stringStyle is how to write string s (now in style cur): multi-line
// text as a literal block (note: |) when yaml.v3 reads that block back as
// the same string, and double-quoted with escapes when anything in s
// could be read differently: a tab, control and line-break characters
// ("\r", NEL, U+2028), the blocks yaml.v3 writes but cannot read back
// ("\n" alone, a leading space, trailing blank lines). Anything else
// keeps cur, and plain text is left to the emitter, which quotes what it
// must.
func stringStyle(s string, cur yaml.Style) yaml.Style {
	const styles = yaml.LiteralStyle | yaml.FoldedStyle | yaml.SingleQuotedStyle | yaml.DoubleQuotedStyle
	special := false
	for _, r := range s {
		if r == '\n' || !unicode.IsPrint(r) {
			special = true
			break
		}
	}
	switch {
	case special && strings.Contains(s, "\n") && literalSafe(s):
		if cur&(yaml.LiteralStyle|yaml.DoubleQuotedStyle) != 0 || cur&yaml.FoldedStyle != 0 && !strings.Contains(s, "\n ") {
			return cur
		}
		// A folded block (note: >) with a more-indented line comes
		// back with an extra line break: write it literally instead.
		return cur&^styles | yaml.LiteralStyle
	case special:
		return cur&^styles | yaml.DoubleQuotedStyle
	}
	return cur
}

func oldBool(s string) bool {
	switch strings.ToLower(s) {
	case "y", "yes", "n", "no", "on", "off":
		return true
	}
	return false
}

// safeStyles gives every string scalar of n a style it reads back from
// (see stringStyle); a kept node of the old document may hold one that
// yaml.v3 writes but cannot read back.
func safeStyles(n *yaml.Node) {
	if n.Kind == yaml.ScalarNode {
		if n.ShortTag() == "!!str" {
			n.Style = stringStyle(n.Value, n.Style)
			const quoted = yaml.LiteralStyle | yaml.FoldedStyle | yaml.SingleQuotedStyle | yaml.DoubleQuotedStyle
			if n.Style&quoted == 0 && yaml11Typed(n.Value) {
				n.Style |= yaml.DoubleQuotedStyle
			}
		}
		return
	}
	for _, c := range n.Content {
		safeStyles(c)
	}
}

// literalSafe reports whether s, holding a line break, survives a literal
// block: printable lines that neither start nor end with a space, the
// first not empty, and at most one line break at the end.
func literalSafe(s string) bool {
	if s == "" || s[0] == ' ' || s[0] == '\n' || strings.HasSuffix(s, "\n\n") {
		return false
	}
	prev := ' '
	for _, r := range s {
		if r == '\n' {
			if prev == ' ' {
				return false
			}
		} else if !unicode.IsPrint(r) {
			return false
		}
		prev = r
	}
	return prev != ' '
}

// timeKeys are the keys whose values are times.
var timeKeys = map[string]bool{"start": true, "end": true, "at": true, "imported": true}

// timeLayouts are the ways a person may write a time by hand: RFC 3339,
// and YAML's own timestamp with a space for the T.
var timeLayouts = []string{time.RFC3339Nano, "2006-01-02 15:04:05Z07:00", "2006-01-02 15:04:05.999999999Z07:00", "2006-01-02 15:04Z07:00", "2006-01-02T15:04Z07:00"}

// checkHandTimes reads every time in the plan before it is decoded, so that
// one written by hand in another form either reads (it is rewritten as
// RFC 3339 in the node) or is refused with its line and pick, rather than
// with the decoder's bare "parsing time …".
func checkHandTimes(n *yaml.Node, name string) error {
	return walkTimes(n, name, "")
}

func walkTimes(n *yaml.Node, name, id string) error {
	switch n.Kind {
	case yaml.DocumentNode, yaml.SequenceNode:
		for _, c := range n.Content {
			if err := walkTimes(c, name, id); err != nil {
				return err
			}
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == "id" && n.Content[i+1].Kind == yaml.ScalarNode {
				id = n.Content[i+1].Value
			}
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if timeKeys[k.Value] && v.Kind == yaml.ScalarNode {
				if err := readTime(v, name, id, k.Value); err != nil {
					return err
				}
				continue
			}
			if err := walkTimes(v, name, id); err != nil {
				return err
			}
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
