// Command plan is a conference schedule planner: it imports the program a
// conference publishes, keeps a clash-free personal schedule in a YAML
// plan, and exports calendars and a recap. See README.md.
package main

import (
	"os"
	_ "time/tzdata" // zones work where the system has no tz database

	"github.com/plan-cli/plan/cmd"
)

func main() { os.Exit(cmd.Main()) }
