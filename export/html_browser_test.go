//go:build unix

package export

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"golang.org/x/net/websocket"

	"github.com/plan-cli/plan/schedule"
)

// The HTML pages in headless Chromium (Debian's chromium, installed by
// .ci/install.d/30-chromium.sh). The tests skip without it, and in
// go test -short, unless CI=true or PLAN_REQUIRE_BROWSER=1, which make a
// missing browser a failure. Screenshots go to $PLAN_TEST_ARTIFACTS when
// set, else to the test's temporary folder (kept in the log).

func browserRequired() bool {
	return os.Getenv("CI") == "true" || os.Getenv("PLAN_REQUIRE_BROWSER") == "1"
}

// needTool finds a program or skips (or fails, when required).
func needTool(t *testing.T, names ...string) string {
	t.Helper()
	if testing.Short() && !browserRequired() {
		t.Skip("browser checks are not part of go test -short (set PLAN_REQUIRE_BROWSER=1)")
	}
	for _, n := range names {
		if path, err := exec.LookPath(n); err == nil {
			return path
		}
	}
	if browserRequired() {
		t.Fatalf("none of %s is installed (.ci/install.d/30-chromium.sh installs it)", strings.Join(names, ", "))
	}
	t.Skipf("none of %s is installed; skipping (PLAN_REQUIRE_BROWSER=1 makes this a failure)", strings.Join(names, ", "))
	return ""
}

// browser is a headless Chromium and one page of it, driven over the
// DevTools protocol.
type browser struct {
	t    *testing.T
	ws   *websocket.Conn
	mu   sync.Mutex
	next int
	wait map[int]chan cdpMessage
	// problems are console errors, uncaught exceptions, failed loads and
	// dialogs (an injected alert()) the page caused.
	problems []string
	loaded   chan struct{}
}

type cdpMessage struct {
	ID     int             `json:"id"`
	Method string          `json:"method"`
	Params json.RawMessage `json:"params"`
	Result json.RawMessage `json:"result"`
	Error  *struct {
		Message string `json:"message"`
	} `json:"error"`
}

