package cmd

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// plan refresh against a local HTTP server: the first import downloads
// and keeps the server's validators; a refresh sends them and reports
// "unchanged" on a 304 without parsing; a changed program is reconciled,
// reported like an import, and lands in the history.
func TestRefreshFromURL(t *testing.T) {
	v1, err := os.ReadFile("../testdata/programs/fosdem-2026-pentabarf.xml")
	if err != nil {
		t.Fatal(err)
	}
	// Version 2 moves 7886 by an hour.
	v2 := []byte(strings.Replace(string(v1), `id="7886">
        <date>2026-01-31T10:00:00+01:00</date>
        <start>10:00</start>`, `id="7886">
        <date>2026-01-31T11:00:00+01:00</date>
        <start>11:00</start>`, 1))
	if string(v2) == string(v1) {
		t.Fatal("the edit of 7886 did not apply")
	}
	var mu sync.Mutex
	body, etag := v1, `"v1"`
	var got []string // If-None-Match of each request
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		got = append(got, r.Header.Get("If-None-Match"))
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Content-Type", "application/xml")
		w.Write(body)
	}))
	defer srv.Close()
	url := srv.URL + "/2026/schedule/xml"

	dir := t.TempDir()
	if code, _, errOut := run(t, dir, false, "import", url); code != 0 {
		t.Fatalf("import: %s", errOut)
	}
	if code, _, errOut := run(t, dir, false, "add", "7886", "7022"); code != 0 {
		t.Fatalf("add: %s", errOut)
	}
	plan, _ := os.ReadFile(filepath.Join(dir, "plan.yaml"))
	if !strings.Contains(string(plan), `etag: '"v1"'`) {
		t.Errorf("the plan does not keep the server's ETag:\n%s", plan)
	}

	code, out, errOut := run(t, dir, false, "refresh")
	if code != 0 || out != "" || !strings.Contains(errOut, `"FOSDEM 2026" from `+url+`: unchanged (the server answered 304 Not Modified).`) {
		t.Fatalf("refresh of an unchanged program: exit %d\n%s%s", code, out, errOut)
	}

	mu.Lock()
	body, etag = v2, `"v2"`
	mu.Unlock()
	code, out, errOut = run(t, dir, false, "refresh")
	if code != 0 {
		t.Fatalf("refresh: exit %d: %s", code, errOut)
	}
	if !strings.Contains(errOut, `Updated "FOSDEM 2026" from `+url+`: 883 sessions; 0 new, 1 changed, 0 removed, 882 unchanged.`) ||
		!strings.Contains(out, "7886  \"FOSS in times of war, scarcity and (adversarial) AI\": moved from Sat 31 Jan 2026 10:00–10:50 to Sat 31 Jan 2026 11:00–11:50") {
		t.Errorf("refresh of a changed program:\n%s%s", out, errOut)
	}

	// The third refresh is unchanged again, and says so in JSON.
	code, out, _ = run(t, dir, false, "refresh", "--json")
	var reports []map[string]any
	if err := json.Unmarshal([]byte(out), &reports); code != 0 || err != nil || len(reports) != 1 || reports[0]["not_modified"] != true {
		t.Errorf("refresh --json: exit %d, %v\n%s", code, err, out)
	}
	mu.Lock()
	want := []string{"", `"v1"`, `"v1"`, `"v2"`}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("If-None-Match sent: %q, want %q", got, want)
	}
	mu.Unlock()

	// The move is in the history.
	if _, out, _ := run(t, dir, false, "changes"); !strings.Contains(out, "7886\tmoved\t") {
		t.Errorf("plan changes after the refresh:\n%s", out)
	}
}
