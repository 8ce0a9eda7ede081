package cmd

import "runtime/debug"

// The garbage collector's pace, decided here and nowhere else.
//
// A command lives a few milliseconds; collecting garbage it is about to
// drop by exiting costs more than it saves (7 ms of a 30 ms 'plan list
// --json' on FOSDEM), so commands start with the collector off and a
// memory limit that still makes it run if a command on a huge program
// grows large. Commands that hold a large program, and imports, which
// build a large live heap from a large input, turn it back on at the usual
// pace so their peak stays near twice the program. GOGC or GOMEMLIMIT in
// the environment leave the runtime's own settings alone.

// gcForShortCommand is the pace a command starts with.
func gcForShortCommand(getenv func(string) string) {
	if getenv("GOGC") == "" && getenv("GOMEMLIMIT") == "" {
		debug.SetGCPercent(-1)
		debug.SetMemoryLimit(512 << 20)
	}
}

// gcForLargeHeap restores the usual pace, for an import or a command that
// holds a program of more than a few thousand sessions.
func gcForLargeHeap(getenv func(string) string) {
	if getenv("GOGC") == "" {
		debug.SetGCPercent(100)
	}
}
