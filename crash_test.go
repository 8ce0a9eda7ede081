package main

import (
	"bufio"
	"context"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/plan-cli/plan/schedule"
	"github.com/plan-cli/plan/schedule/store"
)

// Killing plan at any moment of a write leaves a plan and a program that
// read, the old ones or the new ones, never a torn file, and no pick
// lost. The kills come at each point of the atomic write where a crash
// could hurt (the store stops there when PLAN_TEST_CRASH names it, so the
// test kills at exactly that moment), then at random moments spread over
// a command's measured run time. The seed is logged; PLAN_CRASH_SEED=N
// repeats a run.
func TestKillDuringWritesLeavesReadablePlan(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and kills it a few dozen times")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "plan")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	planPath := filepath.Join(dir, "plan.yaml")
	command := func(env string, args ...string) *exec.Cmd {
		c := exec.Command(bin, append([]string{"--plan", planPath}, args...)...)
		c.Env = append(os.Environ(), "NO_COLOR=1")
		if env != "" {
			c.Env = append(c.Env, store.CrashEnv+"="+env)
		}
		return c
	}
	run := func(args ...string) {
		t.Helper()
		if out, err := command("", args...).CombinedOutput(); err != nil {
			t.Fatalf("%s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	fosdem, ccc := "testdata/programs/fosdem-2026-pentabarf.xml", "testdata/programs/38c3-frab-hub-schedule.xml"
	run("import", fosdem)
	run("add", "7886", "7022")

	// check reads the plan and the program as the next command would.
	check := func(what string) *schedule.Plan {
		t.Helper()
		st, err := store.Open(context.Background(), planPath, store.Read, nil)
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		defer st.Close()
		p, err := st.LoadPlan()
		if err != nil {
			t.Fatalf("%s: plan unreadable: %v", what, err)
		}
		prog, err := st.LoadProgram(p)
		if err != nil {
			t.Fatalf("%s: program unreadable: %v", what, err)
		}
		if len(prog.Sessions) < 883 {
			t.Fatalf("%s: program has %d sessions", what, len(prog.Sessions))
		}
		if p.Pick("7886") == nil || p.Pick("7022") == nil {
			t.Fatalf("%s: picks lost: %+v", what, p.Picks)
		}
		return p
	}

	// At each crash point: the command says it got there, and waits.
	type write struct {
		args  func() []string // each call a command that writes
		files []string        // the files it writes, in order
	}
	fresh := []string{"8376", "9367", "9464", "8246", "9460", "7463", "9771", "7716", "8403", "7806", "7777", "8834", "8812"}
	notes := 0
	writes := []write{
		{func() []string { return []string{"import", ccc} }, []string{"plan.program.jsonl", "plan.yaml"}},
		{func() []string { return []string{"import", fosdem} }, []string{"plan.program.jsonl", "plan.yaml"}},
		{func() []string { id := fresh[0]; fresh = fresh[1:]; return []string{"add", id} }, []string{"plan.yaml"}},
		{func() []string { notes++; return []string{"note", "7886", fmt.Sprint("note ", notes)} }, []string{"plan.yaml"}},
	}
	for _, w := range writes {
		for _, file := range w.files {
			for _, point := range []string{"after-temp", "before-rename", "after-rename"} {
				args := w.args()
				what := fmt.Sprintf("%s killed at %s of %s", strings.Join(args, " "), point, file)
				c := command(point+":"+file, args...)
				stderr, err := c.StderrPipe()
				if err != nil {
					t.Fatal(err)
				}
				if err := c.Start(); err != nil {
					t.Fatal(err)
				}
				reached := make(chan string, 1)
				go func() {
					sc := bufio.NewScanner(stderr)
					for sc.Scan() {
						if strings.HasPrefix(sc.Text(), "plan: crash point ") {
							reached <- sc.Text()
							return
						}
					}
					reached <- ""
				}()
				select {
				case line := <-reached:
					if want := "plan: crash point " + point + " " + file; line != want {
						c.Process.Kill()
						c.Wait()
						t.Fatalf("%s: stderr said %q, want %q", what, line, want)
					}
				case <-time.After(time.Minute):
					c.Process.Kill()
					c.Wait()
					t.Fatalf("%s: the crash point was never reached", what)
				}
				c.Process.Signal(syscall.SIGKILL)
				c.Wait()
				p := check(what)
				// Killed before its plan was renamed into place, an add
				// left the old plan; after, the new one.
				if args[0] == "add" && (p.Pick(args[1]) != nil) != (point == "after-rename") {
					t.Errorf("%s: pick %s there: %v", what, args[1], p.Pick(args[1]) != nil)
				}
			}
		}
	}

	// At random moments within a command's run time, measured here.
	seed := time.Now().UnixNano()
	if s := os.Getenv("PLAN_CRASH_SEED"); s != "" {
		seed, _ = strconv.ParseInt(s, 10, 64)
	}
	t.Logf("random kills with seed %d (PLAN_CRASH_SEED=%d repeats them)", seed, seed)
	rng := rand.New(rand.NewSource(seed))
	for _, w := range writes {
		start := time.Now()
		run(w.args()...)
		took := time.Since(start)
		for i := 0; i < 4; i++ {
			after := time.Duration(rng.Int63n(int64(took) + 1))
			args := w.args()
			what := fmt.Sprintf("%s killed after %v of its %v (seed %d)", strings.Join(args, " "), after, took, seed)
			c := command("", args...)
			if err := c.Start(); err != nil {
				t.Fatal(err)
			}
			time.Sleep(after)
			c.Process.Signal(syscall.SIGKILL)
			c.Wait()
			check(what)
		}
	}

	// The next command that writes clears what the killed ones left.
	run("note", "7886", "the last word")
	if matches, _ := filepath.Glob(filepath.Join(dir, ".*.tmp-*")); len(matches) > 0 {
		t.Errorf("temporary files left: %v", matches)
	}
	check("after the last write")
}
