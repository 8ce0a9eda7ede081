package cmd

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/rand"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/plan-cli/plan/export/jsonshape"
)

// The sync tests run against a real Radicale (Debian package radicale,
// installed by .ci/install.d/20-caldav.sh) that each test starts on a free
// localhost port with a storage folder of its own, and read back what it
// holds with python3 icalendar, vdirsyncer and khal. They skip when those
// are missing, and under -short, unless CI=true or PLAN_REQUIRE_CALDAV=1,
// where a missing component fails them.

func requireCalDAV(t *testing.T, tools ...string) {
	t.Helper()
	required := os.Getenv("CI") == "true" || os.Getenv("PLAN_REQUIRE_CALDAV") == "1"
	if testing.Short() && !required {
		t.Skip("-short: the CalDAV tests start Radicale (set PLAN_REQUIRE_CALDAV=1 to run them)")
	}
	var missing []string
	for _, tool := range append([]string{"radicale"}, tools...) {
		if _, err := exec.LookPath(tool); err != nil {
			missing = append(missing, tool)
		}
	}
	if err := exec.Command("/usr/bin/python3", "-c", "import icalendar").Run(); err != nil {
		missing = append(missing, "python3-icalendar")
	}
	if len(missing) == 0 {
		return
	}
	msg := fmt.Sprintf("not installed: %s (run .ci/install.d/20-caldav.sh)", strings.Join(missing, ", "))
	if required {
		t.Fatal(msg)
	}
	t.Skip(msg)
}

func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

type radicale struct {
	URL     string // http://127.0.0.1:PORT
	Storage string // the collections, on disk
	Log     string
}

// startRadicale runs Radicale on a free port until the test ends: without
// authentication, or with an htpasswd file holding ana:secret.
func startRadicale(t *testing.T, auth bool) *radicale {
	t.Helper()
	dir := t.TempDir()
	port := freePort(t)
	r := &radicale{URL: fmt.Sprintf("http://127.0.0.1:%d", port), Storage: filepath.Join(dir, "storage"), Log: filepath.Join(dir, "radicale.log")}
	args := []string{"--config", "", "--server-hosts", fmt.Sprintf("127.0.0.1:%d", port),
		"--storage-filesystem-folder", r.Storage, "--logging-level", "info"}
	if auth {
		htpasswd := filepath.Join(dir, "users")
		if err := os.WriteFile(htpasswd, []byte("ana:secret\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		args = append(args, "--auth-type", "htpasswd", "--auth-htpasswd-filename", htpasswd,
			"--auth-htpasswd-encryption", "plain", "--rights-type", "owner_only")
	} else {
		// Anyone may read and write anything: the server is the test's.
		rights := filepath.Join(dir, "rights")
		if err := os.WriteFile(rights, []byte("[all]\nuser: .*\ncollection: .*\npermissions: RrWw\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		args = append(args, "--auth-type", "none", "--rights-type", "from_file", "--rights-file", rights)
	}
	logf, err := os.Create(r.Log)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("radicale", args...)
	cmd.Stdout, cmd.Stderr = logf, logf
	cmd.Env = append(os.Environ(), "HOME="+dir)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
		logf.Close()
	})
	for i := 0; ; i++ {
		c, err := net.DialTimeout("tcp", fmt.Sprintf("127.0.0.1:%d", port), 100*time.Millisecond)
		if err == nil {
			c.Close()
			break
		}
		if i > 100 {
			log, _ := os.ReadFile(r.Log)
			t.Fatalf("radicale did not start: %s", log)
		}
		time.Sleep(50 * time.Millisecond)
	}
	return r
}

// mkcalendar makes the calendar collection at path.
func mkcalendar(t *testing.T, base, path, user, pass string) {
	t.Helper()
	// The user's folder first (Radicale makes it at a user's first login).
	parent := path[:strings.LastIndex(strings.TrimSuffix(path, "/"), "/")+1]
	if mk, _ := http.NewRequest("MKCOL", base+parent, nil); mk != nil {
		if user != "" {
			mk.SetBasicAuth(user, pass)
		}
		if resp, err := http.DefaultClient.Do(mk); err == nil {
			resp.Body.Close()
		}
	}
	req, _ := http.NewRequest("MKCALENDAR", base+path, nil)
	if user != "" {
		req.SetBasicAuth(user, pass)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("MKCALENDAR %s: %s", path, resp.Status)
	}
}

// countingProxy sits between plan and the server and counts requests by
// method; cut, when set, drops the connection instead of forwarding a
// request it returns true for.
type countingProxy struct {
	URL string
	mu  sync.Mutex
	n   map[string]int
	cut func(r *http.Request) bool
}

func startProxy(t *testing.T, target string) *countingProxy {
	t.Helper()
	u, _ := url.Parse(target)
	p := &countingProxy{n: map[string]int{}}
	rp := httputil.NewSingleHostReverseProxy(u)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p.mu.Lock()
		p.n[r.Method]++
		cut := p.cut != nil && p.cut(r)
		p.mu.Unlock()
		if cut {
			conn, _, err := w.(http.Hijacker).Hijack()
			if err == nil {
				conn.Close()
			}
			return
		}
		rp.ServeHTTP(w, r)
	})}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	p.URL = "http://" + ln.Addr().String()
	return p
}

