-- The summary's floor: every row the summary needs, read once, with every
-- column of it that the summary reads, by the sqlite3 shell beside ours
-- (tests/bench/bench-summary.sh, bench-bulletin.sh, bench-bulletin summary).
-- :figures_year is the year of the annual figures, the one before the
-- bulletin's (2024 for 2025-12). The columns are summed so that the
-- planner skips none.
-- The certifications: their tiers, held spans and statuses, and the days
-- filed and approved that the month's and year's activity counts.
SELECT count(*), sum (id + enterprise_id + length (tier_key) + length (status) + length (valid_from)
                      + ifnull (length (valid_until), 0) + ifnull (length (applied_on), 0) + ifnull (length (certified_on), 0))
  FROM certification;
SELECT count(*), sum (length (kind) + length (on_date) + ifnull (length (until_before), 0) + certification_id)
  FROM certification_event;
-- The firms: where each is, above scale or not, its chain and specialist.
SELECT count(*), sum (jurisdiction_id + above_scale + ifnull (chain_id, 0) + ifnull (length (specialist), 0) + ifnull (length (deleted_at), 0))
  FROM enterprise;
SELECT count(*), sum (enterprise_id + from_id + length (moved_on)) FROM jurisdiction_move;
SELECT count(*), sum (ifnull (revenue, 0) + ifnull (main_revenue, 0) + ifnull (rd_expense, 0) + ifnull (patents_valid, 0)
                      + ifnull (staff, 0) + ifnull (rd_staff, 0) + ifnull (cnc_rate, 0) + ifnull (digital_mgmt, 0)
                      + ifnull (digital_rd_tools, 0) + enterprise_id)
  FROM annual_figures WHERE year = :figures_year;
SELECT count(*), sum (length (honour_key) + year + ifnull (length (recorded_on), 0) + enterprise_id) FROM enterprise_honour;
-- The plan: its metrics and targets, populations, places, chains, tiers,
-- honours, checklists and settings.
SELECT count(*), sum (length (key) + length (measure) + ifnull (length (comparison), 0) + ifnull (from_year, 0) + ifnull (until_year, 0))
  FROM metric;
SELECT count(*), sum (length (metric_key) + ifnull (jurisdiction_id, 0) + year + value) FROM target;
SELECT count(*), sum (length (key) + length (definition)) FROM population;
SELECT count(*), sum (id + length (code) + length (name) + ifnull (parent_id, 0)) FROM jurisdiction;
SELECT count(*), sum (id + retired) FROM industry_chain;
SELECT count(*), sum (length (key) + level) FROM tier;
SELECT count(*), sum (length (key) + ifnull (validity_years, 0)) FROM honour;
SELECT count(*), sum (ifnull (current_value, 0)) FROM checklist_item WHERE metric_key IS NOT NULL;
SELECT count(*), sum (length (figure_key) + year + value) FROM typed_figure;
SELECT count(*), sum (length (key) + ifnull (length (value), 0)) FROM setting;
