package caldav

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"

	ical "github.com/emersion/go-ical"
	"github.com/emersion/go-webdav/caldav"
)

// Client is one calendar collection on a CalDAV server. Discovery and the
// query of what the collection holds (PROPFIND and REPORT, whose XML
// multistatus answers are the hard part of the protocol) go through
// github.com/emersion/go-webdav. PUT and DELETE are plain HTTP requests
// that carry no XML; they are written here because go-webdav v0.6.0's
// PutCalendarObject can send neither If-Match nor If-None-Match, and it
// re-encodes the event through go-ical (unfolded lines, properties
// re-sorted), where we want the server to get the bytes 'plan export
// --ics' writes.
type Client struct {
	URL  *url.URL // the collection; its path ends in "/"
	doer *guard
	dav  *caldav.Client
}

// defaultTimeout bounds each request, its answer read in full.
const defaultTimeout = 60 * time.Second

// Credentials for HTTP basic authentication; a zero value sends none.
type Credentials struct {
	User, Password string
}

// NewClient checks rawURL (http or https, no user name or password in it)
// and returns a client for the collection there. hc may be nil; the
// client uses a copy of it that sends the credentials only to rawURL's
// origin, follows no redirect out of it and caps every answer (see
// guard.go).
func NewClient(rawURL string, cred Credentials, hc *http.Client) (*Client, error) {
	u, err := ParseURL(rawURL)
	if err != nil {
		return nil, err
	}
	d := newGuard(u, cred, hc)
	dav, err := caldav.NewClient(d, u.String())
	if err != nil {
		return nil, fmt.Errorf("caldav: %v", err)
	}
	return &Client{URL: u, doer: d, dav: dav}, nil
}

// ParseURL reads a calendar collection's URL: http or https with a host,
// no credentials (they would be stored in the plan), no query or
// fragment; the path gets a final "/".
func ParseURL(rawURL string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("%q is not a calendar URL: give the http(s) URL of a CalDAV calendar collection, e.g. https://cloud.example.org/remote.php/dav/calendars/ana/fosdem/", rawURL)
	}
	if u.User != nil {
		return nil, fmt.Errorf("the calendar URL holds a user name or password, which would be kept in the plan: give the URL without it and the credentials in ~/.netrc, PLAN_CALDAV_USER/PLAN_CALDAV_PASSWORD or PLAN_CALDAV_PASSWORD_COMMAND")
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("%q: a calendar URL has no ?query or #fragment", rawURL)
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
		u.RawPath = ""
	}
	return u, nil
}

// Requests is how many HTTP requests the client made; Writes how many of
// them were PUTs or DELETEs.
func (c *Client) Requests() (all, writes int) {
	c.doer.mu.Lock()
	defer c.doer.mu.Unlock()
	return c.doer.requests, c.doer.writes
}

// CheckCalendar makes sure the URL is a calendar collection.
func (c *Client) CheckCalendar(ctx context.Context) error {
	cals, err := c.dav.FindCalendars(ctx, c.URL.Path)
	if err != nil {
		return c.explain(ctx, "read the calendar", err)
	}
	var inside []string
	for _, cal := range cals {
		if samePath(cal.Path, c.URL.Path) {
			return nil
		}
		inside = append(inside, c.URL.ResolveReference(&url.URL{Path: cal.Path}).String())
	}
	if len(inside) > 0 {
		return &Error{URL: c.URL.String(), Msg: fmt.Sprintf("%s is not a calendar but holds calendars: give one of %s", c.URL, strings.Join(inside, ", "))}
	}
	return &Error{URL: c.URL.String(), Msg: fmt.Sprintf("%s is not a CalDAV calendar collection: give the URL of a calendar (a client such as Thunderbird shows it in the calendar's properties)", c.URL)}
}

// List returns the collection's events whose UID looks like ours
// ("…@plan"), by UID.
func (c *Client) List(ctx context.Context) (map[string]Remote, error) {
	q := &caldav.CalendarQuery{
		// Each event whole: holds compares every property plan writes.
		CompRequest: caldav.CalendarCompRequest{Name: "VCALENDAR", Comps: []caldav.CalendarCompRequest{{Name: "VEVENT", AllProps: true}}},
		CompFilter:  caldav.CompFilter{Name: "VCALENDAR", Comps: []caldav.CompFilter{{Name: "VEVENT"}}},
	}
	objs, err := c.dav.QueryCalendar(ctx, c.URL.Path, q)
	if err != nil {
		return nil, c.explain(ctx, "list the calendar's events", err)
	}
	out := make(map[string]Remote, len(objs))
	for _, o := range objs {
		ev := firstEvent(o.Data)
		if ev == nil {
			continue
		}
		uid := ""
		if p := ev.Props.Get(ical.PropUID); p != nil {
			uid = p.Value
		}
		if !strings.HasSuffix(uid, "@plan") {
			continue
		}
		if _, dup := out[uid]; dup {
			continue
		}
		out[uid] = Remote{Href: o.Path, ETag: o.ETag, Event: ev}
	}
	return out, nil
}

