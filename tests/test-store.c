/* test-store.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "sl-plan.h"
#include "sl-test-util.h"

static const char *design_tables[] = {
  "jurisdiction", "industry_chain", "tier", "honour", "enterprise", "annual_figures",
  "certification", "enterprise_honour", "project", "checklist_item", "target", "bulletin",
  "audit_log", "setting", NULL
};

static void
test_create (void)
{
  g_autofree char *path = sl_test_temp_path ("ledger.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) store = sl_ledger_open (path, SL_STORE_OPEN_CREATE, &error);
  GStatBuf st;

  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (sl_store_get_version (store), ==, SL_SCHEMA_VERSION);
  g_assert_cmpint (sl_test_query_int (store, "PRAGMA user_version"), ==, SL_SCHEMA_VERSION);
  g_assert_cmpint (sl_test_query_int (store, "PRAGMA application_id"), ==, SL_APPLICATION_ID);
  g_assert_cmpint (sl_test_query_int (store, "PRAGMA foreign_keys"), ==, 1);
  {
    g_autofree char *mode = sl_test_query_text (store, "PRAGMA journal_mode");
    g_assert_cmpstr (mode, ==, "wal");
  }
  for (guint i = 0; design_tables[i]; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '%s'",
                                              design_tables[i]);
      g_assert_cmpint (sl_test_query_int (store, sql), ==, 1);
    }
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM audit_log WHERE entity = 'ledger' AND action = 'create'"), ==, 1);
  {
    g_autofree char *unit = sl_store_get_setting (store, "unit_name");
    g_assert_cmpstr (unit, ==, "连云港市专精特新企业培育工作专班");
  }
}

static void
test_default_path (void)
{
  g_autofree char *path = sl_store_default_path ();
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "srdi-ledger", "ledger.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) store = NULL;

  g_assert_cmpstr (path, ==, expected);
  store = sl_ledger_open (path, SL_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_object (&store);
  /* Opening again reads the same ledger without creating it anew. */
  store = sl_ledger_open (path, SL_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM audit_log WHERE action = 'create'"), ==, 1);
}

/* The ledger's migrations and one more after them. */
static const SlMigration *
migrations_next (const char *sql)
{
  static SlMigration list[SL_SCHEMA_VERSION + 1];

  for (guint i = 0; i < sl_n_migrations; i++)
    list[i] = sl_migrations[i];
  list[sl_n_migrations].version = SL_SCHEMA_VERSION + 1;
  list[sl_n_migrations].sql = sql;
  return list;
}

