/* sl-import-bulk.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>

#include "sl-certification.h"
#include "sl-enterprise.h"
#include "sl-figures.h"
#include "sl-import-private.h"
#include "sl-pipeline.h"
#include "sl-roster.h"
#include "sl-store-private.h"
#include "sl-util.h"

/* Firms new to the ledger, written together. Row by row, a firm took an
 * insert per table, an audit row per record built through JsonBuilder and
 * a savepoint: 300 µs a firm, seven times what SQLite needs for the same
 * rows. Each row is still checked in C by the rules every other write
 * uses (sl_enterprise_validate(), sl_certification_validate(),
 * sl_figures_validate()) and staged as checked; then one statement per
 * table writes them, and one per table their audit rows, taken from what
 * was written. The ids are the ledger's next ones, in row order, so that
 * each row's undo names its firm and certification. */

struct _SlImportBulk
{
  SlStore *store;
  gint64   first_firm;   /* the ids the staged rows will have, from first + 1 */
  gint64   first_cert;
  guint    n_firms;
  guint    n_certs;
  char    *stamp;
  gboolean honour_known[2];
  GString *undo;         /* each row's undo record, comma-separated */
  GHashTable *rules;     /* day -> the rule version in force: rosters share a few days */
};

/* The figures a row gives, over @f's. */
void
_sl_import_row_take_figures (const SlImportRow *r,
                             SlFigures         *f)
{
  if (r->revenue != SL_UNSET) f->revenue = r->revenue;
  if (r->main_revenue != SL_UNSET) f->main_revenue = r->main_revenue;
  if (r->rd_expense != SL_UNSET) f->rd_expense = r->rd_expense;
  if (r->patents != SL_UNSET) f->patents_valid = r->patents;
  if (!isnan (r->cnc_rate)) f->cnc_rate = r->cnc_rate;
  if (r->digital_mgmt >= 0) f->digital_mgmt = r->digital_mgmt;
  if (r->digital_rd_tools >= 0) f->digital_rd_tools = r->digital_rd_tools;
}

/**
 * _sl_import_row_certification: (skip)
 * @rule_version: (transfer full): the rules in force on its day
 *
 * Returns: (transfer full): the certification a row grants, of no firm yet
 */
SlCertification *
_sl_import_row_certification (const SlImportRow *r,
                              char              *rule_version)
{
  SlCertification *c = sl_certification_new ();

  c->tier_key = g_strdup (r->tier_key);
  c->status = g_strdup ("certified");
  c->rule_version = rule_version;
  /* With the day unknown, no day of granting is claimed. */
  c->certified_on = r->date_unknown ? NULL : g_strdup (r->certified_on);
  c->valid_from = g_strdup (r->certified_on);
  c->valid_until = g_strdup (r->valid_until);
  return c;
}

static const char *honour_keys[] = { "high_tech", "tech_sme" };

static gint64
max_id (SlStore    *store,
        const char *sql)
{
  g_autoptr(SlStmt) stmt = _sl_store_prepare (store, sql, NULL);

  return stmt && sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : -1;
}

/**
 * _sl_import_bulk_new: (skip)
 *
 * Starts staging new firms. Call inside the import's write.
 *
 * Returns: (transfer full) (nullable): the stage, or %NULL with @error
 */
SlImportBulk *
_sl_import_bulk_new (SlStore  *store,
                     GError  **error)
{
  g_autoptr(SlImportBulk) self = g_new0 (SlImportBulk, 1);
  g_autoptr(GDateTime) now = sl_now ();

  self->store = store;
  self->stamp = g_date_time_format_iso8601 (now);
  self->undo = g_string_new (NULL);
  self->rules = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (!_sl_store_exec (store,
        "CREATE TEMP TABLE IF NOT EXISTS sl_import_new ("
        " id INTEGER PRIMARY KEY, credit_code, name, jurisdiction_id, chain_id, contact, phone,"
        " specialist, main_product, cert_id, tier_key, status, rule_version, certified_on, valid_from,"
        " valid_until, year, revenue, main_revenue, rd_expense, patents_valid, cnc_rate, digital_mgmt,"
        " digital_rd_tools, honour_year, high_tech, tech_sme);"
        "DELETE FROM temp.sl_import_new", error))
    return NULL;
  self->first_firm = max_id (store, "SELECT ifnull (max (id), 0) FROM enterprise");
  self->first_cert = max_id (store, "SELECT ifnull (max (id), 0) FROM certification");
  if (self->first_firm < 0 || self->first_cert < 0)
    return _sl_store_sql_error (store, error), NULL;
  for (guint i = 0; i < G_N_ELEMENTS (honour_keys); i++)
    {
      g_autoptr(SlStmt) known = _sl_store_prepare (store, "SELECT 1 FROM honour WHERE key = ?1", error);

      if (known == NULL)
        return NULL;
      _sl_bind_text (known, 1, honour_keys[i]);
      self->honour_known[i] = sqlite3_step (known) == SQLITE_ROW;
    }
  return g_steal_pointer (&self);
}

