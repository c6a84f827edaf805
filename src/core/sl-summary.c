/* sl-summary.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-summary"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>

#include "sl-certification.h"
#include "sl-enterprise.h"
#include "sl-plan.h"
#include "sl-store-private.h"
#include "sl-summary.h"
#include "sl-summary-private.h"
#include "sl-util.h"

static void
ctx_clear (Ctx *ctx)
{
  g_free (ctx->first_day);
  g_free (ctx->as_of);
  g_free (ctx->plan_key);
  g_free (ctx->year_start);
  _sl_summary_ctx_clear (ctx);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Ctx, ctx_clear)

/* The plan in force in the bulletin's year: the ledger's, or one it had
 * before (setting plan_history, written when the next was loaded), so
 * that a month of the last plan keeps its goals' 序时进度 and its key. A
 * year after every plan's end takes the last that ended. */
static void
plan_of_year (Ctx *ctx)
{
  g_autofree char *start = sl_store_get_setting (ctx->store, "plan_start_year");
  g_autofree char *end = sl_store_get_setting (ctx->store, "plan_end_year");
  g_autofree char *history = sl_store_get_setting (ctx->store, "plan_history");
  g_autoptr(JsonNode) node = history ? json_from_string (history, NULL) : NULL;
  JsonArray *plans = node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  JsonObject *ended = NULL;

  ctx->plan_start = start ? atoi (start) : 0;
  ctx->plan_end = end ? atoi (end) : 0;
  ctx->plan_key = sl_store_get_setting (ctx->store, "plan_key");
  if (plans == NULL || ctx->year >= ctx->plan_start)
    return;
  for (guint i = 0; i < json_array_get_length (plans); i++)
    {
      JsonObject *p = json_array_get_object_element (plans, i);
      int s = p ? (int) json_object_get_int_member_with_default (p, "start", 0) : 0;
      int e = p ? (int) json_object_get_int_member_with_default (p, "end", 0) : 0;

      if (s <= ctx->year && ctx->year <= e)
        {
          ended = p;
          break;
        }
      if (e < ctx->year && (ended == NULL || e > json_object_get_int_member_with_default (ended, "end", 0)))
        ended = p;
    }
  if (ended == NULL)
    return;
  ctx->plan_start = (int) json_object_get_int_member_with_default (ended, "start", 0);
  ctx->plan_end = (int) json_object_get_int_member_with_default (ended, "end", 0);
  g_free (ctx->plan_key);
  ctx->plan_key = g_strdup (json_object_get_string_member_with_default (ended, "key", NULL));
}

/* @as_of: the day within @period the figures are taken on, or %NULL for
 * the month's last day. */
static gboolean
ctx_init (Ctx         *ctx,
          const char  *period,
          const char  *as_of,
          GError     **error)
{
  if (!sl_period_parse (period, &ctx->first_day, &ctx->as_of, error))
    return FALSE;
  if (as_of != NULL)
    {
      g_free (ctx->as_of);
      ctx->as_of = g_strdup (as_of);
    }
  ctx->year = atoi (period);
  ctx->figures_year = ctx->year - 1;
  plan_of_year (ctx);
  ctx->year_start = g_strdup_printf ("%04d-01-01", ctx->year);
  return TRUE;
}

static double
round4 (double v)
{
  return round (v * 10000.0) / 10000.0;
}

typedef struct
{
  gint64 held;
  gint64 new_in_month;
  gint64 new_in_year;
} TierCounts;

/* 序时进度: the share of a target's time gone by the day the figures are
 * as of, which completion is judged against. The plan's goal (its last
 * year's, for the whole ledger) runs from the plan's first day; a year's
 * own target from that year's first day. 1 once its last day is past. */
