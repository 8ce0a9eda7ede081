package cmd

import (
	"context"
	"crypto/rand"
	"encoding/base32"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/plan-cli/plan/export/feed"
	"github.com/plan-cli/plan/schedule"
	"github.com/plan-cli/plan/schedule/store"
)

type serveOptions struct {
	f     *Factory
	Addr  string
	Token string
	// AllowHosts are names the server answers to besides its own.
	AllowHosts []string
	// ready, when set, is told the listening address (for tests).
	ready func(addr string)
	// built, when set, is told of each calendar built (for tests).
	built func(which string)
}

func newServeCmd(f *Factory, runF func(*serveOptions) error) *cobra.Command {
	o := &serveOptions{f: f}
	c := &cobra.Command{
		Use:   "serve [--addr HOST:PORT]",
		Short: "Serve your calendar as a feed that phones subscribe to",
		Long: `serve is a small web server for calendar apps to subscribe to
(webcal://): /plan.ics is your picks and /all.ics the whole program, both
rebuilt from the plan whenever it changes, so a subscribed calendar
follows every pick, move and cancellation the next time it refreshes.
They carry ETag and Last-Modified, and an unchanged calendar is answered
with 304 Not Modified. The page at / has the subscribe links and a QR code to
scan with the phone.

It listens on 127.0.0.1:8080 unless --addr says otherwise. On any address
other than localhost (e.g. --addr 0.0.0.0:8080, for a phone on the same
network) every path starts with a secret token, generated at start or
given with --token, and the address with the token is printed: without
it a request gets 404. Each request is logged on standard error. Ctrl-C
stops the server.

It answers only requests addressed to its own names: localhost,
127.0.0.1 and [::1], the address it listens on (on 0.0.0.0 or ::, every
address of this machine and its host name) and the names given with
--allow-host. Anything else gets 421 Misdirected Request: a web page
cannot read your calendar by pointing a name of its own at this machine
(DNS rebinding).`,
		Example: `  plan serve
  plan serve --addr 0.0.0.0:8080
  plan serve --addr 192.168.1.20:8080 --token "$(cat ~/.plan-token)"
  plan serve --addr 0.0.0.0:8080 --allow-host plan.home.arpa`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(o)
			}
			return runServe(o)
		},
	}
	fl := c.Flags()
	fl.StringVar(&o.Addr, "addr", "127.0.0.1:8080", "the address to listen on, HOST:PORT")
	fl.StringVar(&o.Token, "token", "", "the secret first element of every path (generated when listening beyond localhost)")
	fl.StringArrayVar(&o.AllowHosts, "allow-host", nil, "a `NAME` the server answers to besides its own addresses, e.g. a DNS name for it (repeatable)")
	return c
}

func newToken() (string, error) {
	b := make([]byte, 15)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return strings.ToLower(base32.StdEncoding.EncodeToString(b)), nil
}

func runServe(o *serveOptions) error {
	f := o.f
	host, _, err := net.SplitHostPort(o.Addr)
	if err != nil {
		return usagef("--addr %q: give HOST:PORT, e.g. 127.0.0.1:8080", o.Addr)
	}
	token := strings.Trim(o.Token, "/")
	if o.Token != "" && (token == "" || strings.ContainsAny(token, "/?#% ")) {
		return usagef("--token: letters, digits, '-' and '_' only")
	}
	for _, name := range o.AllowHosts {
		if name == "" || strings.ContainsAny(name, "/@?# ") {
			return usagef("--allow-host %q: give a host name or address, e.g. plan.home.arpa", name)
		}
	}
	if !feed.Loopback(host) && token == "" {
		if token, err = newToken(); err != nil {
			return err
		}
	}
	// Read the plan once now, so that a missing or broken plan fails at
	// start and not on the first request.
	var title string
	if err := f.readPlan(func(st *store.Workspace, p *schedule.Plan) error {
		title = p.Conference.Name
		return nil
	}); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", o.Addr)
	if err != nil {
		return fmt.Errorf("cannot listen on %s: %w", o.Addr, err)
	}
	// A server lives long: the collector runs at its usual pace (see
	// gc.go), so that memory a request used is given back.
	gcForLargeHeap(f.IO.Getenv)

	addr := ln.Addr().String()
	shown := addr
	if h, p, err := net.SplitHostPort(addr); err == nil && (h == "0.0.0.0" || h == "::") {
		shown = net.JoinHostPort(outboundHint(), p)
	}
	h := &feed.Handler{
		Build: f.buildFeed, Version: f.feedVersion, Built: o.built, Token: token, Title: title, Log: f.IO.ErrOut, Now: f.IO.Now,
		Hosts: serverNames(host, ln.Addr(), o.AllowHosts), LocalOnly: feed.Loopback(host), PhoneHost: shown,
	}
	srv := &http.Server{
		Handler: h,
		// A calendar app sends a short GET and reads the answer at once;
		// a client that does less is dropped, so that clients that stop
		// hold neither connections nor memory. A body that is being read
		// has longer (feed.DefaultStall for each piece of it).
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       30 * time.Second,
	}
	base := "http://" + shown
	if token != "" {
		base += "/" + token
	}
	fmt.Fprintf(f.IO.ErrOut, "Serving %s on %s/ (Ctrl-C to stop)\n", title, base)
	fmt.Fprintf(f.IO.ErrOut, "  subscribe: webcal://%s/plan.ics (your picks), webcal://%s/all.ics (the whole program)\n", strings.TrimPrefix(base, "http://"), strings.TrimPrefix(base, "http://"))
	if token != "" {
		fmt.Fprintf(f.IO.ErrOut, "  listening beyond localhost: every address needs the secret token %s in its path; keep it to yourself\n", token)
	}
	if o.ready != nil {
		o.ready(addr)
	}

	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		if errors.Is(err, http.ErrServerClosed) {
			return nil
		}
		return err
	case <-f.Ctx.Done():
	}
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		srv.Close()
	}
	fmt.Fprintln(f.IO.ErrOut, "Stopped.")
	return nil
}

