/* sl-ledger.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-ledger"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sl-backup.h"
#include "sl-ledger-private.h"
#include "sl-plan.h"
#include "sl-roster.h"
#include "sl-util.h"

static void
connect_cb (SlStore  *store,
            gpointer  data)
{
  _sl_roster_register_functions (store);
}

static gboolean
create_cb (SlStore  *store,
           gpointer  data,
           GError  **error)
{
  return _sl_plan_load (store, data, error);
}

/* Every writable open: a kill may have left temporaries, and the tiers
 * held today depend on the date. */
static gboolean
after_open (SlStore  *store,
            GError  **error)
{
  g_autofree char *dir = g_path_get_dirname (sl_store_get_path (store));
  g_autofree char *backups = sl_backup_folder (sl_store_get_path (store));

  sl_file_clean_stale (dir);
  sl_file_clean_stale (backups);
  return _sl_roster_refresh_today (store, error);
}

/**
 * sl_ledger_care:
 * @path: an open ledger
 *
 * The day's backup, unless it exists. The copy reads every page, seconds
 * at a million firms, so it runs on a connection of its own and the window
 * calls it in a worker. The file passed the day's quick check when it was
 * opened, so no damaged file is copied over a good backup.
 */
gboolean
sl_ledger_care (const char    *path,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(SlStore) store = NULL;

  if (g_str_equal (path, ":memory:") || sl_backup_done_today (path))
    return TRUE;
  /* Not read-only: from a read-only connection SQLite's VACUUM INTO
   * takes ten times as long (85 s instead of 8 s at a million firms). */
  store = sl_ledger_open (path, SL_STORE_OPEN_WORKER, error);
  if (store == NULL)
    return FALSE;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  return sl_backup_daily (store, error);
}

static void
care_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;

  if (sl_ledger_care (task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
sl_ledger_care_async (const char          *path,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, care_thread);
}

gboolean
sl_ledger_care_finish (GAsyncResult  *result,
                       GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

SlStore *
_sl_ledger_open_full (const char         *path,
                      const SlMigration  *migrations,
                      guint               n_migrations,
                      GBytes             *plan_json,
                      SlStoreOpenFlags    flags,
                      GError            **error)
{
  SlStoreHooks hooks = { connect_cb, create_cb, plan_json };
  g_autoptr(SlStore) store = NULL;
  gboolean in_memory = g_str_equal (path, ":memory:");

  /* Once a day, before anything writes to it, SQLite's quick check reads
   * every page (4 s at a million firms): a damaged file is refused as it
   * is, never worked on, and never copied over a good backup. */
  if (!in_memory && !(flags & (SL_STORE_OPEN_WORKER | SL_STORE_OPEN_READ_ONLY))
      && g_file_test (path, G_FILE_TEST_EXISTS) && !sl_backup_done_today (path))
    {
      g_autoptr(GError) local = NULL;

      if (!_sl_store_check_file (path, migrations[n_migrations - 1].version, NULL, NULL, &local)
          && (local->domain != SL_STORE_ERROR || local->code != SL_STORE_ERROR_BUSY))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
    }
  store = _sl_store_open (path, migrations, n_migrations, flags, &hooks, error);
  if (store == NULL)
    return NULL;
  if (sl_store_is_read_only (store) || (flags & SL_STORE_OPEN_WORKER))
    return g_steal_pointer (&store);
  if (in_memory)
    return _sl_roster_refresh_today (store, error) ? g_steal_pointer (&store) : NULL;
  if (!after_open (store, error))
    return NULL;
  return g_steal_pointer (&store);
}

/**
 * sl_ledger_open:
 * @path: a file name, or ":memory:" for a throw-away ledger
 * @flags: %SL_STORE_OPEN_CREATE to make a new ledger when @path does not exist, …
 * @error: return location for an error
 *
 * Opens the ledger at @path, migrating it if it is older than this program.
 *
 * Returns: (transfer full) (nullable): the store, or %NULL with @error set
 */
SlStore *
sl_ledger_open (const char        *path,
                SlStoreOpenFlags   flags,
                GError           **error)
{
  g_autoptr(GBytes) plan = sl_plan_get_bundled (error);

  if (plan == NULL)
    return NULL;
  return _sl_ledger_open_full (path, sl_migrations, sl_n_migrations, plan, flags, error);
}