static double
schedule_of (Ctx    *ctx,
             int     target_year,
             gint64  jurisdiction_id)
{
  gboolean plan_goal = jurisdiction_id == 0 && target_year == ctx->plan_end && ctx->plan_start > 0;
  int first_year = plan_goal ? ctx->plan_start : MIN (target_year, ctx->year);
  GDate start, end, day;

  g_date_clear (&start, 1);
  g_date_clear (&end, 1);
  g_date_set_dmy (&start, 1, G_DATE_JANUARY, (GDateYear) first_year);
  g_date_set_dmy (&end, 31, G_DATE_DECEMBER, (GDateYear) target_year);
  if (!sl_date_parse (ctx->as_of, &day) || g_date_compare (&day, &end) >= 0)
    return 1.0;
  if (g_date_compare (&day, &start) < 0)
    return 0.0;
  return (g_date_days_between (&start, &day) + 1.0) / (g_date_days_between (&start, &end) + 1.0);
}

static void
add_target (JsonBuilder *b,
            gint64       held,
            double       target,
            gboolean     has_target,
            double       schedule)
{
  sl_json_add_number (b, "target", has_target, target);
  sl_json_add_number (b, "completion_rate", has_target && target > 0, has_target && target > 0 ? round4 ((double) held / target) : 0);
  sl_json_add_number (b, "schedule", has_target && target > 0, round4 (schedule));
}

/* The target that applies in the bulletin's year: that year's, else the
 * next year that has one (a plan sets its end-year goals), else the last. */
static gboolean
lookup_target_year (Ctx        *ctx,
                    const char *metric,
                    gint64      jurisdiction_id,
                    double     *out,
                    int        *out_year)
{
  g_autoptr(SlStmt) stmt = _sl_store_prepare (ctx->store,
    "SELECT value, year FROM target WHERE metric_key = ?1 AND ifnull (jurisdiction_id, 0) = ?2"
    " ORDER BY (year < ?3), CASE WHEN year >= ?3 THEN year ELSE -year END LIMIT 1", NULL);

  if (stmt == NULL || metric == NULL)
    return FALSE;
  _sl_bind_text (stmt, 1, metric);
  sqlite3_bind_int64 (stmt, 2, jurisdiction_id);
  sqlite3_bind_int (stmt, 3, ctx->year);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return FALSE;
  *out = sqlite3_column_double (stmt, 0);
  if (out_year != NULL)
    *out_year = sqlite3_column_int (stmt, 1);
  return TRUE;
}

static gboolean
lookup_target (Ctx        *ctx,
               const char *metric,
               gint64      jurisdiction_id,
               double     *out)
{
  return lookup_target_year (ctx, metric, jurisdiction_id, out, NULL);
}

static char *
tier_metric (Ctx        *ctx,
             const char *tier)
{
  g_autoptr(SlStmt) stmt = _sl_store_prepare (ctx->store,
    "SELECT key FROM metric WHERE json_extract (measure, '$.kind') = 'tier_count'"
    " AND json_extract (measure, '$.tier') = ?1 AND" SL_IN_PLAN_YEAR ("?2") " ORDER BY position LIMIT 1", NULL);

  if (stmt == NULL)
    return NULL;
  _sl_bind_text (stmt, 1, tier);
  sqlite3_bind_int (stmt, 2, ctx->year);
  return sqlite3_step (stmt) == SQLITE_ROW ? g_strdup (_sl_column_text (stmt, 0)) : NULL;
}

