/* sl-summary-measure.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The measures of the plan's metrics: each kind of metric in plan JSON as
 * one query over the temporary views that sl-summary.c sets up. */

#define G_LOG_DOMAIN "sl-summary"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sl-certification.h"
#include "sl-enterprise.h"
#include "sl-store-private.h"
#include "sl-summary-private.h"

/* Fills pop_member for @key and returns its size, or -1 on error. */
gint64
_sl_summary_population (Ctx         *ctx,
            const char  *key,
            char       **out_name,
            GError     **error)
{
  g_autoptr(SlStmt) def = NULL;
  g_autoptr(SlStmt) fill = NULL;
  g_autoptr(SlStmt) size = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *obj;
  gpointer cached;

  def = _sl_store_prepare (ctx->store, "SELECT name, definition FROM population WHERE key = ?1", error);
  if (def == NULL)
    return -1;
  _sl_bind_text (def, 1, key);
  if (sqlite3_step (def) != SQLITE_ROW)
    {
      g_set_error (error, SL_STORE_ERROR, SL_STORE_ERROR_NOT_FOUND,
                   _("The population “%s” is not defined in this ledger"), key);
      return -1;
    }
  if (out_name)
    *out_name = g_strdup (_sl_column_text (def, 0));
  if (g_hash_table_lookup_extended (ctx->populations, key, NULL, &cached))
    return GPOINTER_TO_SIZE (cached);

  node = json_from_string (_sl_column_text (def, 1), error);
  if (node == NULL)
    return -1;
  obj = json_node_get_object (node);

  if (json_object_has_member (obj, "tiers"))
    {
      g_autofree char *tiers = json_to_string (json_object_get_member (obj, "tiers"), FALSE);
      fill = _sl_store_prepare (ctx->store,
        "INSERT OR IGNORE INTO pop_member SELECT ?1, c.enterprise_id FROM certification c"
        " JOIN scope_enterprise s ON s.enterprise_id = c.enterprise_id"
        " WHERE c.tier_key IN (SELECT value FROM json_each (?2)) AND c.status IN " SL_HELD_STATUSES
        "   AND c.valid_from <= ?3 AND ifnull (c.valid_until, '9999-12-31') >= ?3 AND " SL_NOT_LAPSED_ON ("c", "?3"), error);
      if (fill == NULL)
        return -1;
      _sl_bind_text (fill, 2, tiers);
      _sl_bind_text (fill, 3, ctx->as_of);
    }
  else if (json_object_has_member (obj, "above_scale"))
    fill = _sl_store_prepare (ctx->store,
      "INSERT OR IGNORE INTO pop_member SELECT ?1, e.id FROM enterprise e"
      " JOIN scope_enterprise s ON s.enterprise_id = e.id WHERE e.above_scale = 1", error);
  else
    fill = _sl_store_prepare (ctx->store,
      "INSERT OR IGNORE INTO pop_member SELECT ?1, enterprise_id FROM scope_enterprise", error);
  if (fill == NULL)
    return -1;
  _sl_bind_text (fill, 1, key);
  if (!_sl_store_step_done (ctx->store, fill, error))
    return -1;

  size = _sl_store_prepare (ctx->store, "SELECT count(*) FROM pop_member WHERE pop = ?1", error);
  if (size == NULL)
    return -1;
  _sl_bind_text (size, 1, key);
  sqlite3_step (size);
  g_hash_table_insert (ctx->populations, g_strdup (key),
                       GSIZE_TO_POINTER ((gsize) sqlite3_column_int64 (size, 0)));
  return sqlite3_column_int64 (size, 0);
}

static gboolean
is_figure_field (const char *field)
{
  static const char *fields[] = {
    "revenue", "main_revenue", "rd_expense", "patents_valid", "staff", "rd_staff",
    "cnc_rate", "digital_mgmt", "digital_rd_tools", NULL
  };
  return field != NULL && g_strv_contains (fields, field);
}

