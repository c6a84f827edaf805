/* sl-target.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-target"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "sl-store-private.h"
#include "sl-target.h"
#include "sl-util.h"

void
sl_target_free (SlTarget *target)
{
  g_free (target->metric_key);
  g_free (target->name);
  g_free (target->unit);
  g_free (target->comparison);
  g_free (target);
}

/* The rows of @stmt: key, name, unit, comparison, own value, reference. */
static GPtrArray *
read_list (SlStmt  *stmt,
           GError **error)
{
  g_autoptr(GError) step_error = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_target_free);

  while (_sl_step_row (stmt, &step_error))
    {
      SlTarget *t = g_new0 (SlTarget, 1);

      t->metric_key = g_strdup (_sl_column_text (stmt, 0));
      t->name = g_strdup (_sl_column_text (stmt, 1));
      t->unit = g_strdup (_sl_column_text (stmt, 2));
      t->comparison = g_strdup (_sl_column_text (stmt, 3));
      t->own = sqlite3_column_type (stmt, 4) == SQLITE_NULL ? NAN : sqlite3_column_double (stmt, 4);
      t->reference = sqlite3_column_type (stmt, 5) == SQLITE_NULL ? NAN : sqlite3_column_double (stmt, 5);
      g_ptr_array_add (list, t);
    }
  if (step_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&step_error));
      return NULL;
    }
  return g_steal_pointer (&list);
}

/**
 * sl_target_list:
 * @jurisdiction_id: a jurisdiction, or 0 for the whole ledger
 * @year: the year of the targets
 *
 * Returns: (transfer full) (element-type SlTarget): every metric of the
 *   plan in plan order, with its own target and the one that applies
 *   without it
 */
GPtrArray *
sl_target_list (SlStore     *store,
                gint64       jurisdiction_id,
                int          year,
                GError     **error)
{
  /* The reference: for a county, the whole ledger's target of the year;
   * for the whole ledger, the target of the nearest other year. */
  g_autoptr(SlStmt) stmt = _sl_store_prepare (store,
    "SELECT m.key, m.name, m.unit, m.comparison,"
    " (SELECT value FROM target WHERE metric_key = m.key AND ifnull (jurisdiction_id, 0) = ?1 AND year = ?2),"
    " (SELECT value FROM target WHERE metric_key = m.key AND jurisdiction_id IS NULL AND NOT (?1 = 0 AND year = ?2)"
    "  ORDER BY (year < ?2), CASE WHEN year >= ?2 THEN year ELSE -year END LIMIT 1)"
    " FROM metric m ORDER BY m.position, m.key", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, jurisdiction_id);
  sqlite3_bind_int (stmt, 2, year);
  return read_list (stmt, error);
}

typedef struct
{
  const char *metric_key;
  gint64      jurisdiction_id;
  int         year;
  double      value;
  const char *table;   /* "target" or "typed_figure": both keyed alike */
} TargetChange;