static void
test_migrate (void)
{
  g_autofree char *path = sl_test_temp_path ("ledger.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) store = sl_ledger_open (path, SL_STORE_OPEN_CREATE, &error);
  g_autoptr(GBytes) plan = sl_plan_get_bundled (NULL);
  g_autofree char *backup = NULL;
  sqlite3 *bdb = NULL;
  sqlite3_stmt *stmt = NULL;
  GStatBuf st;

  g_assert_no_error (error);
  sl_test_add_enterprise (store, "91320722MA20KD3R5T", "连云港测试科技有限公司", NULL);
  g_clear_object (&store);

  store = _sl_ledger_open_full (path, migrations_next ("ALTER TABLE enterprise ADD COLUMN website TEXT"),
                               sl_n_migrations + 1, plan, SL_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sl_store_get_version (store), ==, SL_SCHEMA_VERSION + 1);
  g_assert_cmpint (sl_test_query_int (store, "PRAGMA user_version"), ==, SL_SCHEMA_VERSION + 1);
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM pragma_table_info('enterprise') WHERE name = 'website'"), ==, 1);
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM enterprise"), ==, 1);
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM audit_log WHERE action = 'migrate'"
                                             " AND json_extract (before, '$.schema_version') = " G_STRINGIFY (SL_SCHEMA_VERSION)
                                             " AND json_extract (after, '$.schema_version') = " G_STRINGIFY (SL_SCHEMA_VERSION) " + 1"), ==, 1);

  /* The backup is the ledger as it was before, with its data. */
  backup = _sl_store_backup_path (store);
  g_assert_nonnull (backup);
  g_assert_true (g_str_has_prefix (backup, path));
  g_assert_cmpint (g_stat (backup, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (sqlite3_open_v2 (backup, &bdb, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (bdb, "SELECT (SELECT user_version FROM pragma_user_version), (SELECT count(*) FROM enterprise)", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, SL_SCHEMA_VERSION);
  g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, 1);
  sqlite3_finalize (stmt);
  sqlite3_close (bdb);
}

/* A ledger of the first schema is brought up to date when opened. */
static void
test_migrate_shipped (void)
{
  g_autofree char *path = sl_test_temp_path ("ledger.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) plan = sl_plan_get_bundled (NULL);
  g_autoptr(SlStore) store = _sl_ledger_open_full (path, sl_migrations, 1, plan, SL_STORE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  g_assert_cmpint (sl_store_get_version (store), ==, 1);
  sl_test_add_enterprise (store, "91320722MA20KD3R5T", "连云港测试科技有限公司", NULL);
  g_clear_object (&store);

  store = sl_ledger_open (path, SL_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sl_store_get_version (store), ==, SL_SCHEMA_VERSION);
  /* The pipeline's index, now over the names' sort keys, each made. */
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM sqlite_master WHERE name = 'enterprise_tier_name_key'"), ==, 1);
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM sqlite_master WHERE name = 'enterprise_tier_name'"), ==, 0);
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM enterprise WHERE name_key IS NULL"), ==, 0);
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM sqlite_master WHERE name = 'enterprise_top_tier'"), ==, 0);
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM enterprise"), ==, 1);
  g_assert_nonnull (_sl_store_backup_path (store));
}

static void
test_migrate_failure (void)
{
  g_autofree char *path = sl_test_temp_path ("ledger.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) store = sl_ledger_open (path, SL_STORE_OPEN_CREATE, &error);
  g_autoptr(GBytes) plan = sl_plan_get_bundled (NULL);

  g_assert_no_error (error);
  g_clear_object (&store);

  /* The migration's first statement works, its second fails: nothing of it stays. */
  store = _sl_ledger_open_full (path, migrations_next ("ALTER TABLE enterprise ADD COLUMN website TEXT;"
                                                      "ALTER TABLE no_such_table ADD COLUMN x TEXT"),
                               sl_n_migrations + 1, plan, SL_STORE_OPEN_CREATE, &error);
  g_assert_error (error, SL_STORE_ERROR, SL_STORE_ERROR_SQL);
  g_assert_null (store);
  g_clear_error (&error);

  store = sl_ledger_open (path, SL_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sl_store_get_version (store), ==, SL_SCHEMA_VERSION);
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM pragma_table_info('enterprise') WHERE name = 'website'"), ==, 0);
}

static void
assert_refused_untouched (const char *path,
                          int         code)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len, after_len;
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) store = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);

  g_assert_true (g_file_get_contents (path, &before, &before_len, NULL));
  store = sl_ledger_open (path, SL_STORE_OPEN_CREATE, &error);
  g_assert_null (store);
  g_assert_error (error, SL_STORE_ERROR, code);
  g_assert_nonnull (strstr (error->message, "ledger"));
  g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

static void
test_refuse_foreign (void)
{
  g_autofree char *text = sl_test_temp_path ("notes.txt");
  g_autofree char *other = sl_test_temp_path ("other.sqlite");
  sqlite3 *db = NULL;

  g_assert_true (g_file_set_contents (text, "这不是台账。This is not a ledger, but it is long enough to fill a header of one hundred bytes.", -1, NULL));
  assert_refused_untouched (text, SL_STORE_ERROR_NOT_A_LEDGER);

  g_assert_cmpint (sqlite3_open (other, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE t (x); INSERT INTO t VALUES (1)", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  assert_refused_untouched (other, SL_STORE_ERROR_FOREIGN);
}

static void
test_refuse_newer (void)
{
  g_autofree char *path = sl_test_temp_path ("ledger.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) store = sl_ledger_open (path, SL_STORE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  sl_test_exec (store, "PRAGMA user_version = 99");
  g_clear_object (&store);
  assert_refused_untouched (path, SL_STORE_ERROR_TOO_NEW);
}

static gboolean
insert_then_fail (SlStore  *store,
                  gpointer  user_data,
                  GError  **error)
{
  sl_test_exec (store, "INSERT INTO enterprise (credit_code, name, jurisdiction_id, created_at, updated_at)"
                       " VALUES ('91320722MA20KD3R5T', '半途', 1, 'x', 'x')");
  g_assert_true (sl_store_audit (store, "enterprise", 1, "create", NULL, NULL, error));
  g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_RANGE, "second step failed");
  return FALSE;
}

static void
test_rollback (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) store = sl_ledger_open (":memory:", SL_STORE_OPEN_CREATE, &error);
  gint64 audits;

  g_assert_no_error (error);
  audits = sl_test_query_int (store, "SELECT count(*) FROM audit_log");
  g_assert_false (sl_store_write (store, insert_then_fail, NULL, &error));
  g_assert_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_RANGE);
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM enterprise"), ==, 0);
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM audit_log"), ==, audits);
  g_assert_cmpint (sqlite3_get_autocommit (_sl_store_get_db (store)), !=, 0);
}

static void
test_audit (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) store = sl_ledger_open (":memory:", SL_STORE_OPEN_CREATE, &error);
  g_autoptr(SlEnterprise) e = NULL;
  g_autofree char *user = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 id;

  id = sl_test_add_enterprise (store, "91320722MA20KD3R5T", "连云港恒瑞材料有限公司", "东海县");
  e = sl_enterprise_load (store, id, &error);
  g_assert_no_error (error);
  g_free (e->name);
  e->name = g_strdup ("连云港恒瑞新材料有限公司");
  g_assert_true (sl_enterprise_update (store, e, &error));
  g_assert_no_error (error);

  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM audit_log WHERE entity = 'enterprise'"), ==, 2);
  user = sl_test_query_text (store, "SELECT user FROM audit_log WHERE entity = 'enterprise' AND action = 'create'");
  g_assert_cmpstr (user, ==, g_get_user_name ());
  before = sl_test_query_text (store, "SELECT json_extract (before, '$.name') FROM audit_log WHERE action = 'update'");
  after = sl_test_query_text (store, "SELECT json_extract (after, '$.name') FROM audit_log WHERE action = 'update'");
  g_assert_cmpstr (before, ==, "连云港恒瑞材料有限公司");
  g_assert_cmpstr (after, ==, "连云港恒瑞新材料有限公司");
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM audit_log WHERE at IS NULL OR at = ''"), ==, 0);
}

static void
test_settings (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) store = sl_ledger_open (":memory:", SL_STORE_OPEN_CREATE, &error);
  g_autofree char *value = NULL;

  g_assert_true (sl_store_set_setting (store, "unit_name", "东海县专精特新培育工作专班", &error));
  g_assert_no_error (error);
  value = sl_store_get_setting (store, "unit_name");
  g_assert_cmpstr (value, ==, "东海县专精特新培育工作专班");
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM audit_log WHERE entity = 'setting'"), ==, 1);
}

typedef struct
{
  SlStore *store;
  gint     done;
} Waiter;

static gpointer
wait_thread (gpointer data)
{
  Waiter *w = data;

  _sl_store_foreground_wait (w->store, NULL);
  g_atomic_int_set (&w->done, 1);
  return NULL;
}

/* A background reader stands aside while a foreground read runs, and goes
 * on once it ends; a cancelled one does not wait. */
static void
test_foreground (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) store = sl_ledger_open (":memory:", SL_STORE_OPEN_CREATE, &error);
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  Waiter w = { store, 0 };
  GThread *thread;

  g_assert_no_error (error);
  _sl_store_foreground_begin (store);
  _sl_store_foreground_begin (store);
  thread = g_thread_new ("waiter", wait_thread, &w);
  g_usleep (30000);
  g_assert_cmpint (g_atomic_int_get (&w.done), ==, 0);
  g_cancellable_cancel (cancelled);
  _sl_store_foreground_wait (store, cancelled);
  _sl_store_foreground_end (store);
  g_usleep (10000);
  g_assert_cmpint (g_atomic_int_get (&w.done), ==, 0);
  _sl_store_foreground_end (store);
  g_thread_join (thread);
  g_assert_cmpint (g_atomic_int_get (&w.done), ==, 1);
}

