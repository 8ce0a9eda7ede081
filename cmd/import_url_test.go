package cmd

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/plan-cli/plan/schedule/importer"
)

// runStdin is run with stdin reading from in.
func runStdin(t *testing.T, dir string, in io.Reader, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	return runStdinCtx(t, context.Background(), dir, in, args...)
}

// runStdinCtx is runStdin with a context (one carrying an importer.Fetcher).
func runStdinCtx(t *testing.T, ctx context.Context, dir string, in io.Reader, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	ios, _, out, errOut := NewTestIO(false)
	ios.In = in
	code = Run(ctx, ios, append([]string{"--plan", filepath.Join(dir, "plan.yaml")}, args...))
	return code, out.String(), errOut.String()
}

// planFiles is the plan and its program as they are on disk.
func planFiles(t *testing.T, dir string) [2][]byte {
	t.Helper()
	var files [2][]byte
	for i, name := range []string{"plan.yaml", "plan.program.jsonl"} {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		files[i] = data
	}
	return files
}

// The same program from a file, from stdin and from a URL gives the same
// program file, and the report names where it came from.
func TestImportFileStdinAndURLAgree(t *testing.T) {
	const program = "../testdata/programs/scale-22x-sign.json"
	data, err := os.ReadFile(program)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Write(data)
	}))
	defer srv.Close()
	url := srv.URL + "/signs/22x.json"

	fromFile, fromStdin, fromURL := t.TempDir(), t.TempDir(), t.TempDir()
	for _, c := range []struct {
		dir, src, from string
		in             io.Reader
	}{
		{fromFile, program, program, nil},
		{fromStdin, "-", "stdin", bytes.NewReader(data)},
		{fromURL, url, url, nil},
	} {
		code, _, errOut := runStdin(t, c.dir, c.in, "import", c.src)
		want := `Imported 296 sessions of "SCALE 22x" (scale-json) from ` + c.from + " into " + filepath.Join(c.dir, "plan.yaml") + ".\n"
		if code != 0 || !strings.Contains(errOut, want) {
			t.Errorf("import %s: exit %d\n%s\nwant it to contain\n%s", c.src, code, errOut, want)
		}
	}
	file := planFiles(t, fromFile)[1]
	if stdin := planFiles(t, fromStdin)[1]; !bytes.Equal(stdin, file) {
		t.Errorf("the program from stdin differs from the program from the file")
	}
	if fromURL := planFiles(t, fromURL)[1]; !bytes.Equal(fromURL, file) {
		t.Errorf("the program from the URL differs from the program from the file")
	}
}

// endless is a reader that never ends: a CSV header, then rows forever.
type endless struct{ started bool }

func (e *endless) Read(p []byte) (int, error) {
	n := 0
	if !e.started {
		e.started = true
		n = copy(p, "title,start,end\n")
	}
	for n < len(p) {
		n += copy(p[n:], "Talk,2026-01-31T10:00:00+01:00,2026-01-31T11:00:00+01:00\n")
	}
	return n, nil
}

// A bad download, or an endless stream on stdin, fails with a message
// that names the source and says what to do, and leaves the plan as it
// was.
func TestImportBadURLs(t *testing.T) {
	const page = "<!DOCTYPE html>\n<html><head><title>Schedule</title></head><body>FOSDEM 2026</body></html>\n"
	mux := http.NewServeMux()
	mux.HandleFunc("/missing.xml", http.NotFound)
	mux.HandleFunc("/schedule", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, page)
	})
	mux.HandleFunc("/schedule.txt", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		io.WriteString(w, page)
	})
	mux.HandleFunc("/endless.csv", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/csv")
		io.Copy(w, &endless{}) // until the client hangs up
	})
	mux.HandleFunc("/silent.xml", func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done() // never answers
	})
	mux.HandleFunc("/stalls.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/xml")
		io.Copy(w, io.LimitReader(bytes.NewReader(fosdemXML(t)), 64<<10))
		w.(http.Flusher).Flush()
		<-r.Context().Done() // the rest never comes
	})
	mux.HandleFunc("/tofile", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
	})
	mux.HandleFunc("/toftp", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "ftp://example.org/schedule.xml", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop", http.StatusFound)
	})
	mux.HandleFunc("/hugeheaders", func(w http.ResponseWriter, r *http.Request) {
		for i := range 3 {
			w.Header().Set(fmt.Sprintf("X-Padding-%d", i), strings.Repeat("a", 512<<10))
		}
		w.Write(fosdemXML(t))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	dir := fosdemPlan(t)
	before := planFiles(t, dir)
	// Lower the cap (FOSDEM is 2.6 MiB) and the patience, to keep the
	// test quick.
	ctx := importer.WithFetcher(context.Background(), importer.Fetcher{MaxSize: 1 << 20, Timeout: 500 * time.Millisecond})
	for _, c := range []struct {
		src  string
		in   io.Reader
		want string
	}{
		{srv.URL + "/missing.xml", nil, srv.URL + "/missing.xml: the server answered 404 Not Found; check the address"},
		{srv.URL + "/schedule", nil, srv.URL + "/schedule: the server sent a web page (text/html), not a program; use the address of the schedule's XML, JSON, ICS or CSV export"},
		{srv.URL + "/schedule.txt", nil, srv.URL + "/schedule.txt: a web page (HTML), not a program: import the schedule's XML, JSON, iCalendar or CSV export instead"},
		{srv.URL + "/endless.csv", nil, srv.URL + "/endless.csv: larger than 1 MiB: not a conference program (or a stream that never ends)"},
		{"-", &endless{}, "stdin: larger than 1 MiB: not a conference program (or a stream that never ends)"},
		{srv.URL + "/silent.xml", nil, srv.URL + "/silent.xml: no answer within 500ms"},
		{srv.URL + "/stalls.xml", nil, srv.URL + "/stalls.xml: download did not finish within 500ms"},
		{"http://[::1", nil, "http://[::1: bad URL"},
		{srv.URL + "/tofile", nil, srv.URL + "/tofile: the server redirects to a local file (file:///etc/passwd): refused\n"},
		{srv.URL + "/toftp", nil, srv.URL + "/toftp: the server redirects to ftp://example.org/schedule.xml, which is not an http or https address: refused\n"},
		{srv.URL + "/loop", nil, srv.URL + "/loop: more than 10 redirects (do they go round in a loop?): check the address\n"},
		{srv.URL + "/hugeheaders", nil, srv.URL + "/hugeheaders: the server's headers are larger than 1 MiB: refused\n"},
	} {
		code, out, errOut := runStdinCtx(t, ctx, dir, c.in, "import", c.src)
		if code != exitError || out != "" || !strings.HasPrefix(errOut, "plan: "+c.want) {
			t.Errorf("import %s: exit %d, stdout %q, stderr %q\nwant exit %d and stderr starting %q", c.src, code, out, errOut, exitError, "plan: "+c.want)
		}
		if after := planFiles(t, dir); !bytes.Equal(after[0], before[0]) || !bytes.Equal(after[1], before[1]) {
			t.Fatalf("import %s changed the plan", c.src)
		}
	}
}

func fosdemXML(t *testing.T) []byte {
	t.Helper()
	data, err := os.ReadFile("../testdata/programs/fosdem-2026-pentabarf.xml")
	if err != nil {
		t.Fatal(err)
	}
	return data
}
