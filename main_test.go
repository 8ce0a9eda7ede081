package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/plan-cli/plan/cmd"
)

// The scripts in testdata/script run the real plan binary through whole
// user journeys on the real programs in testdata/programs.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"plan": func() { os.Exit(cmd.Main()) },
	})
}

func TestScripts(t *testing.T) {
	if testing.Short() {
		t.Skip("the journeys are the long suite: go test ./... (and CI) runs them")
	}
	programs, err := filepath.Abs("testdata/programs")
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			env.Setenv("PROGRAMS", programs)
			env.Setenv("NO_COLOR", "1")
			env.Setenv("SOURCE_DATE_EPOCH", "1767225600") // 2026-01-01T00:00:00Z
			return nil
		},
		UpdateScripts: os.Getenv("UPDATE_SCRIPTS") == "1",
		Cmds:          map[string]func(ts *testscript.TestScript, neg bool, args []string){"replace": cmdReplace, "glob": cmdGlob, "fill": cmdFill},
	})
}

// replace [-re] FILE OLD NEW edits a file in place: OLD must occur
// (exactly once without -re; as a regular expression with -re). \n in
// OLD and NEW stands for a newline; \xHH in NEW for the byte HH (a
// control character, a Latin-1 letter), so scripts can build broken
// input without binary files.
func cmdReplace(ts *testscript.TestScript, neg bool, args []string) {
	re := len(args) > 0 && args[0] == "-re"
	if re {
		args = args[1:]
	}
	if neg || len(args) != 3 {
		ts.Fatalf("usage: replace [-re] FILE OLD NEW")
	}
	unq := func(s string) string { return strings.ReplaceAll(s, `\n`, "\n") }
	hexByte := regexp.MustCompile(`\\x[0-9a-fA-F]{2}`)
	unqNew := func(s string) string {
		return hexByte.ReplaceAllStringFunc(unq(s), func(h string) string {
			b, _ := strconv.ParseUint(h[2:], 16, 8)
			return string([]byte{byte(b)})
		})
	}
	file, old, repl := ts.MkAbs(args[0]), unq(args[1]), unqNew(args[2])
	data, err := os.ReadFile(file)
	ts.Check(err)
	text := string(data)
	if re {
		rx := regexp.MustCompile(old)
		if !rx.MatchString(text) {
			ts.Fatalf("replace: %q not found in %s", old, args[0])
		}
		text = rx.ReplaceAllString(text, repl)
	} else {
		if n := strings.Count(text, old); n != 1 {
			ts.Fatalf("replace: %q occurs %d times in %s, want once", old, n, args[0])
		}
		text = strings.Replace(text, old, repl, 1)
	}
	ts.Check(os.WriteFile(file, []byte(text), 0o644))
}

// glob PATTERN succeeds when a file in the work folder matches PATTERN
// (filepath.Match syntax, relative to $WORK); ! glob PATTERN when none
// does. testscript's exists takes names literally, so "! exists
// .plan.yaml.tmp-*" could never fail.
func cmdGlob(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: glob PATTERN")
	}
	matches, err := filepath.Glob(ts.MkAbs(args[0]))
	if err != nil {
		ts.Fatalf("glob %s: %v", args[0], err)
	}
	switch {
	case neg && len(matches) > 0:
		ts.Fatalf("glob %s: want no match, found %s", args[0], strings.Join(matches, ", "))
	case !neg && len(matches) == 0:
		ts.Fatalf("glob %s: no match", args[0])
	}
}

// fill FILE MARK TEXT N replaces the one MARK in FILE with N copies of
// TEXT: a line of several MiB without a file of that size in the script.
func cmdFill(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 4 {
		ts.Fatalf("usage: fill FILE MARK TEXT N")
	}
	n, err := strconv.Atoi(args[3])
	ts.Check(err)
	file := ts.MkAbs(args[0])
	data, err := os.ReadFile(file)
	ts.Check(err)
	if c := strings.Count(string(data), args[1]); c != 1 {
		ts.Fatalf("fill: %q occurs %d times in %s, want once", args[1], c, args[0])
	}
	ts.Check(os.WriteFile(file, []byte(strings.Replace(string(data), args[1], strings.Repeat(args[2], n), 1)), 0o644))
}