static gboolean
add_tier_table (Ctx          *ctx,
                JsonBuilder  *b,
                GError      **error)
{
  g_autoptr(GError) step_error = NULL;
  g_autoptr(GPtrArray) metrics = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  g_autoptr(SlStmt) unit_stmt = NULL;
  g_autofree TierCounts *totals = NULL;
  GPtrArray *tiers;

  if (!_sl_summary_tiers_read (ctx, ctx->last_day, error))
    return FALSE;
  tiers = ctx->tier_keys;
  for (guint t = 0; t < tiers->len; t++)
    g_ptr_array_add (metrics, tier_metric (ctx, tiers->pdata[t]));
  totals = g_new0 (TierCounts, tiers->len);

  /* Per row of the bulletin and tier, the firms holding it and new to it. */
  for (gint64 s = 0; s < ctx->n_slots; s++)
    {
      const guint8 *flags = ctx->tier_flags + s * tiers->len;
      TierCounts *row = NULL;

      if (ctx->unit[s] == 0)
        continue;
      for (guint t = 0; t < tiers->len; t++)
        {
          if ((flags[t] & (SL_TIER_HELD | SL_TIER_NEW_MONTH | SL_TIER_NEW_YEAR)) == 0)
            continue;
          if (row == NULL)
            row = g_hash_table_lookup (counts, GINT_TO_POINTER (ctx->unit[s]));
          if (row == NULL)
            {
              row = g_new0 (TierCounts, tiers->len);
              g_hash_table_insert (counts, GINT_TO_POINTER (ctx->unit[s]), row);
            }
          row[t].held += (flags[t] & SL_TIER_HELD) != 0;
          row[t].new_in_month += (flags[t] & SL_TIER_NEW_MONTH) != 0;
          row[t].new_in_year += (flags[t] & SL_TIER_NEW_YEAR) != 0;
        }
    }

  json_builder_set_member_name (b, "tiers");
  json_builder_begin_array (b);
  for (guint t = 0; t < tiers->len; t++)
    json_builder_add_string_value (b, tiers->pdata[t]);
  json_builder_end_array (b);

  unit_stmt = _sl_store_prepare (ctx->store, SL_SUMMARY_UNITS, error);
  if (unit_stmt == NULL)
    return FALSE;

  json_builder_set_member_name (b, "jurisdictions");
  json_builder_begin_array (b);
  while (_sl_step_row (unit_stmt, &step_error))
    {
      gint64 unit = sqlite3_column_int64 (unit_stmt, 0);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, unit);
      json_builder_set_member_name (b, "code");
      if (sqlite3_column_type (unit_stmt, 1) == SQLITE_NULL)
        json_builder_add_null_value (b);
      else
        json_builder_add_string_value (b, _sl_column_text (unit_stmt, 1));
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, _sl_column_text (unit_stmt, 2));
      json_builder_set_member_name (b, "kind");
      json_builder_add_string_value (b, _sl_column_text (unit_stmt, 3));
      json_builder_set_member_name (b, "tiers");
      json_builder_begin_object (b);
      for (guint t = 0; t < tiers->len; t++)
        {
          TierCounts *row = g_hash_table_lookup (counts, GINT_TO_POINTER ((gint) unit));
          TierCounts *tc = row != NULL ? &row[t] : NULL;
          TierCounts zero = { 0 };
          double target = 0;
          int target_year = ctx->year;
          gboolean has_target;

          if (tc == NULL)
            tc = &zero;
          totals[t].held += tc->held;
          totals[t].new_in_month += tc->new_in_month;
          totals[t].new_in_year += tc->new_in_year;
          has_target = lookup_target_year (ctx, metrics->pdata[t], unit, &target, &target_year);

          json_builder_set_member_name (b, tiers->pdata[t]);
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "held");
          json_builder_add_int_value (b, tc->held);
          json_builder_set_member_name (b, "new_in_month");
          json_builder_add_int_value (b, tc->new_in_month);
          json_builder_set_member_name (b, "new_in_year");
          json_builder_add_int_value (b, tc->new_in_year);
          add_target (b, tc->held, target, has_target, schedule_of (ctx, target_year, unit));
          json_builder_end_object (b);
        }
      json_builder_end_object (b);
      json_builder_end_object (b);
    }
  if (step_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&step_error));
      return FALSE;
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "totals");
  json_builder_begin_object (b);
  for (guint t = 0; t < tiers->len; t++)
    {
      double target = 0;
      int target_year = ctx->year;
      gboolean has_target = lookup_target_year (ctx, metrics->pdata[t], ctx->scope_id, &target, &target_year);

      g_hash_table_insert (ctx->tier_held, g_strdup (tiers->pdata[t]), g_memdup2 (&totals[t].held, sizeof (gint64)));
      json_builder_set_member_name (b, tiers->pdata[t]);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "held");
      json_builder_add_int_value (b, totals[t].held);
      json_builder_set_member_name (b, "new_in_month");
      json_builder_add_int_value (b, totals[t].new_in_month);
      json_builder_set_member_name (b, "new_in_year");
      json_builder_add_int_value (b, totals[t].new_in_year);
      add_target (b, totals[t].held, target, has_target, schedule_of (ctx, target_year, ctx->scope_id));
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
  return TRUE;
}

