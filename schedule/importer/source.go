package importer

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"os"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/plan-cli/plan/schedule"
)

// MaxSourceSize caps what one program source may hold. The largest real
// programs are a few MiB and a synthetic 100,000-session one is ~130 MiB;
// an endless stream (/dev/zero, a URL that never ends) stops here. A
// variable only so that tests can lower it.
var MaxSourceSize int64 = 512 << 20

// FetchTimeout bounds a whole download.
var FetchTimeout = 2 * time.Minute

// Read loads a program source: a file path, "-" for stdin, or an http(s)
// URL. It returns the bytes and the name to use in messages.
func Read(ctx context.Context, src string, stdin io.Reader) ([]byte, error) {
	switch {
	case src == "-":
		return readCapped(stdin, "stdin")
	case strings.HasPrefix(src, "http://") || strings.HasPrefix(src, "https://"):
		return fetch(ctx, src)
	}
	f, err := os.Open(src)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("%s: no such file (check the path; a URL starts with https://)", src)
		}
		return nil, err
	}
	defer f.Close()
	var hint int64
	if fi, err := f.Stat(); err == nil {
		if fi.IsDir() {
			return nil, fmt.Errorf("%s: a folder, not a program file: give the path of the program file in it", src)
		}
		if fi.Mode().IsRegular() {
			if fi.Size() > MaxSourceSize {
				return nil, &schedule.InputError{File: src, Msg: fmt.Sprintf("larger than %d MiB: not a conference program", MaxSourceSize>>20)}
			}
			hint = fi.Size()
		}
	}
	return readCappedHint(f, src, hint)
}

func readCapped(r io.Reader, name string) ([]byte, error) { return readCappedHint(r, name, 0) }

// readCappedHint reads at most MaxSourceSize bytes; sizeHint (the file's
// size, when known) lets it allocate once.
func readCappedHint(r io.Reader, name string, sizeHint int64) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(int(sizeHint) + 512)
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
	buf.Write(first)
	if n == len(first) && n == 4096 {
		m, err := io.Copy(&buf, io.LimitReader(r, MaxSourceSize-int64(n)+1))
		if err != nil {
			return nil, fmt.Errorf("cannot read %s: %w", name, err)
		}
		if int64(n)+m > MaxSourceSize {
			return nil, &schedule.InputError{File: name, Msg: fmt.Sprintf("larger than %d MiB: not a conference program (or a stream that never ends)", MaxSourceSize>>20)}
		}
	}
	return buf.Bytes(), nil
}

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

func fetch(ctx context.Context, url string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, FetchTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, fmt.Errorf("%s: bad URL: %w", url, err)
	}
	req.Header.Set("User-Agent", "plan (conference schedule planner)")
	req.Header.Set("Accept", "application/json, application/xml, text/xml, text/calendar, text/csv, */*;q=0.5")
	client := &http.Client{Timeout: FetchTimeout}
	resp, err := client.Do(req)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			return nil, fmt.Errorf("%s: no answer within %s", url, FetchTimeout)
		}
		return nil, fmt.Errorf("%s: %w", url, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%s: the server answered %s; check the address", url, resp.Status)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "" {
		mt, _, _ := mime.ParseMediaType(ct)
		if mt == "text/html" {
			data, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
			if bytes.Contains(bytes.ToLower(data), []byte("<html")) {
				return nil, fmt.Errorf("%s: the server sent a web page (text/html), not a program; use the address of the schedule's XML, JSON, ICS or CSV export", url)
			}
			return readCapped(io.MultiReader(bytes.NewReader(data), resp.Body), url)
		}
	}
	data, err := readCapped(resp.Body, url)
	if err != nil && errors.Is(err, context.DeadlineExceeded) {
		return nil, fmt.Errorf("%s: download did not finish within %s", url, FetchTimeout)
	}
	return data, err
}
