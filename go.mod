module github.com/plan-cli/plan

go 1.26.8
