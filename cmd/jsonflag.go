package cmd

import (
	"github.com/plan-cli/plan/export"
)

func (f *Factory) writeJSON(v any) error { return export.WriteJSON(f.IO.Out, v) }
