/* sl-store.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sl-store-impl.h"
#include "sl-util.h"

G_DEFINE_FINAL_TYPE (SlStore, sl_store, G_TYPE_OBJECT)

static void
finalize_stmt (gpointer data)
{
  sqlite3_finalize (data);
}

static void
sl_store_finalize (GObject *object)
{
  SlStore *self = SL_STORE (object);

  g_clear_pointer (&self->stmts, g_hash_table_unref);
  _sl_store_twins_close (self);
  if (self->db != NULL)
    {
      /* At rest a ledger is one file again, so that it can be copied as
       * it is and a read-only open later needs no -wal or -shm. Only the
       * last connection can do it; the others must not wait for that. */
      if (!sl_store_is_read_only (self) && self->local && !(self->flags & SL_STORE_OPEN_WORKER))
        {
          sqlite3_busy_timeout (self->db, 0);
          sqlite3_exec (self->db, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
        }
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }
  if (self->profile != NULL)
    _sl_store_profile_report (self->profile);
  g_clear_pointer (&self->profile, g_hash_table_unref);
  if (self->locked)
    _sl_store_lock_remove (self->path);
  g_clear_pointer (&self->read_only_reason, g_free);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->last_backup, g_free);

  G_OBJECT_CLASS (sl_store_parent_class)->finalize (object);
}

static void
sl_store_class_init (SlStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sl_store_finalize;
}

static void
sl_store_init (SlStore *self)
{
  self->stmts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_stmt);
}

gboolean
_sl_store_sql_error (SlStore  *self,
                     GError  **error)
{
  _sl_store_set_error (self->path, self->db, sqlite3_extended_errcode (self->db), error);
  return FALSE;
}

sqlite3 *
_sl_store_get_db (SlStore *self)
{
  g_return_val_if_fail (SL_IS_STORE (self), NULL);
  return self->db;
}

SlStmt *
_sl_store_prepare (SlStore     *self,
                   const char  *sql,
                   GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = g_hash_table_lookup (self->stmts, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      int rc = sqlite3_extended_errcode (self->db);

      if ((rc & 0xff) == SQLITE_ERROR)
        g_set_error (error, SL_STORE_ERROR, SL_STORE_ERROR_SQL,
                     "SQL: %s (in: %.80s)", sqlite3_errmsg (self->db), sql);
      else
        _sl_store_set_error (self->path, self->db, rc, error);
      return NULL;
    }
  g_hash_table_insert (self->stmts, g_strdup (sql), stmt);
  return stmt;
}

gboolean
_sl_store_exec (SlStore     *self,
                const char  *sql,
                GError     **error)
{
  char *msg = NULL;

  int rc = sqlite3_exec (self->db, sql, NULL, NULL, &msg);

  if (rc != SQLITE_OK)
    {
      rc = sqlite3_extended_errcode (self->db);
      if ((rc & 0xff) == SQLITE_ERROR || (rc & 0xff) == SQLITE_CONSTRAINT)
        g_set_error (error, SL_STORE_ERROR, SL_STORE_ERROR_SQL, "SQL: %s", msg);
      else
        _sl_store_set_error (self->path, self->db, rc, error);
      sqlite3_free (msg);
      return FALSE;
    }
  return TRUE;
}

gboolean
_sl_store_step_done (SlStore  *self,
                     SlStmt   *stmt,
                     GError  **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      _sl_store_sql_error (self, error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

/**
 * _sl_step_row:
 *
 * One step of a query read row by row, for `while (_sl_step_row (…))`: a
 * read that stops on a damaged page or a busy ledger must not pass for the
 * end of the rows. The error names the file the statement's connection reads.
 *
 * Returns: %TRUE with a row; %FALSE at the end, or with @error set
 */
gboolean
_sl_step_row (SlStmt  *stmt,
              GError **error)
{
  int rc = sqlite3_step (stmt);
  sqlite3 *db;

  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc == SQLITE_DONE)
    return FALSE;
  db = sqlite3_db_handle (stmt);
  _sl_store_set_error (sqlite3_db_filename (db, "main"), db, sqlite3_extended_errcode (db), error);
  return FALSE;
}

void
_sl_bind_text (SlStmt     *stmt,
               int         idx,
               const char *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, idx);
  else
    sqlite3_bind_text (stmt, idx, text, -1, SQLITE_TRANSIENT);
}

