package cmd

import (
	"bufio"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/plan-cli/plan/schedule/store"
)

// ctrlC is the context Main gives Run after Ctrl-C: cancelled, with
// errInterrupted as its cause.
func ctrlC() context.Context {
	ctx, cancel := context.WithCancelCause(context.Background())
	cancel(errInterrupted)
	return ctx
}

// holdLock holds the plan's lock, as another plan command would, until
// the test ends.
func holdLock(t *testing.T, planPath string) {
	t.Helper()
	st, err := store.Open(context.Background(), planPath, store.Write, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
}

// Run after Ctrl-C: a command waiting for the lock, and an import
// downloading, end with 130 and say so, not "context canceled", and
// change nothing.
func TestCtrlCEndsWithInterrupted(t *testing.T) {
	dir := fosdemPlan(t)
	planPath := filepath.Join(dir, "plan.yaml")
	before, err := os.ReadFile(planPath)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done() // never answers
	}))
	defer srv.Close()

	for _, c := range []struct {
		name, want string
		lock       bool
		args       []string
	}{
		{"waiting for the lock", "plan: interrupted while waiting for another plan command on " + planPath + "; nothing was changed\n", true, []string{"add", "8402"}},
		{"an import downloading", "plan: interrupted while reading " + srv.URL + "/schedule.xml; nothing was imported\n", false, []string{"import", srv.URL + "/schedule.xml"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if c.lock {
				holdLock(t, planPath)
			}
			ios, _, out, errOut := NewTestIO(false)
			code := Run(ctrlC(), ios, append([]string{"--plan", planPath}, c.args...))
			if code != exitInterrupted || !strings.HasSuffix(errOut.String(), c.want) || strings.Contains(errOut.String(), "context canceled") {
				t.Errorf("exit %d\n%s%s\nwant exit 130 and\n%s", code, out, errOut, c.want)
			}
			if after, _ := os.ReadFile(planPath); string(after) != string(before) {
				t.Error("the interrupted command changed the plan")
			}
		})
	}
}

// startPlan starts the plan binary bin on the plan in dir and returns it, with
// a channel of its standard error's lines and a function that waits for
// its end and returns its exit status and all it wrote to stderr.
func startPlan(t *testing.T, bin, dir string, args ...string) (p *os.Process, lines <-chan string, wait func() (int, string)) {
	t.Helper()
	c := exec.Command(bin, append([]string{"--plan", filepath.Join(dir, "plan.yaml")}, args...)...)
	c.Env = append(os.Environ(), "NO_COLOR=1")
	pipe, err := c.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	ch := make(chan string, 100)
	var all strings.Builder
	done := make(chan struct{})
	go func() {
		sc := bufio.NewScanner(pipe)
		for sc.Scan() {
			all.WriteString(sc.Text() + "\n")
			select {
			case ch <- sc.Text():
			default:
			}
		}
		close(ch)
		close(done)
	}()
	t.Cleanup(func() { c.Process.Kill() })
	return c.Process, ch, func() (int, string) {
		<-done
		c.Wait()
		return c.ProcessState.ExitCode(), all.String()
	}
}

// waitFor reads lines until one contains s, failing when the process
// ends first.
func waitFor(t *testing.T, lines <-chan string, s string) {
	t.Helper()
	timeout := time.After(time.Minute)
	for {
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatalf("plan ended before it said %q", s)
			}
			if strings.Contains(l, s) {
				return
			}
		case <-timeout:
			t.Fatalf("plan did not say %q within a minute", s)
		}
	}
}

// Ctrl-C (SIGINT) to the real binary while it waits for another command's
// lock, and while an import downloads from a server that does not answer:
// exit 130, "interrupted" and what it left, and the plan as it was.
func TestSIGINTEndsWithInterrupted(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "plan")
	if out, err := exec.Command("go", "build", "-o", bin, "..").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	dir := fosdemPlan(t)
	planPath := filepath.Join(dir, "plan.yaml")
	files := []string{planPath, filepath.Join(dir, "plan.program.jsonl")}
	var before []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		before = append(before, string(data))
	}
	unchanged := func() {
		t.Helper()
		for i, f := range files {
			if after, _ := os.ReadFile(f); string(after) != before[i] {
				t.Errorf("the interrupted command changed %s", f)
			}
		}
		if left, _ := filepath.Glob(filepath.Join(dir, "*.tmp*")); len(left) > 0 {
			t.Errorf("the interrupted command left %v", left)
		}
	}

	for _, args := range [][]string{{"add", "8402"}, {"import", "../testdata/programs/fosdem-2026-pentabarf.xml"}} {
		t.Run(args[0]+" waiting for the lock", func(t *testing.T) {
			holdLock(t, planPath)
			p, lines, wait := startPlan(t, bin, dir, args...)
			waitFor(t, lines, "waiting for another plan command on "+planPath+"… (Ctrl-C to stop)")
			p.Signal(os.Interrupt)
			code, errOut := wait()
			want := "plan: interrupted while waiting for another plan command on " + planPath + "; nothing was changed\n"
			if code != exitInterrupted || !strings.HasSuffix(errOut, want) || strings.Contains(errOut, "context canceled") {
				t.Errorf("exit %d\n%s\nwant exit 130 and\n%s", code, errOut, want)
			}
			unchanged()
		})
	}

	t.Run("an import downloading", func(t *testing.T) {
		requested := make(chan struct{}, 1)
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/xml")
			w.Write([]byte("<?xml version=\"1.0\"?>\n<schedule>\n")) // a start, then nothing more
			w.(http.Flusher).Flush()
			requested <- struct{}{}
			<-r.Context().Done()
		}))
		defer srv.Close()
		p, _, wait := startPlan(t, bin, dir, "import", srv.URL+"/schedule.xml")
		select {
		case <-requested:
		case <-time.After(time.Minute):
			t.Fatal("plan import did not ask the server within a minute")
		}
		p.Signal(os.Interrupt)
		code, errOut := wait()
		want := "plan: interrupted while reading " + srv.URL + "/schedule.xml; nothing was imported\n"
		if code != exitInterrupted || errOut != want {
			t.Errorf("exit %d\n%s\nwant exit 130 and\n%s", code, errOut, want)
		}
		unchanged()
	})
}