static gboolean
target_cb (SlStore  *store,
           gpointer  user_data,
           GError  **error)
{
  TargetChange *t = user_data;
  gboolean typed = g_str_equal (t->table, "typed_figure");
  const char *key_column = typed ? "figure_key" : "metric_key";
  g_autofree char *select_sql = g_strdup_printf (
    "SELECT value FROM %s WHERE %s = ?1 AND ifnull (jurisdiction_id, 0) = ?2 AND year = ?3", t->table, key_column);
  g_autofree char *delete_sql = g_strdup_printf (
    "DELETE FROM %s WHERE %s = ?1 AND ifnull (jurisdiction_id, 0) = ?2 AND year = ?3", t->table, key_column);
  g_autofree char *insert_sql = g_strdup_printf (
    "INSERT INTO %s (%s, jurisdiction_id, year, value) VALUES (?1, nullif (?2, 0), ?3, ?4)"
    " ON CONFLICT DO UPDATE SET value = excluded.value", t->table, key_column);
  g_autoptr(SlStmt) old = _sl_store_prepare (store, select_sql, error);
  g_autoptr(SlStmt) stmt = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;

  if (old == NULL)
    return FALSE;
  _sl_bind_text (old, 1, t->metric_key);
  sqlite3_bind_int64 (old, 2, t->jurisdiction_id);
  sqlite3_bind_int (old, 3, t->year);
  if (sqlite3_step (old) == SQLITE_ROW)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "value");
      json_builder_add_double_value (b, sqlite3_column_double (old, 0));
      json_builder_end_object (b);
      before = json_builder_get_root (b);
      json_builder_reset (b);
    }
  sqlite3_reset (old);

  if (isnan (t->value))
    {
      if (before == NULL)
        return TRUE;   /* nothing to clear: nothing written, nothing logged */
      stmt = _sl_store_prepare (store, delete_sql, error);
    }
  else
    stmt = _sl_store_prepare (store, insert_sql, error);
  if (stmt == NULL)
    return FALSE;
  _sl_bind_text (stmt, 1, t->metric_key);
  sqlite3_bind_int64 (stmt, 2, t->jurisdiction_id);
  sqlite3_bind_int (stmt, 3, t->year);
  if (!isnan (t->value))
    sqlite3_bind_double (stmt, 4, t->value);
  if (!_sl_store_step_done (store, stmt, error))
    return FALSE;

  json_builder_begin_object (b);
  sl_json_add_text (b, typed ? "figure" : "metric", t->metric_key);
  json_builder_set_member_name (b, "jurisdiction_id");
  json_builder_add_int_value (b, t->jurisdiction_id);
  json_builder_set_member_name (b, "year");
  json_builder_add_int_value (b, t->year);
  json_builder_set_member_name (b, "value");
  if (isnan (t->value))
    json_builder_add_null_value (b);
  else
    json_builder_add_double_value (b, t->value);
  json_builder_end_object (b);
  after = json_builder_get_root (b);
  return sl_store_audit (store, t->table, t->jurisdiction_id,
                         isnan (t->value) ? "delete" : before ? "update" : "create", before, after, error);
}

/* Checks the metric, year and jurisdiction, then writes: value NAN clears. */
static gboolean
change (SlStore      *store,
        TargetChange *t,
        GError      **error)
{
  g_autoptr(SlStmt) stmt = NULL;

  if (t->year < 2000 || t->year > 2100)
    {
      g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_RANGE,
                   _("Year: %d is not a year from 2000 to %d"), t->year, 2100);
      return FALSE;
    }
  /* A typed figure is a manual indicator's value or a share's whole. */
  stmt = _sl_store_prepare (store, g_str_equal (t->table, "typed_figure")
    ? "SELECT (SELECT count(*) FROM metric WHERE (key = ?1 AND json_extract (measure, '$.kind') = 'manual')"
      "   OR (key || '.whole' = ?1 AND json_extract (measure, '$.denominator_population') IS NOT NULL)),"
      " (?2 = 0 OR EXISTS (SELECT 1 FROM jurisdiction WHERE id = ?2))"
    : "SELECT (SELECT count(*) FROM metric WHERE key = ?1), (?2 = 0 OR EXISTS (SELECT 1 FROM jurisdiction WHERE id = ?2))", error);
  if (stmt == NULL)
    return FALSE;
  _sl_bind_text (stmt, 1, t->metric_key);
  sqlite3_bind_int64 (stmt, 2, t->jurisdiction_id);
  sqlite3_step (stmt);
  if (sqlite3_column_int (stmt, 0) == 0)
    {
      if (g_str_equal (t->table, "typed_figure"))
        g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_UNKNOWN,
                     _("Figure: “%s” is no figure the plan takes typed"), t->metric_key ? t->metric_key : "");
      else
        g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_UNKNOWN,
                     _("Metric: “%s” is not a metric of the plan"), t->metric_key ? t->metric_key : "");
      return FALSE;
    }
  if (sqlite3_column_int (stmt, 1) == 0)
    {
      g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_UNKNOWN,
                   _("Jurisdiction: not one of the ledger’s jurisdictions"));
      return FALSE;
    }
  sqlite3_reset (stmt);
  return sl_store_write (store, target_cb, t, error);
}