static gboolean
compare (double      value,
         const char *comparison,
         double      target)
{
  if (g_str_equal (comparison, ">"))
    return value > target;
  if (g_str_equal (comparison, ">="))
    return value >= target;
  if (g_str_equal (comparison, "<"))
    return value < target;
  return value <= target;
}

/* Every metric of the year taken over the annual figures, for their one
 * pass (or, with @keys, those among them). */
static gboolean
register_figures (Ctx                *ctx,
                  const char * const *keys,
                  GError            **error)
{
  g_autoptr(GError) step_error = NULL;
  g_autoptr(SlStmt) stmt = NULL;

  if (keys != NULL)
    stmt = _sl_store_prepare (ctx->store, "SELECT key, measure FROM metric", error);
  else
    stmt = _sl_store_prepare (ctx->store, "SELECT key, measure FROM metric WHERE" SL_IN_PLAN_YEAR ("?1") " ORDER BY position", error);
  if (stmt == NULL)
    return FALSE;
  if (keys == NULL)
    sqlite3_bind_int (stmt, 1, ctx->year);
  while (_sl_step_row (stmt, &step_error))
    {
      g_autoptr(JsonNode) m = NULL;

      if (keys != NULL && !g_strv_contains (keys, _sl_column_text (stmt, 0)))
        continue;
      m = json_from_string (_sl_column_text (stmt, 1), error);
      if (m == NULL)
        return FALSE;
      if (JSON_NODE_HOLDS_OBJECT (m)
          && !_sl_summary_figures_add (ctx, _sl_column_text (stmt, 0), json_node_get_object (m), error))
        return FALSE;
    }
  if (step_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&step_error));
      return FALSE;
    }
  return TRUE;
}