/* SL_UNSET binds as SQL NULL. */
void
_sl_bind_int_unset (SlStmt *stmt,
                    int     idx,
                    gint64  value)
{
  if (value == SL_UNSET)
    sqlite3_bind_null (stmt, idx);
  else
    sqlite3_bind_int64 (stmt, idx, value);
}

const char *
_sl_column_text (SlStmt *stmt,
                 int     col)
{
  return (const char *) sqlite3_column_text (stmt, col);
}

int
_sl_store_read_int (sqlite3    *db,
          const char *sql,
          int        *value)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  *value = -1;
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *value = sqlite3_column_int (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);
  return rc;
}

/**
 * _sl_store_set_error:
 * @path: the ledger, for the message
 * @db: (nullable): the connection, for SQLite's own words
 * @rc: an SQLite result code
 *
 * One message per cause, each saying what to do.
 */
void
_sl_store_set_error (const char  *path,
                     sqlite3     *db,
                     int          rc,
                     GError     **error)
{
  g_autofree char *shown = g_filename_display_name (path);
  const char *detail = db ? sqlite3_errmsg (db) : sqlite3_errstr (rc);
  int sys = db ? sqlite3_system_errno (db) : 0;

  if ((rc & 0xff) == SQLITE_IOERR && sys == ENOSPC)
    rc = SQLITE_FULL;
  if (((rc & 0xff) == SQLITE_IOERR || (rc & 0xff) == SQLITE_CANTOPEN) && (sys == EROFS || sys == EACCES || sys == EPERM))
    rc = SQLITE_READONLY;

  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      g_set_error (error, SL_STORE_ERROR, SL_STORE_ERROR_FULL,
                   _("The disk that holds “%s” is full: nothing was changed. Free some space and try again."), shown);
      break;
    case SQLITE_READONLY:
      g_set_error (error, SL_STORE_ERROR, SL_STORE_ERROR_READ_ONLY,
                   _("“%s” cannot be written: the file or its folder is read-only. Nothing was changed."), shown);
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, SL_STORE_ERROR, SL_STORE_ERROR_DAMAGED,
                   _("“%s” is damaged (%s). Restore it from a backup: Restore from Backup… in the main menu, or --restore on the command line."),
                   shown, detail);
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      {
        g_autoptr(GPtrArray) holders = sl_store_lock_holders (path);
        g_autofree char *who = _sl_store_lock_describe_all (holders);

        if (holders->len > 0)
          g_set_error (error, SL_STORE_ERROR, SL_STORE_ERROR_BUSY,
                       _("“%s” is busy: it is being written by %s. Nothing was changed; try again when that work has finished."),
                       shown, who);
        else
          g_set_error (error, SL_STORE_ERROR, SL_STORE_ERROR_BUSY,
                       _("“%s” is busy: another program is writing to it. Nothing was changed; try again when it has finished."),
                       shown);
      }
      break;
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
      g_set_error (error, SL_STORE_ERROR, SL_STORE_ERROR_IO,
                   _("“%s” could not be read or written: %s."), shown, sys ? g_strerror (sys) : detail);
      break;
    default:
      g_set_error (error, SL_STORE_ERROR, SL_STORE_ERROR_SQL,
                   _("The ledger could not be written: %s"), detail);
      break;
    }
}

/**
 * sl_store_get_generation:
 *
 * Returns: a number that changes with every committed write, so that
 *   what was computed from the ledger can tell it is out of date
 */
guint64
sl_store_get_generation (SlStore *self)
{
  g_return_val_if_fail (SL_IS_STORE (self), 0);
  return self->generation;
}

char *
_sl_store_backup_path (SlStore *self)
{
  return g_strdup (self->last_backup);
}

/**
 * _sl_store_copy_to:
 * @target: a file that does not exist yet
 *
 * Writes a consistent copy of the ledger to @target, even while the WAL
 * holds pages: into a hidden file beside it, mode 0600 from the start,
 * then put in place by sl_file_replace(). A kill leaves at most that hidden file.
 */
