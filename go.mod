module github.com/plan-cli/plan

go 1.26.8

require github.com/arran4/golang-ical v0.3.4
