// Command bench times whole plan processes on real and synthetic programs
// and prints a Markdown table of median wall time and peak memory.
//
//	go run ./bench                     FOSDEM 2026 (testdata) only
//	go run ./bench -sizes 1000,10000,100000
//	                                   plus synthetic programs of these sizes
//	                                   (needs ../shared/tools/gen-program, or -gen)
//	go run ./bench -runs 21            more runs per command (default 11)
//
// Each command runs -runs times; the plan is restored from a copy before
// each run of a command that changes it. Wall time is measured around the
// process (fork, exec, run, exit); peak memory is the process's maximum
// resident set size, measured under GNU time where it is installed.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"
)

func main() {
	runs := flag.Int("runs", 11, "runs per command")
	sizes := flag.String("sizes", "", "comma-separated synthetic program sizes, e.g. 1000,10000,100000")
	gen := flag.String("gen", "../shared/tools/gen-program", "the synthetic program generator")
	picks := flag.Int("picks", 200, "picks to make before timing the everyday commands")
	flag.Parse()

	work, err := os.MkdirTemp("", "plan-bench-")
	must(err)
	defer os.RemoveAll(work)
	bin := filepath.Join(work, "plan")
	// Built as README.md says: static (no cgo), which starts ~4 ms faster.
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	out, err := build.CombinedOutput()
	if err != nil {
		fail("build: %v\n%s", err, out)
	}
	fmt.Printf("plan on %d cores, %d runs each, %d picks\n\n", numCPU(), *runs, *picks)
	fmt.Println("| program | sessions | command | median ms | peak MiB |")
	fmt.Println("|---|---:|---|---:|---:|")
	b := &bencher{bin: bin, runs: *runs, picks: *picks}
	// The floor: starting the binary and doing nothing.
	v := b.measure("--version (start-up only)", nil, "--version")
	fmt.Printf("| – | – | %s | %.1f | %.1f |\n", v.label, v.medianMs, v.peakMiB)
	b.program("FOSDEM 2026", "testdata/programs/fosdem-2026-pentabarf.xml", work)
	if *sizes != "" {
		for _, s := range strings.Split(*sizes, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(s))
			if err != nil {
				fail("bad size %q", s)
			}
			file := filepath.Join(work, fmt.Sprintf("synth-%d.xml", n))
			f, err := os.Create(file)
			must(err)
			c := exec.Command(*gen, "--events", strconv.Itoa(n))
			c.Stdout = f
			c.Stderr = os.Stderr
			if err := c.Run(); err != nil {
				fail("gen-program: %v", err)
			}
			f.Close()
			b.program("synthetic", file, work)
			os.Remove(file)
		}
	}
}

type bencher struct {
	bin         string
	runs, picks int
}

func (b *bencher) program(name, file, work string) {
	dir := filepath.Join(work, "w")
	os.RemoveAll(dir)
	must(os.MkdirAll(dir, 0o755))
	plan := filepath.Join(dir, "plan.yaml")
	prog := filepath.Join(dir, "plan.program.jsonl")

	// The size column of the import row is filled in once the import has
	// run; print the other rows after it.
	importRow := b.measure("import", func() { os.Remove(plan); os.Remove(prog) }, "--plan", plan, "import", file)
	list := b.output("--plan", plan, "list")
	var ids []string
	for _, line := range strings.Split(strings.TrimSpace(list), "\n") {
		ids = append(ids, strings.SplitN(line, "\t", 2)[0])
	}
	list = ""
	// A child process starts with this process's resident size as its
	// peak (fork shares the memory until exec), so keep this one small.
	debug.FreeOSMemory()
	row := func(r result) {
		fmt.Printf("| %s | %d | %s | %.1f | %.1f |\n", name, len(ids), r.label, r.medianMs, r.peakMiB)
	}
	row(importRow)
	step := max(1, len(ids)/b.picks)
	var chosen []string
	for i := 0; i < len(ids) && len(chosen) < b.picks; i += step {
		chosen = append(chosen, ids[i])
	}
	b.output(append([]string{"--plan", plan, "add"}, chosen...)...)
	// add and remove one session in turns, as a user does: each command
	// finds the plan as the one before left it.
	one := ids[len(ids)/2+1]
	add, remove := b.alternate([]string{"--plan", plan, "add", one}, []string{"--plan", plan, "remove", one})
	add.label, remove.label = "add (1 session)", "remove (1 pick)"
	row(add)
	row(remove)
	for _, c := range [][]string{{"clashes"}, {"agenda"}, {"stats"}, {"list", "--json"}, {"export", "--ics"}, {"export", "--ics", "--all"}} {
		r := b.measure(strings.Join(c, " "), nil, append([]string{"--plan", plan}, c...)...)
		if r.label == "export --ics" {
			r.label = fmt.Sprintf("export --ics (%d picks)", len(chosen))
		}
		row(r)
	}
}

