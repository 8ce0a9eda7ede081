package importer

import (
	"context"
	"strings"
	"testing"
)

// A Fetcher's limits are its own: a small cap on one leaves
// ReadIfChanged's defaults alone, and a context can carry one to it.
func TestFetcherMaxSize(t *testing.T) {
	big := strings.Repeat("title,start\n", 1<<17) // 1.5 MiB
	small := Fetcher{MaxSize: 1 << 20}
	_, err := small.Read(context.Background(), "-", strings.NewReader(big))
	inputError(t, err, "stdin", 0, "", "larger than 1 MiB")
	_, err = ReadIfChanged(WithFetcher(context.Background(), small), "-", strings.NewReader(big), Validators{})
	inputError(t, err, "stdin", 0, "", "larger than 1 MiB")
	d, err := ReadIfChanged(context.Background(), "-", strings.NewReader(big), Validators{})
	if err != nil || len(d.Data) != len(big) {
		t.Errorf("default ReadIfChanged: %d bytes, %v; want %d", len(d.Data), err, len(big))
	}
}