gboolean
_sl_store_copy_to (SlStore     *self,
                   const char  *target,
                   GError     **error)
{
  g_autofree char *tmp = sl_file_temp_beside (target, error);
  g_autoptr(GError) local = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (tmp == NULL)
    return FALSE;
  /* VACUUM INTO takes an empty file as a new one. */
  if (sqlite3_prepare_v2 (self->db, "VACUUM INTO ?1", -1, &stmt, NULL) != SQLITE_OK)
    {
      g_unlink (tmp);
      _sl_store_set_error (self->path, self->db, sqlite3_errcode (self->db), error);
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, tmp, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      g_unlink (tmp);
      _sl_store_set_error (target, self->db, sqlite3_extended_errcode (self->db), error);
      return FALSE;
    }
  if (!sl_file_replace (tmp, target, &local))
    {
      g_set_error_literal (error, SL_STORE_ERROR,
                           g_error_matches (local, G_IO_ERROR, G_IO_ERROR_NO_SPACE) ? SL_STORE_ERROR_FULL : SL_STORE_ERROR_IO,
                           local->message);
      return FALSE;
    }
  return TRUE;
}

/**
 * sl_store_is_read_only:
 *
 * Returns: %TRUE when nothing can be written; sl_store_get_read_only_reason() says why
 */
gboolean
sl_store_is_read_only (SlStore *self)
{
  g_return_val_if_fail (SL_IS_STORE (self), TRUE);
  return self->read_only_reason != NULL;
}

/**
 * sl_store_set_read_only:
 * @reason: why, for the clerk ("the file is damaged")
 *
 * Stops every further write through this store, as when its file turned
 * out damaged.
 */
void
sl_store_set_read_only (SlStore    *self,
                        const char *reason)
{
  g_return_if_fail (SL_IS_STORE (self));
  g_free (self->read_only_reason);
  self->read_only_reason = g_strdup (reason);
}

const char *
sl_store_get_read_only_reason (SlStore *self)
{
  g_return_val_if_fail (SL_IS_STORE (self), NULL);
  return self->read_only_reason;
}

/**
 * sl_store_poll_changes:
 *
 * Asks SQLite whether another connection (another process, or a worker)
 * has committed since the last call; cheap enough to call every second.
 *
 * Returns: %TRUE when the ledger changed, so that what was read is stale
 */
gboolean
sl_store_poll_changes (SlStore *self)
{
  int version;

  g_return_val_if_fail (SL_IS_STORE (self), FALSE);

  if (self->db == NULL || self->depth > 0
      || _sl_store_read_int (self->db, "PRAGMA data_version", &version) != SQLITE_OK
      || version == self->data_version)
    return FALSE;
  self->data_version = version;
  self->generation++;
  return TRUE;
}

/**
 * sl_store_default_path:
 *
 * Returns: (transfer full): `$XDG_DATA_HOME/srdi-ledger/ledger.db`
 */
char *
sl_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "srdi-ledger", "ledger.db", NULL);
}

const char *
sl_store_get_path (SlStore *self)
{
  g_return_val_if_fail (SL_IS_STORE (self), NULL);
  return self->path;
}

int
sl_store_get_version (SlStore *self)
{
  g_return_val_if_fail (SL_IS_STORE (self), 0);
  return self->version;
}

/**
 * sl_store_write:
 * @self: a #SlStore
 * @func: the work to do
 * @user_data: data for @func
 * @error: return location for an error
 *
 * Runs @func in one transaction: committed when it returns %TRUE, rolled
 * back whole otherwise. Nested calls become savepoints of the outer one.
 *
 * Returns: %TRUE when the work was committed
 */
/* A savepoint's statements, prepared once: an import takes several for
 * every row, and parsing them each time was a tenth of its time. */
static gboolean
run_cached (SlStore     *self,
            const char  *sql,
            GError     **error)
{
  g_autoptr(SlStmt) stmt = _sl_store_prepare (self, sql, error);

  return stmt != NULL && _sl_store_step_done (self, stmt, error);
}

