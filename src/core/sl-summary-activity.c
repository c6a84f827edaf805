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

typedef struct
{
  gint64 month[N_KINDS];
  gint64 year[N_KINDS];
} Activity;

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
gboolean
_sl_summary_activity (Ctx          *ctx,
                      JsonBuilder  *b,
                      GError      **error)
{
  g_autoptr(GHashTable) by_unit = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GError) step_error = NULL;
  Activity totals = { 0 };
  g_autoptr(SlStmt) units = NULL;
  g_autoptr(SlStmt) stmt = _sl_store_prepare (ctx->store,
    "SELECT s.unit_id, x.kind, sum (x.on_date >= ?1), count (*) FROM ("
    "   SELECT enterprise_id, 'filed' AS kind, applied_on AS on_date FROM certification"
    "    WHERE applied_on BETWEEN ?2 AND ?3"
    "   UNION ALL SELECT enterprise_id, 'approved', certified_on FROM certification"
    "    WHERE certified_on BETWEEN ?2 AND ?3 AND status IN " SL_HELD_STATUSES
    "   UNION ALL SELECT c.enterprise_id, ev.kind, ev.on_date FROM certification_event ev"
    "    JOIN certification c ON c.id = ev.certification_id WHERE ev.on_date BETWEEN ?2 AND ?3"
    " ) x JOIN scope_enterprise s ON s.enterprise_id = x.enterprise_id"
    " GROUP BY s.unit_id, x.kind", error);

  if (stmt == NULL)
    return FALSE;
  _sl_bind_text (stmt, 1, ctx->first_day);
  _sl_bind_text (stmt, 2, ctx->year_start);
  _sl_bind_text (stmt, 3, ctx->as_of);
  while (_sl_step_row (stmt, &step_error))
    {
      gint64 unit = sqlite3_column_int64 (stmt, 0);
      guint k = kind_index (_sl_column_text (stmt, 1));
      Activity *a = g_hash_table_lookup (by_unit, &unit);

      if (k == N_KINDS)
        continue;
      if (a == NULL)
        {
          a = g_new0 (Activity, 1);
          g_hash_table_insert (by_unit, g_memdup2 (&unit, sizeof unit), a);
        }
      a->month[k] += sqlite3_column_int64 (stmt, 2);
      a->year[k] += sqlite3_column_int64 (stmt, 3);
      totals.month[k] += sqlite3_column_int64 (stmt, 2);
      totals.year[k] += sqlite3_column_int64 (stmt, 3);
    }
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
      Activity *a = g_hash_table_lookup (by_unit, &unit);
      Activity none = { 0 };

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
  add_counts (b, "month", totals.month);
  add_counts (b, "year", totals.year);
  json_builder_end_object (b);
  json_builder_end_object (b);
  if (step_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&step_error));
      return FALSE;
    }
  return TRUE;
}