// setCut sets (or, with nil, clears) the requests the proxy drops; the
// proxy's handler reads it under the same lock.
func (p *countingProxy) setCut(cut func(r *http.Request) bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.cut = cut
}

// counts returns and resets the counts: all requests, and writes (PUT,
// DELETE, anything but PROPFIND, REPORT, GET, HEAD, OPTIONS).
func (p *countingProxy) counts() (all, writes int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for m, n := range p.n {
		all += n
		switch m {
		case "PROPFIND", "REPORT", "GET", "HEAD", "OPTIONS":
		default:
			writes += n
		}
	}
	p.n = map[string]int{}
	return all, writes
}

func syncJSON(t *testing.T, dir string, args ...string) jsonshape.Sync {
	t.Helper()
	code, out, errOut := run(t, dir, false, append([]string{"sync", "--json"}, args...)...)
	if code != 0 && code != exitConflicts {
		t.Fatalf("plan sync %v: exit %d\n%s", args, code, errOut)
	}
	var s jsonshape.Sync
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatalf("plan sync --json: %v\n%s", err, out)
	}
	// Conflicts, and only they, give a sync its own exit status.
	if (code == exitConflicts) != (len(s.Conflicts) > 0) {
		t.Fatalf("plan sync %v: exit %d with %d conflicts", args, code, len(s.Conflicts))
	}
	return s
}

// serverEvents reads every event in a Radicale collection folder with
// python3 icalendar: UID → "UTC start\tUTC end\tSEQUENCE\tSTATUS\tSUMMARY".
func serverEvents(t *testing.T, folder string) map[string]string {
	t.Helper()
	const script = `
import sys, glob, os, icalendar, datetime
for path in sorted(glob.glob(os.path.join(sys.argv[1], "*.ics"))):
    cal = icalendar.Calendar.from_ical(open(path, "rb").read())
    for ev in cal.walk("VEVENT"):
        utc = lambda p: ev.get(p).dt.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        print("\t".join([str(ev.get("UID")), utc("DTSTART"), utc("DTEND"), str(ev.get("SEQUENCE", 0)), str(ev.get("STATUS", "")), str(ev.get("SUMMARY"))]))
`
	out, err := exec.Command("/usr/bin/python3", "-c", script, folder).CombinedOutput()
	if err != nil {
		t.Fatalf("python3 icalendar: %v\n%s", err, out)
	}
	m := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if line == "" {
			continue
		}
		uid, rest, _ := strings.Cut(line, "\t")
		m[uid] = rest
	}
	return m
}

type listed struct {
	ID    string  `json:"id"`
	Title string  `json:"title"`
	Start *string `json:"start"`
	End   *string `json:"end"`
}

func listJSON(t *testing.T, dir string, args ...string) []listed {
	t.Helper()
	code, out, errOut := run(t, dir, false, append([]string{"list", "--json"}, args...)...)
	if code != 0 {
		t.Fatalf("plan list: %s", errOut)
	}
	var l []listed
	if err := json.Unmarshal([]byte(out), &l); err != nil {
		t.Fatal(err)
	}
	return l
}

func utcOf(t *testing.T, s *string) string {
	t.Helper()
	tm, err := time.Parse(time.RFC3339, *s)
	if err != nil {
		t.Fatal(err)
	}
	return tm.UTC().Format("2006-01-02T15:04:05Z")
}

// moveSession writes a copy of the FOSDEM program with session id at
// another time of day.
func moveSession(t *testing.T, id, hhmm string) string {
	t.Helper()
	data, err := os.ReadFile("../testdata/programs/fosdem-2026-pentabarf.xml")
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`(id="` + id + `">\s*<date>\d{4}-\d\d-\d\dT)\d\d:\d\d(:\d\d[^<]*</date>\s*<start>)\d\d:\d\d(</start>)`)
	if !re.Match(data) {
		t.Fatalf("event %s not found in the program", id)
	}
	data = re.ReplaceAll(data, []byte("${1}"+hhmm+"${2}"+hhmm+"${3}"))
	path := filepath.Join(t.TempDir(), "fosdem-moved.xml")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// vdir syncs the collection into a folder with vdirsyncer and lists what
// khal reads there: "start title" lines, in Brussels time.
type vdir struct {
	cfg, khalCfg, dir string
}

