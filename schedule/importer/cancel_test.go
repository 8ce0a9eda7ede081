package importer

import (
	"strings"
	"testing"

	"github.com/plan-cli/plan/schedule"
)

// Issue 23: every form of cancellation mark real programs put in a title
// (FOSDEM 2009–2025, CCC, German, French, Spanish, Italian and Dutch
// programs), and titles that only contain such a word.
func TestCancelledTitleForms(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		in, title string
		cancelled bool
	}{
		// FOSDEM's marks, as published.
		{"CANCELLED Open and federated identities with ID4me", "Open and federated identities with ID4me", true},
		{"CANCELED Restoring a 30+ years old Minitel server on Apple II", "Restoring a 30+ years old Minitel server on Apple II", true},
		{"CANCELLED GRUB - Project Status Update", "GRUB - Project Status Update", true},
		{"CANCELLED: Cockpit: Discoverable Linux Servers", "Cockpit: Discoverable Linux Servers", true},
		{"CANCELLED - Community based translations of games", "Community based translations of games", true},
		{"CANCELLED - DRI3000 and Compositing CANCELLED", "DRI3000 and Compositing", true},
		{"CANCELLED! Surface Mount Soldering for Beginners", "Surface Mount Soldering for Beginners", true},
		{"CANCELLATION Strategy for developer outreach", "Strategy for developer outreach", true},
		// Brackets and stars, any case, anywhere.
		{"[cancelled] Rust in the kernel", "Rust in the kernel", true},
		{"Rust in the kernel (canceled)", "Rust in the kernel", true},
		{"Rust in the kernel [CANCELLED!]", "Rust in the kernel", true},
		{"**CANCELLED** Rust in the kernel", "Rust in the kernel", true},
		{"Rust in the kernel - Cancelled", "Rust in the kernel", true},
		{"Rust in the kernel | cancelled", "Rust in the kernel", true},
		// Other languages.
		{"FÄLLT AUS", "FÄLLT AUS", true},
		{"ABGESAGT", "ABGESAGT", true},
		{"Entfällt", "Entfällt", true},
		{"ANNULÉ", "ANNULÉ", true},
		{"CANCELADO", "CANCELADO", true},
		{"ANNULLATO", "ANNULLATO", true},
		{"GEANNULEERD", "GEANNULEERD", true},
		{"(Cancelled)", "(Cancelled)", true},
		{"FÄLLT AUS: Einführung in Rust", "Einführung in Rust", true},
		{"FÄLLT AUS Einführung in Rust", "Einführung in Rust", true},
		{"Einführung in Rust FÄLLT AUS", "Einführung in Rust", true},
		{"Einführung in Rust (abgesagt)", "Einführung in Rust", true},
		{"Abgesagt: Einführung in Rust", "Einführung in Rust", true},
		{"Einführung in Rust – entfällt", "Einführung in Rust", true},
		{"[ENTFÄLLT] Einführung in Rust", "Einführung in Rust", true},
		{"Annulé : Introduction à Rust", "Introduction à Rust", true},
		{"Introduction à Rust (annulée)", "Introduction à Rust", true},
		{"CANCELADO - Introducción a Rust", "Introducción a Rust", true},
		{"Introduzione a Rust (annullato)", "Introduzione a Rust", true},
		{"Inleiding Rust [geannuleerd]", "Inleiding Rust", true},
		// Words of a title: no mark.
		{"Cancelled Flights and Other Stories", "Cancelled Flights and Other Stories", false},
		{"Cancellation Strategies for Async Rust", "Cancellation Strategies for Async Rust", false},
		{"CANCELLATION TOKENS IN .NET", "CANCELLATION TOKENS IN .NET", false},
		{"Cancelling POSIX syscalls in Managarm - an asynchronous microkernel-based OS", "Cancelling POSIX syscalls in Managarm - an asynchronous microkernel-based OS", false},
		{"Why we cancelled our cloud (and saved money)", "Why we cancelled our cloud (and saved money)", false},
		{"Informal discussion (original talk cancelled)", "Informal discussion (original talk cancelled)", false},
		{"Replacement for the cancelled talk: Go tips", "Replacement for the cancelled talk: Go tips", false},
		{"Ausgefallene Ideen für den Bastelkeller", "Ausgefallene Ideen für den Bastelkeller", false},
		{"Was entfällt, wenn wir Cookies abschaffen?", "Was entfällt, wenn wir Cookies abschaffen?", false},
		{"Annual report of the FSFE", "Annual report of the FSFE", false},
	} {
		title, cancelled := cancelledTitle(c.in)
		if title != c.title || cancelled != c.cancelled {
			t.Errorf("cancelledTitle(%q) = %q, %v; want %q, %v", c.in, title, cancelled, c.title, c.cancelled)
		}
	}
}

