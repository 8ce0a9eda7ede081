package feed_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/plan-cli/plan/export"
	"github.com/plan-cli/plan/export/feed"
	"github.com/plan-cli/plan/schedule"
	"github.com/plan-cli/plan/schedule/importer"
)

// source is a plan of FOSDEM 2026 picks and its program, built into the
// calendars plan serve serves with the functions 'plan export --ics'
// uses (export.PicksCalendar, export.ProgramCalendar).
//
// Its version, what plan serve reads from the files' stamp, counts the
// changes made to it.
type source struct {
	plan     *schedule.Plan
	program  []*schedule.Session
	modified time.Time
	err      error
	changes  atomic.Int64
}

// program is FOSDEM 2026, read once.
var program = sync.OnceValues(func() (*importer.Feed, error) {
	data, err := os.ReadFile("../../testdata/programs/fosdem-2026-pentabarf.xml")
	if err != nil {
		return nil, err
	}
	return importer.Parse(data, "", importer.Options{Name: "fosdem-2026-pentabarf.xml"})
})

func newSource(t *testing.T) *source {
	t.Helper()
	f, err := program()
	if err != nil {
		t.Fatal(err)
	}
	s := &source{
		plan:     &schedule.Plan{Conference: schedule.Conference{Name: f.Conference, TimeZone: f.TimeZone}},
		program:  f.Sessions,
		modified: time.Date(2026, time.January, 20, 9, 30, 0, 0, time.UTC),
	}
	s.add(t, "7886", "7022")
	return s
}

func (s *source) add(t *testing.T, ids ...string) {
	t.Helper()
	found := map[string]*schedule.Session{}
	for _, ses := range s.program {
		found[ses.ID] = ses
	}
	if _, err := s.plan.Add(ids, found, schedule.AddOptions{Priority: schedule.Must}); err != nil {
		t.Fatal(err)
	}
	s.changes.Add(1)
}

// version names the source as it is now: the same version, the same
// calendar.
func (s *source) version(context.Context, string) (string, error) {
	return fmt.Sprintf("%d@%d", s.changes.Load(), s.modified.Unix()), nil
}

func (s *source) calendar(which string) export.Calendar {
	if which == feed.All {
		return export.ProgramCalendar(s.plan, s.program)
	}
	full := map[string]*schedule.Session{}
	for _, ses := range s.program {
		full[ses.ID] = ses
	}
	return export.PicksCalendar(s.plan, full)
}

func (s *source) build(_ context.Context, which string) (feed.Calendar, error) {
	if s.err != nil {
		return feed.Calendar{}, s.err
	}
	v, _ := s.version(context.Background(), which)
	return feed.Calendar{Calendar: s.calendar(which), Modified: s.modified, Version: v}, nil
}

