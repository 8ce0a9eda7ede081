package caldav

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
)

// What a server may send plan. A calendar of 1,000 conference events
// answers a REPORT (every event, whole) in 2–10 MiB and a PROPFIND in
// well under 1 MiB; the caps leave room for several times that, and for
// other events in the same calendar, while keeping plan's memory bounded
// whatever a server sends.
const (
	// MaxReport is the most a REPORT answer (the calendar's events) may
	// hold.
	MaxReport = 64 << 20
	// MaxAnswer is the most any other answer (PROPFIND, an error page)
	// may hold.
	MaxAnswer = 16 << 20
	// MaxXMLDepth is how deeply an answer may nest XML elements; a
	// CalDAV answer needs about 7 levels.
	MaxXMLDepth = 64
	// MaxHeader is the most the header of an answer may hold.
	MaxHeader = 1 << 20
	// maxRedirects is how many redirects (within the origin) a request
	// may follow.
	maxRedirects = 10
)

// limits are the caps a client applies (the constants above; tests make
// them smaller).
type limits struct {
	report, answer int64
	depth          int
}

var defaultLimits = limits{report: MaxReport, answer: MaxAnswer, depth: MaxXMLDepth}

// origin is a URL's scheme, host and port ("https://host:443"): where
// credentials may go.
func origin(u *url.URL) string {
	scheme := strings.ToLower(u.Scheme)
	port := u.Port()
	if port == "" {
		port = map[string]string{"http": "80", "https": "443"}[scheme]
	}
	return scheme + "://" + net.JoinHostPort(strings.ToLower(u.Hostname()), port)
}

// CheckCleartext refuses to send a password over plain http to anything
// but this machine, unless the user allowed it (--insecure-http).
func CheckCleartext(u *url.URL, cred Credentials, allowed bool) error {
	if u.Scheme != "http" || cred.Password == "" || allowed || loopback(u.Hostname()) {
		return nil
	}
	return fmt.Errorf("%s is plain http: the password would cross the network in clear, for anyone on the way to read; give the calendar's https:// URL, or, if every network between you and %s is yours, --insecure-http", u, u.Hostname())
}

