package importer

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/plan-cli/plan/schedule"
)

// csvFormat reads a program kept in a spreadsheet: CSV (or
// semicolon- or tab-separated; the header row decides) with a header row
// that names the columns. Header names are matched without regard to case,
// spaces, "_" or "-"; each column may appear once:
//
//	column    also accepted as                          required
//	title     name, session, session title, talk,       yes
//	          talk title, subject
//	start     start time, starts, begin, from, time     yes
//	end       end time, ends, until, to, finish         end or duration
//	duration  length, minutes, mins                     end or duration
//	room      location, venue, place, stage, hall
//	id        uid, guid, code, session id, talk id
//	date      day
//	kind      type, format, session type
//	track     category, topic, stream
//	speakers  speaker, presenter(s), by, author(s),
//	          host(s), people, persons
//	abstract  description, summary, details
//	url       link, website, web, page
//
// Any other header is an error that lists these columns; a column with an
// empty header is ignored if it is empty in every row (spreadsheets add
// such trailing columns).
//
// Times: start and end are RFC 3339 with an offset
// ("2026-03-07T10:00:00-08:00"), or local times ("2026-03-07 10:00",
// "2026-03-07T10:00:30") placed in the conference's zone, which --tz gives
// (Options.Location; without it local times are an error). When there is
// a date column, start and end may be just times of day: "10:00",
// "9:30:00", "3:30 PM". An end given as a time of day is on the start's
// date. A date column that numbers the days ("1", "Day 2") or names
// their weekdays counts from Options.FirstDay (--first-day), the date
// of day 1; without it such a file is an error naming the column. duration is minutes ("45"), H:MM ("1:30") or "1h30m". A row with
// no start, end, duration and date is kept as an unscheduled session.
//
// Values: speakers are separated by ";" (or by "," when there is no ";");
// kind is a kind name (talk, workshop, bof, keynote, booth, career,
// panel, lightning, performance, social, other) or a word the feeds use
// ("Tutorial", "Birds of a Feather", "DJ Set"); a kind no word of which
// plan knows is other, with a warning; without it the title prefix
// ("BoF: …") or the track decide, else it is a talk. Cells are plain text: an abstract is
// kept as written (only control characters and extra spaces go). An id, when
// given, must be unique; else it is "csv-" and 10 hex digits of the
// SHA-256 of title and start, stable across re-imports as long as those do
// not change. Blank rows are skipped. Errors name the file line (the
// header is line 1).
type csvFormat struct{}

func (csvFormat) Name() string { return "csv" }

// csvColumns maps each column to its accepted header names, normalised.
var csvColumns = []struct {
	name    string
	aliases []string
}{
	{"title", []string{"title", "name", "session", "sessiontitle", "sessionname", "talk", "talktitle", "subject"}},
	{"start", []string{"start", "starttime", "starts", "begin", "begins", "from", "time"}},
	{"end", []string{"end", "endtime", "ends", "until", "to", "finish"}},
	{"duration", []string{"duration", "length", "minutes", "mins", "durationmin", "durationminutes", "durationmins"}},
	{"room", []string{"room", "location", "venue", "place", "stage", "hall"}},
	{"id", []string{"id", "uid", "guid", "code", "sessionid", "talkid"}},
	{"date", []string{"date", "day"}},
	{"kind", []string{"kind", "type", "format", "sessiontype", "sessionformat"}},
	{"track", []string{"track", "category", "topic", "stream"}},
	{"speakers", []string{"speakers", "speaker", "presenter", "presenters", "by", "author", "authors", "host", "hosts", "people", "persons"}},
	{"abstract", []string{"abstract", "description", "summary", "details"}},
	{"url", []string{"url", "link", "website", "web", "page"}},
}

var csvAlias = func() map[string]string {
	m := map[string]string{}
	for _, c := range csvColumns {
		for _, a := range c.aliases {
			m[a] = c.name
		}
	}
	return m
}()