// export is what 'plan export --ics' (with --all for All) writes for the
// source, stamped at its last change.
func (s *source) export(t *testing.T, which string) []byte {
	t.Helper()
	var b bytes.Buffer
	if _, err := export.WriteICS(&b, s.calendar(which), export.ICSOptions{Now: s.modified}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// laptop is the name the tests' requests are addressed to.
var laptop = []string{"laptop.local"}

func get(h http.Handler, method, path string, header ...string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, "http://laptop.local:8080"+path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

// /plan.ics and /all.ics are byte for byte what 'plan export --ics'
// writes, with the headers a calendar app needs.
func TestFeedIsTheExport(t *testing.T) {
	s := newSource(t)
	h := &feed.Handler{Build: s.build, Version: s.version, Hosts: laptop}
	for _, c := range []struct {
		path, which string
		events      int
	}{{"/plan.ics", feed.Picks, 2}, {"/all.ics", feed.All, 800}} {
		w := get(h, http.MethodGet, c.path)
		want := s.export(t, c.which)
		if w.Code != http.StatusOK || !bytes.Equal(w.Body.Bytes(), want) {
			t.Errorf("GET %s: %d, the body differs from the export:\n%s\n---\n%s", c.path, w.Code, w.Body, want)
		}
		if n := bytes.Count(w.Body.Bytes(), []byte("BEGIN:VEVENT")); n < c.events || (c.which == feed.Picks && n != c.events) {
			t.Errorf("GET %s: %d events, want %d", c.path, n, c.events)
		}
		hd := w.Header()
		for k, v := range map[string]string{
			"Content-Type":        "text/calendar; charset=utf-8",
			"Cache-Control":       "no-cache",
			"Content-Disposition": `inline; filename="` + c.which + `.ics"`,
			"Last-Modified":       "Tue, 20 Jan 2026 09:30:00 GMT",
		} {
			if hd.Get(k) != v {
				t.Errorf("GET %s: %s: %q, want %q", c.path, k, hd.Get(k), v)
			}
		}
		if etag := hd.Get("ETag"); len(etag) != 34 || etag[0] != '"' {
			t.Errorf("GET %s: ETag %q, want 32 hex digits in quotes", c.path, etag)
		}
	}
}

// An unchanged calendar costs a 304, by ETag or by date; a changed one is
// sent again with a new ETag.
func TestFeedNotModified(t *testing.T) {
	s := newSource(t)
	h := &feed.Handler{Build: s.build, Version: s.version, Hosts: laptop}
	first := get(h, http.MethodGet, "/plan.ics")
	etag, lastMod := first.Header().Get("ETag"), first.Header().Get("Last-Modified")

	if w := get(h, http.MethodGet, "/plan.ics", "If-None-Match", etag); w.Code != http.StatusNotModified || w.Body.Len() != 0 {
		t.Errorf("If-None-Match the same ETag: %d with %d bytes, want 304 and none", w.Code, w.Body.Len())
	}
	if w := get(h, http.MethodGet, "/plan.ics", "If-Modified-Since", lastMod); w.Code != http.StatusNotModified {
		t.Errorf("If-Modified-Since the same time: %d, want 304", w.Code)
	}
	if w := get(h, http.MethodHead, "/plan.ics"); w.Code != http.StatusOK || w.Body.Len() != 0 || w.Header().Get("ETag") != etag {
		t.Errorf("HEAD: %d with %d bytes and ETag %s", w.Code, w.Body.Len(), w.Header().Get("ETag"))
	}

	// A pick added within the same second: the time says nothing
	// changed, the ETag does.
	s.add(t, "9808")
	w := get(h, http.MethodGet, "/plan.ics", "If-None-Match", etag)
	if w.Code != http.StatusOK || w.Header().Get("ETag") == etag || !bytes.Equal(w.Body.Bytes(), s.export(t, feed.Picks)) {
		t.Errorf("after a new pick: %d, ETag %s (was %s)", w.Code, w.Header().Get("ETag"), etag)
	}
	// A second later, the stamp moves with it.
	s.modified = s.modified.Add(time.Second)
	w2 := get(h, http.MethodGet, "/plan.ics", "If-None-Match", w.Header().Get("ETag"), "If-Modified-Since", lastMod)
	if w2.Code != http.StatusOK || w2.Header().Get("Last-Modified") != "Tue, 20 Jan 2026 09:30:01 GMT" || !bytes.Contains(w2.Body.Bytes(), []byte("DTSTAMP:20260120T093001Z")) {
		t.Errorf("a second later: %d, Last-Modified %s", w2.Code, w2.Header().Get("Last-Modified"))
	}
}

// builds counts the calendars a handler builds, by feed.
type builds struct {
	mu sync.Mutex
	n  map[string]int
}

func (b *builds) built(which string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.n == nil {
		b.n = map[string]int{}
	}
	b.n[which]++
}

func (b *builds) of(which string) int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.n[which]
}

// A calendar is built once for a version of the files and then answered
// from what was built, a 304 too; the next change is served on the next
// request, by one build, with a new ETag, also to a client that sends the
// ETag it had.
func TestFeedKeepsTheCalendar(t *testing.T) {
	s := newSource(t)
	var b builds
	h := &feed.Handler{Build: s.build, Version: s.version, Built: b.built, Hosts: laptop}
	first := get(h, http.MethodGet, "/plan.ics")
	etag := first.Header().Get("ETag")
	if first.Code != http.StatusOK || b.of(feed.Picks) != 1 {
		t.Fatalf("first GET: %d, %d builds", first.Code, b.of(feed.Picks))
	}
	again := get(h, http.MethodGet, "/plan.ics")
	if again.Code != http.StatusOK || again.Header().Get("ETag") != etag || !bytes.Equal(again.Body.Bytes(), s.export(t, feed.Picks)) {
		t.Errorf("second GET: %d, ETag %s (was %s)", again.Code, again.Header().Get("ETag"), etag)
	}
	for _, hdr := range [][]string{{"If-None-Match", etag}, {"If-Modified-Since", first.Header().Get("Last-Modified")}} {
		if w := get(h, http.MethodGet, "/plan.ics", hdr...); w.Code != http.StatusNotModified || w.Body.Len() != 0 {
			t.Errorf("%s: %d with %d bytes, want 304 and none", hdr[0], w.Code, w.Body.Len())
		}
	}
	if n := b.of(feed.Picks); n != 1 {
		t.Errorf("an unchanged plan: %d builds for 4 requests, want 1", n)
	}

	// The plan changes: the next request, with the old ETag, gets the
	// new calendar, built once.
	s.add(t, "9808")
	w := get(h, http.MethodGet, "/plan.ics", "If-None-Match", etag)
	if w.Code != http.StatusOK || w.Header().Get("ETag") == etag || !bytes.Equal(w.Body.Bytes(), s.export(t, feed.Picks)) || bytes.Count(w.Body.Bytes(), []byte("BEGIN:VEVENT")) != 3 {
		t.Errorf("after a new pick, with the old ETag: %d, ETag %s (was %s), %d events", w.Code, w.Header().Get("ETag"), etag, bytes.Count(w.Body.Bytes(), []byte("BEGIN:VEVENT")))
	}
	newTag := w.Header().Get("ETag")
	if w := get(h, http.MethodGet, "/plan.ics", "If-None-Match", newTag); w.Code != http.StatusNotModified {
		t.Errorf("the new ETag: %d, want 304", w.Code)
	}
	if n := b.of(feed.Picks); n != 2 {
		t.Errorf("one change: %d builds in all, want 2", n)
	}
	// Each feed is kept apart.
	for range 2 {
		if w := get(h, http.MethodGet, "/all.ics"); w.Code != http.StatusOK || !bytes.Equal(w.Body.Bytes(), s.export(t, feed.All)) {
			t.Errorf("GET /all.ics: %d, the body differs from the export", w.Code)
		}
	}
	if b.of(feed.All) != 1 || b.of(feed.Picks) != 2 {
		t.Errorf("builds: /all.ics %d, /plan.ics %d; want 1 and 2", b.of(feed.All), b.of(feed.Picks))
	}
}

// Requests for a calendar not built yet, all at once, wait for one build.
func TestFeedBuildsOnceForConcurrentRequests(t *testing.T) {
	s := newSource(t)
	const clients = 8
	var b builds
	var asked atomic.Int64
	everyone, release := make(chan struct{}), make(chan struct{})
	version := func(ctx context.Context, which string) (string, error) {
		if asked.Add(1) == clients {
			close(everyone)
		}
		return s.version(ctx, which)
	}
	build := func(ctx context.Context, which string) (feed.Calendar, error) {
		<-release
		return s.build(ctx, which)
	}
	h := &feed.Handler{Build: build, Version: version, Built: b.built, Hosts: laptop}
	bodies := make(chan *httptest.ResponseRecorder, clients)
	for range clients {
		go func() { bodies <- get(h, http.MethodGet, "/all.ics") }()
	}
	// Every request has read the version, and the first is building.
	<-everyone
	close(release)
	want := s.export(t, feed.All)
	for range clients {
		if w := <-bodies; w.Code != http.StatusOK || !bytes.Equal(w.Body.Bytes(), want) {
			t.Errorf("GET /all.ics: %d, the body differs from the export", w.Code)
		}
	}
	if n := b.of(feed.All); n != 1 {
		t.Errorf("%d requests at once: %d builds, want 1", clients, n)
	}
}

// A request that finds a build under way that read the files before they
// changed does not get that calendar: it gets one of the files it saw.
func TestFeedNeverServesOlder(t *testing.T) {
	s := newSource(t)
	var b builds
	read, release := make(chan struct{}), make(chan struct{})
	var first atomic.Bool
	build := func(ctx context.Context, which string) (feed.Calendar, error) {
		cal, err := s.build(ctx, which)
		if first.CompareAndSwap(false, true) {
			// The first build has read the files; it ends only
			// after they changed.
			close(read)
			<-release
		}
		return cal, err
	}
	// The second request to read the version says so.
	var asked atomic.Int64
	second := make(chan struct{})
	version := func(ctx context.Context, which string) (string, error) {
		v, err := s.version(ctx, which)
		if asked.Add(1) == 2 {
			close(second)
		}
		return v, err
	}
	h := &feed.Handler{Build: build, Version: version, Built: b.built, Hosts: laptop}
	before := s.export(t, feed.Picks)
	old := make(chan *httptest.ResponseRecorder, 1)
	go func() { old <- get(h, http.MethodGet, "/plan.ics") }()
	<-read
	s.add(t, "9808")
	after := s.export(t, feed.Picks)
	// The new request waits for the build under way, then builds.
	newer := make(chan *httptest.ResponseRecorder, 1)
	go func() { newer <- get(h, http.MethodGet, "/plan.ics") }()
	<-second
	close(release)
	if w := <-old; w.Code != http.StatusOK || !bytes.Equal(w.Body.Bytes(), before) {
		t.Errorf("the request before the change: %d, not the calendar of its files", w.Code)
	}
	if w := <-newer; w.Code != http.StatusOK || !bytes.Equal(w.Body.Bytes(), after) {
		t.Errorf("the request after the change: %d, %d events, want the calendar with the new pick (3 events)", w.Code, bytes.Count(w.Body.Bytes(), []byte("BEGIN:VEVENT")))
	}
	if w := get(h, http.MethodGet, "/plan.ics"); !bytes.Equal(w.Body.Bytes(), after) || b.of(feed.Picks) != 2 {
		t.Errorf("a third request: %d builds in all, want 2; the body is the new calendar: %v", b.of(feed.Picks), bytes.Equal(w.Body.Bytes(), after))
	}
}

// With a token, every path starts with it and anything else is 404; the
// log never shows it.
func TestFeedToken(t *testing.T) {
	s := newSource(t)
	var log bytes.Buffer
	h := &feed.Handler{Build: s.build, Hosts: laptop, Token: "k3xq7", Log: &log, Now: func() time.Time { return s.modified }}
	for _, c := range []struct {
		path string
		code int
	}{
		{"/plan.ics", http.StatusNotFound},
		{"/", http.StatusNotFound},
		{"/wrong/plan.ics", http.StatusNotFound},
		{"/k3xq7x/plan.ics", http.StatusNotFound},
		{"/k3xq7", http.StatusFound},
		{"/k3xq7/", http.StatusOK},
		{"/k3xq7/plan.ics", http.StatusOK},
		{"/k3xq7/all.ics", http.StatusOK},
		{"/k3xq7/nothing", http.StatusNotFound},
	} {
		if w := get(h, http.MethodGet, c.path); w.Code != c.code {
			t.Errorf("GET %s: %d, want %d", c.path, w.Code, c.code)
		} else if c.code == http.StatusFound && w.Header().Get("Location") != "/k3xq7/" {
			t.Errorf("GET %s: redirected to %q", c.path, w.Header().Get("Location"))
		}
	}
	if w := get(h, http.MethodGet, "/k3xq7/"); !strings.Contains(w.Body.String(), "webcal://laptop.local:8080/k3xq7/plan.ics") {
		t.Errorf("the page does not link the feed with its token:\n%s", w.Body)
	}
	lines := strings.Split(strings.TrimSpace(log.String()), "\n")
	if len(lines) != 10 || strings.Contains(log.String(), "k3xq7") {
		t.Errorf("want 10 log lines without the token:\n%s", log.String())
	}
	if want := "09:30:00 192.0.2.1:1234 GET /TOKEN/plan.ics 200 "; !strings.HasPrefix(lines[6], want) {
		t.Errorf("log line %q, want it to start %q", lines[6], want)
	}
}

// The page at / has the subscribe links and a QR code, and nothing it
// does not need.
func TestFeedPage(t *testing.T) {
	s := newSource(t)
	h := &feed.Handler{Build: s.build, Hosts: laptop, Title: `FOSDEM <2026>`}
	w := get(h, http.MethodGet, "/")
	body := w.Body.String()
	for _, want := range []string{
		`<title>FOSDEM &lt;2026&gt; — plan</title>`,
		`href="webcal://laptop.local:8080/plan.ics"`,
		`href="webcal://laptop.local:8080/all.ics"`,
		`href="http://laptop.local:8080/plan.ics"`,
		`<svg xmlns="http://www.w3.org/2000/svg"`,
		`aria-label="QR code of webcal://laptop.local:8080/plan.ics"`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the page lacks %s:\n%s", want, body)
		}
	}
	if w.Code != http.StatusOK || w.Header().Get("Content-Type") != "text/html; charset=utf-8" ||
		w.Header().Get("Content-Security-Policy") != "default-src 'none'; style-src 'unsafe-inline'" {
		t.Errorf("GET /: %d %v", w.Code, w.Header())
	}
	if w := get(&feed.Handler{Build: s.build, Hosts: laptop}, http.MethodGet, "/"); !strings.Contains(w.Body.String(), "<h1>My conference plan</h1>") {
		t.Errorf("a page without a title:\n%s", w.Body)
	}
}

// The page's QR code is for a phone: a server on this computer only says
// that a phone cannot reach it and how to listen on the network; one on
// the network, opened here by a loopback name, shows the address a phone
// reaches.
func TestFeedPagePhone(t *testing.T) {
	s := newSource(t)
	page := func(h *feed.Handler, host string) string {
		path := "/"
		if h.Token != "" {
			path = "/" + h.Token + "/"
		}
		r := httptest.NewRequest(http.MethodGet, path, nil)
		r.Host = host
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != http.StatusOK {
			t.Errorf("GET / with Host %s: %d", host, w.Code)
		}
		return w.Body.String()
	}
	body := page(&feed.Handler{Build: s.build, LocalOnly: true}, "127.0.0.1:8080")
	for _, want := range []string{
		`href="webcal://127.0.0.1:8080/plan.ics"`,
		`A phone cannot subscribe here: this server listens on <code>127.0.0.1:8080</code>, which is this computer only`,
		`<pre>plan serve --addr 0.0.0.0:8080</pre>`,
		`with a secret token in it`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the page of a server on 127.0.0.1 lacks %s:\n%s", want, body)
		}
	}
	if strings.Contains(body, "<svg") || strings.Contains(body, "Scan with") {
		t.Errorf("the page of a server on 127.0.0.1 has a QR code a phone cannot use:\n%s", body)
	}
	h := &feed.Handler{Build: s.build, Token: "k3xq7", PhoneHost: "laptop:8080"}
	body = page(h, "localhost:8080")
	for _, want := range []string{
		`href="webcal://localhost:8080/k3xq7/plan.ics"`,
		`aria-label="QR code of webcal://laptop:8080/k3xq7/plan.ics"`,
		`The phone must reach this computer at <code>laptop:8080</code>`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the page of a server on the network opened as localhost lacks %s:\n%s", want, body)
		}
	}
}

