/* sl-backup.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-backup"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "sl-backup.h"
#include "sl-store-private.h"
#include "sl-util.h"

#define KEEP_DAILY  7
#define KEEP_WEEKLY 4

void
sl_backup_free (SlBackup *backup)
{
  if (backup == NULL)
    return;
  g_free (backup->path);
  g_free (backup->date);
  g_free (backup);
}

/**
 * sl_backup_folder:
 * @ledger: the ledger's path
 *
 * Returns: (transfer full): `$XDG_DATA_HOME/srdi-ledger/backups/NAME-HASH`,
 *   where NAME is the ledger's file name and HASH tells apart two ledgers
 *   of one name in different folders
 */
char *
sl_backup_folder (const char *ledger)
{
  g_autofree char *abs = g_canonicalize_filename (ledger, NULL);
  g_autofree char *base = g_path_get_basename (abs);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, abs, -1);
  g_autofree char *name = NULL;
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  hash[8] = '\0';
  name = g_strdup_printf ("%s-%s", base, hash);
  return g_build_filename (g_get_user_data_dir (), "srdi-ledger", "backups", name, NULL);
}

static char *
backup_of_day (const char *ledger,
               const char *day)
{
  g_autofree char *dir = sl_backup_folder (ledger);
  g_autofree char *name = g_strconcat (day, ".db", NULL);

  return g_build_filename (dir, name, NULL);
}

/**
 * sl_backup_done_today:
 *
 * Returns: %TRUE when today's backup of @ledger exists
 */
gboolean
sl_backup_done_today (const char *ledger)
{
  g_autofree char *today = sl_today ();
  g_autofree char *path = backup_of_day (ledger, today);

  return g_file_test (path, G_FILE_TEST_IS_REGULAR);
}

static gboolean
is_backup_name (const char *name)
{
  return strlen (name) == 13 && g_str_has_suffix (name, ".db") && name[4] == '-' && name[7] == '-';
}

static int
newest_first (gconstpointer a,
              gconstpointer b)
{
  const SlBackup *x = *(SlBackup * const *) a;
  const SlBackup *y = *(SlBackup * const *) b;

  return strcmp (y->date, x->date);
}

/**
 * sl_backup_list:
 * @ledger: the ledger's path
 * @count_firms: whether to open each backup and count its firms
 *
 * Returns: (transfer full) (element-type SlBackup): the backups, newest first
 */
GPtrArray *
sl_backup_list (const char *ledger,
                gboolean    count_firms)
{
  g_autofree char *dir = sl_backup_folder (ledger);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_backup_free);
  const char *name;

  if (d == NULL)
    return list;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      SlBackup *b;
      GStatBuf st;

      if (!is_backup_name (name))
        continue;
      b = g_new0 (SlBackup, 1);
      b->path = g_build_filename (dir, name, NULL);
      b->date = g_strndup (name, 10);
      b->firms = -1;
      if (!sl_date_is_valid (b->date) || g_stat (b->path, &st) != 0)
        {
          sl_backup_free (b);
          continue;
        }
      b->size = st.st_size;
      if (count_firms && !_sl_store_check_file (b->path, G_MAXINT, NULL, &b->firms, NULL))
        b->firms = -1;
      g_ptr_array_add (list, b);
    }
  g_ptr_array_sort (list, newest_first);
  return list;
}

static char *
week_of (const char *day)
{
  GDate date;
  g_autoptr(GDateTime) dt = NULL;

  if (!sl_date_parse (day, &date))
    return g_strdup (day);
  dt = g_date_time_new_utc (g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date), 0, 0, 0);
  return g_date_time_format (dt, "%G-W%V");
}

/* Keeps the 7 newest backups, and of the older ones the newest of each of
 * the 4 weeks before them. */
static void
prune (const char *ledger)
{
  g_autoptr(GPtrArray) list = sl_backup_list (ledger, FALSE);
  g_autoptr(GHashTable) weeks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint weekly = 0;

  for (guint i = 0; i < list->len; i++)
    {
      SlBackup *b = list->pdata[i];
      g_autofree char *week = week_of (b->date);

      if (i < KEEP_DAILY)
        {
          g_hash_table_add (weeks, g_steal_pointer (&week));
          continue;
        }
      if (!g_hash_table_contains (weeks, week) && weekly < KEEP_WEEKLY)
        {
          g_hash_table_add (weeks, g_steal_pointer (&week));
          weekly++;
          continue;
        }
      if (g_unlink (b->path) != 0)
        g_debug ("could not remove the old backup %s: %s", b->path, g_strerror (errno));
    }
}

/* A ledger just made holds nothing a backup would keep: its audit log
 * has only the row of its making. */
static gboolean
is_fresh (SlStore *store)
{
  g_autoptr(SlStmt) stmt = _sl_store_prepare (store, "SELECT count(*) FROM (SELECT 1 FROM audit_log LIMIT 2)", NULL);

  return stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) < 2;
}

/**
 * sl_backup_daily:
 *
 * Writes today's backup of @store unless it exists, then removes the
 * backups that are no longer kept.
 */