func newVdir(t *testing.T, collection string) *vdir {
	t.Helper()
	dir := t.TempDir()
	v := &vdir{cfg: filepath.Join(dir, "vdirsyncer.conf"), khalCfg: filepath.Join(dir, "khal.conf"), dir: filepath.Join(dir, "cal")}
	os.MkdirAll(filepath.Join(dir, "status"), 0o755)
	os.MkdirAll(v.dir, 0o755)
	conf := fmt.Sprintf(`[general]
status_path = %q

[pair fosdem]
a = "fosdem_remote"
b = "fosdem_local"
collections = null
conflict_resolution = "a wins"

[storage fosdem_remote]
type = "caldav"
url = %q

[storage fosdem_local]
type = "filesystem"
path = %q
fileext = ".ics"
`, filepath.Join(dir, "status"), collection, v.dir)
	khal := fmt.Sprintf(`[calendars]
[[fosdem]]
path = %s

[locale]
local_timezone = Europe/Brussels
default_timezone = Europe/Brussels
timeformat = %%H:%%M
dateformat = %%Y-%%m-%%d
longdateformat = %%Y-%%m-%%d
datetimeformat = %%Y-%%m-%%d %%H:%%M
longdatetimeformat = %%Y-%%m-%%d %%H:%%M
`, v.dir)
	os.WriteFile(v.cfg, []byte(conf), 0o644)
	os.WriteFile(v.khalCfg, []byte(khal), 0o644)
	return v
}

