package importer

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	neturl "net/url"
	"os"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/plan-cli/plan/schedule"
)

// Fetcher reads program sources: files, stdin and http(s) URLs. The zero
// value uses the defaults below; tests set smaller limits on their own
// Fetcher instead of changing anything shared.
type Fetcher struct {
	// Client makes the requests; nil means a client with Timeout.
	Client *http.Client
	// MaxSize caps what one source may hold (DefaultMaxSize when 0).
	MaxSize int64
	// Timeout bounds a whole download (DefaultTimeout when 0).
	Timeout time.Duration
}

// DefaultMaxSize: the largest real programs are a few MiB and a synthetic
// 100,000-session one is ~130 MiB; an endless stream (/dev/zero, a URL
// that never ends) stops here.
const DefaultMaxSize int64 = 512 << 20

// DefaultTimeout bounds a whole download.
const DefaultTimeout = 2 * time.Minute

func (f Fetcher) maxSize() int64 {
	if f.MaxSize > 0 {
		return f.MaxSize
	}
	return DefaultMaxSize
}

func (f Fetcher) timeout() time.Duration {
	if f.Timeout > 0 {
		return f.Timeout
	}
	return DefaultTimeout
}

type fetcherKey struct{}

// WithFetcher returns a context whose ReadIfChanged uses f: the way to
// set limits for code that only hands ReadIfChanged a context. Only tests
// do (cmd's lower the size cap and the patience to stay quick).
func WithFetcher(ctx context.Context, f Fetcher) context.Context {
	return context.WithValue(ctx, fetcherKey{}, f)
}

// Read loads a program source: a file path, "-" for stdin, or an http(s)
// URL. It returns the bytes and the name to use in messages.
func (f Fetcher) Read(ctx context.Context, src string, stdin io.Reader) ([]byte, error) {
	switch {
	case src == "-":
		return f.readCapped(stdin, "stdin", 0)
	case strings.HasPrefix(src, "http://") || strings.HasPrefix(src, "https://"):
		return f.fetch(ctx, src)
	}
	file, err := os.Open(src)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("%s: no such file (check the path; a URL starts with https://)", src)
		}
		return nil, err
	}
	defer file.Close()
	var hint int64
	if fi, err := file.Stat(); err == nil {
		if fi.IsDir() {
			return nil, fmt.Errorf("%s: a folder, not a program file: give the path of the program file in it", src)
		}
		if fi.Mode().IsRegular() {
			if fi.Size() > f.maxSize() {
				return nil, &schedule.InputError{File: src, Msg: fmt.Sprintf("larger than %d MiB: not a conference program", f.maxSize()>>20)}
			}
			hint = fi.Size()
		}
	}
	return f.readCapped(file, src, hint)
}

// readCapped reads at most f.MaxSize bytes; sizeHint (the file's size,
// when known) lets it read into one buffer of that size.
func (f Fetcher) readCapped(r io.Reader, name string, sizeHint int64) ([]byte, error) {
	maxSize := f.maxSize()
	// Look at the start first, so binary garbage or /dev/zero fails at
	// once instead of after reading the cap.
	first := make([]byte, 4096)
	n, err := io.ReadFull(r, first)
	first = first[:n]
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return nil, fmt.Errorf("cannot read %s: %w", name, err)
	}
	if err := sniffText(first, name); err != nil {
		return nil, err
	}
	if n < 4096 {
		return first, nil
	}
	var data []byte
	if sizeHint > int64(n) && sizeHint <= maxSize {
		data, err = readSized(r, first, sizeHint, maxSize)
	} else {
		data, err = readUpTo(r, first, maxSize)
	}
	if errors.Is(err, errTooLarge) {
		return nil, &schedule.InputError{File: name, Msg: fmt.Sprintf("larger than %d MiB: not a conference program (or a stream that never ends)", maxSize>>20)}
	}
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", name, err)
	}
	return data, nil
}

