package store

import (
	"context"
	"errors"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"
)

type opened struct {
	ws  *Workspace
	err error
	at  time.Time
}

// openAsync opens path for mode in a goroutine, counting onWait calls.
func openAsync(ctx context.Context, path string, mode Mode, waits *atomic.Int32) <-chan opened {
	ch := make(chan opened, 1)
	go func() {
		ws, err := Open(ctx, path, mode, func() { waits.Add(1) })
		ch <- opened{ws, err, time.Now()}
	}()
	return ch
}

// A second writer waits for the first, says once that it is waiting
// (after WaitNotice, not before), and goes on as soon as the lock is free.
func TestSecondWriterWaits(t *testing.T) {
	path := filepath.Join(t.TempDir(), "plan.yaml")
	first, err := Open(context.Background(), path, Write, nil)
	if err != nil {
		t.Fatal(err)
	}
	var waits atomic.Int32
	start := time.Now()
	ch := openAsync(context.Background(), path, Write, &waits)
	time.Sleep(WaitNotice / 2)
	// On a loaded machine the sleep may overrun WaitNotice; only a call
	// seen while less than WaitNotice has passed is early.
	if n, waited := waits.Load(), time.Since(start); n != 0 && waited < WaitNotice {
		t.Errorf("onWait called %d times after %v, before WaitNotice", n, waited)
	}
	select {
	case o := <-ch:
		t.Fatalf("second writer got the lock while the first held it (err %v)", o.err)
	case <-time.After(WaitNotice * 2):
	}
	if n := waits.Load(); n != 1 {
		t.Errorf("onWait called %d times after %v of waiting, want once", n, time.Since(start).Round(time.Millisecond))
	}
	released := time.Now()
	first.Close()
	select {
	case o := <-ch:
		if o.err != nil {
			t.Fatal(o.err)
		}
		if d := o.at.Sub(released); d > 2*time.Second {
			t.Errorf("second writer took %v to notice the lock was free", d)
		}
		o.ws.Close()
	case <-time.After(5 * time.Second):
		t.Fatal("second writer still waiting after the first closed")
	}
	if n := waits.Load(); n != 1 {
		t.Errorf("onWait called %d times in all, want once", n)
	}
}

// Readers share the lock; a writer waits for them, and they for it.
func TestReadersShareWritersWait(t *testing.T) {
	path := filepath.Join(t.TempDir(), "plan.yaml")
	r1, err := Open(context.Background(), path, Read, nil)
	if err != nil {
		t.Fatal(err)
	}
	var waits atomic.Int32
	select {
	case o := <-openAsync(context.Background(), path, Read, &waits):
		if o.err != nil {
			t.Fatal(o.err)
		}
		o.ws.Close()
	case <-time.After(WaitNotice):
		t.Fatal("a second reader waited for the first")
	}
	w := openAsync(context.Background(), path, Write, &waits)
	select {
	case <-w:
		t.Fatal("a writer got the lock while a reader held it")
	case <-time.After(4 * lockRetry):
	}
	r1.Close()
	o := <-w
	if o.err != nil {
		t.Fatal(o.err)
	}
	defer o.ws.Close()
	select {
	case <-openAsync(context.Background(), path, Read, &waits):
		t.Fatal("a reader got the lock while a writer held it")
	case <-time.After(4 * lockRetry):
	}
}

// Cancelling the context (Ctrl-C) ends the wait at once, with an error
// that says what it was waiting for.
func TestOpenStopsWaitingWhenCancelled(t *testing.T) {
	path := filepath.Join(t.TempDir(), "plan.yaml")
	first, err := Open(context.Background(), path, Write, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	ctx, cancel := context.WithCancel(context.Background())
	var waits atomic.Int32
	ch := openAsync(ctx, path, Write, &waits)
	time.Sleep(2 * lockRetry)
	cancelled := time.Now()
	cancel()
	select {
	case o := <-ch:
		if o.err == nil {
			o.ws.Close()
			t.Fatal("Open succeeded while another writer held the lock")
		}
		if !errors.Is(o.err, context.Canceled) {
			t.Errorf("err = %v, want it to wrap context.Canceled", o.err)
		}
		if d := o.at.Sub(cancelled); d > 10*lockRetry {
			t.Errorf("Open took %v to give up after the cancel", d)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Open still waiting 5s after its context was cancelled")
	}
	if n := waits.Load(); n != 0 {
		t.Errorf("onWait called %d times for a wait shorter than WaitNotice", n)
	}
}