// Href is where a new event with uid goes: "plan-<hex>.ics" in the
// collection.
func (c *Client) Href(uid string) string {
	name := strings.TrimSuffix(uid, "@plan")
	return c.URL.Path + "plan-" + url.PathEscape(name) + ".ics"
}

// ErrPrecondition is a conditional write the server refused (412): the
// event changed, appeared or went away on the server since it was read.
var ErrPrecondition = errors.New("changed on the server")

// Put writes a calendar object at href: only if none is there when ifMatch
// is "", else only if the server's ETag is still ifMatch. It returns the
// new ETag, or "" when the server gives none.
func (c *Client) Put(ctx context.Context, href string, data []byte, ifMatch string) (string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPut, c.resolve(href), bytes.NewReader(data))
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", "text/calendar; charset=utf-8")
	if ifMatch == "" {
		req.Header.Set("If-None-Match", "*")
	} else {
		req.Header.Set("If-Match", quoteETag(ifMatch))
	}
	resp, err := c.doer.Do(req)
	if err != nil {
		return "", c.explain(ctx, "write "+href, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 4<<10))
	switch {
	case resp.StatusCode == http.StatusPreconditionFailed:
		return "", ErrPrecondition
	case resp.StatusCode/100 != 2:
		return "", c.explain(ctx, "write "+href, statusError(resp, body))
	}
	return unquoteETag(resp.Header.Get("ETag")), nil
}

// Delete removes the object at href if its ETag is still ifMatch (any ETag
// when ""). An object already gone is no error.
func (c *Client) Delete(ctx context.Context, href, ifMatch string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodDelete, c.resolve(href), nil)
	if err != nil {
		return err
	}
	if ifMatch != "" {
		req.Header.Set("If-Match", quoteETag(ifMatch))
	}
	resp, err := c.doer.Do(req)
	if err != nil {
		return c.explain(ctx, "delete "+href, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 4<<10))
	switch {
	case resp.StatusCode == http.StatusNotFound:
		return nil
	case resp.StatusCode == http.StatusPreconditionFailed:
		return ErrPrecondition
	case resp.StatusCode/100 != 2:
		return c.explain(ctx, "delete "+href, statusError(resp, body))
	}
	return nil
}

func (c *Client) resolve(href string) string {
	return c.URL.ResolveReference(&url.URL{Path: href}).String()
}

// Error is a sync failure told for people: what went wrong with which
// calendar, and what to do.
type Error struct {
	URL    string
	Status int // the HTTP status, 0 when the request got no answer
	Msg    string
	Err    error
}

func (e *Error) Error() string { return e.Msg }
func (e *Error) Unwrap() error { return e.Err }

// explain turns a failed request into an Error that says what to do.
func (c *Client) explain(ctx context.Context, what string, err error) error {
	if ctx.Err() != nil {
		return &Error{URL: c.URL.String(), Msg: fmt.Sprintf("interrupted while trying to %s", what), Err: ctx.Err()}
	}
	if e := c.refusal(what, err); e != nil {
		return e
	}
	status := c.doer.lastStatus()
	var se *httpStatusError
	if errors.As(err, &se) {
		status = se.code
	}
	if status != 0 && status/100 != 2 {
		return c.explainStatus(what, status, err)
	}
	if msg := c.explainNetwork(what, status, err); msg != "" {
		return &Error{URL: c.URL.String(), Err: err, Msg: msg}
	}
	return &Error{URL: c.URL.String(), Err: err, Msg: fmt.Sprintf("cannot %s at %s: %v", what, c.URL, err)}
}

// again ends the message of a failure a new sync may get past.
const again = "; nothing is half-written: run 'plan sync' again once that is fixed"

// refusal is the Error of an answer the client refused (a redirect out of
// the origin, past a cap), or nil.
func (c *Client) refusal(what string, err error) error {
	var re *RedirectError
	var le *LimitError
	switch {
	case errors.As(err, &re):
	case errors.As(err, &le):
	default:
		// A library may have passed the refusal on as text only.
		switch r := c.doer.lastRefusal(); {
		case r == nil || !strings.Contains(err.Error(), r.Error()):
			return nil
		case errors.As(r, &re):
		case errors.As(r, &le):
		}
	}
	if re != nil {
		return &Error{URL: c.URL.String(), Err: err, Msg: re.Error()}
	}
	if le == nil {
		return nil
	}
	return &Error{URL: c.URL.String(), Err: err, Msg: le.describe(c.URL.Host, what)}
}

// explainStatus is the Error of an answer with a status that is not 2xx.
func (c *Client) explainStatus(what string, status int, err error) error {
	host := c.URL.Host
	var msg string
	switch {
	case status == http.StatusUnauthorized:
		msg = fmt.Sprintf("%s refused the credentials (401 Unauthorized) when trying to %s: give them in ~/.netrc (machine %s login … password …), PLAN_CALDAV_USER and PLAN_CALDAV_PASSWORD, or PLAN_CALDAV_PASSWORD_COMMAND", host, what, c.URL.Hostname())
	case status == http.StatusForbidden:
		msg = fmt.Sprintf("%s does not allow this account to %s (403 Forbidden): check that the calendar is yours and writable", host, what)
	case status == http.StatusNotFound || status == http.StatusMethodNotAllowed:
		msg = fmt.Sprintf("no CalDAV calendar at %s (%d %s when trying to %s): give the URL of a calendar collection", c.URL, status, http.StatusText(status), what)
	case status/100 == 3:
		msg = fmt.Sprintf("%s answered %d %s when trying to %s, with no place to go: give the calendar's URL as the server names it", host, status, http.StatusText(status), what)
	default:
		msg = fmt.Sprintf("%s answered %d %s when trying to %s%s", host, status, http.StatusText(status), what, again)
	}
	return &Error{URL: c.URL.String(), Status: status, Err: err, Msg: msg}
}

