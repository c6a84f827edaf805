/* sl-store-open.c
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

#include "sl-store-impl.h"
#include "sl-util.h"

/* What a file is, and opening, creating and migrating it: the one place
 * that touches the ledger's file before SQLite has it, and then only
 * through SQLite. */

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

static gboolean
backup_before_migration (SlStore  *self,
                         int       from_version,
                         GError  **error)
{
  g_autoptr(GDateTime) now = sl_now ();
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

/* Two processes opening a ledger at rest (one file, a rollback journal)
 * race to switch it to WAL, as does one that switches it back as it
 * closes: there SQLite answers "database is locked" at once, without its
 * busy handler (an import beside a bulletin export was refused so, one
 * run in forty under load). The switch is tried again for as long as a
 * write would wait for the lock. */
static gboolean
set_wal (SlStore  *self,
         GError  **error)
{
  gint64 until = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  for (gulong pause = 5000; ; pause = MIN (pause * 2, 100000))
    {
      sqlite3_stmt *stmt = NULL;
      gboolean wal = FALSE;
      int rc = sqlite3_prepare_v2 (self->db, "PRAGMA journal_mode = WAL", -1, &stmt, NULL);

      if (rc == SQLITE_OK)
        {
          rc = sqlite3_step (stmt);
          wal = rc == SQLITE_ROW && g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 0), "wal") == 0;
          if (rc == SQLITE_ROW)
            rc = SQLITE_OK;
        }
      sqlite3_finalize (stmt);
      if (rc == SQLITE_OK && wal)
        return TRUE;
      if (g_get_monotonic_time () > until)
        {
          /* Still refused: say why; or still in another mode, which is
           * slower with several processes but as safe. */
          if (rc != SQLITE_OK)
            return _sl_store_sql_error (self, error);
          return TRUE;
        }
      if (rc != SQLITE_OK && (rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED)
        return _sl_store_sql_error (self, error);
      g_usleep (pause);
    }
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
  if (ok && !sl_file_sync (tmp))
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
    sl_file_sync (dir);
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

  rc = _sl_store_read_int (self->db, "PRAGMA application_id", &app_id);
  if (rc == SQLITE_OK)
    rc = _sl_store_read_int (self->db, "PRAGMA user_version", &self->version);
  if (rc == SQLITE_OK)
    rc = _sl_store_read_int (self->db, "SELECT count(*) FROM sqlite_master", &n_tables);
  /* Read outside SQLite only once it said "not a database": a file it
   * cannot read as one is held by no connection here. */
  if ((rc & 0xff) == SQLITE_NOTADB && !sl_file_is_sqlite (self->path))
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

/* Whether the file's header says WAL (its read and write versions, bytes
 * 18 and 19, are 2): a file left so, by a crash or another program, would
 * have a reader make a -wal and -shm beside it and leave them. Read
 * before any connection of this process has the file open: closing a
 * descriptor of it drops the process's POSIX locks on it. */
static gboolean
in_wal_mode (const char *path)
{
  guint8 header[20];
  gboolean wal = FALSE;
  int fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW, 0);

  if (fd < 0)
    return FALSE;
  if (read (fd, header, sizeof header) == (gssize) sizeof header)
    wal = header[18] == 2 || header[19] == 2;
  close (fd);
  return wal;
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
  gboolean read_only;
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
  else if (flags & SL_STORE_OPEN_READER)
    self->read_only_reason = g_strdup (_("it is open only to be read"));
  else if (g_access (abs, W_OK) != 0)
    self->read_only_reason = g_strdup (_("the file is read-only"));
  else if (g_access (dir, W_OK) != 0)
    self->read_only_reason = g_strdup (_("its folder cannot be written to"));
  read_only = sl_store_is_read_only (self);

  /* With no writer about (no -wal, no -shm), a read-only open takes the
   * file as immutable, so that it creates no -wal or -shm of its own; a
   * reader among writers takes the locks instead (a file at rest is in
   * rollback mode, whose reads need no -shm). */
  wal = g_strconcat (abs, "-wal", NULL);
  shm = g_strconcat (abs, "-shm", NULL);
  /* What a writer leaves beside the file (a -wal to recover, a journal
   * to roll back, a lock record) is the ordinary open's to recover and
   * clean up: a reader among writers reads only a ledger at rest. */
  if (flags & SL_STORE_OPEN_READER)
    {
      g_autofree char *journal = g_strconcat (abs, "-journal", NULL);

      if (g_file_test (wal, G_FILE_TEST_EXISTS) || g_file_test (shm, G_FILE_TEST_EXISTS)
          || g_file_test (journal, G_FILE_TEST_EXISTS) || _sl_store_lock_exists (abs) || in_wal_mode (abs))
        {
          g_set_error (error, SL_STORE_ERROR, SL_STORE_ERROR_IN_USE,
                       _("“%s” is open elsewhere or was left unfinished: it is not at rest"), shown);
          return NULL;
        }
    }
  uri = file_uri (abs, read_only,
                  read_only && !(flags & SL_STORE_OPEN_READER)
                  && !g_file_test (wal, G_FILE_TEST_EXISTS) && !g_file_test (shm, G_FILE_TEST_EXISTS));
  rc = sqlite3_open_v2 (uri ? uri : abs, &self->db,
                        (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE)
                        | SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_URI, NULL);
  if (rc != SQLITE_OK)
    {
      _sl_store_set_error (abs, self->db, self->db ? sqlite3_extended_errcode (self->db) : rc, error);
      return NULL;
    }
  connect_hooks (self, hooks);

  if (!identify (self, latest, error))
    return NULL;

  if (!worker && (flags & SL_STORE_OPEN_EXCLUSIVE) && !read_only)
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
  if (!read_only && self->local)
    {
      if (!worker && !set_wal (self, error))
        return NULL;
      if (!_sl_store_exec (self, "PRAGMA synchronous = NORMAL", error))
        return NULL;
    }
  if (!_sl_store_exec (self, "PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY", error))
    return NULL;
  /* A reader's pages come through a mapping of the file rather than a
   * read() each: a summary of 10,000 firms spent a quarter of its time in
   * pread() (37 ms a process, 29 mapped). A reader keeps it until closed. */
  if (flags & SL_STORE_OPEN_READER)
    _sl_store_map (self);
  self->profile = _sl_store_profile_start (self->db);

  if (self->version < latest)
    {
      if (read_only || worker)
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

  if (!read_only && !worker)
    {
      _sl_store_lock_add (abs, (flags & SL_STORE_OPEN_EXCLUSIVE) ? "window" : "command line");
      self->locked = TRUE;
    }
  _sl_store_read_int (self->db, "PRAGMA data_version", &self->data_version);

  return g_steal_pointer (&self);
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
  self->flags = SL_STORE_OPEN_WORKER | SL_STORE_OPEN_READ_ONLY;
  self->read_only_reason = g_strdup (_("you chose to open it read-only"));
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

      *out_firms = _sl_store_read_int (self->db, "SELECT count(*) FROM enterprise WHERE deleted_at IS NULL", &n) == SQLITE_OK ? n : -1;
    }
  return TRUE;
}