// Only GET and HEAD; a plan that cannot be read is a 500 that says why.
func TestFeedErrors(t *testing.T) {
	s := newSource(t)
	h := &feed.Handler{Build: s.build, Hosts: laptop}
	if w := get(h, http.MethodPost, "/plan.ics"); w.Code != http.StatusMethodNotAllowed || w.Header().Get("Allow") != "GET, HEAD" {
		t.Errorf("POST: %d, Allow %q", w.Code, w.Header().Get("Allow"))
	}
	if w := get(h, http.MethodGet, "/plan.yaml"); w.Code != http.StatusNotFound {
		t.Errorf("GET /plan.yaml: %d", w.Code)
	}
	s.err = errors.New("plan.yaml:3: bad indentation")
	if w := get(h, http.MethodGet, "/plan.ics"); w.Code != http.StatusInternalServerError || !strings.Contains(w.Body.String(), "plan: plan.yaml:3: bad indentation") {
		t.Errorf("a broken plan: %d %s", w.Code, w.Body)
	}
	s.err = nil
	s.plan.Conference.TimeZone = "Mars/Olympus_Mons"
	if w := get(h, http.MethodGet, "/plan.ics"); w.Code != http.StatusInternalServerError || !strings.Contains(w.Body.String(), "unknown time zone") {
		t.Errorf("a calendar that cannot be written: %d %s", w.Code, w.Body)
	}
}

