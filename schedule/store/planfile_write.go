package store

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/plan-cli/plan/schedule"
	"gopkg.in/yaml.v3"
)

// encodePlan renders p as a plan file, recording the program generation
// gen (none when 0). Over old, the plan file as read (nil for a new one),
// it keeps what the person wrote: a pick that did not change keeps its
// node as read, unencoded (keptPicks); the rest yaml.v3 encodes (fresh),
// and mergeNode carries the old nodes' comments and layout onto it. What
// was encoded is read back before the text is returned (checkReadsBack).
func encodePlan(old *planDoc, p *schedule.Plan, gen int) ([]byte, *planDoc, error) {
	p.Version = schedule.FormatVersion
	p.SortPicks()
	f := planToFile(p)
	f.ProgramGeneration = gen
	kept := keptPicks(old, f)
	enc := *f
	enc.Picks = nil
	for i, y := range f.Picks {
		if kept[i] == nil {
			enc.Picks = append(enc.Picks, y)
		}
	}
	top, err := fresh(&enc)
	if err != nil {
		return nil, nil, fmt.Errorf("cannot encode the plan: %w", err)
	}
	seq := mappingValue(top, "picks")
	encoded := seq.Content
	seq.Content = make([]*yaml.Node, len(kept))
	for i, n := range kept {
		if n == nil {
			n, encoded = encoded[0], encoded[1:]
		}
		seq.Content[i] = n
	}
	nd := &planDoc{file: *f, doc: &yaml.Node{Kind: yaml.DocumentNode}}
	if old == nil {
		top.Content[0].HeadComment = planHeader
	} else {
		top = mergeNode(old.top(), top, "")
		*nd.doc = *withComments(nd.doc, old.doc)
		nd.crlf, nd.bom = old.crlf, old.bom
	}
	nd.doc.Content = []*yaml.Node{top}
	if err := checkReadsBack(nd, f, kept); err != nil {
		return nil, nil, err
	}
	out, err := render(nd.doc, nd)
	return out, nd, err
}

// keptPicks gives, for each pick of f, its node in old when it is the same
// there (see difference), nil when it changed or is new. In a document
// with anchors nothing is kept: every alias is written out anew.
func keptPicks(old *planDoc, f *planFile) []*yaml.Node {
	kept := make([]*yaml.Node, len(f.Picks))
	if old == nil || old.anchors {
		return kept
	}
	seq, at := mappingValue(old.top(), "picks"), map[string]int{}
	for i, y := range old.file.Picks {
		if y != nil && seq != nil && len(seq.Content) == len(old.file.Picks) {
			at[y.ID] = i
		}
	}
	for i, y := range f.Picks {
		if j, ok := at[y.ID]; ok && difference("", reflect.ValueOf(y), reflect.ValueOf(old.file.Picks[j])) == "" {
			kept[i] = seq.Content[j]
		}
	}
	return kept
}

// fresh has yaml.v3 build the nodes of f: Node.Encode writes it as YAML
// and reads it back. It writes f in flow style, where yaml.v3 quotes every
// text it would write as a block it cannot read back (a note that starts
// with a line break); layout then gives the nodes the layout of a new
// plan file.
func fresh(f *planFile) (*yaml.Node, error) {
	var n yaml.Node
	err := n.Encode(struct {
		F *planFile `yaml:"f,flow"`
	}{f})
	if err != nil {
		return nil, err
	}
	layout(n.Content[1], "")
	return n.Content[1], nil
}

// oneLine are the lists a new plan file writes on one line (a pick's
// speakers), or with each item on one line (walks, facts).
var oneLine = map[string]bool{"picks[].speakers": true, "venue.walks[]": true, "facts[]": true}

// layout gives the nodes of f at path the layout of a new plan file:
// blocks, but for oneLine; text in a style it reads back in (textStyle);
// kinds sorted bytewise.
func layout(n *yaml.Node, path string) {
	n.Style = 0
	if oneLine[path] {
		n.Style = yaml.FlowStyle
	}
	for i, c := range n.Content {
		if n.Kind == yaml.SequenceNode {
			layout(c, path+"[]")
		} else if i%2 == 1 {
			layout(c, joinPath(path, n.Content[i-1].Value))
		} else {
			layout(c, "")
		}
	}
	if n.Kind == yaml.MappingNode && path == "kinds" {
		pairs := make([][2]*yaml.Node, 0, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			pairs = append(pairs, [2]*yaml.Node{n.Content[i], n.Content[i+1]})
		}
		sort.SliceStable(pairs, func(i, j int) bool { return pairs[i][0].Value < pairs[j][0].Value })
		for i, p := range pairs {
			n.Content[2*i], n.Content[2*i+1] = p[0], p[1]
		}
	}
	if n.Kind != yaml.ScalarNode {
		return
	}
	switch {
	case n.Tag == "!!int" || n.Tag == "!!bool" || n.Tag == "!!timestamp":
		return
	case timeKeys[path[strings.LastIndexByte(path, '.')+1:]] && isTime(n.Value):
		n.Tag = "!!timestamp" // which flow style quotes, for its colons
		return
	case n.Tag == "!!binary":
		// Text that is not UTF-8, which yaml.v3 writes as bytes: it is
		// written with U+FFFD for the bytes that are not.
		b, _ := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(n.Value), ""))
		n.Value = strings.ToValidUTF8(string(b), "\uFFFD")
	}
	// Text, which yaml.v3 may read back as another type ("<<").
	n.Tag, n.Style = "!!str", textStyle(n.Value, 0)
}