// normHeader lower-cases a header and drops spaces, "_", "-", and
// brackets, so "Start Time", "start_time" and "Duration (min)" match.
func normHeader(h string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '_', '-', '(', ')', '.', '\t':
			return -1
		}
		if r >= 'A' && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}, strings.TrimSpace(h))
}

func csvKnownColumns() string {
	names := make([]string, len(csvColumns))
	for i, c := range csvColumns {
		names[i] = c.name
	}
	return strings.Join(names, ", ")
}

// csvDelimiter picks ',', ';' or tab: whichever the header line holds
// most of, outside quotes.
func csvDelimiter(data []byte) rune {
	line := data
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	counts := map[byte]int{}
	quoted := false
	for _, c := range line {
		switch {
		case c == '"':
			quoted = !quoted
		case !quoted && (c == ',' || c == ';' || c == '\t'):
			counts[c]++
		}
	}
	best := byte(',')
	for _, c := range []byte{';', '\t'} {
		if counts[c] > counts[best] {
			best = c
		}
	}
	return rune(best)
}

// Detect is the last resort: a first line that splits into two or more
// cells, one of them a title column.
func (csvFormat) Detect(data []byte) bool {
	h := head(data, 4096)
	if len(h) == 0 || bytes.IndexByte([]byte("{[<"), h[0]) >= 0 {
		return false
	}
	if i := bytes.IndexByte(h, '\n'); i >= 0 {
		h = h[:i]
	}
	h = bytes.TrimRight(h, "\r")
	if !utf8.Valid(h) {
		return false
	}
	cells := strings.Split(string(h), string(csvDelimiter(h)))
	if len(cells) < 2 {
		return false
	}
	for _, c := range cells {
		if csvAlias[normHeader(strings.Trim(strings.TrimSpace(c), `"`))] == "title" {
			return true
		}
	}
	return false
}

// askZone is how the error about local times and no --tz ends: the city
// the room column names, if any ("Pasadena Convention Center"), gives
// the example. A room is no proof of the zone (rooms are named after
// cities), so it is only the example.
func (l *csvLayout) askZone(opt Options) string {
	if l.ask == "" {
		l.ask = opt.askTZ(zoneInText(csvRooms(l.data, opt.Name)...), "America/Los_Angeles")
	}
	return l.ask
}

// csvRooms are the distinct values of the room column.
func csvRooms(data []byte, name string) []string {
	rows := newCSVRows(data, name)
	header, _, err := rows.read()
	if err != nil {
		return nil
	}
	cols := csvColumnsOf(header)
	seen := map[string]bool{}
	var out []string
	for {
		rec, _, err := rows.read()
		if err != nil {
			return out
		}
		if r := cols.get(rec, "room"); r != "" && !seen[r] && len(seen) < 1000 {
			seen[r] = true
			out = append(out, r)
		}
	}
}

func (csvFormat) Parse(data []byte, opt Options) (*Feed, error) {
	rows := newCSVRows(data, opt.Name)
	header, _, err := rows.read()
	if err == io.EOF {
		return nil, rows.fail(0, "", errors.New("empty file: no header row"))
	}
	if err != nil {
		return nil, err
	}
	cols := csvColumnsOf(header)
	cols.data = data
	if missing := cols.missing(); missing != "" {
		return nil, rows.fail(1, "", fmt.Errorf("no %s column (the header needs title, start and end or duration; known columns: %s)", missing, csvKnownColumns()))
	}

	feed := &Feed{}
	for {
		rec, line, err := rows.read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if blankRow(rec) {
			continue
		}
		if cols.overflows(rec) {
			return nil, rows.fail(line, "", fmt.Errorf("the row has %d values but the header names %d columns", len(rec), cols.width))
		}
		cols.noteUnnamed(rec)
		s := cols.session(rec)
		if err := cols.times(s, rec, opt); err != nil {
			who := s.ID
			if who == "" {
				who = s.Title
			}
			if err := feed.skip(rows.fail(line, who, err)); err != nil {
				return nil, err
			}
			continue
		}
		if s.ID == "" {
			key := s.Title
			if s.Scheduled() {
				key += "|" + s.Start.UTC().Format(time.RFC3339)
			}
			s.ID = hashID("csv-", key)
		}
		feed.add(s, line)
	}
	if w, ok := cols.warning(opt.Name); ok {
		feed.Warnings = append(feed.Warnings, w)
	}
	if cols.numberedDays {
		feed.FirstDay = opt.FirstDay
	}
	return feed.done()
}

