package importer

// Reading JSON programs: a streaming reader that knows the line of every
// record and error, lenient text fields, and key sniffing for Detect.
// Shared by the frab-json, sessionize and scale-json importers.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"unicode/utf8"

	"github.com/plan-cli/plan/schedule"
)

// jsonText is a JSON value read as text: a string as it is, a number or
// boolean as written, null as "". Feeds disagree on whether ids are
// numbers or strings, and on null versus "" for absent text.
type jsonText string

func (t *jsonText) UnmarshalJSON(b []byte) error {
	switch b[0] {
	case '"':
		// The decoder has checked the syntax: text without escapes
		// needs no second pass.
		if inner := b[1 : len(b)-1]; bytes.IndexByte(inner, '\\') < 0 && utf8.Valid(inner) {
			*t = jsonText(inner)
			return nil
		}
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*t = jsonText(s)
	case 'n':
		*t = ""
	case '{', '[':
		what := "an object"
		if b[0] == '[' {
			what = "a list"
		}
		return &json.UnmarshalTypeError{Value: what, Type: reflect.TypeFor[string]()}
	default:
		*t = jsonText(b)
	}
	return nil
}

func (t jsonText) String() string { return strings.TrimSpace(string(t)) }

// jsonReader walks a JSON document token by token, so an importer can
// note the line of every record it reads and every error names its line.
// Its methods return *schedule.InputError; errors returned by the
// callbacks pass through unchanged.
type jsonReader struct {
	name string
	data []byte
	dec  *json.Decoder
	cut  *jsonCut // what dec reads: data without over-long tokens
	// lastOff and lastLine remember the last line lookup, so numbering
	// every record of a big file counts each newline once.
	lastOff  int64
	lastLine int
}

// newJSONReader refuses an empty file up front: it would otherwise give a
// puzzling syntax error. (Parse has refused UTF-16 already.)
func newJSONReader(data []byte, name string) (*jsonReader, error) {
	data = stripBOM(data)
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, &schedule.InputError{File: name, Msg: "the file is empty"}
	}
	cut := newJSONCut(data)
	return &jsonReader{name: name, data: data, dec: json.NewDecoder(cut), cut: cut, lastLine: 1}, nil
}

// offset is the decoder's offset in data.
func (r *jsonReader) offset() int64 { return r.cut.log.offset(r.dec.InputOffset()) }

// next is the offset where the next value starts.
func (r *jsonReader) next() int64 {
	off := int(r.offset())
	for off < len(r.data) && strings.IndexByte(" \t\r\n,:", r.data[off]) >= 0 {
		off++
	}
	return int64(off)
}

// line is the line where the next value starts.
func (r *jsonReader) line() int { return r.lineAt(r.next()) }

// lineAt is lineAt(r.data, off), counting on from the last lookup when
// off is past it.
func (r *jsonReader) lineAt(off int64) int {
	off = min(max(off, 0), int64(len(r.data)))
	if off < r.lastOff {
		return lineAt(r.data, off)
	}
	r.lastLine += bytes.Count(r.data[r.lastOff:off], []byte{'\n'})
	r.lastOff = off
	return r.lastLine
}

// peek is the first byte of the next value, 0 at the end.
func (r *jsonReader) peek() byte {
	if off := r.next(); off < int64(len(r.data)) {
		return r.data[off]
	}
	return 0
}

// first is the first byte of the document after white space ('{', '['…).
func (r *jsonReader) first() byte {
	h := head(r.data, 1)
	if len(h) == 0 {
		return 0
	}
	return h[0]
}

// fail turns a decoder error met while reading the value that starts at
// offset start into an InputError with the line it happened on.
func (r *jsonReader) fail(err error, start int64) error {
	var ie *schedule.InputError
	if errors.As(err, &ie) {
		return err
	}
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		// The streaming decoder's offsets are not from the start of the
		// file; the whole-document check's are.
		line := lineAt(r.data, start)
		// (Into an empty struct: the check comes first, and nothing
		// of the document is copied.)
		if errors.As(json.Unmarshal(r.data, new(struct{})), &se) {
			line = lineAt(r.data, se.Offset)
		}
		return &schedule.InputError{File: r.name, Line: line, Msg: "malformed JSON", Err: errors.New(se.Error())}
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return &schedule.InputError{File: r.name, Line: lineAt(r.data, int64(len(r.data))), Msg: "malformed JSON: the file ends in the middle of the data (is it cut short? download it again)"}
	case errors.As(err, &te):
		// Point at the offending key inside the value when it can be found.
		line := lineAt(r.data, start)
		field := "a value"
		if te.Field != "" {
			key := te.Field[strings.LastIndexByte(te.Field, '.')+1:]
			field = fmt.Sprintf("%q", key)
			end := min(max(r.offset(), start), int64(len(r.data)))
			if i := jsonKeyIndex(r.data[start:end], key); i >= 0 {
				line = lineAt(r.data, start+int64(i))
			}
		}
		return &schedule.InputError{File: r.name, Line: line, Msg: fmt.Sprintf("%s is %s, want %s", field, article(te.Value), jsonKind(te.Type))}
	}
	return &schedule.InputError{File: r.name, Line: lineAt(r.data, start), Msg: "malformed JSON", Err: err}
}