func isTime(s string) bool { _, err := time.Parse(time.RFC3339Nano, s); return err == nil }

var bom = []byte("\uFEFF")

// render writes doc as yaml.v3 does (two spaces a level), with the line
// ends and byte order mark of the file read (style). Lines of spaces only
// are written empty: yaml.v3 indents the blank line that starts a head
// comment (see adopt), and no text holds one (textStyle).
func render(doc *yaml.Node, style *planDoc) ([]byte, error) {
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return nil, fmt.Errorf("cannot encode the plan: %w", err)
	}
	enc.Close()
	out := b.Bytes()[:0]
	for line := range bytes.Lines(b.Bytes()) {
		if len(bytes.TrimLeft(line, " ")) == 1 {
			line = line[len(line)-1:]
		}
		out = append(out, line...)
	}
	if style.crlf {
		out = bytes.ReplaceAll(out, []byte("\n"), []byte("\r\n"))
	}
	if style.bom {
		out = append([]byte("\uFEFF"), out...)
	}
	return out, nil
}

// adopt readies the document read from src for a save. yaml.v3 keeps the
// values, comments and styles; adopt puts in what else the person wrote:
//
//   - a blank line above a key or a list item, as a line break that
//     starts its head comment, which yaml.v3 writes as a blank line (not
//     one after a comment or a folded block: yaml.v3 writes that itself);
//   - the comments yaml.v3 hangs on the document itself (a header comment
//     followed by a blank line), which only a parse of the whole text into
//     a node gives: made when there may be some (comments and blank lines
//     before the first value, a comment after the last, a document marker);
//   - the byte order mark, which render writes again with the line ends
//     read (crlf).
//
// Every text gets a style it reads back in (textStyle), and anchors are
// noted (a save writes every alias out).
func (d *planDoc) adopt(src []byte) {
	src = lf(src)
	d.bom = bytes.HasPrefix(src, bom)
	lines := bytes.Split(bytes.TrimSuffix(bytes.TrimPrefix(src, bom), []byte("\n")), []byte("\n"))
	gap := make([]bool, len(lines)+1) // gap[n]: line n (from 1) follows a blank line after a value
	first, last, marker, prev := len(lines), -1, false, []byte(nil)
	for i, l := range lines {
		marker = marker || bytes.HasPrefix(l, []byte("---")) || bytes.HasPrefix(l, []byte("...")) || bytes.HasPrefix(l, []byte("%"))
		if t := bytes.TrimSpace(l); len(t) > 0 {
			gap[i+1] = i > 0 && len(bytes.TrimSpace(lines[i-1])) == 0 && len(prev) > 0 && prev[0] != '#'
			if prev = t; t[0] != '#' {
				first, last = min(first, i), i
			}
		}
	}
	blank := func(l []byte) bool { return len(bytes.TrimSpace(l)) == 0 }
	head, tail := lines[:min(first, len(lines))], lines[last+1:]
	var whole yaml.Node
	if (marker || slices.ContainsFunc(head, blank) && slices.ContainsFunc(head, func(l []byte) bool { return !blank(l) }) ||
		slices.ContainsFunc(tail, func(l []byte) bool { return !blank(l) })) && yaml.Unmarshal(src, &whole) == nil {
		*d.doc = *withComments(d.doc, &whole)
	}
	var walk func(n *yaml.Node, item bool)
	walk = func(n *yaml.Node, item bool) {
		d.anchors = d.anchors || n.Anchor != "" || n.Kind == yaml.AliasNode
		if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!str" {
			n.Style = textStyle(n.Value, n.Style)
		}
		for i, c := range n.Content {
			walk(c, n.Kind == yaml.SequenceNode)
			skip := n.Style&yaml.FlowStyle != 0 || n.Kind == yaml.MappingNode && (i%2 == 1 || i == 0 && item) || i > 0 && foldedLast(n.Content[i-1])
			if l := c.Line - strings.Count(c.HeadComment, "\n") - min(len(c.HeadComment), 1); !skip && l > 0 && l < len(gap) && gap[l] {
				c.HeadComment = "\n" + c.HeadComment // before c's first line, its head comment's
			}
		}
	}
	walk(d.top(), true)
}