// csvRows reads a CSV file's records with the line each starts on, and
// says what is wrong with a malformed one in a person's words.
type csvRows struct {
	name string
	r    *csv.Reader
	cut  *csvCut // what r reads: data without over-long cells
}

func newCSVRows(data []byte, name string) *csvRows {
	comma := csvDelimiter(data)
	cut := newCSVCut(data, comma)
	r := csv.NewReader(cut)
	r.Comma = comma
	r.FieldsPerRecord = -1
	r.TrimLeadingSpace = true
	return &csvRows{name: name, r: r, cut: cut}
}

// fail is the error about the row on line (0: the file) and session.
func (c *csvRows) fail(line int, session string, err error) error {
	return &schedule.InputError{File: c.name, Line: line, Session: session, Err: err}
}

// read returns the next record and its line, or io.EOF.
func (c *csvRows) read() ([]string, int, error) {
	rec, err := c.r.Read()
	if err == io.EOF {
		return nil, 0, err
	}
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			switch {
			case errors.Is(pe.Err, csv.ErrQuote):
				return nil, 0, &schedule.InputError{File: c.name, Line: c.cut.log.lineBefore(pe.StartLine), Msg: `malformed CSV: a quoted field does not end where it should: its closing " is missing (is the file cut short? download it again) or text follows it`}
			case errors.Is(pe.Err, csv.ErrBareQuote):
				return nil, 0, &schedule.InputError{File: c.name, Line: c.cut.log.lineBefore(pe.Line), Msg: `malformed CSV: a " inside a field that does not start with one: put the field in quotes and double each " inside it`}
			}
			return nil, 0, &schedule.InputError{File: c.name, Line: c.cut.log.lineBefore(pe.Line), Msg: "malformed CSV", Err: pe.Err}
		}
		return nil, 0, &schedule.InputError{File: c.name, Line: c.cut.here(), Msg: "malformed CSV", Err: err}
	}
	line, _ := c.r.FieldPos(0)
	return rec, c.cut.log.lineBefore(line), nil
}

