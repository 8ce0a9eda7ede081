//go:build unix

package store

import (
	"errors"
	"os"
	"syscall"
)

// lockTemp takes an exclusive lock on the temporary file f, on a second
// descriptor that its writer keeps open until the file is renamed or
// removed (the lock ends with the process, so a killed writer's file is
// free to clean up). ok is false when f is no longer the file at its name
// (a clean-up removed it before the lock): the caller tries another name.
func lockTemp(f *os.File) (lock *os.File, ok bool) {
	lk, err := os.Open(f.Name())
	if err != nil {
		return nil, false
	}
	if err := syscall.Flock(int(lk.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		lk.Close()
		return nil, err == syscall.ENOTSUP || err == syscall.ENOLCK // no locks here: nothing to clean up either
	}
	a, err1 := f.Stat()
	b, err2 := lk.Stat()
	if err1 != nil || err2 != nil || !os.SameFile(a, b) {
		lk.Close()
		return nil, false
	}
	return lk, true
}

// removeIfAbandoned removes the temporary file at name when no process
// holds its lock.
func removeIfAbandoned(name string) {
	f, err := os.Open(name)
	if err != nil {
		return
	}
	defer f.Close()
	if syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB) != nil {
		return // a live writer
	}
	if fi, err := os.Stat(name); err == nil {
		if a, err := f.Stat(); err == nil && os.SameFile(a, fi) {
			os.Remove(name)
		}
	}
}

// keepOwner gives the new file f the owner and group of the file like
// describes, where this process may: root may give any, and an owner
// may give a group it is in. So a write by root (sudo plan add …) leaves
// a user's plan the user's. Where it may not (EPERM), f stays the
// writer's, as any new file would be.
func keepOwner(f *os.File, like os.FileInfo) error {
	want, ok := like.Sys().(*syscall.Stat_t)
	if !ok {
		return nil
	}
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	have, ok := fi.Sys().(*syscall.Stat_t)
	if !ok || have.Uid == want.Uid && have.Gid == want.Gid {
		return nil
	}
	err = f.Chown(int(want.Uid), int(want.Gid))
	if errors.Is(err, syscall.EPERM) && have.Gid != want.Gid {
		err = f.Chown(-1, int(want.Gid))
	}
	if errors.Is(err, syscall.EPERM) {
		return nil
	}
	return err
}