static gboolean
add_indicators (Ctx          *ctx,
                JsonBuilder  *b,
                GError      **error)
{
  g_autoptr(GError) step_error = NULL;
  g_autoptr(SlStmt) stmt = NULL;

  if (!register_figures (ctx, NULL, error))
    return FALSE;
  stmt = _sl_store_prepare (ctx->store,
    "SELECT key, name, unit, comparison, measure, main_goal FROM metric WHERE" SL_IN_PLAN_YEAR ("?1") " ORDER BY position", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, ctx->year);
  json_builder_set_member_name (b, "indicators");
  json_builder_begin_array (b);
  while (_sl_step_row (stmt, &step_error))
    {
      g_autofree char *key = g_strdup (_sl_column_text (stmt, 0));
      g_autofree char *name = g_strdup (_sl_column_text (stmt, 1));
      g_autofree char *unit = g_strdup (_sl_column_text (stmt, 2));
      g_autofree char *comparison = g_strdup (_sl_column_text (stmt, 3));
      g_autoptr(JsonNode) m = json_from_string (_sl_column_text (stmt, 4), error);
      gboolean main_goal = sqlite3_column_int (stmt, 5);
      g_auto(SlMeasureBasis) basis = { NULL };
      double value = 0, target = 0;
      gboolean has_value, has_target;

      if (m == NULL)
        return FALSE;
      if (!_sl_summary_measure (ctx, key, json_node_get_object (m), &value, &has_value, &basis, error))
        return FALSE;
      has_target = lookup_target (ctx, key, ctx->scope_id, &target);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "metric");
      json_builder_add_string_value (b, key);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, name);
      json_builder_set_member_name (b, "unit");
      json_builder_add_string_value (b, unit);
      /* Counts are printed as whole numbers, shares and means with decimals. */
      json_builder_set_member_name (b, "kind");
      json_builder_add_string_value (b, json_object_get_string_member_with_default (json_node_get_object (m), "kind", ""));
      json_builder_set_member_name (b, "main_goal");
      json_builder_add_boolean_value (b, main_goal);
      json_builder_set_member_name (b, "comparison");
      json_builder_add_string_value (b, comparison);
      json_builder_set_member_name (b, "target");
      if (has_target)
        json_builder_add_double_value (b, target);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "value");
      if (has_value)
        json_builder_add_double_value (b, round4 (value));
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "met");
      if (has_value && has_target)
        json_builder_add_boolean_value (b, compare (round4 (value), comparison, target));
      else
        json_builder_add_null_value (b);
      /* A typed figure of the whole ledger, in a jurisdiction's bulletin:
       * no value of its own. */
      json_builder_set_member_name (b, "ledger_wide");
      json_builder_add_boolean_value (b, basis.ledger_wide && ctx->scope_id != 0);
      if (basis.typed_year != 0)
        {
          json_builder_set_member_name (b, "typed_year");
          json_builder_add_int_value (b, basis.typed_year);
        }
      json_builder_set_member_name (b, "population");
      if (basis.key != NULL)
        {
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "key");
          json_builder_add_string_value (b, basis.key);
          json_builder_set_member_name (b, "name");
          json_builder_add_string_value (b, basis.name);
          json_builder_set_member_name (b, "size");
          json_builder_add_int_value (b, basis.size);
          /* Of them, the firms whose figures the value is taken over. */
          if (basis.with_data >= 0)
            {
              json_builder_set_member_name (b, "with_data");
              json_builder_add_int_value (b, basis.with_data);
            }
          /* A share's whole, and its firms with the figure. */
          if (basis.whole_name != NULL)
            {
              json_builder_set_member_name (b, "whole");
              json_builder_begin_object (b);
              json_builder_set_member_name (b, "name");
              json_builder_add_string_value (b, basis.whole_name);
              json_builder_set_member_name (b, "with_data");
              json_builder_add_int_value (b, basis.whole_size);
              if (basis.whole_year != 0)
                {
                  json_builder_set_member_name (b, "typed");
                  json_builder_add_double_value (b, basis.whole_typed);
                  json_builder_set_member_name (b, "year");
                  json_builder_add_int_value (b, basis.whole_year);
                }
              json_builder_end_object (b);
            }
          json_builder_end_object (b);
        }
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);
    }
  if (step_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&step_error));
      return FALSE;
    }
  json_builder_end_array (b);
  return TRUE;
}

/* Below it, a second connection and a thread cost more than they save. */
#define SL_SUMMARY_THREADED_FROM 20000

static gboolean
large_ledger (SlStore *store)
{
  return sl_enterprise_max_id (store) >= SL_SUMMARY_THREADED_FROM;
}