func (v *vdir) sync(t *testing.T) []string {
	t.Helper()
	for _, args := range [][]string{{"discover"}, {"sync"}} {
		c := exec.Command("vdirsyncer", append([]string{"-c", v.cfg}, args...)...)
		c.Stdin = strings.NewReader("y\ny\n")
		c.Env = append(os.Environ(), "HOME="+filepath.Dir(v.dir))
		if out, err := c.CombinedOutput(); err != nil {
			t.Fatalf("vdirsyncer %v: %v\n%s", args, err, out)
		}
	}
	c := exec.Command("khal", "-c", v.khalCfg, "list", "--format", "{start} {title}", "--day-format", "", "2026-01-30", "5d")
	c.Env = append(os.Environ(), "HOME="+filepath.Dir(v.dir), "TZ=Asia/Kolkata")
	out, err := c.CombinedOutput()
	if err != nil {
		t.Fatalf("khal list: %v\n%s", err, out)
	}
	var lines []string
	for _, l := range strings.Split(string(out), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	sort.Strings(lines)
	return lines
}

// TestSyncRadicale is the journey of issue 16: 20 FOSDEM picks into a
// real Radicale, read back by python icalendar and by vdirsyncer + khal;
// then a moved session, a dropped pick and a new one; then nothing; then
// a change made on the server, which is reported and not overwritten.
func TestSyncRadicale(t *testing.T) {
	requireCalDAV(t, "vdirsyncer", "khal")
	rad := startRadicale(t, false)
	mkcalendar(t, rad.URL, "/ana/fosdem/", "", "")
	proxy := startProxy(t, rad.URL)
	calURL := proxy.URL + "/ana/fosdem/"
	folder := filepath.Join(rad.Storage, "collection-root", "ana", "fosdem")

	dir := t.TempDir()
	if code, _, errOut := run(t, dir, false, "import", "../testdata/programs/fosdem-2026-pentabarf.xml"); code != 0 {
		t.Fatalf("import: %s", errOut)
	}
	// 20 picks spread over the program, and two more sessions to add later.
	all := listJSON(t, dir)
	var picks []listed
	for i := 0; i < len(all) && len(picks) < 22; i += len(all) / 22 {
		if all[i].Start != nil {
			picks = append(picks, all[i])
		}
	}
	if len(picks) < 22 {
		t.Fatalf("only %d scheduled sessions picked", len(picks))
	}
	extra := picks[20]
	picks = picks[:20]
	ids := []string{"add"}
	for _, p := range picks {
		ids = append(ids, p.ID)
	}
	if code, _, errOut := run(t, dir, false, ids...); code != 0 {
		t.Fatalf("add: %s", errOut)
	}

	start := time.Now()
	s := syncJSON(t, dir, "--caldav", calURL)
	elapsed := time.Since(start)
	reqs, writes := proxy.counts()
	t.Logf("first sync of 20 picks: %d requests (%d writes) in %v", reqs, writes, elapsed)
	if len(s.Created) != 20 || len(s.Updated)+len(s.Deleted)+len(s.Conflicts) != 0 || writes != 20 {
		t.Fatalf("first sync: created %d, updated %d, deleted %d, conflicts %d, writes %d; want 20 created", len(s.Created), len(s.Updated), len(s.Deleted), len(s.Conflicts), writes)
	}
	onServer := serverEvents(t, folder)
	if len(onServer) != 20 {
		t.Fatalf("the collection holds %d events, want 20", len(onServer))
	}
	uidOf := map[string]string{}
	for _, c := range s.Created {
		uidOf[c.ID] = c.UID
	}
	for _, p := range picks {
		got := onServer[uidOf[p.ID]]
		want := utcOf(t, p.Start) + "\t" + utcOf(t, p.End) + "\t0\tCONFIRMED\t" + p.Title
		if got != want {
			t.Errorf("pick %s on the server (python icalendar):\n got %q\nwant %q", p.ID, got, want)
		}
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "plan.yaml")); !bytes.Contains(data, []byte("caldav: "+calURL)) {
		t.Errorf("the plan does not remember the calendar:\n%s", data)
	}

	v := newVdir(t, rad.URL+"/ana/fosdem/")
	before := v.sync(t)
	if len(before) != 20 {
		t.Fatalf("khal shows %d events after vdirsyncer, want 20:\n%s", len(before), strings.Join(before, "\n"))
	}

	// Nothing changed: no write, "up to date".
	code, _, errOut := run(t, dir, false, "sync")
	if _, writes := proxy.counts(); code != 0 || writes != 0 || !strings.Contains(errOut, "up to date") {
		t.Fatalf("second sync: exit %d, %d writes: %s", code, writes, errOut)
	}

	// Move one session (the organisers re-publish), drop one pick, add one.
	moved, dropped := picks[3], picks[7]
	if code, _, errOut := run(t, dir, false, "import", moveSession(t, moved.ID, "17:15")); code != 0 {
		t.Fatalf("re-import: %s", errOut)
	}
	if code, _, errOut := run(t, dir, false, "remove", dropped.ID); code != 0 {
		t.Fatalf("remove: %s", errOut)
	}
	if code, _, errOut := run(t, dir, false, "add", extra.ID); code != 0 {
		t.Fatalf("add: %s", errOut)
	}
	// A dry run says what would change and writes nothing.
	dry := syncJSON(t, dir, "--dry-run")
	if _, writes := proxy.counts(); !dry.DryRun || len(dry.Updated) != 1 || len(dry.Deleted) != 1 || len(dry.Created) != 1 || writes != 0 {
		t.Fatalf("dry run: %+v, %d writes", dry, writes)
	}
	s = syncJSON(t, dir)
	_, writes = proxy.counts()
	if len(s.Updated) != 1 || s.Updated[0].ID != moved.ID || len(s.Deleted) != 1 || s.Deleted[0].ID != dropped.ID ||
		len(s.Created) != 1 || s.Created[0].ID != extra.ID || len(s.Conflicts) != 0 || writes != 3 {
		t.Fatalf("sync after the changes: %+v (%d writes); want %s updated, %s deleted, %s created", s, writes, moved.ID, dropped.ID, extra.ID)
	}
	onServer = serverEvents(t, folder)
	if len(onServer) != 20 {
		t.Errorf("the collection holds %d events, want 20", len(onServer))
	}
	if _, ok := onServer[uidOf[dropped.ID]]; ok {
		t.Errorf("the dropped pick %s is still on the server", dropped.ID)
	}
	f := strings.Split(onServer[uidOf[moved.ID]], "\t")
	if len(f) < 4 || !strings.HasSuffix(f[0], "T16:15:00Z") || f[2] == "0" || s.Updated[0].Sequence < 1 {
		t.Errorf("the moved session on the server: %q (sync said SEQUENCE %d); want 17:15 Brussels (16:15Z) and a higher SEQUENCE", onServer[uidOf[moved.ID]], s.Updated[0].Sequence)
	}
	after := v.sync(t)
	found := false
	for _, l := range after {
		if strings.Contains(l, moved.Title) {
			found = strings.Contains(l, "17:15")
			if !found {
				t.Errorf("khal shows the moved session as %q, want it at 17:15", l)
			}
		}
		if strings.Contains(l, dropped.Title) {
			t.Errorf("khal still shows the dropped pick: %q", l)
		}
	}
	if !found || len(after) != 20 {
		t.Errorf("khal after the changes (%d events):\n%s", len(after), strings.Join(after, "\n"))
	}

	// A third sync with nothing changed makes no write.
	code, out, errOut := run(t, dir, false, "sync")
	if _, writes := proxy.counts(); code != 0 || writes != 0 || !strings.Contains(errOut, "up to date") {
		t.Fatalf("third sync: exit %d, %d writes: %s%s", code, writes, out, errOut)
	}

	// Someone edits a synced event on the server (the phone, say): the
	// sync reports a conflict and leaves it as the server has it, even
	// when the plan changes the same pick.
	ev := s.Created[0]
	href := proxy.URL + ev.Href
	for _, c := range syncJSON(t, dir, "--dry-run").Conflicts {
		t.Fatalf("conflict before the edit: %+v", c)
	}
	obj, err := os.ReadFile(filepath.Join(folder, filepath.Base(ev.Href)))
	if err != nil {
		t.Fatal(err)
	}
	edited := bytes.Replace(obj, []byte("SUMMARY:"), []byte("SUMMARY:Edited on the phone: "), 1)
	req, _ := http.NewRequest(http.MethodPut, href, bytes.NewReader(edited))
	req.Header.Set("Content-Type", "text/calendar")
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode/100 != 2 {
		t.Fatalf("edit on the server: %v %v", err, resp.Status)
	}
	resp.Body.Close()
	proxy.counts()
	if code, _, errOut := run(t, dir, false, "note", ev.ID, "bring a laptop"); code != 0 {
		t.Fatalf("note: %s", errOut)
	}
	s = syncJSON(t, dir)
	_, writes = proxy.counts()
	if len(s.Conflicts) != 1 || s.Conflicts[0].UID != ev.UID || writes != 0 || s.UpToDate {
		t.Fatalf("sync after an edit on the server: %+v (%d writes); want one conflict and no write", s, writes)
	}
	if got := serverEvents(t, folder)[s.Conflicts[0].UID]; !strings.Contains(got, "Edited on the phone: ") {
		t.Errorf("the event edited on the server was overwritten: %q", got)
	}
	// Without --json it says so, and a script can tell by the exit status.
	for _, args := range [][]string{{"sync", "--dry-run"}, {"sync"}} {
		code, _, errOut := run(t, dir, false, args...)
		if want := "1 event changed on the server since the last sync and was left as it is there; 'plan sync --force' writes the plan's version over it.\n"; code != exitConflicts || !strings.HasSuffix(errOut, want) {
			t.Errorf("plan %s with a conflict: exit %d\n%s\nwant exit 3 and\n%s", strings.Join(args, " "), code, errOut, want)
		}
	}
	// --force writes the plan's version over it.
	s = syncJSON(t, dir, "--force")
	if len(s.Updated) != 1 || len(s.Conflicts) != 0 {
		t.Fatalf("sync --force: %+v", s)
	}
	if got := serverEvents(t, folder)[s.Updated[0].UID]; strings.Contains(got, "Edited on the phone") {
		t.Errorf("--force left the server's edit: %q", got)
	}
}