func startBrowser(t *testing.T) *browser {
	t.Helper()
	bin := needTool(t, "chromium", "chromium-browser", "google-chrome")
	profile := t.TempDir()
	cmd := exec.Command(bin, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions",
		"--hide-scrollbars", "--mute-audio", "--remote-debugging-port=0", "--remote-debugging-address=127.0.0.1", "--remote-allow-origins=http://127.0.0.1",
		"--user-data-dir="+profile, "about:blank")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	pid := cmd.Process.Pid
	t.Cleanup(func() {
		// The browser and its helpers are in the group this test made.
		_ = syscall.Kill(-pid, syscall.SIGKILL)
		_ = cmd.Wait()
	})
	found := make(chan string, 1)
	var log bytes.Buffer
	var logMu sync.Mutex
	go func() {
		sc := bufio.NewScanner(stderr)
		sent := false
		for sc.Scan() {
			logMu.Lock()
			log.WriteString(sc.Text() + "\n")
			logMu.Unlock()
			if m := regexp.MustCompile(`DevTools listening on (ws://\S+)`).FindStringSubmatch(sc.Text()); m != nil && !sent {
				found <- m[1]
				sent = true
			}
		}
	}()
	var endpoint string
	select {
	case endpoint = <-found:
	case <-time.After(30 * time.Second):
		logMu.Lock()
		defer logMu.Unlock()
		t.Fatalf("chromium did not start its DevTools endpoint in 30 s:\n%s", log.String())
	}
	host := strings.TrimPrefix(endpoint, "ws://")
	host = host[:strings.Index(host, "/")]
	var pageURL string
	for deadline := time.Now().Add(10 * time.Second); pageURL == "" && time.Now().Before(deadline); {
		resp, err := http.Get("http://" + host + "/json/list")
		if err == nil {
			var targets []struct{ Type, WebSocketDebuggerURL string }
			_ = json.NewDecoder(resp.Body).Decode(&targets) // none is retried
			resp.Body.Close()
			for _, tg := range targets {
				if tg.Type == "page" && pageURL == "" {
					pageURL = tg.WebSocketDebuggerURL
				}
			}
		}
		if pageURL == "" {
			time.Sleep(100 * time.Millisecond)
		}
	}
	if pageURL == "" {
		t.Fatal("chromium shows no page target")
	}
	// x/net/websocket always sends an Origin; Chromium accepts the one
	// --remote-allow-origins names.
	ws, err := websocket.Dial(pageURL, "", "http://127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	ws.MaxPayloadBytes = 256 << 20
	t.Cleanup(func() { ws.Close() })
	b := &browser{t: t, ws: ws, wait: map[int]chan cdpMessage{}, loaded: make(chan struct{}, 8)}
	go b.read()
	for _, m := range []string{"Page.enable", "Runtime.enable", "Log.enable"} {
		b.call(m, nil)
	}
	return b
}

func (b *browser) read() {
	for {
		var m cdpMessage
		if err := websocket.JSON.Receive(b.ws, &m); err != nil {
			b.mu.Lock()
			for id, ch := range b.wait {
				close(ch)
				delete(b.wait, id)
			}
			b.mu.Unlock()
			return
		}
		if m.ID != 0 {
			b.mu.Lock()
			ch := b.wait[m.ID]
			delete(b.wait, m.ID)
			b.mu.Unlock()
			if ch != nil {
				ch <- m
			}
			continue
		}
		b.event(m)
	}
}

func (b *browser) event(m cdpMessage) {
	var problem string
	switch m.Method {
	case "Page.loadEventFired":
		b.loaded <- struct{}{}
	case "Runtime.consoleAPICalled":
		var p struct {
			Type string
			Args []struct {
				Value       any
				Description string
			}
		}
		_ = json.Unmarshal(m.Params, &p)
		if p.Type == "error" || p.Type == "assert" || p.Type == "warning" {
			problem = fmt.Sprintf("console.%s: %v", p.Type, p.Args)
		}
	case "Runtime.exceptionThrown":
		problem = "exception: " + string(m.Params)
	case "Log.entryAdded":
		var p struct {
			Entry struct{ Level, Text, URL string }
		}
		_ = json.Unmarshal(m.Params, &p)
		if p.Entry.Level == "error" || p.Entry.Level == "warning" {
			problem = fmt.Sprintf("log %s: %s %s", p.Entry.Level, p.Entry.Text, p.Entry.URL)
		}
	case "Page.javascriptDialogOpening":
		problem = "a dialog opened: " + string(m.Params)
		// Answered without waiting: this runs on the reading goroutine.
		b.mu.Lock()
		b.next++
		id := b.next
		b.mu.Unlock()
		go func() {
			_ = websocket.JSON.Send(b.ws, map[string]any{"id": id, "method": "Page.handleJavaScriptDialog", "params": map[string]any{"accept": true}})
		}()
	}
	if problem != "" {
		b.mu.Lock()
		b.problems = append(b.problems, problem)
		b.mu.Unlock()
	}
}

// call sends one command and returns its result.
func (b *browser) call(method string, params any) json.RawMessage {
	b.t.Helper()
	b.mu.Lock()
	b.next++
	id := b.next
	ch := make(chan cdpMessage, 1)
	b.wait[id] = ch
	b.mu.Unlock()
	msg := map[string]any{"id": id, "method": method}
	if params != nil {
		msg["params"] = params
	}
	if err := websocket.JSON.Send(b.ws, msg); err != nil {
		b.t.Fatalf("%s: %v", method, err)
	}
	select {
	case m, ok := <-ch:
		if !ok {
			b.t.Fatalf("%s: the browser went away", method)
		}
		if m.Error != nil {
			b.t.Fatalf("%s: %s", method, m.Error.Message)
		}
		return m.Result
	case <-time.After(60 * time.Second):
		b.t.Fatalf("%s: no answer in 60 s", method)
	}
	return nil
}

// open shows the file at the given size and waits for it to load.
func (b *browser) open(path string, w, h int, dark bool) { b.openAs(path, w, h, dark, "") }

// openAs is open with a media type ("print"; "" is the screen).
func (b *browser) openAs(path string, w, h int, dark bool, media string) {
	b.t.Helper()
	b.call("Emulation.setDeviceMetricsOverride", map[string]any{"width": w, "height": h, "deviceScaleFactor": 1, "mobile": w < 600})
	scheme := "light"
	if dark {
		scheme = "dark"
	}
	b.call("Emulation.setEmulatedMedia", map[string]any{"media": media, "features": []map[string]string{{"name": "prefers-color-scheme", "value": scheme}}})
	for len(b.loaded) > 0 {
		<-b.loaded
	}
	b.call("Page.navigate", map[string]any{"url": "file://" + path})
	select {
	case <-b.loaded:
	case <-time.After(30 * time.Second):
		b.t.Fatalf("%s did not load in 30 s", path)
	}
}

// eval runs a JavaScript expression and decodes its (JSON) value into v.
func (b *browser) eval(expr string, v any) {
	b.t.Helper()
	res := b.call("Runtime.evaluate", map[string]any{"expression": expr, "returnByValue": true})
	var r struct {
		Result struct {
			Value json.RawMessage
		}
		ExceptionDetails json.RawMessage
	}
	if err := json.Unmarshal(res, &r); err != nil || r.ExceptionDetails != nil {
		b.t.Fatalf("evaluating %s: %v %s", expr, err, r.ExceptionDetails)
	}
	if err := json.Unmarshal(r.Result.Value, v); err != nil {
		b.t.Fatalf("evaluating %s: %v in %s", expr, err, r.Result.Value)
	}
}

// screenshot writes the whole page as a PNG and returns its path.
func (b *browser) screenshot(name string, w int) string {
	b.t.Helper()
	var height float64
	b.eval(`document.documentElement.scrollHeight`, &height)
	res := b.call("Page.captureScreenshot", map[string]any{"format": "png", "captureBeyondViewport": true,
		"clip": map[string]any{"x": 0, "y": 0, "width": w, "height": height, "scale": 1}})
	var r struct{ Data string }
	if err := json.Unmarshal(res, &r); err != nil {
		b.t.Fatal(err)
	}
	png, err := base64.StdEncoding.DecodeString(r.Data)
	if err != nil || !bytes.HasPrefix(png, []byte("\x89PNG")) {
		b.t.Fatalf("screenshot is not a PNG: %v", err)
	}
	path := writeArtifact(b.t, name, png)
	b.t.Logf("screenshot: %s", path)
	// Screens of the page one after another, easier to look at than one
	// long picture.
	for i, y := 0, 0.0; y < height && i < 12; i, y = i+1, y+900 {
		res := b.call("Page.captureScreenshot", map[string]any{"format": "png", "captureBeyondViewport": true,
			"clip": map[string]any{"x": 0, "y": y, "width": w, "height": min(900, height-y), "scale": 1}})
		var r struct{ Data string }
		if err := json.Unmarshal(res, &r); err == nil {
			if part, err := base64.StdEncoding.DecodeString(r.Data); err == nil {
				writeArtifact(b.t, fmt.Sprintf("%s-screen%d.png", strings.TrimSuffix(name, ".png"), i+1), part)
			}
		}
	}
	return path
}

func (b *browser) takeProblems() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	p := b.problems
	b.problems = nil
	return p
}

