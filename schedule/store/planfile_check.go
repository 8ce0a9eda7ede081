package store

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/plan-cli/plan/schedule"
)

// Every plan file the store writes is first read back by the same full
// decoder every command uses, and must give the plan that was written:
// a value the encoder would write in a way no decoder reads (a YAML
// emitter bug, a character the decoder refuses, a time past year 9999)
// fails the save, naming the value, and leaves the file as it was. The
// fuzz targets (fuzz_test.go) search for such values; this check makes
// sure one that slips through never reaches the disk.

// checkTimes refuses times a plan file cannot hold: RFC 3339, and so the
// decoder, has four-digit years only.
func checkTimes(f *planFile) error {
	var bad error
	walkValues(reflect.ValueOf(f).Elem(), "", func(path string, v reflect.Value) {
		if bad != nil || v.Type() != timeType {
			return
		}
		t := v.Interface().(time.Time)
		if !t.IsZero() && (t.Year() < 0 || t.Year() > 9999) {
			bad = fmt.Errorf("%s is %s, outside the years 0000-9999 a plan file can hold (is the clock or SOURCE_DATE_EPOCH right?)", path, t.UTC().Format(time.RFC3339))
		}
	})
	return bad
}

// walkValues calls fn for every value under v with its path in the plan
// file (picks[3].speakers[0]).
func walkValues(v reflect.Value, path string, fn func(string, reflect.Value)) {
	fn(path, v)
	if v.Type() == timeType {
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			walkValues(v.Elem(), path, fn)
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			walkValues(v.Index(i), fmt.Sprintf("%s[%d]", path, i), fn)
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			walkValues(v.MapIndex(k), fmt.Sprintf("%s[%q]", path, k.String()), fn)
		}
	case reflect.Struct:
		for _, f := range structFields(v.Type()) {
			walkValues(v.Field(f.index), strings.TrimPrefix(path+"."+f.name, "."), fn)
		}
	}
}

// checkReadsBack decodes data, the text about to be written for p, and
// compares what it reads with p.
func checkReadsBack(data []byte, name string, p *schedule.Plan) error {
	back, _, err := decodePlan(data, name)
	if err != nil {
		var ie *schedule.InputError
		if errors.As(err, &ie) && ie.Line > 0 {
			return fmt.Errorf("the plan would not read back (%s), at the line %q", ie.Msg, lineOf(data, ie.Line))
		}
		return fmt.Errorf("the plan would not read back: %w", err)
	}
	if path, want, got, ok := firstDifference(planToFile(p), planToFile(back)); !ok {
		return fmt.Errorf("%s %s would read back as %s", path, want, got)
	}
	return nil
}

func lineOf(data []byte, n int) string {
	for i := 1; len(data) > 0; i++ {
		ln := data
		if j := strings.IndexByte(string(data), '\n'); j >= 0 {
			ln, data = data[:j], data[j+1:]
		} else {
			data = nil
		}
		if i == n {
			s := string(ln)
			if len(s) > 120 {
				s = s[:120] + "…"
			}
			return s
		}
	}
	return ""
}

// firstDifference compares two plan files as the plan sees them: times
// by instant, strings as the encoder writes them (valid UTF-8), an empty
// list like no list. It returns the path of the first difference and
// both values.
func firstDifference(a, b *planFile) (path, want, got string, same bool) {
	same = true
	var walk func(p string, x, y reflect.Value)
	walk = func(p string, x, y reflect.Value) {
		if !same {
			return
		}
		differ := func() {
			same = false
			path, want, got = p, show(x), show(y)
		}
		if x.Type() == timeType {
			if !x.Interface().(time.Time).Equal(y.Interface().(time.Time)) {
				differ()
			}
			return
		}
		switch x.Kind() {
		case reflect.Pointer:
			if x.IsNil() || y.IsNil() {
				if x.IsNil() != y.IsNil() {
					differ()
				}
				return
			}
			walk(p, x.Elem(), y.Elem())
		case reflect.String:
			if strings.ToValidUTF8(x.String(), "\uFFFD") != y.String() {
				differ()
			}
		case reflect.Slice:
			if x.Len() != y.Len() {
				differ()
				return
			}
			for i := 0; i < x.Len(); i++ {
				walk(fmt.Sprintf("%s[%d]", p, i), x.Index(i), y.Index(i))
			}
		case reflect.Map:
			if x.Len() != y.Len() {
				differ()
				return
			}
			for _, k := range x.MapKeys() {
				yv := y.MapIndex(reflect.ValueOf(strings.ToValidUTF8(k.String(), "\uFFFD")).Convert(k.Type()))
				if !yv.IsValid() {
					same, path, want, got = false, fmt.Sprintf("%s[%q]", p, k.String()), "a key", "missing"
					return
				}
				walk(fmt.Sprintf("%s[%q]", p, k.String()), x.MapIndex(k), yv)
			}
		case reflect.Struct:
			for _, f := range structFields(x.Type()) {
				walk(strings.TrimPrefix(p+"."+f.name, "."), x.Field(f.index), y.Field(f.index))
			}
		default:
			if !reflect.DeepEqual(x.Interface(), y.Interface()) {
				differ()
			}
		}
	}
	walk("", reflect.ValueOf(a).Elem(), reflect.ValueOf(b).Elem())
	return path, want, got, same
}

func show(v reflect.Value) string {
	switch {
	case v.Type() == timeType:
		return v.Interface().(time.Time).Format(time.RFC3339Nano)
	case v.Kind() == reflect.String:
		s := v.String()
		if len(s) > 80 {
			s = s[:80] + "…"
		}
		return fmt.Sprintf("%q", s)
	case v.Kind() == reflect.Slice || v.Kind() == reflect.Map:
		return fmt.Sprintf("(%d items)", v.Len())
	}
	return fmt.Sprint(v.Interface())
}

// yaml11Typed reports whether plain scalar s would be read as something
// other than a string by a YAML 1.1 reader such as PyYAML (the implicit
// resolvers of PyYAML's resolver.py): yaml.v3 writes "=", "<<" or
// "0_7" plain, and PyYAML then refuses the file or reads a number. Such
// strings are written quoted.
func yaml11Typed(s string) bool {
	if s == "" {
		return true
	}
	switch s[0] {
	case '=', '<', '~', 'n', 'N', 'y', 'Y', 't', 'T', 'f', 'F', 'o', 'O', '.', '+', '-':
	default:
		if s[0] < '0' || s[0] > '9' {
			return false
		}
	}
	return yaml11RE().MatchString(s)
}

var yaml11RE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(?:` +
		`yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF` + // bool
		`|[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)` + // float
		`|[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+` + // int
		`|<<|=|~|null|Null|NULL` + // merge, value, null
		`|[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?` + // timestamp
		`)$`)
})
