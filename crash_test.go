package main

import (
	"context"
	"math/rand"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/plan-cli/plan/schedule/store"
)

// Killing plan at any moment of an import leaves a plan and a program that
// read: the old ones or the new ones, never a torn file.
func TestKillDuringImportLeavesReadablePlan(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and kills it twelve times")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "plan")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	planPath := filepath.Join(dir, "plan.yaml")
	run := func(args ...string) *exec.Cmd {
		c := exec.Command(bin, append([]string{"--plan", planPath}, args...)...)
		return c
	}
	if out, err := run("import", "testdata/programs/fosdem-2026-pentabarf.xml").CombinedOutput(); err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	if out, err := run("add", "7886", "7022").CombinedOutput(); err != nil {
		t.Fatalf("add: %v\n%s", err, out)
	}
	rng := rand.New(rand.NewSource(time.Now().UnixNano()))
	programs := []string{"testdata/programs/38c3-frab-hub-schedule.xml", "testdata/programs/fosdem-2026-pentabarf.xml"}
	for i := 0; i < 12; i++ {
		c := run("import", programs[i%2])
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(rng.Intn(400)) * time.Millisecond)
		c.Process.Signal(syscall.SIGKILL)
		c.Wait()

		st, err := store.Open(context.Background(), planPath, store.Read, nil)
		if err != nil {
			t.Fatal(err)
		}
		p, err := st.LoadPlan()
		if err != nil {
			t.Fatalf("kill %d: plan unreadable: %v", i, err)
		}
		prog, err := st.LoadProgram(p)
		if err != nil {
			t.Fatalf("kill %d: program unreadable: %v", i, err)
		}
		if len(prog.Sessions) < 883 {
			t.Fatalf("kill %d: program has %d sessions", i, len(prog.Sessions))
		}
		if p.Pick("7886") == nil || p.Pick("7022") == nil {
			t.Fatalf("kill %d: picks lost: %+v", i, p.Picks)
		}
		st.Close()
	}
	// The next command that writes clears what the killed ones left.
	if out, err := run("remove", "7022").CombinedOutput(); err != nil {
		t.Fatalf("remove: %v\n%s", err, out)
	}
	matches, _ := filepath.Glob(filepath.Join(dir, ".*.tmp-*"))
	if len(matches) > 0 {
		t.Errorf("temporary files left: %v", matches)
	}
}
