package importer

import (
	"bytes"
	"encoding/xml"
	"os"
	"reflect"
	"testing"
)

// readEvent must read every event of the real programs exactly as the
// reflective xml.Decoder.DecodeElement does.
func TestReadEventMatchesDecodeElement(t *testing.T) {
	for _, f := range []string{"fosdem-2026-pentabarf.xml", "38c3-frab-hub-schedule.xml", "pretalx-pyconau-2024-schedule.xml"} {
		data, err := os.ReadFile("../../testdata/programs/" + f)
		if err != nil {
			t.Fatal(err)
		}
		byHand := xml.NewDecoder(bytes.NewReader(data))
		reflective := xml.NewDecoder(bytes.NewReader(data))
		n := 0
		for {
			tok, err := byHand.Token()
			if err != nil {
				break
			}
			se, ok := tok.(xml.StartElement)
			if !ok || se.Name.Local != "event" {
				continue
			}
			got, err := readEvent(byHand, se)
			if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			var want pbEvent
			for {
				tok, err := reflective.Token()
				if err != nil {
					t.Fatalf("%s: reflective decoder ran out: %v", f, err)
				}
				if s, ok := tok.(xml.StartElement); ok && s.Name.Local == "event" {
					if err := reflective.DecodeElement(&want, &s); err != nil {
						t.Fatal(err)
					}
					break
				}
			}
			if !reflect.DeepEqual(*got, want) {
				t.Fatalf("%s event %s:\nby hand    %+v\nreflective %+v", f, want.ID, *got, want)
			}
			n++
		}
		if n == 0 {
			t.Fatalf("%s: no events compared", f)
		}
	}
}
