#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The SRDI Ledger authors
# The bulletin's benchmark: ours, the peer and the floors, each in its own
# process with its peak RSS.  tests/bench/bench-bulletin.sh LEDGER [PERIOD]
# The floor cell for cell (bench-replay) writes again every cell of our
# workbook, styles and blanks included, and is checked to hold the same
# cells; the bare floor writes only the enterprise sheet's values.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=${SL_BENCH_BIN:-$here/../../build/tests/bench-bulletin}
ledger=$1
period=${2:-2026-10}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The export records itself in the ledger, as any export does.
run() { /usr/bin/time -f "  peak RSS %M KB, %e s wall" "$@"; }
G_MESSAGES_DEBUG=sl-bulletin run "$bin" ours "$ledger" "$period" "$tmp/ours.xlsx"
run "$bin" dump "$ledger" "$period" "$tmp/rows.tsv"
run "$bin" floor "$tmp/rows.tsv" "$tmp/floor.xlsx"
run "$(dirname "$bin")/bench-replay" "$tmp/ours.xlsx" "$tmp/replay.xlsx"
/usr/bin/python3 "$here/compare-workbooks.py" "$tmp/ours.xlsx" "$tmp/replay.xlsx"
# The figures' floor: every row the summary reads, read once by the shell.
echo "summary floor (sqlite3 shell):"
{ echo ".parameter set :figures_year $((${period%%-*} - 1))"; cat "$here/summary-floor.sql"; } > "$tmp/floor.sql"
run sqlite3 "$ledger" < "$tmp/floor.sql" > /dev/null
run /usr/bin/python3 "$here/bulletin-peer.py" "$tmp/rows.tsv" "$tmp/peer.xlsx"
ls -l "$tmp"/*.xlsx | awk '{print "  " $5 " bytes  " $9}'
