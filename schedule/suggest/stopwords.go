package suggest

import (
	"strings"
	"sync"
)

// Two lists keep words out of topics. A stop word (English and German
// function words, and the words conference programs use about themselves
// and their sessions: "talk", "learn", "delve") is never part of a topic
// and ends a phrase. A vocabulary word ("data", "security", "software")
// says too little to be a topic alone, but may be part of a phrase
// ("supply chain security", "Software Bill of Materials"). Both are
// built on first use, not at start-up: only suggest needs them.
var (
	stopWords  = sync.OnceValue(func() map[string]bool { return wordSet(englishStopWords, germanStopWords, conferenceWords) })
	vocabWords = sync.OnceValue(func() map[string]bool { return wordSet(genericWords) })
	// germanWords tell a German text, whose nouns are capitalised.
	germanWords = sync.OnceValue(func() map[string]bool { return wordSet(germanStopWords) })
	// stopPhrases are phrases that recur in every program of a kind and
	// name no technology: the conference's prose.
	stopPhrases = sync.OnceValue(func() map[string]bool {
		m := map[string]bool{}
		for _, p := range strings.Split(phraseStopList, ",") {
			if p = strings.TrimSpace(p); p != "" {
				m[p] = true
			}
		}
		return m
	})
)

func wordSet(lists ...string) map[string]bool {
	m := map[string]bool{}
	for _, l := range lists {
		for _, w := range strings.Fields(l) {
			m[w] = true
		}
	}
	return m
}

const englishStopWords = `
a about above across after afterwards again against all almost alone along already also although always am
among amongst an and another any anybody anyhow anyone anything anyway anyways anywhere are aren't around as
aside at away back be became because become becomes becoming been before beforehand behind being below beside
besides best better between beyond both brief but by can can't cannot cant could couldn't did didn't do does
doesn't doing don't done down during each eg e.g either else elsewhere enough especially etc even ever every
everybody everyone everything everywhere ex exactly example except far few fewer first for former formerly
from further furthermore get gets getting given gives go goes going gone got gotten had hadn't has hasn't have
haven't having he he'd he'll he's hence her here here's hereafter hereby herein hers herself him himself his
hither how however i'd i'll i'm i've ie i.e if in inc indeed instead into is isn't it it'd it'll it's its
itself just keep keeps kept know known knows last lately later latter least less lest let let's like liked
likely little ltd made mainly make makes making many may maybe me meanwhile might mine more moreover most
mostly much must mustn't my myself namely near nearly necessary need needs neither never nevertheless next no
nobody non none noone nor not nothing now nowhere of off often oh ok okay on once one ones only onto or other
others otherwise ought our ours ourselves out outside over overall own per perhaps please plus quite rather re
really regarding regardless relatively respectively right said same say says second see seeing seem seemed
seeming seems seen self selves sent several shall shan't she she'd she'll she's should shouldn't since so some
somebody somehow someone something sometime sometimes somewhat somewhere soon still such sure take taken
taking than that that's thats the their theirs them themselves then thence there there's thereafter thereby
therefore therein thereupon these they they'd they'll they're they've thing things think this those though
through throughout thru thus till to together too took toward towards truly try trying twice two un under
unless unlike unlikely until unto up upon us use used uses using usually various very via vs want wants was
wasn't way ways we we'd we'll we're we've well went were weren't what what's whatever when whence whenever
where where's whereafter whereas whereby wherein whereupon wherever whether which while whither who who's
whoever whole whom whose why will with within without won't would wouldn't yes yet you you'd you'll you're
you've your yours yourself yourselves zero three four five six seven eight nine ten
`

