package caldav_test

import (
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"

	plancaldav "github.com/plan-cli/plan/export/caldav"
)

// stream answers with head, then unit again and again, generated as it is
// sent, up to total bytes or until the client hangs up; it adds what it
// sent to sent.
func stream(w http.ResponseWriter, head, unit string, total int64, sent *atomic.Int64) {
	w.Header().Set("Content-Type", "application/xml; charset=utf-8")
	w.WriteHeader(http.StatusMultiStatus)
	chunk := []byte(strings.Repeat(unit, max(1, 32<<10/len(unit))))
	n, err := io.WriteString(w, head)
	done := int64(n)
	for err == nil && done < total {
		n, err = w.Write(chunk)
		done += int64(n)
	}
	sent.Add(done)
}

const reportHead = `<?xml version="1.0" encoding="UTF-8"?><d:multistatus xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:response><d:href>/ana/calendars/fosdem/x.ics</d:href><d:propstat><d:prop><d:getetag>"1"</d:getetag><c:calendar-data>BEGIN:VCALENDAR` + "\r\nX-A:"

// A REPORT of 600 MB is refused at the cap (here 1 MiB, to be quick; the
// real one is tested through the binary in cmd), with a message naming
// it; plan reads no more than about the cap, and allocates accordingly.
func TestHugeReportRefused(t *testing.T) {
	s := newServer(t)
	var sent atomic.Int64
	s.before = func(w http.ResponseWriter, r *http.Request) bool {
		if r.Method != "REPORT" {
			return false
		}
		stream(w, reportHead, strings.Repeat("A", 64), 600<<20, &sent)
		return true
	}
	c := s.client(t, plancaldav.Credentials{})
	plancaldav.SetLimits(c, 1<<20, 1<<20, plancaldav.MaxXMLDepth)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := c.List(t.Context())
	runtime.ReadMemStats(&after)
	s.srv.Close() // waits for the handler
	var e *plancaldav.Error
	if !errors.As(err, &e) || !strings.Contains(e.Msg, "'s answer when trying to list the calendar's events is larger than 1 MiB: refused") {
		t.Fatalf("a REPORT of 600 MB: %v", err)
	}
	alloc := (after.TotalAlloc - before.TotalAlloc) >> 20
	t.Logf("refused after the server sent %d MiB; %d MiB allocated", sent.Load()>>20, alloc)
	if sent.Load() > 64<<20 || alloc > 64 {
		t.Errorf("the server sent %d MiB and plan allocated %d MiB before the refusal, want both under 64 MiB", sent.Load()>>20, alloc)
	}
}

// An answer that says it is larger than the cap is refused before its
// body is read.
func TestContentLengthPastCapRefused(t *testing.T) {
	s := newServer(t)
	s.before = func(w http.ResponseWriter, r *http.Request) bool {
		w.Header().Set("Content-Length", fmt.Sprint(int64(1)<<30))
		w.WriteHeader(http.StatusMultiStatus)
		return true // and send nothing: plan must not wait for it
	}
	err := s.client(t, plancaldav.Credentials{}).CheckCalendar(t.Context())
	var e *plancaldav.Error
	if !errors.As(err, &e) || !strings.Contains(e.Msg, "'s answer when trying to read the calendar is larger than 16 MiB: refused") {
		t.Fatalf("a PROPFIND of 1 GiB by its Content-Length: %v", err)
	}
}

// XML nested 2,000,000 deep is refused once it passes the cap on depth,
// having read a few hundred bytes of it.
func TestDeepXMLRefused(t *testing.T) {
	s := newServer(t)
	var sent atomic.Int64
	s.before = func(w http.ResponseWriter, r *http.Request) bool {
		stream(w, `<?xml version="1.0"?><d:multistatus xmlns:d="DAV:"><d:response><d:href>/ana/calendars/fosdem/</d:href><d:propstat><d:prop><d:resourcetype>`, "<a>", 6_000_000, &sent)
		return true
	}
	err := s.client(t, plancaldav.Credentials{}).CheckCalendar(t.Context())
	s.srv.Close()
	var e *plancaldav.Error
	if !errors.As(err, &e) || !strings.Contains(e.Msg, "'s answer when trying to read the calendar nests XML elements more than 64 deep: refused") {
		t.Fatalf("XML 2,000,000 deep: %v", err)
	}
	t.Logf("refused after the server sent %d KiB", sent.Load()>>10)
	if sent.Load() >= 6_000_000 {
		t.Errorf("the server sent all %d bytes", sent.Load())
	}
}