func blankRow(rec []string) bool {
	for _, v := range rec {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}

// csvLayout is what a header row says: which cell holds which column.
// Spreadsheets carry columns plan has no use for (voctosched's "File
// URL", "Language"), a weekday beside the date, a second text column:
// the known ones are used, the rest listed in one warning.
type csvLayout struct {
	width     int            // the header's number of cells
	col       map[string]int // column name -> index
	unnamed   []int          // cells with an empty header
	moreText  []int          // further abstract columns ("Description" beside "Abstract")
	ignored   []string       // headers plan has no use for, quoted for the warning
	usedEmpty map[int]bool   // unnamed cells some row fills
	header    []string       // the header row as written
	data      []byte         // the whole file, for askZone
	ask       string         // askZone's answer, once asked
	// numberedDays: a row's date was a day number (DAY 1, 2, 3) or a
	// weekday, read from Options.FirstDay.
	numberedDays bool
}

// csvColumnsOf maps a header row's cells to the columns plan reads.
func csvColumnsOf(header []string) *csvLayout {
	l := &csvLayout{width: len(header), col: map[string]int{}, usedEmpty: map[int]bool{}, header: header}
	for i, h := range header {
		n := normHeader(h)
		if n == "" {
			l.unnamed = append(l.unnamed, i)
			continue
		}
		c, ok := csvAlias[n]
		if !ok {
			l.ignored = append(l.ignored, fmt.Sprintf("%q", clip(oneLine(h), 40)))
			continue
		}
		if j, dup := l.col[c]; dup {
			switch {
			case c == "abstract":
				l.moreText = append(l.moreText, i)
				continue
			case c == "date" && n == "date" && normHeader(header[j]) != "date":
				// "Day" (a weekday or day number) came first: the date wins.
				l.ignored = append(l.ignored, fmt.Sprintf("%q", clip(oneLine(header[j]), 40)))
			default:
				l.ignored = append(l.ignored, fmt.Sprintf("%q (a second %s column)", clip(oneLine(h), 40), c))
				continue
			}
		}
		l.col[c] = i
	}
	return l
}

// missing names the first required column the header lacks, or "".
func (l *csvLayout) missing() string {
	for _, c := range []string{"title", "start"} {
		if _, ok := l.col[c]; !ok {
			return c
		}
	}
	_, hasEnd := l.col["end"]
	_, hasDur := l.col["duration"]
	if !hasEnd && !hasDur {
		return "end or duration"
	}
	return ""
}

// get is the trimmed value of column c in rec ("" when absent).
func (l *csvLayout) get(rec []string, c string) string {
	if i, ok := l.col[c]; ok && i < len(rec) {
		return strings.TrimSpace(rec[i])
	}
	return ""
}

// overflows reports a row with values beyond the header's last cell.
func (l *csvLayout) overflows(rec []string) bool {
	return len(rec) > l.width && !blankRow(rec[l.width:])
}

// noteUnnamed records the unnamed cells rec fills, for the warning.
func (l *csvLayout) noteUnnamed(rec []string) {
	for _, i := range l.unnamed {
		if i < len(rec) && strings.TrimSpace(rec[i]) != "" {
			l.usedEmpty[i] = true
		}
	}
}

// session is a row's session without its times.
func (l *csvLayout) session(rec []string) *schedule.Session {
	s := &schedule.Session{
		ID:       oneLine(l.get(rec, "id")),
		Title:    oneLine(l.get(rec, "title")),
		Room:     oneLine(l.get(rec, "room")),
		Track:    oneLine(l.get(rec, "track")),
		Type:     oneLine(l.get(rec, "kind")),
		Abstract: cleanText(csvText(l.get(rec, "abstract"), rec, l.moreText)),
		URL:      oneLine(l.get(rec, "url")),
	}
	if sp := l.get(rec, "speakers"); sp != "" {
		sep := ","
		if strings.Contains(sp, ";") {
			sep = ";"
		}
		for _, n := range strings.Split(sp, sep) {
			if n = oneLine(n); n != "" {
				s.Speakers = append(s.Speakers, n)
			}
		}
	}
	if k, err := schedule.ParseKind(s.Type); err == nil {
		s.Kind = k
	} else {
		s.Kind = typedKind(s.Title, s.Type, s.Track)
	}
	return s
}

// times sets s's start and end from rec; a row with no start, end,
// duration and date leaves it unscheduled. The error says what is wrong
// with the row's times.
func (l *csvLayout) times(s *schedule.Session, rec []string, opt Options) error {
	loc := opt.Location
	startV, endV, durV, dateV := l.get(rec, "start"), l.get(rec, "end"), l.get(rec, "duration"), l.get(rec, "date")
	if startV == "" && endV == "" && durV == "" && dateV == "" {
		return nil
	}
	if startV == "" {
		return errors.New("no start time")
	}
	dateV, err := l.dayDate(dateV, opt.FirstDay)
	if err != nil {
		return err
	}
	ask := ""
	if loc == nil {
		ask = l.askZone(opt)
	}
	start, err := csvTime(startV, dateV, 0, loc, ask)
	if err != nil {
		return fmt.Errorf("bad start: %w", err)
	}
	var end time.Time
	switch {
	case endV != "":
		// Without a date column, an end time of day is on the start's date.
		if end, err = csvTime(endV, dateV, schedule.DayOf(start), start.Location(), ask); err != nil {
			return fmt.Errorf("bad end: %w", err)
		}
	case durV != "":
		d, err := csvDuration(durV)
		if err != nil {
			return fmt.Errorf("bad duration: %v", err)
		}
		end = start.Add(d)
	default:
		return errors.New("a start but no end or duration")
	}
	if end.Before(start) {
		return fmt.Errorf("it ends (%s) before it starts (%s)", end.Format(time.RFC3339), start.Format(time.RFC3339))
	}
	if end.Year() > 9999 {
		return errors.New("it ends after the year 9999")
	}
	if loc != nil {
		start, end = start.In(loc), end.In(loc)
	}
	s.Start, s.End = start, end
	return nil
}

// warning lists the columns plan ignored, if any.
func (l *csvLayout) warning(name string) (Warning, bool) {
	ignored := l.ignored
	used := make([]int, 0, len(l.usedEmpty))
	for i := range l.usedEmpty {
		used = append(used, i)
	}
	sort.Ints(used)
	for _, i := range used {
		ignored = append(ignored, fmt.Sprintf("column %d (no header)", i+1))
	}
	if len(ignored) == 0 {
		return Warning{}, false
	}
	return Warning{File: name, Line: 1, Msg: fmt.Sprintf("%s ignored: plan has no use for %s (it reads %s)", plural(len(ignored), "column", "columns")+" "+strings.Join(ignored, ", "), plural(len(ignored), "it", "them"), csvKnownColumns())}, true
}

// csvText joins the abstract with the further text columns that differ
// from it.
func csvText(abstract string, rec []string, more []int) string {
	for _, i := range more {
		if i >= len(rec) {
			continue
		}
		if v := strings.TrimSpace(rec[i]); v != "" && v != abstract {
			if abstract != "" {
				abstract += "\n\n"
			}
			abstract += v
		}
	}
	return abstract
}

// csvTime reads an RFC 3339 time, a local date and time, or a time of day
// on the row's date column dateV, else on day (when it is not zero).
// Local times are placed in loc, an error ending in ask when loc is nil.
func csvTime(v, dateV string, day schedule.Day, loc *time.Location, ask string) (time.Time, error) {
	const want = `want e.g. "2026-03-07T10:00:00-08:00", "2026-03-07 10:00", or "10:00" with a date column`
	s := normISO(v)
	if t, err := parseOffsetTime(s); err == nil {
		if t.Year() < 1000 || t.Year() > 9999 {
			return time.Time{}, fmt.Errorf("%q: the year is out of range", clip(v, 40))
		}
		return t, nil
	}
	date, clock := dateV, s
	if len(s) > 10 && s[10] == 'T' {
		date, clock = s[:10], s[11:]
	} else if !strings.Contains(s, ":") && !strings.ContainsAny(strings.ToLower(s), "apm") {
		return time.Time{}, fmt.Errorf("%q is not a time (%s)", clip(v, 40), want)
	}
	if date != "" {
		d, err := schedule.ParseDay(date)
		if y, _, _ := d.Date(); err != nil || y < 1000 {
			return time.Time{}, fmt.Errorf("%q: the date is not YYYY-MM-DD (%s)", clip(date, 40), want)
		}
		day = d
	}
	if day.IsZero() {
		return time.Time{}, fmt.Errorf("%q is a time of day but the row has no date (%s)", clip(v, 40), want)
	}
	h, m, sec, err := parseTimeOfDay(clock)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q: %v (%s)", clip(v, 40), err, want)
	}
	if loc == nil {
		return time.Time{}, noZone(fmt.Sprintf("%q has no UTC offset: %s", clip(v, 40), ask))
	}
	y, mo, d := day.Date()
	return wallTime(y, int(mo), d, h, m, sec, loc), nil
}

