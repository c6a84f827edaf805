/* sl-store-migrations.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "sl-store-private.h"

/* Money is stored in whole yuan (INTEGER); the UI shows and takes 万元.
 * Dates are ISO text (YYYY-MM-DD), so they sort and compare as strings. */
static const char schema_v1[] =
  "CREATE TABLE setting ("
  "  key   TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ");"

  "CREATE TABLE jurisdiction ("
  "  id        INTEGER PRIMARY KEY,"
  "  code      TEXT UNIQUE,"
  "  name      TEXT NOT NULL UNIQUE,"
  "  kind      TEXT NOT NULL CHECK (kind IN ('district', 'county', 'zone', 'town')),"
  "  parent_id INTEGER REFERENCES jurisdiction (id),"
  "  position  INTEGER NOT NULL DEFAULT 0,"
  "  retired   INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1))"
  ");"

  "CREATE TABLE industry_chain ("
  "  id       INTEGER PRIMARY KEY,"
  "  key      TEXT UNIQUE,"
  "  name     TEXT NOT NULL UNIQUE,"
  "  position INTEGER NOT NULL DEFAULT 0,"
  "  retired  INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1))"
  ");"

  "CREATE TABLE tier ("
  "  key            TEXT PRIMARY KEY,"
  "  name           TEXT NOT NULL,"
  "  name_en        TEXT,"
  "  level          INTEGER NOT NULL UNIQUE,"
  "  validity_years INTEGER CHECK (validity_years IS NULL OR validity_years > 0),"
  "  requires       TEXT REFERENCES tier (key)"
  ");"

  "CREATE TABLE rule_version ("
  "  key            TEXT PRIMARY KEY,"
  "  name           TEXT NOT NULL,"
  "  effective_from TEXT NOT NULL"
  ");"

  "CREATE TABLE honour ("
  "  key            TEXT PRIMARY KEY,"
  "  name           TEXT NOT NULL,"
  "  name_en        TEXT,"
  "  category       TEXT NOT NULL,"
  "  validity_years INTEGER CHECK (validity_years IS NULL OR validity_years > 0),"
  "  position       INTEGER NOT NULL DEFAULT 0,"
  "  retired        INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1))"
  ");"

  "CREATE TABLE population ("
  "  key        TEXT PRIMARY KEY,"
  "  name       TEXT NOT NULL,"
  "  definition TEXT NOT NULL CHECK (json_valid (definition))"
  ");"

  "CREATE TABLE metric ("
  "  key        TEXT PRIMARY KEY,"
  "  name       TEXT NOT NULL,"
  "  name_en    TEXT,"
  "  unit       TEXT NOT NULL,"
  "  comparison TEXT NOT NULL CHECK (comparison IN ('>', '>=', '<=', '<')),"
  "  measure    TEXT NOT NULL CHECK (json_valid (measure)),"
  "  main_goal  INTEGER NOT NULL DEFAULT 0,"
  "  position   INTEGER NOT NULL DEFAULT 0"
  ");"

  "CREATE TABLE enterprise ("
  "  id              INTEGER PRIMARY KEY,"
  "  credit_code     TEXT NOT NULL UNIQUE,"
  "  name            TEXT NOT NULL,"
  "  jurisdiction_id INTEGER NOT NULL REFERENCES jurisdiction (id),"
  "  chain_id        INTEGER REFERENCES industry_chain (id),"
  "  contact         TEXT,"
  "  phone           TEXT,"
  "  specialist      TEXT,"
  "  main_product    TEXT,"
  "  address         TEXT,"
  "  founded_on      TEXT,"
  "  niche_since     INTEGER,"
  "  above_scale     INTEGER NOT NULL DEFAULT 0 CHECK (above_scale IN (0, 1)),"
  "  note            TEXT,"
  "  created_at      TEXT NOT NULL,"
  "  updated_at      TEXT NOT NULL,"
  "  deleted_at      TEXT,"
  /* Derived, kept by the core in the same transaction as the write they come
   * from, so that the roster sorts and filters a million firms by index. */
  "  top_tier        INTEGER,"
  "  latest_year     INTEGER,"
  "  latest_revenue  INTEGER,"
  "  latest_rd_intensity REAL,"
  "  latest_patents  INTEGER"
  ");"
  "CREATE INDEX enterprise_jurisdiction ON enterprise (jurisdiction_id) WHERE deleted_at IS NULL;"
  "CREATE INDEX enterprise_chain ON enterprise (chain_id) WHERE deleted_at IS NULL;"
  "CREATE INDEX enterprise_name ON enterprise (name) WHERE deleted_at IS NULL;"
  "CREATE INDEX enterprise_code ON enterprise (credit_code) WHERE deleted_at IS NULL;"
  "CREATE INDEX enterprise_updated ON enterprise (updated_at) WHERE deleted_at IS NULL;"
  "CREATE INDEX enterprise_top_tier ON enterprise (top_tier) WHERE deleted_at IS NULL;"
  "CREATE INDEX enterprise_revenue ON enterprise (latest_revenue) WHERE deleted_at IS NULL;"
  "CREATE INDEX enterprise_rd ON enterprise (latest_rd_intensity) WHERE deleted_at IS NULL;"
  "CREATE INDEX enterprise_patents ON enterprise (latest_patents) WHERE deleted_at IS NULL;"
  "CREATE INDEX enterprise_specialist ON enterprise (specialist) WHERE deleted_at IS NULL;"
  "CREATE INDEX enterprise_trash ON enterprise (deleted_at) WHERE deleted_at IS NOT NULL;"
  /* Substring search: trigrams for three characters and more, single
   * characters (space-separated) for one or two. Rowid = enterprise id. */
  "CREATE VIRTUAL TABLE enterprise_search USING fts5 (body, tokenize = 'trigram');"
  "CREATE VIRTUAL TABLE enterprise_chars USING fts5 (body, tokenize = 'unicode61');"

  "CREATE TABLE annual_figures ("
  "  enterprise_id    INTEGER NOT NULL REFERENCES enterprise (id) ON DELETE CASCADE,"
  "  year             INTEGER NOT NULL,"
  "  revenue          INTEGER CHECK (revenue >= 0),"
  "  main_revenue     INTEGER CHECK (main_revenue >= 0),"
  "  rd_expense       INTEGER CHECK (rd_expense >= 0),"
  "  net_profit       INTEGER,"
  "  total_assets     INTEGER CHECK (total_assets >= 0),"
  "  total_liabilities INTEGER CHECK (total_liabilities >= 0),"
  "  patents_valid    INTEGER CHECK (patents_valid >= 0),"
  "  staff            INTEGER CHECK (staff >= 0),"
  "  rd_staff         INTEGER CHECK (rd_staff >= 0),"
  "  cnc_rate         REAL CHECK (cnc_rate BETWEEN 0 AND 100),"
  "  digital_mgmt     INTEGER CHECK (digital_mgmt IN (0, 1)),"
  "  digital_rd_tools INTEGER CHECK (digital_rd_tools IN (0, 1)),"
  "  PRIMARY KEY (enterprise_id, year)"
  ") WITHOUT ROWID;"

  "CREATE TABLE certification ("
  "  id            INTEGER PRIMARY KEY,"
  "  enterprise_id INTEGER NOT NULL REFERENCES enterprise (id) ON DELETE CASCADE,"
  "  tier_key      TEXT NOT NULL REFERENCES tier (key),"
  "  status        TEXT NOT NULL CHECK (status IN ('applying', 'publicised', 'certified',"
  "                  'rejected', 'expired', 'revoked', 'under_review')),"
  "  rule_version  TEXT NOT NULL REFERENCES rule_version (key),"
  "  batch         TEXT,"
  "  doc_no        TEXT,"
  "  applied_on    TEXT,"
  "  certified_on  TEXT,"
  "  valid_from    TEXT,"
  "  valid_until   TEXT,"
  "  note          TEXT"
  ");"
  "CREATE INDEX certification_enterprise ON certification (enterprise_id, tier_key, status, valid_from, valid_until);"
  "CREATE INDEX certification_tier ON certification (tier_key, valid_from);"
  "CREATE INDEX certification_until ON certification (valid_until);"

  "CREATE TABLE enterprise_honour ("
  "  enterprise_id INTEGER NOT NULL REFERENCES enterprise (id) ON DELETE CASCADE,"
  "  honour_key    TEXT NOT NULL REFERENCES honour (key),"
  "  year          INTEGER NOT NULL,"
  "  note          TEXT,"
  "  PRIMARY KEY (enterprise_id, honour_key, year)"
  ") WITHOUT ROWID;"
  "CREATE INDEX enterprise_honour_key ON enterprise_honour (honour_key, year);"

  "CREATE TABLE project ("
  "  id            INTEGER PRIMARY KEY,"
  "  key           TEXT UNIQUE,"
  "  kind          TEXT NOT NULL CHECK (kind IN ('programme', 'dossier', 'custom')),"
  "  title         TEXT NOT NULL,"
  "  responsible   TEXT,"
  "  enterprise_id INTEGER REFERENCES enterprise (id) ON DELETE CASCADE,"
  "  tier_key      TEXT REFERENCES tier (key),"
  "  position      INTEGER NOT NULL DEFAULT 0,"
  "  created_at    TEXT NOT NULL"
  ");"

  "CREATE TABLE checklist_item ("
  "  id            INTEGER PRIMARY KEY,"
  "  project_id    INTEGER NOT NULL REFERENCES project (id) ON DELETE CASCADE,"
  "  position      INTEGER NOT NULL,"
  "  title         TEXT NOT NULL,"
  "  responsible   TEXT,"
  "  due_on        TEXT,"
  "  metric_key    TEXT REFERENCES metric (key),"
  "  target_value  REAL,"
  "  unit          TEXT,"
  "  current_value REAL,"
  "  done_on       TEXT,"
  "  note          TEXT"
  ");"
  "CREATE INDEX checklist_item_project ON checklist_item (project_id, position);"

  /* The hard thresholds of a tier under a rule version, for eligibility hints. */
  "CREATE TABLE threshold ("
  "  rule_version TEXT NOT NULL REFERENCES rule_version (key),"
  "  tier_key     TEXT NOT NULL REFERENCES tier (key),"
  "  position     INTEGER NOT NULL,"
  "  key          TEXT NOT NULL,"
  "  name         TEXT NOT NULL,"
  "  at_least     REAL,"
  "  at_most      REAL,"
  "  unit         TEXT,"
  "  PRIMARY KEY (rule_version, tier_key, key)"
  ") WITHOUT ROWID;"

  /* The plan's material lists for application dossiers; tier NULL: every tier. */
  "CREATE TABLE checklist_template ("
  "  id       INTEGER PRIMARY KEY,"
  "  tier_key TEXT REFERENCES tier (key),"
  "  position INTEGER NOT NULL,"
  "  title    TEXT NOT NULL"
  ");"

  "CREATE TABLE target ("
  "  id              INTEGER PRIMARY KEY,"
  "  metric_key      TEXT NOT NULL REFERENCES metric (key),"
  "  jurisdiction_id INTEGER REFERENCES jurisdiction (id),"
  "  year            INTEGER NOT NULL,"
  "  value           REAL NOT NULL"
  ");"
  "CREATE UNIQUE INDEX target_unique ON target (metric_key, ifnull (jurisdiction_id, 0), year);"

  "CREATE TABLE bulletin ("
  "  id           INTEGER PRIMARY KEY,"
  "  period       TEXT NOT NULL,"
  "  scope        TEXT,"
  "  issue_no     INTEGER NOT NULL,"
  "  generated_at TEXT NOT NULL,"
  "  file         TEXT,"
  "  figures      TEXT NOT NULL CHECK (json_valid (figures))"
  ");"

  "CREATE TABLE audit_log ("
  "  id        INTEGER PRIMARY KEY,"
  "  at        TEXT NOT NULL,"
  "  user      TEXT NOT NULL,"
  "  entity    TEXT NOT NULL,"
  "  entity_id INTEGER NOT NULL,"
  "  action    TEXT NOT NULL,"
  "  before    TEXT,"
  "  after     TEXT"
  ");"
  "CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);";

