//go:build linux

package main

import (
	"bytes"
	"compress/gzip"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// gzipWords is a gzip stream of head, n bytes of "a " words, and tail:
// a program of n bytes that travels as half a MiB.
func gzipWords(t *testing.T, head string, n int, tail string) []byte {
	t.Helper()
	var buf bytes.Buffer
	z, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	z.Write([]byte(head))
	chunk := []byte(strings.Repeat("a ", 32<<10))
	for w := 0; w < n; w += len(chunk) {
		z.Write(chunk)
	}
	z.Write([]byte(tail))
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// A word bomb (a 0.5 MB gzip download holding a 480 MiB title of short
// words) costs the source once plus a fixed margin, not four times the
// cap: the download is held once, and the title is cut while it is read.
// A download over the cap is refused having held no more than the cap.
// Measured as the max RSS of a real `plan import URL`.
func TestWordBombMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("imports half a GiB three times")
	}
	const (
		title  = 480 << 20
		margin = 160 << 20 // the program's own use, the decoders' buffers
		cap    = 512 << 20 // importer.DefaultMaxSize
	)
	dir := t.TempDir()
	bin := filepath.Join(dir, "plan")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	bombs := map[string][]byte{
		"/words.xml": gzipWords(t, `<?xml version="1.0"?><schedule><conference><title>C</title></conference><day date="2026-01-31"><room name="R"><event id="1"><date>2026-01-31T10:00:00+01:00</date><start>10:00</start><duration>00:30</duration><room>R</room><title>`,
			title, "</title></event></room></day></schedule>\n"),
		"/words.ics": gzipWords(t, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:1\r\nDTSTART:20260131T100000Z\r\nDTEND:20260131T110000Z\r\nSUMMARY:",
			title, "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"),
		"/over.xml": gzipWords(t, `<?xml version="1.0"?><schedule><conference><title>`, cap+64<<20, ""),
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(bombs[r.URL.Path])
	}))
	defer srv.Close()

	for _, c := range []struct {
		path, want string
		ok         bool
		limit      int64
	}{
		{"/words.xml", "the title is longer than 4 KiB: cut there", true, title + margin},
		{"/words.ics", "the title is longer than 4 KiB: cut there", true, title + margin},
		{"/over.xml", "larger than 512 MiB", false, cap + margin},
	} {
		if n := len(bombs[c.path]); n > 1<<20 {
			t.Fatalf("%s: %d bytes of gzip, want a bomb under 1 MiB", c.path, n)
		}
		cmd := exec.Command(bin, "--plan", filepath.Join(t.TempDir(), "plan.yaml"), "import", srv.URL+c.path)
		out, err := cmd.CombinedOutput()
		if (err == nil) != c.ok || !strings.Contains(string(out), c.want) {
			t.Errorf("import %s: %v\n%s\nwant it to say %q", c.path, err, out, c.want)
		}
		rss := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss << 10 // KiB on Linux
		t.Logf("import %s: peak RSS %d MiB", c.path, rss>>20)
		if rss > c.limit || rss > 1<<30 {
			t.Errorf("import %s: peak RSS %d MiB, want at most %d MiB", c.path, rss>>20, c.limit>>20)
		}
	}
}