type result struct {
	label             string
	medianMs, peakMiB float64
}

func (b *bencher) output(args ...string) string {
	c := exec.Command(b.bin, args...)
	var out, errOut bytes.Buffer
	c.Stdout, c.Stderr = &out, &errOut
	if err := c.Run(); err != nil {
		fail("plan %s: %v\n%s", strings.Join(args, " "), err, errOut.String())
	}
	return out.String()
}

// alternate runs two commands in turns and times each.
func (b *bencher) alternate(first, second []string) (result, result) {
	var walls [2][]time.Duration
	for i := 0; i < b.runs; i++ {
		for k, args := range [][]string{first, second} {
			walls[k] = append(walls[k], b.once(args))
		}
	}
	p1 := b.peak(first)
	p2 := b.peak(second)
	return summarize("", walls[0], p1), summarize("", walls[1], p2)
}

func (b *bencher) once(args []string) time.Duration {
	c := exec.Command(b.bin, args...)
	var errOut bytes.Buffer
	c.Stderr = &errOut
	t0 := time.Now()
	err := c.Run()
	wall := time.Since(t0)
	if err != nil {
		fail("plan %s: %v\n%s", strings.Join(args, " "), err, errOut.String())
	}
	return wall
}

// peak runs the command once more and returns its peak resident size in
// KiB. It runs it under GNU time where that is installed: a process
// started straight from this Go program starts with this program's size
// as its peak (the child shares its memory until exec).
func (b *bencher) peak(args []string) int64 {
	if _, err := os.Stat("/usr/bin/time"); err == nil {
		out, err := exec.Command("/usr/bin/time", append([]string{"-f", "%M", b.bin}, args...)...).CombinedOutput()
		lines := strings.Split(strings.TrimSpace(string(out)), "\n")
		if n, perr := strconv.ParseInt(lines[len(lines)-1], 10, 64); err == nil && perr == nil {
			return n
		}
	}
	c := exec.Command(b.bin, args...)
	if c.Run() == nil {
		if ru, ok := c.ProcessState.SysUsage().(*syscall.Rusage); ok {
			return ru.Maxrss // KiB on Linux
		}
	}
	return 0
}

func summarize(label string, walls []time.Duration, peak int64) result {
	sort.Slice(walls, func(i, j int) bool { return walls[i] < walls[j] })
	med := walls[len(walls)/2]
	return result{label: label, medianMs: float64(med.Microseconds()) / 1000, peakMiB: float64(peak) / 1024}
}

func (b *bencher) measure(label string, before func(), args ...string) result {
	var walls []time.Duration
	for i := 0; i < b.runs; i++ {
		if before != nil {
			before()
		}
		walls = append(walls, b.once(args))
	}
	if before != nil {
		before()
	}
	return summarize(label, walls, b.peak(args))
}

func numCPU() int {
	data, _ := os.ReadFile("/proc/cpuinfo")
	return max(1, strings.Count(string(data), "processor\t:"))
}

func must(err error) {
	if err != nil {
		fail("%v", err)
	}
}

func fail(format string, a ...any) {
	fmt.Fprintf(os.Stderr, "bench: "+format+"\n", a...)
	os.Exit(1)
}