/* Version 2: a pipeline column lists the firms of one highest tier by
 * name; with the tier alone indexed, a million-firm pool was sorted anew
 * each time (2.8 s). The new index serves the tier filter and sort too. */
static const char schema_v2[] =
  "DROP INDEX enterprise_top_tier;"
  "CREATE INDEX enterprise_tier_name ON enterprise (top_tier, name) WHERE deleted_at IS NULL;";

/* Version 3: imports kept as a stack, so that after Undo Import the one
 * before can be undone too. The audit ids bound what each import and
 * each undo wrote: the rows of an import already undone are no "later
 * change" that stops the undo of an earlier one. */
static const char schema_v3[] =
  "CREATE TABLE import_undo ("
  "  id          INTEGER PRIMARY KEY,"
  "  at          TEXT NOT NULL,"
  "  source      TEXT,"
  "  firms       INTEGER NOT NULL,"
  "  first_audit INTEGER NOT NULL,"
  "  last_audit  INTEGER NOT NULL,"
  "  record      TEXT NOT NULL CHECK (json_valid (record)),"
  "  undone_at   TEXT,"
  "  undo_first  INTEGER,"
  "  undo_last   INTEGER"
  ");"
  "INSERT INTO import_undo (at, source, firms, first_audit, last_audit, record)"
  "  SELECT ifnull (json_extract (value, '$.at'), ''), json_extract (value, '$.source'),"
  "         ifnull (json_extract (value, '$.firms'), json_array_length (value, '$.rows')),"
  "         ifnull (json_extract (value, '$.audit_id'), 0), ifnull (json_extract (value, '$.audit_id'), 0), value"
  "  FROM setting WHERE key = 'last_import' AND json_valid (value);"
  "DELETE FROM setting WHERE key = 'last_import';";

