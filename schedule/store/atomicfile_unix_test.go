//go:build unix

package store

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/plan-cli/plan/schedule"
)

// A new file gets the mode the umask allows (umask 077: 0600, not the
// 0644 that a chmod would force); an existing file keeps its own mode,
// whatever the umask.
func TestWriteFileAtomicHonoursUmask(t *testing.T) {
	old := syscall.Umask(0o077)
	defer syscall.Umask(old)
	dir := t.TempDir()
	write := func(f *os.File) error { _, err := f.WriteString("x\n"); return err }
	mode := func(p string) os.FileMode {
		t.Helper()
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		return fi.Mode().Perm()
	}

	fresh := filepath.Join(dir, "plan.yaml")
	if err := WriteFileAtomic(fresh, 0o666, write); err != nil {
		t.Fatal(err)
	}
	if m := mode(fresh); m != 0o600 {
		t.Errorf("new file under umask 077: mode %v, want 0600", m)
	}

	shared := filepath.Join(dir, "shared.yaml")
	if err := os.WriteFile(shared, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(shared, 0o664); err != nil {
		t.Fatal(err)
	}
	if err := WriteFileAtomic(shared, 0o666, write); err != nil {
		t.Fatal(err)
	}
	if m := mode(shared); m != 0o664 {
		t.Errorf("existing 0664 file: mode %v after a write, want 0664 kept", m)
	}

	syscall.Umask(0o022)
	def := filepath.Join(dir, "default.yaml")
	if err := WriteFileAtomic(def, 0o666, write); err != nil {
		t.Fatal(err)
	}
	if m := mode(def); m != 0o644 {
		t.Errorf("new file under umask 022: mode %v, want 0644", m)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 3 {
		t.Errorf("files left: %v", entries)
	}
}

// Workspace writes honour the umask too: under umask 077 a new plan and
// its program are for their owner's eyes only.
func TestSavePlanHonoursUmask(t *testing.T) {
	old := syscall.Umask(0o077)
	defer syscall.Umask(old)
	path := filepath.Join(t.TempDir(), "plan.yaml")
	st, err := Open(context.Background(), path, Write, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.SaveProgram(schedule.NewProgram(nil)); err != nil {
		t.Fatal(err)
	}
	if err := st.SavePlan(&schedule.Plan{Conference: schedule.Conference{Name: "x"}}); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{st.Path, st.ProgramPath} {
		if fi, err := os.Stat(p); err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: %v, %v; want mode 0600", p, fi.Mode().Perm(), err)
		}
	}
}
