package caldav_test

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	plancaldav "github.com/plan-cli/plan/export/caldav"
)

func TestParseURL(t *testing.T) {
	for _, c := range []struct{ in, want, err string }{
		{"https://cloud.example.org/remote.php/dav/calendars/ana/fosdem", "https://cloud.example.org/remote.php/dav/calendars/ana/fosdem/", ""},
		{"  http://127.0.0.1:5232/ana/fosdem/ ", "http://127.0.0.1:5232/ana/fosdem/", ""},
		{"http://host/a%20b", "http://host/a%20b/", ""},
		{"webcal://host/cal/", "", "is not a calendar URL"},
		{"cloud.example.org/ana/fosdem/", "", "is not a calendar URL"},
		{"https:///ana/", "", "is not a calendar URL"},
		{"https://ana:secret@cloud.example.org/ana/fosdem/", "", "would be kept in the plan"},
		{"https://cloud.example.org/ana/fosdem/?export", "", "no ?query or #fragment"},
		{"https://cloud.example.org/ana/fosdem/#x", "", "no ?query or #fragment"},
	} {
		u, err := plancaldav.ParseURL(c.in)
		switch {
		case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)):
			t.Errorf("ParseURL(%q): %v, want an error saying %q", c.in, err, c.err)
		case c.err == "" && err != nil:
			t.Errorf("ParseURL(%q): %v", c.in, err)
		case c.err == "" && u.String() != c.want:
			t.Errorf("ParseURL(%q) = %s, want %s", c.in, u, c.want)
		}
	}
}

// What a sync says when the server refuses, is not a calendar, or is not
// there: a *caldav.Error that names the problem and what to do.
func TestSyncErrors(t *testing.T) {
	s := newServer(t)
	p := picks(t, 2)
	feed := fosdem(t)
	o := plancaldav.Options{Name: feed.Conference, TimeZone: feed.TimeZone, Now: syncNow}
	syncTo := func(url string, cred plancaldav.Credentials, hc *http.Client) (*plancaldav.Error, *plancaldav.Result) {
		t.Helper()
		c, err := plancaldav.NewClient(url, cred, hc)
		if err != nil {
			t.Fatal(err)
		}
		res, err := plancaldav.Sync(t.Context(), c, desired(t, p), plancaldav.NewState(url), o, false)
		var e *plancaldav.Error
		if !errors.As(err, &e) {
			t.Fatalf("sync to %s: %v, want a *caldav.Error", url, err)
		}
		return e, res
	}

	s.user, s.password = "ana", "secret"
	e, res := syncTo(s.URL(), plancaldav.Credentials{User: "ana", Password: "wrong"}, s.srv.Client())
	if e.Status != http.StatusUnauthorized || !strings.Contains(e.Msg, "refused the credentials") || !strings.Contains(e.Msg, "~/.netrc") {
		t.Errorf("wrong password: %d %s", e.Status, e.Msg)
	}
	if len(res.Done) != 0 || res.Writes != 0 || res.Requests != 1 {
		t.Errorf("wrong password: %+v", res)
	}
	c, _ := plancaldav.NewClient(s.URL(), plancaldav.Credentials{User: "ana", Password: "secret"}, s.srv.Client())
	if res, err := plancaldav.Sync(t.Context(), c, desired(t, p), plancaldav.NewState(s.URL()), o, false); err != nil || res.Count(plancaldav.Create) != 2 {
		t.Errorf("the right password: %v, %+v", err, res)
	}
	s.user = ""

	e, _ = syncTo(s.srv.URL+homeSet, plancaldav.Credentials{}, s.srv.Client())
	if !strings.Contains(e.Msg, "not a calendar but holds calendars: give one of "+s.srv.URL+calPath) {
		t.Errorf("a folder of calendars: %s", e.Msg)
	}
	e, _ = syncTo(s.srv.URL+"/bob/calendars/work/", plancaldav.Credentials{}, s.srv.Client())
	if e.Status != http.StatusNotFound || !strings.Contains(e.Msg, "no CalDAV calendar at "+s.srv.URL+"/bob/calendars/work/") {
		t.Errorf("no calendar there: %d %s", e.Status, e.Msg)
	}

	s.objects = map[string]*object{}
	s.before = func(w http.ResponseWriter, r *http.Request) bool {
		if r.Method != http.MethodPut {
			return false
		}
		http.Error(w, "the disk is full", http.StatusInsufficientStorage)
		return true
	}
	e, _ = syncTo(s.URL(), plancaldav.Credentials{}, s.srv.Client())
	if e.Status != http.StatusInsufficientStorage || !strings.Contains(e.Msg, "answered 507 Insufficient Storage when trying to write "+calPath+"plan-") || !strings.Contains(e.Msg, "nothing is half-written") {
		t.Errorf("a write refused: %d %s", e.Status, e.Msg)
	}
	s.before = func(w http.ResponseWriter, r *http.Request) bool {
		http.Error(w, "not yours", http.StatusForbidden)
		return true
	}
	e, _ = syncTo(s.URL(), plancaldav.Credentials{}, s.srv.Client())
	if e.Status != http.StatusForbidden || !strings.Contains(e.Msg, "does not allow this account to read the calendar (403 Forbidden)") {
		t.Errorf("forbidden: %d %s", e.Status, e.Msg)
	}
	s.before = nil

	gone := httptest.NewServer(http.NotFoundHandler())
	url := gone.URL + calPath
	gone.Close()
	e, _ = syncTo(url, plancaldav.Credentials{}, nil)
	if !strings.Contains(e.Msg, "the connection was refused") {
		t.Errorf("no server: %s", e.Msg)
	}
}

// The href of a new event is the UID's hex part in the collection.
func TestHref(t *testing.T) {
	c, err := plancaldav.NewClient("http://127.0.0.1:5232/ana/fosdem", plancaldav.Credentials{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Href("53049a543e99c527f302a0e80e11ee64@plan"); got != "/ana/fosdem/plan-53049a543e99c527f302a0e80e11ee64.ics" {
		t.Errorf("Href = %s", got)
	}
}