func TestQRCodeSVG(t *testing.T) {
	svg, err := feed.QRCodeSVG("webcal://laptop.local:8080/plan.ics")
	if err != nil || !strings.HasPrefix(svg, "<svg") || !strings.HasSuffix(svg, "</svg>") || strings.Count(svg, "h1v1h-1z") < 100 {
		t.Errorf("QRCodeSVG: %v\n%s", err, svg)
	}
	if _, err := feed.QRCodeSVG(strings.Repeat("x", 5000)); err == nil {
		t.Error("a text too long for a QR code: no error")
	}
}

// Only a request addressed to one of the server's names is answered. A
// web page whose name an attacker rebinds to this machine's address (DNS
// rebinding) reaches the server with its own name as Host: it gets 421
// and no calendar, and the log says why.
func TestFeedHost(t *testing.T) {
	s := newSource(t)
	var log bytes.Buffer
	h := &feed.Handler{Build: s.build, Hosts: []string{"laptop.local", "192.168.1.20", "fd00::20"}, Log: &log, Now: func() time.Time { return s.modified }}
	for _, c := range []struct {
		host string
		code int
	}{
		{"laptop.local:8080", 200},
		{"Laptop.Local:8080", 200},
		{"laptop.local", 200},
		{"192.168.1.20:8080", 200},
		{"192.168.1.20", 200},
		{"[fd00::20]:8080", 200},
		{"[fd00:0::20]:8080", 200},
		{"localhost:8080", 200},
		{"localhost", 200},
		{"127.0.0.1:8080", 200},
		{"127.0.0.1", 200},
		{"[::1]:8080", 200},
		{"[::1]", 200},
		{"evil.example:8080", http.StatusMisdirectedRequest},
		{"evil.example", http.StatusMisdirectedRequest},
		{"laptop.local.evil.example:8080", http.StatusMisdirectedRequest},
		{"localhost.evil.example", http.StatusMisdirectedRequest},
		{"192.168.1.21:8080", http.StatusMisdirectedRequest},
		{"[fd00::21]:8080", http.StatusMisdirectedRequest},
		{"", http.StatusMisdirectedRequest},
	} {
		for _, path := range []string{"/plan.ics", "/all.ics", "/"} {
			r := httptest.NewRequest(http.MethodGet, path, nil)
			r.Host = c.host
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			if w.Code != c.code {
				t.Errorf("GET %s with Host %q: %d, want %d", path, c.host, w.Code, c.code)
			}
			if c.code != 200 && (strings.Contains(w.Body.String(), "BEGIN:VCALENDAR") || strings.Contains(w.Body.String(), "webcal:")) {
				t.Errorf("GET %s with Host %q: the answer has the calendar:\n%.300s", path, c.host, w.Body)
			}
		}
	}
	// An address is answered when the request came in at it: the
	// machine's address on a network it joined after the server started.
	for _, c := range []struct {
		host, local string
		code        int
	}{
		{"10.1.2.3:8080", "10.1.2.3", 200},
		{"[fd00::3]:8080", "fd00::3", 200},
		{"10.1.2.3:8080", "10.1.2.4", http.StatusMisdirectedRequest},
		{"evil.example:8080", "10.1.2.3", http.StatusMisdirectedRequest},
	} {
		r := httptest.NewRequest(http.MethodGet, "/plan.ics", nil)
		r.Host = c.host
		r = r.WithContext(context.WithValue(r.Context(), http.LocalAddrContextKey, &net.TCPAddr{IP: net.ParseIP(c.local), Port: 8080}))
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != c.code {
			t.Errorf("GET /plan.ics with Host %q at %s: %d, want %d", c.host, c.local, w.Code, c.code)
		}
	}
	want := `09:30:00 192.0.2.1:1234 GET /plan.ics 421 `
	why := ` (Host "evil.example:8080" is not a name of this server: to answer to it, start plan serve with --allow-host evil.example)`
	found := false
	for _, line := range strings.Split(log.String(), "\n") {
		if strings.HasPrefix(line, want) && strings.HasSuffix(line, why) {
			found = true
		}
	}
	if !found {
		t.Errorf("the log does not say why evil.example:8080 got 421; want a line %q…%q:\n%s", want, why, log.String())
	}
}

