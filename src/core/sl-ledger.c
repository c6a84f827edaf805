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

/* The work of each writable open, most of it done once a day; none of it
 * may stop the clerk from working, but a failed backup is said. */
static gboolean
after_open (SlStore  *store,
                   GError  **error)
{
  g_autofree char *dir = g_path_get_dirname (sl_store_get_path (store));
  g_autofree char *backups = sl_backup_folder (sl_store_get_path (store));
  g_autoptr(GError) local = NULL;

  sl_file_clean_stale (dir);
  sl_file_clean_stale (backups);
  if (!sl_backup_daily (store, &local))
    g_warning ("%s", local->message);
  return _sl_roster_refresh_today (store, error);
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
  gboolean main_open = !(flags & (SL_STORE_OPEN_WORKER | SL_STORE_OPEN_READ_ONLY));
  gboolean in_memory = g_str_equal (path, ":memory:");

  /* The quick check reads every page: once a day, before that day's backup,
   * so that a damaged file is neither worked on nor copied over a good backup. */
  if (main_open && !in_memory && !sl_backup_done_today (path))
    flags |= SL_STORE_OPEN_CHECK;
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
