/* sl-summary-measure.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The measures of the plan's metrics: each kind of metric in plan JSON as
 * a count over the firms in memory (sl-summary-firms.c), or a sum of
 * their figures (sl-summary-figures.c). */

#define G_LOG_DOMAIN "sl-summary"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sl-certification.h"
#include "sl-enterprise.h"
#include "sl-plan.h"
#include "sl-store-private.h"
#include "sl-summary-private.h"

/* Runs a one-row query whose first column is the value (NULL for none). */
static gboolean
query_value (Ctx         *ctx,
             const char  *sql,
             const char  *text1,
             const char  *text2,
             double      *out,
             gboolean    *has,
             GError     **error)
{
  g_autoptr(SlStmt) stmt = _sl_store_prepare (ctx->store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_bind_parameter_index (stmt, "?1"))
    _sl_bind_text (stmt, 1, text1);
  if (sqlite3_bind_parameter_index (stmt, "?2"))
    _sl_bind_text (stmt, 2, text2);
  rc = sqlite3_step (stmt);
  *has = rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL;
  if (*has)
    *out = sqlite3_column_double (stmt, 0);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _sl_store_sql_error (ctx->store, error);
  return TRUE;
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
gboolean
_sl_summary_typed_figure (Ctx        *ctx,
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


static gint64
count_in_both (Ctx             *ctx,
               const SlFirmSet *a,
               const SlFirmSet *b)
{
  gint64 n = 0;

  for (gint64 b8 = 0; b8 <= ctx->n_slots / 8; b8++)
    n += __builtin_popcount (a->member[b8] & b->member[b8]);
  return n;
}

/* The population's firms holding any of @honours on the day. */
static gboolean
share_honour (Ctx             *ctx,
              const SlFirmSet *pop,
              JsonArray       *honours,
              double          *value,
              gboolean        *has_value,
              GError         **error)
{
  g_autoptr(GPtrArray) sets = g_ptr_array_new ();
  gint64 n = 0;

  if (pop == NULL || pop->size == 0)
    return TRUE;
  for (guint i = 0; honours != NULL && i < json_array_get_length (honours); i++)
    {
      const SlFirmSet *set = _sl_summary_honour (ctx, json_array_get_string_element (honours, i), error);

      if (set == NULL)
        return FALSE;
      g_ptr_array_add (sets, (gpointer) set);
    }
  for (gint64 s = 0; s < ctx->n_slots; s++)
    {
      if (!_sl_firm_set_has (pop, s))
        continue;
      for (guint i = 0; i < sets->len; i++)
        if (_sl_firm_set_has (sets->pdata[i], s))
          {
            n++;
            break;
          }
    }
  *has_value = TRUE;
  *value = 100.0 * (double) n / (double) pop->size;
  return TRUE;
}

static gint64
tier_holders (Ctx        *ctx,
              const char *tier)
{
  guint n_tiers = ctx->tier_keys->len;
  gint64 n = 0;

  for (guint t = 0; t < n_tiers; t++)
    if (g_str_equal (ctx->tier_keys->pdata[t], tier))
      for (gint64 s = 0; s < ctx->n_slots; s++)
        n += ctx->unit[s] != 0 && (ctx->tier_flags[s * n_tiers + t] & SL_TIER_HELD);
  return n;
}

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
  const char *pop_key = json_object_get_string_member_with_default (m, "population", NULL);
  const SlFirmSet *pop = NULL;

  *has_value = FALSE;
  basis->size = -1;
  basis->with_data = -1;
  basis->whole_size = -1;
  if (pop_key != NULL)
    {
      pop = _sl_summary_population (ctx, pop_key, error);
      if (pop == NULL)
        return FALSE;
      basis->key = g_strdup (pop_key);
      basis->name = g_strdup (pop->name);
      basis->size = pop->size;
    }

  if (g_str_equal (kind, "tier_count"))
    {
      /* The tier table already counted the holders: the same number, once. */
      const char *tier = json_object_get_string_member_with_default (m, "tier", "");
      gint64 *held = g_hash_table_lookup (ctx->tier_held, tier);

      /* Without the tier table (checklist values): count the holders. */
      if (held == NULL && !_sl_summary_tiers_read (ctx, ctx->last_day, error))
        return FALSE;
      *has_value = TRUE;
      *value = (double) (held != NULL ? *held : tier_holders (ctx, tier));
      return TRUE;
    }
  if (g_str_equal (kind, "honour_count"))
    {
      const SlFirmSet *holders = _sl_summary_honour (ctx, json_object_get_string_member_with_default (m, "honour", ""), error);

      if (holders == NULL)
        return FALSE;
      *has_value = TRUE;
      *value = (double) (pop != NULL ? count_in_both (ctx, pop, holders) : holders->size);
      return TRUE;
    }
  if (g_str_equal (kind, "ratio_of_sums") || g_str_equal (kind, "mean") || g_str_equal (kind, "share_flag"))
    {
      const SlFigureResult *r;

      if (!_sl_summary_figures_read (ctx, error))
        return FALSE;
      r = g_hash_table_lookup (ctx->figures, metric_key);
      /* A figure the ledger does not keep measures nothing. */
      if (r == NULL)
        return TRUE;
      *has_value = r->has_value;
      *value = r->value;
      basis->with_data = r->with_data;
      basis->whole_size = r->whole_size;
      basis->whole_typed = r->whole_typed;
      basis->whole_year = r->whole_year;
      if (r->whole_size >= 0)
        {
          const char *den_pop = json_object_get_string_member_with_default (m, "denominator_population", pop_key);
          const SlFirmSet *whole = _sl_summary_population (ctx, den_pop, error);

          if (whole == NULL)
            return FALSE;
          basis->whole_name = g_strdup (whole->name);
        }
      return TRUE;
    }
  if (g_str_equal (kind, "share_honour"))
    {
      JsonNode *honours = json_object_get_member (m, "honours");

      return share_honour (ctx, pop, honours && JSON_NODE_HOLDS_ARRAY (honours) ? json_node_get_array (honours) : NULL,
                           value, has_value, error);
    }
  if (g_str_equal (kind, "per_specialist"))
    return _sl_summary_per_specialist (ctx, pop, value, has_value, error);
  if (g_str_equal (kind, "chain_coverage"))
    return _sl_summary_chain_coverage (ctx, pop, value, has_value, error);
  if (g_str_equal (kind, "manual")
      && _sl_summary_typed_figure (ctx, metric_key, ctx->year, TRUE, value, &basis->typed_year))
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
      return query_value (ctx,
                          "SELECT max (current_value) FROM checklist_item WHERE metric_key = ?1",
                          metric_key, NULL, value, has_value, error);
    }
  return TRUE;
}

