package importer

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// Validators are what the last download of a source said about its
// version, so that the next read can tell "unchanged" without parsing: an
// http(s) server's ETag and Last-Modified, or for a file the digest of its
// content ("sha256:…" in ETag).
type Validators struct {
	ETag         string
	LastModified string
}

// Download is a source as read by ReadIfChanged.
type Download struct {
	Data       []byte
	Validators Validators
	// NotModified says the source is the version prev described: the
	// server answered 304, or the file's digest is the same. Data is nil.
	NotModified bool
}

// ReadIfChanged reads a source as Read does, and says whether it is the
// version prev describes: a URL is fetched with If-None-Match and
// If-Modified-Since from prev (a 304 answer is NotModified); a file or
// stdin is read and compared by digest.
func (f Fetcher) ReadIfChanged(ctx context.Context, src string, stdin io.Reader, prev Validators) (Download, error) {
	if strings.HasPrefix(src, "http://") || strings.HasPrefix(src, "https://") {
		return f.fetchIfChanged(ctx, src, prev)
	}
	data, err := f.Read(ctx, src, stdin)
	if err != nil {
		return Download{}, err
	}
	v := Validators{ETag: Digest(data)}
	if prev.ETag != "" && prev.ETag == v.ETag {
		return Download{Validators: v, NotModified: true}, nil
	}
	return Download{Data: data, Validators: v}, nil
}

// ReadIfChanged is Fetcher.ReadIfChanged with the Fetcher ctx carries
// (see WithFetcher), else the defaults.
func ReadIfChanged(ctx context.Context, src string, stdin io.Reader, prev Validators) (Download, error) {
	f, _ := ctx.Value(fetcherKey{}).(Fetcher)
	return f.ReadIfChanged(ctx, src, stdin, prev)
}

// Digest names content by its SHA-256, as a file source's validator.
func Digest(data []byte) string {
	sum := sha256.Sum256(data)
	return "sha256:" + hex.EncodeToString(sum[:])
}

// statusText is the status of an HTTP answer in Go's own words ("404 Not
// Found"): the server's reason phrase is never shown, since it is text a
// server chooses and may hold anything, escape sequences included.
func statusText(resp *http.Response) string {
	if t := http.StatusText(resp.StatusCode); t != "" {
		return fmt.Sprintf("%d %s", resp.StatusCode, t)
	}
	return fmt.Sprintf("status %d", resp.StatusCode)
}