// readSized is readUpTo for a source whose size is known (a file): one
// buffer of that size, read into. A file that grew meanwhile is read on
// as one of unknown size.
func readSized(r io.Reader, first []byte, size, limit int64) ([]byte, error) {
	buf := make([]byte, size)
	n := copy(buf, first)
	m, err := io.ReadFull(r, buf[n:])
	buf = buf[:n+m]
	switch err {
	case io.EOF, io.ErrUnexpectedEOF:
		return buf, nil // it shrank
	case nil:
		return readUpTo(r, buf, limit)
	}
	return nil, err
}

// readUpTo appends what r holds to data and returns it, or errTooLarge
// once it holds more than limit bytes. A stream of unknown length (a
// pipe, a download, gzip-encoded or chunked) is read into memory reserved
// from the kernel, outside Go's heap (reserve), and then copied into a
// slice of exactly its size, each part of the reserve given back as soon
// as it is copied: the bytes are held once, plus a 4 MiB step, however
// large the source. Without a reserve (not Linux) readChunks joins 1 MiB
// chunks, holding a large source twice, briefly.
func readUpTo(r io.Reader, data []byte, limit int64) ([]byte, error) {
	region, release := reserve(limit + 1)
	if region == nil {
		return readChunks(r, data, limit)
	}
	defer release()
	n := copy(region, data)
	for {
		m, err := r.Read(region[n:])
		n += m
		if int64(n) > limit {
			return nil, errTooLarge
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	if n == len(data) {
		return data, nil
	}
	const step = 4 << 20
	out := make([]byte, n)
	for off := 0; off < n; off += step {
		end := min(off+step, n)
		copy(out[off:end], region[off:end])
		giveBack(region[off:end])
	}
	return out, nil
}

// readChunks is readUpTo without a reserve: it reads into 1 MiB chunks
// and joins them once at the end, so an endless stream or a gzip bomb
// stops at the cap having held the cap, not the doubled buffers (and
// their garbage) a growing slice leaves behind.
func readChunks(r io.Reader, data []byte, limit int64) ([]byte, error) {
	const chunk = 1 << 20
	var chunks [][]byte
	total := int64(len(data))
	for {
		c := make([]byte, chunk)
		n, err := io.ReadFull(r, c)
		if n > 0 {
			chunks = append(chunks, c[:n])
			total += int64(n)
			if total > limit {
				return nil, errTooLarge
			}
		}
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	if len(chunks) == 0 {
		return data, nil
	}
	out := make([]byte, 0, total)
	out = append(out, data...)
	for _, c := range chunks {
		out = append(out, c...)
	}
	return out, nil
}

// maxRedirects is how many redirects a download follows, as browsers
// and Go do.
const maxRedirects = 10

// maxHeaderBytes caps a server's response headers: real ones are a few
// KiB (Go's own default, 10 MiB, is memory a hostile server may take).
const maxHeaderBytes = 1 << 20

// transport is Go's default transport with maxHeaderBytes.
func transport() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxResponseHeaderBytes = maxHeaderBytes
	return t
}

// redirectError is a redirect a download does not follow.
type redirectError struct{ msg string }

func (e *redirectError) Error() string { return e.msg }

// checkRedirect follows redirects to http(s) addresses, up to
// maxRedirects, and says in words why it stops.
func checkRedirect(req *http.Request, via []*http.Request) error {
	switch to := req.URL; {
	case to.Scheme == "file":
		return &redirectError{fmt.Sprintf("the server redirects to a local file (%s): refused", clip(to.String(), 200))}
	case to.Scheme != "http" && to.Scheme != "https":
		return &redirectError{fmt.Sprintf("the server redirects to %s, which is not an http or https address: refused", clip(to.String(), 200))}
	case len(via) >= maxRedirects:
		return &redirectError{fmt.Sprintf("more than %d redirects (do they go round in a loop?): check the address", maxRedirects)}
	}
	return nil
}

// requestError says what went wrong with a request in words, without
// Go's "Get "…":" wrapping (the caller names the URL).
func requestError(err error) error {
	var re *redirectError
	if errors.As(err, &re) {
		return re
	}
	// net/http says this in words of its own only.
	if strings.Contains(err.Error(), "server response headers exceeded") {
		return fmt.Errorf("the server's headers are larger than %d MiB: refused", maxHeaderBytes>>20)
	}
	var ue *neturl.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// errTooLarge is readUpTo's answer for a source over the cap.
var errTooLarge = errors.New("larger than the cap")

// sniffText rejects input that cannot be a text program: empty, NUL
// bytes, UTF-16, or not UTF-8.
func sniffText(b []byte, name string) error {
	if len(bytes.TrimSpace(b)) == 0 {
		return &schedule.InputError{File: name, Msg: "empty: no program to import (was it saved or downloaded completely?)"}
	}
	if isUTF16(b) {
		return &schedule.InputError{File: name, Line: 1, Msg: "UTF-16 text: save the file as UTF-8 and import it again"}
	}
	if i := bytes.IndexByte(b, 0); i >= 0 {
		return &schedule.InputError{File: name, Line: lineAt(b, int64(i)), Msg: "binary data, not a conference program: import the schedule's XML, JSON, iCalendar or CSV file"}
	}
	// The cut at 4096 may split a character; ignore an incomplete tail.
	check := b
	for k := 0; k < utf8.UTFMax && len(check) > 0 && !utf8.Valid(check); k++ {
		check = check[:len(check)-1]
	}
	return checkUTF8(check, name)
}

func (f Fetcher) fetch(ctx context.Context, url string) ([]byte, error) {
	d, err := f.fetchIfChanged(ctx, url, Validators{})
	return d.Data, err
}

// fetchIfChanged downloads url; with prev's validators it asks the server
// to answer 304 Not Modified when nothing changed.
func (f Fetcher) fetchIfChanged(ctx context.Context, url string, prev Validators) (Download, error) {
	timeout := f.timeout()
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return Download{}, fmt.Errorf("%s: bad URL: %w", url, err)
	}
	req.Header.Set("User-Agent", "plan (conference schedule planner)")
	req.Header.Set("Accept", "application/json, application/xml, text/xml, text/calendar, text/csv, */*;q=0.5")
	if prev.ETag != "" {
		req.Header.Set("If-None-Match", prev.ETag)
	}
	if prev.LastModified != "" {
		req.Header.Set("If-Modified-Since", prev.LastModified)
	}
	client := f.Client
	if client == nil {
		client = &http.Client{Timeout: timeout, Transport: transport(), CheckRedirect: checkRedirect}
	}
	resp, err := client.Do(req)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			return Download{}, fmt.Errorf("%s: no answer within %s", url, timeout)
		}
		return Download{}, fmt.Errorf("%s: %w", url, requestError(err))
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusNotModified && (prev.ETag != "" || prev.LastModified != "") {
		return Download{Validators: prev, NotModified: true}, nil
	}
	if resp.StatusCode != http.StatusOK {
		return Download{}, fmt.Errorf("%s: the server answered %s; check the address", url, statusText(resp))
	}
	v := Validators{ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")}
	if ct := resp.Header.Get("Content-Type"); ct != "" {
		mt, _, _ := mime.ParseMediaType(ct)
		if mt == "text/html" {
			data, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
			if bytes.Contains(bytes.ToLower(data), []byte("<html")) {
				return Download{}, fmt.Errorf("%s: the server sent a web page (text/html), not a program; use the address of the schedule's XML, JSON, ICS or CSV export", url)
			}
			data, err := f.readCapped(io.MultiReader(bytes.NewReader(data), resp.Body), url, 0)
			return Download{Data: data, Validators: v}, err
		}
	}
	data, err := f.readCapped(resp.Body, url, 0)
	if err != nil && errors.Is(err, context.DeadlineExceeded) {
		return Download{}, fmt.Errorf("%s: download did not finish within %s", url, timeout)
	}
	return Download{Data: data, Validators: v}, err
}