// TestSyncFailures: wrong credentials (401), a URL that is not a
// calendar, a server that drops the connection half-way; each gives a
// clear error, and the next sync repairs what the broken one left.
func TestSyncFailures(t *testing.T) {
	requireCalDAV(t)
	dir := fosdemPlan(t) // two picks
	if code, _, errOut := run(t, dir, false, "add", "9808", "9259", "9371"); code != 0 {
		t.Fatalf("add: %s", errOut)
	}

	t.Run("401", func(t *testing.T) {
		rad := startRadicale(t, true)
		mkcalendar(t, rad.URL, "/ana/fosdem/", "ana", "secret")
		ios, _, _, errOut := NewTestIO(false)
		ios.SetEnv("PLAN_CALDAV_USER", "ana")
		ios.SetEnv("PLAN_CALDAV_PASSWORD", "wrong")
		ios.SetEnv("HOME", t.TempDir())
		code := Run(t.Context(), ios, []string{"--plan", filepath.Join(dir, "plan.yaml"), "sync", "--caldav", rad.URL + "/ana/fosdem/", "--dry-run"})
		if code != 1 || !strings.Contains(errOut.String(), "401") || !strings.Contains(errOut.String(), ".netrc") {
			t.Fatalf("wrong password: exit %d: %s", code, errOut)
		}
		// The right one, from ~/.netrc.
		home := t.TempDir()
		os.WriteFile(filepath.Join(home, ".netrc"), []byte("machine 127.0.0.1\n  login ana\n  password secret\n"), 0o600)
		ios, _, out, errOut := NewTestIO(false)
		ios.SetEnv("HOME", home)
		code = Run(t.Context(), ios, []string{"--plan", filepath.Join(dir, "plan.yaml"), "sync", "--caldav", rad.URL + "/ana/fosdem/", "--dry-run"})
		if code != 0 || !strings.Contains(out.String(), "create") {
			t.Fatalf("credentials from ~/.netrc: exit %d: %s%s", code, out, errOut)
		}
	})

	rad := startRadicale(t, false)
	mkcalendar(t, rad.URL, "/ana/fosdem/", "", "")

	t.Run("not a calendar", func(t *testing.T) {
		code, _, errOut := run(t, dir, false, "sync", "--caldav", rad.URL+"/ana/", "--dry-run")
		if code != 1 || !strings.Contains(errOut, "not a calendar but holds calendars") || !strings.Contains(errOut, "/ana/fosdem/") {
			t.Fatalf("a folder of calendars: exit %d: %s", code, errOut)
		}
		code, _, errOut = run(t, dir, false, "sync", "--caldav", rad.URL+"/nobody/nothing/", "--dry-run")
		if code != 1 || !strings.Contains(errOut, "no CalDAV calendar") && !strings.Contains(errOut, "not a CalDAV calendar") {
			t.Fatalf("no calendar there: exit %d: %s", code, errOut)
		}
		port := freePort(t)
		code, _, errOut = run(t, dir, false, "sync", "--caldav", fmt.Sprintf("http://127.0.0.1:%d/cal/", port), "--dry-run")
		if code != 1 || !strings.Contains(errOut, "connection was refused") {
			t.Fatalf("no server: exit %d: %s", code, errOut)
		}
		code, _, errOut = run(t, dir, false, "sync", "--caldav", "http://ana:pw@127.0.0.1/cal/")
		if code != 1 || !strings.Contains(errOut, "would be kept in the plan") {
			t.Fatalf("credentials in the URL: exit %d: %s", code, errOut)
		}
	})

	t.Run("connection dropped", func(t *testing.T) {
		proxy := startProxy(t, rad.URL)
		puts := 0
		proxy.setCut(func(r *http.Request) bool {
			if r.Method == http.MethodPut {
				puts++
				return puts == 3
			}
			return false
		})
		calURL := proxy.URL + "/ana/fosdem/"
		code, _, errOut := run(t, dir, false, "sync", "--caldav", calURL)
		if code != 1 || !strings.Contains(errOut, "lost the connection") || !strings.Contains(errOut, "run 'plan sync' again") {
			t.Fatalf("dropped connection: exit %d: %s", code, errOut)
		}
		if data, _ := os.ReadFile(filepath.Join(dir, "plan.yaml")); bytes.Contains(data, []byte("caldav:")) {
			t.Errorf("a failed sync changed the plan")
		}
		proxy.setCut(nil)
		proxy.counts()
		s := syncJSON(t, dir, "--caldav", calURL)
		if len(s.Created) != 3 || len(s.Conflicts) != 0 {
			t.Fatalf("the sync after the dropped connection: %+v; want the 3 events not yet written", s)
		}
		if n := len(serverEvents(t, filepath.Join(rad.Storage, "collection-root", "ana", "fosdem"))); n != 5 {
			t.Errorf("the calendar holds %d events, want 5", n)
		}
		// A lost state file: the events are recognised by their UIDs, and
		// found as the plan wants them although Radicale re-encoded
		// them, so nothing is written.
		os.Remove(filepath.Join(dir, ".plan.yaml.sync.json"))
		s = syncJSON(t, dir)
		if len(s.Created) != 0 || len(s.Conflicts) != 0 || s.Writes != 0 {
			t.Fatalf("sync without its state file: %+v", s)
		}
		if s = syncJSON(t, dir); !s.UpToDate || s.Writes != 0 {
			t.Fatalf("then: %+v", s)
		}
		// Lost again, and a pick dropped meanwhile: its event is found
		// by its UID, a session of the program's, and deleted.
		os.Remove(filepath.Join(dir, ".plan.yaml.sync.json"))
		if code, _, errOut := run(t, dir, false, "remove", "9808"); code != 0 {
			t.Fatalf("remove: %s", errOut)
		}
		s = syncJSON(t, dir)
		if len(s.Deleted) != 1 || s.Deleted[0].ID != "9808" || s.Deleted[0].Reason != "left behind by an earlier sync" || s.Writes != 1 {
			t.Fatalf("sync without its state after a pick was dropped: %+v", s)
		}
		if n := len(serverEvents(t, filepath.Join(rad.Storage, "collection-root", "ana", "fosdem"))); n != 4 {
			t.Errorf("the calendar holds %d events, want the 4 picks", n)
		}
	})
}