// loopback reports whether host is this machine: localhost, 127.0.0.0/8
// or ::1.
func loopback(host string) bool {
	if strings.EqualFold(strings.TrimSuffix(host, "."), "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// RedirectError is a redirect plan did not follow: out of the origin the
// user named (another host, port or scheme, https to http among them),
// or one too many.
type RedirectError struct {
	From, To string
	TooMany  bool
}

func (e *RedirectError) Error() string {
	to, _ := url.Parse(e.To)
	from, _ := url.Parse(e.From)
	switch {
	case e.TooMany:
		return fmt.Sprintf("%s redirects more than %d times (last to %s): refused", e.From, maxRedirects, e.To)
	case to.Scheme == "http" && from.Scheme == "https":
		return fmt.Sprintf("%s redirects to %s, which is plain http: refused, so that neither the password nor the events cross the network in clear; nothing was sent there", e.From, e.To)
	case to.Scheme != "http" && to.Scheme != "https":
		return fmt.Sprintf("%s redirects to %s, which is not an http(s) address: refused", e.From, e.To)
	}
	return fmt.Sprintf("%s redirects to %s, another server than the one you named: refused, so that the password goes only to %s; nothing was sent there (if the calendar has moved, give its new URL with 'plan sync --caldav')", e.From, e.To, origin(from))
}

// LimitError is an answer past one of the caps.
type LimitError struct {
	Size  int64 // the cap on its size that it passed, or 0
	Depth int   // the cap on its XML nesting that it passed, or 0
}

func (e *LimitError) Error() string { return e.describe("the server", "") }

// describe says what was refused, of whose answer ("cloud.example.org")
// to what request ("list the calendar's events"; may be "").
func (e *LimitError) describe(whose, what string) string {
	if what != "" {
		what = " when trying to " + what
	}
	if e.Depth > 0 {
		return fmt.Sprintf("%s's answer%s nests XML elements more than %d deep: refused (a CalDAV answer needs about 7)", whose, what, e.Depth)
	}
	return fmt.Sprintf("%s's answer%s is larger than %s: refused (plan reads no more than that)", whose, what, mib(e.Size))
}

func mib(n int64) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}

// guard is the HTTP client go-webdav and the writes share, made safe:
// credentials only ever go to the origin the user named, redirects out of
// it are refused, and every answer is capped in size and XML depth. It
// counts requests too.
type guard struct {
	hc     *http.Client
	cred   Credentials
	origin string
	lim    limits

	mu       sync.Mutex
	requests int
	writes   int
	last     int   // the status of the last answer; 0 when none came
	refused  error // the last *LimitError, *RedirectError
}

func newGuard(u *url.URL, cred Credentials, hc *http.Client) *guard {
	g := &guard{cred: cred, origin: origin(u), lim: defaultLimits}
	var base http.RoundTripper
	if hc == nil {
		t := http.DefaultTransport.(*http.Transport).Clone()
		t.MaxResponseHeaderBytes = MaxHeader
		base, hc = t, &http.Client{Timeout: defaultTimeout}
	} else if base = hc.Transport; base == nil {
		base = http.DefaultTransport
	}
	c := *hc
	c.Transport = &capTransport{base: base, g: g}
	c.CheckRedirect = g.checkRedirect
	g.hc = &c
	return g
}

// Do sends req, with the credentials: only to the origin the user named.
func (g *guard) Do(req *http.Request) (*http.Response, error) {
	if origin(req.URL) != g.origin {
		// go-webdav resolves every href against the collection's URL, as
		// the writes do: this is a bug, not a server's doing.
		return nil, fmt.Errorf("caldav: a request to %s, outside %s", req.URL, g.origin)
	}
	if g.cred.User != "" || g.cred.Password != "" {
		req.SetBasicAuth(g.cred.User, g.cred.Password)
	}
	req.Header.Set("User-Agent", "plan-cli (+https://github.com/plan-cli/plan)")
	g.mu.Lock()
	g.requests++
	if req.Method == http.MethodPut || req.Method == http.MethodDelete {
		g.writes++
	}
	g.last = 0
	g.mu.Unlock()
	resp, err := g.hc.Do(req)
	if resp != nil {
		g.mu.Lock()
		g.last = resp.StatusCode
		g.mu.Unlock()
	}
	return resp, err
}

// checkRedirect follows a redirect only within the origin: Go's client
// keeps the Authorization header on a redirect to the same host name
// whatever the port or scheme, so that check is ours.
func (g *guard) checkRedirect(req *http.Request, via []*http.Request) error {
	from := via[len(via)-1].URL.String()
	switch {
	case origin(req.URL) != g.origin:
		return g.refuse(&RedirectError{From: from, To: req.URL.String()})
	case len(via) >= maxRedirects:
		return g.refuse(&RedirectError{From: via[0].URL.String(), To: req.URL.String(), TooMany: true})
	}
	return nil
}

// refuse records why an answer was refused, for explain: a library may
// pass the error on as text only.
func (g *guard) refuse(err error) error {
	g.mu.Lock()
	g.refused = err
	g.mu.Unlock()
	return err
}

func (g *guard) lastRefusal() error {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.refused
}

func (g *guard) lastStatus() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.last
}

// capTransport caps every answer's body: in size (MaxReport for a REPORT,
// MaxAnswer for the rest) and in XML depth, as it is read, before
// go-webdav's decoder sees it.
type capTransport struct {
	base http.RoundTripper
	g    *guard
}

func (t *capTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.base.RoundTrip(req)
	if err != nil || resp.Body == nil {
		return resp, err
	}
	size := t.g.lim.answer
	if req.Method == "REPORT" {
		size = t.g.lim.report
	}
	if resp.ContentLength > size {
		resp.Body.Close()
		return nil, t.g.refuse(&LimitError{Size: size})
	}
	resp.Body = &cappedBody{rc: resp.Body, left: size, size: size, depth: depthScanner{max: t.g.lim.depth}, g: t.g}
	return resp, nil
}

// cappedBody is an answer's body that fails once it passes its size or
// its XML depth.
type cappedBody struct {
	rc    io.ReadCloser
	left  int64 // bytes it may still give
	size  int64
	depth depthScanner
	g     *guard
	err   error
}

