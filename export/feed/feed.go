// Package feed serves a plan's calendars over HTTP for calendar apps to
// subscribe to (webcal://): /plan.ics (the picks) and /all.ics (the whole
// program), rebuilt once whenever the files they come from change so
// subscribers follow every change, with ETag and Last-Modified so that an
// unchanged calendar costs a 304; and a page at / with the subscribe
// links and a QR code for the phone.
package feed

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io"
	"net"
	"net/http"
	"net/url"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"rsc.io/qr"

	"github.com/plan-cli/plan/export"
)

// Calendar is one calendar as a request gets it.
type Calendar struct {
	export.Calendar
	// Modified is when what it is built from last changed: its
	// Last-Modified, and the DTSTAMP of its events, so that the same plan
	// gives the same bytes and the same ETag.
	Modified time.Time
	// Version names the files it was built from as Handler.Version does
	// ("": the calendar is not kept).
	Version string
}

// Feeds are the calendars the handler serves.
const (
	Picks = "plan" // /plan.ics
	All   = "all"  // /all.ics
)

// Handler serves the feeds.
type Handler struct {
	// Build makes the calendar named Picks or All, afresh; the handler
	// writes it as 'plan export --ics' does (export.WriteICS), stamped
	// with its Modified time.
	Build func(ctx context.Context, which string) (Calendar, error)
	// Version, when set, names the files the calendar named which is
	// built from as they are now, cheaply, without building it: the same
	// version, the same calendar. The handler keeps the last calendar of
	// each feed it built, with the Version that Build gave it, and
	// answers from it (a 304 too) while Version gives the same; when the
	// version changes, one build serves every request that waits for it.
	// Without Version every request builds its calendar.
	Version func(ctx context.Context, which string) (string, error)
	// Built, when set, is told of each calendar the handler builds (for
	// tests).
	Built func(which string)
	// Token, when set, must be the first element of every path
	// (/TOKEN/plan.ics); other paths get 404.
	Token string
	// Title names the calendar on the page.
	Title string
	// Log gets one line per request (may be nil).
	Log io.Writer
	// Now is the clock of the log lines (nil: time.Now).
	Now func() time.Time

	// Hosts are the names the server answers to besides localhost and
	// the loopback addresses (127.0.0.1, [::1]): host names or IP
	// addresses, a port ignored. A request whose Host is none of them
	// gets 421 Misdirected Request and nothing else: a web page whose
	// name an attacker rebinds to this machine's address (DNS
	// rebinding) is same-origin with the server, and would otherwise
	// read the calendars.
	Hosts []string
	// LocalOnly says that the server listens on a loopback address: a
	// phone cannot reach it, and the page says so (and how to listen on
	// the network) instead of showing a QR code.
	LocalOnly bool
	// PhoneHost is the HOST:PORT a phone on the network reaches the
	// server at, for the page's QR code when the page was opened on this
	// computer by a loopback name (a phone's localhost is the phone).
	PhoneHost string

	// MaxCalendars is how many calendars are built or sent at once (0:
	// DefaultMaxCalendars); a request for another waits up to Wait (0:
	// DefaultWait) and then gets 503 Service Unavailable with
	// Retry-After. Each holds its calendar until the client has it (a
	// calendar kept by Version is one for every request that sends it).
	MaxCalendars int
	Wait         time.Duration
	// MaxBuilding is how many of those are being built at once (0: as
	// many as the Go runtime runs at once, GOMAXPROCS): a build is work
	// for a processor, and more at once would only hold more memory.
	MaxBuilding int
	// Stall is how long a client may take no part of a calendar before
	// the server drops it (0: DefaultStall): a client that stops reading
	// frees its place and its memory.
	Stall time.Duration

	mu       sync.Mutex
	once     sync.Once
	places   chan struct{} // one for each calendar built or sent
	builders chan struct{} // one for each calendar being built

	// The calendars kept (one a feed: two at most) and the builds under
	// way (one a feed), under cacheMu. seq orders the reading of a
	// version and the start of a build (see current).
	cacheMu sync.Mutex
	cache   map[string]*built
	flights map[string]*flight
	seq     atomic.Uint64
}

// built is a calendar as it is sent: its bytes, ETag and time, and the
// version of the files it was built from.
type built struct {
	ics      []byte
	etag     string
	modified time.Time
	version  string
}

// flight is a build under way, which requests for the same feed wait for.
type flight struct {
	seq  uint64 // taken as the build began, before it read the files
	done chan struct{}
	cal  *built
	err  error
}