// A password goes over plain http only to this machine: to any other
// host the sync is refused before anything is sent, saying why, unless
// --insecure-http is given.
func TestSyncRefusesPasswordInClear(t *testing.T) {
	dir := fosdemPlan(t)
	syncTo := func(args ...string) (int, string) {
		t.Helper()
		ios, _, _, errOut := NewTestIO(false)
		ios.SetEnv("PLAN_CALDAV_USER", "ana")
		ios.SetEnv("PLAN_CALDAV_PASSWORD", "S3cretPW")
		ios.SetEnv("HOME", t.TempDir())
		code := Run(t.Context(), ios, append([]string{"--plan", filepath.Join(dir, "plan.yaml"), "sync", "--dry-run"}, args...))
		return code, errOut.String()
	}
	code, errOut := syncTo("--caldav", "http://cal.example.invalid/ana/fosdem/")
	if code != 1 || !strings.Contains(errOut, "http://cal.example.invalid/ana/fosdem/ is plain http: the password would cross the network in clear") || !strings.Contains(errOut, "--insecure-http") {
		t.Fatalf("a password over plain http: exit %d: %s", code, errOut)
	}
	// With --insecure-http the sync goes on (and finds no such server).
	code, errOut = syncTo("--caldav", "http://cal.example.invalid/ana/fosdem/", "--insecure-http")
	if code != 1 || strings.Contains(errOut, "in clear") || !strings.Contains(errOut, "cal.example.invalid") {
		t.Fatalf("--insecure-http: exit %d: %s", code, errOut)
	}
}

// hostileCalDAV is a CalDAV server that says /cal/ is a calendar, then
// answers one kind of request with an endless or deeply nested body,
// generated as it is sent (the server holds none of it), and counts the
// bytes it got out before plan hung up.
type hostileCalDAV struct {
	mode string // "report" (a huge calendar-data), "propfind" (endless responses), "deep" (nesting)
	mu   sync.Mutex
	sent int64
}

const calendarAnswer = `<?xml version="1.0" encoding="UTF-8"?>
<d:multistatus xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:response><d:href>/cal/</d:href><d:propstat><d:prop><d:resourcetype><d:collection/><c:calendar/></d:resourcetype><d:displayname>FOSDEM</d:displayname></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response></d:multistatus>`

