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
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "sl-store-private.h"
#include "sl-util.h"

struct _SlStore
{
  GObject     parent_instance;

  sqlite3    *db;
  char       *path;
  GHashTable *stmts;     /* SQL text -> sqlite3_stmt */
  int         version;
  int         depth;     /* nesting of sl_store_write() */
  guint64     generation; /* counts commits, so that caches of query results know they are stale */
  char       *last_backup;
  SlStoreOpenFlags flags;
  gboolean    read_only;
  char       *read_only_reason;
  gboolean    local;      /* on a local disk, where the ledger runs in WAL mode */
  gboolean    locked;     /* this store added a line to the lock record */
  int         data_version;
};

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
  if (self->db != NULL)
    {
      /* At rest a ledger is one file again, so that it can be copied as
       * it is and a read-only open later needs no -wal or -shm. Only the
       * last connection can do it; the others must not wait for that. */
      if (!self->read_only && self->local && !(self->flags & SL_STORE_OPEN_WORKER))
        {
          sqlite3_busy_timeout (self->db, 0);
          sqlite3_exec (self->db, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
        }
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }
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

const char *
_sl_column_text (SlStmt *stmt,
                 int     col)
{
  return (const char *) sqlite3_column_text (stmt, col);
}

static int
read_int (sqlite3    *db,
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

static int
pragma_int (sqlite3    *db,
            const char *sql)
{
  int value;

  read_int (db, sql, &value);
  return value;
}

/* Network file systems break WAL's shared memory; keep the rollback journal there. */
static gboolean
is_local_disk (const char *path)
{
  struct statfs sfs;

  if (statfs (path, &sfs) != 0)
    return TRUE;
  switch ((unsigned long) sfs.f_type)
    {
    case 0x6969UL:       /* NFS */
    case 0x517BUL:       /* SMB */
    case 0xFF534D42UL:   /* CIFS */
    case 0xFE534D42UL:   /* SMB2 */
    case 0x65735546UL:   /* FUSE (sshfs and friends) */
      return FALSE;
    default:
      return TRUE;
    }
}

/* Only called once SQLite has said "not a database": a file it cannot
 * read as one is not open in it, so reading it here drops no lock. */
static gboolean
has_sqlite_magic (const char *path)
{
  static const char magic[16] = "SQLite format 3";
  char header[16];
  gboolean ok = FALSE;
  FILE *f = fopen (path, "rbe");

  if (f == NULL)
    return FALSE;
  ok = fread (header, 1, sizeof header, f) == sizeof header && memcmp (header, magic, sizeof magic) == 0;
  fclose (f);
  return ok;
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

static gboolean
fsync_path (const char *path)
{
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  gboolean ok;

  if (fd < 0)
    return FALSE;
  ok = fsync (fd) == 0;
  close (fd);
  return ok;
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
 * synced, then renamed. A kill leaves at most that hidden file.
 */
gboolean
_sl_store_copy_to (SlStore     *self,
                   const char  *target,
                   GError     **error)
{
  g_autofree char *tmp = sl_file_temp_beside (target, error);
  g_autofree char *dir = NULL;
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
  if (!fsync_path (tmp))
    {
      int saved = errno;
      g_autofree char *shown = g_filename_display_name (target);

      g_unlink (tmp);
      g_set_error (error, SL_STORE_ERROR, saved == ENOSPC ? SL_STORE_ERROR_FULL : SL_STORE_ERROR_IO,
                   _("“%s” could not be written: %s"), shown, g_strerror (saved));
      return FALSE;
    }
  if (!sl_file_replace (tmp, target, error))
    return FALSE;
  dir = g_path_get_dirname (target);
  fsync_path (dir);
  return TRUE;
}

static gboolean
backup_before_migration (SlStore  *self,
                         int       from_version,
                         GError  **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *target = g_strdup_printf ("%s.v%d-%s.bak", self->path, from_version, stamp);
  g_autoptr(GError) local = NULL;

  if (!_sl_store_copy_to (self, target, &local))
    {
      g_autofree char *shown = g_filename_display_name (target);

      g_set_error (error, SL_STORE_ERROR, local->code,
                   _("The backup “%s” could not be written, so the ledger was not upgraded: %s"),
                   shown, local->message);
      return FALSE;
    }
  g_free (self->last_backup);
  self->last_backup = g_steal_pointer (&target);
  return TRUE;
}

static gboolean
set_version (SlStore  *self,
             int       version,
             GError  **error)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d", version);

  if (!_sl_store_exec (self, sql, error))
    return FALSE;
  self->version = version;
  return TRUE;
}

typedef struct
{
  const SlMigration  *migrations;
  guint               n_migrations;
  const SlStoreHooks *hooks;
} CreateData;

static gboolean
create_ledger (SlStore  *self,
               gpointer  user_data,
               GError  **error)
{
  CreateData *data = user_data;
  g_autofree char *sql = g_strdup_printf ("PRAGMA application_id = %d", SL_APPLICATION_ID);
  g_autoptr(JsonNode) after = NULL;
  int last = 0;

  if (!_sl_store_exec (self, sql, error))
    return FALSE;
  for (guint i = 0; i < data->n_migrations; i++)
    {
      if (!_sl_store_exec (self, data->migrations[i].sql, error))
        return FALSE;
      last = data->migrations[i].version;
    }
  if (!set_version (self, last, error))
    return FALSE;
  if (data->hooks != NULL && data->hooks->create != NULL
      && !data->hooks->create (self, data->hooks->data, error))
    return FALSE;

  after = json_from_string ("{}", NULL);
  json_object_set_int_member (json_node_get_object (after), "schema_version", last);
  return sl_store_audit (self, "ledger", 0, "create", NULL, after, error);
}

static gboolean
run_migration (SlStore  *self,
               gpointer  user_data,
               GError  **error)
{
  const SlMigration *m = user_data;
  g_autoptr(JsonNode) before = json_from_string ("{}", NULL);
  g_autoptr(JsonNode) after = json_from_string ("{}", NULL);

  json_object_set_int_member (json_node_get_object (before), "schema_version", self->version);
  json_object_set_int_member (json_node_get_object (after), "schema_version", m->version);
  if (!_sl_store_exec (self, m->sql, error))
    return FALSE;
  if (!set_version (self, m->version, error))
    return FALSE;
  return sl_store_audit (self, "ledger", 0, "migrate", before, after, error);
}

static void
connect_hooks (SlStore            *self,
               const SlStoreHooks *hooks)
{
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, 5000);
  if (hooks != NULL && hooks->connect != NULL)
    hooks->connect (self, hooks->data);
}

/* A new ledger is made whole in a hidden file and only then given its
 * name, without replacing anything: a kill or a failure while it is made
 * leaves no half-made ledger, and never an empty file, under that name. */
static gboolean
create_file (const char          *path,
             const SlMigration   *migrations,
             guint                n_migrations,
             const SlStoreHooks  *hooks,
             GError             **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *shown = g_filename_display_name (path);
  g_autofree char *tmp = NULL;
  g_autoptr(SlStore) fresh = NULL;
  CreateData data = { migrations, n_migrations, hooks };
  gboolean ok;
  int rc;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, SL_STORE_ERROR, saved == EACCES || saved == EROFS ? SL_STORE_ERROR_READ_ONLY : SL_STORE_ERROR_IO,
                   _("The folder for “%s” could not be created: %s"), shown, g_strerror (saved));
      return FALSE;
    }
  tmp = sl_file_temp_beside (path, NULL);
  if (tmp == NULL)
    {
      int saved = errno;
      g_set_error (error, SL_STORE_ERROR, saved == ENOSPC ? SL_STORE_ERROR_FULL : SL_STORE_ERROR_READ_ONLY,
                   _("“%s” could not be created: %s"), shown, g_strerror (saved));
      return FALSE;
    }

  fresh = g_object_new (SL_TYPE_STORE, NULL);
  fresh->path = g_strdup (path);
  fresh->flags = SL_STORE_OPEN_WORKER;
  rc = sqlite3_open_v2 (tmp, &fresh->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, NULL);
  if (rc != SQLITE_OK)
    {
      _sl_store_set_error (path, fresh->db, rc, error);
      g_unlink (tmp);
      return FALSE;
    }
  connect_hooks (fresh, hooks);
  ok = _sl_store_exec (fresh, "PRAGMA foreign_keys = ON", error)
       && sl_store_write (fresh, create_ledger, &data, error);
  sqlite3_close_v2 (fresh->db);
  fresh->db = NULL;
  if (ok && !fsync_path (tmp))
    {
      int saved = errno;
      g_set_error (error, SL_STORE_ERROR, saved == ENOSPC ? SL_STORE_ERROR_FULL : SL_STORE_ERROR_IO,
                   _("“%s” could not be created: %s"), shown, g_strerror (saved));
      ok = FALSE;
    }
  if (ok && link (tmp, path) != 0)
    {
      int saved = errno;

      /* File systems without hard links (a FAT drive): rename, having looked first. */
      if (saved != EEXIST && !g_file_test (path, G_FILE_TEST_EXISTS) && g_rename (tmp, path) == 0)
        saved = 0;
      if (saved != 0)
        {
          g_set_error (error, SL_STORE_ERROR, SL_STORE_ERROR_IO,
                       _("“%s” could not be created: %s"), shown, g_strerror (saved));
          ok = FALSE;
        }
    }
  g_unlink (tmp);
  if (ok)
    fsync_path (dir);
  return ok;
}