gboolean
sl_backup_daily (SlStore  *store,
                 GError  **error)
{
  const char *ledger = sl_store_get_path (store);
  g_autofree char *today = sl_today ();
  g_autofree char *target = backup_of_day (ledger, today);
  g_autofree char *dir = g_path_get_dirname (target);
  g_autoptr(GError) local = NULL;

  if (g_file_test (target, G_FILE_TEST_EXISTS) || is_fresh (store))
    return TRUE;
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_autofree char *shown = g_filename_display_name (dir);

      g_set_error (error, SL_STORE_ERROR, SL_STORE_ERROR_IO,
                   _("Today’s backup was not made: the folder “%s” could not be created: %s"), shown, g_strerror (saved));
      return FALSE;
    }
  if (!_sl_store_copy_to (store, target, &local))
    {
      g_set_error (error, SL_STORE_ERROR, local->code, _("Today’s backup was not made: %s"), local->message);
      return FALSE;
    }
  prune (ledger);
  return TRUE;
}

/**
 * sl_backup_write:
 * @target: a new file
 *
 * Writes a consistent copy of @store to @target, which must not exist:
 * a backup never replaces a file.
 */
gboolean
sl_backup_write (SlStore     *store,
                 const char  *target,
                 GError     **error)
{
  if (g_file_test (target, G_FILE_TEST_EXISTS))
    {
      g_autofree char *shown = g_filename_display_name (target);

      g_set_error (error, SL_STORE_ERROR, SL_STORE_ERROR_IO,
                   _("“%s” exists already; a backup never replaces a file. Choose a new name."), shown);
      return FALSE;
    }
  return _sl_store_copy_to (store, target, error);
}

/**
 * sl_backup_restore:
 * @ledger: the ledger to restore, open in no window of this process
 * @backup: a backup of it (or any whole ledger)
 * @out_aside: (out) (optional): where the current file was saved
 *
 * Checks @backup, saves the current @ledger aside beside it (renamed, so
 * that it is never opened outside SQLite), and puts a copy of @backup in
 * its place.
 */
gboolean
sl_backup_restore (const char  *ledger,
                   const char  *backup,
                   char       **out_aside,
                   GError     **error)
{
  g_autofree char *shown = g_filename_display_name (ledger);
  g_autoptr(GPtrArray) holders = sl_store_lock_holders (ledger);
  g_autoptr(GDateTime) now = sl_now ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *stem = g_strdup (ledger);
  g_autofree char *aside = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *wal = g_strconcat (ledger, "-wal", NULL);
  g_autofree char *shm = g_strconcat (ledger, "-shm", NULL);
  g_autofree char *aside_wal = NULL;
  g_autofree char *dir = g_path_get_dirname (ledger);
  gboolean had_ledger, had_wal;
  char *dot;

  if (holders->len > 0)
    {
      g_autofree char *who = _sl_store_lock_describe_all (holders);

      g_set_error (error, SL_STORE_ERROR, SL_STORE_ERROR_BUSY,
                   _("“%s” is open by %s. Close it there before restoring a backup."), shown, who);
      return FALSE;
    }
  if (!_sl_store_check_file (backup, SL_SCHEMA_VERSION, NULL, NULL, error))
    return FALSE;

  tmp = sl_file_temp_beside (ledger, error);
  if (tmp == NULL)
    return FALSE;
  if (!sl_file_copy (backup, tmp, error))
    {
      g_unlink (tmp);
      return FALSE;
    }

  dot = strrchr (stem, '.');
  if (dot != NULL && strchr (dot, G_DIR_SEPARATOR) == NULL)
    *dot = '\0';
  aside = g_strdup_printf ("%s.before-restore-%s.db", stem, stamp);
  aside_wal = g_strconcat (aside, "-wal", NULL);
  had_ledger = g_file_test (ledger, G_FILE_TEST_EXISTS);
  had_wal = g_file_test (wal, G_FILE_TEST_EXISTS);
  if ((had_ledger && g_rename (ledger, aside) != 0) || (had_wal && g_rename (wal, aside_wal) != 0))
    {
      int saved = errno;

      if (had_ledger && !g_file_test (ledger, G_FILE_TEST_EXISTS))
        g_rename (aside, ledger);
      g_unlink (tmp);
      g_set_error (error, SL_STORE_ERROR, SL_STORE_ERROR_IO,
                   _("“%s” could not be saved aside, so nothing was restored: %s"), shown, g_strerror (saved));
      return FALSE;
    }
  /* The shared memory belongs to the file now set aside; SQLite rebuilds it. */
  g_unlink (shm);
  if (g_rename (tmp, ledger) != 0)
    {
      int saved = errno;

      if (had_ledger)
        g_rename (aside, ledger);
      if (had_wal)
        g_rename (aside_wal, wal);
      g_unlink (tmp);
      g_set_error (error, SL_STORE_ERROR, SL_STORE_ERROR_IO,
                   _("The backup could not be put in place of “%s”, which was left as it was: %s"), shown, g_strerror (saved));
      return FALSE;
    }
  sl_file_sync (dir);
  if (out_aside != NULL)
    *out_aside = had_ledger ? g_steal_pointer (&aside) : NULL;
  return TRUE;
}
