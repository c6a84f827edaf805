#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The SRDI Ledger authors
# TAP: the bulletin as the city receives it. A demo ledger's bulletin,
# printed to PDF by LibreOffice, holds on its first page every
# jurisdiction of the main table and its total, for the city and for a
# county, and the rest of that first sheet (the note, the ranking).
#   check-bulletin-print.sh PROGRAM
set -u
program=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if ! command -v soffice >/dev/null || ! command -v pdftotext >/dev/null; then
  echo "1..0 # SKIP LibreOffice or pdftotext is not installed (build-aux/dev.sh installs them)"
  exit 0
fi
echo "1..4"
export SL_TODAY=2026-11-30 HOME="$tmp"
"$program" --db "$tmp/demo.db" --demo 3000 >/dev/null
n=0
for scope in "" 东海县; do
  name=${scope:-city}
  set -- --db "$tmp/demo.db" --export-bulletin 2026-11 --output "$tmp/$name.xlsx"
  [ -n "$scope" ] && set -- "$@" --scope "$scope"
  "$program" "$@" >/dev/null
  (cd "$tmp" && timeout 300 soffice --headless -env:UserInstallation=file://"$tmp"/lo --convert-to pdf "$name.xlsx" >/dev/null 2>&1)
  pdftotext -layout -f 1 -l 1 "$tmp/$name.pdf" "$tmp/$name-1.txt"
  if [ -n "$scope" ]; then
    "$program" --db "$tmp/demo.db" --summary 2026-11 --scope "$scope" >"$tmp/$name.json"
  else
    "$program" --db "$tmp/demo.db" --summary 2026-11 >"$tmp/$name.json"
  fi
  missing=$(python3 - "$tmp/$name.json" "$tmp/$name-1.txt" <<'PY'
import json, sys
units = json.load(open(sys.argv[1], encoding="utf-8"))["jurisdictions"]
page = open(sys.argv[2], encoding="utf-8").read()
names = [u["name"] for u in units] + (["Total"] if len(units) > 1 else [])
print(" ".join(x for x in names if x not in page))
PY
)
  n=$((n + 1))
  if [ -z "$missing" ]; then echo "ok $n page 1 of the $name bulletin holds every jurisdiction of its table"
  else echo "not ok $n page 1 of the $name bulletin holds every jurisdiction of its table (missing: $missing)"; fi
  # The sheet's last part on page 1 too: the ranking (a city's), or the note under the table.
  last="Completion rate: held at month end"
  [ -z "$scope" ] && last="Jurisdictions ranked by"
  n=$((n + 1))
  if grep -q "$last" "$tmp/$name-1.txt"; then
    echo "ok $n the $name bulletin's first sheet prints whole on page 1"
  else
    echo "not ok $n the $name bulletin's first sheet prints whole on page 1"
  fi
done
