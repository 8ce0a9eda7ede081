package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/gofrs/flock"
)

// WaitNotice is how long Open waits for another plan command's lock before
// it tells the user why it is waiting.
const WaitNotice = 300 * time.Millisecond

// lockRetry is how often a waiting Open tries the lock again.
const lockRetry = 25 * time.Millisecond

// lockPath is the lock file of a plan: a hidden file beside it.
func lockPath(planPath string) string {
	return filepath.Join(filepath.Dir(planPath), "."+filepath.Base(planPath)+".lock")
}

// acquire takes the plan's lock (exclusive to write, shared to read),
// waiting for as long as ctx allows; onWait, when not nil, is called once
// when the lock has not come free within WaitNotice.
func acquire(ctx context.Context, planPath string, mode Mode, onWait func()) (*flock.Flock, error) {
	fl := flock.New(lockPath(planPath), flock.SetPermissions(0o600))
	try := fl.TryRLock
	if mode == Write {
		try = fl.TryLock
	}
	deadline := time.Now().Add(WaitNotice)
	told := false
	for {
		ok, err := try()
		if err != nil {
			return nil, err
		}
		if ok {
			return fl, nil
		}
		if !told && onWait != nil && time.Now().After(deadline) {
			onWait()
			told = true
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("gave up waiting for another plan command on %s: %w", planPath, context.Cause(ctx))
		case <-time.After(lockRetry):
		}
	}
}

// readOnlyFolder reports whether err says the lock file cannot be created
// because the folder is not writable.
func readOnlyFolder(err error) bool {
	return errors.Is(err, os.ErrPermission) || errors.Is(err, errReadOnlyFS)
}