void
_sl_import_bulk_free (SlImportBulk *self)
{
  if (self == NULL)
    return;
  g_free (self->stamp);
  g_string_free (self->undo, TRUE);
  g_hash_table_unref (self->rules);
  g_free (self);
}

guint
_sl_import_bulk_get_n_firms (SlImportBulk *self)
{
  return self->n_firms;
}

static void
bind_opt_int (SlStmt *stmt,
              int     idx,
              gint64  value)
{
  if (value == SL_UNSET || value == 0)
    sqlite3_bind_null (stmt, idx);
  else
    sqlite3_bind_int64 (stmt, idx, value);
}


/**
 * _sl_import_bulk_stage: (skip)
 * @r: a row of a firm not in the ledger
 *
 * Checks the row as writing it one by one would, and stages it.
 *
 * Returns: %FALSE with @error (the rule the row breaks) when refused;
 *   nothing is staged then
 */
gboolean
_sl_import_bulk_stage (SlImportBulk  *self,
                       SlImportRow   *r,
                       GError       **error)
{
  g_autoptr(SlEnterprise) e = sl_enterprise_new ();
  g_autoptr(SlCertification) c = NULL;
  g_autoptr(SlStmt) stage = NULL;
  g_autofree char *today = sl_today ();
  int this_year = atoi (today);
  int honour_year = r->year ? r->year : this_year;
  gboolean honour[2] = { r->high_tech == 1, r->tech_sme == 1 };
  SlFigures f;

  g_return_val_if_fail (r->existing_id == 0, FALSE);

  e->credit_code = g_strdup (r->credit_code);
  e->name = g_strdup (r->name);
  e->contact = g_strdup (r->contact);
  e->phone = g_strdup (r->phone);
  e->specialist = g_strdup (r->specialist);
  e->main_product = g_strdup (r->main_product);
  e->jurisdiction_id = r->jurisdiction_id;
  e->chain_id = r->chain_id;
  if (!sl_enterprise_validate (self->store, e, NULL, error))
    return FALSE;

  sl_figures_init (&f, 0, r->year);
  if (r->year > 0)
    {
      _sl_import_row_take_figures (r, &f);
      if (!sl_figures_validate (&f, error))
        return FALSE;
    }

  if (r->tier_key != NULL)
    {
      char *rule = r->certified_on ? g_strdup (g_hash_table_lookup (self->rules, r->certified_on)) : NULL;

      if (rule == NULL)
        {
          rule = sl_pipeline_rule_version_on (self->store, r->certified_on);
          if (r->certified_on != NULL)
            g_hash_table_insert (self->rules, g_strdup (r->certified_on), g_strdup (rule));
        }
      c = _sl_import_row_certification (r, rule);
      if (!sl_certification_validate (self->store, c, error))
        return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (honour_keys); i++)
    {
      if (!honour[i])
        continue;
      if (!self->honour_known[i])
        {
          g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_UNKNOWN,
                       _("Honour: “%s” is not one of the ledger’s honours"), honour_keys[i]);
          return FALSE;
        }
      if (honour_year < 1990 || honour_year > this_year)
        {
          g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_RANGE,
                       _("Honour year: %d is not a year from 1990 to %d"), honour_year, this_year);
          return FALSE;
        }
    }

  stage = _sl_store_prepare (self->store,
    "INSERT INTO temp.sl_import_new VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
    " ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27)", error);
  if (stage == NULL)
    return FALSE;
  sqlite3_bind_int64 (stage, 1, self->first_firm + self->n_firms + 1);
  _sl_bind_text (stage, 2, e->credit_code);
  _sl_bind_text (stage, 3, e->name);
  sqlite3_bind_int64 (stage, 4, e->jurisdiction_id);
  bind_opt_int (stage, 5, e->chain_id);
  _sl_bind_text (stage, 6, e->contact);
  _sl_bind_text (stage, 7, e->phone);
  _sl_bind_text (stage, 8, e->specialist);
  _sl_bind_text (stage, 9, e->main_product);
  if (c != NULL)
    {
      sqlite3_bind_int64 (stage, 10, self->first_cert + self->n_certs + 1);
      _sl_bind_text (stage, 11, c->tier_key);
      _sl_bind_text (stage, 12, c->status);
      _sl_bind_text (stage, 13, c->rule_version);
      _sl_bind_text (stage, 14, c->certified_on);
      _sl_bind_text (stage, 15, c->valid_from);
      _sl_bind_text (stage, 16, c->valid_until);
    }
  if (r->year > 0)
    {
      sqlite3_bind_int (stage, 17, f.year);
      _sl_bind_int_unset (stage, 18, f.revenue);
      _sl_bind_int_unset (stage, 19, f.main_revenue);
      _sl_bind_int_unset (stage, 20, f.rd_expense);
      _sl_bind_int_unset (stage, 21, f.patents_valid);
      if (!isnan (f.cnc_rate))
        sqlite3_bind_double (stage, 22, f.cnc_rate);
      _sl_bind_int_unset (stage, 23, f.digital_mgmt < 0 ? SL_UNSET : f.digital_mgmt);
      _sl_bind_int_unset (stage, 24, f.digital_rd_tools < 0 ? SL_UNSET : f.digital_rd_tools);
    }
  sqlite3_bind_int (stage, 25, honour_year);
  sqlite3_bind_int (stage, 26, honour[0]);
  sqlite3_bind_int (stage, 27, honour[1]);
  if (!_sl_store_step_done (self->store, stage, error))
    return FALSE;

  self->n_firms++;
  /* The undo of an added firm: the firm goes, and with it what it holds. */
  if (self->undo->len > 0)
    g_string_append_c (self->undo, ',');
  g_string_append_printf (self->undo, "{\"added\":%" G_GINT64_FORMAT ",\"certifications\":[",
                          self->first_firm + self->n_firms);
  if (c != NULL)
    g_string_append_printf (self->undo, "%" G_GINT64_FORMAT, self->first_cert + ++self->n_certs);
  g_string_append (self->undo, "],\"honours\":[");
  for (guint i = 0, n = 0; i < G_N_ELEMENTS (honour_keys); i++)
    if (honour[i])
      g_string_append_printf (self->undo, "%s{\"key\":\"%s\",\"year\":%d}", n++ ? "," : "", honour_keys[i], honour_year);
  g_string_append (self->undo, "]}");
  return TRUE;
}

