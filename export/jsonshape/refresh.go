package jsonshape

import "github.com/plan-cli/plan/schedule"

// Unchanged is the report of a source plan refresh did not re-import:
// unchanged since it was last read, or (skip) not readable again.
func Unchanged(s schedule.Source, skip string) ImportReport {
	return ImportReport{
		Source: s.Location, Name: s.Name, Format: s.Format, Sessions: s.Sessions, Unchanged: s.Sessions,
		Picks: []PickChange{}, Clashes: []Clash{}, Warnings: []Warning{}, NowFits: []string{},
		NotModified: skip == "", Skipped: skip,
	}
}