// article names a JSON value kind as the messages do: "text", "a list"…
func article(v string) string {
	switch {
	case v == "string":
		return "text"
	case v == "array":
		return "a list"
	case v == "object":
		return "an object"
	case v == "bool":
		return "true or false"
	case strings.HasPrefix(v, "number"):
		return "a number"
	}
	return v
}

func jsonKind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "text"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int64, reflect.Float64:
		return "a number"
	case reflect.Slice:
		return "a list"
	}
	return "an object"
}

// open reads the delimiter d ('{' or '['), saying what was expected
// when it is something else.
func (r *jsonReader) open(d json.Delim, what string) error {
	start := r.next()
	tok, err := r.dec.Token()
	if err != nil {
		return r.fail(err, start)
	}
	if got, ok := tok.(json.Delim); ok && got == d {
		return nil
	}
	want := "an object"
	if d == '[' {
		want = "a list"
	}
	return &schedule.InputError{File: r.name, Line: lineAt(r.data, start), Msg: fmt.Sprintf("%s is %s, want %s", what, tokenKind(tok), want)}
}

func tokenKind(tok json.Token) string {
	switch t := tok.(type) {
	case json.Delim:
		if t == '[' {
			return "a list"
		}
		return "an object"
	case string:
		return "text"
	case float64, json.Number:
		return "a number"
	case bool:
		return "true or false"
	}
	return "null"
}

// object reads a JSON object, calling fn with each key; fn must read the
// value (with value, skip, object or array).
func (r *jsonReader) object(what string, fn func(key string) error) error {
	if err := r.open('{', what); err != nil {
		return err
	}
	for r.dec.More() {
		start := r.next()
		tok, err := r.dec.Token()
		if err != nil {
			return r.fail(err, start)
		}
		key, _ := tok.(string)
		if err := fn(key); err != nil {
			return err
		}
	}
	return r.close()
}

// array reads a JSON list, calling fn for each element; fn must read it.
func (r *jsonReader) array(what string, fn func() error) error {
	if err := r.open('[', what); err != nil {
		return err
	}
	for r.dec.More() {
		if err := fn(); err != nil {
			return err
		}
	}
	return r.close()
}

// close reads the '}' or ']' that ends an object or list.
func (r *jsonReader) close() error {
	start := r.next()
	if _, err := r.dec.Token(); err != nil {
		return r.fail(err, start)
	}
	return nil
}

// record decodes the next value, which must be an object, into v; what
// names it in the error when it is something else.
func (r *jsonReader) record(what string, v any) error {
	if r.peek() != '{' {
		start := r.next()
		tok, err := r.dec.Token()
		if err != nil {
			return r.fail(err, start)
		}
		return &schedule.InputError{File: r.name, Line: lineAt(r.data, start), Msg: fmt.Sprintf("%s is %s, want an object", what, tokenKind(tok))}
	}
	return r.value(v)
}

// value decodes the next value into v.
func (r *jsonReader) value(v any) error {
	start := r.next()
	if err := r.dec.Decode(v); err != nil {
		return r.fail(err, start)
	}
	return nil
}

// skip reads past the next value. An object or a list is walked token
// by token rather than decoded whole: the decoder would hold all of it,
// and an unknown key may hold most of a hostile file.
func (r *jsonReader) skip() error {
	if c := r.peek(); c != '{' && c != '[' {
		var raw json.RawMessage
		return r.value(&raw)
	}
	start := r.next()
	for depth := 0; ; {
		tok, err := r.dec.Token()
		if err != nil {
			return r.fail(err, start)
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			depth++
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
		if depth == 0 {
			return nil
		}
	}
}

// end checks that nothing but white space follows the document.
func (r *jsonReader) end() error {
	start := r.next()
	if _, err := r.dec.Token(); err != io.EOF {
		if err != nil {
			return r.fail(err, start)
		}
		return &schedule.InputError{File: r.name, Line: lineAt(r.data, start), Msg: "malformed JSON: more data after the end of the document"}
	}
	return nil
}

// hasJSONKey reports whether h holds "key" used as an object key whose
// value starts with open ('{' or '['; 0 for any value). Sniffing only.
func hasJSONKey(h []byte, key string, open byte) bool {
	for {
		i := jsonKeyIndex(h, key)
		if i < 0 {
			return false
		}
		rest := bytes.TrimLeft(h[i+len(key)+2:], " \t\r\n")
		rest = bytes.TrimLeft(rest[1:], " \t\r\n") // the ':'
		if open == 0 || len(rest) > 0 && rest[0] == open {
			return true
		}
		h = h[i+len(key)+2:]
	}
}

// jsonKeyIndex is the offset of the first "key" followed by a colon in
// h, or -1. A string value that happens to read "key": inside escaped
// text cannot match, as its quotes would be escaped.
func jsonKeyIndex(h []byte, key string) int {
	pat := []byte(`"` + key + `"`)
	off := 0
	for {
		i := bytes.Index(h[off:], pat)
		if i < 0 {
			return -1
		}
		rest := bytes.TrimLeft(h[off+i+len(pat):], " \t\r\n")
		if len(rest) > 0 && rest[0] == ':' {
			return off + i
		}
		off += i + len(pat)
	}
}