/* Version 4: what happened to a certification and when, where the row
 * keeps only its state: a publication, a refusal, a re-review passed or
 * failed, with the end date the re-review replaced. The bulletin counts
 * the pipeline's activity of a month from it. */
static const char schema_v4[] =
  "CREATE TABLE certification_event ("
  "  id               INTEGER PRIMARY KEY,"
  "  certification_id INTEGER NOT NULL REFERENCES certification (id) ON DELETE CASCADE,"
  "  kind             TEXT NOT NULL CHECK (kind IN ('publicised', 'rejected', 'review_passed', 'review_failed')),"
  "  on_date          TEXT NOT NULL,"
  "  until_before     TEXT"
  ");"
  "CREATE INDEX certification_event_certification ON certification_event (certification_id);"
  "CREATE INDEX certification_event_on ON certification_event (on_date);";

/* Version 5: figures the ledger cannot count itself, typed per year and
 * jurisdiction as the statistics bureau or the workgroup reports them: a
 * manual indicator's value (the clusters of a county), or a share's whole
 * ("cluster_count", "main_revenue_share.whole"). */
static const char schema_v5[] =
  "CREATE TABLE typed_figure ("
  "  figure_key      TEXT NOT NULL,"
  "  jurisdiction_id INTEGER REFERENCES jurisdiction (id),"
  "  year            INTEGER NOT NULL,"
  "  value           REAL NOT NULL CHECK (value >= 0)"
  ");"
  "CREATE UNIQUE INDEX typed_figure_unique ON typed_figure (figure_key, ifnull (jurisdiction_id, 0), year);";

