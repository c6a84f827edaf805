/* sl-summary-plan.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The plan's period in the summary: its years, whether the bulletin's day
 * is past its end, and then the plan's result — each tier held on its
 * last day against its goal — so that a bulletin of the year after still
 * shows how the plan ended, beside the month's own figures. */

#include "config.h"

#include <math.h>

#include "sl-certification.h"
#include "sl-enterprise.h"
#include "sl-store-private.h"
#include "sl-summary-private.h"
#include "sl-util.h"

/* The plan's goal for a tier, for the scope: the target of its metric for
 * the plan's last year. */
static gboolean
plan_goal (Ctx        *ctx,
           const char *tier,
           double     *out)
{
  g_autoptr(SlStmt) stmt = _sl_store_prepare (ctx->store,
    "SELECT t.value FROM target t JOIN metric m ON m.key = t.metric_key"
    " WHERE json_extract (m.measure, '$.kind') = 'tier_count' AND json_extract (m.measure, '$.tier') = ?1"
    " AND ifnull (t.jurisdiction_id, 0) = ?2 AND t.year = ?3 ORDER BY m.position LIMIT 1", NULL);

  if (stmt == NULL)
    return FALSE;
  _sl_bind_text (stmt, 1, tier);
  sqlite3_bind_int64 (stmt, 2, ctx->scope_id);
  sqlite3_bind_int (stmt, 3, ctx->plan_end);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return FALSE;
  *out = sqlite3_column_double (stmt, 0);
  return TRUE;
}

/* Each tier held on the plan's last day, by the held counts' rule, the
 * firms in the scope where they were on that day: read with the month's
 * tiers (SL_TIER_HELD_LAST). */
static gboolean
add_result (Ctx          *ctx,
            JsonBuilder  *b,
            const char   *last_day,
            GError      **error)
{
  guint n_tiers;

  if (!_sl_summary_tiers_read (ctx, last_day, error))
    return FALSE;
  n_tiers = ctx->tier_keys->len;
  json_builder_set_member_name (b, "result");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "as_of");
  json_builder_add_string_value (b, last_day);
  json_builder_set_member_name (b, "tiers");
  json_builder_begin_object (b);
  for (guint t = 0; t < n_tiers; t++)
    {
      const char *tier = ctx->tier_keys->pdata[t];
      gint64 held = 0;
      double goal = 0;
      gboolean has_goal = plan_goal (ctx, tier, &goal);

      for (gint64 s = 0; s < ctx->n_slots; s++)
        held += ctx->unit_last[s] != 0 && (ctx->tier_flags[s * n_tiers + t] & SL_TIER_HELD_LAST);
      json_builder_set_member_name (b, tier);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "held");
      json_builder_add_int_value (b, held);
      sl_json_add_number (b, "target", has_goal, goal);
      sl_json_add_number (b, "completion_rate", has_goal && goal > 0, has_goal && goal > 0 ? round (held / goal * 10000.0) / 10000.0 : 0);
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
  json_builder_end_object (b);
  return TRUE;
}

/**
 * _sl_summary_plan_period: (skip)
 *
 * Adds "plan_period": the plan's first and last years, "ended" when the
 * bulletin's day is past its last, and then its "result".
 */
gboolean
_sl_summary_plan_period (Ctx          *ctx,
                         JsonBuilder  *b,
                         GError      **error)
{
  g_autofree char *last_day = NULL;
  gboolean ended;

  json_builder_set_member_name (b, "plan_period");
  if (ctx->plan_start <= 0 || ctx->plan_end <= 0)
    {
      json_builder_add_null_value (b);
      return TRUE;
    }
  last_day = g_strdup_printf ("%04d-12-31", ctx->plan_end);
  ended = g_strcmp0 (ctx->as_of, last_day) > 0;
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "start");
  json_builder_add_int_value (b, ctx->plan_start);
  json_builder_set_member_name (b, "end");
  json_builder_add_int_value (b, ctx->plan_end);
  json_builder_set_member_name (b, "ended");
  json_builder_add_boolean_value (b, ended);
  if (ended && !add_result (ctx, b, last_day, error))
    return FALSE;
  json_builder_end_object (b);
  return TRUE;
}
