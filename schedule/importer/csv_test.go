package importer

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/plan-cli/plan/schedule"
)

func parseCSV(t *testing.T, data string, loc *time.Location) *Feed {
	t.Helper()
	feed, err := Parse([]byte(data), "", Options{Name: "program.csv", Location: loc})
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if feed.Format != "csv" {
		t.Fatalf("detected as %q, want csv", feed.Format)
	}
	return feed
}

func TestCSV(t *testing.T) {
	la, _ := time.LoadLocation("America/Los_Angeles")
	// A spreadsheet export: aliases and odd header spelling, a multi-line
	// quoted abstract, an abstract that looks like HTML (a cell is plain
	// text, kept as written), a blank row, an unscheduled talk, SCALE 22x's DST
	// change between Saturday and Sunday, and trailing empty columns.
	data := "ID,Session Title,Date,Start Time,End,Location,Presenters,Type,Track,Description,Link,,\n" +
		"k1,Opening Keynote,2025-03-07,9:00,10:00,Ballroom DE,Ann Example,Keynote,,,https://example.org/k1,,\n" +
		",\"Kubernetes, explained\",2025-03-08,3:30 PM,4:30 PM,Room 101,\"Smith, Jo; Doe, Ray\",,Cloud,\"<p>Two lines:</p><p>yes</p>\",,,\n" +
		",,,,,,,,,,,,\n" +
		",BoF: Ham radio,2025-03-09,10:00,11:00,Room 104,\"Bo, Cy\",,,\"multi\nline\",,,\n" +
		"x9,Unscheduled talk,,,,,,other,,,,,\n"
	feed := parseCSV(t, data, la)
	if len(feed.Sessions) != 4 {
		t.Fatalf("%d sessions, want 4", len(feed.Sessions))
	}
	k1, kube, bof, un := feed.Sessions[0], feed.Sessions[1], feed.Sessions[2], feed.Sessions[3]
	if k1.ID != "k1" || k1.Title != "Opening Keynote" || k1.Kind != schedule.KindKeynote || k1.Type != "Keynote" ||
		k1.Start.Format(time.RFC3339) != "2025-03-07T09:00:00-08:00" || k1.End.Format(time.RFC3339) != "2025-03-07T10:00:00-08:00" ||
		k1.Room != "Ballroom DE" || !reflect.DeepEqual(k1.Speakers, []string{"Ann Example"}) || k1.URL != "https://example.org/k1" {
		t.Errorf("keynote: %+v", *k1)
	}
	if !strings.HasPrefix(kube.ID, "csv-") || kube.Title != "Kubernetes, explained" || kube.Kind != schedule.KindTalk || kube.Track != "Cloud" ||
		kube.Start.Format(time.RFC3339) != "2025-03-08T15:30:00-08:00" || kube.End.Format(time.RFC3339) != "2025-03-08T16:30:00-08:00" ||
		!reflect.DeepEqual(kube.Speakers, []string{"Smith, Jo", "Doe, Ray"}) || kube.Abstract != "<p>Two lines:</p><p>yes</p>" {
		t.Errorf("kubernetes: %+v", *kube)
	}
	// Sunday is after the DST change: -07:00.
	if bof.Kind != schedule.KindBoF || bof.Start.Format(time.RFC3339) != "2025-03-09T10:00:00-07:00" ||
		!reflect.DeepEqual(bof.Speakers, []string{"Bo", "Cy"}) || bof.Abstract != "multi\nline" {
		t.Errorf("bof: %+v", *bof)
	}
	if un.ID != "x9" || un.Scheduled() || un.Kind != schedule.KindOther {
		t.Errorf("unscheduled: %+v", *un)
	}
	// Derived ids are stable, and follow title and start.
	again := parseCSV(t, data, la)
	if again.Sessions[1].ID != kube.ID {
		t.Errorf("derived id changed between imports: %s, %s", kube.ID, again.Sessions[1].ID)
	}
	moved := parseCSV(t, strings.Replace(data, "3:30 PM,4:30 PM", "3:45 PM,4:30 PM", 1), la)
	if moved.Sessions[1].ID == kube.ID {
		t.Errorf("a moved session without an id keeps its derived id %s", kube.ID)
	}
}

