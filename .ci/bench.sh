#!/usr/bin/env bash
# Benchmarks and the ratios the performance goals are stated in (docs/performance.md).
#
# Usage: bash .ci/bench.sh [rounds]   (default 6, at least 6; results in out/bench/)
#
# Every figure is measured in interleaved rounds: each round runs every Go benchmark once
# (one short run each) and every timed command once, so that the two sides of each ratio
# (A, B, A, B, ...) see the same machine load. Each figure and each ratio is printed with
# its minimum, median and maximum over the rounds and the spread (max - min) / median.
# Ratios are taken round by round, then summarised. Goals are judged on the median.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-6}
if [ "$rounds" -lt 6 ]; then
  echo "bench.sh: at least 6 rounds" >&2
  exit 2
fi
out=out/bench
rm -rf "$out"
mkdir -p "$out"

echo "== building (engine benchmarks, lap)"
go test -c -o "$out/engine.test" ./engine
go test -c -o "$out/risk.test" ./engine/risk
go build -o "$out/lap" ./cmd/lap
lap="$PWD/$out/lap"

# the one-field change of the re-run: a clearance figure of Lao PDR
cp -r testdata/sample "$out/data-changed"
sed -i 's/^LAO,2023,art4_area_cleared_m2,52800000,/LAO,2023,art4_area_cleared_m2,52900000,/' "$out/data-changed/facts.csv"
grep -q '^LAO,2023,art4_area_cleared_m2,52900000,' "$out/data-changed/facts.csv" || {
  echo "bench.sh: the one-field change did not apply (testdata/sample/facts.csv changed?)" >&2
  exit 1
}

# timed NAME CMD...: wall seconds, CPU seconds (user + system: less sensitive to the load of
# other work than wall time) and peak RSS (KB) of one run, appended as "round NAME value"
have_time=0
[ -x /usr/bin/time ] && have_time=1
timed() {
  local name=$1
  shift
  if [ $have_time = 1 ]; then
    /usr/bin/time -f "%e %U %S %M" -o "$out/t.txt" "$@" >/dev/null 2>"$out/cmd.err"
    read -r wall user sys rss <"$out/t.txt"
    echo "$round cli/$name $wall" >>"$out/samples.txt"
    echo "$round cpu/$name $(awk -v u="$user" -v s="$sys" 'BEGIN {print u + s}')" >>"$out/samples.txt"
    echo "$round rss/$name $rss" >>"$out/samples.txt"
  else
    local s e
    s=$(date +%s.%N)
    "$@" >/dev/null 2>"$out/cmd.err"
    e=$(date +%s.%N)
    echo "$round cli/$name $(awk -v s="$s" -v e="$e" 'BEGIN {print e - s}')" >>"$out/samples.txt"
  fi
}

benches='^Benchmark(Load|BuildEnvs|Evaluate|BareVM|EvaluateYears|Assess|AssessRange|Native|Indicator|IndicatorVM|WhatIfFull|WhatIfIncremental)$'
: >"$out/samples.txt"
for round in $(seq "$rounds"); do
  echo "== round $round of $rounds"
  { (cd engine && "../$out/engine.test" -test.run '^$' -test.bench "$benches" -test.benchtime 300ms -test.benchmem)
    (cd engine/risk && "../../$out/risk.test" -test.run '^$' -test.bench '^BenchmarkMonteCarlo$' -test.benchtime 300ms -test.benchmem); } |
    tee -a "$out/engine.txt" |
    awk -v r="$round" '/^Benchmark/ {
      n = $1; sub(/-[0-9]+$/, "", n); sub(/^Benchmark/, "", n)
      print r, n, $3
      for (i = 4; i < NF; i++) if ($(i+1) == "draws/s") print r, n "/draws_per_s", $i
    }' >>"$out/samples.txt"
  # how each stage grows with States, indicators and years (engine/scale_test.go)
  (cd engine && "../$out/engine.test" -test.run '^$' -test.bench '^BenchmarkScale$' -test.benchtime 2x) |
    tee -a "$out/scale.txt" |
    awk -v r="$round" '/^Benchmark/ {n = $1; sub(/-[0-9]+$/, "", n); sub(/^Benchmark/, "", n); print r, n, $3}' >>"$out/samples.txt"
  echo "$round load $(cut -d' ' -f1 /proc/loadavg)" >>"$out/samples.txt"
  rm -rf "$out/report"
  timed report "$lap" report --data testdata/sample --year 2024 --out "$out/report"
  rm -rf "$out/report-np"
  timed report-no-profiles "$lap" report --data testdata/sample --year 2024 --out "$out/report-np" --profiles=false
  sleep 0.2 # the re-run comes later than the timestamp granularity (reports/outdir: settled files)
  timed report-rerun "$lap" report --data "$out/data-changed" --year 2024 --out "$out/report"
  timed eval-2025 "$lap" eval --data testdata/sample --year 2025
  timed eval-2006-2025 "$lap" eval --data testdata/sample --year 2006 --to 2025
done