static SlStore *
open_memory (const SlMigration   *migrations,
             guint                n_migrations,
             const SlStoreHooks  *hooks,
             GError             **error)
{
  g_autoptr(SlStore) self = g_object_new (SL_TYPE_STORE, NULL);
  CreateData data = { migrations, n_migrations, hooks };

  self->path = g_strdup (":memory:");
  self->flags = SL_STORE_OPEN_CREATE;
  if (sqlite3_open_v2 (":memory:", &self->db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    {
      g_set_error (error, SL_STORE_ERROR, SL_STORE_ERROR_IO, "%s", g_strerror (ENOMEM));
      return NULL;
    }
  connect_hooks (self, hooks);
  if (!_sl_store_exec (self, "PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY", error)
      || !sl_store_write (self, create_ledger, &data, error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * _sl_store_quick_check:
 *
 * Runs SQLite's quick check (every page's structure, not the indexes'
 * contents against the tables).
 *
 * Returns: %FALSE with a "damaged" error when the file fails it
 */
gboolean
_sl_store_quick_check (SlStore  *self,
                       GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autofree char *first = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA quick_check (1)", -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    first = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW)
    {
      _sl_store_set_error (self->path, self->db, sqlite3_extended_errcode (self->db), error);
      return FALSE;
    }
  if (g_strcmp0 (first, "ok") != 0)
    {
      g_autofree char *shown = g_filename_display_name (self->path);

      g_set_error (error, SL_STORE_ERROR, SL_STORE_ERROR_DAMAGED,
                   _("“%s” is damaged (%s). Restore it from a backup: Restore from Backup… in the main menu, or --restore on the command line."),
                   shown, first);
      return FALSE;
    }
  return TRUE;
}

/* What the file is, read through SQLite before anything writes to it. */
static gboolean
identify (SlStore  *self,
          int       latest,
          GError  **error)
{
  g_autofree char *shown = g_filename_display_name (self->path);
  int app_id, n_tables;
  int rc;

  rc = read_int (self->db, "PRAGMA application_id", &app_id);
  if (rc == SQLITE_OK)
    rc = read_int (self->db, "PRAGMA user_version", &self->version);
  if (rc == SQLITE_OK)
    rc = read_int (self->db, "SELECT count(*) FROM sqlite_master", &n_tables);
  if ((rc & 0xff) == SQLITE_NOTADB && !has_sqlite_magic (self->path))
    {
      g_set_error (error, SL_STORE_ERROR, SL_STORE_ERROR_NOT_A_LEDGER,
                   _("“%s” is not an SRDI ledger: it is not an SQLite database. The file was left untouched."), shown);
      return FALSE;
    }
  if (rc != SQLITE_OK)
    {
      _sl_store_set_error (self->path, self->db, sqlite3_extended_errcode (self->db), error);
      return FALSE;
    }
  if (app_id == 0 && n_tables == 0)
    {
      g_set_error (error, SL_STORE_ERROR, SL_STORE_ERROR_NOT_A_LEDGER,
                   _("“%s” is an empty database, not an SRDI ledger. Start a new ledger with New Ledger…; the file was left untouched."),
                   shown);
      return FALSE;
    }
  if (app_id != SL_APPLICATION_ID)
    {
      g_set_error (error, SL_STORE_ERROR, SL_STORE_ERROR_FOREIGN,
                   _("“%s” is not an SRDI ledger: it is a database of another program. The file was left untouched."),
                   shown);
      return FALSE;
    }
  if (self->version > latest)
    {
      g_set_error (error, SL_STORE_ERROR, SL_STORE_ERROR_TOO_NEW,
                   _("“%s” was written by a newer version of SRDI Ledger (ledger format %d; this version reads up to %d). Update the program to open it. The file was left untouched."),
                   shown, self->version, latest);
      return FALSE;
    }
  if (self->version < 1)
    {
      g_set_error (error, SL_STORE_ERROR, SL_STORE_ERROR_DAMAGED,
                   _("“%s” is damaged (it has no ledger format). Restore it from a backup: Restore from Backup… in the main menu, or --restore on the command line."),
                   shown);
      return FALSE;
    }
  return TRUE;
}

static char *
file_uri (const char *path,
          gboolean    read_only,
          gboolean    immutable)
{
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);

  if (uri == NULL)
    return NULL;
  if (immutable)
    return g_strconcat (uri, "?mode=ro&immutable=1", NULL);
  if (read_only)
    return g_strconcat (uri, "?mode=ro", NULL);
  return g_steal_pointer (&uri);
}

/* What the file system says of a ledger before SQLite opens it. */
static gboolean
check_stat (const char  *abs,
            GError     **error)
{
  g_autofree char *shown = g_filename_display_name (abs);
  GStatBuf st;

  if (g_stat (abs, &st) != 0)
    {
      int saved = errno;

      if (saved == ENOENT || saved == ENOTDIR)
        g_set_error (error, SL_STORE_ERROR, SL_STORE_ERROR_MISSING,
                     _("“%s” was not found. It may have been moved or renamed, or it is on a drive that is not connected."),
                     shown);
      else
        g_set_error (error, SL_STORE_ERROR, SL_STORE_ERROR_IO,
                     _("“%s” could not be read: %s"), shown, g_strerror (saved));
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, SL_STORE_ERROR, SL_STORE_ERROR_NOT_A_LEDGER,
                   _("“%s” is not an SRDI ledger: it is not a regular file."), shown);
      return FALSE;
    }
  if (st.st_size == 0)
    {
      g_set_error (error, SL_STORE_ERROR, SL_STORE_ERROR_NOT_A_LEDGER,
                   _("“%s” is an empty file, not an SRDI ledger. Start a new ledger with New Ledger…; the file was left untouched."),
                   shown);
      return FALSE;
    }
  return TRUE;
}

/**
 * _sl_store_open:
 * @path: a file name, or ":memory:"
 * @migrations: the schema, as migrations from an empty file
 * @flags: how to open it
 * @hooks: (nullable): what the layer above adds to every connection and to a new ledger
 *
 * Opens, locks and migrates a ledger file, and nothing else.
 */
SlStore *
_sl_store_open (const char          *path,
                const SlMigration   *migrations,
                guint                n_migrations,
                SlStoreOpenFlags     flags,
                const SlStoreHooks  *hooks,
                GError             **error)
{
  g_autoptr(SlStore) self = NULL;
  g_autofree char *abs = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *wal = NULL;
  g_autofree char *shm = NULL;
  g_autofree char *uri = NULL;
  gboolean worker = (flags & SL_STORE_OPEN_WORKER) != 0;
  GStatBuf st;
  int latest;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (n_migrations > 0, NULL);

  latest = migrations[n_migrations - 1].version;
  if (g_str_equal (path, ":memory:"))
    return open_memory (migrations, n_migrations, hooks, error);

  abs = g_canonicalize_filename (path, NULL);
  shown = g_filename_display_name (abs);
  if (g_stat (abs, &st) != 0 && errno == ENOENT && (flags & SL_STORE_OPEN_CREATE)
      && !create_file (abs, migrations, n_migrations, hooks, error))
    return NULL;
  if (!check_stat (abs, error))
    return NULL;

  self = g_object_new (SL_TYPE_STORE, NULL);
  self->path = g_strdup (abs);
  self->flags = flags;
  dir = g_path_get_dirname (abs);
  if (flags & SL_STORE_OPEN_READ_ONLY)
    self->read_only_reason = g_strdup (_("you chose to open it read-only"));
  else if (g_access (abs, W_OK) != 0)
    self->read_only_reason = g_strdup (_("the file is read-only"));
  else if (g_access (dir, W_OK) != 0)
    self->read_only_reason = g_strdup (_("its folder cannot be written to"));
  self->read_only = self->read_only_reason != NULL;

  /* With no writer about (no -wal, no -shm), a read-only open takes the
   * file as immutable, so that it creates no -wal or -shm of its own. */
  wal = g_strconcat (abs, "-wal", NULL);
  shm = g_strconcat (abs, "-shm", NULL);
  uri = file_uri (abs, self->read_only,
                  self->read_only && !g_file_test (wal, G_FILE_TEST_EXISTS) && !g_file_test (shm, G_FILE_TEST_EXISTS));
  rc = sqlite3_open_v2 (uri ? uri : abs, &self->db,
                        (self->read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE)
                        | SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_URI, NULL);
  if (rc != SQLITE_OK)
    {
      _sl_store_set_error (abs, self->db, self->db ? sqlite3_extended_errcode (self->db) : rc, error);
      return NULL;
    }
  connect_hooks (self, hooks);

  if (!identify (self, latest, error))
    return NULL;

  if (!worker && (flags & SL_STORE_OPEN_EXCLUSIVE) && !self->read_only)
    {
      g_autoptr(GPtrArray) holders = sl_store_lock_holders (abs);

      for (guint i = 0; i < holders->len; i++)
        {
          SlLockHolder *h = holders->pdata[i];

          if (g_str_equal (h->role, "window"))
            {
              g_autofree char *who = sl_lock_holder_describe (h);

              g_set_error (error, SL_STORE_ERROR, SL_STORE_ERROR_IN_USE,
                           _("“%s” is already open for editing by %s. Open it read-only to look at it, or ask them to close it first."),
                           shown, who);
              return NULL;
            }
        }
    }

  if (!worker && (flags & SL_STORE_OPEN_CHECK) && !_sl_store_quick_check (self, error))
    return NULL;

  self->local = is_local_disk (abs);
  if (!self->read_only && self->local)
    {
      if (!worker && !_sl_store_exec (self, "PRAGMA journal_mode = WAL", error))
        return NULL;
      if (!_sl_store_exec (self, "PRAGMA synchronous = NORMAL", error))
        return NULL;
    }
  if (!_sl_store_exec (self, "PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY", error))
    return NULL;

  if (self->version < latest)
    {
      if (self->read_only || worker)
        {
          g_set_error (error, SL_STORE_ERROR, SL_STORE_ERROR_READ_ONLY,
                       _("“%s” is in an older ledger format (%d) and must be upgraded, which cannot be done because %s."),
                       shown, self->version, self->read_only_reason ? self->read_only_reason : _("another window holds it"));
          return NULL;
        }
      if (!backup_before_migration (self, self->version, error))
        return NULL;
      for (guint i = 0; i < n_migrations; i++)
        {
          if (migrations[i].version <= self->version)
            continue;
          if (!sl_store_write (self, run_migration, (gpointer) &migrations[i], error))
            return NULL;
        }
    }

  if (!self->read_only && !worker)
    {
      g_autoptr(GPtrArray) others = _sl_store_lock_add (abs, (flags & SL_STORE_OPEN_EXCLUSIVE) ? "window" : "command line");
      self->locked = TRUE;
    }
  read_int (self->db, "PRAGMA data_version", &self->data_version);

  return g_steal_pointer (&self);
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
  return self->read_only;
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
  self->read_only = TRUE;
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
      || read_int (self->db, "PRAGMA data_version", &version) != SQLITE_OK
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

  if (self->read_only)
    {
      g_autofree char *shown = g_filename_display_name (self->path);

      g_set_error (error, SL_STORE_ERROR, SL_STORE_ERROR_READ_ONLY,
                   _("“%s” is open read-only (%s): nothing can be changed."), shown, self->read_only_reason);
      return FALSE;
    }
  if (self->depth == 0)
    {
      if (!_sl_store_exec (self, "BEGIN IMMEDIATE", error))
        return FALSE;
    }
  else
    {
      savepoint = g_strdup_printf ("SAVEPOINT sl_%d", self->depth);
      if (!_sl_store_exec (self, savepoint, error))
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
          self->version = pragma_int (self->db, "PRAGMA user_version");
          if (self->version < 0)
            self->version = old_version;
        }
    }
  else
    {
      g_autofree char *sql = NULL;

      if (ok)
        sql = g_strdup_printf ("RELEASE sl_%d", self->depth);
      else
        sql = g_strdup_printf ("ROLLBACK TO sl_%d; RELEASE sl_%d", self->depth, self->depth);
      if (!_sl_store_exec (self, sql, ok ? error : NULL))
        ok = FALSE;
    }
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
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
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
  g_autofree char *old = sl_store_get_setting (self, change->key);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autoptr(SlStmt) stmt = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, change->key);
  json_builder_add_string_value (b, old);
  json_builder_end_object (b);
  before = json_builder_get_root (b);
  json_builder_reset (b);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, change->key);
  json_builder_add_string_value (b, change->value);
  json_builder_end_object (b);
  after = json_builder_get_root (b);

  stmt = _sl_store_prepare (self,
                            "INSERT INTO setting (key, value) VALUES (?1, ?2)"
                            " ON CONFLICT (key) DO UPDATE SET value = excluded.value", error);
  if (stmt == NULL)
    return FALSE;
  _sl_bind_text (stmt, 1, change->key);
  _sl_bind_text (stmt, 2, change->value);
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

