package importer

import "testing"

// BenchmarkPentabarf imports FOSDEM 2026 (2.6 MiB, ~1,000 events), the
// largest real program in testdata.
func BenchmarkPentabarf(b *testing.B) {
	data := program(b, "fosdem-2026-pentabarf.xml")
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(data, "pentabarf", Options{Name: "fosdem.xml"}); err != nil {
			b.Fatal(err)
		}
	}
}
