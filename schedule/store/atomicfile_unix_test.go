//go:build unix

package store

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strconv"
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

// What is not a regular file is written into as it is, never replaced:
// a FIFO, a character device, and a pipe named as bash's >(…) names it,
// /dev/fd/N (a link to "pipe:[…]", which names no file in a folder).
func TestWriteFileAtomicIntoPipes(t *testing.T) {
	write := func(f *os.File) error { _, err := f.WriteString("exported\n"); return err }

	fifo := filepath.Join(t.TempDir(), "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	got := make(chan string, 1)
	go func() {
		data, err := os.ReadFile(fifo)
		if err != nil {
			got <- err.Error()
		}
		got <- string(data)
	}()
	if err := WriteFileAtomic(fifo, 0o644, write); err != nil {
		t.Fatal(err)
	}
	if s := <-got; s != "exported\n" {
		t.Errorf("read %q from the FIFO", s)
	}
	if fi, err := os.Lstat(fifo); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the FIFO is no longer a FIFO: %v, %v", fi.Mode(), err)
	}

	if err := WriteFileAtomic(os.DevNull, 0o644, write); err != nil {
		t.Errorf("%s: %v", os.DevNull, err)
	}

	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	path := "/dev/fd/" + strconv.Itoa(int(w.Fd()))
	if _, err := os.Stat(path); err != nil {
		t.Skipf("no %s here: %v", path, err)
	}
	err = WriteFileAtomic(path, 0o644, write)
	w.Close()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	data, _ := io.ReadAll(r)
	if string(data) != "exported\n" {
		t.Errorf("read %q from the pipe", data)
	}
}

// A write by root keeps the owner and group of the plan and its program,
// and a program new beside a plan gets the plan's; as do exports. (Only
// root may give a file to another user: the test runs as root, as CI
// does.)
func TestWritesKeepOwner(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("only root may give files to another user")
	}
	const uid, gid = 1234, 5678
	owner := func(p string) (int, int) {
		t.Helper()
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		st := fi.Sys().(*syscall.Stat_t)
		return int(st.Uid), int(st.Gid)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "plan.yaml")
	save := func(withProgram bool) *Workspace {
		t.Helper()
		st, err := Open(context.Background(), path, Write, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		if withProgram {
			if err := st.SaveProgram(schedule.NewProgram(nil)); err != nil {
				t.Fatal(err)
			}
		}
		if err := st.SavePlan(&schedule.Plan{Conference: schedule.Conference{Name: "x"}}); err != nil {
			t.Fatal(err)
		}
		return st
	}
	save(false)
	if err := os.Chown(path, uid, gid); err != nil {
		t.Fatal(err)
	}
	st := save(true) // the program is new: it takes the plan's owner
	for _, p := range []string{st.Path, st.ProgramPath} {
		if u, g := owner(p); u != uid || g != gid {
			t.Errorf("%s: owner %d:%d after a write by root, want %d:%d", filepath.Base(p), u, g, uid, gid)
		}
	}
	if err := os.Chown(st.ProgramPath, uid+1, gid+1); err != nil {
		t.Fatal(err)
	}
	save(true)
	if u, g := owner(st.ProgramPath); u != uid+1 || g != gid+1 {
		t.Errorf("program: owner %d:%d after a write by root, want its own %d:%d", u, g, uid+1, gid+1)
	}
	if u, g := owner(path); u != uid || g != gid {
		t.Errorf("plan: owner %d:%d after a second write, want %d:%d", u, g, uid, gid)
	}

	export := filepath.Join(dir, "plan.ics")
	if err := os.WriteFile(export, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chown(export, uid, gid); err != nil {
		t.Fatal(err)
	}
	if err := WriteFileAtomic(export, 0o644, func(f *os.File) error { _, err := f.WriteString("x"); return err }); err != nil {
		t.Fatal(err)
	}
	if u, g := owner(export); u != uid || g != gid {
		t.Errorf("export: owner %d:%d after a write by root, want %d:%d", u, g, uid, gid)
	}
	fresh := filepath.Join(dir, "new.ics")
	if err := WriteFileAtomic(fresh, 0o644, func(f *os.File) error { return nil }); err != nil {
		t.Fatal(err)
	}
	if u, _ := owner(fresh); u != 0 {
		t.Errorf("a new export is owned by %d, want root's", u)
	}
}
