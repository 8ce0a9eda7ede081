// Package feed serves a plan's calendars over HTTP for calendar apps to
// subscribe to (webcal://): /plan.ics (the picks) and /all.ics (the whole
// program), rebuilt on every request so subscribers follow every change,
// with ETag and Last-Modified so that an unchanged calendar costs a 304;
// and a page at / with the subscribe links and a QR code for the phone.
package feed

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html/template"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
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

	mu sync.Mutex
}

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
	cal, err := h.Build(r.Context(), which)
	var ics bytes.Buffer
	if err == nil {
		_, err = export.WriteICS(&ics, cal.Calendar, export.ICSOptions{Now: cal.Modified})
	}
	if err != nil {
		http.Error(w, "plan: "+err.Error(), http.StatusInternalServerError)
		return
	}
	sum := sha256.Sum256(ics.Bytes())
	hd := w.Header()
	hd.Set("Content-Type", "text/calendar; charset=utf-8")
	hd.Set("ETag", `"`+hex.EncodeToString(sum[:16])+`"`)
	hd.Set("Cache-Control", "no-cache")
	hd.Set("Content-Disposition", fmt.Sprintf(`inline; filename="%s.ics"`, which))
	// ServeContent answers If-None-Match and If-Modified-Since with 304
	// and HEAD without a body.
	http.ServeContent(w, r, which+".ics", cal.Modified, bytes.NewReader(ics.Bytes()))
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
<p>Scan with the phone's camera to subscribe to your picks:</p>
{{.QR}}
<p>The phone must reach this computer at <code>{{.Host}}</code> (same network; <code>plan serve --addr 0.0.0.0:8080</code> listens beyond this machine, with a secret token in the address).</p>
</body></html>
`))

func (h *Handler) page(w http.ResponseWriter, r *http.Request, prefix string) {
	host := r.Host
	base := "http://" + host + prefix
	webcal := "webcal://" + host + prefix
	qrSVG, err := QRCodeSVG(webcal + "/plan.ics")
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	title := h.Title
	if title == "" {
		title = "My conference plan"
	}
	var buf bytes.Buffer
	err = pageTmpl.Execute(&buf, map[string]any{
		"Title": title, "Host": host,
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
