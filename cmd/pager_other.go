//go:build !unix

package cmd

import (
	"errors"
	"os"
)

// redirectStdout is not available here: output is not paged.
func redirectStdout(*os.File) (func(), error) {
	return nil, errors.New("no pager on this system")
}
