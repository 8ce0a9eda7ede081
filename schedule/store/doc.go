// Package store is the only package of plan that touches the disk for a
// plan. It owns every file beside it and names them all (OwnFiles):
//
//   - the plan file (plan.yaml): YAML a person may edit, read with yaml.v3
//     into planFile and written back over the document read, so that their
//     comments, key order, quoting and blank lines stay (planfile*.go);
//   - the program file (plan.program.jsonl): the imported sessions, one JSON
//     line each, written with the plan as a pair (programfile.go);
//   - the lock (.plan.yaml.lock), taken shared to read and exclusive to
//     write for the life of a command (lock.go);
//   - the sync state (.plan.yaml.sync.json), what the last plan sync saw,
//     kept as JSON for export/caldav, whose types the store does not know;
//   - the temporary files of atomic writes, and the program an import
//     replaces until the plan is written too (atomicfile.go).
//
// A command opens a Workspace, loads, changes and saves through it; the
// domain (package schedule) never sees a file.
package store
