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
#include <sys/vfs.h>
#include <unistd.h>

#include "sl-plan.h"
#include "sl-roster.h"
#include "sl-store-private.h"

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
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }
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
  g_set_error (error, SL_STORE_ERROR, SL_STORE_ERROR_SQL,
               _("The ledger could not be written: %s"), sqlite3_errmsg (self->db));
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
      g_set_error (error, SL_STORE_ERROR, SL_STORE_ERROR_SQL,
                   "SQL: %s (in: %.80s)", sqlite3_errmsg (self->db), sql);
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

  if (sqlite3_exec (self->db, sql, NULL, NULL, &msg) != SQLITE_OK)
    {
      g_set_error (error, SL_STORE_ERROR, SL_STORE_ERROR_SQL, "SQL: %s", msg);
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
pragma_int (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  int value = -1;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
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

static gboolean
check_header (const char  *path,
              gboolean    *out_exists,
              GError     **error)
{
  static const char magic[16] = "SQLite format 3";
  g_autofree char *display = g_filename_display_name (path);
  guint8 header[100];
  GStatBuf st;
  ssize_t n;
  int fd;

  *out_exists = FALSE;
  if (g_stat (path, &st) != 0)
    return TRUE;
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, SL_STORE_ERROR, SL_STORE_ERROR_NOT_A_LEDGER,
                   _("“%s” is not an SRDI ledger: it is not a regular file."), display);
      return FALSE;
    }
  *out_exists = TRUE;
  if (st.st_size == 0)
    return TRUE;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, SL_STORE_ERROR, SL_STORE_ERROR_IO,
                   _("“%s” could not be read: %s"), display, g_strerror (saved));
      return FALSE;
    }
  n = read (fd, header, sizeof header);
  close (fd);

  if (n < (ssize_t) sizeof header || memcmp (header, magic, sizeof magic) != 0)
    {
      g_set_error (error, SL_STORE_ERROR, SL_STORE_ERROR_NOT_A_LEDGER,
                   _("“%s” is not an SRDI ledger: it is not an SQLite database. The file was left untouched."),
                   display);
      return FALSE;
    }
  return TRUE;
}

static gboolean
ensure_file (const char  *path,
             GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *display = g_filename_display_name (path);
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, SL_STORE_ERROR, SL_STORE_ERROR_IO,
                   _("The folder for “%s” could not be created: %s"), display, g_strerror (saved));
      return FALSE;
    }
  /* A ledger holds firms' figures and contacts: readable by its owner only. */
  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, SL_STORE_ERROR, SL_STORE_ERROR_IO,
                   _("“%s” could not be created: %s"), display, g_strerror (saved));
      return FALSE;
    }
  close (fd);
  return TRUE;
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

static gboolean
backup_before_migration (SlStore  *self,
                         int       from_version,
                         GError  **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *target = g_strdup_printf ("%s.v%d-%s.bak", self->path, from_version, stamp);
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_unlink (target);
  /* VACUUM INTO writes a consistent copy even while the WAL holds pages. */
  if (sqlite3_prepare_v2 (self->db, "VACUUM INTO ?1", -1, &stmt, NULL) != SQLITE_OK)
    return _sl_store_sql_error (self, error);
  sqlite3_bind_text (stmt, 1, target, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      g_autofree char *display = g_filename_display_name (target);
      g_set_error (error, SL_STORE_ERROR, SL_STORE_ERROR_IO,
                   _("The backup “%s” could not be written, so the ledger was not upgraded: %s"),
                   display, sqlite3_errmsg (self->db));
      return FALSE;
    }
  g_chmod (target, 0600);
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
  const SlMigration *migrations;
  guint              n_migrations;
  GBytes            *plan_json;
  int                from;
} MigrateData;