// layout is what a test reads back from the rendered page.
type layout struct {
	ScrollWidth, InnerWidth int
	Wide                    []string // elements reaching past the right edge
	Figures                 []string
	Charts                  []struct {
		Caption       string
		Width, Height float64
		Shapes        int
	}
	Scripts, Images int
	Text            string
}

// readLayout measures against the layout viewport (clientWidth), which a
// phone does not widen for a page that says width=device-width, rather
// than the visual one, which a browser may zoom out to fit a wide page.
const readLayout = `(() => {
  const W = document.documentElement.clientWidth;
  const wide = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.right > W + 0.5 && !el.closest('svg title')) wide.push(el.tagName + '.' + el.className + ' ' + Math.round(r.right));
  }
  return {
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: W,
    wide: wide.slice(0, 10),
    figures: [...document.querySelectorAll('.figures li')].map(li => li.innerText.replace(/\s+/g, ' ').trim()),
    charts: [...document.querySelectorAll('figure')].map(f => {
      const s = f.querySelector('svg'); const r = s ? s.getBoundingClientRect() : {width: 0, height: 0};
      return {caption: (f.querySelector('figcaption') || {innerText: ''}).innerText, width: r.width, height: r.height,
        shapes: s ? s.querySelectorAll('rect,path').length : 0};
    }),
    scripts: document.querySelectorAll('script').length,
    images: document.querySelectorAll('img,image,iframe,object,embed').length,
    text: document.body.innerText,
  };
})()`

