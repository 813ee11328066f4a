#!/bin/sh
# CI check that hcomm works when installed from its wheel, not only from a git checkout:
# builds the wheel from the package files alone (pyproject.toml, README.md, hcomm_gen/),
# installs it with its dependencies into a new, clean virtual environment (no system
# site-packages; pip's cache keeps this fast), then, in a temporary office folder holding only
# a copy of the example community's records/, runs `hcomm build --no-pdf` and `hcomm print` of
# one notice. The templates, CSS and default mkdocs.yml must therefore come from the installed
# package (hcomm_gen/defaults/). Fails (non-zero) when any step fails.
# Usage: sh scripts/check_wheel.sh [PYTHON]   (PYTHON: the interpreter for the venv, default python3)
set -eu
cd "$(dirname "$0")/.."
PY=${1:-python3}
NOW="2026-12-04 12:00"
NOTICE=N-2026-1128-power   # an outage in effect at NOW
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

# a source tree with only what the wheel is built from, so no build/ left-over or file outside
# the package can slip into it
mkdir "$T/src"
cp pyproject.toml README.md "$T/src/"
cp -r hcomm_gen "$T/src/hcomm_gen"
find "$T/src" -name __pycache__ -prune -exec rm -rf {} +

"$PY" -m venv "$T/venv"
"$T/venv/bin/python" -m pip wheel -q --disable-pip-version-check --no-deps -w "$T/dist" "$T/src"
"$T/venv/bin/python" -m pip install -q --disable-pip-version-check "$T"/dist/hcomm-*.whl

mkdir "$T/office"
cp -r records "$T/office/records"
cd "$T/office"
# the command line's catalogue (hcomm_gen/cli/locale/zh/LC_MESSAGES/hcomm.mo) is in the wheel
"$T/venv/bin/hcomm" --help | grep -q '显示这份说明并退出' ||
  { echo "check_wheel: hcomm --help is not in Chinese (hcomm.mo missing from the wheel?)" >&2; exit 1; }
"$T/venv/bin/hcomm" build --no-pdf --now "$NOW"
"$T/venv/bin/hcomm" print "$NOTICE" --now "$NOW"
for f in site/index.html site/assets/extra.css site/feed.xml site/calendar.ics; do
  [ -s "$f" ] || { echo "check_wheel: $f missing after hcomm build" >&2; exit 1; }
done
# the theme override (templates/site/overrides/main.html) puts the feed links into <head>
grep -q 'rel="alternate" type="application/atom+xml"' site/index.html ||
  { echo "check_wheel: site/index.html lacks the feed link of the theme override" >&2; exit 1; }
ls print/*"$NOTICE"*.pdf >/dev/null 2>&1 || { echo "check_wheel: no sheet of $NOTICE in print/" >&2; exit 1; }
echo "check_wheel: the wheel builds the example community (site/ and a sheet) from a clean venv"
