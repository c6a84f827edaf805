/* sl-overview.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-overview"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sl-ledger.h"
#include "sl-overview.h"
#include "sl-reminders.h"
#include "sl-store-private.h"
#include "sl-summary.h"

#define HISTORY_MONTHS 12

void
sl_overview_free (SlOverview *overview)
{
  g_free (overview->today);
  g_clear_pointer (&overview->summary, json_node_unref);
  g_clear_pointer (&overview->reminders, g_ptr_array_unref);
  g_clear_pointer (&overview->history, g_ptr_array_unref);
  g_free (overview->last_bulletin_period);
  g_free (overview->last_bulletin_at);
  g_free (overview);
}

/**
 * sl_overview_compute:
 * @today: the day, `YYYY-MM-DD`
 *
 * Returns: (transfer full) (nullable): the overview as of @today
 */
SlOverview *
sl_overview_compute (SlStore     *store,
                     const char  *today,
                     GError     **error)
{
  g_autoptr(SlOverview) o = g_new0 (SlOverview, 1);
  g_autoptr(SlStmt) last = NULL;
  g_autofree char *period = NULL;

  o->today = g_strdup (today);
  o->summary = sl_summary_compute_at (store, today, NULL, error);
  if (o->summary == NULL)
    return NULL;
  o->reminders = sl_reminders_list (store, today, 0, error);
  if (o->reminders == NULL)
    return NULL;
  period = g_strndup (today, 7);
  o->history = sl_tier_history (store, period, HISTORY_MONTHS, error);
  if (o->history == NULL)
    return NULL;

  last = _sl_store_prepare (store,
    "SELECT period, issue_no, generated_at FROM bulletin ORDER BY generated_at DESC, id DESC LIMIT 1", error);
  if (last == NULL)
    return NULL;
  if (sqlite3_step (last) == SQLITE_ROW)
    {
      o->last_bulletin_period = g_strdup (_sl_column_text (last, 0));
      o->last_bulletin_no = sqlite3_column_int (last, 1);
      o->last_bulletin_at = g_strdup (_sl_column_text (last, 2));
    }
  sqlite3_reset (last);
  return g_steal_pointer (&o);
}

static void
compute_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  const char *path = g_object_get_data (G_OBJECT (task), "path");
  g_autoptr(SlStore) store = NULL;
  g_autoptr(GError) error = NULL;
  SlOverview *o;

  /* A connection of its own: the window's stays free for the clerk while
   * a large ledger takes seconds to count. */
  store = sl_ledger_open (path, SL_STORE_OPEN_WORKER | SL_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL || g_task_return_error_if_cancelled (task))
    {
      if (error != NULL)
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  o = sl_overview_compute (store, task_data, &error);
  if (o == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else if (!g_task_return_error_if_cancelled (task))
    g_task_return_pointer (task, o, (GDestroyNotify) sl_overview_free);
  else
    sl_overview_free (o);
}

/**
 * sl_overview_compute_async:
 *
 * Computes the overview in a worker thread on its own connection to the
 * ledger's file; an in-memory ledger is computed at once.
 */
void
sl_overview_compute_async (SlStore             *store,
                           const char          *today,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (store, cancellable, callback, user_data);
  const char *path = sl_store_get_path (store);

  g_task_set_source_tag (task, sl_overview_compute_async);
  g_task_set_task_data (task, g_strdup (today), g_free);
  if (path == NULL || *path == '\0' || g_str_equal (path, ":memory:"))
    {
      g_autoptr(GError) error = NULL;
      SlOverview *o = sl_overview_compute (store, today, &error);

      if (o == NULL)
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_pointer (task, o, (GDestroyNotify) sl_overview_free);
      return;
    }
  g_object_set_data_full (G_OBJECT (task), "path", g_strdup (path), g_free);
  g_task_run_in_thread (task, compute_thread);
}

/**
 * sl_overview_compute_finish:
 *
 * Returns: (transfer full) (nullable): the overview, or %NULL with @error
 *   set (%G_IO_ERROR_CANCELLED when cancelled)
 */
SlOverview *
sl_overview_compute_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
