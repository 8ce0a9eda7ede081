package cmd

import (
	"bufio"
	"bytes"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/plan-cli/plan/export"
	"github.com/plan-cli/plan/export/caldav"
	"github.com/plan-cli/plan/export/caldav/netrc"
	"github.com/plan-cli/plan/export/jsonshape"
	"github.com/plan-cli/plan/schedule"
	"github.com/plan-cli/plan/schedule/store"
)

type syncOptions struct {
	f       *Factory
	CalDAV  string
	Dropped string
	DryRun  bool
	Force   bool
	JSON    bool
	// InsecureHTTP lets a password go over plain http to another machine.
	InsecureHTTP bool
}

func newSyncCmd(f *Factory, runF func(*syncOptions) error) *cobra.Command {
	o := &syncOptions{f: f}
	c := &cobra.Command{
		Use:   "sync [--caldav URL] [--dry-run]",
		Short: "Push your picks into a CalDAV calendar and keep it in step",
		Long: `sync puts your picks into a calendar on a CalDAV server (Nextcloud,
Radicale, Fastmail, iCloud, …) that your phone and desktop already show,
and keeps it in step: each pick is one event, with the same UID, SEQUENCE,
time zone and text as 'plan export --ics'. A sync creates the events of new
picks, updates the ones whose session changed (moved, new room, renamed),
and deletes (or, with --dropped cancel, marks cancelled) the events of
picks you dropped or whose session left the program. It touches only the
events it created; the rest of the calendar is never written.

--caldav is the URL of the calendar collection (in Nextcloud: the
calendar's "Copy private link"; in Radicale: http://host:5232/USER/CALENDAR/).
It is remembered in the plan, without credentials, so later syncs need no
flags; --dropped delete|cancel is remembered too.

Credentials never go in the plan. They come from, in this order:
  PLAN_CALDAV_USER and PLAN_CALDAV_PASSWORD
  PLAN_CALDAV_PASSWORD_COMMAND, run with sh -c; its first line of output
    is the password (e.g. "pass show caldav/fastmail")
  ~/.netrc (or $NETRC): machine HOST login USER password PASS
An app password is better than your account's password where the server
offers one. Credentials go only to the scheme, host and port of the URL: a
redirect elsewhere is refused. Over plain http:// they go only to this
machine, unless --insecure-http is given.

Every write is conditional: an event someone changed on the server since
the last sync (on the phone, say) is reported as a conflict and left as it
is there; --force writes the plan's version over it. What the last sync saw
is kept in a file beside the plan (.plan.yaml.sync.json), so that a sync
with nothing to do writes nothing and says "up to date". If a sync stops
half-way (the network, the server, even killed), run it again: it
carries on, as each sync records what it is about to write before it
writes it.

--dry-run shows what a sync would change and writes nothing. --json
reports created, updated, deleted, cancelled and conflicts.

Exit status: 0 when the calendar is in step with the plan, 3 when the sync
(or the dry run) left conflicts (the rest of its work is done and
recorded), 1 when it failed, 2 for a wrong command line.`,
		Example: `  plan sync --caldav https://cloud.example.org/remote.php/dav/calendars/ana/fosdem/
  plan sync
  plan sync --dry-run
  PLAN_CALDAV_PASSWORD_COMMAND='pass show dav' plan sync --dropped cancel`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(o)
			}
			return runSync(o)
		},
	}
	fl := c.Flags()
	fl.StringVar(&o.CalDAV, "caldav", "", "the CalDAV calendar collection's URL (remembered in the plan)")
	fl.StringVar(&o.Dropped, "dropped", "", "what becomes of the events of dropped picks: delete (default) or cancel (remembered)")
	fl.BoolVar(&o.DryRun, "dry-run", false, "show what would change, write nothing")
	fl.BoolVar(&o.Force, "force", false, "overwrite events changed on the server with the plan's version")
	fl.BoolVar(&o.InsecureHTTP, "insecure-http", false, "send the password over a plain http:// URL to another machine (in clear)")
	addJSONFlag(c, &o.JSON, "what the sync did")
	return c
}

