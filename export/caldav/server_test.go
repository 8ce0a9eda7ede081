package caldav_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	ical "github.com/emersion/go-ical"
	"github.com/emersion/go-webdav"
	"github.com/emersion/go-webdav/caldav"

	"github.com/plan-cli/plan/export"
	plancaldav "github.com/plan-cli/plan/export/caldav"
	"github.com/plan-cli/plan/schedule"
	"github.com/plan-cli/plan/schedule/importer"
)

// The tests run plan's sync against go-webdav's own CalDAV server
// (caldav.Handler) over a real HTTP connection, with a calendar kept in
// memory. Like Radicale, the server decodes what it is sent and
// re-encodes it when asked (go-ical), so what comes back is not the
// bytes plan wrote; it checks If-None-Match and If-Match and answers 412
// when they fail.

const (
	principal = "/ana/"
	homeSet   = "/ana/calendars/"
	calPath   = "/ana/calendars/fosdem/"
)

// server is a CalDAV server with one calendar collection.
type server struct {
	t   *testing.T
	srv *httptest.Server
	h   *caldav.Handler // go-webdav's server

	mu      sync.Mutex
	objects map[string]*object // by path
	etags   int
	log     []string // "METHOD path [If-Match: x] [If-None-Match: *]", one a request
	// before, when set, runs on every request before the server answers
	// it; it may answer itself (and return true).
	before func(w http.ResponseWriter, r *http.Request) bool
	// user and password, when set, are required (basic auth).
	user, password string
}

type object struct {
	cal  *ical.Calendar
	etag string
	put  []byte // the body of the last PUT from plan
}

func newServer(t *testing.T) *server {
	t.Helper()
	s := &server{t: t, objects: map[string]*object{}}
	s.h = &caldav.Handler{Backend: backend{s}}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.srv.Close)
	return s
}

// URL is the calendar collection's URL.
func (s *server) URL() string { return s.srv.URL + calPath }

func (s *server) client(t *testing.T, cred plancaldav.Credentials) *plancaldav.Client {
	t.Helper()
	c, err := plancaldav.NewClient(s.URL(), cred, s.srv.Client())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func (s *server) serve(w http.ResponseWriter, r *http.Request) {
	line := r.Method + " " + r.URL.Path
	if v := r.Header.Get("If-Match"); v != "" {
		line += " If-Match: " + v
	}
	if v := r.Header.Get("If-None-Match"); v != "" {
		line += " If-None-Match: " + v
	}
	s.mu.Lock()
	s.log = append(s.log, line)
	before, user, password := s.before, s.user, s.password
	s.mu.Unlock()
	if user != "" {
		if u, p, ok := r.BasicAuth(); !ok || u != user || p != password {
			w.Header().Set("WWW-Authenticate", `Basic realm="test"`)
			http.Error(w, "who are you?", http.StatusUnauthorized)
			return
		}
	}
	if before != nil && before(w, r) {
		return
	}
	if r.Method == http.MethodPut {
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		defer func() {
			s.mu.Lock()
			if o := s.objects[r.URL.Path]; o != nil {
				o.put = body
			}
			s.mu.Unlock()
		}()
	}
	// go-webdav's handler leaves a DELETE's If-Match to the backend, and
	// its backend interface does not pass it on: check it here.
	if r.Method == http.MethodDelete {
		if m := r.Header.Get("If-Match"); m != "" {
			s.mu.Lock()
			o := s.objects[r.URL.Path]
			s.mu.Unlock()
			if o != nil && m != `"`+o.etag+`"` {
				http.Error(w, "changed", http.StatusPreconditionFailed)
				return
			}
		}
	}
	s.h.ServeHTTP(w, r)
}

// requests returns the requests since the last call and forgets them.
func (s *server) requests() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	l := s.log
	s.log = nil
	return l
}

