package cmd

import (
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// startServe runs 'plan serve' on the plan in dir until the test ends and
// returns its address.
func startServe(t *testing.T, dir string, args ...string) (addr string, stop func() string) {
	t.Helper()
	return startServeWith(t, dir, nil, args...)
}

// startServeWith is startServe with hook, when not nil, given the
// options before the server starts.
func startServeWith(t *testing.T, dir string, hook func(*serveOptions), args ...string) (addr string, stop func() string) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ios, _, _, errOut := NewTestIO(false)
	f := newFactory(ctx, ios)
	f.planFlag = filepath.Join(dir, "plan.yaml")
	ready := make(chan string, 1)
	done := make(chan error, 1)
	c := newServeCmd(f, func(o *serveOptions) error {
		o.ready = func(a string) { ready <- a }
		if hook != nil {
			hook(o)
		}
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
	// On 127.0.0.1 a phone cannot reach the server: the page says so and
	// shows no QR code.
	resp, page := get(t, base+"/")
	if resp.StatusCode != 200 || !strings.Contains(page, "webcal://"+addr+"/plan.ics") || strings.Contains(page, "<svg") || !strings.Contains(page, "A phone cannot subscribe here") {
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

// builtCount counts the calendars a server builds, by feed.
type builtCount struct {
	mu sync.Mutex
	n  map[string]int
}

func (b *builtCount) hook(o *serveOptions) {
	o.built = func(which string) {
		b.mu.Lock()
		defer b.mu.Unlock()
		if b.n == nil {
			b.n = map[string]int{}
		}
		b.n[which]++
	}
}

func (b *builtCount) of(which string) int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.n[which]
}

// The server builds a calendar once for the plan as it is: the next
// requests, and a calendar app that already has it (304), are answered
// without building it again. Each change (plan add, an edit by hand of
// the same size within the same instant) is served on the next request,
// built once, with a new ETag, also to an app that sends the old one; and
// always as 'plan export --ics' writes it.
func TestServeKeepsTheCalendar(t *testing.T) {
	dir := fosdemPlan(t)
	var b builtCount
	addr, _ := startServeWith(t, dir, b.hook, "--addr", "127.0.0.1:0")
	base := "http://" + addr
	sameAsExport := func(feed string) bool {
		t.Helper()
		_, export, _ := run(t, dir, false, "export", "--ics")
		return dtstampRE.ReplaceAllString(feed, "") == dtstampRE.ReplaceAllString(export, "")
	}

	resp, first := get(t, base+"/plan.ics")
	etag := resp.Header.Get("ETag")
	if resp.StatusCode != 200 || !sameAsExport(first) {
		t.Fatalf("GET /plan.ics: %s, or not what plan export --ics writes", resp.Status)
	}
	if resp, body := get(t, base+"/plan.ics"); resp.StatusCode != 200 || body != first || resp.Header.Get("ETag") != etag {
		t.Errorf("GET /plan.ics again: %s, ETag %s (was %s)", resp.Status, resp.Header.Get("ETag"), etag)
	}
	if resp, _ := get(t, base+"/plan.ics", "If-None-Match", etag); resp.StatusCode != http.StatusNotModified {
		t.Errorf("If-None-Match the current ETag: %s, want 304", resp.Status)
	}
	if n := b.of("plan"); n != 1 {
		t.Errorf("an unchanged plan: %d builds for 3 requests, want 1", n)
	}

	if code, _, errOut := run(t, dir, false, "add", "9808"); code != 0 {
		t.Fatal(errOut)
	}
	resp, added := get(t, base+"/plan.ics", "If-None-Match", etag)
	if resp.StatusCode != 200 || resp.Header.Get("ETag") == etag || !strings.Contains(added, "Welcome to the AI Plumbers Devroom") || !sameAsExport(added) {
		t.Errorf("after plan add, with the old ETag: %s, ETag %s (was %s), or not what plan export --ics writes", resp.Status, resp.Header.Get("ETag"), etag)
	}
	etag = resp.Header.Get("ETag")
	if resp, _ := get(t, base+"/plan.ics", "If-None-Match", etag); resp.StatusCode != http.StatusNotModified {
		t.Errorf("If-None-Match the new ETag: %s, want 304", resp.Status)
	}
	if n := b.of("plan"); n != 2 {
		t.Errorf("one plan add: %d builds in all, want 2", n)
	}

	// An edit by hand that keeps the file's size and time.
	plan := filepath.Join(dir, "plan.yaml")
	fi, err := os.Stat(plan)
	if err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(plan)
	if !strings.Contains(string(data), "priority: must") {
		t.Fatalf("no must in the plan:\n%s", data)
	}
	os.WriteFile(plan, []byte(strings.Replace(string(data), "priority: must", "priority: want", 1)), 0o644)
	os.Chtimes(plan, fi.ModTime(), fi.ModTime())
	resp, edited := get(t, base+"/plan.ics", "If-None-Match", etag)
	if resp.StatusCode != 200 || resp.Header.Get("ETag") == etag || edited == added || !sameAsExport(edited) {
		t.Errorf("after an edit of the same size and time: %s, ETag %s (was %s), or not what plan export --ics writes", resp.Status, resp.Header.Get("ETag"), etag)
	}
}

// Calendar apps that ask at once for a calendar not built yet wait for
// one build.
func TestServeBuildsOnceForConcurrentRequests(t *testing.T) {
	dir := fosdemPlan(t)
	var b builtCount
	addr, _ := startServeWith(t, dir, b.hook, "--addr", "127.0.0.1:0")
	const clients = 8
	bodies := make(chan string, clients)
	for range clients {
		go func() {
			resp, err := http.Get("http://" + addr + "/all.ics")
			if err != nil {
				bodies <- err.Error()
				return
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			bodies <- resp.Status + "\n" + string(body)
		}()
	}
	_, export, _ := run(t, dir, false, "export", "--ics", "--all")
	for range clients {
		got := <-bodies
		body, ok := strings.CutPrefix(got, "200 OK\n")
		if !ok || dtstampRE.ReplaceAllString(body, "") != dtstampRE.ReplaceAllString(export, "") {
			t.Errorf("GET /all.ics: %.100s, or not what plan export --ics --all writes", got)
		}
	}
	if n := b.of("all"); n != 1 {
		t.Errorf("%d requests at once: %d builds, want 1", clients, n)
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
	// The page, opened here, has a QR code of the address a phone
	// reaches, the one printed at start.
	if resp, page := get(t, local+"/"+m[1]+"/"); resp.StatusCode != 200 || !strings.Contains(page, "<svg") || strings.Contains(page, "QR code of webcal://127.0.0.1") {
		t.Errorf("the page on the network: %s\n%s", resp.Status, page)
	}
	if resp, _ := get(t, local+"/wrong/plan.ics"); resp.StatusCode != 404 {
		t.Errorf("a wrong token: %s, want 404", resp.Status)
	}
}

// getHost is get with the Host header a browser sends for a name that
// was rebound to this machine's address (DNS rebinding).
func getHost(t *testing.T, url, host string) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	req.Host = host
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, string(body)
}

// A web page on evil.example whose name is rebound to 127.0.0.1 reaches
// plan serve, same-origin: it gets 421 and no calendar. The names of
// this machine and those given with --allow-host are answered.
func TestServeHost(t *testing.T) {
	dir := fosdemPlan(t)
	addr, stop := startServe(t, dir, "--addr", "127.0.0.1:0")
	_, port, _ := net.SplitHostPort(addr)
	base := "http://" + addr
	for _, path := range []string{"/plan.ics", "/all.ics", "/"} {
		for _, host := range []string{"evil.example:" + port, "evil.example", "plan.lan:" + port} {
			resp, body := getHost(t, base+path, host)
			if resp.StatusCode != http.StatusMisdirectedRequest || strings.Contains(body, "BEGIN:VCALENDAR") || strings.Contains(body, "webcal:") {
				t.Errorf("GET %s with Host %s: %s, want 421 and no calendar\n%.200s", path, host, resp.Status, body)
			}
		}
		for _, host := range []string{"127.0.0.1:" + port, "localhost:" + port, "[::1]:" + port, "localhost"} {
			if resp, _ := getHost(t, base+path, host); resp.StatusCode != 200 {
				t.Errorf("GET %s with Host %s: %s, want 200", path, host, resp.Status)
			}
		}
	}
	if log := stop(); !strings.Contains(log, ` 421 `) || !strings.Contains(log, `(Host "evil.example:`+port+`" is not a name of this server: to answer to it, start plan serve with --allow-host evil.example)`) {
		t.Errorf("the log does not say why a request got 421:\n%s", log)
	}

	addr, _ = startServe(t, dir, "--addr", "127.0.0.1:0", "--allow-host", "plan.lan", "--allow-host", "Cal.Home.Arpa:8080")
	_, port, _ = net.SplitHostPort(addr)
	for _, host := range []string{"plan.lan:" + port, "plan.lan", "cal.home.arpa:" + port, "127.0.0.1:" + port} {
		if resp, body := getHost(t, "http://"+addr+"/plan.ics", host); resp.StatusCode != 200 || !strings.Contains(body, "BEGIN:VCALENDAR") {
			t.Errorf("--allow-host plan.lan: GET /plan.ics with Host %s: %s", host, resp.Status)
		}
	}
	if resp, _ := getHost(t, "http://"+addr+"/plan.ics", "evil.example:"+port); resp.StatusCode != http.StatusMisdirectedRequest {
		t.Errorf("--allow-host plan.lan: GET /plan.ics with Host evil.example: %s, want 421", resp.Status)
	}
}

// Listening on every address, plan serve answers to this machine's own
// addresses and name (the link it prints) with the token; another Host
// gets 421 even with the token.
func TestServeHostOnTheNetwork(t *testing.T) {
	dir := fosdemPlan(t)
	addr, stop := startServe(t, dir, "--addr", "0.0.0.0:0", "--token", "k3xq7")
	_, port, _ := net.SplitHostPort(addr)
	local := "http://127.0.0.1:" + port + "/k3xq7"
	hosts := []string{"127.0.0.1:" + port, "localhost:" + port}
	if name, err := os.Hostname(); err == nil {
		hosts = append(hosts, name+":"+port)
	}
	addrs, _ := net.InterfaceAddrs()
	for _, a := range addrs {
		if ipn, ok := a.(*net.IPNet); ok && !ipn.IP.IsLoopback() && !ipn.IP.IsLinkLocalUnicast() {
			hosts = append(hosts, net.JoinHostPort(ipn.IP.String(), port))
		}
	}
	for _, host := range hosts {
		if resp, body := getHost(t, local+"/plan.ics", host); resp.StatusCode != 200 || !strings.Contains(body, "BEGIN:VCALENDAR") {
			t.Errorf("GET /TOKEN/plan.ics with Host %s: %s, want 200", host, resp.Status)
		}
	}
	if resp, body := getHost(t, local+"/plan.ics", "evil.example:"+port); resp.StatusCode != http.StatusMisdirectedRequest || strings.Contains(body, "BEGIN:VCALENDAR") {
		t.Errorf("GET /TOKEN/plan.ics with Host evil.example: %s, want 421 and no calendar", resp.Status)
	}
	if log := stop(); regexp.MustCompile(`(?m)^\d\d:\d\d:\d\d .*k3xq7`).MatchString(log) {
		t.Errorf("a request's log line shows the token:\n%s", log)
	}
}

// A CR LF in a request's path does not forge a line of the log: one
// request, one line.
func TestServeLogOneLinePerRequest(t *testing.T) {
	dir := fosdemPlan(t)
	addr, stop := startServe(t, dir, "--addr", "127.0.0.1:0")
	get(t, "http://"+addr+"/%1b]0;X%07%0d%0aFAKE%20LOG%20LINE")
	get(t, "http://"+addr+"/plan.ics%0d%0a12:00:00%20127.0.0.1:1%20GET%20/all.ics%20200%201B%200s")
	log := stop()
	lines := strings.Split(strings.TrimSuffix(log, "\n"), "\n")
	var requests []string
	for _, l := range lines {
		if !strings.HasPrefix(l, "Serving ") && !strings.HasPrefix(l, "  ") && l != "Stopped." {
			requests = append(requests, l)
		}
	}
	if len(requests) != 2 || !strings.Contains(requests[0], " GET /%1B%5D0;X%07%0D%0AFAKE%20LOG%20LINE 404 ") || !strings.Contains(requests[1], " GET /plan.ics%0D%0A12:00:00%20127.0.0.1:1%20GET%20/all.ics%20200%201B%200s 404 ") {
		t.Errorf("want two log lines, one per request, with the paths escaped:\n%s", log)
	}
}