func TestCSVTimes(t *testing.T) {
	la, _ := time.LoadLocation("America/Los_Angeles")
	tests := []struct {
		name, data string
		loc        *time.Location
		start, end string
	}{
		{"RFC 3339 with offsets, no --tz", "title,start,end\nA,2026-03-07T10:00:00-08:00,2026-03-07T11:00:00-08:00\n",
			nil, "2026-03-07T10:00:00-08:00", "2026-03-07T11:00:00-08:00"},
		{"RFC 3339 shown in --tz", "title,start,end\nA,2026-03-07T18:00:00Z,2026-03-07T19:00:00Z\n",
			la, "2026-03-07T10:00:00-08:00", "2026-03-07T11:00:00-08:00"},
		{"local with a space", "title,start,end\nA,2026-03-07 10:00,2026-03-07 11:15\n",
			la, "2026-03-07T10:00:00-08:00", "2026-03-07T11:15:00-08:00"},
		{"local with T and seconds", "title,start,end\nA,2026-03-07T10:00:30,2026-03-07T11:15:00\n",
			la, "2026-03-07T10:00:30-08:00", "2026-03-07T11:15:00-08:00"},
		{"end as a time of day", "title,start,end\nA,2026-03-08 01:30,03:30\n",
			la, "2026-03-08T01:30:00-08:00", "2026-03-08T03:30:00-07:00"},
		{"duration in minutes across DST", "title,start,duration\nA,2026-03-08 01:30,60\n",
			la, "2026-03-08T01:30:00-08:00", "2026-03-08T03:30:00-07:00"},
		{"duration H:MM", "title,date,start,duration\nA,2026-03-07,9:30,1:30\n",
			la, "2026-03-07T09:30:00-08:00", "2026-03-07T11:00:00-08:00"},
		{"duration 45 min", "title;date;start;duration\nA;2026-03-07;12:00 pm;45 min\n",
			la, "2026-03-07T12:00:00-08:00", "2026-03-07T12:45:00-08:00"},
		{"tab-separated", "Title\tDate\tStart\tEnd\tRoom\nA\t2026-03-07\t12:00 AM\t1 AM\tR\n",
			la, "2026-03-07T00:00:00-08:00", "2026-03-07T01:00:00-08:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := parseCSV(t, tt.data, tt.loc).Sessions[0]
			if got := s.Start.Format(time.RFC3339); got != tt.start {
				t.Errorf("start %s, want %s", got, tt.start)
			}
			if got := s.End.Format(time.RFC3339); got != tt.end {
				t.Errorf("end %s, want %s", got, tt.end)
			}
		})
	}
}

func TestCSVBroken(t *testing.T) {
	la, _ := time.LoadLocation("America/Los_Angeles")
	tests := []struct {
		name, data string
		loc        *time.Location
		line       int
		msg        string
	}{
		{"missing title column", "start,end,room\n2026-03-07 10:00,2026-03-07 11:00,R\n", la, 1, "no title column"},
		{"missing start column", "title,end\nA,2026-03-07 11:00\n", la, 1, "no start column"},
		{"missing end column", "title,start\nA,2026-03-07 11:00\n", la, 1, "no end or duration column"},
		{"unknown column", "title,start,end,colour\nA,2026-03-07 10:00,2026-03-07 11:00,red\n", la, 1,
			`column "colour" ignored: plan has no use for it (it reads title, start, end, duration, room, id, date, kind, track, speakers, abstract, url)`},
		{"duplicate column", "title,name,start,end\nA,B,2026-03-07 10:00,2026-03-07 11:00\n", la, 1, `column "name" (a second title column) ignored`},
		{"bad time", "title,start,end\nA,2026-03-07 10:00,2026-03-07 11:00\nB,2026-03-07 25:00,2026-03-07 26:00\n", la, 3, "bad start"},
		{"US date", "title,start,end\nA,03/07/2026 10:00,03/07/2026 11:00\n", la, 2, "bad start"},
		{"bad duration", "title,start,duration\nA,2026-03-07 10:00,soon\n", la, 2, "bad duration"},
		{"time of day without a date", "title,start,end\nA,10:00,11:00\n", la, 2, "no date"},
		{"local time without --tz", "title,start,end\nA,2026-03-07 10:00,2026-03-07 11:00\n", nil, 2, "--tz"},
		{"ends before it starts", "title,start,end\nA,2026-03-07 10:00,09:00\n", la, 2, "before it starts"},
		{"start without end", "title,start,end\nA,2026-03-07 10:00,\n", la, 2, "no end or duration"},
		{"empty title", "title,start,end\n,2026-03-07 10:00,2026-03-07 11:00\n", la, 2, `no title: imported as "(untitled)"`},
		{"duplicate id", "id,title,start,end\n7,A,2026-03-07 10:00,2026-03-07 11:00\n7,B,2026-03-07 10:00,2026-03-07 11:00\n", la, 0, `1 id is used by more than one session`},
		{"same title and start", "title,start,end\nA,2026-03-07 10:00,2026-03-07 11:00\nA,2026-03-07 10:00,2026-03-07 11:00\n", la, 0, "1 session is an exact copy of another"},
		{"line after a multi-line value", "title,abstract,start,end\nA,\"x\ny\nz\",2026-03-07 10:00,2026-03-07 11:00\nB,,2026-03-07 99:00,2026-03-07 11:00\n", la, 5, "bad start"},
		{"bare quote", "title,start,end\nA \"quoted\" b,2026-03-07 10:00,2026-03-07 11:00\n", la, 2, "malformed CSV"},
		{"extra values", "title,start,end\nA,2026-03-07 10:00,2026-03-07 11:00,surplus\n", la, 2, "4 values but the header names 3"},
		{"value under an empty header", "title,start,end,\nA,2026-03-07 10:00,2026-03-07 11:00,surplus\n", la, 1, "column 4 (no header) ignored"},
		{"not UTF-8", "title,start,end\nA,2026-03-07 10:00,2026-03-07 11:00\nCaf\xe9,2026-03-07 10:00,2026-03-07 11:00\n", la, 3, "not UTF-8"},
		{"year 0", "title,start,end\nA,0000-01-01T00:00:00Z,0000-01-01T01:00:00Z\n", la, 2, "year is out of range"},
		{"empty", "", la, 0, "empty file"},
		{"only a header", "title,start,end\n", la, 0, "no sessions"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			feed, err := Parse([]byte(tt.data), "csv", Options{Name: "program.csv", Location: tt.loc})
			err = problem(feed, err)
			var ie *schedule.InputError
			if !errors.As(err, &ie) {
				t.Fatalf("error %v (%T), want *schedule.InputError", err, err)
			}
			if ie.File != "program.csv" || ie.Line != tt.line || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("got %q (line %d), want line %d and %q", err, ie.Line, tt.line, tt.msg)
			}
		})
	}
}