/**
 * _sl_summary_honours_prefetch: (skip)
 *
 * Reads the holders of every honour the year's metrics count, before they
 * are asked for: while the certifications' pass runs in its thread.
 */
gboolean
_sl_summary_honours_prefetch (Ctx     *ctx,
                              GError **error)
{
  g_autoptr(GError) step_error = NULL;
  g_autoptr(SlStmt) stmt = _sl_store_prepare (ctx->store,
    "SELECT measure FROM metric WHERE" SL_IN_PLAN_YEAR ("?1"), error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, ctx->year);
  while (_sl_step_row (stmt, &step_error))
    {
      g_autoptr(JsonNode) node = json_from_string (_sl_column_text (stmt, 0), NULL);
      JsonObject *m = node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *kind = m ? json_object_get_string_member_with_default (m, "kind", "") : "";
      JsonNode *honours = m ? json_object_get_member (m, "honours") : NULL;

      /* A measure that does not parse is reported where it is measured. */
      if (g_str_equal (kind, "honour_count")
          && _sl_summary_honour (ctx, json_object_get_string_member_with_default (m, "honour", ""), error) == NULL)
        return FALSE;
      if (g_str_equal (kind, "share_honour") && honours != NULL && JSON_NODE_HOLDS_ARRAY (honours))
        for (guint i = 0; i < json_array_get_length (json_node_get_array (honours)); i++)
          if (_sl_summary_honour (ctx, json_array_get_string_element (json_node_get_array (honours), i), error) == NULL)
            return FALSE;
    }
  if (step_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&step_error));
      return FALSE;
    }
  return TRUE;
}
