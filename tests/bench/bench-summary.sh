#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The SRDI Ledger authors
# The summary against its floor, alternating, each run a process of its
# own: tests/bench/bench-summary.sh LEDGER [PERIOD] [RUNS]
# The floor is every row the summary needs, read once by the sqlite3
# shell (summary-floor.sql). Prints each pair and the medians.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=${SL_BENCH_APP:-$here/../../build/src/srdi-ledger}
ledger=$1
period=${2:-2025-12}
runs=${3:-5}
ours=() floor=()
stamp() { date +%s.%N; }
# The figures of the year before the bulletin's.
floor_sql() { echo ".parameter set :figures_year $((${period%%-*} - 1))"; cat "$here/summary-floor.sql"; }
for ((i = 0; i < runs; i++)); do
  t0=$(stamp); "$bin" --db "$ledger" --summary "$period" > /dev/null; t1=$(stamp)
  floor_sql | sqlite3 "$ledger" > /dev/null; t2=$(stamp)
  ours+=("$(echo "$t1 - $t0" | bc)") floor+=("$(echo "$t2 - $t1" | bc)")
  printf 'run %d: ours %.3f s, floor %.3f s\n' "$((i + 1))" "${ours[-1]}" "${floor[-1]}"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
mo=$(median "${ours[@]}") mf=$(median "${floor[@]}")
printf 'median: ours %.3f s, floor %.3f s, ratio %.2f (load %s)\n' "$mo" "$mf" "$(echo "$mo / $mf" | bc -l)" "$(cut -d' ' -f1-3 /proc/loadavg)"