/* The firms, after their certifications and figures (foreign keys are
 * checked at the commit), so that each row is written once with its
 * derived columns: updated after, every one of 100,000 rows was rewritten
 * and four of its index entries moved. ?1 today, ?2 the stamp. */
static const char *insert_firms =
  "INSERT INTO enterprise (id, credit_code, name, jurisdiction_id, chain_id, contact, phone, specialist,"
  " main_product, above_scale, created_at, updated_at, top_tier, latest_year, latest_revenue,"
  " latest_rd_intensity, latest_patents, name_key)"
  " SELECT s.id, s.credit_code, s.name, s.jurisdiction_id, s.chain_id, s.contact, s.phone, s.specialist,"
  " s.main_product, 0, ?2, ?2, " SL_ROSTER_TOP_TIER_OF ("s.id") ", f.year, f.revenue,"
  " " SL_ROSTER_RD_INTENSITY ("f") ", f.patents_valid, sl_name_key (s.name)"
  " FROM temp.sl_import_new s LEFT JOIN annual_figures f ON f.enterprise_id = s.id AND f.year = s.year"
  " ORDER BY s.id";

/* ?1 the stamp, ?2 the user, ?3 the last firm's id before the import's.
 * The audit rows hold what sl_enterprise_to_json(), sl_figures_to_json(),
 * sl_certification_to_json() and the honour's record hold (the test
 * /import/bulk-audit compares them), read from what was written. */
