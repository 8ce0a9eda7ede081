package cmd

import (
	"github.com/spf13/cobra"

	"github.com/plan-cli/plan/export/jsonshape"
)

// addJSONFlag gives a command the --json flag; what names the shape it
// prints (documented in docs/json.md).
func addJSONFlag(c *cobra.Command, v *bool, what string) {
	c.Flags().BoolVar(v, "json", false, "print "+what+" as JSON (see docs/json.md)")
}

// writeJSON prints v, one of the jsonshape types, to standard output.
func (f *Factory) writeJSON(v any) error { return jsonshape.Write(f.IO.Out, v) }