/**
 * sl_target_set:
 * @jurisdiction_id: a county's (or zone's) own share, or 0 for the whole ledger
 *
 * Sets the target of a metric for a year.
 */
gboolean
sl_target_set (SlStore     *store,
               const char  *metric_key,
               gint64       jurisdiction_id,
               int          year,
               double       value,
               GError     **error)
{
  TargetChange t = { metric_key, jurisdiction_id, year, value, "target" };

  if (isnan (value) || value < 0)
    {
      g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_RANGE, _("Target: must not be negative"));
      return FALSE;
    }
  return change (store, &t, error);
}

/**
 * sl_target_clear:
 *
 * Removes the target set for exactly this metric, year and jurisdiction,
 * so that the reference applies again. Clearing what is not set is no
 * change.
 */
gboolean
sl_target_clear (SlStore     *store,
                 const char  *metric_key,
                 gint64       jurisdiction_id,
                 int          year,
                 GError     **error)
{
  TargetChange t = { metric_key, jurisdiction_id, year, NAN, "target" };

  return change (store, &t, error);
}

/**
 * sl_typed_figure_list:
 * @jurisdiction_id: a jurisdiction, or 0 for the whole ledger
 * @year: the year the figures are of
 *
 * The figures the ledger takes typed: each manual indicator's value (its
 * reference, for the whole ledger, the checklists' value), and each
 * share's whole as the statistics bureau reports it, in 万元 (without it,
 * the share is taken of the ledger's own firms).
 *
 * Returns: (transfer full) (element-type SlTarget): in plan order;
 *   metric_key is the figure's key, comparison %NULL
 */
GPtrArray *
sl_typed_figure_list (SlStore     *store,
                      gint64       jurisdiction_id,
                      int          year,
                      GError     **error)
{
  g_autoptr(SlStmt) stmt = _sl_store_prepare (store,
    "SELECT k.key, CASE WHEN k.whole THEN printf (?3, m.name, ifnull (p.name, '')) ELSE m.name END,"
    " CASE WHEN k.whole THEN ?4 ELSE m.unit END, NULL,"
    " (SELECT value FROM typed_figure WHERE figure_key = k.key AND ifnull (jurisdiction_id, 0) = ?1 AND year = ?2),"
    " CASE WHEN ?1 = 0 AND NOT k.whole THEN (SELECT max (current_value) FROM checklist_item WHERE metric_key = m.key) END"
    " FROM metric m"
    " JOIN (SELECT key AS metric, key, 0 AS whole FROM metric WHERE json_extract (measure, '$.kind') = 'manual'"
    "       UNION ALL SELECT key, key || '.whole', 1 FROM metric WHERE json_extract (measure, '$.denominator_population') IS NOT NULL) k"
    "   ON k.metric = m.key"
    " LEFT JOIN population p ON p.key = json_extract (m.measure, '$.denominator_population')"
    " ORDER BY m.position, m.key, k.whole", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, jurisdiction_id);
  sqlite3_bind_int (stmt, 2, year);
  /* TRANSLATORS: a share's whole as typed, e.g. 主营业务收入占规上中小企业比重：全部规上中小企业总额（统计部门） */
  _sl_bind_text (stmt, 3, _("%s: the total of all %s (statistics bureau)"));
  _sl_bind_text (stmt, 4, _("10k yuan"));
  return read_list (stmt, error);
}

/**
 * sl_typed_figure_set:
 * @figure_key: a manual indicator's key, or a share's key and ".whole"
 * @jurisdiction_id: a jurisdiction, or 0 for the whole ledger
 * @value: the figure, or NAN to remove it
 *
 * Types a figure for a year, or removes it.
 */
gboolean
sl_typed_figure_set (SlStore     *store,
                     const char  *figure_key,
                     gint64       jurisdiction_id,
                     int          year,
                     double       value,
                     GError     **error)
{
  TargetChange t = { figure_key, jurisdiction_id, year, value, "typed_figure" };

  if (!isnan (value) && (value < 0 || isinf (value)))
    {
      g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_RANGE, _("Figure: must not be negative"));
      return FALSE;
    }
  return change (store, &t, error);
}
