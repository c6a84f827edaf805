/* sl-reminders.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-reminders"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sl-certification.h"
#include "sl-reminders.h"
#include "sl-store-private.h"
#include "sl-util.h"

static void
reminder_free (SlReminder *r)
{
  g_free (r->title);
  g_free (r->tier_key);
  g_free (r->date);
  g_free (r);
}

static int
days_between (const char *from,
              const char *to)
{
  GDate a, b;

  if (!sl_date_parse (from, &a) || !sl_date_parse (to, &b))
    return 0;
  return g_date_days_between (&a, &b);
}

static int
setting_int (SlStore    *store,
             const char *key,
             int         fallback)
{
  g_autofree char *value = sl_store_get_setting (store, key);
  return value ? atoi (value) : fallback;
}

static gboolean
add_rows (SlStore        *store,
          GPtrArray      *list,
          SlReminderKind  kind,
          const char     *sql,
          const char     *p1,
          const char     *p2,
          const char     *today,
          GError        **error)
{
  g_autoptr(GError) step_error = NULL;
  g_autoptr(SlStmt) stmt = _sl_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  _sl_bind_text (stmt, 1, p1);
  _sl_bind_text (stmt, 2, p2);
  while (_sl_step_row (stmt, &step_error))
    {
      SlReminder *r = g_new0 (SlReminder, 1);

      r->kind = kind;
      r->enterprise_id = kind == SL_REMINDER_OVERDUE_ITEM ? 0 : sqlite3_column_int64 (stmt, 0);
      r->project_id = kind == SL_REMINDER_OVERDUE_ITEM ? sqlite3_column_int64 (stmt, 0) : 0;
      r->item_id = kind == SL_REMINDER_OVERDUE_ITEM ? sqlite3_column_int64 (stmt, 4) : 0;
      r->title = g_strdup (_sl_column_text (stmt, 1));
      r->tier_key = g_strdup (_sl_column_text (stmt, 2));
      r->date = g_strdup (_sl_column_text (stmt, 3));
      r->days = days_between (today, r->date);
      g_ptr_array_add (list, r);
    }
  if (step_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&step_error));
      return FALSE;
    }
  return TRUE;
}

static int
by_date (gconstpointer a,
         gconstpointer b)
{
  const SlReminder *x = *(SlReminder **) a;
  const SlReminder *y = *(SlReminder **) b;

  return strcmp (x->date, y->date);
}

/**
 * sl_reminders_list:
 * @today: the day to count from, `YYYY-MM-DD`
 * @within_days: how far ahead to look; 0 takes the ledger's setting (90)
 *
 * Returns: (transfer full) (element-type SlReminder): by date, soonest first
 */
GPtrArray *
sl_reminders_list (SlStore     *store,
                   const char  *today,
                   int          within_days,
                   GError     **error)
{
  g_autoptr(GError) step_error = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) reminder_free);
  g_autofree char *horizon = NULL;
  g_autofree char *stale = NULL;
  g_autoptr(SlStmt) deadlines = NULL;

  if (!sl_date_is_valid (today))
    {
      g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_FORMAT,
                   _("Date: “%s” is not a date (YYYY-MM-DD)"), today ? today : "");
      return NULL;
    }
  if (within_days <= 0)
    within_days = setting_int (store, "reminder_expiry_days", 90);
  horizon = sl_date_add_days (today, within_days);
  stale = sl_date_add_days (today, -setting_int (store, "reminder_application_result_days", 120));

  if (!add_rows (store, list, SL_REMINDER_EXPIRING,
                 "SELECT e.id, e.name, c.tier_key, c.valid_until FROM certification c JOIN enterprise e ON e.id = c.enterprise_id"
                 " WHERE e.deleted_at IS NULL AND c.status IN ('certified', 'under_review')"
                 " AND c.valid_until BETWEEN ?1 AND ?2", today, horizon, today, error)
      || !add_rows (store, list, SL_REMINDER_NO_RESULT,
                    "SELECT e.id, e.name, c.tier_key, c.applied_on FROM certification c JOIN enterprise e ON e.id = c.enterprise_id"
                    " WHERE e.deleted_at IS NULL AND c.status IN ('applying', 'publicised') AND c.applied_on <= ?1 AND ?2 IS NULL",
                    stale, NULL, today, error)
      || !add_rows (store, list, SL_REMINDER_OVERDUE_ITEM,
                    "SELECT c.project_id, c.title, p.tier_key, c.due_on, c.id FROM checklist_item c JOIN project p ON p.id = c.project_id"
                    " WHERE c.done_on IS NULL AND c.due_on < ?1 AND ?2 IS NULL", today, NULL, today, error))
    return NULL;

  /* The platform's yearly data update, for the rule versions firms hold. */
  deadlines = _sl_store_prepare (store,
    "SELECT substr (s.key, length ('reminder_data_update:') + 1), s.value FROM setting s"
    " WHERE s.key LIKE 'reminder_data_update:%' AND EXISTS (SELECT 1 FROM certification c"
    "   WHERE c.rule_version = substr (s.key, length ('reminder_data_update:') + 1)"
    "   AND c.status IN ('certified', 'under_review') AND ifnull (c.valid_until, '9999-12-31') >= ?1)", error);
  if (deadlines == NULL)
    return NULL;
  _sl_bind_text (deadlines, 1, today);
  while (_sl_step_row (deadlines, &step_error))
    {
      g_autofree char *date = g_strdup_printf ("%.4s-%s", today, _sl_column_text (deadlines, 1));
      SlReminder *r;

      if (strcmp (date, today) < 0)
        {
          g_autofree char *next = g_strdup_printf ("%04d-%s", atoi (today) + 1, _sl_column_text (deadlines, 1));
          g_free (date);
          date = g_steal_pointer (&next);
        }
      if (strcmp (date, horizon) > 0)
        continue;
      r = g_new0 (SlReminder, 1);
      r->kind = SL_REMINDER_DATA_UPDATE;
      r->title = g_strdup (_sl_column_text (deadlines, 0));
      r->date = g_steal_pointer (&date);
      r->days = days_between (today, r->date);
      g_ptr_array_add (list, r);
    }
  if (step_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&step_error));
      return NULL;
    }
  g_ptr_array_sort (list, by_date);
  return g_steal_pointer (&list);
}