// writes are the PUT and DELETE requests among l.
func writes(l []string) []string {
	var out []string
	for _, r := range l {
		if strings.HasPrefix(r, "PUT ") || strings.HasPrefix(r, "DELETE ") {
			out = append(out, r)
		}
	}
	return out
}

func (s *server) newETag() string {
	s.etags++
	return fmt.Sprintf("e%d", s.etags)
}

// event is the VEVENT of the object with uid, and its path; nil when the
// calendar has none.
func (s *server) event(uid string) (*ical.Component, string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for p, o := range s.objects {
		for _, c := range o.cal.Children {
			if c.Name == ical.CompEvent && c.Props.Get(ical.PropUID).Value == uid {
				return c, p
			}
		}
	}
	return nil, ""
}

// edit changes the event with uid on the server, as a phone would: the
// object gets a new ETag.
func (s *server) edit(uid string, change func(ev *ical.Component)) {
	s.t.Helper()
	ev, p := s.event(uid)
	if ev == nil {
		s.t.Fatalf("no event %s on the server", uid)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	change(ev)
	s.objects[p].etag = s.newETag()
	s.objects[p].put = nil
}

// remove deletes the event with uid on the server.
func (s *server) remove(uid string) {
	s.t.Helper()
	_, p := s.event(uid)
	if p == "" {
		s.t.Fatalf("no event %s on the server", uid)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.objects, p)
}

// add stores a calendar object someone else wrote.
func (s *server) add(name string, data string) {
	s.t.Helper()
	cal, err := ical.NewDecoder(strings.NewReader(data)).Decode()
	if err != nil {
		s.t.Fatal(err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.objects[calPath+name] = &object{cal: cal, etag: s.newETag()}
}

// uids are the UIDs of the events the calendar holds, sorted.
func (s *server) uids() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, o := range s.objects {
		for _, c := range o.cal.Children {
			if c.Name == ical.CompEvent {
				out = append(out, c.Props.Get(ical.PropUID).Value)
			}
		}
	}
	sort.Strings(out)
	return out
}

// backend is go-webdav's caldav.Backend over the server's objects.
type backend struct{ s *server }

func notFound(p string) error {
	return webdav.NewHTTPError(http.StatusNotFound, fmt.Errorf("%s: not found", p))
}

func (b backend) CurrentUserPrincipal(context.Context) (string, error) { return principal, nil }
func (b backend) CalendarHomeSetPath(context.Context) (string, error)  { return homeSet, nil }

func (b backend) CreateCalendar(context.Context, *caldav.Calendar) error {
	return webdav.NewHTTPError(http.StatusForbidden, fmt.Errorf("no new calendars"))
}

func (b backend) calendar() caldav.Calendar {
	return caldav.Calendar{Path: calPath, Name: "FOSDEM", SupportedComponentSet: []string{ical.CompEvent}}
}

func (b backend) ListCalendars(context.Context) ([]caldav.Calendar, error) {
	return []caldav.Calendar{b.calendar()}, nil
}

func (b backend) GetCalendar(_ context.Context, p string) (*caldav.Calendar, error) {
	if strings.TrimSuffix(p, "/") != strings.TrimSuffix(calPath, "/") {
		return nil, notFound(p)
	}
	c := b.calendar()
	return &c, nil
}

func (b backend) GetCalendarObject(_ context.Context, p string, _ *caldav.CalendarCompRequest) (*caldav.CalendarObject, error) {
	b.s.mu.Lock()
	defer b.s.mu.Unlock()
	o := b.s.objects[p]
	if o == nil {
		return nil, notFound(p)
	}
	return &caldav.CalendarObject{Path: p, ETag: o.etag, Data: o.cal}, nil
}

func (b backend) ListCalendarObjects(_ context.Context, p string, _ *caldav.CalendarCompRequest) ([]caldav.CalendarObject, error) {
	if strings.TrimSuffix(p, "/") != strings.TrimSuffix(calPath, "/") {
		return nil, notFound(p)
	}
	b.s.mu.Lock()
	defer b.s.mu.Unlock()
	paths := make([]string, 0, len(b.s.objects))
	for p := range b.s.objects {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	out := make([]caldav.CalendarObject, 0, len(paths))
	for _, p := range paths {
		o := b.s.objects[p]
		out = append(out, caldav.CalendarObject{Path: p, ETag: o.etag, Data: o.cal})
	}
	return out, nil
}

func (b backend) QueryCalendarObjects(ctx context.Context, p string, q *caldav.CalendarQuery) ([]caldav.CalendarObject, error) {
	all, err := b.ListCalendarObjects(ctx, p, nil)
	if err != nil {
		return nil, err
	}
	return caldav.Filter(q, all)
}

func (b backend) PutCalendarObject(_ context.Context, p string, cal *ical.Calendar, opts *caldav.PutCalendarObjectOptions) (*caldav.CalendarObject, error) {
	if path.Dir(p)+"/" != calPath {
		return nil, webdav.NewHTTPError(http.StatusForbidden, fmt.Errorf("%s is not in the calendar", p))
	}
	b.s.mu.Lock()
	defer b.s.mu.Unlock()
	o := b.s.objects[p]
	precondition := webdav.NewHTTPError(http.StatusPreconditionFailed, fmt.Errorf("%s changed", p))
	if opts.IfNoneMatch.IsWildcard() && o != nil {
		return nil, precondition
	}
	if opts.IfMatch.IsSet() {
		want, err := opts.IfMatch.ETag()
		if err != nil || o == nil || want != o.etag {
			return nil, precondition
		}
	}
	o = &object{cal: cal, etag: b.s.newETag()}
	b.s.objects[p] = o
	return &caldav.CalendarObject{Path: p, ETag: o.etag, ModTime: time.Now()}, nil
}

func (b backend) DeleteCalendarObject(_ context.Context, p string) error {
	b.s.mu.Lock()
	defer b.s.mu.Unlock()
	if b.s.objects[p] == nil {
		return notFound(p)
	}
	delete(b.s.objects, p)
	return nil
}

// The program: FOSDEM 2026, read once.
var (
	programOnce sync.Once
	program     *importer.Feed
	programErr  error
)

func fosdem(t *testing.T) *importer.Feed {
	t.Helper()
	programOnce.Do(func() {
		data, err := os.ReadFile("../../testdata/programs/fosdem-2026-pentabarf.xml")
		if err != nil {
			programErr = err
			return
		}
		program, programErr = importer.Parse(data, "", importer.Options{Name: "fosdem-2026-pentabarf.xml"})
	})
	if programErr != nil {
		t.Fatal(programErr)
	}
	return program
}

// picks are n scheduled sessions spread over the program, as the events
// of a plan's picks (export.PicksCalendar) carry them.
func picks(t *testing.T, n int) []export.Event {
	t.Helper()
	var scheduled []*schedule.Session
	for _, s := range fosdem(t).Sessions {
		if s.Scheduled() {
			scheduled = append(scheduled, s)
		}
	}
	if len(scheduled) < n {
		t.Fatalf("only %d scheduled sessions", len(scheduled))
	}
	out := make([]export.Event, 0, n)
	for i := range n {
		s := *scheduled[i*len(scheduled)/n]
		s.Source = "fosdem-2026-pentabarf.xml"
		out = append(out, export.Event{Session: s, Priority: schedule.Want})
	}
	return out
}

// desired is what a plan with these picks wants in the calendar.
func desired(t *testing.T, events []export.Event) []plancaldav.Desired {
	t.Helper()
	name := fosdem(t).Conference
	out := make([]plancaldav.Desired, 0, len(events))
	for _, e := range events {
		out = append(out, plancaldav.Desired{UID: export.UID(name, &e.Session), Event: e})
	}
	return out
}
