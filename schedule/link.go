package schedule

import (
	"net/url"
	"path"
	"strings"
)

// Link is a web address the program gives for a session beside its own
// page (Session.URL): a recording, the slides, the feedback form, a chat
// room, a project's site. Title is the feed's words for it ("Video
// recording (mp4)"), "" when it gives none.
type Link struct {
	URL   string   `json:"url"`
	Title string   `json:"title,omitempty"`
	Kind  LinkKind `json:"kind,omitempty"`
}

// LinkKind says what a link is for; "" reads as LinkOther.
type LinkKind string

const (
	// LinkVideo is a recording of the session (or a video the program
	// gives for it): what a person who missed it watches.
	LinkVideo    LinkKind = "video"
	LinkSlides   LinkKind = "slides"
	LinkFeedback LinkKind = "feedback"
	LinkChat     LinkKind = "chat"
	LinkOther    LinkKind = "other"
)

// linkKinds are the kinds in the order a session shows its links.
var linkKinds = []LinkKind{LinkVideo, LinkSlides, LinkOther, LinkChat, LinkFeedback}

// Rank is the place of links of kind k among a session's links when
// they are shown: recordings first, the feedback form last.
func (k LinkKind) Rank() int {
	for i, kk := range linkKinds {
		if kk == k {
			return i
		}
	}
	return LinkOther.Rank()
}

// Label is the kind's name where a link is shown: "video", "slides",
// "feedback", "chat", or "link" for any other.
func (k LinkKind) Label() string {
	switch k {
	case LinkVideo, LinkSlides, LinkFeedback, LinkChat:
		return string(k)
	}
	return "link"
}

// MaxLinks bounds the links kept per session: no real program comes
// near it (FOSDEM's busiest talk has 12), and a hostile feed's million
// links must not become a million lines of every listing.
const MaxLinks = 64

// AddLink adds l to the session's links, unless the session has it
// already (the same address, ignoring the scheme, case and a final
// slash), or it is the session's own page. A link given twice keeps the
// first title and the surer kind: FOSDEM gives the feedback form both
// as <feedback_url> and as a "Submit Feedback" <link>. It reports
// whether the session has room for it (see MaxLinks).
func (s *Session) AddLink(l Link) bool {
	if l.URL == "" {
		return true
	}
	if l.Kind == "" {
		l.Kind = LinkOther
	}
	key := normURL(l.URL)
	if key == normURL(s.URL) {
		return true
	}
	for i := range s.Links {
		have := &s.Links[i]
		if normURL(have.URL) != key {
			continue
		}
		if have.Title == "" {
			have.Title = l.Title
		}
		if have.Kind == LinkOther || have.Kind == "" {
			have.Kind = l.Kind
		}
		return true
	}
	if len(s.Links) >= MaxLinks {
		return false
	}
	s.Links = append(s.Links, l)
	return true
}

// Recordings are the session's video links, in the program's order.
func (s *Session) Recordings() []Link {
	var out []Link
	for _, l := range s.Links {
		if l.Kind == LinkVideo {
			out = append(out, l)
		}
	}
	return out
}

// Recording is the address of the session's first video link, "" when
// it has none.
func (s *Session) Recording() string {
	for _, l := range s.Links {
		if l.Kind == LinkVideo {
			return l.URL
		}
	}
	return ""
}

// LinkKindOf says what a link is for, from what the feed says of it: the
// type it declares (a frab <attachment type="slides">, a schedule 2.0
// reference's "type"), then a title that asks for feedback ("Submit
// feedback"), then its
// address (a video or chat host, a feedback path, a video or slides
// file), then the other words of its title ("Video recording", "Slides",
// "Chat room"); else LinkOther. rawURL and declared may be "".
func LinkKindOf(title, rawURL, declared string) LinkKind {
	if k := declaredKind(declared); k != "" {
		return k
	}
	t := strings.ToLower(title)
	if feedbackTitle(t) {
		return LinkFeedback
	}
	if k := addressKind(rawURL); k != "" {
		return k
	}
	if k := titleKind(t); k != "" {
		return k
	}
	return LinkOther
}

