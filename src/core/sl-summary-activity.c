/* sl-summary-activity.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-summary"

#include "config.h"

#include <string.h>

#include "sl-certification.h"
#include "sl-store-private.h"
#include "sl-summary.h"
#include "sl-summary-private.h"

/* The pipeline's activity of the month and of the year to its end, per
 * row of the bulletin: applications filed, publicised, approved, not
 * approved; re-reviews passed and failed. Filed and approved are the
 * certifications' own dates; the rest are their events. */

const char * const sl_summary_activity_kinds[SL_SUMMARY_N_ACTIVITY_KINDS] = {
  "filed", "publicised", "approved", "rejected", "review_passed", "review_failed",
};

#define N_KINDS SL_SUMMARY_N_ACTIVITY_KINDS

static guint
kind_index (const char *kind)
{
  for (guint k = 0; k < N_KINDS; k++)
    if (g_str_equal (sl_summary_activity_kinds[k], kind))
      return k;
  return N_KINDS;
}

static void
add_counts (JsonBuilder    *b,
            const char     *member,
            const gint64   *counts)
{
  json_builder_set_member_name (b, member);
  json_builder_begin_object (b);
  for (guint k = 0; k < N_KINDS; k++)
    {
      json_builder_set_member_name (b, sl_summary_activity_kinds[k]);
      json_builder_add_int_value (b, counts[k]);
    }
  json_builder_end_object (b);
}

/**
 * _sl_summary_activity:
 *
 * Adds "activity": { "units": [ { id, name, month: {…}, year: {…} } ],
 * "totals": { month, year } } for the rows of the bulletin.
 */
/**
 * _sl_summary_activity_add: (skip)
 *
 * Counts one step of the pipeline of the firm in @slot, on a day within
 * the year to the day of the figures, and @in_month.
 */
void
_sl_summary_activity_add (Ctx      *ctx,
                          gint64    slot,
                          guint     k,
                          gboolean  in_month)
{
  gint32 unit = slot >= 0 ? ctx->unit[slot] : 0;
  SlActivity *a;

  if (unit == 0 || k >= N_KINDS)
    return;
  a = g_hash_table_lookup (ctx->activity, GINT_TO_POINTER (unit));
  if (a == NULL)
    {
      a = g_new0 (SlActivity, 1);
      g_hash_table_insert (ctx->activity, GINT_TO_POINTER (unit), a);
    }
  a->month[k] += in_month;
  a->year[k]++;
  ctx->activity_totals.month[k] += in_month;
  ctx->activity_totals.year[k]++;
}

gboolean
_sl_summary_activity (Ctx          *ctx,
                      JsonBuilder  *b,
                      GError      **error)
{
  g_autoptr(GError) step_error = NULL;
  g_autoptr(SlStmt) units = NULL;
  g_autoptr(SlStmt) events = NULL;

  /* Filed and approved came with the tiers, from the certifications. */
  if (!_sl_summary_tiers_read (ctx, ctx->last_day, error))
    return FALSE;
  events = _sl_store_prepare (ctx->store,
    "SELECT c.enterprise_id, ev.kind, ev.on_date >= ?3 FROM certification_event ev"
    " JOIN certification c ON c.id = ev.certification_id WHERE ev.on_date BETWEEN ?1 AND ?2", error);
  if (events == NULL)
    return FALSE;
  _sl_bind_text (events, 1, ctx->year_start);
  _sl_bind_text (events, 2, ctx->as_of);
  _sl_bind_text (events, 3, ctx->first_day);
  while (_sl_step_row (events, &step_error))
    _sl_summary_activity_add (ctx, _sl_summary_slot (ctx, sqlite3_column_int64 (events, 0)),
                              kind_index (_sl_column_text (events, 1)), sqlite3_column_int (events, 2));
  if (step_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&step_error));
      return FALSE;
    }

  /* The rows in the bulletin's order, as its table lists them. */
  units = _sl_store_prepare (ctx->store, SL_SUMMARY_UNITS, error);
  if (units == NULL)
    return FALSE;
  json_builder_set_member_name (b, "activity");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "units");
  json_builder_begin_array (b);
  while (_sl_step_row (units, &step_error))
    {
      gint64 unit = sqlite3_column_int64 (units, 0);
      SlActivity *a = g_hash_table_lookup (ctx->activity, GINT_TO_POINTER ((gint) unit));
      SlActivity none = { 0 };

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, unit);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, _sl_column_text (units, 2));
      add_counts (b, "month", (a ? a : &none)->month);
      add_counts (b, "year", (a ? a : &none)->year);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "totals");
  json_builder_begin_object (b);
  add_counts (b, "month", ctx->activity_totals.month);
  add_counts (b, "year", ctx->activity_totals.year);
  json_builder_end_object (b);
  json_builder_end_object (b);
  if (step_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&step_error));
      return FALSE;
    }
  return TRUE;
}