typedef struct
{
  char   *path;
  gint    stop;
  gint    commits;
} Writer;

/* Another program writing the ledger, a commit a row. */
static gpointer
writer_thread (gpointer data)
{
  Writer *w = data;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (w->path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  /* As the ledger's own connection commits in WAL mode: without a sync. */
  sqlite3_exec (db, "PRAGMA synchronous = NORMAL", NULL, NULL, NULL);
  while (!g_atomic_int_get (&w->stop))
    {
      g_autofree char *sql = g_strdup_printf ("INSERT INTO setting (key, value) VALUES ('w%d', 'x')", g_atomic_int_get (&w->commits));

      g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
      g_atomic_int_inc (&w->commits);
      /* Room between commits for the lock, which a writer never lets go
       * of otherwise; without it there are no twins, and the work stays
       * on one connection. */
      g_usleep (1000);
    }
  sqlite3_close (db);
  return NULL;
}

static gint64
count_on (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM setting", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* Twins see what the store's read sees, while another connection commits
 * a row every millisecond or so: a twin opened a moment later without the
 * write lock would see more rows. A read-only ledger has none. */
static void
test_twins (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = sl_test_temp_path ("twins.db");
  g_autoptr(SlStore) store = sl_ledger_open (path, SL_STORE_OPEN_CREATE, &error);
  Writer w = { path, 0, 0 };
  GThread *thread;
  gint64 last = 0, deadline;

  g_assert_no_error (error);
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  thread = g_thread_new ("writer", writer_thread, &w);
  /* 100 rounds, and on a slow disk as many as it takes for 100 commits. */
  for (int round = 0; round < 100 || (g_atomic_int_get (&w.commits) < 100 && g_get_monotonic_time () < deadline); round++)
    {
      sqlite3 *a, *b;
      gint64 n;

      g_assert_true (_sl_store_read_begin_twinned (store, 2));
      a = _sl_store_twin_take (store);
      b = _sl_store_twin_take (store);
      g_assert_nonnull (a);
      g_assert_nonnull (b);
      g_assert_null (_sl_store_twin_take (store));
      n = count_on (_sl_store_get_db (store));
      g_usleep (500);
      g_assert_cmpint (count_on (a), ==, n);
      g_assert_cmpint (count_on (b), ==, n);
      g_assert_cmpint (count_on (_sl_store_get_db (store)), ==, n);
      g_assert_cmpint (n, >=, last);
      last = n;
      _sl_store_twin_give (store, a);
      /* Inside a read already begun: none, and nothing begun. */
      g_assert_false (_sl_store_read_begin_twinned (store, 1));
      g_assert_true (_sl_store_twin_take (store) == a);
      _sl_store_twin_close (a);
      _sl_store_twin_give (store, b);
      _sl_store_read_end (store);
    }
  g_atomic_int_set (&w.stop, 1);
  g_thread_join (thread);
  /* The writer went on all the while. */
  g_assert_cmpint (g_atomic_int_get (&w.commits), >=, 100);
  g_assert_cmpint (last, >, 50);

  /* Behind a write that holds the lock: no twins, after a short wait, and
   * the read goes on on one connection. */
  {
    sqlite3 *writer = NULL;
    gint64 start;

    g_assert_cmpint (sqlite3_open (path, &writer), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (writer, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
    start = g_get_monotonic_time ();
    g_assert_true (_sl_store_read_begin_twinned (store, 2));
    g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
    g_assert_null (_sl_store_twin_take (store));
    g_assert_cmpint (count_on (_sl_store_get_db (store)), >=, last);
    _sl_store_read_end (store);
    sqlite3_exec (writer, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_close (writer);
  }
  g_clear_object (&store);

  store = sl_ledger_open (path, SL_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (_sl_store_read_begin_twinned (store, 2));
  g_assert_null (_sl_store_twin_take (store));
  _sl_store_read_end (store);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store/create", test_create);
  g_test_add_func ("/store/foreground", test_foreground);
  g_test_add_func ("/store/twins", test_twins);
  g_test_add_func ("/store/default-path", test_default_path);
  g_test_add_func ("/store/migrate", test_migrate);
  g_test_add_func ("/store/migrate-shipped", test_migrate_shipped);
  g_test_add_func ("/store/migrate-failure", test_migrate_failure);
  g_test_add_func ("/store/refuse-foreign", test_refuse_foreign);
  g_test_add_func ("/store/refuse-newer", test_refuse_newer);
  g_test_add_func ("/store/rollback", test_rollback);
  g_test_add_func ("/store/audit", test_audit);
  g_test_add_func ("/store/settings", test_settings);

  return g_test_run ();
}
