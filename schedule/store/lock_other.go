//go:build !unix

package store

import "errors"

var errReadOnlyFS = errors.New("read-only file system")
