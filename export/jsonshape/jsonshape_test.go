package jsonshape

import (
	"reflect"
	"strings"
	"testing"

	"github.com/plan-cli/plan/export/present"
)

// TestSessionCarriesEveryPresentedField keeps --json complete: every field
// plan show or the calendar shows (export/present) names the keys of
// Session that carry it, and each of those keys exists.
func TestSessionCarriesEveryPresentedField(t *testing.T) {
	have := map[string]bool{}
	st := reflect.TypeFor[Session]()
	for i := range st.NumField() {
		name, _, _ := strings.Cut(st.Field(i).Tag.Get("json"), ",")
		have[name] = true
	}
	for field, keys := range present.JSONKeys() {
		if len(keys) == 0 {
			t.Errorf("present field %q names no --json key", field)
		}
		for _, k := range keys {
			if !have[k] {
				t.Errorf("present field %q is carried by --json key %q, which jsonshape.Session lacks", field, k)
			}
		}
	}
}