// foldedLast reports whether n ends in a folded block that ends in a line
// break (note: >), which yaml.v3 follows with a blank line.
func foldedLast(n *yaml.Node) bool {
	for len(n.Content) > 0 {
		n = n.Content[len(n.Content)-1]
	}
	return n.Style&yaml.FoldedStyle != 0 && strings.HasSuffix(n.Value, "\n")
}

// textStyle is how to write text s (now in style cur): multi-line text as
// a literal block (note: |) when yaml.v3 reads that block back as the same
// text, and double-quoted with escapes when anything in s could be read
// differently: a tab, control and line-break characters ("\r", NEL,
// U+2028), the blocks yaml.v3 writes but cannot read back ("\n" alone, a
// leading space, trailing blank lines), text a YAML 1.1 reader takes for
// another type (yaml11RE). Anything else keeps cur, and plain text is
// left to the emitter, which quotes what it must.
func textStyle(s string, cur yaml.Style) yaml.Style {
	const quoted = yaml.LiteralStyle | yaml.FoldedStyle | yaml.SingleQuotedStyle | yaml.DoubleQuotedStyle
	special := strings.ContainsFunc(s, func(r rune) bool { return r == '\n' || !unicode.IsPrint(r) })
	switch {
	case special && strings.Contains(s, "\n") && literalSafe(s):
		if cur&(yaml.LiteralStyle|yaml.DoubleQuotedStyle) != 0 || cur&yaml.FoldedStyle != 0 && !strings.Contains(s, "\n ") {
			return cur
		}
		// A folded block (note: >) with a more-indented line comes
		// back with an extra line break: write it literally instead.
		return cur&^quoted | yaml.LiteralStyle
	case special:
		return cur&^quoted | yaml.DoubleQuotedStyle
	case cur&quoted == 0 && (s == "" || yaml11Typed(s)):
		return cur | yaml.DoubleQuotedStyle
	}
	return cur
}

// literalSafe reports whether s, holding a line break, survives a literal
// block: printable lines that neither start nor end with a space, the
// first not empty, and at most one line break at the end.
func literalSafe(s string) bool {
	if s[0] == ' ' || s[0] == '\n' || strings.HasSuffix(s, "\n\n") || strings.HasSuffix(s, " ") || strings.Contains(s, " \n") {
		return false
	}
	return !strings.ContainsFunc(s, func(r rune) bool { return r != '\n' && !unicode.IsPrint(r) })
}

// yaml11Typed reports whether a YAML 1.1 reader takes plain s for
// something other than text: one of its words (yaml11Words), or a number
// or time (yaml11RE), which starts with a digit, a sign or a dot. Most
// text starts with a letter and is settled by the map alone: this runs on
// every text of the plan on every save.
func yaml11Typed(s string) bool {
	return yaml11Words[s] || strings.ContainsRune(".+-0123456789", rune(s[0])) && yaml11RE().MatchString(s)
}

// yaml11Words are the plain words a YAML 1.1 reader takes for a bool, a
// null or a merge key.
var yaml11Words = map[string]bool{
	"y": true, "Y": true, "yes": true, "Yes": true, "YES": true, "n": true, "N": true, "no": true, "No": true, "NO": true,
	"true": true, "True": true, "TRUE": true, "false": true, "False": true, "FALSE": true,
	"on": true, "On": true, "ON": true, "off": true, "Off": true, "OFF": true,
	"null": true, "Null": true, "NULL": true, "~": true, "<<": true, "=": true,
}

