package caldav_test

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	plancaldav "github.com/plan-cli/plan/export/caldav"
)

// recorder is a second listener on 127.0.0.1 that records every request
// it gets, with its Authorization header, and then serves the calendar:
// were a redirect followed there, the sync would go on and succeed.
type recorder struct {
	srv  *httptest.Server
	mu   sync.Mutex
	seen []string // "METHOD path Authorization"
}

func newRecorder(t *testing.T, s *server) *recorder {
	t.Helper()
	r := &recorder{}
	r.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		r.mu.Lock()
		r.seen = append(r.seen, req.Method+" "+req.URL.Path+" "+req.Header.Get("Authorization"))
		r.mu.Unlock()
		s.serve(w, req)
	}))
	t.Cleanup(r.srv.Close)
	return r
}

func (r *recorder) requests() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.seen...)
}

// redirector answers every request with a 307 to the same path at to.
func redirector(to string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, to+r.URL.Path, http.StatusTemporaryRedirect)
	})
}

func syncWith(t *testing.T, rawURL string, cred plancaldav.Credentials, hc *http.Client) (*plancaldav.Result, error) {
	t.Helper()
	feed := fosdem(t)
	c, err := plancaldav.NewClient(rawURL, cred, hc)
	if err != nil {
		t.Fatal(err)
	}
	o := plancaldav.Options{Name: feed.Conference, TimeZone: feed.TimeZone, Now: syncNow}
	return plancaldav.Sync(t.Context(), c, desired(t, picks(t, 2)), plancaldav.NewState(rawURL), o, false)
}

// A calendar that redirects to another port of the same host: the
// credentials (and the events) never go there, and the sync stops with a
// message naming both URLs, instead of saying "Synced to" the first.
func TestRedirectToAnotherPortGetsNoCredentials(t *testing.T) {
	s := newServer(t)
	other := newRecorder(t, s)
	first := httptest.NewServer(redirector(other.srv.URL))
	t.Cleanup(first.Close)

	res, err := syncWith(t, first.URL+calPath, plancaldav.Credentials{User: "ana", Password: "S3cretPW"}, nil)
	for _, r := range other.requests() {
		if strings.Contains(r, "Basic ") {
			t.Errorf("the other port got the credentials: %s", r)
		}
	}
	if got := other.requests(); len(got) != 0 {
		t.Errorf("the other port got %d requests: %v", len(got), got)
	}
	var e *plancaldav.Error
	if !errors.As(err, &e) {
		t.Fatalf("sync through a redirect to another port: %v (did %v), want a refusal", err, done(res))
	}
	if !strings.Contains(e.Msg, first.URL+calPath) || !strings.Contains(e.Msg, other.srv.URL+calPath) || !strings.Contains(e.Msg, "refused") {
		t.Errorf("the message does not name both URLs: %s", e.Msg)
	}
	if res.Writes != 0 || len(res.Done) != 0 {
		t.Errorf("after the refusal: %d writes, done %v", res.Writes, done(res))
	}
}

// From https to plain http on the same host: refused before anything is
// sent there, saying it is plain http.
func TestRedirectFromHTTPSToHTTPRefused(t *testing.T) {
	s := newServer(t)
	plain := newRecorder(t, s)
	tls := httptest.NewTLSServer(redirector(plain.srv.URL))
	t.Cleanup(tls.Close)

	_, err := syncWith(t, tls.URL+calPath, plancaldav.Credentials{User: "ana", Password: "S3cretPW"}, tls.Client())
	if got := plain.requests(); len(got) != 0 {
		t.Errorf("plain http got %d requests: %v", len(got), got)
	}
	var e *plancaldav.Error
	if !errors.As(err, &e) {
		t.Fatalf("sync through a redirect from https to http: %v, want a refusal", err)
	}
	if !strings.Contains(e.Msg, tls.URL+calPath) || !strings.Contains(e.Msg, plain.srv.URL+calPath) || !strings.Contains(e.Msg, "plain http") {
		t.Errorf("the message: %s", e.Msg)
	}
}

// A redirect within the origin (scheme, host and port) is followed, with
// the credentials: servers use them (a load balancer that sends a client
// round once, a moved path).
func TestRedirectWithinTheOriginFollowed(t *testing.T) {
	s := newServer(t)
	s.user, s.password = "ana", "secret"
	var mu sync.Mutex
	redirected := map[string]bool{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		first := !redirected[r.Method]
		redirected[r.Method] = true
		mu.Unlock()
		if first {
			http.Redirect(w, r, r.URL.Path, http.StatusTemporaryRedirect)
			return
		}
		s.serve(w, r)
	}))
	t.Cleanup(srv.Close)
	res, err := syncWith(t, srv.URL+calPath, plancaldav.Credentials{User: "ana", Password: "secret"}, nil)
	if err != nil || res.Count(plancaldav.Create) != 2 {
		t.Fatalf("a sync redirected within the server: %v, %v", err, done(res))
	}
	if len(redirected) != 3 || len(s.uids()) != 2 {
		t.Errorf("redirected %v; the server holds %v", redirected, s.uids())
	}
}

// A password goes over plain http only to this machine, unless the user
// says --insecure-http.
func TestCleartext(t *testing.T) {
	pw := plancaldav.Credentials{User: "ana", Password: "pw"}
	for _, c := range []struct {
		url      string
		cred     plancaldav.Credentials
		insecure bool
		refused  bool
	}{
		{"https://cloud.example.org/cal/", pw, false, false},
		{"http://127.0.0.1:5232/ana/fosdem/", pw, false, false},
		{"http://127.9.8.7:5232/ana/fosdem/", pw, false, false},
		{"http://localhost:5232/ana/fosdem/", pw, false, false},
		{"http://LocalHost./ana/fosdem/", pw, false, false},
		{"http://[::1]:5232/ana/fosdem/", pw, false, false},
		{"http://cloud.example.org/cal/", pw, false, true},
		{"http://192.168.1.10:5232/ana/fosdem/", pw, false, true},
		{"http://[2001:db8::1]/cal/", pw, false, true},
		{"http://localhost.example.org/cal/", pw, false, true},
		{"http://cloud.example.org/cal/", pw, true, false},
		{"http://cloud.example.org/cal/", plancaldav.Credentials{}, false, false},
		{"http://cloud.example.org/cal/", plancaldav.Credentials{User: "ana"}, false, false},
	} {
		u, err := url.Parse(c.url)
		if err != nil {
			t.Fatal(err)
		}
		err = plancaldav.CheckCleartext(u, c.cred, c.insecure)
		switch {
		case c.refused && err == nil:
			t.Errorf("%s (insecure %v): allowed, want refused", c.url, c.insecure)
		case !c.refused && err != nil:
			t.Errorf("%s (insecure %v): %v", c.url, c.insecure, err)
		case c.refused && (!strings.Contains(err.Error(), "--insecure-http") || !strings.Contains(err.Error(), "in clear") || !strings.Contains(err.Error(), c.url)):
			t.Errorf("%s: the refusal does not say why or what to do: %v", c.url, err)
		}
	}
}
