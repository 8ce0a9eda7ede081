package importer

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
)

// FuzzCutReaders: with a tiny token limit, the cutting readers keep the
// shape of any well-formed document: an XML document gives the same
// elements, attributes and text, a JSON one the same tokens, a CSV one
// the same rows and cells, where each text is the same or cut: a prefix
// of it, then cutRune. So a cut never breaks a document or shifts what
// follows it.
func FuzzCutReaders(f *testing.F) {
	f.Add([]byte(`<a x="1&amp;2" y='q'>text &lt; more<b/><![CDATA[cd<a>ta]]><!-- c --><?p i?>tail</a>`), uint8(3))
	f.Add([]byte(`<!DOCTYPE a [<!ENTITY e "x">]><a>&#233;t&#xE9;</a>`), uint8(1))
	f.Add([]byte(`{"a": "text \"q\" \u00e9 é", "b": [1, -2.5e3, true, null], "c": {"": ""}}`), uint8(2))
	f.Add([]byte("t,\"q \"\"x\"\"\ny\",  \"z\"\n1,2,3\r\n"), uint8(2))
	f.Fuzz(func(t *testing.T, data []byte, limit uint8) {
		n := int(limit%16) + 1
		if want, err := xmlShapeOf(xml.NewDecoder(bytes.NewReader(data))); err == nil {
			x := newXMLCut(data)
			x.limit = n
			got, err := xmlShapeOf(xml.NewDecoder(x))
			if err != nil {
				t.Fatalf("cut at %d, the XML no longer reads: %v", n, err)
			}
			sameShape(t, "XML", n, got, want)
		}
		if json.Valid(data) {
			want, _ := jsonShapeOf(json.NewDecoder(bytes.NewReader(data)))
			j := newJSONCut(data)
			j.limit = n
			got, err := jsonShapeOf(json.NewDecoder(j))
			if err != nil {
				t.Fatalf("cut at %d, the JSON no longer reads: %v", n, err)
			}
			sameShape(t, "JSON", n, got, want)
		}
		if want, err := csvShapeOf(bytes.NewReader(data)); err == nil {
			c := newCSVCut(data, ',')
			c.limit = n
			got, err := csvShapeOf(c)
			if err != nil && !strings.Contains(err.Error(), "cells") {
				t.Fatalf("cut at %d, the CSV no longer reads: %v", n, err)
			}
			if err == nil {
				sameShape(t, "CSV", n, got, want)
			}
		}
	})
}

// A shape is a document's tokens as text: "<name", "@attr=value", "#text",
// "/name"; "{" "}" "[" "]" "\"string", "number"; "row", "cell".
type shape []string

func xmlShapeOf(dec *xml.Decoder) (shape, error) {
	dec.Strict = true
	var s shape
	var text strings.Builder
	flush := func() {
		if text.Len() > 0 {
			s = append(s, "#"+text.String())
			text.Reset()
		}
	}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			flush()
			return s, nil
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			flush()
			s = append(s, "<"+t.Name.Local)
			for _, a := range t.Attr {
				s = append(s, "@"+a.Name.Local+"="+a.Value)
			}
		case xml.EndElement:
			flush()
			s = append(s, "/"+t.Name.Local)
		case xml.CharData:
			text.Write(t)
		}
	}
}

func jsonShapeOf(dec *json.Decoder) (shape, error) {
	dec.UseNumber()
	var s shape
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return s, nil
		}
		if err != nil {
			return nil, err
		}
		switch v := tok.(type) {
		case string:
			s = append(s, `"`+v)
		default:
			s = append(s, fmt.Sprint(v))
		}
	}
}

func csvShapeOf(r io.Reader) (shape, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	var s shape
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return s, nil
		}
		if err != nil {
			return nil, err
		}
		s = append(s, "row")
		for _, f := range rec {
			s = append(s, ","+f)
		}
	}
}

// sameShape: the same tokens, each text the same or cut (a prefix of
// it, then cutRune).
func sameShape(t *testing.T, what string, n int, got, want shape) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s cut at %d: %d tokens, want %d\n got %q\nwant %q", what, n, len(got), len(want), got, want)
	}
	for i := range got {
		// The readers leave out a cutRune the document holds itself.
		g, w := got[i], strings.ReplaceAll(want[i], string(cutRune), "")
		if g == w {
			continue
		}
		before, _, cut := strings.Cut(g, string(cutRune))
		if !cut || !strings.HasPrefix(w, before) {
			t.Fatalf("%s cut at %d: token %d is %q, want %q or a prefix of it and the mark", what, n, i, g, w)
		}
	}
}