func writePage(t *testing.T, name string, p *schedule.Plan, now time.Time, opts HTMLOptions) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(renderPage(t, p, now, opts)), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// The SCALE 22x recap after the conference: no console errors, no
// sideways scrolling on a phone or a laptop, the figures in the recap's
// order, and the charts drawn.
func TestHTMLRecapInChromium(t *testing.T) {
	b := startBrowser(t)
	p := attendAll(scalePlan(t))
	path := writePage(t, "recap.html", p, afterSCALE, HTMLOptions{})
	for _, v := range []struct {
		w, h int
		dark bool
	}{{390, 844, false}, {1280, 800, false}, {390, 844, true}} {
		name := fmt.Sprintf("recap-%d", v.w)
		if v.dark {
			name += "-dark"
		}
		t.Run(name, func(t *testing.T) {
			b.t = t
			b.open(path, v.w, v.h, v.dark)
			var l layout
			b.eval(readLayout, &l)
			b.screenshot(name+".png", v.w)
			if probs := b.takeProblems(); len(probs) > 0 {
				t.Errorf("the page caused %d console problem(s):\n%s", len(probs), strings.Join(probs, "\n"))
			}
			if l.ScrollWidth > l.InnerWidth || l.InnerWidth != v.w {
				t.Errorf("at %d px (layout %d px) the page scrolls sideways: %d px wide; too wide: %q", v.w, l.InnerWidth, l.ScrollWidth, l.Wide)
			}
			want := []string{"1 Workshop", "10 Talks", "2 Birds of a Feather (BoF)", "6 Expo Booths", "1 Career Day", "1 Keynote"}
			if strings.Join(l.Figures, "|") != strings.Join(want, "|") {
				t.Errorf("figures = %q, want %q", l.Figures, want)
			}
			var captions []string
			for _, c := range l.Charts {
				captions = append(captions, c.Caption)
				if c.Width < 200 || c.Height < 60 || c.Shapes < 3 || c.Width > float64(v.w) {
					t.Errorf("chart %q drawn %.0f×%.0f px with %d shapes", c.Caption, c.Width, c.Height, c.Shapes)
				}
			}
			wantCharts := []string{"Sessions per day, by kind", "Hours in sessions per day",
				"Thursday 6 March 2025, room by room", "Friday 7 March 2025, room by room",
				"Saturday 8 March 2025, room by room", "Sunday 9 March 2025, room by room"}
			if strings.Join(captions, "|") != strings.Join(wantCharts, "|") {
				t.Errorf("charts = %q, want %q", captions, wantCharts)
			}
			if l.Scripts+l.Images > 0 {
				t.Errorf("the page has %d scripts and %d images", l.Scripts, l.Images)
			}
			for _, s := range []string{"What I learned", "Facts", "Price of Parking: too much", "Appendix: My Schedule", "Power Editing with vi"} {
				if !strings.Contains(l.Text, s) {
					t.Errorf("the rendered page lacks %q", s)
				}
			}
		})
	}
}

// Printed (A4's width at 96 dpi, in dark mode, which print ignores): no
// sideways overflow, the figures and charts still there.
func TestHTMLRecapPrintInChromium(t *testing.T) {
	b := startBrowser(t)
	path := writePage(t, "recap.html", attendAll(scalePlan(t)), afterSCALE, HTMLOptions{})
	b.openAs(path, 794, 1123, true, "print")
	var l layout
	b.eval(readLayout, &l)
	b.screenshot("recap-print.png", 794)
	var bg string
	b.eval(`getComputedStyle(document.body).backgroundColor`, &bg)
	if probs := b.takeProblems(); len(probs) > 0 {
		t.Errorf("console problems:\n%s", strings.Join(probs, "\n"))
	}
	if l.ScrollWidth > l.InnerWidth || len(l.Figures) != 6 || len(l.Charts) != 6 {
		t.Errorf("printed: %d px wide of %d, %d figures, %d charts; too wide: %q", l.ScrollWidth, l.InnerWidth, len(l.Figures), len(l.Charts), l.Wide)
	}
	if bg != "rgb(255, 255, 255)" {
		t.Errorf("printed on %s, want white paper", bg)
	}
}

