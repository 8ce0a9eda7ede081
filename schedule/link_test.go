package schedule

import (
	"fmt"
	"reflect"
	"testing"
)

// What a link is for, from the words and addresses real programs use.
func TestLinkKindOf(t *testing.T) {
	cases := []struct {
		title, url, declared string
		want                 LinkKind
	}{
		// FOSDEM 2019 and 2026
		{"Video recording (WebM/VP9)", "https://video.fosdem.org/2019/Janson/keynotes_welcome.webm", "", LinkVideo},
		{"Video recording (mp4)", "https://video.fosdem.org/2019/Janson/keynotes_welcome.mp4", "", LinkVideo},
		{"Submit feedback", "https://submission.fosdem.org/feedback/8967.php", "", LinkFeedback},
		{"Submit Feedback", "https://pretalx.fosdem.org/fosdem-2026/talk/SFKNTZ/feedback/", "", LinkFeedback},
		{"", "https://pretalx.fosdem.org/fosdem-2026/talk/SFKNTZ/feedback/", "feedback", LinkFeedback},
		{"Chat room(web)", "https://chat.fosdem.org/#/room/#2026-main:fosdem.org", "", LinkChat},
		{"Chat room(app)", "https://matrix.to/#/#2026-main:fosdem.org?web-instance[element.io]=chat.fosdem.org", "", LinkChat},
		{"Github repository", "https://github.com/x/y", "", LinkOther},
		// 0 A.D.'s feedback service (FOSDEM 2019, 8781) is a project's site
		{"Feedback site", "https://feedback.wildfiregames.com/", "", LinkOther},
		// a FOSDEM attachment declares its type: a demo video among the slides
		{"TDX demo video", "https://fosdem.org/2026/events/attachments/WNSULX/slides/246352/tdx-guest_rve73f1.mp4", "slides", LinkSlides},
		// Camp 2019 attachments, titled by the speakers
		{"Slides", "https://fahrplan.events.ccc.de/camp/2019/Fahrplan/system/event_attachments/x.pdf", "", LinkSlides},
		{"XR_CCCamp19_AufstandOderAussterben_Presentation", "https://fahrplan.events.ccc.de/x.pdf", "", LinkSlides},
		{"XR_CCCamp19_AufstandOderAussterben_Text", "https://fahrplan.events.ccc.de/x.pdf", "", LinkOther},
		{"Robotron - a tech opera SEASON 01", "https://www.youtube.com/watch?v=SAVEQbWXwzs", "", LinkVideo},
		{"", "https://media.ccc.de/v/38c3-opening", "", LinkVideo},
		{"", "https://youtu.be/abc", "", LinkVideo},
		{"", "https://vimeo.com/123", "", LinkVideo},
		{"", "https://tube.example.org/videos/watch/5e1b", "", LinkVideo},
		{"", "https://peertube.example.org/w/5e1b", "", LinkVideo},
		{"", "https://archive.org/details/talk", "", LinkVideo},
		{"", "https://archive.org/about", "", LinkOther},
		{"", "https://www.slideshare.net/x/y", "", LinkSlides},
		{"", "https://example.org/deck.odp", "", LinkSlides},
		{"", "https://example.org/paper.pdf", "", LinkOther},
		// C3VOC's schema types
		{"", "https://example.org/a", "media", LinkVideo},
		{"", "https://example.org/a", "paper", LinkOther},
		{"Folien", "https://example.org/a", "web", LinkSlides},
		{"Aufzeichnung", "https://example.org/a", "", LinkVideo},
		// not youtube.com.evil.example
		{"", "https://youtube.com.evil.example/x", "", LinkOther},
		{"", "", "", LinkOther},
	}
	for _, c := range cases {
		if got := LinkKindOf(c.title, c.url, c.declared); got != c.want {
			t.Errorf("LinkKindOf(%q, %q, %q) = %q, want %q", c.title, c.url, c.declared, got, c.want)
		}
	}
}

// A link given twice is kept once, with the first title and the surer
// kind; the session's own page is not a link of it.
func TestAddLink(t *testing.T) {
	s := Session{URL: "https://fosdem.org/2026/schedule/event/x/"}
	s.AddLink(Link{URL: "https://pretalx.fosdem.org/t/feedback/", Title: "Submit Feedback", Kind: LinkFeedback})
	s.AddLink(Link{URL: "https://pretalx.fosdem.org/t/feedback", Kind: LinkFeedback})
	s.AddLink(Link{URL: "http://fosdem.org/2026/schedule/event/x", Title: "Event page"})
	s.AddLink(Link{URL: "https://example.org/v.mp4"})
	s.AddLink(Link{URL: "https://example.org/v.mp4", Title: "Recording", Kind: LinkVideo})
	want := []Link{
		{URL: "https://pretalx.fosdem.org/t/feedback/", Title: "Submit Feedback", Kind: LinkFeedback},
		{URL: "https://example.org/v.mp4", Title: "Recording", Kind: LinkVideo},
	}
	if !reflect.DeepEqual(s.Links, want) {
		t.Errorf("links %+v, want %+v", s.Links, want)
	}
	if s.Recording() != "https://example.org/v.mp4" || len(s.Recordings()) != 1 {
		t.Errorf("recording %q, recordings %v", s.Recording(), s.Recordings())
	}
	// Two links are there: MaxLinks-2 more fit, the rest do not.
	for i := range MaxLinks + 3 {
		ok := s.AddLink(Link{URL: fmt.Sprintf("https://example.org/%d", i)})
		if want := i < MaxLinks-2; ok != want {
			t.Fatalf("link %d of %d: added %v, want %v", i, MaxLinks+3, ok, want)
		}
	}
	if len(s.Links) != MaxLinks {
		t.Errorf("%d links, want at most %d", len(s.Links), MaxLinks)
	}
}

// Whether showing a link's kind says all its title says.
func TestTitleSaysKind(t *testing.T) {
	cases := []struct {
		l    Link
		want bool
	}{
		{Link{Title: "Video recording (mp4)", Kind: LinkVideo}, true},
		{Link{Title: "Submit Feedback", Kind: LinkFeedback}, true},
		{Link{Title: "Chat room(app)", Kind: LinkChat}, true},
		{Link{Kind: LinkVideo}, true},
		{Link{Title: "Github repository", Kind: LinkOther}, false},
		{Link{Title: "TDX demo video", Kind: LinkSlides}, false},
		{Link{Title: "Robotron - a tech opera SEASON 01", Kind: LinkVideo}, false},
	}
	for _, c := range cases {
		if got := c.l.TitleSaysKind(); got != c.want {
			t.Errorf("%+v: %v, want %v", c.l, got, c.want)
		}
	}
}