/* Runs a one-row query whose first column is the value (NULL for none). */
/* As query_value(), and the second column, a count, into @count. */
static gboolean
query_value_count (Ctx         *ctx,
                   const char  *sql,
                   const char  *text1,
                   const char  *text2,
                   double      *out,
                   gboolean    *has,
                   gint64      *count,
                   GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = _sl_store_get_db (ctx->store);
  int rc;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, SL_STORE_ERROR, SL_STORE_ERROR_SQL, "SQL: %s", sqlite3_errmsg (db));
      return FALSE;
    }
  if (sqlite3_bind_parameter_index (stmt, "?1"))
    _sl_bind_text (stmt, 1, text1);
  if (sqlite3_bind_parameter_index (stmt, "?2"))
    _sl_bind_text (stmt, 2, text2);
  if (sqlite3_bind_parameter_index (stmt, "?3"))
    sqlite3_bind_int (stmt, 3, ctx->year);
  if (sqlite3_bind_parameter_index (stmt, "?4"))
    _sl_bind_text (stmt, 4, ctx->as_of);
  rc = sqlite3_step (stmt);
  *has = rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL;
  if (*has)
    *out = sqlite3_column_double (stmt, 0);
  if (count != NULL && rc == SQLITE_ROW && sqlite3_column_count (stmt) > 1)
    *count = sqlite3_column_int64 (stmt, 1);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _sl_store_sql_error (ctx->store, error);
  return TRUE;
}

static gboolean
query_value (Ctx         *ctx,
             const char  *sql,
             const char  *text1,
             const char  *text2,
             double      *out,
             gboolean    *has,
             GError     **error)
{
  return query_value_count (ctx, sql, text1, text2, out, has, NULL, error);
}

void
_sl_measure_basis_clear (SlMeasureBasis *basis)
{
  g_clear_pointer (&basis->key, g_free);
  g_clear_pointer (&basis->name, g_free);
  g_clear_pointer (&basis->whole_name, g_free);
}

/* The figure typed for the scope: of @year exactly, or when @latest of
 * the latest year up to it. */
static gboolean
typed_figure (Ctx        *ctx,
              const char *figure_key,
              int         year,
              gboolean    latest,
              double     *value,
              int        *out_year)
{
  g_autoptr(SlStmt) stmt = _sl_store_prepare (ctx->store,
    "SELECT value, year FROM typed_figure WHERE figure_key = ?1 AND ifnull (jurisdiction_id, 0) = ?2"
    " AND (year = ?3 OR (?4 AND year < ?3)) ORDER BY year DESC LIMIT 1", NULL);

  if (stmt == NULL)
    return FALSE;
  _sl_bind_text (stmt, 1, figure_key);
  sqlite3_bind_int64 (stmt, 2, ctx->scope_id);
  sqlite3_bind_int (stmt, 3, year);
  sqlite3_bind_int (stmt, 4, latest);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return FALSE;
  *value = sqlite3_column_double (stmt, 0);
  *out_year = sqlite3_column_int (stmt, 1);
  return TRUE;
}

#define HONOUR_HELD SL_HONOUR_HELD_ON ("h", "d", "?3", "?4")