static JsonNode *
compute (SlStore     *store,
         const char  *period,
         const char  *as_of,
         const char  *scope,
         int          figures_year,
         GError     **error)
{
  g_auto(Ctx) ctx = { .store = store };
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *unit_name = NULL;
  g_autofree char *region_name = NULL;
  g_autofree char *scope_name = NULL;
  g_autofree char *scope_code = NULL;
  g_autofree char *last_day = NULL;
  JsonNode *root = NULL;
  sqlite3 *twin = NULL;
  gboolean large, began;

  g_return_val_if_fail (SL_IS_STORE (store), NULL);

  if (!ctx_init (&ctx, period, as_of, error))
    return NULL;
  if (figures_year > 0)
    ctx.figures_year = figures_year;

  if (scope != NULL && *scope != '\0')
    {
      g_autoptr(SlStmt) stmt = NULL;

      ctx.scope_id = sl_jurisdiction_find (store, scope);
      if (ctx.scope_id == 0)
        {
          g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_UNKNOWN,
                       _("Scope: “%s” is not a jurisdiction of this ledger"), scope);
          return NULL;
        }
      stmt = _sl_store_prepare (store, "SELECT name, code FROM jurisdiction WHERE id = ?1", error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, ctx.scope_id);
      sqlite3_step (stmt);
      scope_name = g_strdup (_sl_column_text (stmt, 0));
      scope_code = g_strdup (_sl_column_text (stmt, 1));
    }

  /* One snapshot for the whole, and on a large ledger a reader beside
   * it for the certifications' pass (sl-summary-tiers.c). Inside a read
   * begun by the caller (a bulletin's) the twins are the caller's: taken
   * only where this ledger is large enough to gain by them. */
  large = large_ledger (store);
  began = _sl_store_read_begin_twinned (store, large ? 2 : 0);
  if (large)
    {
      twin = _sl_store_twin_take (store);
      _sl_summary_reader_set (&ctx, _sl_store_twin_take (store));
    }
  /* The temp tables live on the ledger's connection; a savepoint keeps the
   * work together and leaves nothing behind in the file. */
  if (!_sl_summary_savepoint (store, error))
    goto end_read;
  /* Once the plan has ended, its result is read in the same pass as the
   * month's tiers: the holders on its last day. */
  if (ctx.plan_start > 0 && ctx.plan_end > 0)
    {
      last_day = g_strdup_printf ("%04d-12-31", ctx.plan_end);
      if (g_strcmp0 (ctx.as_of, last_day) <= 0)
        g_clear_pointer (&last_day, g_free);
    }
  if (!_sl_summary_slots_decide (&ctx, error) || !_sl_summary_tier_keys_read (&ctx, error))
    goto finish;
  if (twin != NULL && ctx.dense)
    _sl_summary_tiers_start (&ctx, g_steal_pointer (&twin), last_day);
  _sl_store_twin_give (store, g_steal_pointer (&twin));
  if (!_sl_summary_firms_load (&ctx, error)
      || (ctx.pending != NULL && !_sl_summary_honours_prefetch (&ctx, error)))
    goto finish;
  if (last_day != NULL && !_sl_summary_tiers_read (&ctx, last_day, error))
    goto finish;

  unit_name = sl_store_get_setting (store, "unit_name");
  region_name = sl_store_get_setting (store, "region_name");

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "period");
  json_builder_add_string_value (b, period);
  json_builder_set_member_name (b, "as_of");
  json_builder_add_string_value (b, ctx.as_of);
  json_builder_set_member_name (b, "figures_year");
  json_builder_add_int_value (b, ctx.figures_year);
  json_builder_set_member_name (b, "plan");
  json_builder_add_string_value (b, ctx.plan_key);
  json_builder_set_member_name (b, "unit");
  json_builder_add_string_value (b, unit_name);
  /* The place the ledger is for, as the plan names it (连云港市). */
  json_builder_set_member_name (b, "region");
  json_builder_add_string_value (b, region_name && *region_name ? region_name : NULL);
  json_builder_set_member_name (b, "scope");
  if (ctx.scope_id)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, scope_name);
      json_builder_set_member_name (b, "code");
      json_builder_add_string_value (b, scope_code);
      json_builder_end_object (b);
    }
  else
    json_builder_add_null_value (b);

  if (!_sl_summary_plan_period (&ctx, b, error)
      || !add_tier_table (&ctx, b, error) || !_sl_summary_activity (&ctx, b, error) || !add_indicators (&ctx, b, error))
    goto finish;
  json_builder_end_object (b);
  root = json_builder_get_root (b);

finish:
  _sl_summary_tiers_stop (&ctx);
  _sl_store_exec (store, "ROLLBACK TO summary; RELEASE summary", NULL);
