#!/bin/sh
# Every output of the example community at a fixed moment, into OUT (a folder), so that a
# change meant to keep behaviour (a move of code) can be compared with `diff -r BEFORE AFTER`:
# the built site/, the text of every PDF (pdftotext -layout), `check --format json`,
# `status --format json`, the visit quota/plan/summary and the survey report (PDF text + CSV).
# Usage: sh scripts/snapshot_outputs.sh OUT [HCOMM]   (HCOMM: the hcomm command, default .venv/bin/hcomm)
set -u
OUT=$(realpath -m "$1"); HCOMM=${2:-$(pwd)/.venv/bin/hcomm}
NOW="2026-12-04 12:00"
rm -rf "$OUT"; mkdir -p "$OUT"
W=$(mktemp -d); cp -r records "$W/records"
cd "$W"
"$HCOMM" check --format json --now "$NOW" > "$OUT/check.json" 2> "$OUT/check.err"; echo "$?" > "$OUT/check.rc"
"$HCOMM" status --format json --today 2026-12-04 > "$OUT/status.json" 2> "$OUT/status.err"; echo "$?" > "$OUT/status.rc"
"$HCOMM" status --today 2026-12-04 > "$OUT/status.txt" 2>&1
"$HCOMM" build --now "$NOW" > "$OUT/build.out" 2>&1; echo "$?" > "$OUT/build.rc"
"$HCOMM" visits quota --month 2026-11 --now "$NOW" > "$OUT/quota.txt" 2>&1
"$HCOMM" visits plan --month 2026-12 --seed 7 --pdf "$W/internal/plan.pdf" > "$OUT/plan.txt" 2>&1
"$HCOMM" visits summary --month 2026-11 --now "$NOW" > "$OUT/summary.out" 2>&1
"$HCOMM" survey report 2026-06 --now "$NOW" > "$OUT/survey.out" 2>&1
"$HCOMM" --lang en check --now "2026-12-20 12:00" > "$OUT/check-en.txt" 2>&1
sed -i "s#$W#ROOT#g" "$OUT"/*.out "$OUT"/*.txt "$OUT"/*.err
cp -rL site "$OUT/site"  # site and print are links into .hcomm-out/ (the output transaction)
for f in $(cd "$W" && find -H print internal -type f | sort); do
  mkdir -p "$OUT/$(dirname "$f")"
  case "$f" in
    *.pdf) pdftotext -layout "$f" "$OUT/$f.txt" ;;
    *) cp "$f" "$OUT/$f" ;;
  esac
done
cd /; rm -rf "$W"