func (b *cappedBody) Read(p []byte) (int, error) {
	if b.err != nil {
		return 0, b.err
	}
	if int64(len(p)) > b.left+1 {
		p = p[:b.left+1]
	}
	n, err := b.rc.Read(p)
	if int64(n) > b.left {
		b.err = b.g.refuse(&LimitError{Size: b.size})
		return 0, b.err
	}
	b.left -= int64(n)
	if !b.depth.scan(p[:n]) {
		b.err = b.g.refuse(&LimitError{Depth: b.depth.max})
		return 0, b.err
	}
	return n, err
}

func (b *cappedBody) Close() error { return b.rc.Close() }

// depthScanner follows the nesting of XML elements in a stream, a chunk at
// a time, without decoding it: start tags, end tags, empty elements,
// and the places where '<' opens no element (comments, CDATA, processing
// instructions, declarations, attribute values).
type depthScanner struct {
	max   int
	depth int
	state scanState
	quote byte   // the quote an attribute value in a tag is in, or 0
	slash bool   // the last byte of the tag so far was '/'
	bang  []byte // what follows "<!", until it is known what it opens
	tail  [2]byte
	nest  int // '[' depth in a declaration
}

type scanState int

const (
	inText     scanState = iota
	afterLT              // just after '<'
	inStartTag           // <name ...
	inEndTag             // </name ...
	inPI                 // <? ... ?>
	inBang               // <! not yet known
	inComment            // <!-- ... -->
	inCDATA              // <![CDATA[ ... ]]>
	inDecl               // <!DOCTYPE ...> and the like
)

// scan reads a chunk; false once the depth passes max.
func (s *depthScanner) scan(p []byte) bool {
	for _, c := range p {
		s.step(c)
		if s.depth > s.max {
			return false
		}
		s.tail[0], s.tail[1] = s.tail[1], c
	}
	return true
}

func (s *depthScanner) step(c byte) {
	switch s.state {
	case inText:
		if c == '<' {
			s.state = afterLT
		}
	case afterLT:
		s.afterLT(c)
	case inStartTag:
		s.inStartTag(c)
	case inEndTag:
		if c == '>' {
			s.state = inText
		}
	case inPI:
		if c == '>' && s.tail[1] == '?' {
			s.state = inText
		}
	case inBang:
		s.inBang(c)
	case inComment:
		if c == '>' && s.tail == [2]byte{'-', '-'} {
			s.state = inText
		}
	case inCDATA:
		if c == '>' && s.tail == [2]byte{']', ']'} {
			s.state = inText
		}
	case inDecl:
		s.inDecl(c)
	}
}

func (s *depthScanner) afterLT(c byte) {
	switch c {
	case '/':
		s.state = inEndTag
		if s.depth > 0 {
			s.depth--
		}
	case '?':
		s.state = inPI
	case '!':
		s.state, s.bang = inBang, s.bang[:0]
	default:
		s.state, s.quote, s.slash = inStartTag, 0, false
		s.depth++
	}
}

func (s *depthScanner) inStartTag(c byte) {
	switch {
	case s.quote != 0:
		if c == s.quote {
			s.quote = 0
		}
	case c == '"' || c == '\'':
		s.quote = c
	case c == '>':
		if s.slash {
			s.depth-- // <empty/>
		}
		s.state = inText
	}
	s.slash = s.quote == 0 && c == '/'
}

func (s *depthScanner) inBang(c byte) {
	s.bang = append(s.bang, c)
	switch b := string(s.bang); {
	case b == "--":
		s.state, s.tail = inComment, [2]byte{}
	case b == "[CDATA[":
		s.state, s.tail = inCDATA, [2]byte{}
	case strings.HasPrefix("--", b) || strings.HasPrefix("[CDATA[", b):
		// not known yet
	default:
		s.state, s.nest = inDecl, 0
		s.inDecl(c)
	}
}

func (s *depthScanner) inDecl(c byte) {
	switch c {
	case '[':
		s.nest++
	case ']':
		s.nest--
	case '>':
		if s.nest <= 0 {
			s.state = inText
		}
	}
}