gboolean
_sl_summary_measure (Ctx            *ctx,
                     const char     *metric_key,
                     JsonObject     *m,
                     double         *value,
                     gboolean       *has_value,
                     SlMeasureBasis *basis,
                     GError        **error)
{
  const char *kind = json_object_get_string_member_with_default (m, "kind", "");
  const char *pop = json_object_get_string_member_with_default (m, "population", NULL);
  g_autofree char *sql = NULL;

  *has_value = FALSE;
  basis->size = -1;
  basis->with_data = -1;
  basis->whole_size = -1;
  if (pop != NULL)
    {
      basis->key = g_strdup (pop);
      basis->size = _sl_summary_population (ctx, pop, &basis->name, error);
      if (basis->size < 0)
        return FALSE;
    }

  if (g_str_equal (kind, "tier_count"))
    {
      /* The tier table already counted the holders: the same number, once. */
      const char *tier = json_object_get_string_member_with_default (m, "tier", "");
      gint64 *held = g_hash_table_lookup (ctx->tier_held, tier);

      if (held != NULL)
        {
          *has_value = TRUE;
          *value = (double) *held;
          return TRUE;
        }
      /* Without the tier table (checklist values): count the holders directly. */
      return query_value (ctx,
                          "SELECT count (DISTINCT c.enterprise_id) FROM certification c"
                          " JOIN scope_enterprise s ON s.enterprise_id = c.enterprise_id"
                          " WHERE c.tier_key = ?1 AND c.status IN " SL_HELD_STATUSES
                          " AND c.valid_from <= ?2 AND ifnull (c.valid_until, '9999-12-31') >= ?2 AND " SL_NOT_LAPSED_ON ("c", "?2"),
                          tier, ctx->as_of, value, has_value, error);
    }
  if (g_str_equal (kind, "honour_count"))
    {
      if (pop != NULL)
        sql = g_strdup ("SELECT count (DISTINCT h.enterprise_id) FROM enterprise_honour h"
                        " JOIN honour d ON d.key = h.honour_key"
                        " JOIN pop_member p ON p.enterprise_id = h.enterprise_id AND p.pop = ?2"
                        " WHERE h.honour_key = ?1 AND" HONOUR_HELD);
      else
        sql = g_strdup ("SELECT count (DISTINCT h.enterprise_id) FROM enterprise_honour h"
                        " JOIN honour d ON d.key = h.honour_key"
                        " JOIN scope_enterprise s ON s.enterprise_id = h.enterprise_id"
                        " WHERE h.honour_key = ?1 AND" HONOUR_HELD);
      return query_value (ctx, sql, json_object_get_string_member (m, "honour"), pop, value, has_value, error);
    }
  if (g_str_equal (kind, "ratio_of_sums"))
    {
      const char *num = json_object_get_string_member_with_default (m, "numerator", NULL);
      const char *den = json_object_get_string_member_with_default (m, "denominator", NULL);
      const char *den_pop = json_object_get_string_member_with_default (m, "denominator_population", pop);

      if (!is_figure_field (num) || !is_figure_field (den))
        return TRUE;
      /* Field names come from a fixed list, never from the file as such.
       * Each sum is taken over the firms that have both figures: a firm
       * missing its R&D expense counted as spending nothing while its
       * revenue stayed in the denominator. */
      if (g_strcmp0 (pop, den_pop) == 0)
        {
          sql = g_strdup_printf (
            "SELECT 100.0 * sum (a.%s) / nullif (sum (a.%s), 0), count (*) FROM pop_member p"
            " JOIN fig_of_year g ON g.enterprise_id = p.enterprise_id"
            " JOIN annual_figures a ON a.enterprise_id = g.enterprise_id AND a.year = g.year"
            " WHERE p.pop = ?1 AND a.%s IS NOT NULL AND a.%s IS NOT NULL",
            num, den, num, den);
          return query_value_count (ctx, sql, pop, NULL, value, has_value, &basis->with_data, error);
        }
      /* A share of a whole (the main revenue of the above-scale SMEs):
       * the part is the population's firms inside the whole, or a share
       * computed so could pass 100 %. */
      basis->whole_size = _sl_summary_population (ctx, den_pop, &basis->whole_name, error);
      if (basis->whole_size < 0)
        return FALSE;
      /* The whole's total as the statistics bureau reports it for the
       * figures' year, typed in 万元, where the clerk has it: the ledger
       * knows only its own above-scale firms. */
      {
        g_autofree char *whole_key = g_strconcat (metric_key, ".whole", NULL);
        double typed, part;

        if (typed_figure (ctx, whole_key, ctx->figures_year, FALSE, &typed, &basis->whole_year))
          {
            basis->whole_typed = typed;
            sql = g_strdup_printf (
              "SELECT sum (a.%s), count (a.%s) FROM pop_member p"
              " JOIN pop_member w ON w.enterprise_id = p.enterprise_id AND w.pop = ?2"
              " JOIN fig_of_year g ON g.enterprise_id = p.enterprise_id"
              " JOIN annual_figures a ON a.enterprise_id = g.enterprise_id AND a.year = g.year WHERE p.pop = ?1",
              num, num);
            if (!query_value_count (ctx, sql, pop, den_pop, &part, has_value, &basis->with_data, error))
              return FALSE;
            /* Figures are kept in 元. */
            *has_value = *has_value && typed > 0;
            if (*has_value)
              *value = 100.0 * part / (typed * 10000.0);
          }
        else
          {
            sql = g_strdup_printf (
              "SELECT 100.0 * (SELECT sum (a.%s) FROM pop_member p"
              "   JOIN pop_member w ON w.enterprise_id = p.enterprise_id AND w.pop = ?2"
              "   JOIN fig_of_year g ON g.enterprise_id = p.enterprise_id"
              "   JOIN annual_figures a ON a.enterprise_id = g.enterprise_id AND a.year = g.year WHERE p.pop = ?1)"
              " / nullif ((SELECT sum (a.%s) FROM pop_member p JOIN fig_of_year g ON g.enterprise_id = p.enterprise_id"
              "   JOIN annual_figures a ON a.enterprise_id = g.enterprise_id AND a.year = g.year WHERE p.pop = ?2), 0),"
              " (SELECT count (*) FROM pop_member p"
              "   JOIN pop_member w ON w.enterprise_id = p.enterprise_id AND w.pop = ?2"
              "   JOIN fig_of_year g ON g.enterprise_id = p.enterprise_id"
              "   JOIN annual_figures a ON a.enterprise_id = g.enterprise_id AND a.year = g.year"
              "   WHERE p.pop = ?1 AND a.%s IS NOT NULL)",
              num, den, num);
            if (!query_value_count (ctx, sql, pop, den_pop, value, has_value, &basis->with_data, error))
              return FALSE;
          }
      }
      {
        g_autofree char *whole = g_strdup_printf (
          "SELECT NULL, count (*) FROM pop_member p JOIN fig_of_year g ON g.enterprise_id = p.enterprise_id"
          " JOIN annual_figures a ON a.enterprise_id = g.enterprise_id AND a.year = g.year"
          " WHERE p.pop = ?1 AND a.%s IS NOT NULL", den);
        double unused;
        gboolean none;

        return query_value_count (ctx, whole, den_pop, NULL, &unused, &none, &basis->whole_size, error);
      }
    }
  if (g_str_equal (kind, "mean") || g_str_equal (kind, "share_flag"))
    {
      const char *field = json_object_get_string_member_with_default (m, "field", NULL);

      if (!is_figure_field (field))
        return TRUE;
      if (g_str_equal (kind, "mean"))
        sql = g_strdup_printf ("SELECT avg (a.%s), count (a.%s) FROM pop_member p JOIN fig_of_year g ON g.enterprise_id = p.enterprise_id"
                               " JOIN annual_figures a ON a.enterprise_id = g.enterprise_id AND a.year = g.year"
                               " WHERE p.pop = ?1", field, field);
      else
        sql = g_strdup_printf ("SELECT 100.0 * sum (a.%s = 1) / nullif (count (a.%s), 0), count (a.%s)"
                               " FROM pop_member p JOIN fig_of_year g ON g.enterprise_id = p.enterprise_id"
                               " JOIN annual_figures a ON a.enterprise_id = g.enterprise_id AND a.year = g.year"
                               " WHERE p.pop = ?1", field, field, field);
      return query_value_count (ctx, sql, pop, NULL, value, has_value, &basis->with_data, error);
    }
  if (g_str_equal (kind, "share_honour"))
    {
      g_autofree char *honours = json_to_string (json_object_get_member (m, "honours"), FALSE);
      return query_value (ctx,
                          "SELECT 100.0 * count (*) FILTER (WHERE EXISTS ("
                          "   SELECT 1 FROM enterprise_honour h JOIN honour d ON d.key = h.honour_key"
                          "   WHERE h.enterprise_id = p.enterprise_id"
                          "   AND h.honour_key IN (SELECT value FROM json_each (?2)) AND" HONOUR_HELD "))"
                          " / nullif (count (*), 0) FROM pop_member p WHERE p.pop = ?1",
                          pop, honours, value, has_value, error);
    }
  if (g_str_equal (kind, "per_specialist"))
    return query_value (ctx,
                        "SELECT 1.0 * count (*) / nullif (count (DISTINCT e.specialist), 0)"
                        " FROM pop_member p JOIN enterprise e ON e.id = p.enterprise_id WHERE p.pop = ?1",
                        pop, NULL, value, has_value, error);
  if (g_str_equal (kind, "chain_coverage"))
    return query_value (ctx,
                        "SELECT 100.0 * (SELECT count (DISTINCT e.chain_id) FROM pop_member p"
                        "   JOIN enterprise e ON e.id = p.enterprise_id"
                        "   JOIN industry_chain k ON k.id = e.chain_id AND k.retired = 0 WHERE p.pop = ?1)"
                        " / nullif ((SELECT count (*) FROM industry_chain WHERE retired = 0), 0)",
                        pop, NULL, value, has_value, error);
  if (g_str_equal (kind, "manual")
      && typed_figure (ctx, metric_key, ctx->year, TRUE, value, &basis->typed_year))
    {
      /* Typed for the scope in Ledger Settings, for the year or before. */
      *has_value = TRUE;
      return TRUE;
    }
  if (g_str_equal (kind, "manual"))
    {
      /* The checklists' values are the whole ledger's: a county's bulletin
       * must not show the city's count as its own. */
      basis->ledger_wide = TRUE;
      if (ctx->scope_id != 0)
        return TRUE;
    }
  if (g_str_equal (kind, "manual"))
    return query_value (ctx,
                        "SELECT max (current_value) FROM checklist_item WHERE metric_key = ?1",
                        metric_key, NULL, value, has_value, error);
  return TRUE;
}