end_read:
  _sl_store_twin_give (store, g_steal_pointer (&twin));
  _sl_summary_reader_release (&ctx);
  if (began)
    _sl_store_read_end (store);
  return root;
}

/**
 * sl_summary_compute:
 * @store: the ledger
 * @period: the month, `YYYY-MM`
 * @scope: (nullable): a jurisdiction's name or code, or %NULL for the whole ledger
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the bulletin's figures as JSON
 */
JsonNode *
sl_summary_compute (SlStore     *store,
                    const char  *period,
                    const char  *scope,
                    GError     **error)
{
  return compute (store, period, NULL, scope, 0, error);
}

/**
 * sl_summary_compute_full:
 * @figures_year: the year of the annual figures the indicators take, or 0
 *   for the year before the period's
 *
 * As sl_summary_compute(), with the figures of a year chosen.
 */
JsonNode *
sl_summary_compute_full (SlStore     *store,
                         const char  *period,
                         const char  *scope,
                         int          figures_year,
                         GError     **error)
{
  return compute (store, period, NULL, scope, figures_year, error);
}

/**
 * sl_summary_compute_at:
 * @date: a day, `YYYY-MM-DD`: the figures as of that day, within its month
 *
 * As sl_summary_compute(), as of a day rather than a month's end: the
 * live values of the checklists.
 */
JsonNode *
sl_summary_compute_at (SlStore     *store,
                       const char  *date,
                       const char  *scope,
                       GError     **error)
{
  g_autofree char *period = NULL;

  if (!sl_date_is_valid (date))
    {
      g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_FORMAT,
                   _("Date: “%s” is not a date (YYYY-MM-DD)"), date ? date : "");
      return NULL;
    }
  period = g_strndup (date, 7);
  return compute (store, period, date, scope, 0, error);
}

/**
 * sl_summary_metric_values:
 * @date: the day, `YYYY-MM-DD`
 * @keys: the metrics wanted
 *
 * The whole ledger's value of a few metrics on @date, without the rest of
 * the bulletin: the live values of checklist items.
 *
 * Returns: (transfer full): metric key → double, for those that have a value
 */
GHashTable *
sl_summary_metric_values (SlStore            *store,
                          const char         *date,
                          const char * const *keys,
                          GError            **error)
{
  g_auto(Ctx) ctx = { .store = store };
  g_autoptr(GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *period = NULL;
  g_autoptr(SlStmt) stmt = NULL;
  gboolean ok = TRUE;

  if (!sl_date_is_valid (date))
    {
      g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_FORMAT,
                   _("Date: “%s” is not a date (YYYY-MM-DD)"), date ? date : "");
      return NULL;
    }
  period = g_strndup (date, 7);
  if (!ctx_init (&ctx, period, date, error))
    return NULL;

  stmt = _sl_store_prepare (store, "SELECT key, measure FROM metric ORDER BY position", error);
  if (stmt == NULL || !_sl_summary_savepoint (store, error))
    return NULL;
  ok = _sl_summary_slots_decide (&ctx, error) && _sl_summary_firms_load (&ctx, error) && register_figures (&ctx, keys, error);
  while (ok && sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *key = g_strdup (_sl_column_text (stmt, 0));
      g_autoptr(JsonNode) m = NULL;
      g_auto(SlMeasureBasis) basis = { NULL };
      double value = 0;
      gboolean has_value = FALSE;

      if (!g_strv_contains (keys, key))
        continue;
      m = json_from_string (_sl_column_text (stmt, 1), error);
      ok = m != NULL && _sl_summary_measure (&ctx, key, json_node_get_object (m), &value, &has_value, &basis, error);
      if (ok && has_value)
        g_hash_table_insert (values, g_steal_pointer (&key), g_memdup2 (&value, sizeof value));
    }
  sqlite3_reset (stmt);
  _sl_store_exec (store, "ROLLBACK TO summary; RELEASE summary", NULL);
  return ok ? g_steal_pointer (&values) : NULL;
}
