#!/usr/bin/env bash
# Benchmarks and the ratios the performance goals are stated in (docs/performance.md).
# Usage: bash .ci/bench.sh [count]   (default count 10; results in out/bench/)
# Ratios are computed from medians measured in this one run, never from absolute times.
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-10}
out=out/bench
mkdir -p "$out"

if ! command -v benchstat >/dev/null 2>&1; then
  go install golang.org/x/perf/cmd/benchstat@latest
  export PATH="$PATH:$(go env GOPATH)/bin"
fi

echo "== engine benchmarks (count $count)"
go test ./engine -run '^$' -bench . -benchmem -count "$count" -timeout 60m | tee "$out/engine.txt"
echo "== lap report benchmark (count $count)"
go test ./cmd/lap -run '^$' -bench Report -benchmem -count "$count" -timeout 30m | tee "$out/report.txt"

echo "== lap report wall time and peak memory (/usr/bin/time, 3 runs of the built binary)"
go build -o "$out/lap" ./cmd/lap
: > "$out/report-time.txt"
if [ ! -x /usr/bin/time ]; then
  echo "/usr/bin/time is missing (Debian package time): skipping the wall-time runs" | tee "$out/report-time.txt"
fi
[ -x /usr/bin/time ] && 
for i in 1 2 3; do
  [ -x /usr/bin/time ] || break
  rm -rf "$out/report"
  /usr/bin/time -f "%e s wall, %M KB peak RSS, %U s user" "$out/lap" report --data testdata/sample --year 2024 --out "$out/report" 2>>"$out/report-time.txt"
done
cat "$out/report-time.txt"

echo
echo "== benchstat"
benchstat "$out"/*.txt | tee "$out/benchstat.txt"

# median ns/op of one benchmark across the runs
median() {
  grep -h -E "^Benchmark$1(-[0-9]+)? " "$out"/*.txt | awk '{print $3}' | sort -g |
    awk '{a[NR]=$1} END {if (NR==0) {print "NA"} else if (NR%2) {print a[(NR+1)/2]} else {print (a[NR/2]+a[NR/2+1])/2}}'
}
ratio() {
  local a b; a=$(median "$1"); b=$(median "$2")
  if [ "$a" = NA ] || [ "$b" = NA ]; then echo "$3: not measured"; return; fi
  awk -v a="$a" -v b="$b" -v label="$3" -v goal="$4" 'BEGIN {printf "%-52s %8.3f   (goal %s)\n", label, a/b, goal}'
}

echo
echo "== ratios (medians of this run)" | tee "$out/ratios.txt"
{
  ratio Evaluate BareVM "Evaluate / BareVM" "<= 1.3"
  ratio WhatIfIncremental/lao-clearance WhatIfFull/lao-clearance "single-field what-if / full evaluation" "<= 0.10"
  ratio WhatIfIncremental/ratify WhatIfFull/ratify "deposit what-if (reaches party) / full" "(informative)"
} | tee -a "$out/ratios.txt"
