package importer

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/plan-cli/plan/schedule"
	"golang.org/x/net/html/charset"
)

// XML helpers shared by the pentabarf and SCALE XML importers: encoding
// declarations, control characters XML forbids, and errors on lines.

// newXMLDecoder is the strict decoder the XML importers read data
// with, through xmlCut: no token longer than maxToken, and without the
// control characters XML forbids (raw or as &#7; references: pasted into
// a title, they would break the whole feed). Its positions map back to
// data's lines with xmlLine.
func newXMLDecoder(data []byte) (*xml.Decoder, *xmlCut) {
	cut := newXMLCut(data)
	dec := xml.NewDecoder(cut)
	dec.Strict = true
	dec.CharsetReader = xmlCharsetReader
	return dec, cut
}

// xmlLine is the line of data the decoder has reached.
func xmlLine(dec *xml.Decoder, cut *xmlCut) int {
	line, _ := dec.InputPos()
	return cut.origLine(line, dec.InputOffset())
}

// xmlControlRef is the length of the character reference that b starts
// with ("&#7;", "&#x1B;") when it names a control character XML forbids,
// else 0.
func xmlControlRef(b []byte) int {
	end := bytes.IndexByte(b[:min(len(b), 10)], ';')
	if end < 3 {
		return 0
	}
	digits, base := string(b[2:end]), 10
	if digits[0] == 'x' || digits[0] == 'X' {
		digits, base = digits[1:], 16
	}
	n, err := strconv.ParseUint(digits, base, 8)
	if err != nil || n >= 0x20 || n == '\t' || n == '\n' || n == '\r' {
		return 0
	}
	return end + 1
}

// xmlError is an InputError on the line where the decoder stopped. A
// file that ends early says so, and what to do.
func xmlError(dec *xml.Decoder, cut *xmlCut, name, msg string, err error) error {
	line := xmlLine(dec, cut)
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		line = cut.origLine(se.Line, dec.InputOffset())
		err = errors.New(se.Msg)
		if se.Msg == "unexpected EOF" {
			msg, err = msg+": the file ends in the middle of the XML (is it cut short? download it again)", nil
		}
	}
	return &schedule.InputError{File: name, Line: line, Msg: msg, Err: err}
}

// doctypeError refuses a DOCTYPE, which can define entities, on the
// line where it starts (the decoder is at its end).
func doctypeError(dec *xml.Decoder, cut *xmlCut, name string, d xml.Directive) error {
	line := xmlLine(dec, cut) - bytes.Count(d, []byte("\n"))
	return &schedule.InputError{File: name, Line: line, Msg: "a DOCTYPE is not allowed in a schedule (it can define entities): remove the <!DOCTYPE …> declaration and import again"}
}

// xmlCharset refuses an XML declaration that names an encoding
// xmlCharsetReader cannot read, on line 1 and in words that say what to
// do (the decoder would wrap them in its own).
func xmlCharset(data []byte, name string) error {
	enc := xmlEncoding(data)
	if enc == "" {
		return nil
	}
	if err := xmlEncodingKnown(enc); err != nil {
		return &schedule.InputError{File: name, Line: 1, Msg: err.Error()}
	}
	return nil
}

// xmlCharsetReader decodes the legacy encoding an XML declaration names
// (windows-1252, ISO-8859-x, KOI8-R, Shift_JIS…: the WHATWG Encoding
// Standard's labels, as browsers know them) into UTF-8 for the decoder.
func xmlCharsetReader(label string, r io.Reader) (io.Reader, error) {
	if err := xmlEncodingKnown(label); err != nil {
		return nil, err
	}
	return charset.NewReaderLabel(label, r)
}

// xmlEncodingKnown checks that an encoding label can be decoded. Labels the
// Encoding Standard does not know are refused, and so are UTF-16 (a
// UTF-16 file is refused before it gets here, so the declaration is
// wrong) and the "replacement" encoding that stands for ISO-2022-KR and
// the like, which would turn the whole file into U+FFFD.
func xmlEncodingKnown(label string) error {
	enc, name := charset.Lookup(label)
	if enc == nil || name == "replacement" || strings.HasPrefix(name, "utf-16") {
		return fmt.Errorf("the file is in the %q encoding, which this tool cannot read: save it as UTF-8 (with encoding=\"UTF-8\" in its first line)", label)
	}
	return nil
}

func attr(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// xmlEncoding is the encoding named by an XML declaration at the start of
// data; "" when there is none or it is UTF-8.
func xmlEncoding(data []byte) string {
	data = bytes.TrimLeft(stripBOM(data), " \t\r\n")
	if !bytes.HasPrefix(data, []byte("<?xml")) {
		return ""
	}
	end := bytes.Index(data, []byte("?>"))
	if end < 0 || end > 256 {
		return ""
	}
	decl := string(data[:end])
	i := strings.Index(decl, "encoding")
	if i < 0 {
		return ""
	}
	rest := strings.TrimLeft(decl[i+len("encoding"):], " \t\r\n")
	if !strings.HasPrefix(rest, "=") {
		return ""
	}
	rest = strings.TrimLeft(rest[1:], " \t\r\n")
	if rest == "" || (rest[0] != '"' && rest[0] != '\'') {
		return ""
	}
	enc, _, ok := strings.Cut(rest[1:], rest[:1])
	enc = strings.TrimSpace(enc)
	if !ok || strings.EqualFold(enc, "utf-8") || strings.EqualFold(enc, "utf8") {
		return ""
	}
	return enc
}
