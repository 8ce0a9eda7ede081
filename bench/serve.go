package main

import (
	"bufio"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// The targets of issue 22 for plan serve, on FOSDEM 2026 with 200 picks:
// a request for /plan.ics costs at most a tenth of a whole `plan export
// --ics` process and a 304 at most a fiftieth; at concurrency 8 the p99
// stays under 50 ms; and the server's resident size after 2,000 requests
// stays under 50 MiB.
const (
	serveRequestMax = 1.0 / 10
	serve304Max     = 1.0 / 50
	serveP99Max     = 50 * time.Millisecond
	serveRSSMaxMiB  = 50
)

// serveBench starts `plan serve` on the plan in args (--plan FILE) on a
// free port and asks it for its calendars with net/http, over kept-alive
// connections as a calendar app's HTTP stack does: n requests in each
// phase, one at a time and 8 at once, plain and conditional
// (If-None-Match, answered 304). It prints a row per phase and the ratios
// of issue 22 against exportMs, the median of a whole `plan export --ics`
// process measured just before.
func (b *bencher) serveBench(plan []string, n int, one string, exportMs, exportAllMs float64) {
	srv := b.startServe(plan)
	defer srv.stop()
	base := "http://" + srv.addr

	fmt.Printf("\n`plan serve` on FOSDEM 2026 with %d picks, %d requests a phase over kept-alive connections (latency per request; server CPU from /proc):\n\n", b.picks, n)
	fmt.Println("| phase | concurrency | req/s | p50 ms | p99 ms | server CPU ms/req |")
	fmt.Println("|---|---:|---:|---:|---:|---:|")
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 16}, Timeout: time.Minute}
	requests := 0
	row := func(label string, conc int, p phase) {
		requests += len(p.lat)
		fmt.Printf("| %s | %d | %.0f | %.2f | %.2f | %s |\n", label, conc, p.perSecond(), ms(p.quantile(0.5)), ms(p.quantile(0.99)), srv.cpuPerRequest(p))
	}

	first := srv.run(client, base+"/plan.ics", "", 1, 1, http.StatusOK)
	row("first /plan.ics (builds it)", 1, first)
	etag := first.etag
	plain1 := srv.run(client, base+"/plan.ics", "", n, 1, http.StatusOK)
	row("/plan.ics", 1, plain1)
	cond1 := srv.run(client, base+"/plan.ics", etag, n, 1, http.StatusNotModified)
	row("/plan.ics If-None-Match (304)", 1, cond1)
	plain8 := srv.run(client, base+"/plan.ics", "", n, 8, http.StatusOK)
	row("/plan.ics", 8, plain8)
	cond8 := srv.run(client, base+"/plan.ics", etag, n, 8, http.StatusNotModified)
	row("/plan.ics If-None-Match (304)", 8, cond8)
	row("first /all.ics (builds it)", 1, srv.run(client, base+"/all.ics", "", 1, 1, http.StatusOK))
	all1 := srv.run(client, base+"/all.ics", "", max(1, n/10), 1, http.StatusOK)
	row("/all.ics", 1, all1)

	// After each change of the plan (a `plan add`, then a `plan remove`
	// of the same session), the next conditional request with the ETag
	// the client last had gets the new calendar: a build.
	var changed phase
	for i := range b.runs {
		verb := "add"
		if i%2 == 1 {
			verb = "remove"
		}
		b.output(append(slices.Clone(plan), verb, one)...)
		p := srv.run(client, base+"/plan.ics", etag, 1, 1, http.StatusOK)
		if p.etag == etag {
			fail("serve: after plan %s %s, /plan.ics kept its ETag %s", verb, one, etag)
		}
		etag = p.etag
		changed.lat = append(changed.lat, p.lat...)
		changed.wall += p.wall
		changed.cpu += p.cpu
	}
	slices.Sort(changed.lat)
	row("/plan.ics after a plan change (rebuilds it)", 1, changed)
	client.CloseIdleConnections()

	rss, hwm := procKiB(srv.pid(), "VmRSS"), procKiB(srv.pid(), "VmHWM")
	fmt.Printf("\nServer memory after %d requests: resident %s, peak %s.\n", requests, mib(rss), mib(hwm))

	fmt.Printf("\nplan serve against a whole `plan export --ics` process (%.1f ms; `--all` %.1f ms) in the same run:\n\n", exportMs, exportAllMs)
	fmt.Println("| measure | value | target |")
	fmt.Println("|---|---:|---:|")
	verdict := func(ok bool) string {
		if ok {
			return "ok"
		}
		return "OVER"
	}
	r := ms(plain1.quantile(0.5)) / exportMs
	fmt.Printf("| /plan.ics (p50, concurrency 1) ÷ export --ics | %.3f | ≤ %.2f (%s) |\n", r, serveRequestMax, verdict(r <= serveRequestMax))
	r = ms(cond1.quantile(0.5)) / exportMs
	fmt.Printf("| 304 (p50, concurrency 1) ÷ export --ics | %.4f | ≤ %.2f (%s) |\n", r, serve304Max, verdict(r <= serve304Max))
	r = ms(all1.quantile(0.5)) / exportAllMs
	fmt.Printf("| /all.ics (p50, concurrency 1) ÷ export --ics --all | %.3f | – |\n", r)
	p99 := max(plain8.quantile(0.99), cond8.quantile(0.99))
	fmt.Printf("| p99 at concurrency 8 (200 and 304) | %.1f ms | < %d ms (%s) |\n", ms(p99), serveP99Max.Milliseconds(), verdict(p99 < serveP99Max))
	if rss > 0 {
		fmt.Printf("| resident after %d requests | %.1f MiB | ≤ %d MiB (%s) |\n", requests, float64(rss)/1024, serveRSSMaxMiB, verdict(rss <= serveRSSMaxMiB<<10))
	} else {
		fmt.Printf("| resident after %d requests | n/a (no /proc) | ≤ %d MiB |\n", requests, serveRSSMaxMiB)
	}
}