// yaml11RE matches the plain scalars a YAML 1.1 reader such as PyYAML
// reads as something other than a string (the implicit resolvers of
// PyYAML's resolver.py, and YAML 1.1's y and n): yaml.v3 writes "=",
// "<<" or "0_7" plain, and PyYAML then refuses the file or reads a
// number. Such text is written quoted.
var yaml11RE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(?:` +
		`y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF` + // bool
		`|[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)` + // float
		`|[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+` + // int
		`|<<|=|~|null|Null|NULL` + // merge, value, null
		`|[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?` + // timestamp
		`)$`)
})

// checkReadsBack reads back, with the decoder every command uses, what
// a save encodes: the document of nd without the picks it kept as read.
// It must give the values of f (see difference): a value yaml.v3 would
// write in a way no decoder reads (an emitter bug, a character the
// decoder refuses, a time past year 9999) fails the save, naming the
// value, and leaves the file as it was. The fuzz targets (fuzz_test.go)
// read back whole files.
func checkReadsBack(nd *planDoc, f *planFile, kept []*yaml.Node) error {
	top, want, at := withComments(nd.top(), nd.top()), *f, []int{}
	top.Content, want.Picks = slices.Clone(top.Content), nil
	for i := 0; i < len(top.Content); i += 2 {
		if top.Content[i].Value != "picks" {
			continue
		}
		key, seq := withComments(top.Content[i], &yaml.Node{}), withComments(top.Content[i+1], top.Content[i+1])
		seq.Content = nil
		for j, n := range top.Content[i+1].Content {
			if kept[j] == nil {
				at, seq.Content, want.Picks = append(at, j), append(seq.Content, n), append(want.Picks, f.Picks[j])
			}
		}
		top.Content[i], top.Content[i+1] = key, seq
	}
	text, err := render(&yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{top}}, nd)
	if err != nil {
		return err
	}
	back, err := readPlan(text, "plan.yaml")
	if ie := (*schedule.InputError)(nil); errors.As(err, &ie) && ie.Line > 0 {
		lines := bytes.Split(text, []byte("\n"))
		line := bytes.TrimSuffix(lines[min(ie.Line, len(lines))-1], []byte("\r"))
		return fmt.Errorf("the plan would not read back (%s), at the line %q", ie.Msg, line[:min(len(line), 120)])
	} else if err != nil {
		return fmt.Errorf("the plan would not read back: %w", err)
	}
	got := back.file
	if len(got.Picks) != len(at) {
		return fmt.Errorf("the %d picks would read back as %d", len(at), len(got.Picks))
	}
	for k, i := range at {
		if d := difference(fmt.Sprintf("picks[%d]", i), reflect.ValueOf(want.Picks[k]), reflect.ValueOf(got.Picks[k])); d != "" {
			return errors.New(d)
		}
	}
	want.Picks, got.Picks = nil, nil
	if d := difference("", reflect.ValueOf(want), reflect.ValueOf(got)); d != "" {
		return errors.New(d)
	}
	return nil
}

// difference is where value b (read back) differs from a (the plan) as
// the plan sees them: times by instant, text as the encoder writes it
// (valid UTF-8), an empty list like no list. It returns "" when they are
// the same, else the path of the first difference (picks[3].speakers[0])
// with both values.
func difference(path string, a, b reflect.Value) string {
	differ := func(same bool) string {
		if same {
			return ""
		}
		show := func(v reflect.Value) any {
			switch {
			case v.Type() == timeType:
				return v.Interface().(time.Time).Format(time.RFC3339Nano)
			case v.Kind() == reflect.String:
				return fmt.Sprintf("%q", v.String()[:min(v.Len(), 80)])
			case v.Kind() == reflect.Slice || v.Kind() == reflect.Map:
				return fmt.Sprintf("(%d items)", v.Len())
			case v.Kind() == reflect.Pointer && v.IsNil():
				return "nothing"
			case v.Kind() == reflect.Pointer:
				return "a value"
			}
			return v.Interface()
		}
		return fmt.Sprintf("%s %v would read back as %v", path, show(a), show(b))
	}
	switch {
	case a.Type() == timeType:
		return differ(a.Interface().(time.Time).Equal(b.Interface().(time.Time)))
	case a.Kind() == reflect.Pointer && (a.IsNil() || b.IsNil()):
		return differ(a.IsNil() == b.IsNil())
	case a.Kind() == reflect.Pointer:
		return difference(path, a.Elem(), b.Elem())
	case a.Kind() == reflect.String:
		return differ(strings.ToValidUTF8(a.String(), "\uFFFD") == b.String())
	case (a.Kind() == reflect.Slice || a.Kind() == reflect.Map) && a.Len() != b.Len():
		return differ(false)
	case a.Kind() == reflect.Struct:
		for i := range a.NumField() {
			name, _, _ := strings.Cut(a.Type().Field(i).Tag.Get("yaml"), ",")
			if d := difference(joinPath(path, name), a.Field(i), b.Field(i)); d != "" {
				return d
			}
		}
	case a.Kind() == reflect.Slice:
		for i := range a.Len() {
			if d := difference(fmt.Sprintf("%s[%d]", path, i), a.Index(i), b.Index(i)); d != "" {
				return d
			}
		}
	case a.Kind() == reflect.Map:
		for _, k := range a.MapKeys() {
			bv := b.MapIndex(reflect.ValueOf(strings.ToValidUTF8(k.String(), "\uFFFD")).Convert(k.Type()))
			if !bv.IsValid() {
				return fmt.Sprintf("%s[%q] would not read back", path, k.String())
			} else if d := difference(fmt.Sprintf("%s[%q]", path, k.String()), a.MapIndex(k), bv); d != "" {
				return d
			}
		}
	default:
		return differ(a.Interface() == b.Interface())
	}
	return ""
}

var timeType = reflect.TypeFor[time.Time]()
