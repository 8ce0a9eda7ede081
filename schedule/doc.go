// Package schedule is plan's domain: the model of a conference and of a
// person's plan for it, and the planning done on them.
//
// The model: a Program of Sessions (merged from one or more imported
// programs with Merge, which keeps ids stable across re-imports), and the
// Plan a person owns: its Conference and Sources, the Picks with their
// Priority, Status and notes, personal entries, the Venue's walking
// times, Facts and History.
//
// The planning: the rules and algorithms over the model, all pure
// functions of their arguments: kinds of session (Kind), clashes and what
// fits (FindClashes, Conflict, Fitter), keeping the best picks that fit
// (Optimize), what is on now and next (Now, NowAll), free slots and what
// fills them (Gaps), the recap's numbers (ComputeStats), and the edits a
// command makes to a plan (Plan.Add, Plan.Remove, Plan.SetStatus, …).
// Errors a person can fix are an InputError or a NotFoundError.
//
// The package touches no disk, terminal, YAML or command line: the plan
// and program files are schedule/store's, program formats are
// schedule/importer's, and the topics of plan suggest are
// schedule/suggest's.
package schedule