// A spreadsheet that numbers its days (DAY 1, 2, 3) with times of day:
// the error names the DAY column and --first-day; with the first day's
// date every row is placed, and the feed says it used it. Weekday names
// count from the first day too.
func TestCSVNumberedDays(t *testing.T) {
	berlin, _ := time.LoadLocation("Europe/Berlin")
	data := "DAY,START_TIME,END_TIME,TITLE,ROOM\n1,09:00,09:45,Opening,Main\n2,20:30,21:15,Late,Main\n3,14:00,15:00,Closing,Main\n"
	_, err := Parse([]byte(data), "", Options{Name: "days.csv", Location: berlin})
	inputError(t, err, "days.csv", 2, "Opening", `the DAY column numbers the days ("1" on this row) and no column gives their dates: give the date of the first day with --first-day, e.g. --first-day 2026-03-10`)
	if !errors.Is(err, errNoFirstDay) {
		t.Errorf("%v is no errNoFirstDay", err)
	}
	feed, err := Parse([]byte(data), "", Options{Name: "days.csv", Location: berlin, FirstDay: schedule.NewDay(2026, 3, 10)})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range feed.Sessions {
		got = append(got, s.Start.Format(time.RFC3339)+" "+s.End.Format(time.RFC3339))
	}
	want := []string{"2026-03-10T09:00:00+01:00 2026-03-10T09:45:00+01:00", "2026-03-11T20:30:00+01:00 2026-03-11T21:15:00+01:00", "2026-03-12T14:00:00+01:00 2026-03-12T15:00:00+01:00"}
	if !reflect.DeepEqual(got, want) || feed.FirstDay != schedule.NewDay(2026, 3, 10) {
		t.Errorf("got %q (first day %s)\nwant %q", got, feed.FirstDay, want)
	}
	// Weekdays, "Day 2", and a file that dates its days (--first-day unused).
	feed, err = Parse([]byte("Day,Start,End,Title\nThursday,10:00,11:00,A\nDay 2,10:00,11:00,B\nsat,10:00,11:00,C\n"), "", Options{Name: "d.csv", Location: berlin, FirstDay: schedule.NewDay(2026, 3, 12)})
	if err != nil {
		t.Fatal(err)
	}
	got = nil
	for _, s := range feed.Sessions {
		got = append(got, s.Title+" "+s.Start.Format("Mon 2006-01-02"))
	}
	if want := []string{"A Thu 2026-03-12", "B Fri 2026-03-13", "C Sat 2026-03-14"}; !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	feed, err = Parse([]byte("Date,Start,End,Title\n2026-03-07,10:00,11:00,A\n"), "", Options{Name: "d.csv", Location: berlin, FirstDay: schedule.NewDay(2026, 3, 12)})
	if err != nil || !feed.FirstDay.IsZero() || feed.Sessions[0].Start.Format(time.DateOnly) != "2026-03-07" {
		t.Errorf("dated: %v %v", err, feed)
	}
}