// Abstracts and descriptions that say their session is cancelled, in the
// words real programs use, and the ones about another, cancelled talk
// (the replacement stays on), a condition or a move.
func TestCancelledText(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		text string
		want bool
	}{
		// FOSDEM 2013–2023, as published.
		{"THIS TALK HAS BEEN CANCELLED DUE TO ILLNESS.\n\nThe battle for Wesnoth is an open source game.", true},
		{"Please note that this talk has been cancelled.\n\nCockpit is a discoverable admin interface.", true},
		{"Please note that this talk was cancelled. The aim of this session is to discuss CSI.", true},
		{"Please note that this talk has been cancelled as the speaker is no longer able to attend FOSDEM.", true},
		{"PLEASE NOTE THAT THIS TALK HAS BEEN CANCELLED.\n\nOnline identities are the cornerstone", true},
		{"* We're sorry that this talk has been cancelled. *\n\nI look at how to create a developer outreach strategy", true},
		{"CANCELLED The remote presentation didn't happen.", true},
		{"Due to a cancelled flight, Keith is not able to make it to FOSDEM this year. This talk will therefor not be taking place.", true},
		// Other wordings.
		{"Unfortunately this event is cancelled.", true},
		{"Unfortunately, the talk has been cancelled. We hope to see the speaker next year.", true},
		{"Cancelled.", true},
		{"[Cancelled] The speaker could not travel.", true},
		{"Dieser Vortrag fällt leider aus.", true},
		{"Fällt leider aus.", true},
		{"Der Workshop wurde abgesagt.", true},
		{"Leider wurde dieser Vortrag kurzfristig abgesagt. Wir bitten um Entschuldigung.", true},
		{"Leider muss der Vortrag krankheitsbedingt ausfallen.", true},
		{"Cette conférence est malheureusement annulée.", true},
		{"Esta charla ha sido cancelada.", true},
		{"Questo intervento è stato annullato.", true},
		{"Deze lezing is helaas geannuleerd.", true},
		// Another talk was cancelled: this one is on.
		{"The talk on Multimedia indexing with Pimpy has been cancelled.", false},
		{"kris nóva fills in for a cancelled talk", false},
		{"panel discussion or live demo tbd. A talk was cancelled so we have a free slot.", false},
		{"This talk is replacing Rabimba Karanjai talk that we have to cancel for unforeseen travel issues.", false},
		{"The originally planned presentation on KubeInvaders got cancelled. So we had three ad-hoc lightning talks instead:", false},
		{"Random microkernel-related lightning talks to replace the canceled talk 'Rux: Development of a Hobbyist Rust Microkernel'", false},
		{"Jumping in for a cancellation, Carl showed us his dev env of Grafana 6.0", false},
		{"AMENDMENT: Replacement for \"The Easiest Way to Deploy OpenShift\", which had to be cancelled due to speaker travel issues.", false},
		{"This talk will start 10 minutes later than originally scheduled, and was extended by 15 minutes after the talk \"Load Testing Matrix Homeservers\" was cancelled.", false},
		{"This talk is a replacement for the cancelled talk by Manasi Navare.", false},
		{"Intro.\n\nThe talk has been cancelled and replaced by this one.", false},
		{"Ersatz für den Vortrag von Anna, der leider ausfällt.", false},
		{"Der Vortrag von Anna fällt leider aus, stattdessen zeigen wir einen Film.", false},
		// Conditions, moves, and words of the subject.
		{"(Family circumstances might force the speaker to cancel at the last moment. The time slot would then be used for \"Show us your projects\" instead.)", false},
		{"If this talk is cancelled, the devroom hosts a hacking session.", false},
		{"This talk has been cancelled and moved to Sunday 10:00.", false},
		{"One especially tricky part is the cancellation of POSIX syscalls when they are interrupted by signals.", false},
		{"Active noise cancellation, warning sounds, diagnostics.", false},
		{"Termination clauses permit licensors to cancel rights of specific licensees.", false},
		{"When Commodore bought the Amiga, the Commodore 900 project was canceled.", false},
		{"Cancelled flights are a pain: this talk shows how we rebook them.", false},
		{"Wir bauen eine Uhr. Ausgefallene Objekte sind willkommen.", false},
		{"", false},
	} {
		if got := cancelledText(c.text); got != c.want {
			t.Errorf("cancelledText(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}

// In every format the importer marks the session and cleans its title;
// a replacement slot stays on.
func TestCancelledInFeeds(t *testing.T) {
	t.Parallel()
	data := pentabarfEvents(
		[2]string{"CANCELLED - DRI3000 and Compositing CANCELLED", "devroom"},
		[2]string{"FÄLLT AUS", "Vortrag"},
		[2]string{"Mozilla Open Source Support (MOSS)", "devroom"},
		[2]string{"Informal discussion (original talk cancelled)", "devroom"},
		[2]string{"Löten für alle", "Präsenzworkshop"},
	)
	data = []byte(strings.Replace(string(data), "<title>Mozilla Open Source Support (MOSS)</title>",
		"<title>Mozilla Open Source Support (MOSS)</title><abstract>&lt;p&gt;Please note that this talk has been cancelled as Gervase Markham is no longer able to attend due to sickness.&lt;/p&gt;</abstract>", 1))
	data = []byte(strings.Replace(string(data), "<title>Löten für alle</title>", "<title>Löten für alle</title><subtitle>ABGESAGT</subtitle>", 1))
	feed, err := Parse(data, "", Options{Name: "cancel.xml"})
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		title     string
		cancelled bool
	}{
		{"DRI3000 and Compositing", true},
		{"FÄLLT AUS", true},
		{"Mozilla Open Source Support (MOSS)", true},
		{"Informal discussion (original talk cancelled)", false},
		{"Löten für alle", true},
	}
	for i, s := range feed.Sessions {
		if s.Title != want[i].title || s.Cancelled != want[i].cancelled {
			t.Errorf("session %s: %q cancelled=%v, want %q cancelled=%v", s.ID, s.Title, s.Cancelled, want[i].title, want[i].cancelled)
		}
		if s.Subtitle != "" {
			t.Errorf("session %s: subtitle %q, want the mark gone", s.ID, s.Subtitle)
		}
	}
}

// BenchmarkMarkCancelled looks for cancellations in every title, subtitle
// and abstract of FOSDEM 2026 (883 sessions), as each import does.
func BenchmarkMarkCancelled(b *testing.B) {
	feed, err := Parse(program(b, "fosdem-2026-pentabarf.xml"), "pentabarf", Options{Name: "fosdem.xml"})
	if err != nil {
		b.Fatal(err)
	}
	sessions := make([]schedule.Session, len(feed.Sessions))
	for i, s := range feed.Sessions {
		sessions[i] = *s
	}
	b.ReportAllocs()
	for b.Loop() {
		for i := range sessions {
			s := sessions[i]
			markCancelled(&s)
		}
	}
}
