-- The summary's floor: every row the summary needs, read once, by the
-- sqlite3 shell (tests/bench/bench-bulletin.sh runs it beside ours).
-- The columns it reads, summed so that none is skipped by the planner.
SELECT count(*), sum (length (tier_key) + length (status) + length (valid_from) + ifnull (length (valid_until), 0) + enterprise_id)
  FROM certification;
SELECT count(*), sum (jurisdiction_id + above_scale + ifnull (chain_id, 0) + ifnull (length (specialist), 0) + ifnull (length (deleted_at), 0))
  FROM enterprise;
SELECT count(*), sum (ifnull (revenue, 0) + ifnull (main_revenue, 0) + ifnull (rd_expense, 0) + ifnull (patents_valid, 0)
                      + ifnull (cnc_rate, 0) + ifnull (digital_mgmt, 0) + ifnull (digital_rd_tools, 0) + enterprise_id)
  FROM annual_figures WHERE year = 2025;
SELECT count(*), sum (length (honour_key) + year + enterprise_id) FROM enterprise_honour;
SELECT count(*), sum (length (kind) + length (on_date) + certification_id) FROM certification_event;