func runSync(o *syncOptions) error {
	f := o.f
	switch o.Dropped {
	case "", caldav.DropDelete, caldav.DropCancel:
	default:
		return usagef("--dropped: %q is neither delete nor cancel", o.Dropped)
	}
	// A sync reads answers of up to caldav.MaxReport from the network: it
	// collects its garbage as it goes, so that its peak stays near that.
	gcForLargeHeap(f.IO.Getenv)
	mode := store.Write
	if o.DryRun {
		mode = store.Read
	}
	var (
		res    *caldav.Result
		calURL string
	)
	err := f.withPlan(mode, func(st *store.Workspace, p *schedule.Plan) (err error) {
		res, calURL, err = o.sync(st, p)
		return err
	})
	if err != nil {
		if res != nil && len(res.Done) > 0 && !o.DryRun {
			fmt.Fprintf(f.IO.ErrOut, "plan: before it stopped, the sync made %s; they are recorded\n", describeCounts(res))
		}
		return err
	}
	if o.JSON {
		err = f.writeJSON(syncShape(res, calURL, o.DryRun))
	} else {
		printSync(f, res, calURL, o.DryRun)
	}
	if err == nil && res.Count(caldav.Conflict) > 0 {
		// Done, but not in step: the script that runs it should know.
		return exitStatus{exitConflicts}
	}
	return err
}

// target is the calendar to sync to and what becomes of dropped picks:
// from the flags, else from the plan.
func (o *syncOptions) target(st *store.Workspace, p *schedule.Plan) (*url.URL, string, error) {
	raw := o.CalDAV
	if raw == "" {
		raw = p.Sync.CalDAV
	}
	if raw == "" {
		return nil, "", usagef("no calendar to sync to: give its URL once with 'plan sync --caldav URL'")
	}
	u, err := caldav.ParseURL(raw)
	if err != nil {
		return nil, "", err
	}
	dropped := o.Dropped
	if dropped == "" {
		dropped = p.Sync.Dropped
	}
	if dropped == "" {
		dropped = caldav.DropDelete
	}
	if dropped != caldav.DropDelete && dropped != caldav.DropCancel {
		return nil, "", fmt.Errorf("%s: sync.dropped is %q; it is delete or cancel", st.Path, dropped)
	}
	return u, dropped, nil
}

// sync runs one sync of the plan's picks and returns what it did, and the
// calendar's URL.
func (o *syncOptions) sync(st *store.Workspace, p *schedule.Plan) (*caldav.Result, string, error) {
	f := o.f
	u, dropped, err := o.target(st, p)
	if err != nil {
		return nil, "", err
	}
	calURL := u.String()
	cal, err := f.calendar(st, p, false)
	if err != nil {
		return nil, calURL, err
	}
	want := make([]caldav.Desired, 0, len(cal.Events))
	for _, ev := range cal.Events {
		want = append(want, caldav.Desired{UID: export.UID(cal.Name, &ev.Session), Event: ev})
	}
	state, err := loadSyncState(st, calURL)
	if err != nil {
		return nil, calURL, err
	}
	cred, err := caldavCredentials(f, u.Hostname())
	if err != nil {
		return nil, calURL, err
	}
	if err := caldav.CheckCleartext(u, cred, o.InsecureHTTP); err != nil {
		return nil, calURL, err
	}
	client, err := caldav.NewClient(calURL, cred, nil)
	if err != nil {
		return nil, calURL, err
	}
	opts := caldav.Options{
		Dropped: dropped, Force: o.Force, Name: cal.Name, TimeZone: cal.TimeZone, Now: f.IO.Now(),
		Program: programEvents(f, st, p),
	}
	if !o.DryRun {
		// The state is saved as the sync goes: before its first write,
		// with what it is about to write, and after, so that a sync
		// stopped half-way (or killed) is carried on by the next.
		opts.Save = func(s *caldav.State) error { return st.SaveSyncState(s) }
	}
	res, err := caldav.Sync(f.Ctx, client, want, state, opts, o.DryRun)
	if err != nil || o.DryRun {
		return res, calURL, err
	}
	if calURL != p.Sync.CalDAV || (o.Dropped != "" && o.Dropped != p.Sync.Dropped) {
		p.Sync.CalDAV = calURL
		if o.Dropped != "" {
			p.Sync.Dropped = o.Dropped
		}
		return res, calURL, st.SavePlan(p)
	}
	return res, calURL, nil
}

