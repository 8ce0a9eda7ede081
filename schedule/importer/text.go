package importer

// Text fields: plain text cleaned up, HTML reduced to text, and the one
// UTF-8/UTF-16 check every format gets (cancellation markers: cancel.go).

import (
	"bytes"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/plan-cli/plan/schedule"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// htmlText reduces a field that holds HTML (pentabarf and frab abstracts
// and descriptions, SCALE abstracts) to readable plain text: scripts and
// style sheets go with their content, block ends (</p>, <br>, </li>…)
// become line breaks, tags go, entities are decoded, and cleanText tidies
// the rest. It uses the HTML tokenizer, so text that only looks like
// markup stays: "a < b and c > d", "Price < 5 & quality > 3". A tag that
// names no HTML element ("std::vector<int>") is kept as written.
// Plain-text fields (iCalendar TEXT, CSV cells, Sessionize) use cleanText.
func htmlText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return cleanText(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	var raw []byte // the current tag as written: TagName lower-cases it in place
	z := html.NewTokenizer(strings.NewReader(s))
	inRaw := false // inside <script> or <style>
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			if z.Err() == io.EOF {
				b.Write(z.Raw()) // an unterminated "<…" at the end is text
			}
			return cleanText(b.String())
		case html.TextToken:
			if !inRaw {
				b.Write(z.Text())
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			raw = append(raw[:0], z.Raw()...)
			name, _ := z.TagName()
			a := atom.Lookup(name)
			switch {
			case a == atom.Script || a == atom.Style:
				inRaw = tt == html.StartTagToken
			case a == 0:
				b.Write(raw)
			case blockEnd(a, tt):
				b.WriteByte('\n')
			}
		}
		// Comments and doctypes are not text.
	}
}

// blockEnd reports whether the tag ends a line of text: <br>, <hr>, or
// the end of a paragraph, division, list item or heading.
func blockEnd(a atom.Atom, tt html.TokenType) bool {
	switch a {
	case atom.Br, atom.Hr:
		return tt != html.EndTagToken
	case atom.P, atom.Div, atom.Li, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return tt == html.EndTagToken
	}
	return false
}

// maxLineField caps a one-line field (a title, room, speaker, id, url):
// no real one comes near it, and a hostile feed's 100 MiB title must not
// become a 100 MiB line in every listing. A longer field is cut at a
// character boundary and ends in cutMark; validate warns about it.
const maxLineField = 4 << 10

// maxRawLine bounds what htmlLine reduces: a field this long is cut
// before its markup is parsed, so the reduction costs no more than this.
const maxRawLine = 16 * maxLineField

// cutMark ends a one-line field that was cut at maxLineField.
const cutMark = "…"

// htmlLine is oneLine for a title or name in a format whose text fields
// may hold HTML (pentabarf, frab, SCALE): markup and entities, when the
// text has any, are reduced as htmlText does, block ends becoming spaces.
func htmlLine(s string) string {
	cut := false
	if len(s) > maxRawLine {
		s, cut = clipBytes(s, maxRawLine), true
	}
	if strings.ContainsAny(s, "<&") && strings.Contains(s, ";") || strings.Contains(s, "</") {
		s = htmlText(s)
	}
	return lineOf(s, cut)
}

// dropped reports the runes no text field keeps: C0 and C1 controls and
// DEL (escape sequences, carriage returns that overwrite a line), the
// bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069,
// which reorder what a terminal shows), and the Unicode noncharacters
// (U+FDD0–U+FDEF and every U+xFFFE/U+xFFFF, which YAML refuses).
// Line breaks and tabs are handled by the callers before this.
func dropped(r rune) bool {
	switch {
	case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	case r >= 0xfdd0 && r <= 0xfdef, r&0xfffe == 0xfffe:
		return true
	}
	return false
}

// lineSpace reports the runes oneLine turns into a single space.
func lineSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\v', '\f', 0x85, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000:
		return true
	}
	return r >= 0x2000 && r <= 0x200a
}

// cleanText drops control characters (keeping newlines), turns runs of
// spaces and tabs into one space, trims every line, and leaves at most
// one blank line between paragraphs. Text cut while it was read ends in
// cutRune, for validate to turn into cutMark with a warning. Titles and names go through oneLine
// instead. One pass, no regular expressions: abstracts are most of a
// program's bytes.
func cleanText(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false   // a space is pending inside the current line
	newlines := 0    // newlines pending since the last text
	started := false // some text has been written
	for _, r := range s {
		if r == cutRune {
			// The text was cut while it was read: keep the mark for
			// validate, which warns.
			b.WriteRune(cutRune)
			break
		}
		switch {
		case r == '\n' || r == 0x2028 || r == 0x2029:
			space = false
			newlines++
			continue
		case r == ' ' || r == '\t' || r == '\r' || r == '\f' || r == '\v':
			space = true
			continue
		case dropped(r):
			continue
		}
		if started {
			if newlines > 0 {
				b.WriteString("\n\n"[:min(newlines, 2)])
			} else if space {
				b.WriteByte(' ')
			}
		}
		newlines, space, started = 0, false, true
		b.WriteRune(r)
	}
	return b.String()
}