// The depth check follows XML as a decoder does, a chunk at a time:
// empty elements, end tags, and '<' or '>' in comments, CDATA,
// processing instructions, declarations and attribute values open
// nothing.
func TestXMLDepthCheck(t *testing.T) {
	deep := func(n int) string { return strings.Repeat("<a>", n) + strings.Repeat("</a>", n) }
	for _, c := range []struct {
		xml string
		max int
		ok  bool
	}{
		{deep(3), 3, true},
		{deep(4), 3, false},
		{strings.Repeat("<a>x</a>", 1000), 1, true},
		{"<?xml version=\"1.0\"?><a><b/><b/><b/><b/></a>", 2, true},
		{"<a><b><c/></b></a>", 2, false},
		{`<a x="<b><b><b>" y='/>'><b/></a>`, 2, true},
		{"<a><!-- <b><b><b> --><b/></a>", 2, true},
		{"<a><![CDATA[<b><b><b>]]><b/></a>", 2, true},
		{"<?pi <b><b><b> ?><a><b/></a>", 2, true},
		{"<!DOCTYPE a [<!ENTITY e \"<b><b>\">]><a><b/></a>", 2, true},
		{"<a><!----><!-- - -- --><b/></a>", 2, true},
		{"<a><![CDATA[]]]]><b><b/></b></a>", 2, false},
		{`<d:multistatus xmlns:d="DAV:"><d:response><d:href>/cal/</d:href><d:propstat><d:prop><d:resourcetype><d:collection/><c:calendar/></d:resourcetype></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response></d:multistatus>`, 6, true},
	} {
		for _, n := range []int{1, 2, 3, 7, len(c.xml)} {
			if got := plancaldav.DepthOK(c.xml, c.max, n); got != c.ok {
				t.Errorf("%q within %d (chunks of %d): %v, want %v", c.xml, c.max, n, got, c.ok)
			}
		}
	}
}

// What goes wrong on the way to a server is said in words, not in Go's:
// an untrusted certificate, a certificate for another name, plain http on
// an https port, a redirect loop, headers past their cap.
func TestNetworkErrorsInWords(t *testing.T) {
	s := newServer(t)
	tls := httptest.NewUnstartedServer(http.HandlerFunc(s.serve))
	tls.Config.ErrorLog = log.New(io.Discard, "", 0) // the handshakes plan refuses
	tls.StartTLS()
	t.Cleanup(tls.Close)
	port := tls.URL[strings.LastIndex(tls.URL, ":")+1:]
	loop := httptest.NewServer(redirector(""))
	t.Cleanup(loop.Close)
	headers := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for i := range 40 {
			w.Header().Set(fmt.Sprintf("X-Big-%d", i), strings.Repeat("h", 32<<10))
		}
		w.WriteHeader(http.StatusMultiStatus)
	}))
	t.Cleanup(headers.Close)
	for _, c := range []struct {
		url  string
		hc   *http.Client
		says string
	}{
		{tls.URL + calPath, nil, "127.0.0.1:" + port + "'s certificate is not signed by an authority this machine trusts: refused"},
		{"https://localhost:" + port + calPath, tls.Client(), "localhost:" + port + "'s certificate is for another name (certificate is valid for example.com, *.example.com, not localhost): refused"},
		{strings.Replace(s.srv.URL, "http:", "https:", 1) + calPath, nil, "answers plain http, not https, on that port"},
		{loop.URL + calPath, nil, loop.URL + calPath + " redirects more than 10 times"},
		{headers.URL + calPath, nil, "the server's headers are larger than 1 MiB: refused"},
	} {
		c2, err := plancaldav.NewClient(c.url, plancaldav.Credentials{}, c.hc)
		if err != nil {
			t.Fatal(err)
		}
		err = c2.CheckCalendar(t.Context())
		var e *plancaldav.Error
		if !errors.As(err, &e) || !strings.Contains(e.Msg, c.says) {
			t.Errorf("%s: %v, want it to say %q", c.url, err, c.says)
			continue
		}
		for _, jargon := range []string{`Get "`, "x509:", "net/http:", "tls:", "stopped after"} {
			if strings.Contains(e.Msg, jargon) {
				t.Errorf("%s: Go's words in %q", c.url, e.Msg)
			}
		}
	}
}
