package store

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// WriteFileAtomic replaces path with what write writes, so that a reader,
// or a crash at any moment, sees either the old file or the new one,
// never a mix. It follows restic's recipe: a temporary file in the same
// folder, synced and closed, renamed over path, then the folder synced.
// The file keeps path's permissions; a new one gets perm less the umask,
// as os.WriteFile would give it.
func WriteFileAtomic(path string, perm os.FileMode, write func(f *os.File) error) (err error) {
	dir := filepath.Dir(path)
	keep := os.FileMode(0)
	if fi, err := os.Stat(path); err == nil {
		keep = fi.Mode().Perm()
	}
	tmp, err := createTemp(dir, "."+filepath.Base(path)+".tmp-", perm)
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	crashPoint("after-temp", path)
	if err = write(tmp); err != nil {
		return err
	}
	if keep != 0 {
		// Chmod, unlike creating, ignores the umask: the file keeps
		// the mode it had, 0600 or 0644 alike.
		if err = tmp.Chmod(keep); err != nil {
			return fmt.Errorf("cannot write %s: %w", path, err)
		}
	}
	if err = syncFile(tmp); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	crashPoint("before-rename", path)
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	crashPoint("after-rename", path)
	syncDir(dir)
	return nil
}

// createTemp creates a new file named prefix and a random number in dir,
// with perm less the umask (os.CreateTemp always uses 0600).
func createTemp(dir, prefix string, perm os.FileMode) (*os.File, error) {
	for try := 0; ; try++ {
		name := filepath.Join(dir, prefix+strconv.FormatUint(uint64(rand.Uint32()), 10))
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, perm)
		if errors.Is(err, fs.ErrExist) && try < 1000 {
			continue
		}
		return f, err
	}
}

// syncFile flushes f to disk. Like restic, it takes a file system that
// cannot sync (ENOTSUP, or EINVAL as some FUSE and network file systems
// answer) for one that need not: the rename still makes the write atomic.
func syncFile(f *os.File) error {
	err := f.Sync()
	if errors.Is(err, syscall.ENOTSUP) || errors.Is(err, syscall.EINVAL) {
		return nil
	}
	return err
}

func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync() // best effort: not every platform can sync a folder
		d.Close()
	}
}

// CrashEnv names the environment variable of the crash-test hook: set to a
// point (after-temp, before-rename, after-rename), optionally followed by
// ":" and a file's base name, a write that reaches that point says so on
// stderr ("plan: crash point POINT FILE") and then waits to be killed, so
// that a test can kill the process at exactly that moment.
const CrashEnv = "PLAN_TEST_CRASH"

var crashSetting = sync.OnceValue(func() string { return os.Getenv(CrashEnv) })

func crashPoint(point, path string) {
	want := crashSetting()
	if want == "" {
		return
	}
	p, file, _ := strings.Cut(want, ":")
	if p != point || (file != "" && file != filepath.Base(path)) {
		return
	}
	fmt.Fprintf(os.Stderr, "plan: crash point %s %s\n", point, filepath.Base(path))
	for {
		time.Sleep(time.Hour)
	}
}