const conferenceWords = `
ii iii
driven powered enabled centric friendly aware ready focused oriented led additionally
talk talks talking session sessions introduction introductions intro introducing introduce introduces present
presents presented presenting presentation presentations presenter speaker speakers keynote keynotes workshop
workshops panel panels track tracks devroom devrooms room rooms stage bof bofs lightning attendee attendees
audience participants conference conferences event events day days year years today time times newer latest
how-to overview discuss discussed discussing discussion discussions explore explores exploring dive dives look
looks looking show shows showing showcase share shares sharing learn learned learns lessons lesson demo demos
demonstrate demonstrates demonstration part parts lot lots bit also just can could good great important main
easy different current currently recent recently based many much various variety help helps helping allow
allows allowing enable enables enabling provide provides providing including include includes work works
working worked build builds building built run runs running way people goal goals approach approaches aim aims
cover covers covered covering focus focuses focusing will able want need needs started start starting end ends
going get getting like make making question questions answer answers hands-on walk walkthrough journey story
stories experience experiences case cases status past come comes coming found find finding http https www com
org html pdf managing manage manages managed enhance enhances enhanced enhancing delve delves delving leverage
leverages leveraged unlock unlocks unlocking empower empowers empowering harness harnessing navigate
navigating streamline streamlining foster fostering boost boosting tackle tackling unleash embrace embracing
elevate revolutionize transform transforming transforms unpack unpacking uncover uncovering highlight
highlights highlighting examine examines examining review reviews reviewed walks walking guide guides guided
attend attending join joining learning learnt teach teaches teaching taught takeaway takeaways outline
outlines summary summarize conclude conclusion conclusions participant panelist panelists moderator host
hosted hosting speaker's speak speaks spoke speaking abstract abstracts slides slide recording recordings
video videos stream livestream q&a qa agenda welcome welcomes opening closing remarks organisers organizers
organiser organizer sponsor sponsors sponsored thank thanks hope hoping excited exciting love loves wonderful
amazing awesome cool nice interesting everything anything nothing something someone anyone everyone whether
etc describe describes described describing mention mentions mentioned consider considering considered often
though although however therefore thus hence via per within without across upon since already soon tomorrow
yesterday week weeks month months hour hours minute minutes first second third last next previous final early
late newest
`

// germanStopWords: CCC congresses and many European events mix German
// sessions into the program.
const germanStopWords = `
aber alle allem allen aller alles als also am an ander andere anderem anderen anderer anderes anderm andern
anders auch auf aus bei beim bin bis bist da dabei dadurch dafür dagegen daher damit dann dar darauf darin
darum darüber das dass daß dein deine deinem deinen deiner dem den denn der deren des deshalb dessen die dies
diese diesem diesen dieser dieses doch dort du durch ein eine einem einen einer eines einige einmal er es etwa
etwas euch euer eure für gab gegen gibt hab habe haben hat hatte hätte hier hin hinter ich ihm ihn ihnen ihr
ihre ihrem ihren ihrer im immer in ins ist ja jede jedem jeden jeder jedes jedoch jetzt kann kannst kein keine
keinem keinen keiner können könnte machen man manche manchem manchen mancher mehr mein meine mit muss musste
müssen nach nicht nichts noch nun nur ob oder ohne schon sehr sein seine seinem seinen seiner seit sich sie
sind so solche soll sollen sollte sondern sowie statt um und uns unser unsere unter viel viele vom von vor
wann war waren warum was weil weiter welche welchem welchen welcher wenn wer werde werden wie wieder will wir
wird wirst wo wollen wurde wurden zu zum zur zwar zwischen über vortrag vorträge einführung heute jahr jahre
jahren innen geht gehen selbst einfach welches gemeinsam lernen dir dich gerne besucht zeit fragen zeigen ab
mal tag geben bitte ganz kommen dazu eigentlich bringen eigenen macht uhr neue neuen tickets ticket verfügbar
geklickt de la le les en el del et
`

