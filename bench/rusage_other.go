//go:build !unix

package main

import "os"

// maxRSS is 0 where the system does not report a process's peak resident
// size through os.ProcessState (Windows, Plan 9, wasm): the bench then
// prints 0 in the peak column.
func maxRSS(*os.ProcessState) int64 { return 0 }