type server struct {
	cmd  *exec.Cmd
	addr string
	// log is the server's standard error after its start lines.
	log  strings.Builder
	mu   sync.Mutex
	done chan struct{}
}

var servingRE = regexp.MustCompile(`^Serving .* on http://(\S+)/ `)

// startServe starts `plan serve` on a free loopback port and waits for
// the line that names its address.
func (b *bencher) startServe(plan []string) *server {
	s := &server{done: make(chan struct{})}
	s.cmd = exec.Command(b.bin, append(slices.Clone(plan), "serve", "--addr", "127.0.0.1:0")...)
	pipe, err := s.cmd.StderrPipe()
	must(err)
	must(s.cmd.Start())
	addr := make(chan string, 1)
	go func() {
		defer close(s.done)
		sc := bufio.NewScanner(pipe)
		for sc.Scan() {
			if m := servingRE.FindStringSubmatch(sc.Text()); m != nil {
				addr <- m[1]
				continue
			}
			// The log line of each request; kept to show on a failure.
			s.mu.Lock()
			if s.log.Len() < 1<<16 {
				s.log.WriteString(sc.Text() + "\n")
			}
			s.mu.Unlock()
		}
		close(addr)
	}()
	select {
	case a, ok := <-addr:
		if !ok {
			s.cmd.Wait()
			fail("plan serve did not start:\n%s", s.log.String())
		}
		s.addr = a
	case <-time.After(30 * time.Second):
		s.cmd.Process.Kill()
		fail("plan serve did not start in 30 s")
	}
	return s
}

func (s *server) pid() int { return s.cmd.Process.Pid }

// stop ends the server as Ctrl-C does.
func (s *server) stop() {
	s.cmd.Process.Signal(os.Interrupt)
	select {
	case <-s.done:
	case <-time.After(10 * time.Second):
		s.cmd.Process.Kill()
	}
	s.cmd.Wait()
}

// phase is what a run of requests took.
type phase struct {
	lat  []time.Duration // of each request, sorted
	wall time.Duration   // of the whole phase
	cpu  time.Duration   // the server's CPU time during it (0: unknown)
	etag string          // of the last answer
}

func (p phase) quantile(q float64) time.Duration {
	if len(p.lat) == 0 {
		return 0
	}
	return p.lat[min(len(p.lat)-1, int(q*float64(len(p.lat))))]
}

func (p phase) perSecond() float64 {
	if p.wall <= 0 {
		return 0
	}
	return float64(len(p.lat)) / p.wall.Seconds()
}

func (s *server) cpuPerRequest(p phase) string {
	if p.cpu <= 0 || len(p.lat) == 0 {
		return "–"
	}
	return fmt.Sprintf("%.2f", ms(p.cpu)/float64(len(p.lat)))
}

// run makes n GET requests of url, conc at once; each must answer want
// and is read to its end.
func (s *server) run(client *http.Client, url, ifNoneMatch string, n, conc int, want int) phase {
	lat := make([]time.Duration, n)
	var next atomic.Int64
	var etag atomic.Value
	var wg sync.WaitGroup
	cpu0, cpuOK := procCPU(s.pid())
	t0 := time.Now()
	for range conc {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				req, _ := http.NewRequest(http.MethodGet, url, nil)
				if ifNoneMatch != "" {
					req.Header.Set("If-None-Match", ifNoneMatch)
				}
				start := time.Now()
				resp, err := client.Do(req)
				if err != nil {
					fail("GET %s: %v", url, err)
				}
				_, err = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				lat[i] = time.Since(start)
				if err != nil || resp.StatusCode != want {
					fail("GET %s: %s (%v), want %d; the server's log:\n%s", url, resp.Status, err, want, s.logTail())
				}
				etag.Store(resp.Header.Get("ETag"))
			}
		}()
	}
	wg.Wait()
	p := phase{lat: lat, wall: time.Since(t0)}
	if cpu1, ok := procCPU(s.pid()); ok && cpuOK {
		p.cpu = cpu1 - cpu0
	}
	p.etag, _ = etag.Load().(string)
	slices.Sort(p.lat)
	return p
}

func (s *server) logTail() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	l := s.log.String()
	return l[max(0, len(l)-2000):]
}

// procCPU is the CPU time (user and system) a process has used so far,
// from /proc/PID/stat; false where there is no /proc.
func procCPU(pid int) (time.Duration, bool) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, false
	}
	// The fields after the command name, which is in parentheses and
	// may hold spaces: state is the first, utime the 12th, stime the
	// 13th.
	rest := string(data[strings.LastIndexByte(string(data), ')')+1:])
	f := strings.Fields(rest)
	if len(f) < 13 {
		return 0, false
	}
	ut, err1 := strconv.ParseInt(f[11], 10, 64)
	st, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0, false
	}
	// Clock ticks: 100 a second on every Linux that Go supports.
	return time.Duration(ut+st) * 10 * time.Millisecond, true
}

// procKiB reads a field of /proc/PID/status (VmRSS, VmHWM) in KiB; 0
// where there is no /proc.
func procKiB(pid int, field string) int64 {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	m := regexp.MustCompile(`(?m)^` + field + `:\s+(\d+) kB`).FindSubmatch(data)
	if m == nil {
		return 0
	}
	n, _ := strconv.ParseInt(string(m[1]), 10, 64)
	return n
}

func mib(kib int64) string {
	if kib <= 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.1f MiB", float64(kib)/1024)
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