func (h *hostileCalDAV) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var head, unit string
	switch {
	case r.Method == "PROPFIND" && h.mode == "propfind":
		head, unit = `<?xml version="1.0" encoding="UTF-8"?><d:multistatus xmlns:d="DAV:">`, `<d:response><d:href>/cal/x.ics</d:href><d:propstat><d:prop><d:displayname>x</d:displayname></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>`
	case r.Method == "PROPFIND" && h.mode == "deep":
		head, unit = `<?xml version="1.0" encoding="UTF-8"?><d:multistatus xmlns:d="DAV:"><d:response><d:href>/cal/</d:href><d:propstat><d:prop><d:resourcetype>`, `<a>`
	case r.Method == "PROPFIND":
		w.Header().Set("Content-Type", "application/xml; charset=utf-8")
		w.WriteHeader(http.StatusMultiStatus)
		io.WriteString(w, calendarAnswer)
		return
	case r.Method == "REPORT":
		head, unit = `<?xml version="1.0" encoding="UTF-8"?><d:multistatus xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:response><d:href>/cal/x.ics</d:href><d:propstat><d:prop><d:getetag>"1"</d:getetag><c:calendar-data>BEGIN:VCALENDAR`+"\r\n"+`X-A:`, strings.Repeat("A", 64)
	default:
		http.Error(w, "no", http.StatusForbidden)
		return
	}
	w.Header().Set("Content-Type", "application/xml; charset=utf-8")
	w.WriteHeader(http.StatusMultiStatus)
	chunk := []byte(strings.Repeat(unit, 64<<10/len(unit)))
	n, err := io.WriteString(w, head)
	total := int64(n)
	for err == nil && total < 600<<20 {
		n, err = w.Write(chunk)
		total += int64(n)
	}
	h.mu.Lock()
	h.sent += total
	h.mu.Unlock()
}

// A CalDAV server whose answers never end, or nest without end, is
// refused at the cap, in words that name it, with plan's memory bounded:
// a REPORT of 600 MB, a PROPFIND of 600 MB, XML nested 600 M deep. The
// memory is the plan process's peak (its max RSS).
func TestSyncCapsHostileAnswers(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and sends it a few hundred MB")
	}
	bin := filepath.Join(t.TempDir(), "plan")
	if out, err := exec.Command("go", "build", "-o", bin, "..").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	dir := fosdemPlan(t)
	for _, c := range []struct {
		mode, says string
		maxRSS     int64 // MiB
	}{
		{"report", "'s answer when trying to list the calendar's events is larger than 64 MiB: refused", 300},
		{"propfind", "'s answer when trying to read the calendar is larger than 16 MiB: refused", 300},
		{"deep", "'s answer when trying to read the calendar nests XML elements more than 64 deep: refused", 300},
	} {
		t.Run(c.mode, func(t *testing.T) {
			h := &hostileCalDAV{mode: c.mode}
			srv := httptest.NewServer(h)
			defer srv.Close()
			cmd := exec.Command(bin, "--plan", filepath.Join(dir, "plan.yaml"), "sync", "--caldav", srv.URL+"/cal/")
			cmd.Env = append(os.Environ(), "NO_COLOR=1", "HOME="+t.TempDir(), "PLAN_CALDAV_USER=", "PLAN_CALDAV_PASSWORD=")
			var errOut bytes.Buffer
			cmd.Stderr = &errOut
			start := time.Now()
			err := cmd.Run()
			took := time.Since(start)
			srv.Close()                                                       // waits for the handler: h.sent is final
			rss := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss >> 10 // KiB → MiB
			t.Logf("%s: exit %v after %v, max RSS %d MiB, server sent %d MiB: %s", c.mode, err, took.Round(time.Millisecond), rss, h.sent>>20, strings.TrimSpace(errOut.String()))
			if cmd.ProcessState.ExitCode() != 1 || !strings.Contains(errOut.String(), c.says) {
				t.Errorf("exit %d: %s; want it to say %q", cmd.ProcessState.ExitCode(), errOut.String(), c.says)
			}
			if rss >= c.maxRSS {
				t.Errorf("plan's max RSS was %d MiB, want under %d MiB", rss, c.maxRSS)
			}
		})
	}
}