// serverNames are the names the server answers to besides the loopback
// ones (and the address a request comes in at): the host of --addr, and
// listening on 0.0.0.0 or :: every address of this machine and its host
// name (the links printed at start use it, and phones on a home network
// often know it as NAME.local); and the names the user added.
func serverNames(host string, addr net.Addr, extra []string) []string {
	names := append([]string(nil), extra...)
	if host != "" {
		names = append(names, host)
	}
	if tcp, ok := addr.(*net.TCPAddr); !ok || !tcp.IP.IsUnspecified() {
		return names
	}
	if ifaddrs, err := net.InterfaceAddrs(); err == nil {
		for _, a := range ifaddrs {
			if ipn, ok := a.(*net.IPNet); ok {
				names = append(names, ipn.IP.String())
			}
		}
	}
	if name := outboundHint(); name != "localhost" {
		names = append(names, name)
		if !strings.Contains(name, ".") {
			names = append(names, name+".local")
		}
	}
	return names
}

// outboundHint is a host name for the links when listening on every
// address: the machine's name, which phones on a home network often
// resolve; the page at / shows the address the phone actually used.
func outboundHint() string {
	if name, err := os.Hostname(); err == nil && name != "" {
		return name
	}
	return "localhost"
}

// feedVersion names the plan and its program as they are now (their
// stamp, read under the shared lock), without decoding either: what a
// calendar is built from. Both feeds come from the same files.
func (f *Factory) feedVersion(ctx context.Context, which string) (string, error) {
	st, err := f.open(store.Read)
	if err != nil {
		return "", err
	}
	defer st.Close()
	return st.Stamp()
}

// buildFeed makes the calendar of /plan.ics or /all.ics from the plan as
// it is now, read under the shared lock: the one 'plan export --ics'
// writes. Its time is when the plan or the program last changed, the
// DTSTAMP the feed writes, so the same plan gives the same bytes and ETag.
// Its version is the files' stamp, read before and after the build: when
// the two differ (the files changed under a reader that could not lock
// them, in a read-only folder) the calendar is not kept.
func (f *Factory) buildFeed(ctx context.Context, which string) (feed.Calendar, error) {
	st, err := f.open(store.Read)
	if err != nil {
		return feed.Calendar{}, err
	}
	defer st.Close()
	before, err := st.Stamp()
	if err != nil {
		return feed.Calendar{}, err
	}
	p, err := st.LoadPlan()
	if err != nil {
		return feed.Calendar{}, err
	}
	mod := time.Time{}
	for _, path := range []string{st.Path, st.ProgramPath} {
		if fi, err := os.Stat(path); err == nil && fi.ModTime().After(mod) {
			mod = fi.ModTime()
		}
	}
	if mod.IsZero() {
		mod = time.Unix(0, 0)
	}
	mod = mod.Truncate(time.Second)
	cal, err := f.calendar(st, p, which == feed.All)
	if err != nil {
		return feed.Calendar{}, err
	}
	out := feed.Calendar{Calendar: cal, Modified: mod}
	if after, err := st.Stamp(); err == nil && after == before {
		out.Version = before
	}
	return out, nil
}