// oneLine is for titles, rooms, names, ids and urls: no line breaks,
// control characters, bidi controls or noncharacters, single spaces, at
// most maxLineField bytes (then cut, ending in cutMark). One pass that
// builds no list of words, so a title of a million words costs its
// length, not a million strings. The text is taken as plain text; see
// htmlLine for formats that may put HTML there.
func oneLine(s string) string { return lineOf(s, false) }

// lineOf is oneLine; cut says the text was cut before it got here, so
// the result must say so.
func lineOf(s string, cut bool) string {
	if !cut && len(s) <= maxLineField && simpleLine(s) {
		return s
	}
	var b strings.Builder
	b.Grow(min(len(s), maxLineField+len(cutMark)))
	space := false
	for _, r := range s {
		if r == cutRune {
			cut = true // while it was read
			break
		}
		switch {
		case lineSpace(r):
			space = b.Len() > 0
			continue
		case dropped(r):
			continue
		}
		n := utf8.RuneLen(r)
		if n < 0 {
			n = 3
		}
		if space {
			n++
		}
		if b.Len()+n > maxLineField {
			cut = true
			break
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	if cut {
		return strings.TrimRight(b.String(), " ") + cutMark
	}
	return b.String()
}

// simpleLine reports whether s is printable ASCII with single inner
// spaces and none at either end: already one clean line.
func simpleLine(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c >= 0x7f || c == ' ' && (i == 0 || i == len(s)-1 || s[i+1] == ' ') {
			return false
		}
	}
	return true
}

// wasCut reports whether a one-line field was cut at maxLineField.
func wasCut(s string) bool {
	return len(s) >= maxLineField-utf8.UTFMax && strings.HasSuffix(s, cutMark)
}

// clipBytes cuts s to at most n bytes at a character boundary.
func clipBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// splitNames splits a comma-separated speaker list.
func splitNames(s string, line func(string) string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		p = line(p)
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}

// isUTF16 tells UTF-16 text by its byte order mark or, without one, by
// NUL bytes in every other place: the high bytes of ASCII characters.
// /dev/zero and binary files have NULs in both places.
func isUTF16(b []byte) bool {
	if len(b) >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF)) {
		return true
	}
	n := min(len(b), 512) &^ 1
	if n < 4 {
		return false
	}
	var zeros [2]int
	for i, c := range b[:n] {
		if c == 0 {
			zeros[i%2]++
		}
	}
	half := n / 2
	return (zeros[0] == 0 && zeros[1] > half*3/4) || (zeros[1] == 0 && zeros[0] > half*3/4)
}

// checkEncoding is the one encoding check, made by Parse before any
// importer runs: UTF-16 and text that is not UTF-8 are refused.
func checkEncoding(b []byte, name string) error {
	if isUTF16(b) {
		return &schedule.InputError{File: name, Line: 1, Msg: "UTF-16 text: save the file as UTF-8 and import it again"}
	}
	return checkUTF8(b, name)
}

// checkUTF8 refuses text that is not UTF-8, naming the line of the first
// bad byte. Two kinds of file are left to their importers: XML that
// declares an encoding (decoded by xmlCharsetReader, which refuses what
// it cannot read), and iCalendar, whose folded lines may cut a character
// in two (the ical importer checks the unfolded lines).
func checkUTF8(b []byte, name string) error {
	if utf8.Valid(b) || xmlEncoding(b) != "" || (ical{}).Detect(b) {
		return nil
	}
	off := 0
	for off < len(b) {
		r, size := utf8.DecodeRune(b[off:])
		if r == utf8.RuneError && size == 1 {
			break
		}
		off += size
	}
	return &schedule.InputError{File: name, Line: lineAt(b, int64(off)), Msg: "not UTF-8 text (Latin-1 or another encoding?): convert it to UTF-8 and import it again"}
}

// lineAt is the 1-based line number of byte offset off in data.
func lineAt(data []byte, off int64) int {
	off = min(max(off, 0), int64(len(data)))
	return bytes.Count(data[:off], []byte{'\n'}) + 1
}

// head returns at most n bytes of data with leading white space skipped,
// for sniffing.
func head(data []byte, n int) []byte {
	data = bytes.TrimLeft(data, " \t\r\n")
	if len(data) > n {
		data = data[:n]
	}
	return data
}

func stripBOM(b []byte) []byte {
	if len(b) >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF {
		return b[3:]
	}
	return b
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}
