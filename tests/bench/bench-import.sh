#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The SRDI Ledger authors
# The import's benchmark: dry run and import of ROWS firms from CSV and
# from xlsx, all new and then all unchanged, each in its own process with
# its peak RSS; the two memory bombs' dry runs; and beside them the floor,
# the sqlite3 shell's .import of the same CSV into the same tables with the
# same indexes and full-text indexes.
#
#   tests/bench/bench-import.sh [ROWS]    (default 100000)
#   SL_BENCH_BUILD=/tmp/rel tests/bench/bench-import.sh   a release build
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${SL_BENCH_BUILD:-$here/../../build}
cli=$build/src/srdi-ledger
rows=${1:-100000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_DATA_HOME=$tmp/xdg GSETTINGS_SCHEMA_DIR=$build/data LC_ALL=C.UTF-8

run() {
  local label=$1
  shift
  /usr/bin/time -f "%e %M" -o "$tmp/time" "$@" >/dev/null 2>"$tmp/err" || {
    echo "$label: failed: $(tail -1 "$tmp/err")" >&2
    exit 1
  }
  read -r secs kb <"$tmp/time"
  printf '%-34s %8.2f s %9d KB\n' "$label" "$secs" "$kb"
}

# The rows: a demo ledger of ROWS firms, exported by the program itself.
"$cli" --db "$tmp/source.db" --demo "$rows" >/dev/null
"$cli" --db "$tmp/source.db" --export-roster "$tmp/roster.csv" >/dev/null
"$cli" --db "$tmp/source.db" --export-roster "$tmp/roster.xlsx" >/dev/null
# An empty ledger of the same plan, made the way the program makes one.
printf '企业名称,统一社会信用代码,所属地区\n' >"$tmp/header.csv"
"$cli" --db "$tmp/empty.db" --import "$tmp/header.csv" >/dev/null

printf '%s rows (%s: %s)\n' "$rows" "$(basename "$build")" "$(date -u +%F)"
printf '%-34s %10s %12s\n' "" "wall" "peak RSS"
for kind in csv xlsx; do
  cp "$tmp/empty.db" "$tmp/$kind.db"
  run "dry run, $kind, all new" "$cli" --db "$tmp/$kind.db" --import "$tmp/roster.$kind" --dry-run
  run "import, $kind, all new" "$cli" --db "$tmp/$kind.db" --import "$tmp/roster.$kind"
  run "dry run, $kind, all unchanged" "$cli" --db "$tmp/$kind.db" --import "$tmp/roster.$kind" --dry-run
  run "import, $kind, all unchanged" "$cli" --db "$tmp/$kind.db" --import "$tmp/roster.$kind"
done

# The floor: what SQLite alone takes to put the same rows in the same
# tables, indexes and full-text indexes, with no checks and no audit.
cp "$tmp/empty.db" "$tmp/floor.db"
cat >"$tmp/floor.sql" <<'EOF'
.mode csv
CREATE TEMP TABLE raw (name, code, jurisdiction, chain, tier, certified_on, valid_until, contact, phone,
                       specialist, product, year, revenue, main_revenue, rd, patents, cnc, dmgmt, drd, hn, tsme);
.import --skip 1 roster.csv raw
BEGIN;
INSERT INTO enterprise (credit_code, name, jurisdiction_id, chain_id, contact, phone, specialist, main_product,
                        created_at, updated_at, top_tier, latest_year, latest_revenue, latest_patents)
  SELECT r.code, replace (r.name, char (65279), ''), j.id, c.id, nullif (r.contact, ''), nullif (r.phone, ''),
         nullif (r.specialist, ''), nullif (r.product, ''), datetime ('now'), datetime ('now'),
         t.level, r.year, CAST (round (r.revenue * 10000) AS INTEGER), r.patents
  FROM raw r JOIN jurisdiction j ON j.name = r.jurisdiction
  LEFT JOIN industry_chain c ON c.name = r.chain LEFT JOIN tier t ON t.name = r.tier;
INSERT INTO annual_figures (enterprise_id, year, revenue, main_revenue, rd_expense, patents_valid, cnc_rate,
                            digital_mgmt, digital_rd_tools)
  SELECT e.id, r.year, CAST (round (r.revenue * 10000) AS INTEGER), CAST (round (r.main_revenue * 10000) AS INTEGER),
         CAST (round (r.rd * 10000) AS INTEGER), r.patents, nullif (r.cnc, ''), r.dmgmt = '是', r.drd = '是'
  FROM raw r JOIN enterprise e ON e.credit_code = r.code WHERE r.year <> '';
INSERT INTO certification (enterprise_id, tier_key, status, rule_version, certified_on, valid_from, valid_until)
  SELECT e.id, t.key, 'certified', (SELECT key FROM rule_version ORDER BY effective_from DESC LIMIT 1),
         r.certified_on, r.certified_on, nullif (r.valid_until, '')
  FROM raw r JOIN enterprise e ON e.credit_code = r.code JOIN tier t ON t.name = r.tier WHERE r.certified_on <> '';
INSERT INTO enterprise_search (rowid, body) SELECT id, name || ' ' || credit_code FROM enterprise;
INSERT INTO enterprise_chars (rowid, body) SELECT id, name FROM enterprise;
COMMIT;
EOF
(cd "$tmp" && run "floor: sqlite3 .import, csv" sqlite3 floor.db ".read floor.sql")
printf '  (floor holds %s firms)\n' "$(sqlite3 "$tmp/floor.db" 'SELECT count(*) FROM enterprise')"

# The memory bombs: a claimed column XFD in every row, and one shared
# string of a megabyte used by many cells. Each must be answered at once.
python3 "$here/../make-bombs.py" "$tmp" >/dev/null
for bomb in "$tmp"/*.xlsx; do
  case $bomb in *roster.xlsx) continue ;; esac
  /usr/bin/time -f "%e %M" -o "$tmp/time" "$cli" --db "$tmp/csv.db" --import "$bomb" --dry-run >/dev/null 2>&1 || true
  # time says first that the command failed, as the refusal makes it.
  read -r secs kb < <(tail -1 "$tmp/time")
  printf '%-34s %8.2f s %9d KB\n' "dry run, $(basename "$bomb")" "$secs" "$kb"
done
