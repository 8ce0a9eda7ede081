package jsonshape

// SyncEvent is one event 'plan sync' created, updated, deleted, cancelled
// or left alone because of a conflict.
type SyncEvent struct {
	ID       string  `json:"id"`
	Title    string  `json:"title"`
	Start    *string `json:"start"`
	UID      string  `json:"uid"`
	Href     string  `json:"href"`
	Sequence int     `json:"sequence"`
	// Reason says why: "new pick", "changed", "dropped", "left the
	// program", "changed on the server", "deleted on the server", …
	Reason string `json:"reason,omitempty"`
}

// Sync is what 'plan sync --json' prints. With dry_run nothing was
// written, and the lists say what a sync would do. requests counts every
// HTTP request made, writes the PUTs and DELETEs among them.
type Sync struct {
	Calendar  string      `json:"calendar"`
	DryRun    bool        `json:"dry_run"`
	UpToDate  bool        `json:"up_to_date"`
	Created   []SyncEvent `json:"created"`
	Updated   []SyncEvent `json:"updated"`
	Deleted   []SyncEvent `json:"deleted"`
	Cancelled []SyncEvent `json:"cancelled"`
	Conflicts []SyncEvent `json:"conflicts"`
	Unchanged int         `json:"unchanged"`
	Requests  int         `json:"requests"`
	Writes    int         `json:"writes"`
}
