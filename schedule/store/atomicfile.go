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
//
// A symbolic link is followed: the file it points to is replaced, and
// the link stays. Something at path that is not a regular file (a FIFO,
// a device, a terminal, a pipe as bash's >(…) names it, /dev/fd/63) is
// written to directly, since replacing it would break whoever reads from
// it. It is opened by path as given: /dev/fd/63 links to "pipe:[…]",
// which names nothing in a folder. Temporary files a killed writer of the
// same path left behind are removed first.
func WriteFileAtomic(path string, perm os.FileMode, write func(f *os.File) error) (err error) {
	if fi, err := os.Stat(path); err == nil && !fi.Mode().IsRegular() && !fi.IsDir() {
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			return fmt.Errorf("cannot write %s: %w", path, err)
		}
		if err := write(f); err != nil {
			f.Close()
			return err
		}
		if err := f.Close(); err != nil {
			return fmt.Errorf("cannot write %s: %w", path, err)
		}
		return nil
	}
	real := resolveLinks(path)
	pd, err := prepareAtomic(real, path, "", perm, write)
	if err != nil {
		return err
	}
	if err := pd.commit(); err != nil {
		pd.abort()
		return err
	}
	syncDir(pd.dir)
	return nil
}

// pending is a file written in full beside its target, waiting to be
// renamed over it.
type pending struct {
	tmp        *os.File // closed; kept for its name
	lock       *os.File // holds the temporary file's lock until the rename
	path, name string   // the target, and how errors name it
	dir        string
}

// prepareAtomic writes and syncs the temporary file of path (already
// resolved; name is how errors call it). It gets the mode, owner and
// group path has; a new file gets the owner and group of like when that
// is not "" (a program beside its plan), where this process may give
// them (see keepOwner).
func prepareAtomic(path, name, like string, perm os.FileMode, write func(f *os.File) error) (_ *pending, err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	removeStaleTemps(dir, base)
	keep := os.FileMode(0)
	owner, serr := os.Stat(path)
	if serr == nil {
		keep = owner.Mode().Perm()
	} else if like != "" {
		owner, _ = os.Stat(like)
	}
	tmp, lock, err := createTemp(dir, tempPrefix(base), perm)
	if err != nil {
		return nil, fmt.Errorf("cannot write %s: %w", name, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
			if lock != nil {
				lock.Close()
			}
		}
	}()
	crashPoint("after-temp", path)
	if err = write(tmp); err != nil {
		// The error names the temporary file; say which file it is for.
		return nil, fmt.Errorf("cannot write %s: %w", name, unwrapTemp(err, tmp.Name()))
	}
	if owner != nil {
		if err = keepOwner(tmp, owner); err != nil {
			return nil, fmt.Errorf("cannot write %s: %w", name, err)
		}
	}
	if keep != 0 {
		// Chmod, unlike creating, ignores the umask: the file keeps
		// the mode it had, 0600 or 0644 alike. (After the chown, which
		// may clear set-id bits.)
		if err = tmp.Chmod(keep); err != nil {
			return nil, fmt.Errorf("cannot write %s: %w", name, err)
		}
	}
	if err = syncFile(tmp); err != nil {
		return nil, fmt.Errorf("cannot write %s: %w", name, err)
	}
	if err = tmp.Close(); err != nil {
		return nil, fmt.Errorf("cannot write %s: %w", name, err)
	}
	return &pending{tmp: tmp, lock: lock, path: path, name: name, dir: dir}, nil
}

// unwrapTemp drops the *PathError naming the temporary file from err, so
// that a message reads "cannot write cal.ics: no space left on device".
func unwrapTemp(err error, tmp string) error {
	var pe *fs.PathError
	if errors.As(err, &pe) && pe.Path == tmp {
		return pe.Err
	}
	return err
}

func (pd *pending) commit() error {
	crashPoint("before-rename", pd.path)
	if err := os.Rename(pd.tmp.Name(), pd.path); err != nil {
		return fmt.Errorf("cannot write %s: %w", pd.name, err)
	}
	pd.unlock()
	crashPoint("after-rename", pd.path)
	return nil
}

func (pd *pending) abort() {
	os.Remove(pd.tmp.Name())
	pd.unlock()
}

func (pd *pending) unlock() {
	if pd.lock != nil {
		pd.lock.Close()
		pd.lock = nil
	}
}

func tempPrefix(base string) string { return "." + base + ".tmp-" }

// removeStaleTemps deletes the temporary files of base in dir that no
// live writer holds: every writer holds a lock on its temporary file
// (lockTemp) until it is renamed or removed, so a file whose lock can be
// taken was left by a killed process. Names are compared, not globbed,
// so a plan named p[1].yaml never touches the files of p1.yaml.
func removeStaleTemps(dir, base string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	prefix := tempPrefix(base)
	for _, e := range entries {
		rest, ok := strings.CutPrefix(e.Name(), prefix)
		if !ok || rest == "" || strings.Trim(rest, "0123456789") != "" {
			continue
		}
		removeIfAbandoned(filepath.Join(dir, e.Name()))
	}
}

// createTemp creates a new file named prefix and a random number in dir,
// with perm less the umask (os.CreateTemp always uses 0600), and locks it
// for as long as this process has it open.
func createTemp(dir, prefix string, perm os.FileMode) (*os.File, *os.File, error) {
	for try := 0; ; try++ {
		name := filepath.Join(dir, prefix+strconv.FormatUint(uint64(rand.Uint32()), 10))
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, perm)
		if errors.Is(err, fs.ErrExist) && try < 1000 {
			continue
		}
		if err != nil {
			return nil, nil, err
		}
		lock, ok := lockTemp(f)
		if !ok && try < 1000 {
			// A clean-up removed it between the create and the lock.
			f.Close()
			continue
		}
		return f, lock, nil
	}
}

// resolveLinks follows the symbolic links of path (all of them, or as
// far as they lead when the last one points to a file not there yet), so
// that a write replaces the file a link points to, not the link.
func resolveLinks(path string) string {
	if real, err := filepath.EvalSymlinks(path); err == nil {
		return real
	}
	for range 40 {
		fi, err := os.Lstat(path)
		if err != nil || fi.Mode()&fs.ModeSymlink == 0 {
			break
		}
		target, err := os.Readlink(path)
		if err != nil {
			break
		}
		if !filepath.IsAbs(target) {
			target = filepath.Join(filepath.Dir(path), target)
		}
		path = target
	}
	return path
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
