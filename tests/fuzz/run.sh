#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The SRDI Ledger authors
# Builds the readers' libFuzzer targets with clang (AddressSanitizer and
# UndefinedBehaviorSanitizer) and runs each for SECONDS (default 180):
#   tests/fuzz/run.sh [SECONDS]
# Seeds: the fixtures, two memory bombs (tests/make-bombs.py) and a roster
# written by the program itself.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
seconds=${1:-180}
out=${FUZZ_OUT:-/tmp/sl-fuzz}
mkdir -p "$out/csv-corpus" "$out/xlsx-corpus"
flags="-g -O1 -fsanitize=fuzzer,address,undefined -I$top/src/core -I$top/build $(pkg-config --cflags glib-2.0 minizip libxml-2.0)"
libs="$(pkg-config --libs glib-2.0 minizip libxml-2.0) -lcsv"
for t in csv xlsx; do
  clang $flags -o "$out/fuzz-$t" "$here/fuzz-$t.c" "$top/src/core/sl-table-read.c" "$top/src/core/sl-table-csv.c" "$top/src/core/sl-table-package.c" "$top/src/core/sl-error.c" $libs
done
cp "$top"/tests/fixtures/*.csv "$out/csv-corpus/" 2>/dev/null || true
cp "$top"/tests/fixtures/*.xlsx "$out/xlsx-corpus/"
# The two memory bombs: a cell at column XFD in every row, a megabyte shared string.
python3 "$top/tests/make-bombs.py" "$out/xlsx-corpus"
if [ -x "$top/build/src/srdi-ledger" ]; then
  tmp=$(mktemp -d)
  "$top/build/src/srdi-ledger" --db "$tmp/l.db" --demo 20 >/dev/null
  "$top/build/src/srdi-ledger" --db "$tmp/l.db" --export-roster "$out/csv-corpus/roster.csv" >/dev/null
  "$top/build/src/srdi-ledger" --db "$tmp/l.db" --export-roster "$out/xlsx-corpus/roster.xlsx" >/dev/null
  rm -rf "$tmp"
fi
for t in csv xlsx; do
  echo "== fuzz-$t for $seconds s"
  "$out/fuzz-$t" -max_total_time="$seconds" -max_len=262144 -rss_limit_mb=2048 "$out/$t-corpus" 2>&1 | tail -4
done
