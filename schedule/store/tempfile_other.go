//go:build !unix

package store

import (
	"os"
	"time"
)

func lockTemp(*os.File) (*os.File, bool) { return nil, true }

// removeIfAbandoned removes a temporary file a day old: without file
// locks, age is the only sign that its writer is gone.
func removeIfAbandoned(name string) {
	if fi, err := os.Stat(name); err == nil && time.Since(fi.ModTime()) > 24*time.Hour {
		os.Remove(name)
	}
}

// keepOwner keeps a file's owner on Unix; elsewhere a new file is the
// writer's.
func keepOwner(*os.File, os.FileInfo) error { return nil }
