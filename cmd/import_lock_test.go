package cmd

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
)

// An import waiting on a slow server does not hold the plan's lock: it
// downloads and parses first, so 'plan agenda' (and 'plan add') on the same
// plan answer while the download is still hanging.
func TestImportDownloadsBeforeTakingTheLock(t *testing.T) {
	dir := fosdemPlan(t)
	data, err := os.ReadFile("../testdata/programs/fosdem-2026-pentabarf.xml")
	if err != nil {
		t.Fatal(err)
	}
	requested := make(chan struct{})
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(requested)
		<-release // hang until the test has run its other commands
		w.Write(data)
	}))
	defer srv.Close()
	releaseServer := sync.OnceFunc(func() { close(release) })
	defer releaseServer() // before srv.Close, which waits for the handler

	done := make(chan int)
	go func() {
		code, _, _ := runStdinCtx(t, context.Background(), dir, strings.NewReader(""), "import", srv.URL+"/schedule.xml")
		done <- code
	}()
	<-requested
	// The import is now blocked inside its download. Each of these must
	// finish while it is (a command stuck behind the lock would hang here).
	if code, out, errOut := run(t, dir, false, "agenda"); code != 0 || !strings.Contains(out, "7886") {
		t.Fatalf("agenda during a slow import: exit %d\n%s%s", code, out, errOut)
	}
	if code, _, errOut := run(t, dir, false, "add", "8402"); code != 0 {
		t.Fatalf("add during a slow import: exit %d\n%s", code, errOut)
	}
	select {
	case code := <-done:
		t.Fatalf("the import finished (exit %d) before the server answered", code)
	default:
	}
	releaseServer()
	if code := <-done; code != 0 {
		t.Fatalf("import exit %d", code)
	}
	// The import took the lock after its download and kept the pick made
	// meanwhile.
	if _, out, _ := run(t, dir, false, "list", "--picked"); !strings.Contains(out, "8402\t") {
		t.Errorf("the pick added during the import is gone:\n%s", out)
	}
}