// The limits of a Handler whose fields leave them zero. A calendar app
// polls every few minutes and reads the feed at once: 16 at a time is
// plenty for one person's devices, and bounds the memory under a flood
// (building FOSDEM's /all.ics, 1.5 MB, holds about 10 MB; sending it, the
// 1.5 MB, which requests share while the calendar is kept).
const (
	DefaultMaxCalendars = 16
	DefaultWait         = 5 * time.Second
	DefaultStall        = 10 * time.Second
)

func (h *Handler) now() time.Time {
	if h.Now != nil {
		return h.Now()
	}
	return time.Now()
}

// ServeHTTP answers GET and HEAD of /, /plan.ics and /all.ics (below
// /TOKEN when there is a token).
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start, t0 := h.now(), time.Now()
	rec := &recorder{ResponseWriter: w, status: http.StatusOK}
	defer func() { h.logRequest(r, rec, start, time.Since(t0)) }()
	w = rec

	if !h.knownHost(r) {
		rec.why = fmt.Sprintf("Host %q is not a name of this server: to answer to it, start plan serve with --allow-host %s", r.Host, hostOnly(r.Host))
		http.Error(w, fmt.Sprintf("plan serve does not answer to the name %q.", hostOnly(r.Host)), http.StatusMisdirectedRequest)
		return
	}
	path := r.URL.Path
	prefix := ""
	if h.Token != "" {
		prefix = "/" + h.Token
		rest, ok := strings.CutPrefix(path, prefix)
		switch {
		case !ok || (rest != "" && !strings.HasPrefix(rest, "/")):
			http.NotFound(w, r)
			return
		case rest == "":
			http.Redirect(w, r, prefix+"/", http.StatusFound)
			return
		}
		path = rest
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	switch path {
	case "/":
		h.page(w, r, prefix)
	case "/plan.ics":
		h.calendar(w, r, Picks)
	case "/all.ics":
		h.calendar(w, r, All)
	default:
		http.NotFound(w, r)
	}
}

func (h *Handler) calendar(w http.ResponseWriter, r *http.Request, which string) {
	h.once.Do(h.init)
	if !h.acquire(r.Context()) {
		retry := max(1, int(h.stall()/time.Second))
		w.Header().Set("Retry-After", fmt.Sprint(retry))
		w.Header().Set("Connection", "close")
		http.Error(w, fmt.Sprintf("plan serve is busy with %d calendars: try again in %d seconds.", cap(h.places), retry), http.StatusServiceUnavailable)
		return
	}
	defer func() { <-h.places }()
	cal, err := h.current(r.Context(), which)
	if err != nil {
		http.Error(w, "plan: "+err.Error(), http.StatusInternalServerError)
		return
	}
	hd := w.Header()
	hd.Set("Content-Type", "text/calendar; charset=utf-8")
	hd.Set("ETag", cal.etag)
	hd.Set("Cache-Control", "no-cache")
	hd.Set("Content-Disposition", fmt.Sprintf(`inline; filename="%s.ics"`, which))
	// ServeContent answers If-None-Match and If-Modified-Since with 304
	// and HEAD without a body.
	http.ServeContent(&stallWriter{ResponseWriter: w, rc: http.NewResponseController(w), stall: h.stall()}, r, which+".ics", cal.modified, bytes.NewReader(cal.ics))
}

