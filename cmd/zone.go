package cmd

import (
	"errors"
	"os"
	"strings"

	"github.com/plan-cli/plan/schedule"
)

// zoneError is the usage error for a zone typed on the command line that
// schedule.ParseZone (the one reader of zones) refused; how is the way it
// was given ("--tz", "plan config time_zone"). "Local" gets the zone to
// type instead: this machine's by name when it can be found.
func (f *Factory) zoneError(how, name string, err error) error {
	if !errors.Is(err, schedule.ErrLocalZone) {
		return usageError{err}
	}
	example := how + " Europe/Brussels"
	if z := machineZone(f.IO.Getenv, os.Readlink); z != "" {
		example = how + " " + z + " (this machine's)"
	}
	return usagef("%s %s means a different zone on every machine; give the zone by name, e.g. %s", how, strings.TrimSpace(name), example)
}

// machineZone is the tz database name of this machine's zone, the one Go
// calls Local, or "" when it cannot be told: the TZ variable (":Europe/Berlin",
// "Europe/Berlin" or a path into a zoneinfo directory), else the file
// /etc/localtime links to (…/zoneinfo/Europe/Berlin).
func machineZone(getenv func(string) string, readlink func(string) (string, error)) string {
	name := strings.TrimPrefix(strings.TrimSpace(getenv("TZ")), ":")
	if name == "" {
		target, err := readlink("/etc/localtime")
		if err != nil {
			return ""
		}
		name = target
	}
	if i := strings.LastIndex(name, "zoneinfo/"); i >= 0 {
		name = name[i+len("zoneinfo/"):]
	}
	// Only a tz name: Go reads a TZ of "+01:00" as UTC, and POSIX as -01:00.
	if loc, err := schedule.ParseZone(name); err != nil || loc.String() != name || strings.ContainsAny(name[:1], "+-") {
		return ""
	}
	return name
}
