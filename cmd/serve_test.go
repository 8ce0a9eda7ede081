package cmd

import (
	"context"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// startServe runs 'plan serve' on the plan in dir until the test ends and
// returns its address.
func startServe(t *testing.T, dir string, args ...string) (addr string, stop func() string) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ios, _, _, errOut := NewTestIO(false)
	f := newFactory(ctx, ios)
	f.planFlag = filepath.Join(dir, "plan.yaml")
	ready := make(chan string, 1)
	done := make(chan error, 1)
	c := newServeCmd(f, func(o *serveOptions) error {
		o.ready = func(a string) { ready <- a }
		return runServe(o)
	})
	c.SetArgs(args)
	go func() { done <- c.Execute() }()
	select {
	case addr = <-ready:
	case err := <-done:
		t.Fatalf("plan serve: %v: %s", err, errOut)
	case <-time.After(10 * time.Second):
		t.Fatal("plan serve did not start")
	}
	stopped := false
	stop = func() string {
		if !stopped {
			stopped = true
			cancel()
			select {
			case err := <-done:
				if err != nil {
					t.Errorf("plan serve after Ctrl-C: %v", err)
				}
			case <-time.After(5 * time.Second):
				t.Error("plan serve did not stop on Ctrl-C")
			}
		}
		return errOut.String()
	}
	t.Cleanup(func() { stop() })
	return addr, stop
}

func get(t *testing.T, url string, header ...string) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, string(body)
}

var dtstampRE = regexp.MustCompile(`(?m)^DTSTAMP:.*\r\n`)

// plan serve serves what 'plan export --ics' writes (but for the DTSTAMP,
// the plan's last change), with ETag and Last-Modified.
func TestServe(t *testing.T) {
	dir := fosdemPlan(t)
	addr, stop := startServe(t, dir, "--addr", "127.0.0.1:0")
	base := "http://" + addr

	resp, feed := get(t, base+"/plan.ics")
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/calendar") || resp.Header.Get("ETag") == "" || resp.Header.Get("Last-Modified") == "" {
		t.Fatalf("GET /plan.ics: %s %v", resp.Status, resp.Header)
	}
	_, export, _ := run(t, dir, false, "export", "--ics")
	if dtstampRE.ReplaceAllString(feed, "") != dtstampRE.ReplaceAllString(export, "") {
		t.Errorf("/plan.ics differs from plan export --ics:\n%s\n---\n%s", feed, export)
	}
	etag := resp.Header.Get("ETag")
	if resp, _ := get(t, base+"/plan.ics", "If-None-Match", etag); resp.StatusCode != http.StatusNotModified {
		t.Errorf("If-None-Match the same ETag: %s, want 304", resp.Status)
	}
	if resp, _ := get(t, base+"/plan.ics", "If-Modified-Since", resp.Header.Get("Last-Modified")); resp.StatusCode != http.StatusNotModified {
		t.Errorf("If-Modified-Since: %s, want 304", resp.Status)
	}
	resp, all := get(t, base+"/all.ics")
	_, exportAll, _ := run(t, dir, false, "export", "--ics", "--all")
	if resp.StatusCode != 200 || strings.Count(all, "BEGIN:VEVENT") < 800 || dtstampRE.ReplaceAllString(all, "") != dtstampRE.ReplaceAllString(exportAll, "") {
		t.Errorf("GET /all.ics: %s, %d events, differs from plan export --ics --all", resp.Status, strings.Count(all, "BEGIN:VEVENT"))
	}
	resp, page := get(t, base+"/")
	if resp.StatusCode != 200 || !strings.Contains(page, "webcal://"+addr+"/plan.ics") || !strings.Contains(page, "<svg") {
		t.Errorf("GET /: %s\n%s", resp.Status, page)
	}
	if resp, _ := get(t, base+"/nothing"); resp.StatusCode != 404 {
		t.Errorf("GET /nothing: %s", resp.Status)
	}
	log := stop()
	if n := strings.Count(log, " GET /"); n != 6 {
		t.Errorf("want one log line per request, got %d:\n%s", n, log)
	}
}