// current is the calendar named which as the files are now: the one kept
// while the files' version stays, else the one a build makes, which
// every request for the same feed waits for.
//
// A request never gets a calendar older than the files it saw: it takes
// a calendar built from the version it read, or one whose build began
// after it read the version (and so read the files after it did). A
// request that finds a build under way that began before it, which gives
// another version, looks again: it finds that build's calendar kept, or
// builds.
func (h *Handler) current(ctx context.Context, which string) (*built, error) {
	if h.Version == nil {
		return h.build(ctx, which)
	}
	v, err := h.Version(ctx, which)
	if err != nil {
		return nil, err
	}
	seen := h.seq.Add(1)
	for {
		h.cacheMu.Lock()
		if c := h.cache[which]; c != nil && c.version == v {
			h.cacheMu.Unlock()
			return c, nil
		}
		f := h.flights[which]
		if f == nil {
			f = &flight{seq: h.seq.Add(1), done: make(chan struct{})}
			h.flights[which] = f
			h.cacheMu.Unlock()
			h.fly(ctx, which, f)
			return f.cal, f.err
		}
		h.cacheMu.Unlock()
		select {
		case <-f.done:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		if f.seq > seen || (f.err == nil && f.cal.version == v) {
			return f.cal, f.err
		}
	}
}

// fly runs the build f stands for and keeps its calendar. The build goes
// on when the request that began it goes away: others may wait for it.
func (h *Handler) fly(ctx context.Context, which string, f *flight) {
	f.err = errors.New("the calendar could not be built")
	defer func() {
		h.cacheMu.Lock()
		delete(h.flights, which)
		if f.err == nil && f.cal.version != "" {
			h.cache[which] = f.cal
		}
		h.cacheMu.Unlock()
		close(f.done)
	}()
	f.cal, f.err = h.build(context.WithoutCancel(ctx), which)
}

// build makes the calendar and writes it, one of at most MaxBuilding at
// once: what it made to write it is garbage when it returns.
func (h *Handler) build(ctx context.Context, which string) (*built, error) {
	select {
	case h.builders <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { <-h.builders }()
	if h.Built != nil {
		h.Built(which)
	}
	cal, err := h.Build(ctx, which)
	if err != nil {
		return nil, err
	}
	var ics bytes.Buffer
	if _, err := export.WriteICS(&ics, cal.Calendar, export.ICSOptions{Now: cal.Modified}); err != nil {
		return nil, err
	}
	data := ics.Bytes()
	if cal.Version != "" {
		// Kept at its size, not at the buffer's (up to twice that).
		data = bytes.Clone(data)
	}
	sum := sha256.Sum256(data)
	return &built{ics: data, etag: `"` + hex.EncodeToString(sum[:16]) + `"`, modified: cal.Modified, version: cal.Version}, nil
}

func (h *Handler) init() {
	n, b := h.MaxCalendars, h.MaxBuilding
	if n <= 0 {
		n = DefaultMaxCalendars
	}
	if b <= 0 {
		b = runtime.GOMAXPROCS(0)
	}
	h.places, h.builders = make(chan struct{}, n), make(chan struct{}, min(b, n))
	h.cache, h.flights = map[string]*built{}, map[string]*flight{}
}

func (h *Handler) stall() time.Duration {
	if h.Stall > 0 {
		return h.Stall
	}
	return DefaultStall
}

// acquire takes one of the places for a calendar, waiting up to Wait for
// one; false if there was none (or the client went away).
func (h *Handler) acquire(ctx context.Context) bool {
	select {
	case h.places <- struct{}{}:
		return true
	default:
	}
	wait := h.Wait
	if wait <= 0 {
		wait = DefaultWait
	}
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case h.places <- struct{}{}:
		return true
	case <-t.C:
	case <-ctx.Done():
	}
	return false
}

// stallWriter sends a body in pieces, each of which the client must take
// within stall: one that stops reading is dropped (the write fails, the
// handler returns and the server closes the connection), while a slow
// one that keeps reading gets the whole calendar.
type stallWriter struct {
	http.ResponseWriter
	rc    *http.ResponseController
	stall time.Duration
}

const stallPiece = 64 << 10

func (s *stallWriter) Write(p []byte) (int, error) {
	n := 0
	for len(p) > 0 {
		piece := p[:min(len(p), stallPiece)]
		// Not every ResponseWriter has a deadline (httptest's has
		// none); the server's WriteTimeout then stays.
		s.rc.SetWriteDeadline(time.Now().Add(s.stall))
		m, err := s.ResponseWriter.Write(piece)
		n += m
		if err != nil {
			return n, err
		}
		p = p[m:]
	}
	return n, nil
}

// knownHost reports whether the request's Host (a name or an address,
// perhaps with a port) is one the server answers to: a loopback name,
// one of Hosts, or the address the request came in at (the machine's
// address on a network it joined after the server started).
func (h *Handler) knownHost(r *http.Request) bool {
	name := hostOnly(r.Host)
	if name == "" {
		return false
	}
	if Loopback(name) {
		return true
	}
	ip := net.ParseIP(name)
	if local, ok := r.Context().Value(http.LocalAddrContextKey).(*net.TCPAddr); ok && ip != nil && ip.Equal(local.IP) {
		return true
	}
	for _, known := range h.Hosts {
		k := hostOnly(known)
		if kip := net.ParseIP(k); ip != nil && kip != nil {
			if ip.Equal(kip) {
				return true
			}
		} else if strings.EqualFold(k, name) {
			return true
		}
	}
	return false
}

// hostOnly is the name or address of a Host, without its port, brackets
// or a final dot.
func hostOnly(host string) string {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	return strings.TrimSuffix(host, ".")
}

// Loopback reports whether host (without a port) names this machine only:
// localhost or a loopback address.
func Loopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

var pageTmpl = template.Must(template.New("page").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}} — plan</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40em;margin:2em auto;padding:0 1em}svg{width:16em;height:16em}code{word-break:break-all}</style>
</head><body>
<h1>{{.Title}}</h1>
<p>Subscribe to your picks in your phone's or desktop's calendar: it follows every change (moved, dropped and cancelled sessions) by itself.</p>
<ul>
<li><a href="{{.WebcalPlan}}">Subscribe to my picks</a> — <code>{{.WebcalPlan}}</code></li>
<li><a href="{{.WebcalAll}}">Subscribe to the whole program</a> — <code>{{.WebcalAll}}</code></li>
<li>Download once: <a href="{{.HTTPPlan}}">plan.ics</a>, <a href="{{.HTTPAll}}">all.ics</a></li>
</ul>
{{if .QR -}}
<p>Scan with the phone's camera to subscribe to your picks:</p>
{{.QR}}
<p>The phone must reach this computer at <code>{{.PhoneHost}}</code>: the same network, and the computer's firewall open for the port.</p>
{{- else -}}
<p>A phone cannot subscribe here: this server listens on <code>{{.Host}}</code>, which is this computer only (on a phone, 127.0.0.1 and localhost are the phone itself). To subscribe from a phone on the same network, stop the server (Ctrl-C) and start it on the network:</p>
<pre>plan serve --addr 0.0.0.0:8080</pre>
<p>It prints the address to open, with a secret token in it that keeps your calendar to whoever has the address, and this page then shows a QR code for the phone.</p>
{{- end}}
</body></html>
`))

func (h *Handler) page(w http.ResponseWriter, r *http.Request, prefix string) {
	host := r.Host
	base := "http://" + host + prefix
	webcal := "webcal://" + host + prefix
	// The QR code is for a phone: none when it cannot reach the server,
	// and the address a phone reaches when the page was opened here by
	// a loopback name.
	phone, qrSVG := host, ""
	if Loopback(hostOnly(host)) && h.PhoneHost != "" {
		phone = h.PhoneHost
	}
	if !h.LocalOnly {
		var err error
		if qrSVG, err = QRCodeSVG("webcal://" + phone + prefix + "/plan.ics"); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
	}
	title := h.Title
	if title == "" {
		title = "My conference plan"
	}
	var buf bytes.Buffer
	err := pageTmpl.Execute(&buf, map[string]any{
		"Title": title, "Host": host, "PhoneHost": phone,
		"WebcalPlan": template.URL(webcal + "/plan.ics"), "WebcalAll": template.URL(webcal + "/all.ics"),
		"HTTPPlan": template.URL(base + "/plan.ics"), "HTTPAll": template.URL(base + "/all.ics"),
		"QR": template.HTML(qrSVG),
	})
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
	w.Write(buf.Bytes())
}

// QRCodeSVG draws text as a QR code (error correction M, with the four
// modules of quiet zone the standard asks for) in an SVG element.
func QRCodeSVG(text string) (string, error) {
	code, err := qr.Encode(text, qr.M)
	if err != nil {
		return "", fmt.Errorf("cannot draw a QR code of %q: %v", text, err)
	}
	const quiet = 4
	n := code.Size + 2*quiet
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" shape-rendering="crispEdges" role="img" aria-label="QR code of %s">`, n, n, template.HTMLEscapeString(text))
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="#fff"/><path fill="#000" d="`, n, n)
	for y := 0; y < code.Size; y++ {
		for x := 0; x < code.Size; x++ {
			if code.Black(x, y) {
				fmt.Fprintf(&b, "M%d %dh1v1h-1z", x+quiet, y+quiet)
			}
		}
	}
	b.WriteString(`"/></svg>`)
	return b.String(), nil
}

