//go:build unix

package store

import "syscall"

var errReadOnlyFS = syscall.EROFS
