package cmd

import (
	"context"
	"reflect"
	"testing"
)

// Flags and arguments reach each command's options as given, without
// running the command (the GitHub CLI's runF split).
func TestCommandsParseIntoOptions(t *testing.T) {
	f := newFactory(context.TODO(), nil)
	t.Run("add personal entry", func(t *testing.T) {
		var got *addOptions
		c := newAddCmd(f, func(o *addOptions) error { got = o; return nil })
		c.SetArgs([]string{"--title", "Meet Ana", "--kind", "social", "--start", "sat 12:00", "--end", "30m", "--priority", "must"})
		if err := c.Execute(); err != nil {
			t.Fatal(err)
		}
		want := addOptions{f: f, IDs: []string{}, Title: "Meet Ana", Kind: "social", Start: "sat 12:00", End: "30m", Priority: "must", EntryFlags: []string{"kind", "start", "end"}}
		if !reflect.DeepEqual(*got, want) {
			t.Errorf("options = %+v\nwant      %+v", *got, want)
		}
	})
	t.Run("add ids", func(t *testing.T) {
		var got *addOptions
		c := newAddCmd(f, func(o *addOptions) error { got = o; return nil })
		c.SetArgs([]string{"7886", "7022", "--note", "ask", "--json"})
		if err := c.Execute(); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got.IDs, []string{"7886", "7022"}) || got.Note != "ask" || !got.JSON || got.EntryFlags != nil {
			t.Errorf("options = %+v", *got)
		}
	})
	t.Run("walk", func(t *testing.T) {
		var got *walkOptions
		c := newWalkCmd(f, func(o *walkOptions) error { got = o; return nil })
		c.SetArgs([]string{"Janson", "K.1.105", "2.9"})
		if err := c.Execute(); err != nil {
			t.Fatal(err)
		}
		if got.From != "Janson" || got.To != "K.1.105" || got.Length != "2.9" {
			t.Errorf("options = %+v", *got)
		}
	})
	t.Run("now", func(t *testing.T) {
		var got *nowOptions
		c := newNowCmd(f, func(o *nowOptions) error { got = o; return nil })
		c.SetArgs([]string{"--at", "sun 11:50", "--room", "Janson", "--json"})
		if err := c.Execute(); err != nil {
			t.Fatal(err)
		}
		if got.At != "sun 11:50" || got.Room != "Janson" || !got.JSON {
			t.Errorf("options = %+v", *got)
		}
	})
	t.Run("export", func(t *testing.T) {
		var got *exportOptions
		c := newExportCmd(f, func(o *exportOptions) error { got = o; return nil })
		c.SetArgs([]string{"--ics", "--all", "--day", "sun", "--alarm", "10", "-o", "x.ics"})
		if err := c.Execute(); err != nil {
			t.Fatal(err)
		}
		if !got.ICS || got.MD || !got.All || got.Day != "sun" || got.Alarm != "10" || got.Output != "x.ics" {
			t.Errorf("options = %+v", *got)
		}
	})
}
