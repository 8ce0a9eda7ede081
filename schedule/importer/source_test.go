package importer

import (
	"context"
	"strings"
	"testing"
)

// A Fetcher's limits are its own: a small cap on one leaves Read's
// defaults alone, and a context can carry one to Read.
func TestFetcherMaxSize(t *testing.T) {
	big := strings.Repeat("title,start\n", 1<<17) // 1.5 MiB
	small := Fetcher{MaxSize: 1 << 20}
	_, err := small.Read(context.Background(), "-", strings.NewReader(big))
	inputError(t, err, "stdin", 0, "", "larger than 1 MiB")
	_, err = Read(WithFetcher(context.Background(), small), "-", strings.NewReader(big))
	inputError(t, err, "stdin", 0, "", "larger than 1 MiB")
	data, err := Read(context.Background(), "-", strings.NewReader(big))
	if err != nil || len(data) != len(big) {
		t.Errorf("default Read: %d bytes, %v; want %d", len(data), err, len(big))
	}
}
