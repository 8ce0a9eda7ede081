package cmd

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// startServeProcess runs the plan binary's 'serve' on the plan in dir as
// its own process (so that its memory can be measured) until the test
// ends, and returns the process, its address and its standard error so
// far.
func startServeProcess(t *testing.T, bin, dir string, args ...string) (p *os.Process, addr string, stderr func() string) {
	t.Helper()
	c := exec.Command(bin, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
	c.Dir = dir
	pipe, err := c.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var log strings.Builder
	started := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(pipe)
		for sc.Scan() {
			mu.Lock()
			log.WriteString(sc.Text() + "\n")
			mu.Unlock()
			if m := regexp.MustCompile(`^Serving .* on http://(\S+)/ `).FindStringSubmatch(sc.Text()); m != nil {
				started <- m[1]
			}
		}
		close(started)
	}()
	t.Cleanup(func() {
		c.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { c.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			c.Process.Kill()
			<-done
		}
	})
	stderr = func() string { mu.Lock(); defer mu.Unlock(); return log.String() }
	select {
	case a, ok := <-started:
		if !ok {
			c.Wait()
			t.Fatalf("plan serve did not start:\n%s", stderr())
		}
		addr = a
	case <-time.After(30 * time.Second):
		t.Fatalf("plan serve did not start:\n%s", stderr())
	}
	return c.Process, addr, stderr
}

// procStatus reads a field of /proc/PID/status in KiB (VmHWM, VmRSS).
func procStatus(t *testing.T, pid int, field string) int {
	t.Helper()
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^` + field + `:\s+(\d+) kB`).FindSubmatch(data)
	if m == nil {
		t.Fatalf("no %s in /proc/%d/status", field, pid)
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

// openFiles is how many files (connections among them) a process holds.
func openFiles(t *testing.T, pid int) int {
	t.Helper()
	fds, err := os.ReadDir(fmt.Sprintf("/proc/%d/fd", pid))
	if err != nil {
		t.Fatal(err)
	}
	return len(fds)
}

// 300 clients that ask for the whole program (/all.ics, 1.5 MB on
// FOSDEM 2026) and never read the answer hold neither the server's memory
// nor its connections: it stays under 100 MiB, closes every one of them,
// and a calendar app that asks meanwhile gets its calendar.
func TestServeClientsThatDoNotRead(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and loads it with 300 connections")
	}
	bin := filepath.Join(t.TempDir(), "plan")
	if out, err := exec.Command("go", "build", "-o", bin, "..").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	dir := fosdemPlan(t)
	p, addr, stderr := startServeProcess(t, bin, dir)
	base := "http://" + addr
	// One calendar first, as a phone would, so that the count of open
	// files includes what serving one costs.
	if resp, body := get(t, base+"/plan.ics"); resp.StatusCode != 200 || !strings.Contains(body, "BEGIN:VCALENDAR") {
		t.Fatalf("GET /plan.ics: %s", resp.Status)
	}
	idle := openFiles(t, p.Pid)

	const clients = 300
	var conns []net.Conn
	defer func() {
		for _, c := range conns {
			c.Close()
		}
	}()
	// A small receive buffer, set before connecting, so that the
	// kernel does not take the calendar in on the client's behalf: what
	// the client does not read stays with the server.
	dialer := net.Dialer{Control: func(_, _ string, c syscall.RawConn) error {
		return c.Control(func(fd uintptr) {
			syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_RCVBUF, 4096)
		})
	}}
	for range clients {
		c, err := dialer.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
		if _, err := fmt.Fprintf(c, "GET /all.ics HTTP/1.1\r\nHost: %s\r\n\r\n", addr); err != nil {
			t.Fatal(err)
		}
	}
	// Meanwhile a calendar app asks for the picks, and waits as long as
	// the server asks it to (Retry-After) when the server is busy.
	got := make(chan string, 1)
	asked := time.Now()
	go func() {
		client := &http.Client{Timeout: 2 * time.Minute}
		for range 20 {
			resp, err := client.Get(base + "/plan.ics")
			if err != nil {
				got <- err.Error()
				return
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusServiceUnavailable {
				wait, _ := strconv.Atoi(resp.Header.Get("Retry-After"))
				time.Sleep(time.Duration(wait) * time.Second)
				continue
			}
			got <- resp.Status + "\n" + string(body)
			t.Logf("a calendar app got /plan.ics %s after %s", resp.Status, time.Since(asked).Round(time.Millisecond))
			return
		}
		got <- "still 503 after 20 tries"
	}()

	// The stalled connections are closed by the server, by its time
	// limits; the limit here is only for a server that never does.
	deadline := time.Now().Add(5 * time.Minute)
	var open int
	for {
		open = openFiles(t, p.Pid)
		if open <= idle || time.Now().After(deadline) {
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	hwm, rss := procStatus(t, p.Pid, "VmHWM"), procStatus(t, p.Pid, "VmRSS")
	t.Logf("plan serve with %d clients that do not read /all.ics: peak RSS %d KiB, now %d KiB; open files %d (%d idle)", clients, hwm, rss, open, idle)
	if open > idle {
		t.Errorf("plan serve still holds %d files (%d when idle) 5 minutes after %d clients stopped reading", open, idle, clients)
	}
	if hwm > 100<<10 {
		t.Errorf("plan serve peaked at %d MiB serving %d clients that do not read, want under 100 MiB", hwm>>10, clients)
	}
	select {
	case r := <-got:
		if !strings.HasPrefix(r, "200 OK\n") || !strings.Contains(r, "BEGIN:VCALENDAR") {
			t.Errorf("a calendar app asking meanwhile got %.200s", r)
		}
	case <-time.After(2 * time.Minute):
		t.Error("a calendar app asking meanwhile got nothing")
	}
	if t.Failed() {
		log := stderr()
		t.Logf("the server's log (%d lines), its end:\n%s", strings.Count(log, "\n"), log[max(0, len(log)-2000):])
	}
}