# stats over the rounds of one name (or of a ratio, computed round by round)
summary() {
  sort -g | awk -v label="$1" -v goal="$2" -v unit="$3" '
    { v[NR] = $1 }
    END {
      if (NR == 0) { printf "%-44s not measured\n", label; exit }
      n = NR
      med = (n % 2) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
      spread = (med != 0) ? 100 * (v[n] - v[1]) / med : 0
      printf "%-44s min %10.4g  median %10.4g  max %10.4g  spread %5.1f%%  %s %s\n", label, v[1], med, v[n], spread, unit, goal
    }'
}
values() { awk -v n="$1" '$2 == n {print $3}' "$out/samples.txt"; }
ratio_values() {
  awk -v a="$1" -v b="$2" '$2 == a {x[$1] = $3} $2 == b {y[$1] = $3}
    END {for (r in x) if ((r in y) && y[r] > 0) print x[r] / y[r]}' "$out/samples.txt"
}
fig() { values "$1" | summary "$1" "${3:-}" "$2"; }
ratio() { ratio_values "$1" "$2" | summary "$3" "${4:-}" "x"; }

{
  echo
  echo "== figures ($rounds interleaved rounds; $(date -u +%Y-%m-%d); $(nproc) CPUs; load average $(cut -d' ' -f1-3 /proc/loadavg))"
  for n in Load BuildEnvs Evaluate BareVM EvaluateYears Assess AssessRange/2025 AssessRange/2006-2025 \
    Native/10.1 Native/43.2 Native/21.1 Indicator/10.1 Indicator/43.2 Indicator/21.1 \
    IndicatorVM/10.1 IndicatorVM/43.2 IndicatorVM/21.1 \
    WhatIfFull/lao-clearance WhatIfIncremental/lao-clearance WhatIfFull/ratify WhatIfIncremental/ratify MonteCarlo; do
    fig "$n" ns/op
  done
  fig MonteCarlo/draws_per_s "State-draws/s"
  for n in report report-no-profiles report-rerun eval-2025 eval-2006-2025; do
    fig "cli/$n" "s wall"
    [ $have_time = 1 ] && fig "cpu/$n" "s CPU"
  done
  fig load "load average (1 min) at each round"
  [ $have_time = 1 ] && fig rss/report "KB peak RSS" "(goal < 100000)"
  [ $have_time = 0 ] && echo "(/usr/bin/time is missing, Debian package time: no peak memory)"
  echo
  echo "== ratios (taken round by round; goals on the median)"
  ratio Evaluate BareVM "Evaluate / BareVM" "(goal <= 1.3)"
  for id in 10.1 43.2 21.1; do
    ratio "Indicator/$id" "Native/$id" "engine / native, $id" "(goal <= 30)"
    ratio "IndicatorVM/$id" "Native/$id" "bare VM / native, $id" "(informative)"
  done
  ratio WhatIfIncremental/lao-clearance WhatIfFull/lao-clearance "single-field what-if / full" "(goal <= 0.10)"
  ratio WhatIfIncremental/ratify WhatIfFull/ratify "deposit what-if / full" "(informative)"
  ratio AssessRange/2006-2025 AssessRange/2025 "assess 2006-2025 / 2025 (in process)" "(informative)"
  ratio cli/eval-2006-2025 cli/eval-2025 "lap eval 2006-2025 / 2025 (wall)" "(goal <= 2)"
  ratio cli/report-rerun cli/report "report re-run after one change / report" "(goal <= 0.3: 0.3 s of a 1.0 s report)"
  ratio cli/report cli/report-no-profiles "report / report --profiles=false (profiles)" "(informative)"
  [ $have_time = 1 ] && ratio cpu/report-rerun cpu/report "the same by CPU time" "(informative)"
  echo
  echo "== growth (BenchmarkScale, ratios round by round; 10 x is linear)"
  for st in LoadDataset BuildEnvs Evaluate Assess; do
    ratio "Scale/$st/states=10x" "Scale/$st/states=1x" "$st, 10 x States" "(linear: 10)"
  done
  for st in Load Evaluate Assess; do
    ratio "Scale/$st/indicators=10x" "Scale/$st/indicators=1x" "$st, 10 x indicators" "(linear: 10)"
  done
  for n in 5 10 20; do
    ratio "Scale/AssessYears/years=$n" "Scale/AssessYears/years=1" "assess $n years / 1 year" "(linear: $n)"
  done
  echo
  echo "== absolute goals (medians, wall time of the built binary)"
  values cli/report | summary "lap report --year 2024, all formats" "(goal <= 1.0 s)" "s"
  values cli/report-rerun | summary "re-run after a one-field change" "(goal <= 0.3 s)" "s"
  values cli/report | summary "lap report with the country profiles (issue 15)" "(goal <= 3.0 s)" "s"
} | tee "$out/summary.txt"

# lap serve (issue 16): the what-if handler benchmark (the form page and the API, Lebanon
# completes clearance) and a bounded load test against 127.0.0.1 (20 clients for 10 s each on the
# page and on the API; p50, p90, p99, errors). docs/performance.md, "lap serve".
{
  echo "== lap serve (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  go test ./server -run XXX -bench WhatIfHandler -benchmem -count "${rounds:-6}" | grep -E '^Benchmark'
  LAP_LOAD=20,10 go test ./server -run '^TestLoad$' -count=1 -v | grep -E '^load '
} | tee "${out:-out/bench}/serve.txt"