/* Version 6: each name's sort key (sl-collate.c), so that the roster sorts
 * Chinese names by pinyin through an index. A program that changes a name
 * without the key (the sqlite3 shell) leaves the key empty, to be made
 * again when the ledger is next opened, rather than wrong. */
static const char schema_v6[] =
  "ALTER TABLE enterprise ADD COLUMN name_key BLOB;"
  /* As enterprise_name and enterprise_tier_name before them: the roster and
   * each pipeline column read in name order from the index alone. */
  "CREATE INDEX enterprise_name_key ON enterprise (name_key) WHERE deleted_at IS NULL;"
  "CREATE INDEX enterprise_tier_name_key ON enterprise (top_tier, name_key) WHERE deleted_at IS NULL;"
  "DROP INDEX enterprise_tier_name;"
  "CREATE TRIGGER enterprise_name_key_stale AFTER UPDATE OF name ON enterprise"
  "  WHEN new.name_key IS old.name_key AND new.name IS NOT old.name"
  "  BEGIN UPDATE enterprise SET name_key = NULL WHERE id = new.id; END;";

/* Version 7: what was true on a past day, as the ledger knows it now. A
 * firm's jurisdiction has a history: each move keeps where it was until
 * the day the move was recorded, so a past month counts it where it was
 * then. An honour has only a year; the day it was recorded bounds when
 * it was known to be held within that year. Both are filled from the
 * audit log for what was written before. And a plan's indicators and
 * programmes have the years they belong to. */