// A subscribed calendar follows the plan: after 'plan add' the feed has a
// new ETag and the new event (even within the same second, which
// Last-Modified cannot tell apart), which the six real clients read.
func TestServeFollowsThePlan(t *testing.T) {
	dir := fosdemPlan(t)
	addr, _ := startServe(t, dir, "--addr", "127.0.0.1:0")
	base := "http://" + addr
	resp, _ := get(t, base+"/plan.ics")
	etag := resp.Header.Get("ETag")

	if code, _, errOut := run(t, dir, false, "add", "9808"); code != 0 {
		t.Fatal(errOut)
	}
	resp, feed := get(t, base+"/plan.ics", "If-None-Match", etag)
	if resp.StatusCode != 200 || !strings.Contains(feed, "Welcome to the AI Plumbers Devroom") || resp.Header.Get("ETag") == etag {
		t.Errorf("after plan add: %s, ETag %s (was %s)", resp.Status, resp.Header.Get("ETag"), etag)
	}
	if os.Getenv("PLAN_REQUIRE_ICS_CLIENTS") == "1" {
		checkWithClients(t, dir, feed)
	}
}

// checkWithClients reads the feed with the six real calendar clients, as
// export/ics_clients_test.go does with the export.
func checkWithClients(t *testing.T, dir, feed string) {
	t.Helper()
	tmp := t.TempDir()
	ics := filepath.Join(tmp, "plan.ics")
	os.WriteFile(ics, []byte(feed), 0o644)
	var tsv strings.Builder
	for _, s := range listJSON(t, dir, "--picked") {
		tsv.WriteString(utcOf(t, s.Start) + "\t" + utcOf(t, s.End) + "\t" + strings.ReplaceAll(s.Title, `\`, `\\`) + "\n")
	}
	exp := filepath.Join(tmp, "EXPECTED.tsv")
	os.WriteFile(exp, []byte(tsv.String()), 0o644)
	check, _ := filepath.Abs("../export/testdata/clients/ics-clients-check")
	c := exec.Command(check, "--require-all", ics, exp)
	c.Dir = tmp
	out, err := c.CombinedOutput()
	if err != nil {
		t.Fatalf("ics-clients-check on the feed: %v\n%s", err, out)
	}
	t.Logf("ics-clients-check on the feed:\n%s", out)
}

// Beyond localhost every path needs the token.
func TestServeToken(t *testing.T) {
	dir := fosdemPlan(t)
	addr, stop := startServe(t, dir, "--addr", "0.0.0.0:0")
	_, port, _ := strings.Cut(addr, "]:")
	if port == "" {
		port = addr[strings.LastIndex(addr, ":")+1:]
	}
	local := "http://127.0.0.1:" + port
	if resp, _ := get(t, local+"/plan.ics"); resp.StatusCode != 404 {
		t.Errorf("no token: %s, want 404", resp.Status)
	}
	if resp, _ := get(t, local+"/"); resp.StatusCode != 404 {
		t.Errorf("no token: %s, want 404", resp.Status)
	}
	log := stop()
	m := regexp.MustCompile(`secret token ([a-z0-9]+)`).FindStringSubmatch(log)
	if m == nil {
		t.Fatalf("the token is not said at start:\n%s", log)
	}
	addr, _ = startServe(t, dir, "--addr", "0.0.0.0:0", "--token", m[1])
	port = addr[strings.LastIndex(addr, ":")+1:]
	local = "http://127.0.0.1:" + port
	if resp, body := get(t, local+"/"+m[1]+"/plan.ics"); resp.StatusCode != 200 || !strings.Contains(body, "BEGIN:VCALENDAR") {
		t.Errorf("with the token: %s", resp.Status)
	}
	if resp, _ := get(t, local+"/wrong/plan.ics"); resp.StatusCode != 404 {
		t.Errorf("a wrong token: %s, want 404", resp.Status)
	}
}