// genericWords say little about what a session is on: the vocabulary
// every abstract uses.
const genericWords = `
IT
api apis cpu cpus gpu gpus os oses ui ux gui cli ci cd pr prs id ids url urls http https json xml yaml csv html
pdf ram ssd usb io pc faq sdk sdks ide vm vms app apps
english german french spanish dutch italian european europe american america americans australian australia
asia asian africa african international
foundation foundations university universities institute company inc corporation labs lab summit summits
conference meetup meetups expo forum
support supports supported supporting tool tools system systems code development develop developed developing
developer developers challenge challenges ecosystem ecosystems user users modern practical feature features
platform platforms implementation implementations implement implemented implementing integration integrate
integrated process processes existing multiple technical fully framework frameworks available complex create
creates created creating designed design components component large small common useful give understanding
understand problem problems result results method methods task tasks improve improved improving interact
standard standards basic hard actually resource resources information environment environments write writing
written solution solutions solve solving level levels set full high low fast faster easier possible
application applications core stack model models access management technology technologies tech service
services specific general value values data-driven efficient effective effectively scale scalable scaling
best-practices practices practice insights insight benefits benefit powerful robust seamless seamlessly
critical unique growing wide widely number numbers type types term terms idea ideas group groups team teams
organization organisations organizations organisation company companies industry level-up end-to-end
real-world state-of-the-art open-source opensource foss libre fosdem changes issues examples capabilities
single traditional directly custom needed improvements major requires required address add adding called hear
interested detail details explain identify potential ensuring leveraging accessible aimed discover following
interest fun bring finally offers offer simple software community open state real new communities deep free
key project source projects world future data performance hardware infrastructure architecture digital network
networks networking web internet online security secure privacy safety safe efficiency reliability reliable
quality stability stable speed usage life lifecycle cycle care program programs programming program's language
languages library libraries package packages packaging file files format formats protocol protocols interface
interfaces api-based server servers client clients machine machines device devices computer computers
computing compute memory storage database databases network-based cloud-based web-based test tests testing
tested debug debugging deploy deployment deployments deploying release releases version versions update
updates upgrade upgrades configuration config install installation operation operations operating operator
operators maintain maintainer maintainers maintaining maintenance contribute contributors contributor
contributions contribution contributing research researchers study studies analysis analyze analyse analysing
analyzing evaluate evaluation public private personal government governments policy policies law laws legal
rights human humans person society social global local national international business businesses enterprise
enterprises market markets product products customer customers cost costs money price economic economy funding
fund funded control controls change changed changing grow growth size scales old history historical real-time
stuff piece pieces kind kinds sort amount bad worse worst big huge tiny long short means mean meaning
opportunity opportunities risk risks threat threats attack attacks vulnerability vulnerabilities openness
freedom sources knowledge skills skill training education educational first-hand step steps workflow workflows
pipeline pipelines simpler complexity complicated harder flexible automation automated automate automatic
automatically manual integrations interoperability compatibility compatible output input inputs outputs signal
signals event-driven driven count counts metric metrics measure measuring measurement measurements built-in
native first-class well-known long-term short-term high-level low-level range area areas field fields domain
domains space spaces place places vision mission strategy strategies plan plans planning roadmap today's
tomorrow's world's everyday daily
`

// phraseStopList: phrases of conference prose, written as their words'
// keys (lower case, joined by one space).
const phraseStopList = `
open source, free software, open source software, free and open source, source code, open source project,
open source projects, open source community, real world, best practices, best practice, use case, use cases,
lessons learned, command line, long term, next generation, state of the art, proof of concept, point of view,
wide range, high level, low level, step by step, end users, end user, key takeaways, deep dive, hands on,
first time, last year, this year, next year, years ago, case study, case studies, q a, question answer,
open source software projects, free open source, free open source software
`

// hostSuffixes end the host names Suggest leaves out.
var hostSuffixes = map[string]bool{"com": true, "org": true, "eu": true, "de": true, "be": true, "fr": true, "nl": true, "ch": true, "uk": true, "dev": true, "info": true, "gov": true, "edu": true, "io": true, "net": true}
