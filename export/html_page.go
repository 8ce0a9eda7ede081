package export

// The page's template and style sheet. Everything the template prints
// goes through html/template's escaping; the only HTML it takes as is
// are the charts, which export/charts builds with every text escaped.

const pageSource = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="plan">
<title>{{.Title}}</title>
<link rel="icon" href="data:,">
<style>
{{.CSS}}
</style>
</head>
<body>
<header>
{{- if .Dates}}
<p class="dates">{{.Dates}}</p>
{{- end}}
<h1>{{.Title}}</h1>
{{- if .Phase}}
<p class="phase">{{.Phase}}</p>
{{- end}}
{{- if .Agenda}}
<p class="phase">{{.Clashes}}</p>
{{- end}}
</header>
<main>
{{- if not .Agenda}}
<section id="numbers" aria-label="By the numbers">
{{- if .Figures}}
<ol class="figures">
{{- range .Figures}}
<li><b>{{.N}}</b> <span>{{.What}}</span></li>
{{- end}}
</ol>
{{- else}}
<p>Nothing recorded yet.</p>
{{- end}}
{{- if .Summary}}
<dl class="summary">
{{- range .Summary}}
<div><dt>{{.Label}}</dt> <dd>{{.Text}}</dd></div>
{{- end}}
</dl>
{{- end}}
{{- if .Pending}}
<div class="pending">
<p>{{code .Pending}}:</p>
<ul>
{{- range .Pendings}}
<li>{{.Title}} <code>{{.ID}}</code></li>
{{- end}}
</ul>
</div>
{{- end}}
</section>
{{- if .Charts}}
<section id="charts">
<h2>The days in pictures</h2>
{{- range .Charts}}
<figure>
<figcaption>{{.Title}}</figcaption>
{{.SVG}}</figure>
{{- end}}
{{- range .Days}}
<figure class="day">
<figcaption>{{.Heading}}, room by room</figcaption>
{{.Chart}}</figure>
{{- end}}
</section>
{{- end}}
{{- if .Learned}}
<section id="learned">
<h2>What I learned</h2>
<dl class="learned">
{{- range .Learned}}
<div><dt>{{if .URL}}<a href="{{.URL}}">{{.Title}}</a>{{else}}{{.Title}}{{end}}</dt>
<dd>{{.Note}}</dd></div>
{{- end}}
</dl>
</section>
{{- end}}
{{- if .Facts}}
<section id="facts">
<h2>Facts</h2>
<ul class="facts">
{{- range .Facts}}
<li>{{if .Label}}<b>{{.Label}}</b>{{if .Value}}: {{end}}{{end}}{{.Value}}</li>
{{- end}}
</ul>
</section>
{{- end}}
{{- end}}
<section id="schedule">
<h2>{{if .Agenda}}Day by day{{else}}Appendix: My Schedule{{end}}</h2>
{{- if .Empty}}
<p>Nothing on the schedule.</p>
{{- end}}
{{- range .Days}}
<section class="day" id="{{.ID}}">
<h3>{{.Heading}}</h3>
{{- if $.Agenda}}
<figure class="day">
{{.Chart}}</figure>
{{- end}}
<ul class="entries">
{{- range .Entries}}
{{template "entry" .}}
{{- end}}
</ul>
</section>
{{- end}}
{{- if .Loose}}
<section class="day" id="unscheduled">
<h3>Unscheduled</h3>
<ul class="entries">
{{- range .Loose}}
{{template "entry" .}}
{{- end}}
</ul>
</section>
{{- end}}
</section>
</main>
<footer><p>Made with plan{{if .Name}} for {{.Name}}{{end}}.</p></footer>
</body>
</html>
{{define "entry"}}<li class="{{.StatusClass}}{{if .Marks}} clash{{end}}" style="--kind: {{.KindColor}}">
{{- if .When}}<span class="when">{{.When}}</span> {{end -}}
<span class="title">{{if .URL}}<a href="{{.URL}}">{{.Title}}</a>{{else}}{{.Title}}{{end}}</span>
<span class="meta">{{if .Room}}{{.Room}}, {{end}}{{.Kind}}, <span class="status">{{.Status}}</span>{{if .Priority}}, {{.Priority}}{{end}}{{if .Speakers}} · {{.Speakers}}{{end}}</span>
{{- range .Marks}}
<span class="mark {{.Class}}">{{if eq .Class "overlap"}}Clash: {{else}}Tight: {{end}}{{.Text}}</span>
{{- end}}
</li>{{end}}
`

const pageCSS = `:root{color-scheme:light dark;--bg:#fff;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--card:#f6f8fa;--accent:#0969da;--warn:#9a6700;--bad:#cf222e}
@media screen and (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--line:#3d444d;--card:#151b23;--accent:#4493f8;--warn:#d29922;--bad:#f85149}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.5 "DejaVu Sans",Verdana,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;overflow-wrap:anywhere}
header,main,footer{max-width:52rem;margin:0 auto;padding:0 1rem}
header{padding-top:1.5rem}
h1{font-size:1.9rem;line-height:1.2;margin:.2rem 0 .6rem}
h2{font-size:1.35rem;margin:2rem 0 .8rem;padding-bottom:.25rem;border-bottom:1px solid var(--line)}
h3{font-size:1.1rem;margin:1.4rem 0 .5rem}
a{color:var(--accent)}
code{font-family:"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:.9em;background:var(--card);padding:.05em .3em;border-radius:4px}
.dates{margin:0;color:var(--muted);font-weight:bold;letter-spacing:.02em}
.phase{margin:.2rem 0;color:var(--muted);font-style:italic}
.figures{list-style:none;margin:1rem 0;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(7.7rem,1fr));gap:.6rem}
.figures li{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:.6rem .8rem;line-height:1.25}
.figures b{display:block;font-size:2.6rem;line-height:1.1}
.summary{margin:1rem 0}
.summary div{margin:.2rem 0}
.summary dt{display:inline;font-weight:bold}
.summary dt::after{content:":"}
.summary dd{display:inline;margin:0}
.pending{border-left:4px solid var(--warn);padding:.2rem .8rem;margin:1rem 0;background:var(--card)}
.pending p{margin:.4rem 0}
figure{margin:1.6rem 0}
figcaption{font-weight:bold;margin-bottom:.4rem}
svg.chart{display:block;width:100%;max-width:38rem;height:auto}
.learned div{margin:.8rem 0}
.learned dt{font-weight:bold}
.learned dd{margin:.2rem 0 0 1rem;white-space:pre-wrap}
.facts li{margin:.2rem 0}
.entries{list-style:none;padding:0;margin:0}
.entries li{border-left:5px solid var(--kind);padding:.35rem .7rem;margin:.45rem 0;background:var(--card);border-radius:0 6px 6px 0}
.entries .when{font-variant-numeric:tabular-nums;font-weight:bold;margin-right:.3rem}
.entries .title{font-weight:bold}
.entries .meta{display:block;color:var(--muted);font-size:.92rem}
.entries li.planned{background:transparent;border:1px dashed var(--line);border-left:5px dashed var(--kind)}
.entries li.skipped{opacity:.7}
.entries li.skipped .title{text-decoration:line-through}
.entries li.clash{outline:2px solid var(--bad);outline-offset:-2px}
.mark{display:block;font-size:.92rem;font-weight:bold}
.mark.overlap{color:var(--bad)}
.mark.tight{color:var(--warn)}
footer{color:var(--muted);font-size:.85rem;padding-bottom:2rem;margin-top:2rem}
@media (max-width:30rem){h1{font-size:1.55rem}.figures{grid-template-columns:repeat(2,minmax(0,1fr))}.figures b{font-size:2.1rem}}
@media print{
@page{margin:1.5cm}
:root{--bg:#fff;--fg:#000;--muted:#444;--line:#999;--card:#fff;--accent:#000}
body{font-size:11pt}
header,main,footer{max-width:none;padding:0}
a{color:inherit;text-decoration:none}
a[href]::after{content:" <" attr(href) ">";font-size:.8em;color:#444;overflow-wrap:anywhere}
.figures li,.entries li,.pending{break-inside:avoid;background:#fff}
figure,section.day h3{break-inside:avoid;break-after:avoid}
svg.chart{max-width:15cm}
h2{break-after:avoid}
footer{display:none}
}`