// The checks can fail: a page that logs an error, breaks its policy and
// is too wide is caught (a control for the tests above).
func TestChromiumCatchesABadPage(t *testing.T) {
	b := startBrowser(t)
	path := filepath.Join(t.TempDir(), "bad.html")
	bad := `<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'"></head>` +
		`<body><div style="width:2000px">wide</div><script>console.error("boom")</script><img src="https://example.invalid/x.png"></body></html>`
	if err := os.WriteFile(path, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	b.open(path, 390, 844, false)
	var l layout
	b.eval(readLayout, &l)
	var probs []string
	for deadline := time.Now().Add(5 * time.Second); len(probs) < 2 && time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		probs = append(probs, b.takeProblems()...)
	}
	if len(probs) < 2 {
		t.Errorf("want the console error and the blocked image reported, got %q", probs)
	}
	if l.ScrollWidth <= 390 || l.Images != 1 {
		t.Errorf("the wide page is %d px of %d, %d images", l.ScrollWidth, l.InnerWidth, l.Images)
	}
}

// The agenda before the conference, on a phone and a laptop.
func TestHTMLAgendaInChromium(t *testing.T) {
	b := startBrowser(t)
	path := writePage(t, "agenda.html", scalePlan(t), time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC), HTMLOptions{Agenda: true})
	for _, w := range []int{390, 1280} {
		b.t = t
		b.open(path, w, 844, false)
		var l layout
		b.eval(readLayout, &l)
		b.screenshot(fmt.Sprintf("agenda-%d.png", w), w)
		if probs := b.takeProblems(); len(probs) > 0 {
			t.Errorf("%d px: console problems:\n%s", w, strings.Join(probs, "\n"))
		}
		if l.ScrollWidth > l.InnerWidth || l.InnerWidth != w {
			t.Errorf("at %d px (layout %d px) the agenda scrolls sideways: %d px wide; too wide: %q", w, l.InnerWidth, l.ScrollWidth, l.Wide)
		}
		if len(l.Charts) != 4 || !strings.Contains(l.Text, "Clash: overlaps") {
			t.Errorf("%d px: %d day charts; clashes marked: %v", w, len(l.Charts), strings.Contains(l.Text, "Clash: overlaps"))
		}
	}
}

// Hostile titles, rooms, notes and facts render as text: no script runs,
// no element is added, no dialog opens.
func TestHTMLHostileInChromium(t *testing.T) {
	b := startBrowser(t)
	p := hostilePlan(t)
	for _, opts := range []HTMLOptions{{}, {Agenda: true}} {
		path := writePage(t, fmt.Sprintf("hostile-%v.html", opts.Agenda), p, time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), opts)
		b.open(path, 390, 844, false)
		var l layout
		b.eval(readLayout, &l)
		b.screenshot(fmt.Sprintf("hostile-%v-390.png", opts.Agenda), 390)
		if probs := b.takeProblems(); len(probs) > 0 {
			t.Errorf("agenda %v: console problems:\n%s", opts.Agenda, strings.Join(probs, "\n"))
		}
		if l.Scripts+l.Images > 0 {
			t.Errorf("agenda %v: %d scripts and %d images made it into the page", opts.Agenda, l.Scripts, l.Images)
		}
		for _, h := range []string{`<script>alert(1)</script>`, `"><img src=x onerror=alert(2)>`} {
			if !strings.Contains(l.Text, h) {
				t.Errorf("agenda %v: the page does not show %q as text", opts.Agenda, h)
			}
		}
		if l.ScrollWidth > l.InnerWidth || l.InnerWidth != 390 {
			t.Errorf("agenda %v: scrolls sideways: %d px of %d; too wide: %q", opts.Agenda, l.ScrollWidth, l.InnerWidth, l.Wide)
		}
	}
}

// The SVG files of 'plan export --md --charts' render with rsvg-convert.
func TestChartFilesRender(t *testing.T) {
	rsvg := needTool(t, "rsvg-convert")
	p := scalePlan(t)
	dir := t.TempDir()
	for _, c := range ChartFiles(p, schedule.ComputeStats(p, afterSCALE)) {
		svg := filepath.Join(dir, c.Name)
		if err := os.WriteFile(svg, []byte(c.SVG), 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(rsvg, "--zoom", "2", "--background-color", "white", svg).CombinedOutput()
		if err != nil || !bytes.HasPrefix(out, []byte("\x89PNG")) || len(out) < 2000 {
			t.Errorf("rsvg-convert %s: %v: %.200q", c.Name, err, out)
			continue
		}
		writeArtifact(t, strings.TrimSuffix(c.Name, ".svg")+".png", out)
	}
}