static const char schema_v7[] =
  "CREATE TABLE jurisdiction_move ("
  "  id              INTEGER PRIMARY KEY,"
  "  enterprise_id   INTEGER NOT NULL REFERENCES enterprise (id) ON DELETE CASCADE,"
  "  from_id         INTEGER NOT NULL REFERENCES jurisdiction (id),"
  "  to_id           INTEGER NOT NULL REFERENCES jurisdiction (id),"
  "  moved_on        TEXT NOT NULL"
  ");"
  "CREATE INDEX jurisdiction_move_enterprise ON jurisdiction_move (enterprise_id, moved_on);"
  "CREATE INDEX jurisdiction_move_on ON jurisdiction_move (moved_on);"
  "INSERT INTO jurisdiction_move (enterprise_id, from_id, to_id, moved_on)"
  "  SELECT a.entity_id, json_extract (a.before, '$.jurisdiction_id'), json_extract (a.after, '$.jurisdiction_id'),"
  "         substr (a.at, 1, 10)"
  "  FROM audit_log a"
  "  WHERE a.entity = 'enterprise' AND a.action = 'update'"
  "    AND json_valid (a.before) AND json_valid (a.after)"
  "    AND json_extract (a.before, '$.jurisdiction_id') IS NOT json_extract (a.after, '$.jurisdiction_id')"
  "    AND json_extract (a.before, '$.jurisdiction_id') IN (SELECT id FROM jurisdiction)"
  "    AND json_extract (a.after, '$.jurisdiction_id') IN (SELECT id FROM jurisdiction)"
  "    AND a.entity_id IN (SELECT id FROM enterprise)"
  "  ORDER BY a.id;"
  "ALTER TABLE enterprise_honour ADD COLUMN recorded_on TEXT;"
  "UPDATE enterprise_honour SET recorded_on = ("
  "  SELECT min (substr (a.at, 1, 10)) FROM audit_log a"
  "  WHERE a.entity = 'enterprise_honour' AND a.entity_id = enterprise_honour.enterprise_id AND a.action = 'create'"
  "    AND json_valid (a.after) AND json_extract (a.after, '$.honour') = enterprise_honour.honour_key"
  "    AND json_extract (a.after, '$.year') = enterprise_honour.year);"
  /* The years a plan's indicator or programme belongs to (NULL: open): when
   * the next plan is loaded, the last one's keep their years, so that a
   * bulletin of those years still has them and a later one has the new. */
  "ALTER TABLE metric ADD COLUMN from_year INTEGER;"
  "ALTER TABLE metric ADD COLUMN until_year INTEGER;"
  "ALTER TABLE project ADD COLUMN from_year INTEGER;"
  "ALTER TABLE project ADD COLUMN until_year INTEGER;";

/* Version 8: the above-scale firms by an index of their own. The summary
 * reads each firm's place from the jurisdictions' index and these firms
 * from this one: a twentieth of the table's pages, which it read whole
 * for three columns (a quarter of a summary at a million firms). */
static const char schema_v8[] =
  "CREATE INDEX enterprise_above_scale ON enterprise (jurisdiction_id) WHERE deleted_at IS NULL AND above_scale = 1;";

const SlMigration sl_migrations[] = {
  { 1, schema_v1 },
  { 2, schema_v2 },
  { 3, schema_v3 },
  { 4, schema_v4 },
  { 5, schema_v5 },
  { 6, schema_v6 },
  { 7, schema_v7 },
  { 8, schema_v8 },
};

const guint sl_n_migrations = G_N_ELEMENTS (sl_migrations);
