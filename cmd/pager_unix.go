//go:build unix

package cmd

import (
	"os"

	"golang.org/x/sys/unix"
)

// redirectStdout points file descriptor 1 at w until restore is called.
func redirectStdout(w *os.File) (restore func(), err error) {
	saved, err := unix.Dup(1)
	if err != nil {
		return nil, err
	}
	if err := unix.Dup2(int(w.Fd()), 1); err != nil {
		unix.Close(saved)
		return nil, err
	}
	return func() {
		unix.Dup2(saved, 1)
		unix.Close(saved)
	}, nil
}