// programEvents gives the event of each session of the plan's program by
// its UID, reading the program when first asked (a sync asks only when
// the calendar holds an event of ours that it does not know): to
// recognise the events an earlier sync left behind.
func programEvents(f *Factory, st *store.Workspace, p *schedule.Plan) func(uid string) (export.Event, bool) {
	var byUID map[string]export.Event
	return func(uid string) (export.Event, bool) {
		if byUID == nil {
			byUID = map[string]export.Event{}
			if prog, err := f.loadProgram(st, p); err == nil {
				cal := export.ProgramCalendar(p, prog.Sessions)
				for _, ev := range cal.Events {
					byUID[export.UID(cal.Name, &ev.Session)] = ev
				}
			}
		}
		ev, ok := byUID[uid]
		return ev, ok
	}
}

// loadSyncState reads what the last sync to calURL saw; none, one that is
// not ours to read, or one about another calendar is a fresh start
// (events already on the server are recognised by their UIDs).
func loadSyncState(ws *store.Workspace, calURL string) (*caldav.State, error) {
	var st caldav.State
	ok, err := ws.LoadSyncState(&st)
	if err != nil {
		return nil, err
	}
	if !ok || st.Version != caldav.StateVersion || st.Calendar != calURL || st.Events == nil {
		return caldav.NewState(calURL), nil
	}
	return &st, nil
}

// caldavCredentials finds the user name and password for host:
// PLAN_CALDAV_USER and PLAN_CALDAV_PASSWORD, then
// PLAN_CALDAV_PASSWORD_COMMAND, then ~/.netrc ($NETRC). None at all is
// no error: the server may need none, and says so with a 401 if it does.
func caldavCredentials(f *Factory, host string) (caldav.Credentials, error) {
	env := f.IO.Getenv
	cred := caldav.Credentials{User: env("PLAN_CALDAV_USER"), Password: env("PLAN_CALDAV_PASSWORD")}
	if cred.Password == "" {
		if command := env("PLAN_CALDAV_PASSWORD_COMMAND"); command != "" {
			var out, errOut bytes.Buffer
			c := exec.CommandContext(f.Ctx, "sh", "-c", command)
			c.Stdout, c.Stderr, c.Stdin = &out, &errOut, nil
			if err := c.Run(); err != nil {
				return cred, fmt.Errorf("PLAN_CALDAV_PASSWORD_COMMAND failed: %v %s", err, strings.TrimSpace(errOut.String()))
			}
			line, _, _ := strings.Cut(out.String(), "\n")
			cred.Password = strings.TrimRight(line, "\r")
			if cred.Password == "" {
				return cred, fmt.Errorf("PLAN_CALDAV_PASSWORD_COMMAND printed no password")
			}
		}
	}
	if cred.User != "" && cred.Password != "" {
		return cred, nil
	}
	path := env("NETRC")
	if path == "" {
		if home := env("HOME"); home != "" {
			path = filepath.Join(home, ".netrc")
		}
	}
	if path == "" {
		return cred, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return cred, nil
	}
	login, password, ok := netrc.Lookup(string(data), host)
	if !ok || (cred.User != "" && login != "" && login != cred.User) {
		return cred, nil
	}
	if cred.User == "" {
		cred.User = login
	}
	if cred.Password == "" {
		cred.Password = password
	}
	return cred, nil
}

func describeCounts(res *caldav.Result) string {
	var parts []string
	for _, x := range []struct {
		op   caldav.Op
		word string
	}{{caldav.Create, "created"}, {caldav.Update, "updated"}, {caldav.Delete, "deleted"}, {caldav.Cancel, "cancelled"}, {caldav.Conflict, "conflict"}} {
		n := res.Count(x.op)
		if n == 0 {
			continue
		}
		if x.op == caldav.Conflict {
			parts = append(parts, schedule.Plural(n, "conflict", "conflicts"))
		} else {
			parts = append(parts, fmt.Sprintf("%d %s", n, x.word))
		}
	}
	if len(parts) == 0 {
		return "no change"
	}
	return strings.Join(parts, ", ")
}

