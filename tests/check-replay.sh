#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The SRDI Ledger authors
# TAP: the bulletin benchmark's floor writes what the export wrote. A demo
# ledger's bulletin, written again by bench-replay (libxlsxwriter alone),
# holds the same cells with the same styles by compare-workbooks.py; and
# the comparison tells two months' bulletins apart.
#   check-replay.sh PROGRAM BENCH-REPLAY COMPARE-WORKBOOKS
set -u
program=$1
replay=$2
compare=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "1..2"
export SL_TODAY=2026-11-30 HOME="$tmp"
"$program" --db "$tmp/demo.db" --demo 500 >/dev/null
"$program" --db "$tmp/demo.db" --export-bulletin 2026-11 --output "$tmp/ours.xlsx" >/dev/null
"$program" --db "$tmp/demo.db" --export-bulletin 2026-10 --output "$tmp/october.xlsx" >/dev/null
"$replay" "$tmp/ours.xlsx" "$tmp/replay.xlsx" >/dev/null
if out=$(python3 "$compare" "$tmp/ours.xlsx" "$tmp/replay.xlsx"); then
  echo "ok 1 the replay holds the export's cells: $out"
else
  echo "not ok 1 the replay differs from the export"
  echo "$out" | sed 's/^/# /'
fi
if python3 "$compare" "$tmp/ours.xlsx" "$tmp/october.xlsx" >/dev/null; then
  echo "not ok 2 November's and October's bulletins compare the same"
else
  echo "ok 2 November's and October's bulletins differ"
fi