static void
tier_month_free (SlTierMonth *m)
{
  g_free (m->period);
  g_free (m);
}

/**
 * sl_tier_history:
 * @last_period: the last month, `YYYY-MM`
 * @months: how many months, ending with @last_period (1 to 32)
 *
 * Returns: (transfer full) (element-type SlTierMonth): holders per tier at
 *   each month's end, oldest first, tiers in plan order (at most 8)
 */
GPtrArray *
sl_tier_history (SlStore     *store,
                 const char  *last_period,
                 int          months,
                 GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) tier_month_free);
  g_autoptr(GPtrArray) days = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *period = NULL;
  g_autofree char *today = NULL;
  g_autoptr(SlStmt) stmt = NULL;
  guint32 held[G_N_ELEMENTS (((SlTierMonth *) NULL)->held)] = { 0 };
  gint64 current = -1;
  int rc;

  if (!sl_period_parse (last_period, NULL, NULL, error))
    return NULL;
  g_return_val_if_fail (months > 0 && months <= 32, NULL);

  /* Oldest first: the months and their last days; the month under way
   * ends today, so that its bar is today's count, not a projection to a
   * month end that has not come. */
  today = sl_today ();
  period = g_strdup (last_period);
  for (int i = 0; i < months; i++)
    {
      SlTierMonth *m = g_new0 (SlTierMonth, 1);
      char *last_day = NULL;
      char *prev;

      sl_period_parse (period, NULL, &last_day, NULL);
      if (strcmp (last_day, today) > 0 && strncmp (today, period, 7) == 0)
        {
          g_free (last_day);
          last_day = g_strdup (today);
        }
      m->period = g_strdup (period);
      g_ptr_array_insert (list, 0, m);
      g_ptr_array_insert (days, 0, last_day);
      prev = sl_period_previous (period);
      g_free (period);
      period = prev;
    }

  /* One pass over the certifications, a firm at a time: each tier it holds
   * marks the months it was held in, so a firm counts once per tier and
   * month however many records overlap. Twelve counts of a million rows
   * each took over a minute. */
  stmt = _sl_store_prepare (store,
    "SELECT c.enterprise_id, t.level, c.valid_from, ifnull (c.valid_until, '9999-12-31')"
    " FROM certification c JOIN tier t ON t.key = c.tier_key"
    " WHERE c.status IN " SL_HELD_STATUSES " AND c.valid_from <= ?2 AND ifnull (c.valid_until, '9999-12-31') >= ?1"
    " AND c.enterprise_id NOT IN (SELECT id FROM enterprise WHERE deleted_at IS NOT NULL)"
    " ORDER BY c.enterprise_id", error);
  if (stmt == NULL)
    return NULL;
  _sl_bind_text (stmt, 1, days->pdata[0]);
  _sl_bind_text (stmt, 2, days->pdata[days->len - 1]);
  for (;;)
    {
      gint64 id;
      int level;

      rc = sqlite3_step (stmt);
      id = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : -2;
      if (id != current)
        {
          for (guint l = 0; l < G_N_ELEMENTS (held); l++)
            for (guint i = 0; held[l] && i < days->len; i++)
              if (held[l] & (1u << i))
                ((SlTierMonth *) list->pdata[i])->held[l]++;
          memset (held, 0, sizeof held);
          current = id;
        }
      if (rc != SQLITE_ROW)
        break;
      level = sqlite3_column_int (stmt, 1);
      if (level < 0 || level >= (int) G_N_ELEMENTS (held))
        continue;
      for (guint i = 0; i < days->len; i++)
        if (strcmp (_sl_column_text (stmt, 2), days->pdata[i]) <= 0
            && strcmp (_sl_column_text (stmt, 3), days->pdata[i]) >= 0)
          held[level] |= 1u << i;
    }
  if (rc != SQLITE_DONE)
    {
      _sl_store_sql_error (store, error);
      sqlite3_reset (stmt);
      return NULL;
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&list);
}
