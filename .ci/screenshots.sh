#!/usr/bin/env bash
# Regenerates every picture in docs/ from the current code and the shipped sample:
#   docs/report-first-page.png  page 1 of the 2024 report.pdf, at 80 dpi (pdftoppm)
#   docs/serve-whatif.png       lap serve's what-if page, Lebanon completes clearance (TestServeBrowser)
#   docs/profile-lao.png        the top of Lao PDR's 2024 profile, assumptions opened (TestProfilesInChromium)
# then gives each a palette of its 256 most frequent colours (.ci/pngpalette.go) to keep it small.
# Needs Chromium and pdftoppm (Debian: apt-get install chromium poppler-utils). The same code,
# sample, Chromium and fonts give the same bytes. Run from anywhere: bash .ci/screenshots.sh
set -euo pipefail
cd "$(dirname "$0")/.."

command -v pdftoppm >/dev/null || { echo "screenshots: pdftoppm not found (apt-get install poppler-utils)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

go run ./cmd/lap report --data testdata/sample --year 2024 --out "$tmp/report" --formats pdf
pdftoppm -png -r 80 -f 1 -l 1 -singlefile "$tmp/report/report.pdf" "$tmp/report-first-page"

# The browser tests take the other two; LAP_REQUIRE_CHROMIUM=1 makes them fail rather than skip
# without Chromium. The paths are absolute: the tests run in cmd/lap.
LAP_REQUIRE_CHROMIUM=1 LAP_SCREENSHOT="$tmp/serve-whatif.png" LAP_PROFILE_SCREENSHOT="$tmp/profile-lao.png" \
  go test -count=1 -run '^(TestServeBrowser|TestProfilesInChromium)$' ./cmd/lap

go run .ci/pngpalette.go "$tmp/report-first-page.png" "$tmp/serve-whatif.png" "$tmp/profile-lao.png"
cp "$tmp/report-first-page.png" "$tmp/serve-whatif.png" "$tmp/profile-lao.png" docs/
ls -l docs/*.png