static gboolean
create_ledger (SlStore  *self,
               gpointer  user_data,
               GError  **error)
{
  MigrateData *data = user_data;
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
  if (!_sl_plan_load (self, data->plan_json, error))
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

SlStore *
_sl_store_open_full (const char         *path,
                     const SlMigration  *migrations,
                     guint               n_migrations,
                     GBytes             *plan_json,
                     GError            **error)
{
  g_autoptr(SlStore) self = NULL;
  g_autofree char *display = NULL;
  gboolean in_memory;
  gboolean exists = FALSE;
  int latest;
  int app_id;
  int n_tables;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (n_migrations > 0, NULL);

  latest = migrations[n_migrations - 1].version;
  in_memory = g_str_equal (path, ":memory:");
  display = g_filename_display_name (path);

  if (!in_memory)
    {
      if (!check_header (path, &exists, error))
        return NULL;
      if (!exists && !ensure_file (path, error))
        return NULL;
    }

  self = g_object_new (SL_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  if (sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, NULL) != SQLITE_OK)
    {
      g_set_error (error, SL_STORE_ERROR, SL_STORE_ERROR_IO,
                   _("“%s” could not be opened: %s"), display,
                   self->db ? sqlite3_errmsg (self->db) : g_strerror (ENOMEM));
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, 5000);
  _sl_roster_register_functions (self);

  /* Read what the file is before anything writes to it. */
  app_id = pragma_int (self->db, "PRAGMA application_id");
  self->version = pragma_int (self->db, "PRAGMA user_version");
  n_tables = pragma_int (self->db, "SELECT count(*) FROM sqlite_master");
  if (app_id < 0 || n_tables < 0)
    {
      g_set_error (error, SL_STORE_ERROR, SL_STORE_ERROR_NOT_A_LEDGER,
                   _("“%s” is not an SRDI ledger: %s. The file was left untouched."),
                   display, sqlite3_errmsg (self->db));
      return NULL;
    }
  if (n_tables > 0 && app_id != SL_APPLICATION_ID)
    {
      g_set_error (error, SL_STORE_ERROR, SL_STORE_ERROR_NOT_A_LEDGER,
                   _("“%s” is not an SRDI ledger: it is a database of another program. The file was left untouched."),
                   display);
      return NULL;
    }
  if (self->version > latest)
    {
      g_set_error (error, SL_STORE_ERROR, SL_STORE_ERROR_TOO_NEW,
                   _("“%s” was written by a newer version of SRDI Ledger (ledger format %d; this version reads up to %d). Update the program to open it. The file was left untouched."),
                   display, self->version, latest);
      return NULL;
    }

  if (!in_memory && is_local_disk (path))
    {
      if (!_sl_store_exec (self, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL", error))
        return NULL;
    }
  if (!_sl_store_exec (self, "PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY", error))
    return NULL;

  if (n_tables == 0)
    {
      MigrateData data = { migrations, n_migrations, plan_json, 0 };

      if (!sl_store_write (self, create_ledger, &data, error))
        {
          /* Leave no empty file behind that would look like a ledger. */
          if (!in_memory && !exists)
            {
              g_autofree char *wal = g_strconcat (path, "-wal", NULL);
              g_autofree char *shm = g_strconcat (path, "-shm", NULL);

              sqlite3_close_v2 (self->db);
              self->db = NULL;
              g_unlink (path);
              g_unlink (wal);
              g_unlink (shm);
            }
          return NULL;
        }
    }
  else if (self->version < latest)
    {
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

  if (!_sl_roster_refresh_today (self, error))
    return NULL;

  return g_steal_pointer (&self);
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

/**
 * sl_store_open:
 * @path: a file name, or ":memory:" for a throw-away ledger
 * @error: return location for an error
 *
 * Opens the ledger at @path, creating it from the bundled plan if it does
 * not exist and migrating it if it is older than this program.
 *
 * Returns: (transfer full) (nullable): the store, or %NULL with @error set
 */
SlStore *
sl_store_open (const char  *path,
               GError     **error)
{
  g_autoptr(GBytes) plan = sl_plan_get_bundled (error);

  if (plan == NULL)
    return NULL;
  return _sl_store_open_full (path, sl_migrations, sl_n_migrations, plan, error);
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