// feedbackTitle reports whether a link's title (lower case) asks for
// feedback on the session ("Submit feedback"), rather than naming a
// project's feedback site.
func feedbackTitle(t string) bool {
	for _, w := range []string{"submit feedback", "give feedback", "leave feedback", "feedback form", "rate this talk", "rate this session"} {
		if strings.Contains(t, w) {
			return true
		}
	}
	return false
}

// declaredKind maps a feed's own type of a link to a kind ("" when it
// names none of them). C3VOC's schema types are slides, paper, web,
// blog, article, media, related and activitypub.
func declaredKind(declared string) LinkKind {
	switch strings.ToLower(strings.TrimSpace(declared)) {
	case "slides", "slide", "presentation":
		return LinkSlides
	case "video", "media", "recording":
		return LinkVideo
	case "feedback":
		return LinkFeedback
	case "chat":
		return LinkChat
	}
	return ""
}

// videoHosts publish recordings of talks (a host or any subdomain of it).
var videoHosts = []string{
	"video.fosdem.org", "media.ccc.de", "relive.c3voc.de", "youtube.com", "youtu.be",
	"youtube-nocookie.com", "vimeo.com", "peertube.org", "archive.org/details",
}

// chatHosts are chat rooms and the links that open one.
var chatHosts = []string{"chat.fosdem.org", "matrix.to", "element.io", "discord.gg", "discord.com", "libera.chat", "t.me"}

// slideHosts publish slide decks.
var slideHosts = []string{"slideshare.net", "speakerdeck.com", "slides.com"}

// addressKind is what a link's address says it is, "" when it says
// nothing.
func addressKind(rawURL string) LinkKind {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil || u.Host == "" {
		return ""
	}
	host := strings.ToLower(u.Hostname())
	p := strings.ToLower(u.Path)
	switch {
	case onHost(host, p, videoHosts) || strings.Contains(host, "peertube") || strings.HasPrefix(p, "/videos/watch/"):
		return LinkVideo
	case strings.Contains(p, "/feedback"):
		return LinkFeedback
	case onHost(host, p, chatHosts) || strings.HasPrefix(host, "chat."):
		return LinkChat
	case onHost(host, p, slideHosts):
		return LinkSlides
	}
	switch path.Ext(p) {
	case ".mp4", ".webm", ".mkv", ".ogv", ".mov", ".m4v", ".avi":
		return LinkVideo
	case ".odp", ".ppt", ".pptx", ".key":
		return LinkSlides
	}
	return ""
}

// onHost reports whether host (or host and path, for an entry with a
// path such as "archive.org/details") is one of hosts or under one.
func onHost(host, p string, hosts []string) bool {
	for _, h := range hosts {
		name, prefix, withPath := strings.Cut(h, "/")
		if host != name && !strings.HasSuffix(host, "."+name) {
			continue
		}
		if !withPath || strings.HasPrefix(p, "/"+prefix) {
			return true
		}
	}
	return false
}

// titleKind is what a link's title (lower case) says it is, "" when it
// says nothing.
func titleKind(t string) LinkKind {
	has := func(words ...string) bool {
		for _, w := range words {
			if strings.Contains(t, w) {
				return true
			}
		}
		return false
	}
	switch {
	case has("video", "recording", "aufzeichnung", "youtube"):
		return LinkVideo
	case has("slides", "slide deck", "folien", "presentation", "präsentation"):
		return LinkSlides
	case has("chat", "matrix room"):
		return LinkChat
	}
	return ""
}

// TitleSaysKind reports whether a link's title says no more than its
// kind ("Video recording (mp4)" of a video, "Submit feedback" of the
// feedback form), so that showing the kind is enough.
func (l Link) TitleSaysKind() bool {
	if l.Title == "" {
		return true
	}
	if l.Kind == LinkOther || l.Kind == "" {
		return false
	}
	t := strings.ToLower(l.Title)
	return (l.Kind == LinkFeedback && strings.Contains(t, "feedback")) || titleKind(t) == l.Kind
}