// parseTimeOfDay reads "10:00", "9:30:15", "3:30 PM", "3:30pm", "3 PM".
func parseTimeOfDay(s string) (h, m, sec int, err error) {
	bad := fmt.Errorf("%q is not a time of day such as 10:00 or 3:30 PM", clip(s, 40))
	t := strings.ToLower(strings.TrimSpace(s))
	pm, am := strings.HasSuffix(t, "pm"), strings.HasSuffix(t, "am")
	if pm || am {
		t = strings.TrimSpace(t[:len(t)-2])
		if !strings.Contains(t, ":") {
			t += ":00"
		}
	}
	parts := strings.Split(t, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return 0, 0, 0, bad
	}
	var n [3]int
	for i, p := range parts {
		v, ok := digits(p)
		if !ok || len(p) > 2 || i > 0 && len(p) != 2 {
			return 0, 0, 0, bad
		}
		n[i] = v
	}
	h, m, sec = n[0], n[1], n[2]
	if m > 59 || sec > 59 {
		return 0, 0, 0, bad
	}
	if pm || am {
		if h < 1 || h > 12 {
			return 0, 0, 0, bad
		}
		h %= 12
		if pm {
			h += 12
		}
	} else if h > 23 {
		return 0, 0, 0, bad
	}
	return h, m, sec, nil
}

