package importer

// Cutting over-long tokens while a program is read. The decoders of the
// standard library (encoding/xml, encoding/json, encoding/csv) hold a
// whole token (a text, a string, a cell) in a growing buffer and then
// copy it into a string: a 480 MiB title cost 2 GB before the 4 KiB cut
// could be made. The readers here stand between the program's bytes and
// the decoder and hand it no token longer than maxToken: the rest of an
// over-long one is left out, where cutRune says so. A token is text a
// field is made of, so memory no longer grows with a field's size.

import (
	"bytes"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxToken caps one text of a program as the decoders see it: an XML
// element's text, CDATA section or attribute value, a JSON string, a CSV
// cell, an iCalendar line. The longest in the real programs is a 35 KiB
// abstract; a longer one is cut here, and a one-line field (a title, a
// room) is then cut at maxLineField as always.
const maxToken = 1 << 20

// cutRune marks where a token was cut. It is a noncharacter, which no
// field keeps (dropped), so it cannot be mistaken for text: lineOf and
// cleanText stop at it and say the field was cut, and validate warns.
const cutRune = '\uFDEF'

// cutBytes is cutRune in UTF-8 (JSON, CSV); XML's text and attribute
// values get it as a character reference, which reads the same in any
// encoding an XML declaration names, and a CDATA section ends for it.
var (
	cutBytes    = []byte(string(cutRune))
	xmlRefMark  = []byte("&#xFDEF;")
	cdataMark   = []byte("]]>&#xFDEF;<![CDATA[")
	commentMark = []byte(" ")
)

// cutLog maps positions in what a decoder read back to the program's
// own: the offsets and lines its cuts left out, in order.
type cutLog struct{ marks []cutAt }

// cutAt is where one cut ends in the bytes handed on (off, and line,
// 1-based), with the bytes and newlines left out up to there in all
// (bytes net of the cutRune put in).
type cutAt struct {
	off   int64
	line  int
	bytes int64
	lines int
}

// last is the last mark at or before out offset off, nil when none.
func (l *cutLog) last(off int64) *cutAt {
	i := sort.Search(len(l.marks), func(i int) bool { return l.marks[i].off > off })
	if i == 0 {
		return nil
	}
	return &l.marks[i-1]
}

// offset maps an offset in the bytes handed on to the program's.
func (l *cutLog) offset(off int64) int64 {
	if m := l.last(off); m != nil {
		return off + m.bytes
	}
	return off
}

// lineAt maps the line of out offset off to the program's line.
func (l *cutLog) lineAt(line int, off int64) int {
	if m := l.last(off); m != nil {
		return line + m.lines
	}
	return line
}

// lineBefore maps a line where something starts (a CSV row): the cuts on
// earlier lines moved it, not one later on the same line.
func (l *cutLog) lineBefore(line int) int {
	i := sort.Search(len(l.marks), func(i int) bool { return l.marks[i].line >= line })
	if i == 0 {
		return line
	}
	return line + l.marks[i-1].lines
}

// cutter is what the token-cutting readers share: the program's bytes,
// where the reading is, and the current token's state.
type cutter struct {
	data []byte
	pos  int    // the next byte of data to look at
	out  []byte // where a step hands bytes on: the reader's buffer
	n    int64  // bytes handed on, in all
	log  cutLog
	err  error

	run      int    // bytes of the current token handed on
	limit    int    // the longest token handed on: maxToken (a test's less)
	cutting  bool   // the rest of the current token is being left out
	mark     []byte // what stands for the rest of a token cut (cutRune)
	dropped  int64  // bytes left out (net) by all cuts so far
	droppedN int    // newlines left out by all cuts so far
	step     func()
	legacy   bool // not UTF-8: an XML declaration names another encoding

	small        []byte // for a Read into less than minRead bytes
	smallRd      int
	seen, seenNL int // newlines in data[:seen], for the log's lines
}

// minRead is the least room a step needs: the longest unit it hands on
// whole (a character reference, a cut's mark, "<![CDATA[") fits.
const minRead = 64

// outChunk bounds what one step hands on.
const outChunk = 64 << 10

func (c *cutter) Read(p []byte) (int, error) {
	if c.smallRd < len(c.small) {
		k := copy(p, c.small[c.smallRd:])
		c.smallRd += k
		return k, nil
	}
	if len(p) < minRead {
		// The decoders read in KiBs; this is for other readers.
		buf := make([]byte, minRead)
		k, err := c.Read(buf)
		c.small, c.smallRd = buf[:k], 0
		if k == 0 {
			return 0, err
		}
		k = copy(p, c.small)
		c.smallRd = k
		return k, nil
	}
	c.out = p[:0]
	for len(c.out) == 0 {
		if c.err != nil {
			return 0, c.err
		}
		if c.pos >= len(c.data) {
			return 0, io.EOF
		}
		for cap(c.out)-len(c.out) >= minRead && c.pos < len(c.data) && c.err == nil {
			c.step()
		}
	}
	k := len(c.out)
	c.out = nil
	return k, nil
}

// free is how many bytes a span may hand on in this step.
func (c *cutter) free() int { return min(outChunk, cap(c.out)-len(c.out)-(minRead-16)) }

// pass hands on the next k bytes of data.
func (c *cutter) pass(k int) {
	c.out = append(c.out, c.data[c.pos:c.pos+k]...)
	c.n += int64(k)
	c.pos += k
}

// skip leaves out the next k bytes of data (a control character XML
// forbids); they hold no newline.
func (c *cutter) skip(k int) { c.pos += k }

// content hands on the next k bytes of data as part of the current
// token, or leaves them out once it is maxToken long: the mark goes in
// their place, at a character boundary. Callers pass whole units (a
// character reference, an escape), so a cut never splits one.
func (c *cutter) content(k int) {
	if !c.cutting && c.run >= c.limit && utf8.RuneStart(c.data[c.pos]) {
		c.cutting = true
		c.out = append(c.out, c.mark...)
		c.n += int64(len(c.mark))
		c.dropped -= int64(len(c.mark))
	}
	if c.cutting {
		c.dropped += int64(k)
		c.droppedN += bytes.Count(c.data[c.pos:c.pos+k], newline)
		c.pos += k
		return
	}
	c.run += k
	c.pass(k)
}

// stray leaves out a cutRune the program holds itself, so that the only
// one in a field is a cut's: no field keeps a noncharacter anyway. It
// says whether there was one at pos (in text that is UTF-8).
func (c *cutter) stray() bool {
	if c.legacy || !bytes.HasPrefix(c.data[c.pos:], cutBytes) {
		return false
	}
	c.pos += len(cutBytes)
	c.dropped += int64(len(cutBytes))
	c.note()
	return true
}

// here is the program's line the reading has reached.
func (c *cutter) here() int {
	c.seenNL += bytes.Count(c.data[c.seen:c.pos], newline)
	c.seen = c.pos
	return 1 + c.seenNL
}

// note logs where the bytes left out so far end.
func (c *cutter) note() {
	line := c.here() - c.droppedN
	c.log.marks = append(c.log.marks, cutAt{off: c.n, line: line, bytes: c.dropped, lines: c.droppedN})
}

// room is how many bytes of the current token may be handed on before
// content must decide about a cut (at least 1).
func (c *cutter) room() int {
	if c.cutting {
		return len(c.data)
	}
	return max(c.limit-c.run, 1)
}

// endToken ends the current token, noting where a cut of it ended.
func (c *cutter) endToken() {
	if c.cutting {
		c.cutting = false
		c.note()
	}
	c.run = 0
}

// span is the length of data[pos:] before the first byte stop holds,
// at most limit (and what the step may hand on; any length when the
// bytes are left out).
func (c *cutter) span(limit int, stop *[256]bool) int {
	if !c.cutting {
		limit = min(limit, c.free())
	}
	end := min(len(c.data), c.pos+min(limit, outChunk))
	for i := c.pos; i < end; i++ {
		if stop[c.data[i]] {
			return i - c.pos
		}
	}
	return end - c.pos
}

// stops is the table of the bytes a span stops at: those in set, and
// with controls the control characters XML forbids.
func stops(set string, controls bool) *[256]bool {
	var t [256]bool
	for i := range set {
		t[set[i]] = true
	}
	for b := range 0x20 {
		if controls && xmlControl(byte(b)) {
			t[b] = true
		}
	}
	return &t
}

var (
	xmlTextStops    = stops("<&\xef", true)
	xmlTagStops     = stops(">\"'", true)
	xmlAttrStops    = [2]*[256]bool{stops("\"&\xef", true), stops("'&\xef", true)}
	xmlCDATAStops   = stops("]\xef", true)
	xmlCommentStops = stops("-", true)
	xmlPIStops      = stops("?", true)
	jsonStrStops    = jsonStringStops()
	csvQuoteStops   = stops("\"\xef", false)
)

// jsonStringStops: the end of a string, an escape, a control character.
func jsonStringStops() *[256]bool {
	t := stops("\"\\\xef", false)
	for b := range 0x20 {
		t[b] = true
	}
	return t
}

var newline = []byte{'\n'}

// xmlControl reports the control characters XML forbids (all below
// U+0020 but tab, newline and carriage return).
func xmlControl(b byte) bool { return b < 0x20 && b != '\t' && b != '\n' && b != '\r' }

// xmlCut is the XML program as its decoder reads it: no text, CDATA
// section, attribute value or comment longer than maxToken (cut with
// cutRune), no tag, processing instruction or declaration longer (an
// error: they are never cut, as the decoder reads what is in them), and
// without the control characters XML forbids, raw or as &#7; references
// (pasted into a title, they would break the whole feed). Lines stay
// where they were: the decoder's positions map back with origLine.
type xmlCut struct {
	cutter
	state xmlState
	quote byte // the quote around the current attribute value
	depth int  // nesting of < > in a declaration (<!DOCTYPE …>)
	tag   int  // bytes of the current tag, its attribute values aside
}

type xmlState int

const (
	xText xmlState = iota
	xTag
	xAttr
	xComment
	xCDATA
	xPI
	xDecl
)

func newXMLCut(data []byte) *xmlCut {
	x := &xmlCut{cutter: cutter{data: data, limit: maxToken, mark: xmlRefMark, legacy: xmlEncoding(data) != ""}}
	x.step = x.next
	return x
}

// checked reports whether the reading is where the decoder refuses a
// control character: text, tags, attribute values and CDATA (not
// comments, processing instructions or declarations, which it does not
// check, so one there is kept).
func (x *xmlCut) checked() bool {
	switch x.state {
	case xText, xTag, xAttr, xCDATA:
		return true
	}
	return false
}

// origLine is the program's line of a decoder's position.
func (x *xmlCut) origLine(line int, off int64) int { return x.log.lineAt(line, off) }

func (x *xmlCut) next() {
	b := x.data[x.pos]
	if xmlControl(b) && x.checked() {
		x.skip(1)
		return
	}
	switch x.state {
	case xText:
		x.text(b)
	case xTag:
		x.inTag(b)
	case xAttr:
		x.attr(b)
	case xComment:
		x.comment()
	case xCDATA:
		x.cdata()
	case xPI:
		x.pi()
	case xDecl:
		x.decl(b)
	}
}

// text is an element's text up to the next markup.
func (x *xmlCut) text(b byte) {
	switch b {
	case '<':
		x.endToken()
		x.markup()
	case '&':
		x.ref()
	default:
		if b == 0xef && x.stray() {
			return
		}
		x.content(max(1, x.span(x.room(), xmlTextStops)))
	}
}

// markup starts what '<' opens.
func (x *xmlCut) markup() {
	rest := x.data[x.pos:]
	switch {
	case bytes.HasPrefix(rest, []byte("<!--")):
		x.pass(4)
		x.state, x.mark = xComment, commentMark
	case bytes.HasPrefix(rest, []byte("<![CDATA[")):
		x.pass(9)
		x.state, x.mark = xCDATA, cdataMark
	case bytes.HasPrefix(rest, []byte("<?")):
		x.pass(2)
		x.state, x.tag = xPI, 2
	case bytes.HasPrefix(rest, []byte("<!")):
		// The byte after "<!" is the declaration's, whatever it is (the
		// decoder reads it before it looks for the end).
		k := min(3, len(rest))
		x.pass(k)
		x.state, x.depth, x.quote, x.tag = xDecl, 1, 0, k
	default:
		x.pass(1)
		x.state, x.tag, x.mark = xTag, 1, xmlRefMark
	}
}

// ref is a character or entity reference: a control character's is left
// out, any other handed on whole (or its '&' alone, when it does not end
// within 32 bytes: the decoder will say it is malformed).
func (x *xmlCut) ref() {
	if x.pos+1 < len(x.data) && x.data[x.pos+1] == '#' {
		if k := xmlControlRef(x.data[x.pos:]); k > 0 {
			x.skip(k)
			return
		}
		if k := cutRuneRef(x.data[x.pos:]); k > 0 {
			x.skip(k) // a stray cutRune, as a reference
			return
		}
	}
	k := 1
	if end := bytes.IndexByte(x.data[x.pos:min(len(x.data), x.pos+32)], ';'); end > 0 {
		k = end + 1
	}
	x.content(k)
}

// cutRuneRef is the length of the character reference b starts with
// when it names cutRune ("&#xFDEF;", "&#65007;"), else 0.
func cutRuneRef(b []byte) int {
	end := bytes.IndexByte(b[:min(len(b), 32)], ';')
	if end < 3 {
		return 0
	}
	digits, base := string(b[2:end]), 10
	if digits[0] == 'x' || digits[0] == 'X' {
		digits, base = digits[1:], 16
	}
	if n, err := strconv.ParseUint(digits, base, 32); err != nil || n != cutRune {
		return 0
	}
	return end + 1
}

// inTag is a start or end tag, between its attribute values.
func (x *xmlCut) inTag(b byte) {
	switch b {
	case '>':
		x.pass(1)
		x.state = xText
		return
	case '"', '\'':
		x.pass(1)
		x.state, x.quote = xAttr, b
		return
	}
	x.long(max(1, x.span(outChunk, xmlTagStops)), "a tag")
}

// attr is an attribute value, cut like text.
func (x *xmlCut) attr(b byte) {
	switch b {
	case x.quote:
		x.endToken()
		x.pass(1)
		x.state = xTag
	case '&':
		x.ref()
	default:
		if b == 0xef && x.stray() {
			return
		}
		t := xmlAttrStops[0]
		if x.quote == '\'' {
			t = xmlAttrStops[1]
		}
		x.content(max(1, x.span(x.room(), t)))
	}
}

// cdata is a CDATA section's text, cut like text.
func (x *xmlCut) cdata() {
	if bytes.HasPrefix(x.data[x.pos:], []byte("]]>")) {
		x.endToken()
		x.pass(3)
		x.state, x.mark = xText, xmlRefMark
		return
	}
	if x.data[x.pos] == 0xef && x.stray() {
		return
	}
	x.content(max(1, x.span(x.room(), xmlCDATAStops)))
}

// comment is a comment's text up to "-->", cut like text (its mark a
// space: nothing reads a comment, and a cut after a '-' must not make
// "--", which XML forbids in one).
func (x *xmlCut) comment() {
	if bytes.HasPrefix(x.data[x.pos:], []byte("-->")) {
		x.endToken()
		x.pass(3)
		x.state, x.mark = xText, xmlRefMark
		return
	}
	x.content(max(1, x.span(x.room(), xmlCommentStops)))
}

// pi is a processing instruction (<?xml version="1.0"?>) up to "?>",
// handed on whole: the decoder reads the XML declaration's version and
// encoding in it. One longer than maxToken is an error.
func (x *xmlCut) pi() {
	if bytes.HasPrefix(x.data[x.pos:], []byte("?>")) {
		x.pass(2)
		x.state = xText
		return
	}
	x.long(max(1, x.span(outChunk, xmlPIStops)), "a processing instruction (<?…?>)")
}

// long hands on k bytes of markup that is never cut (a tag, a
// declaration), or fails once it is longer than maxToken.
func (x *xmlCut) long(k int, what string) {
	x.tag += k
	if x.tag > maxToken {
		x.err = fmt.Errorf("%s longer than %d MiB", what, maxToken>>20)
		return
	}
	x.pass(k)
}

// decl is a declaration (<!DOCTYPE …>, <!ELEMENT …>), handed on whole:
// its end is found as the decoder finds it (< > nest outside quotes, and
// a comment inside is skipped). One longer than maxToken is an error.
func (x *xmlCut) decl(b byte) {
	k := 1
	switch {
	case x.quote != 0:
		if b == x.quote {
			x.quote = 0
		}
	case b == '"' || b == '\'':
		x.quote = b
	case b == '<' && bytes.HasPrefix(x.data[x.pos:], []byte("<!--")):
		end := bytes.Index(x.data[x.pos+4:], []byte("-->"))
		if end < 0 {
			k = len(x.data) - x.pos
		} else {
			k = 4 + end + 3
		}
	case b == '<':
		x.depth++
	case b == '>':
		x.depth--
		if x.depth == 0 {
			x.pass(1)
			x.state = xText
			return
		}
	}
	x.long(k, "a declaration (<!…>)")
}

// jsonCut is a JSON program as its decoder reads it: no string longer
// than maxToken (cut with cutRune), no run of white space longer (the
// rest left out), and no number longer (an error). Offsets map back with
// offset.
type jsonCut struct {
	cutter
	inString bool
	ws, num  int // the current run of white space, of number characters
}

func newJSONCut(data []byte) *jsonCut {
	j := &jsonCut{cutter: cutter{data: data, limit: maxToken, mark: cutBytes}}
	j.step = j.next
	return j
}

func (j *jsonCut) next() {
	if j.inString {
		j.str(j.data[j.pos])
		return
	}
	// Between strings: structure, numbers, literals and white space,
	// handed on in one piece while no run grows past maxToken.
	end := min(len(j.data), j.pos+j.free())
	i := j.pos
	for ; i < end; i++ {
		b := j.data[i]
		if b == '"' {
			break
		}
		switch {
		case isJSONSpace(b):
			j.ws, j.num = j.ws+1, 0
		case b >= '0' && b <= '9' || b == '-' || b == '+' || b == '.' || b == 'e' || b == 'E':
			j.ws, j.num = 0, j.num+1
		default:
			j.ws, j.num = 0, 0
		}
		if j.ws > maxToken || j.num > maxToken {
			break
		}
	}
	j.pass(i - j.pos)
	switch {
	case j.pos >= len(j.data):
	case j.num > maxToken:
		j.err = fmt.Errorf("a number longer than %d MiB", maxToken>>20)
	case j.ws > maxToken:
		// Leave the rest of the run out; offsets map it back.
		k := 0
		for j.pos+k < len(j.data) && isJSONSpace(j.data[j.pos+k]) {
			k++
		}
		j.dropped += int64(k)
		j.droppedN += bytes.Count(j.data[j.pos:j.pos+k], newline)
		j.pos += k
		j.ws = 0
		j.note()
	case j.data[j.pos] == '"':
		j.ws, j.num = 0, 0
		j.pass(1)
		j.inString = true
	}
}

func isJSONSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' }

// str is inside a string: an escape is one unit; a control character
// (invalid in a string) is handed on even when cutting, so the decoder
// still says so.
func (j *jsonCut) str(b byte) {
	switch {
	case b == '"':
		j.endToken()
		j.pass(1)
		j.inString = false
	case b == '\\':
		k := 2
		if j.pos+1 < len(j.data) && j.data[j.pos+1] == 'u' {
			k = 6
		}
		k = min(k, len(j.data)-j.pos)
		if k == 6 && strings.EqualFold(string(j.data[j.pos+2:j.pos+6]), "fdef") {
			// A stray cutRune, escaped.
			j.pos += k
			j.dropped += int64(k)
			j.note()
			return
		}
		j.content(k)
	case b < 0x20:
		if j.cutting {
			j.endToken()
		}
		j.pass(1)
	default:
		if b == 0xef && j.stray() {
			return
		}
		j.content(max(1, j.span(j.room(), jsonStrStops)))
	}
}

// csvCut is a CSV program as encoding/csv reads it: no cell longer than
// maxToken (cut with cutRune) and no row of more than maxCells cells (an
// error). Lines map back with lineBefore.
type csvCut struct {
	cutter
	comma     []byte     // the delimiter
	cellStops *[256]bool // where an unquoted cell may end
	state     csvState
	cells     int // cells of the current row so far
}

type csvState int

const (
	cStart  csvState = iota // where a cell starts (leading spaces allowed)
	cCell                   // in an unquoted cell, or after a quoted one's end
	cQuoted                 // inside quotes
)

// maxCells caps the cells of one CSV row: a real program has a dozen
// columns; a row of millions of empty cells would cost ~40 bytes each.
const maxCells = 10000

func newCSVCut(data []byte, comma rune) *csvCut {
	c := &csvCut{cutter: cutter{data: data, limit: maxToken, mark: cutBytes}, comma: []byte(string(comma))}
	c.cellStops = stops("\r\n\xef"+string(c.comma[:1]), false)
	c.step = c.next
	return c
}

func (c *csvCut) next() {
	b := c.data[c.pos]
	switch c.state {
	case cStart:
		// encoding/csv (TrimLeadingSpace) skips white space where a cell
		// starts, a lone CR too; "\r\n" ends a row as "\n" does.
		if r, size := utf8.DecodeRune(c.data[c.pos:]); r != '\n' && !c.crlf() && !bytes.HasPrefix(c.data[c.pos:], c.comma) && unicode.IsSpace(r) {
			c.pass(size)
			return
		}
		c.state = cCell
		if b == '"' {
			c.pass(1)
			c.state = cQuoted
			return
		}
		c.cell(b)
	case cCell:
		c.cell(b)
	case cQuoted:
		c.inQuotes(b)
	}
}

// cell is an unquoted cell, or what follows a quoted one's closing quote.
func (c *csvCut) cell(b byte) {
	switch {
	case b == '\n' || c.crlf():
		c.endToken()
		c.pass(bytes.IndexByte(c.data[c.pos:], '\n') + 1)
		c.state, c.cells = cStart, 0
	case bytes.HasPrefix(c.data[c.pos:], c.comma):
		c.endToken()
		c.pass(len(c.comma))
		c.state = cStart
		c.cells++
		if c.cells >= maxCells {
			c.err = fmt.Errorf("a row of more than %d cells", maxCells)
		}
	default:
		if b == 0xef && c.stray() {
			return
		}
		c.content(max(1, c.span(c.room(), c.cellStops)))
	}
}

// crlf reports whether a "\r\n" row end is next.
func (c *csvCut) crlf() bool { return bytes.HasPrefix(c.data[c.pos:], []byte("\r\n")) }

// inQuotes is inside a quoted cell: "" is one unit, a lone " ends the
// quotes.
func (c *csvCut) inQuotes(b byte) {
	if b != '"' {
		if b == 0xef && c.stray() {
			return
		}
		c.content(max(1, c.span(c.room(), csvQuoteStops)))
		return
	}
	if c.pos+1 < len(c.data) && c.data[c.pos+1] == '"' {
		c.content(2)
		return
	}
	c.endToken() // what may follow the quotes ("\r") is no part of it
	c.pass(1)
	c.state = cCell
}
