#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The SRDI Ledger authors
# The import's benchmark: dry run and import of ROWS firms from CSV and
# from xlsx, all new and then all unchanged, each in its own process with
# its peak RSS; the two memory bombs' dry runs; and beside them the floor,
# the sqlite3 shell's .import of the same CSV into the same tables with the
# same indexes and full-text indexes, with and without the audit rows, and
# the ratio to it from alternating pairs.
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
# tables, indexes and full-text indexes, with no checks: the search
# bodies the ledger indexes (name, code, contact, product), the
# single-character body as sl_chars() makes it (computed here beforehand,
# outside the time, since the shell has no such function), and the
# honours. A second floor also writes the audit rows the import writes,
# built by json_object over what was written.
python3 - "$tmp/roster.csv" "$tmp/roster-chars.csv" <<'PY'
import csv, sys
rows = csv.reader(open(sys.argv[1], encoding='utf-8-sig'))
out = csv.writer(open(sys.argv[2], 'w', encoding='utf-8', newline=''))
out.writerow(next(rows) + ['chars'])
for r in rows:
    body = ' '.join([r[0], r[1], r[7], r[10]])
    out.writerow(r + [''.join(c + ' ' for c in body if not c.isspace())])
PY
cat >"$tmp/floor.sql" <<'EOF'
.mode csv
CREATE TEMP TABLE raw (name, code, jurisdiction, chain, tier, certified_on, valid_until, contact, phone,
                       specialist, product, year, revenue, main_revenue, rd, patents, cnc, dmgmt, drd, hn, tsme, chars);
.import --skip 1 roster-chars.csv raw
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
INSERT INTO enterprise_honour (enterprise_id, honour_key, year)
  SELECT e.id, 'high_tech', r.year FROM raw r JOIN enterprise e ON e.credit_code = r.code WHERE r.hn = '是'
  UNION ALL
  SELECT e.id, 'tech_sme', r.year FROM raw r JOIN enterprise e ON e.credit_code = r.code WHERE r.tsme = '是';
INSERT INTO enterprise_search (rowid, body)
  SELECT e.id, e.name || ' | ' || e.credit_code || ' | ' || ifnull (e.contact, '') || ' | ' || ifnull (e.main_product, '')
  FROM enterprise e;
INSERT INTO enterprise_chars (rowid, body) SELECT e.id, r.chars FROM raw r JOIN enterprise e ON e.credit_code = r.code;
EOF
{ cat "$tmp/floor.sql"; echo 'COMMIT;'; } >"$tmp/floor-tables.sql"
{ cat "$tmp/floor.sql"; cat <<'EOF'
INSERT INTO audit_log (at, user, entity, entity_id, action, before, after)
  SELECT datetime ('now'), 'bench', 'enterprise', id, 'create', NULL,
         json_object ('id', id, 'credit_code', credit_code, 'name', name, 'jurisdiction_id', jurisdiction_id,
                      'chain_id', chain_id, 'contact', contact, 'phone', phone, 'specialist', specialist,
                      'main_product', main_product, 'address', address, 'founded_on', founded_on,
                      'niche_since', niche_since, 'above_scale', json ('false'), 'note', note, 'deleted_at', deleted_at)
  FROM enterprise;
INSERT INTO audit_log (at, user, entity, entity_id, action, before, after)
  SELECT datetime ('now'), 'bench', 'annual_figures', enterprise_id, 'create', NULL,
         json_object ('year', year, 'revenue', revenue, 'main_revenue', main_revenue, 'rd_expense', rd_expense,
                      'net_profit', net_profit, 'total_assets', total_assets, 'total_liabilities', total_liabilities,
                      'patents_valid', patents_valid, 'staff', staff, 'rd_staff', rd_staff, 'cnc_rate', cnc_rate,
                      'digital_mgmt', digital_mgmt, 'digital_rd_tools', digital_rd_tools)
  FROM annual_figures;
INSERT INTO audit_log (at, user, entity, entity_id, action, before, after)
  SELECT datetime ('now'), 'bench', 'certification', id, 'create', NULL,
         json_object ('id', id, 'enterprise_id', enterprise_id, 'tier', tier_key, 'status', status,
                      'rule_version', rule_version, 'batch', batch, 'doc_no', doc_no, 'applied_on', applied_on,
                      'certified_on', certified_on, 'valid_from', valid_from, 'valid_until', valid_until, 'note', note)
  FROM certification;
INSERT INTO audit_log (at, user, entity, entity_id, action, before, after)
  SELECT datetime ('now'), 'bench', 'enterprise_honour', enterprise_id, 'create', NULL,
         json_object ('honour', honour_key, 'year', year)
  FROM enterprise_honour;
EOF
echo 'COMMIT;'; } >"$tmp/floor-audit.sql"
for floor in tables audit; do
  cp "$tmp/empty.db" "$tmp/floor.db"
  case $floor in
    tables) label="floor: sqlite3, same tables + FTS" ;;
    audit) label="floor: the same + audit rows" ;;
  esac
  (cd "$tmp" && run "$label" sqlite3 floor.db ".read floor-$floor.sql")
done
printf '  (floor holds %s firms, %s audit rows)\n' "$(sqlite3 "$tmp/floor.db" 'SELECT count(*) FROM enterprise')" \
  "$(sqlite3 "$tmp/floor.db" 'SELECT count(*) FROM audit_log')"

# The ratio, from alternating pairs: the machine's speed drifts between
# runs, so each import is timed beside its floor. PAIRS (default 3).
pairs=${PAIRS:-3}
ratios=()
for ((i = 0; i < pairs; i++)); do
  cp "$tmp/empty.db" "$tmp/pair.db"
  /usr/bin/time -f "%e" -o "$tmp/t1" "$cli" --db "$tmp/pair.db" --import "$tmp/roster.csv" >/dev/null 2>&1
  cp "$tmp/empty.db" "$tmp/floor.db"
  (cd "$tmp" && /usr/bin/time -f "%e" -o "$tmp/t2" sqlite3 floor.db ".read floor-audit.sql" >/dev/null)
  ratios+=("$(awk -v a="$(tail -1 "$tmp/t1")" -v b="$(tail -1 "$tmp/t2")" 'BEGIN { printf "%.2f", a / b }')")
  printf 'pair %d: import %s s, floor with audit %s s\n' $((i + 1)) "$(tail -1 "$tmp/t1")" "$(tail -1 "$tmp/t2")"
done
printf 'ratio to the floor with audit rows, median of %d: %s\n' "$pairs" \
  "$(printf '%s\n' "${ratios[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')"

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
