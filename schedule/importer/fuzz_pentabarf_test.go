package importer

import "testing"

// FuzzPentabarf (the file is named fuzz.json for checkFuzzResult): whatever schedule.xml holds, Parse returns sessions or an
// InputError, never a panic or a hang, and what it accepts is valid.
//
// Longer runs: go test ./schedule/importer -run='^$' -fuzz='^FuzzPentabarf$'
// -fuzztime=10m. The real programs give one event each as seeds
// (fuzz_seeds_test.go): whole, the fuzzer spent its time minimising them.
func FuzzPentabarf(f *testing.F) {
	f.Add([]byte(seedPyConAU2024XML))
	f.Add([]byte(seedFOSDEM2026))
	f.Add([]byte(`<?xml version="1.0"?><schedule><conference><title>T</title><time_zone_name>Europe/Brussels</time_zone_name></conference>` +
		`<day date="2026-03-29"><room name="R"><event id="1" guid="g"><date>2026-03-29T02:30:00+01:00</date><start>02:30</start>` +
		`<duration>01:00</duration><title>DST &amp; &lt;b&gt;</title><persons><person>A</person></persons></event></room></day></schedule>`))
	f.Add([]byte(`<schedule><day date="2026-01-31"><room name="R"><event id="1"><start>10:00</start><duration>00:30</duration><title>x</title></event></room></day></schedule>`))
	f.Add([]byte(`<schedule><conference><city>Berlin</city><venue>bcc</venue><day_change>04:00</day_change></conference><day date="2011-12-27"><room name="R">` +
		`<event id="1"><start>00:15</start><duration></duration><title>x</title><person>A</person></event>` +
		`<event id="2"><date>2011-12-27T23:00:00Z</date><start>23:00</start><duration>01:00</duration><title>y</title></event></room></day></schedule>`))
	f.Add([]byte(`<!DOCTYPE x [<!ENTITY a "b">]><schedule/>`))
	f.Add([]byte(`<schedule><event id="1"><duration>-00:50</duration>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		feed, err := Parse(data, "pentabarf", Options{Name: "fuzz.json"})
		checkFuzzResult(t, feed, err, "pentabarf")
	})
}