gboolean
sl_store_write (SlStore      *self,
                SlWriteFunc   func,
                gpointer      user_data,
                GError      **error)
{
  g_autofree char *savepoint = NULL;
  gboolean ok;

  g_return_val_if_fail (SL_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (sl_store_is_read_only (self))
    {
      g_autofree char *shown = g_filename_display_name (self->path);

      g_set_error (error, SL_STORE_ERROR, SL_STORE_ERROR_READ_ONLY,
                   _("“%s” is open read-only (%s): nothing can be changed."), shown, self->read_only_reason);
      return FALSE;
    }
  g_return_val_if_fail (!self->reading, FALSE);
  if (self->depth == 0)
    {
      if (!_sl_store_exec (self, "BEGIN IMMEDIATE", error))
        return FALSE;
    }
  else
    {
      savepoint = g_strdup_printf ("SAVEPOINT sl_%d", self->depth);
      if (!run_cached (self, savepoint, error))
        return FALSE;
    }

  self->depth++;
  ok = func (self, user_data, error);
  self->depth--;

  if (self->depth == 0)
    {
      if (ok && !_sl_store_exec (self, "COMMIT", error))
        ok = FALSE;
      if (ok)
        self->generation++;
      if (!ok)
        {
          int old_version = self->version;

          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          if (_sl_store_read_int (self->db, "PRAGMA user_version", &self->version) != SQLITE_OK)
            self->version = old_version;
        }
    }
  else
    {
      g_autofree char *release = g_strdup_printf ("RELEASE sl_%d", self->depth);
      g_autofree char *rollback = g_strdup_printf ("ROLLBACK TO sl_%d", self->depth);

      if (!ok)
        run_cached (self, rollback, NULL);
      if (!run_cached (self, release, ok ? error : NULL))
        ok = FALSE;
    }
  return ok;
}

/* Outside a transaction every statement takes the WAL's read lock and
 * drops it again (fcntl, a look at the WAL index): an import's check makes
 * several statements a row, and at 100,000 rows those locks were a fifth
 * of its time. Inside a write there is a snapshot already. */
void
_sl_store_read_begin (SlStore *self)
{
  if (self->depth > 0 || self->reading || self->db == NULL)
    return;
  self->reading = sqlite3_exec (self->db, "BEGIN DEFERRED", NULL, NULL, NULL) == SQLITE_OK;
}

void
_sl_store_read_end (SlStore *self)
{
  if (!self->reading)
    return;
  self->reading = FALSE;
  _sl_store_twins_close (self);
  sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
}

/* SQLite's default page cache is 2 MiB: a write of 100,000 firms spilled
 * dirty pages to the WAL again and again (a sixth of its time) and read
 * them back. A larger cache holds more of the pages such a write touches;
 * it is given back when the write ends, so that an idle window keeps the
 * default. 8 MiB took as little time as 64 and 80 MB less memory. */
#define SL_BULK_CACHE_KIB 8192

static void
set_cache (SlStore *self,
           gint64   kib)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA cache_size = -%" G_GINT64_FORMAT, kib);

  if (self->db != NULL)
    sqlite3_exec (self->db, sql, NULL, NULL, NULL);
}

/**
 * _sl_store_write_bulk:
 *
 * sl_store_write() with a page cache sized for a large write: an import,
 * its trial, its undo.
 */
gboolean
_sl_store_write_bulk (SlStore      *self,
                      SlWriteFunc   func,
                      gpointer      user_data,
                      GError      **error)
{
  return _sl_store_write_sized (self, SL_BULK_CACHE_KIB, func, user_data, error);
}

/**
 * _sl_store_write_sized:
 * @cache_kib: the page cache for the write, in KiB
 *
 * sl_store_write() with a page cache of its own, given back after: a
 * write of a million rows (demo data) whose indexes would not fit in the
 * usual 2 MB.
 */
gboolean
_sl_store_write_sized (SlStore      *self,
                       gint64        cache_kib,
                       SlWriteFunc   func,
                       gpointer      user_data,
                       GError      **error)
{
  gboolean ok;

  set_cache (self, cache_kib);
  ok = sl_store_write (self, func, user_data, error);
  set_cache (self, 2000);
  return ok;
}

/**
 * sl_store_audit:
 * @self: a #SlStore
 * @entity: what was changed (`enterprise`, `certification`, …)
 * @entity_id: its id, or 0
 * @action: `create`, `update`, `delete`, …
 * @before: (nullable): the record before, as JSON
 * @after: (nullable): the record after, as JSON
 * @error: return location for an error
 *
 * Writes one `audit_log` row. Call it from inside sl_store_write().
 */