func printSync(f *Factory, res *caldav.Result, calURL string, dryRun bool) {
	w := bufio.NewWriter(f.IO.Out)
	defer w.Flush()
	verbs := map[caldav.Op][2]string{
		caldav.Create:   {"Created", "Would create"},
		caldav.Update:   {"Updated", "Would update"},
		caldav.Delete:   {"Deleted", "Would delete"},
		caldav.Cancel:   {"Cancelled", "Would cancel"},
		caldav.Conflict: {"Conflict", "Conflict"},
	}
	tty := f.IO.IsTerminal()
	for _, c := range res.Done {
		v, ok := verbs[c.Op]
		if !ok {
			continue
		}
		verb := v[0]
		if dryRun {
			verb = v[1]
		}
		when := ""
		if !c.Event.Start.IsZero() {
			when = c.Event.Start.Format("Mon 15:04")
		}
		detail := c.Reason
		if c.Op == caldav.Update || c.Op == caldav.Cancel {
			detail += fmt.Sprintf(", SEQUENCE %d", c.Sequence)
		}
		if tty {
			fmt.Fprintf(w, "%-12s %-9s %s  %q  (%s)\n", verb, when, c.Event.ID, c.Event.Title, detail)
		} else {
			fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", strings.ToLower(c.Op.String()), rfc3339(c.Event.Start), c.Event.ID, c.Event.Title, detail)
		}
	}
	conflicts := res.Count(caldav.Conflict)
	switch {
	case dryRun && res.UpToDate():
		fmt.Fprintf(f.IO.ErrOut, "%s is up to date; nothing would change (%s).\n", calURL, schedule.Plural(res.Unchanged, "event", ""))
	case dryRun:
		fmt.Fprintf(f.IO.ErrOut, "Dry run: a sync to %s would make %s; nothing was written.\n", calURL, describeCounts(res))
	case res.UpToDate():
		fmt.Fprintf(f.IO.ErrOut, "%s is up to date (%s; %s, no writes).\n", calURL, schedule.Plural(res.Unchanged, "event", ""), schedule.Plural(res.Requests, "request", ""))
	default:
		fmt.Fprintf(f.IO.ErrOut, "Synced to %s: %s, %d unchanged (%s, %s).\n", calURL, describeCounts(res), res.Unchanged, schedule.Plural(res.Requests, "request", ""), schedule.Plural(res.Writes, "write", ""))
	}
	if conflicts > 0 {
		if conflicts == 1 {
			fmt.Fprintln(f.IO.ErrOut, "1 event changed on the server since the last sync and was left as it is there; 'plan sync --force' writes the plan's version over it.")
		} else {
			fmt.Fprintf(f.IO.ErrOut, "%d events changed on the server since the last sync and were left as they are there; 'plan sync --force' writes the plan's version over them.\n", conflicts)
		}
	}
}

func syncShape(res *caldav.Result, calURL string, dryRun bool) jsonshape.Sync {
	out := jsonshape.Sync{
		Calendar: calURL, DryRun: dryRun, UpToDate: res.UpToDate(),
		Created: []jsonshape.SyncEvent{}, Updated: []jsonshape.SyncEvent{}, Deleted: []jsonshape.SyncEvent{},
		Cancelled: []jsonshape.SyncEvent{}, Conflicts: []jsonshape.SyncEvent{},
		Unchanged: res.Unchanged, Requests: res.Requests, Writes: res.Writes,
	}
	for _, c := range res.Done {
		ev := jsonshape.SyncEvent{ID: c.Event.ID, Title: c.Event.Title, Start: jsonshape.Time(c.Event.Start),
			UID: c.UID, Href: c.Href, Sequence: c.Sequence, Reason: c.Reason}
		switch c.Op {
		case caldav.Create:
			out.Created = append(out.Created, ev)
		case caldav.Update:
			out.Updated = append(out.Updated, ev)
		case caldav.Delete:
			out.Deleted = append(out.Deleted, ev)
		case caldav.Cancel:
			out.Cancelled = append(out.Cancelled, ev)
		case caldav.Conflict:
			out.Conflicts = append(out.Conflicts, ev)
		}
	}
	return out
}

func rfc3339(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339)
}