/**
 * _sl_store_check_file:
 * @path: a file that should be a whole ledger, such as a backup
 * @latest: the newest ledger format this program reads
 * @out_version: (out) (optional): its ledger format
 * @out_firms: (out) (optional): its enterprises not in the trash
 *
 * Reads @path read-only and checks that it is a ledger, of a format this
 * program reads, that passes the quick check. Nothing is written, not even
 * a -wal or -shm.
 */
gboolean
_sl_store_check_file (const char  *path,
                      int          latest,
                      int         *out_version,
                      gint64      *out_firms,
                      GError     **error)
{
  g_autoptr(SlStore) self = g_object_new (SL_TYPE_STORE, NULL);
  g_autofree char *abs = g_canonicalize_filename (path, NULL);
  g_autofree char *wal = g_strconcat (abs, "-wal", NULL);
  g_autofree char *shm = g_strconcat (abs, "-shm", NULL);
  /* Immutable only with no writer about; otherwise read through the WAL. */
  g_autofree char *uri = file_uri (abs, TRUE, !g_file_test (wal, G_FILE_TEST_EXISTS) && !g_file_test (shm, G_FILE_TEST_EXISTS));
  int rc;

  self->path = g_strdup (abs);
  self->flags = SL_STORE_OPEN_WORKER;
  self->read_only = TRUE;
  if (!check_stat (abs, error))
    return FALSE;
  rc = sqlite3_open_v2 (uri ? uri : abs, &self->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOFOLLOW, NULL);
  if (rc != SQLITE_OK)
    {
      _sl_store_set_error (path, self->db, rc, error);
      return FALSE;
    }
  if (!identify (self, latest, error) || !_sl_store_quick_check (self, error))
    return FALSE;
  if (out_version != NULL)
    *out_version = self->version;
  if (out_firms != NULL)
    {
      int n = 0;

      *out_firms = read_int (self->db, "SELECT count(*) FROM enterprise WHERE deleted_at IS NULL", &n) == SQLITE_OK ? n : -1;
    }
  return TRUE;
}