gboolean
sl_store_audit (SlStore     *self,
                const char  *entity,
                gint64       entity_id,
                const char  *action,
                JsonNode    *before,
                JsonNode    *after,
                GError     **error)
{
  g_autoptr(GDateTime) now = sl_now ();
  g_autofree char *at = g_date_time_format_iso8601 (now);
  g_autofree char *before_s = before ? json_to_string (before, FALSE) : NULL;
  g_autofree char *after_s = after ? json_to_string (after, FALSE) : NULL;
  g_autoptr(SlStmt) stmt = NULL;

  g_return_val_if_fail (SL_IS_STORE (self), FALSE);
  g_warn_if_fail (self->depth > 0);

  stmt = _sl_store_prepare (self,
                            "INSERT INTO audit_log (at, user, entity, entity_id, action, before, after)"
                            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error);
  if (stmt == NULL)
    return FALSE;
  _sl_bind_text (stmt, 1, at);
  _sl_bind_text (stmt, 2, g_get_user_name ());
  _sl_bind_text (stmt, 3, entity);
  sqlite3_bind_int64 (stmt, 4, entity_id);
  _sl_bind_text (stmt, 5, action);
  _sl_bind_text (stmt, 6, before_s);
  _sl_bind_text (stmt, 7, after_s);
  return _sl_store_step_done (self, stmt, error);
}

/**
 * sl_store_get_setting:
 *
 * Returns: (transfer full) (nullable): the value of @key, or %NULL
 */
char *
sl_store_get_setting (SlStore    *self,
                      const char *key)
{
  g_autoptr(SlStmt) stmt = NULL;

  g_return_val_if_fail (SL_IS_STORE (self), NULL);

  stmt = _sl_store_prepare (self, "SELECT value FROM setting WHERE key = ?1", NULL);
  if (stmt == NULL)
    return NULL;
  _sl_bind_text (stmt, 1, key);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return g_strdup (_sl_column_text (stmt, 0));
  return NULL;
}

typedef struct
{
  const char *key;
  const char *value;
} SettingChange;

static gboolean
set_setting_cb (SlStore  *self,
                gpointer  user_data,
                GError  **error)
{
  SettingChange *change = user_data;

  return _sl_store_put_setting (self, change->key, change->value, error);
}

/* Inside a write: the setting, with its audit row. Unchanged, nothing is written. */
gboolean
_sl_store_put_setting (SlStore     *self,
                       const char  *key,
                       const char  *value,
                       GError     **error)
{
  g_autofree char *old = sl_store_get_setting (self, key);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autoptr(SlStmt) stmt = NULL;

  if (g_strcmp0 (old, value) == 0)
    return TRUE;
  json_builder_begin_object (b);
  json_builder_set_member_name (b, key);
  json_builder_add_string_value (b, old);
  json_builder_end_object (b);
  before = json_builder_get_root (b);
  json_builder_reset (b);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, key);
  json_builder_add_string_value (b, value);
  json_builder_end_object (b);
  after = json_builder_get_root (b);

  stmt = _sl_store_prepare (self,
                            "INSERT INTO setting (key, value) VALUES (?1, ?2)"
                            " ON CONFLICT (key) DO UPDATE SET value = excluded.value", error);
  if (stmt == NULL)
    return FALSE;
  _sl_bind_text (stmt, 1, key);
  _sl_bind_text (stmt, 2, value);
  if (!_sl_store_step_done (self, stmt, error))
    return FALSE;
  return sl_store_audit (self, "setting", 0, "update", before, after, error);
}

gboolean
sl_store_set_setting (SlStore     *self,
                      const char  *key,
                      const char  *value,
                      GError     **error)
{
  SettingChange change = { key, value };

  g_return_val_if_fail (SL_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL && value != NULL, FALSE);

  return sl_store_write (self, set_setting_cb, &change, error);
}

/**
 * sl_store_count_enterprises:
 *
 * Returns: the number of enterprises not in the trash
 */
gint64
sl_store_count_enterprises (SlStore *self)
{
  g_autoptr(SlStmt) stmt = NULL;

  g_return_val_if_fail (SL_IS_STORE (self), 0);

  stmt = _sl_store_prepare (self, "SELECT count(*) FROM enterprise WHERE deleted_at IS NULL", NULL);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  return 0;
}


void
_sl_store_foreground_begin (SlStore *self)
{
  g_atomic_int_inc (&self->foreground);
}

void
_sl_store_foreground_end (SlStore *self)
{
  g_atomic_int_add (&self->foreground, -1);
}

/**
 * _sl_store_foreground_wait:
 *
 * In a background reader: waits while a foreground read is under way, or
 * until @cancellable is cancelled. A wait is as long as a keystroke's
 * search, some tens of milliseconds.
 */
void
_sl_store_foreground_wait (SlStore      *self,
                           GCancellable *cancellable)
{
  while (g_atomic_int_get (&self->foreground) > 0 && !g_cancellable_is_cancelled (cancellable))
    g_usleep (500);
}