// explainNetwork says in words what went wrong on the way to the server;
// "" when it is none of the failures it knows. status is that of the
// answer, when one came.
func (c *Client) explainNetwork(what string, status int, err error) string {
	host := c.URL.Host
	var (
		ne        net.Error
		oe        *net.OpError
		dnsErr    *net.DNSError
		authority x509.UnknownAuthorityError
		hostname  x509.HostnameError
		invalid   x509.CertificateInvalidError
		record    tls.RecordHeaderError
		syntax    *xml.SyntaxError
	)
	switch {
	case errors.As(err, &dnsErr):
		if dnsErr.IsNotFound {
			return fmt.Sprintf("cannot find the server %s: no such host name (check the calendar URL)", host)
		}
		return fmt.Sprintf("cannot find the server %s: the name server did not answer (is this machine online?)", host)
	case errors.Is(err, syscall.ECONNREFUSED):
		return fmt.Sprintf("cannot reach %s: the connection was refused (is the server running, and the port right?)", host)
	case errors.Is(err, syscall.ENETUNREACH), errors.Is(err, syscall.EHOSTUNREACH):
		return fmt.Sprintf("cannot reach %s: no route to it (is this machine online?)", host)
	case errors.As(err, &authority):
		return fmt.Sprintf("%s's certificate is not signed by an authority this machine trusts: refused, as anyone could pose as the server (if it is yours, add its certificate authority to the system's, or SSL_CERT_FILE)", host)
	case errors.As(err, &hostname):
		return fmt.Sprintf("%s's certificate is for another name (%s): refused, as anyone could pose as the server; check the calendar URL", host, strings.TrimPrefix(hostname.Error(), "x509: "))
	case errors.As(err, &invalid):
		return fmt.Sprintf("%s's certificate is not valid (expired, not yet valid, or not for a server): refused", host)
	case errors.As(err, &record), strings.Contains(err.Error(), "server gave HTTP response to HTTPS client"):
		return fmt.Sprintf("%s answers plain http, not https, on that port: check the calendar URL's port", host)
	case strings.Contains(err.Error(), "server response headers exceeded"):
		return fmt.Sprintf("%s, when trying to %s: the server's headers are larger than %s: refused", host, what, mib(MaxHeader))
	case errors.As(err, &ne) && ne.Timeout():
		return fmt.Sprintf("%s did not answer within %d seconds when trying to %s%s", host, int(defaultTimeout.Seconds()), what, again)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EPIPE), errors.As(err, &oe):
		return fmt.Sprintf("lost the connection to %s when trying to %s%s", host, what, again)
	case errors.As(err, &syntax):
		return fmt.Sprintf("%s's answer when trying to %s is not the XML a CalDAV server sends (line %d: %s): is this a CalDAV calendar's URL?", host, what, syntax.Line, syntax.Msg)
	case status/100 == 2 && status != http.StatusMultiStatus && strings.Contains(err.Error(), "multi-status"):
		return fmt.Sprintf("%s answered %d %s when trying to %s, where a CalDAV server answers 207 Multi-Status: is this a CalDAV calendar's URL?", host, status, http.StatusText(status), what)
	}
	return ""
}

type httpStatusError struct {
	code int
	msg  string
}

func (e *httpStatusError) Error() string { return e.msg }

func statusError(resp *http.Response, body []byte) error {
	msg := strings.TrimSpace(string(body))
	if len(msg) > 200 || strings.HasPrefix(msg, "<") {
		msg = ""
	}
	if msg != "" {
		msg = ": " + msg
	}
	return &httpStatusError{code: resp.StatusCode, msg: resp.Status + msg}
}

func samePath(a, b string) bool {
	ua, err1 := url.PathUnescape(a)
	ub, err2 := url.PathUnescape(b)
	if err1 != nil || err2 != nil {
		ua, ub = a, b
	}
	return strings.TrimSuffix(ua, "/") == strings.TrimSuffix(ub, "/")
}

func quoteETag(etag string) string {
	if strings.HasPrefix(etag, `"`) || strings.HasPrefix(etag, `W/"`) {
		return etag
	}
	return strconv.Quote(etag)
}

func unquoteETag(etag string) string {
	etag = strings.TrimSpace(etag)
	if strings.HasPrefix(etag, "W/") {
		return "" // a weak ETag cannot make a write conditional
	}
	if s, err := strconv.Unquote(etag); err == nil {
		return s
	}
	return etag
}