// A request's path cannot write a line of its own into the log: CR, LF
// and escape sequences in it are logged escaped.
func TestFeedLogEscapesThePath(t *testing.T) {
	s := newSource(t)
	var log bytes.Buffer
	h := &feed.Handler{Build: s.build, Hosts: []string{"laptop.local"}, Log: &log, Token: "k3xq7", Now: func() time.Time { return s.modified }}
	if w := get(h, http.MethodGet, "/k3xq7/%1b]0;X%07%0d%0aFAKE%20LOG%20LINE%20200%20"); w.Code != http.StatusNotFound {
		t.Errorf("GET: %d, want 404", w.Code)
	}
	want := "09:30:00 192.0.2.1:1234 GET /TOKEN/%1B%5D0;X%07%0D%0AFAKE%20LOG%20LINE%20200%20 404 19B "
	if strings.Count(log.String(), "\n") != 1 || !strings.HasPrefix(log.String(), want) || strings.ContainsAny(log.String(), "\r\x1b\a") {
		t.Errorf("want one log line starting %q, got:\n%q", want, log.String())
	}
}

// At most MaxCalendars calendars are built or sent at once: a request that
// finds no room within Wait gets 503, Retry-After and no calendar, and
// its connection is closed; the page, which builds nothing, is answered
// meanwhile, and once a calendar is done the next request gets one.
func TestFeedBusy(t *testing.T) {
	s := newSource(t)
	started, release := make(chan struct{}, 10), make(chan struct{})
	build := func(ctx context.Context, which string) (feed.Calendar, error) {
		started <- struct{}{}
		<-release
		return s.build(ctx, which)
	}
	h := &feed.Handler{Build: build, Hosts: []string{"laptop.local"}, MaxCalendars: 2, MaxBuilding: 2, Wait: time.Millisecond}
	codes := make(chan int, 2)
	for _, path := range []string{"/plan.ics", "/all.ics"} {
		go func() { codes <- get(h, http.MethodGet, path).Code }()
	}
	<-started
	<-started
	w := get(h, http.MethodGet, "/plan.ics")
	if w.Code != http.StatusServiceUnavailable || w.Header().Get("Retry-After") == "" || w.Header().Get("Connection") != "close" || strings.Contains(w.Body.String(), "BEGIN:VCALENDAR") {
		t.Errorf("a third calendar while two are built: %d, Retry-After %q, Connection %q\n%s", w.Code, w.Header().Get("Retry-After"), w.Header().Get("Connection"), w.Body)
	}
	if w := get(h, http.MethodGet, "/"); w.Code != http.StatusOK {
		t.Errorf("the page while two calendars are built: %d", w.Code)
	}
	close(release)
	for range 2 {
		if code := <-codes; code != http.StatusOK {
			t.Errorf("a calendar being built: %d", code)
		}
	}
	if w := get(h, http.MethodGet, "/plan.ics"); w.Code != http.StatusOK {
		t.Errorf("a calendar after the others: %d", w.Code)
	}
}