// logRequest writes one line: time, remote address, method, path (the
// token hidden), status, bytes, duration.
func (h *Handler) logRequest(r *http.Request, rec *recorder, start time.Time, took time.Duration) {
	if h.Log == nil {
		return
	}
	path := r.URL.Path
	if h.Token != "" {
		path = strings.Replace(path, h.Token, "TOKEN", 1)
	}
	// Escaped as in a URL, so that nothing in a path (CR, LF, escape
	// sequences) can start a line of its own in the log.
	path = (&url.URL{Path: path}).EscapedPath()
	why := ""
	if rec.why != "" {
		why = " (" + rec.why + ")"
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	fmt.Fprintf(h.Log, "%s %s %s %s %d %dB %s%s\n", start.Format("15:04:05"), r.RemoteAddr, r.Method, path, rec.status, rec.bytes, took.Round(time.Millisecond), why)
}

type recorder struct {
	http.ResponseWriter
	status int
	bytes  int
	wrote  bool
	why    string // said in the log after the line
}

// Unwrap gives http.ResponseController the connection's own writer, for
// its write deadline.
func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

func (r *recorder) WriteHeader(code int) {
	if !r.wrote {
		r.status, r.wrote = code, true
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(p []byte) (int, error) {
	r.wrote = true
	n, err := r.ResponseWriter.Write(p)
	r.bytes += n
	return n, err
}
