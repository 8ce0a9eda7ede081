#!/usr/bin/env bash
# bench/bench.sh: time whole `plan` processes on real and synthetic programs
# and print a table of median wall time and peak memory.
#
#   bench/bench.sh                 FOSDEM 2026 (testdata) only
#   bench/bench.sh 1000 10000      plus synthetic programs of these sizes
#                                  (needs ../shared/tools/gen-program or GEN_PROGRAM)
#   RUNS=21 bench/bench.sh         more runs per command (default 11)
#
# Each command runs RUNS times on a fresh copy of the plan; the table shows
# the median wall time in ms and the largest peak RSS in MiB (GNU time).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-11}
GEN=${GEN_PROGRAM:-../shared/tools/gen-program}
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
go build -o "$OUT/plan" .
PLAN="$OUT/plan"
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "bench: needs GNU time (/usr/bin/time; apt-get install time)" >&2; exit 2; }

# measure LABEL SETUP CMD...: run CMD RUNS times, SETUP before each run.
measure() {
  local label=$1 setup=$2; shift 2
  local walls=() peak=0
  for ((i = 0; i < RUNS; i++)); do
    eval "$setup"
    local t0 t1 rss
    t0=$(date +%s%N)
    "$TIME" -f %M -o "$OUT/rss" "$@" >/dev/null 2>"$OUT/err" || { echo "bench: $* failed:" >&2; cat "$OUT/err" >&2; exit 1; }
    t1=$(date +%s%N)
    walls+=($(( (t1 - t0) / 1000 )))
    rss=$(tail -n1 "$OUT/rss")
    (( rss > peak )) && peak=$rss
  done
  local median
  median=$(printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  awk -v s="$SIZE" -v l="$label" -v m="$median" -v p="$peak" 'BEGIN {printf "| %-10s | %-34s | %9.1f | %8.1f |\n", s, l, m/1000, p/1024}'
}

bench_program() {
  local program=$1
  local dir="$OUT/w"
  rm -rf "$dir"; mkdir -p "$dir"
  local P="$dir/plan.yaml"
  measure "import" "rm -f $dir/plan.yaml $dir/plan.program.jsonl" "$PLAN" --plan "$P" import "$program"
  # 200 picks spread over the program, for the everyday commands.
  "$PLAN" --plan "$P" list | awk -F'\t' 'NR % 5 == 1 {print $1}' | head -200 | xargs "$PLAN" --plan "$P" add >/dev/null
  local one
  one=$("$PLAN" --plan "$P" list | awk -F'\t' 'NR == 3 {print $1}')
  cp "$P" "$dir/base.yaml"
  measure "add (1 session)" "cp $dir/base.yaml $P" "$PLAN" --plan "$P" add "$one"
  measure "remove (1 pick)" "cp $dir/base.yaml $P" "$PLAN" --plan "$P" remove "$("$PLAN" --plan "$dir/base.yaml" list --picked | awk -F'\t' 'NR==1{print $1}')"
  measure "clashes" "" "$PLAN" --plan "$P" clashes
  measure "agenda" "" "$PLAN" --plan "$P" agenda
  measure "stats" "" "$PLAN" --plan "$P" stats
  measure "list --json" "" "$PLAN" --plan "$P" list --json
  measure "export --ics (200 picks)" "" "$PLAN" --plan "$P" export --ics
  measure "export --ics --all" "" "$PLAN" --plan "$P" export --ics --all
}

echo "plan $(git describe --always --dirty 2>/dev/null || echo dev) on $(nproc) cores, $RUNS runs each"
echo
echo "| program    | command                            | median ms | peak MiB |"
echo "|------------|------------------------------------|-----------|----------|"
SIZE="FOSDEM 883"
bench_program testdata/programs/fosdem-2026-pentabarf.xml
for n in "$@"; do
  [ -x "$GEN" ] || { echo "bench: $GEN not found; set GEN_PROGRAM" >&2; exit 2; }
  "$GEN" --events "$n" > "$OUT/synth-$n.xml"
  SIZE="synth $n"
  bench_program "$OUT/synth-$n.xml"
done