// lockedBuffer is a log the test reads while the handler writes it.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// smallBuffers accepts connections with a small send buffer, so that the
// kernel does not take a whole calendar in for a client that stops
// reading (as it does for 1.5 MB on loopback).
type smallBuffers struct{ net.Listener }

func (l smallBuffers) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if tc, ok := c.(*net.TCPConn); ok {
		tc.SetWriteBuffer(4096)
	}
	return c, err
}

// A client that stops reading a calendar is dropped once it has taken
// none of it for Stall: the request ends, its place and its calendar are
// freed, and the connection is closed.
func TestFeedStall(t *testing.T) {
	s := newSource(t)
	var log lockedBuffer
	h := &feed.Handler{Build: s.build, Hosts: []string{"127.0.0.1"}, Log: &log, Stall: 200 * time.Millisecond, MaxCalendars: 1}
	srv := httptest.NewUnstartedServer(h)
	srv.Listener = smallBuffers{srv.Listener}
	srv.Start()
	defer srv.Close()

	c, err := net.Dial("tcp", srv.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.(*net.TCPConn).SetReadBuffer(4096)
	fmt.Fprintf(c, "GET /all.ics HTTP/1.1\r\nHost: %s\r\n\r\n", srv.Listener.Addr())
	// The limit is for a server that never drops the client.
	for deadline := time.Now().Add(time.Minute); !strings.Contains(log.String(), "GET /all.ics") && time.Now().Before(deadline); {
		time.Sleep(20 * time.Millisecond)
	}
	full := len(s.export(t, feed.All))
	m := regexp.MustCompile(`GET /all.ics 200 (\d+)B`).FindStringSubmatch(log.String())
	if m == nil {
		t.Fatalf("a client that does not read /all.ics is still being served a minute later; the log:\n%s", log.String())
	}
	if n, _ := strconv.Atoi(m[1]); n >= full {
		t.Errorf("the client that does not read got all %d bytes: the test's buffers are too large to show a stall", n)
	}
	// Its place is free: the next client gets the calendar.
	resp, err := srv.Client().Get(srv.URL + "/all.ics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || len(body) != full {
		t.Errorf("the next client: %s, %d bytes of %d", resp.Status, len(body), full)
	}
	// And the connection is closed: what the kernel holds, then the end.
	c.SetReadDeadline(time.Now().Add(time.Minute))
	if n, err := io.Copy(io.Discard, c); err != nil && !errors.Is(err, syscall.ECONNRESET) || n >= int64(full) {
		t.Errorf("the stalled connection: read %d bytes, then %v; want fewer than %d, then its end", n, err, full)
	}
}