static const char *write_statements[] = {
  "INSERT INTO certification (id, enterprise_id, tier_key, status, rule_version, certified_on, valid_from, valid_until)"
  " SELECT cert_id, id, tier_key, status, rule_version, certified_on, valid_from, valid_until"
  " FROM temp.sl_import_new WHERE cert_id IS NOT NULL ORDER BY cert_id",
  "INSERT INTO annual_figures (enterprise_id, year, revenue, main_revenue, rd_expense, patents_valid, cnc_rate,"
  " digital_mgmt, digital_rd_tools)"
  " SELECT id, year, revenue, main_revenue, rd_expense, patents_valid, cnc_rate, digital_mgmt, digital_rd_tools"
  " FROM temp.sl_import_new WHERE year IS NOT NULL ORDER BY id",
  NULL, /* insert_firms */
  "INSERT INTO enterprise_honour (enterprise_id, honour_key, year, recorded_on)"
  " SELECT id, 'high_tech', honour_year, ?4 FROM temp.sl_import_new WHERE high_tech"
  " UNION ALL SELECT id, 'tech_sme', honour_year, ?4 FROM temp.sl_import_new WHERE tech_sme",
  "INSERT INTO audit_log (at, user, entity, entity_id, action, before, after)"
  " SELECT ?1, ?2, 'enterprise', id, 'create', NULL, json_object ('id', id, 'credit_code', credit_code,"
  "   'name', name, 'jurisdiction_id', jurisdiction_id, 'chain_id', chain_id, 'contact', contact, 'phone', phone,"
  "   'specialist', specialist, 'main_product', main_product, 'address', address, 'founded_on', founded_on,"
  "   'niche_since', niche_since, 'above_scale', json (CASE above_scale WHEN 1 THEN 'true' ELSE 'false' END),"
  "   'note', note, 'deleted_at', deleted_at)"
  " FROM enterprise WHERE id > ?3 ORDER BY id",
  "INSERT INTO audit_log (at, user, entity, entity_id, action, before, after)"
  " SELECT ?1, ?2, 'annual_figures', enterprise_id, 'create', NULL, json_object ('year', year, 'revenue', revenue,"
  "   'main_revenue', main_revenue, 'rd_expense', rd_expense, 'net_profit', net_profit, 'total_assets', total_assets,"
  "   'total_liabilities', total_liabilities, 'patents_valid', patents_valid, 'staff', staff, 'rd_staff', rd_staff,"
  "   'cnc_rate', cnc_rate, 'digital_mgmt', digital_mgmt, 'digital_rd_tools', digital_rd_tools)"
  " FROM annual_figures WHERE enterprise_id > ?3 ORDER BY enterprise_id",
  "INSERT INTO audit_log (at, user, entity, entity_id, action, before, after)"
  " SELECT ?1, ?2, 'certification', id, 'create', NULL, json_object ('id', id, 'enterprise_id', enterprise_id,"
  "   'tier', tier_key, 'status', status, 'rule_version', rule_version, 'batch', batch, 'doc_no', doc_no,"
  "   'applied_on', applied_on, 'certified_on', certified_on, 'valid_from', valid_from, 'valid_until', valid_until,"
  "   'note', note)"
  " FROM certification WHERE enterprise_id > ?3 ORDER BY id",
  "INSERT INTO audit_log (at, user, entity, entity_id, action, before, after)"
  " SELECT ?1, ?2, 'enterprise_honour', enterprise_id, 'create', NULL, json_object ('honour', honour_key, 'year', year)"
  " FROM enterprise_honour WHERE enterprise_id > ?3 ORDER BY enterprise_id, honour_key",
  "DELETE FROM temp.sl_import_new",
};

static gboolean
write_all (SlStore       *store,
           SlImportBulk  *self,
           GError       **error)
{
  g_autofree char *today = sl_today ();

  if (!_sl_store_exec (store, "PRAGMA defer_foreign_keys = ON", error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (write_statements); i++)
    {
      g_autoptr(SlStmt) stmt = _sl_store_prepare (store, write_statements[i] ? write_statements[i] : insert_firms, error);

      if (stmt == NULL)
        return FALSE;
      if (write_statements[i] == NULL)
        {
          _sl_bind_text (stmt, 1, today);
          _sl_bind_text (stmt, 2, self->stamp);
        }
      else
        {
          if (sqlite3_bind_parameter_count (stmt) >= 1)
            _sl_bind_text (stmt, 1, self->stamp);
          if (sqlite3_bind_parameter_count (stmt) >= 2)
            _sl_bind_text (stmt, 2, g_get_user_name ());
          if (sqlite3_bind_parameter_count (stmt) >= 3)
            sqlite3_bind_int64 (stmt, 3, self->first_firm);
          if (sqlite3_bind_parameter_count (stmt) >= 4)
            _sl_bind_text (stmt, 4, today);
        }
      if (!_sl_store_step_done (store, stmt, error))
        return FALSE;
    }
  return _sl_roster_index_search_from (store, self->first_firm + 1, error);
}

/**
 * _sl_import_bulk_write: (skip)
 *
 * Writes the staged firms, all or none. Call before any other write of
 * the import: the staged ids are the ledger's next ones.
 */
gboolean
_sl_import_bulk_write (SlImportBulk  *self,
                       GError       **error)
{
  /* Inside the import's transaction, and no savepoint of its own: a
   * failure fails the import, and a savepoint would keep a copy of every
   * page these statements change. */
  return self->n_firms == 0 || write_all (self->store, self, error);
}

/* Returns: the staged rows' undo records, comma-separated */
const char *
_sl_import_bulk_get_undo (SlImportBulk *self)
{
  return self->undo->str;
}
