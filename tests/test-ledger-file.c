/* test-ledger-file.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The ledger file under what real life does to it: other connections and
 * processes, damage, missing and foreign files, read-only files, backups. */

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sl-backup.h"
#include "sl-bulletin.h"
#include "sl-demo.h"
#include "sl-plan.h"
#include "sl-test-util.h"
#include "sl-util.h"

static char *
run_cli (const char * const *args,
         int                *out_status,
         char              **out_stderr)
{
  char *out = NULL;

  *out_status = sl_test_run_cli (args, &out, out_stderr);
  return out;
}

static gint64
count_in_file (const char *path,
               const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static gboolean
exists (const char *path,
        const char *suffix)
{
  g_autofree char *full = g_strconcat (path, suffix, NULL);
  return g_file_test (full, G_FILE_TEST_EXISTS);
}

/* A closed ledger of @n demo firms in a folder of the test's own. */
static char *
demo_ledger (const char *name,
             gint64      n)
{
  char *path = sl_test_temp_path (name);
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) store = sl_ledger_open (path, SL_STORE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  g_assert_true (sl_demo_generate (store, n, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return path;
}

/* Closing any descriptor of a file drops every POSIX lock the process holds
 * on it: no open of the ledger may touch the file outside SQLite, or a
 * second process takes itself for the last connection and deletes the WAL
 * under the window. */
static void
test_locks_kept (void)
{
  g_autofree char *path = sl_test_temp_path ("ledger.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) store = sl_ledger_open (path, SL_STORE_OPEN_CREATE, &error);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  g_assert_no_error (error);
  /* The checkpoint would fold the WAL back: keep the writes in it. */
  sl_test_exec (store, "PRAGMA wal_autocheckpoint = 0");
  g_assert_true (sl_demo_generate (store, 40, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (exists (path, "-wal"));

  /* Further connections of this process come and go, as the workers do. */
  for (int i = 0; i < 3; i++)
    {
      g_autoptr(SlStore) worker = sl_ledger_open (path, SL_STORE_OPEN_WORKER | SL_STORE_OPEN_READ_ONLY, &error);

      g_assert_no_error (error);
      g_assert_cmpint (sl_store_count_enterprises (worker), ==, 40);
    }

  /* A second process reads the ledger and goes. */
  out = run_cli ((const char *[]) { "--db", path, "--summary", "2026-11", NULL }, &status, &err);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (exists (path, "-wal"));
  g_assert_true (exists (path, "-shm"));

  /* A further write still lands in the same file, and all survives the close. */
  g_assert_true (sl_demo_generate (store, 10, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  g_assert_false (exists (path, "-wal"));
  g_assert_cmpint (count_in_file (path, "SELECT count(*) FROM enterprise"), ==, 50);
  g_assert_cmpint (count_in_file (path, "SELECT count(*) FROM pragma_quick_check WHERE quick_check = 'ok'"), ==, 1);
}

static void
assert_refused_untouched (const char *path,
                          int         code,
                          const char *words)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len = 0, after_len = 0;
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) store = NULL;

  if (!g_file_get_contents (path, &before, &before_len, NULL))
    before = NULL;
  store = sl_ledger_open (path, SL_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, SL_STORE_ERROR, code);
  if (strstr (error->message, words) == NULL)
    g_error ("“%s” does not say “%s”", error->message, words);
  if (before != NULL)
    {
      g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
      g_assert_cmpmem (before, before_len, after, after_len);
    }
  g_assert_false (exists (path, "-wal"));
  g_assert_false (exists (path, "-shm"));
  g_assert_false (exists (path, "-journal"));
}

static void
test_each_cause (void)
{
  g_autofree char *missing = sl_test_temp_path ("gone.db");
  g_autofree char *empty = sl_test_temp_path ("empty.db");
  g_autofree char *empty_db = sl_test_temp_path ("empty-sqlite.db");
  g_autofree char *foreign = sl_test_temp_path ("other.sqlite");
  sqlite3 *db = NULL;

  /* A ledger that is gone is never made anew in its place. */
  assert_refused_untouched (missing, SL_STORE_ERROR_MISSING, "not found");
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  assert_refused_untouched (empty, SL_STORE_ERROR_NOT_A_LEDGER, "empty file");

  g_assert_cmpint (sqlite3_open (empty_db, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 0; VACUUM", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  if (g_file_test (empty_db, G_FILE_TEST_EXISTS))
    {
      GStatBuf st;
      g_assert_cmpint (g_stat (empty_db, &st), ==, 0);
      if (st.st_size > 0)
        assert_refused_untouched (empty_db, SL_STORE_ERROR_NOT_A_LEDGER, "empty database");
    }

  /* Another program's database, with its own application id. */
  g_assert_cmpint (sqlite3_open (foreign, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA application_id = 1234; PRAGMA user_version = 7; CREATE TABLE t (x)", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  assert_refused_untouched (foreign, SL_STORE_ERROR_FOREIGN, "another program");
}

/* Overwrites @pages pages spread over the middle of the file, where a
 * large ledger holds enterprise rows. */
static void
corrupt_middle (const char *path,
                int         pages)
{
  GStatBuf st;
  char junk[4096];
  int fd;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  memset (junk, 0xA5, sizeof junk);
  fd = g_open (path, O_WRONLY, 0);
  g_assert_cmpint (fd, >=, 0);
  for (int k = 0; k < pages; k++)
    {
      goffset at = st.st_size / 3 + k * (st.st_size / 3) / pages;
      g_assert_cmpint (pwrite (fd, junk, sizeof junk, (at / 4096) * 4096), ==, sizeof junk);
    }
  close (fd);
}

/* Damage to @pages leaf pages of @table, spread over it: pages a read of
 * the table must pass, wherever the file's other tables and indexes put
 * them. */
static void
corrupt_table (const char *path,
               const char *table,
               int         pages)
{
  g_autoptr(GArray) leaves = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *sql = g_strdup_printf ("SELECT pageno FROM dbstat WHERE name = '%s' AND pagetype = 'leaf' ORDER BY pageno", table);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char junk[4096];
  int fd;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 page = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (leaves, page);
    }
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA page_size", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, sizeof junk);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpuint (leaves->len, >, (guint) pages * 2);

  memset (junk, 0xA5, sizeof junk);
  fd = g_open (path, O_WRONLY, 0);
  g_assert_cmpint (fd, >=, 0);
  for (int k = 0; k < pages; k++)
    {
      gint64 page = g_array_index (leaves, gint64, leaves->len / 3 + (guint) k * (leaves->len / 3) / (guint) pages);
      g_assert_cmpint (pwrite (fd, junk, sizeof junk, (page - 1) * (goffset) sizeof junk), ==, sizeof junk);
    }
  close (fd);
}

/* Damage in the middle of the file: refused as damaged, and a ledger in
 * the rollback-journal mode is not switched to WAL before the refusal. */
static void
test_damaged (void)
{
  g_autofree char *path = demo_ledger ("ledger.db", 300);
  g_autoptr(GError) error = NULL;

  /* At rest it is one file in the rollback-journal mode. */
  g_assert_false (exists (path, "-wal"));
  g_assert_cmpint (count_in_file (path, "SELECT count(*) FROM pragma_journal_mode WHERE journal_mode = 'delete'"), ==, 1);

  corrupt_middle (path, 1);

  assert_refused_untouched (path, SL_STORE_ERROR_DAMAGED, "damaged");

  /* The command line refuses it, in words, and leaves it as it was. */
  {
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    gsize before_len, after_len;
    int status;

    g_assert_true (g_file_get_contents (path, &before, &before_len, NULL));
    out = run_cli ((const char *[]) { "--db", path, "--export-roster", "/dev/null/x.csv", NULL }, &status, &err);
    g_assert_cmpint (status, ==, 1);
    g_assert_nonnull (strstr (err, "damaged"));
    g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
    /* Only the journal-mode byte may differ if SQLite had opened it for writing: it must not. */
    g_assert_cmpmem (before, before_len, after, after_len);
  }
}


/* Damage that comes after the day's check: a read that stops on it fails
 * whole, never passing for the end of the rows with exit 0. */
static void
test_damaged_mid_read (void)
{
  g_autofree char *path = demo_ledger ("ledger.db", 3000);
  g_autofree char *city = sl_test_temp_path ("city.db");
  g_autofree char *csv = g_build_filename (g_path_get_dirname (path), "roster.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  g_assert_true (sl_ledger_care (path, NULL, &error));
  g_assert_no_error (error);
  corrupt_table (path, "enterprise", 4);

  out = run_cli ((const char *[]) { "--db", path, "--export-roster", csv, NULL }, &status, &err);
  g_assert_cmpint (status, ==, 1);
  if (strstr (err, "damaged") == NULL)
    g_error ("export: %s", err);
  g_assert_false (g_file_test (csv, G_FILE_TEST_EXISTS));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  out = run_cli ((const char *[]) { "--db", city, "--demo", "1", NULL }, &status, &err);
  g_assert_cmpint (status, ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  out = run_cli ((const char *[]) { "--db", city, "--merge", path, NULL }, &status, &err);
  g_assert_cmpint (status, ==, 1);
  if (strstr (err, "damaged") == NULL)
    g_error ("merge: %s", err);
  g_assert_cmpint (count_in_file (city, "SELECT count(*) FROM enterprise"), ==, 1);
}

static void
test_read_only (void)
{
  g_autofree char *path = demo_ledger ("ledger.db", 20);
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) store = NULL;

  store = sl_ledger_open (path, SL_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (sl_store_is_read_only (store));
  g_assert_cmpint (sl_store_count_enterprises (store), ==, 20);
  g_assert_false (exists (path, "-wal"));
  g_assert_false (exists (path, "-shm"));
  g_assert_false (sl_store_set_setting (store, "unit_name", "x", &error));
  g_assert_error (error, SL_STORE_ERROR, SL_STORE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "read-only"));
  g_clear_error (&error);
  /* A bulletin is numbered and recorded: none is issued, and no file written. */
  {
    g_autofree char *out = g_build_filename (g_path_get_dirname (path), "b.xlsx", NULL);
    SlBulletinOptions options = { .period = "2026-10" };

    g_assert_cmpint (sl_bulletin_export (store, &options, NULL, out, NULL, NULL, NULL, &error), ==, 0);
    g_assert_error (error, SL_STORE_ERROR, SL_STORE_ERROR_READ_ONLY);
    g_clear_error (&error);
    g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  }
  g_clear_object (&store);
  g_assert_false (exists (path, "-wal"));
  g_assert_false (exists (path, "-shm"));

  /* A file without write permission, for a user to whom that applies. */
  if (getuid () != 0)
    {
      g_assert_cmpint (g_chmod (path, 0400), ==, 0);
      store = sl_ledger_open (path, SL_STORE_OPEN_DEFAULT, &error);
      g_assert_no_error (error);
      g_assert_true (sl_store_is_read_only (store));
      g_assert_cmpstr (sl_store_get_read_only_reason (store), ==, "the file is read-only");
      g_clear_object (&store);
      g_assert_false (exists (path, "-shm"));
      g_assert_cmpint (g_chmod (path, 0600), ==, 0);
      store = sl_ledger_open (path, SL_STORE_OPEN_DEFAULT, &error);
      g_assert_no_error (error);
      g_assert_false (sl_store_is_read_only (store));
      g_assert_true (sl_store_set_setting (store, "unit_name", "东海县专精特新培育工作专班", &error));
      g_assert_no_error (error);
    }
}

/* A summary of a ledger at rest only reads it: not a byte of the file
 * changes (an open for writing switches it to WAL and back, which
 * rewrites its header), nothing is left beside it, and its figures are
 * those the ordinary open gives while a window holds the ledger. */
static void
test_summary_reads_only (void)
{
  g_autofree char *path = demo_ledger ("ledger.db", 30);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *read = NULL;
  g_autofree char *held = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) window = NULL;
  gsize before_len = 0, after_len = 0;
  guint n_files = 0;
  int status;

  g_assert_true (g_file_get_contents (path, &before, &before_len, NULL));
  read = run_cli ((const char *[]) { "--db", path, "--summary", "2026-11", NULL }, &status, &err);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (read, "\"period\" : \"2026-11\""));
  g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
  g_assert_cmpuint (after_len, ==, before_len);
  g_assert_true (memcmp (before, after, before_len) == 0);
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, &error);
    const char *name;

    g_assert_no_error (error);
    while ((name = g_dir_read_name (d)) != NULL)
      {
        g_assert_cmpstr (name, ==, "ledger.db");
        n_files++;
      }
  }
  g_assert_cmpuint (n_files, ==, 1);

  /* A file left in WAL mode by another program: the ordinary open, which
   * leaves it at rest again, no -wal or -shm beside it. */
  {
    sqlite3 *db = NULL;
    g_autofree char *again = NULL;

    g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
    g_assert_false (exists (path, "-wal"));
    g_clear_pointer (&err, g_free);
    again = run_cli ((const char *[]) { "--db", path, "--summary", "2026-11", NULL }, &status, &err);
    g_assert_cmpint (status, ==, 0);
    g_assert_cmpstr (again, ==, read);
    g_assert_false (exists (path, "-wal"));
    g_assert_false (exists (path, "-shm"));
  }

  /* With a window at it (a lock record, a WAL), the ordinary open. */
  window = sl_ledger_open (path, SL_STORE_OPEN_EXCLUSIVE, &error);
  g_assert_no_error (error);
  g_assert_true (exists (path, "-wal"));
  g_clear_pointer (&err, g_free);
  held = run_cli ((const char *[]) { "--db", path, "--summary", "2026-11", NULL }, &status, &err);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (held, ==, read);
}

/* A second process names who holds the ledger; a second window is refused
 * and may open it read-only; outside writes are noticed. */
static void
test_other_processes (void)
{
  g_autofree char *path = sl_test_temp_path ("ledger.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) store = sl_ledger_open (path, SL_STORE_OPEN_CREATE | SL_STORE_OPEN_EXCLUSIVE, &error);
  g_autofree char *lock = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *record = NULL;
  g_autofree char *me = NULL;
  int status;

  g_assert_no_error (error);
  g_assert_false (sl_store_poll_changes (store));

  /* The lock record holds this process, as the window. */
  lock = g_build_filename (g_path_get_dirname (path), ".~lock.ledger.db#", NULL);
  g_assert_true (g_file_get_contents (lock, &record, NULL, NULL));
  me = g_strdup_printf ("%d\t", (int) getpid ());
  g_assert_true (g_str_has_prefix (record, me));
  g_assert_nonnull (strstr (record, "\twindow\n"));

  /* The command line writes while the window holds the ledger; the window notices. */
  out = run_cli ((const char *[]) { "--db", path, "--demo", "25", NULL }, &status, &err);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (sl_store_poll_changes (store));
  g_assert_false (sl_store_poll_changes (store));
  g_assert_cmpint (sl_store_count_enterprises (store), ==, 25);
  g_clear_object (&store);
  g_assert_false (g_file_test (lock, G_FILE_TEST_EXISTS));
}

/* A stale holder (a killed process) neither blocks nor is named. */
static void
test_stale_lock (void)
{
  g_autofree char *path = sl_test_temp_path ("ledger.db");
  g_autofree char *lock = NULL;
  g_autofree char *line = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) store = sl_ledger_open (path, SL_STORE_OPEN_CREATE, &error);
  g_autoptr(GPtrArray) holders = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_no_error (error);
  g_clear_object (&store);
  lock = g_build_filename (dir, ".~lock.ledger.db#", NULL);
  /* pid_max is at most 4194304: this process cannot exist. */
  line = g_strdup_printf ("4194305\t%s\tclerk\t2026-12-01T09:00:00+08\twindow\n", g_get_host_name ());
  g_assert_true (g_file_set_contents (lock, line, -1, NULL));
  holders = sl_store_lock_holders (path);
  g_assert_cmpuint (holders->len, ==, 0);

  /* A temporary a kill left is removed on the next open; a live one is not. */
  tmp = g_build_filename (dir, ".roster.xlsx.sl4194305-AbCdEf.part", NULL);
  g_assert_true (g_file_set_contents (tmp, "half", -1, NULL));
  store = sl_ledger_open (path, SL_STORE_OPEN_EXCLUSIVE, &error);
  g_assert_no_error (error);
  g_assert_false (g_file_test (tmp, G_FILE_TEST_EXISTS));
}

/* No output ever replaces a ledger: not by its name, a ./name, a hard link
 * or a renamed copy; and an unknown ending is refused, not written as CSV. */
static void
test_outputs_spare_ledgers (void)
{
  g_autofree char *path = sl_test_temp_path ("l.db");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *link_name = g_build_filename (dir, "link.xlsx", NULL);
  g_autofree char *copy = g_build_filename (dir, "copy.csv", NULL);
  g_autofree char *roster = g_build_filename (dir, "roster.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) store = sl_ledger_open (path, SL_STORE_OPEN_CREATE, &error);
  g_autofree char *before = NULL;
  g_autofree char *cwd = g_get_current_dir ();
  struct { const char *what; const char *args[8]; const char *says; } cases[] = {
    { "the roster onto the ledger", { "--export-roster", path, NULL }, "must end in" },
    { "the roster onto ./l.db", { "--export-roster", "./l.db", NULL }, "must end in" },
    { "the roster onto a hard link", { "--export-roster", link_name, NULL }, "own file" },
    { "the bulletin onto a hard link", { "--export-bulletin", "2026-10", "--output", link_name, NULL }, "own file" },
    { "the template onto a hard link", { "--import-template", link_name, NULL }, "own file" },
    { "the roster onto another database", { "--export-roster", copy, NULL }, "database" },
    { "the roster as .xls", { "--export-roster", "r.xls", NULL }, ".xlsx, .csv" },
    { "the bulletin onto the ledger", { "--export-bulletin", "2026-10", "--output", path, NULL }, "must end in" },
  };

  g_assert_no_error (error);
  g_assert_true (sl_demo_generate (store, 40, NULL, NULL, NULL, &error));
  g_clear_object (&store);
  g_assert_cmpint (link (path, link_name), ==, 0);
  {
    g_autofree char *bytes = NULL;
    gsize len;

    g_assert_true (g_file_get_contents (path, &bytes, &len, NULL));
    g_assert_true (g_file_set_contents (copy, bytes, len, NULL));
  }
  /* A ledger opened for writing may change in its header: compare what it holds. */
  before = g_strdup_printf ("%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT, count_in_file (path, "SELECT count(*) FROM enterprise"),
                            count_in_file (path, "SELECT count(*) FROM audit_log"));
  g_assert_cmpint (g_chdir (dir), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) args = g_ptr_array_new ();
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autofree char *after = NULL;
      int status;

      g_ptr_array_add (args, "--db");
      g_ptr_array_add (args, path);
      for (guint k = 0; cases[i].args[k]; k++)
        g_ptr_array_add (args, (gpointer) cases[i].args[k]);
      g_ptr_array_add (args, NULL);
      out = run_cli ((const char * const *) args->pdata, &status, &err);
      after = g_strdup_printf ("%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT, count_in_file (path, "SELECT count(*) FROM enterprise"),
                               count_in_file (path, "SELECT count(*) FROM audit_log"));
      if (status != 1 || strstr (err, cases[i].says) == NULL || g_strcmp0 (before, after) != 0)
        g_error ("%s: exit %d, “%s”, ledger %s", cases[i].what, status, err, g_strcmp0 (before, after) ? "changed" : "kept");
      g_assert_cmpint (g_strv_length (g_strsplit (err, "\n", -1)), ==, 2);
    }
  g_assert_cmpint (g_chdir (cwd), ==, 0);
  g_assert_cmpint (count_in_file (path, "SELECT count(*) FROM enterprise"), ==, 40);

  /* What is written is its owner's only: contacts and phone numbers. */
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    GStatBuf st;
    int status;

    out = run_cli ((const char *[]) { "--db", path, "--export-roster", roster, NULL }, &status, &err);
    g_assert_cmpint (status, ==, 0);
    g_assert_cmpint (g_stat (roster, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }
}

static char *
bytes_of (const char *path)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, len);
}

/* A merge only reads the other ledger: a dry run, a real merge and one from
 * an older format leave its folder byte for byte as it was. */
static void
test_merge_reads_only (void)
{
  g_autofree char *city = sl_test_temp_path ("city.db");
  g_autofree char *county = sl_test_temp_path ("county.db");
  g_autofree char *county_dir = g_path_get_dirname (county);
  g_autofree char *typo = g_build_filename (county_dir, "typo.db", NULL);
  g_autofree char *city_link = g_build_filename (county_dir, "same.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) plan = sl_plan_get_bundled (NULL);
  g_autoptr(SlStore) store = _sl_ledger_open_full (county, sl_migrations, 1, plan, SL_STORE_OPEN_CREATE, &error);
  g_autofree char *before = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  g_assert_no_error (error);
  g_assert_cmpint (sl_store_get_version (store), ==, 1);
  g_assert_true (sl_demo_generate (store, 60, NULL, NULL, NULL, &error));
  g_clear_object (&store);
  before = bytes_of (county);

  out = run_cli ((const char *[]) { "--db", city, "--demo", "1", NULL }, &status, &err);
  g_assert_cmpint (status, ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  out = run_cli ((const char *[]) { "--db", city, "--merge", county, "--dry-run", NULL }, &status, &err);
  g_assert_cmpint (status, ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  out = run_cli ((const char *[]) { "--db", city, "--merge", county, NULL }, &status, &err);
  if (status != 0)
    g_error ("merge of an older ledger: %s", err);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  /* The city's one demo firm is the county's first: 60 in all. */
  g_assert_cmpint (count_in_file (city, "SELECT count(*) FROM enterprise"), ==, 60);
  {
    g_autofree char *after = bytes_of (county);
    g_autoptr(GDir) d = g_dir_open (county_dir, 0, NULL);
    const char *name;

    g_assert_cmpstr (before, ==, after);
    while ((name = g_dir_read_name (d)) != NULL)
      if (!g_str_equal (name, "county.db"))
        g_error ("the merge left %s beside the other ledger", name);
  }

  /* A mistyped name is not made; the ledger itself by another name is refused. */
  out = run_cli ((const char *[]) { "--db", city, "--merge", typo, NULL }, &status, &err);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, "not found"));
  g_assert_false (g_file_test (typo, G_FILE_TEST_EXISTS));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (link (city, city_link), ==, 0);
  out = run_cli ((const char *[]) { "--db", city, "--merge", city_link, NULL }, &status, &err);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, "itself"));
}

static void
test_backups (void)
{
  g_autofree char *path = sl_test_temp_path ("ledger.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) store = sl_ledger_open (path, SL_STORE_OPEN_CREATE, &error);
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *folder = sl_backup_folder (path);
  GStatBuf st;
  GDate day;

  g_assert_no_error (error);
  g_assert_true (sl_demo_generate (store, 30, NULL, NULL, NULL, &error));

  /* Forty days of first opens: 7 daily and 4 weekly copies stay. */
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 1, G_DATE_OCTOBER, 2026);
  for (int i = 0; i < 40; i++)
    {
      g_autofree char *iso = sl_date_to_iso (&day);

      g_setenv ("SL_TODAY", iso, TRUE);
      g_assert_true (sl_ledger_care (path, NULL, &error));
      g_assert_no_error (error);
      g_date_add_days (&day, 1);
    }
  list = sl_backup_list (path, TRUE);
  g_assert_cmpuint (list->len, ==, 11);
  g_assert_cmpstr (((SlBackup *) list->pdata[0])->date, ==, "2026-11-09");
  g_assert_cmpstr (((SlBackup *) list->pdata[6])->date, ==, "2026-11-03");
  /* The newest of each of the four weeks before: Sundays 11-01, 10-25, 10-18, 10-11. */
  g_assert_cmpstr (((SlBackup *) list->pdata[7])->date, ==, "2026-11-01");
  g_assert_cmpstr (((SlBackup *) list->pdata[10])->date, ==, "2026-10-11");
  for (guint i = 0; i < list->len; i++)
    {
      SlBackup *b = list->pdata[i];

      g_assert_cmpint (b->firms, ==, 30);
      g_assert_cmpint (g_stat (b->path, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 0777, ==, 0600);
      g_assert_true (g_str_has_prefix (b->path, folder));
    }
  g_unsetenv ("SL_TODAY");

  /* --backup writes a new file only. */
  copy = g_build_filename (g_path_get_dirname (path), "copy.db", NULL);
  g_assert_true (sl_backup_write (store, copy, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_in_file (copy, "SELECT count(*) FROM enterprise"), ==, 30);
  g_assert_false (sl_backup_write (store, copy, &error));
  g_assert_nonnull (strstr (error->message, "never replaces"));
  g_clear_error (&error);

  /* Restore: refused while this process holds it, then done, the current file set aside. */
  g_assert_true (sl_demo_generate (store, 5, NULL, NULL, NULL, &error));
  g_clear_object (&store);
  g_assert_true (sl_backup_restore (path, ((SlBackup *) list->pdata[0])->path, &aside, &error));
  g_assert_no_error (error);
  g_assert_nonnull (aside);
  g_assert_cmpint (count_in_file (aside, "SELECT count(*) FROM enterprise"), ==, 35);
  g_assert_cmpint (count_in_file (path, "SELECT count(*) FROM enterprise"), ==, 30);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  store = sl_ledger_open (path, SL_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sl_store_count_enterprises (store), ==, 30);

  /* Something that is not a whole ledger is never restored. */
  g_clear_object (&store);
  g_assert_true (g_file_set_contents (copy, "SQLite format 3 but not really", -1, NULL));
  g_assert_false (sl_backup_restore (path, copy, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (count_in_file (path, "SELECT count(*) FROM enterprise"), ==, 30);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ledger-file/locks-kept", test_locks_kept);
  g_test_add_func ("/ledger-file/each-cause", test_each_cause);
  g_test_add_func ("/ledger-file/damaged", test_damaged);
  g_test_add_func ("/ledger-file/damaged-mid-read", test_damaged_mid_read);
  g_test_add_func ("/ledger-file/read-only", test_read_only);
  g_test_add_func ("/ledger-file/summary-reads-only", test_summary_reads_only);
  g_test_add_func ("/ledger-file/other-processes", test_other_processes);
  g_test_add_func ("/ledger-file/stale-lock", test_stale_lock);
  g_test_add_func ("/ledger-file/outputs-spare-ledgers", test_outputs_spare_ledgers);
  g_test_add_func ("/ledger-file/merge-reads-only", test_merge_reads_only);
  g_test_add_func ("/ledger-file/backups", test_backups);

  return g_test_run ();
}