// Killing 'plan sync' at random moments, 200 times, with picks added and
// removed between the kills, leaves nothing behind: after the next sync
// the calendar holds exactly the picks (their UIDs, each once), with no
// event of a dropped pick left over from a sync killed after its write
// and before it could record it. Radicale is the server; plan is the
// real binary, killed with SIGKILL. PLAN_KILL_SEED=N repeats a run.
func TestSyncSurvivesKills(t *testing.T) {
	if testing.Short() {
		t.Skip("kills plan sync 200 times against Radicale")
	}
	requireCalDAV(t)
	bin := filepath.Join(t.TempDir(), "plan")
	if out, err := exec.Command("go", "build", "-o", bin, "..").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	rad := startRadicale(t, false)
	mkcalendar(t, rad.URL, "/ana/fosdem/", "", "")
	calURL := rad.URL + "/ana/fosdem/"
	folder := filepath.Join(rad.Storage, "collection-root", "ana", "fosdem")
	dir := fosdemPlan(t)
	home := t.TempDir()
	syncCmd := func() *exec.Cmd {
		c := exec.Command(bin, "--plan", filepath.Join(dir, "plan.yaml"), "sync", "--caldav", calURL)
		c.Env = append(os.Environ(), "NO_COLOR=1", "HOME="+home, "PLAN_CALDAV_USER=", "PLAN_CALDAV_PASSWORD=")
		return c
	}

	seed := time.Now().UnixNano()
	if s := os.Getenv("PLAN_KILL_SEED"); s != "" {
		fmt.Sscan(s, &seed)
	}
	t.Logf("seed %d (PLAN_KILL_SEED=%d repeats it)", seed, seed)
	rng := rand.New(rand.NewSource(seed))

	// A pool of sessions to pick from, and 20 picks to start with.
	var pool []string
	for _, l := range listJSON(t, dir) {
		if l.Start != nil {
			pool = append(pool, l.ID)
		}
	}
	rng.Shuffle(len(pool), func(i, j int) { pool[i], pool[j] = pool[j], pool[i] })
	pool = pool[:100]
	picked := map[string]bool{"7886": true, "7022": true}
	// change adds or removes the picks ids, and n more from the pool,
	// and returns them.
	change := func(cmd string, ids []string, n int) []string {
		for _, id := range pool {
			if n > 0 && picked[id] == (cmd == "remove") && !slices.Contains(ids, id) {
				ids = append(ids, id)
				n--
			}
		}
		if len(ids) == 0 {
			return nil
		}
		if code, _, errOut := run(t, dir, false, append([]string{cmd}, ids...)...); code != 0 {
			t.Fatalf("%s %v: %s", cmd, ids, errOut)
		}
		for _, id := range ids {
			picked[id] = cmd == "add"
		}
		rng.Shuffle(len(pool), func(i, j int) { pool[i], pool[j] = pool[j], pool[i] })
		return ids
	}
	change("add", nil, 18)
	start := time.Now()
	if out, err := syncCmd().CombinedOutput(); err != nil {
		t.Fatalf("first sync: %v\n%s", err, out)
	}
	took := time.Since(start)

	// Each round drops about half the picks the last round added (whose
	// events a killed sync may have written without recording them), and
	// a few others, and adds a few; then it starts a sync and kills it
	// after a random part of the time a sync takes, unless it finished
	// first. Every fourth sync runs to its end, to measure that time.
	kills, finished, runs, journaled := 0, 0, 0, 0
	est := took
	begin := time.Now()
	var last []string
	for kills < 200 && runs < 1000 {
		runs++
		var drop []string
		for _, id := range last {
			if rng.Intn(2) == 0 {
				drop = append(drop, id)
			}
		}
		change("remove", drop, rng.Intn(3))
		last = change("add", nil, 1+rng.Intn(3))
		c := syncCmd()
		start := time.Now()
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		exited := make(chan struct{})
		go func() { c.Wait(); close(exited) }()
		kill := time.After(time.Duration(rng.Int63n(int64(est) + 1)))
		if runs%4 == 0 {
			kill = nil
		}
		select {
		case <-exited:
		case <-kill:
			c.Process.Signal(syscall.SIGKILL)
			<-exited
		}
		if ws, ok := c.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			kills++
			// Killed between its journal and its last save?
			if data, _ := os.ReadFile(filepath.Join(dir, ".plan.yaml.sync.json")); bytes.Contains(data, []byte(`"journal"`)) {
				journaled++
			}
		} else {
			finished++
		}
		if kill == nil {
			est = time.Since(start)
		}
	}
	t.Logf("%d syncs: %d killed (%d of them with writes in the journal), %d finished, in %v (a sync took %v at last)", runs, kills, journaled, finished, time.Since(begin).Round(time.Millisecond), est.Round(time.Millisecond))

	// One sync to the end, then the calendar is exactly the picks.
	if out, err := syncCmd().CombinedOutput(); err != nil {
		t.Fatalf("the sync after the kills: %v\n%s", err, out)
	}
	out, err := syncCmd().CombinedOutput()
	if err != nil || !strings.Contains(string(out), "up to date") {
		t.Errorf("the sync after that: %v: %s", err, out)
	}
	code, ics, errOut := run(t, dir, false, "export", "--ics")
	if code != 0 {
		t.Fatalf("export: %s", errOut)
	}
	want := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?m)^UID:(\S+)`).FindAllStringSubmatch(ics, -1) {
		want[m[1]] = true
	}
	files, _ := filepath.Glob(filepath.Join(folder, "*.ics"))
	onServer := serverEvents(t, folder)
	var orphans, missing []string
	for uid := range onServer {
		if !want[uid] {
			orphans = append(orphans, uid)
		}
	}
	for uid := range want {
		if _, ok := onServer[uid]; !ok {
			missing = append(missing, uid)
		}
	}
	t.Logf("%d picks; the calendar holds %d events in %d files: %d orphans, %d missing", len(want), len(onServer), len(files), len(orphans), len(missing))
	if len(orphans) > 0 || len(missing) > 0 || len(files) != len(want) {
		t.Errorf("after %d kills the calendar is not the picks: orphans %v, missing %v, %d files for %d picks", kills, orphans, missing, len(files), len(want))
	}
}
