package cmd

import (
	"context"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// Every command's help reads as text: no escape sequence written where a
// line break was meant (export's help once printed "takes\nminutes").
func TestHelpHasNoLiteralEscapes(t *testing.T) {
	ios, _, _, _ := NewTestIO(false)
	var paths [][]string
	var walk func(c *cobra.Command, path []string)
	walk = func(c *cobra.Command, path []string) {
		paths = append(paths, path)
		for _, sub := range c.Commands() {
			walk(sub, append(append([]string(nil), path...), sub.Name()))
		}
	}
	walk(NewRootCmd(ios), nil)
	for _, path := range paths {
		ios, _, out, errOut := NewTestIO(false)
		if code := Run(context.Background(), ios, append(path, "--help")); code != 0 {
			t.Errorf("plan %s --help: exit %d\n%s", strings.Join(path, " "), code, errOut)
			continue
		}
		for i, line := range strings.Split(out.String(), "\n") {
			if strings.Contains(line, `\n`) || strings.Contains(line, `\t`) {
				t.Errorf("plan %s --help, line %d: %q", strings.Join(path, " "), i+1, line)
			}
		}
	}
}