// errNoFirstDay is wrapped by the error about a CSV that numbers its days
// and no --first-day: it fails the import, as no row can be placed.
var errNoFirstDay = errors.New("the days are numbered and no first day is given")

// noFirstDay is that error, in words that name the column.
type noFirstDay string

func (e noFirstDay) Error() string { return string(e) }
func (e noFirstDay) Unwrap() error { return errNoFirstDay }

// dayDate is the date a row's date column stands for: the date written,
// or, in a column that numbers the days ("1", "Day 2") or names their
// weekdays ("Tuesday"), the date counted from first, the date of day 1.
func (l *csvLayout) dayDate(v string, first schedule.Day) (string, error) {
	n, numbered := dayNumber(v)
	wd, weekday := weekdayOf(v)
	if !numbered && !weekday {
		return v, nil
	}
	if first.IsZero() {
		what := "numbers the days"
		if weekday {
			what = "names the days by their weekday"
		}
		return "", noFirstDay(fmt.Sprintf("the %s column %s (%q on this row) and no column gives their dates: give the date of the first day with --first-day, e.g. --first-day 2026-03-10", l.dateHeader(), what, clip(v, 20)))
	}
	l.numberedDays = true
	if numbered {
		return first.AddDays(n - 1).String(), nil
	}
	d := first
	for d.Weekday() != wd {
		d = d.AddDays(1)
	}
	return d.String(), nil
}

// dateHeader is the header of the date column as written ("DAY").
func (l *csvLayout) dateHeader() string {
	if i, ok := l.col["date"]; ok && i < len(l.header) {
		return oneLine(l.header[i])
	}
	return "date"
}

// dayNumber reads a day number: "1", "Day 2", "day3"; 1 to 366.
func dayNumber(v string) (int, bool) {
	t := strings.TrimSpace(strings.ToLower(v))
	t = strings.TrimSpace(strings.TrimPrefix(t, "day"))
	n, ok := digits(t)
	if !ok || len(t) > 3 || n < 1 || n > 366 {
		return 0, false
	}
	return n, true
}

// weekdayOf reads an English weekday, written out or in three letters.
func weekdayOf(v string) (time.Weekday, bool) {
	t := strings.TrimSuffix(strings.TrimSpace(strings.ToLower(v)), ".")
	for d := time.Sunday; d <= time.Saturday; d++ {
		name := strings.ToLower(d.String())
		if t == name || t == name[:3] {
			return d, true
		}
	}
	return 0, false
}
