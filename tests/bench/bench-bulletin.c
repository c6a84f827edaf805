/* bench-bulletin.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The bulletin's export against its peer and its floor, one step per
 * process so that each has its own peak RSS (run by bench-bulletin.sh):
 *
 *   bench-bulletin ours  LEDGER PERIOD OUT.xlsx   the whole export
 *   bench-bulletin dump  LEDGER PERIOD OUT.tsv    the enterprise sheet's rows, by the same query
 *   bench-bulletin floor IN.tsv OUT.xlsx          a bare libxlsxwriter loop writing those cells
 *   bench-bulletin summary LEDGER PERIOD FLOOR.sql RUNS
 *                                                 the summary against the rows it needs read by SQLite alone
 *
 * The enterprise sheet is nearly all of a large bulletin's cells; the peer
 * (bulletin-peer.py, Python XlsxWriter) and the floor write it from the
 * same query results. Times are printed in seconds, writing alone where
 * the input is read first. */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "sl-bulletin.h"
#include "sl-summary.h"
#include "sl-ledger-private.h"

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1e6;
}

static int
ours (const char *ledger,
      const char *period,
      const char *out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) store = sl_ledger_open (ledger, SL_STORE_OPEN_CREATE, &error);
  SlBulletinOptions options = { .period = (char *) period };
  gint64 start = g_get_monotonic_time ();

  if (store == NULL || sl_bulletin_export (store, &options, NULL, out, NULL, NULL, NULL, &error) == 0)
    g_error ("%s", error->message);
  printf ("ours: %.3f s (the summary, five sheets, the record)\n", seconds_since (start));
  return 0;
}

static int
dump (const char *ledger,
      const char *period,
      const char *out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) store = sl_ledger_open (ledger, SL_STORE_OPEN_CREATE, &error);
  g_autofree char *as_of = NULL;
  g_autoptr(SlStmt) stmt = NULL;
  int year = atoi (period);
  gint64 start;
  FILE *f = fopen (out, "w");
  gint64 n = 0;

  as_of = g_strdup_printf ("%s-31", period);
  start = g_get_monotonic_time ();
  stmt = _sl_store_prepare (store,
    "SELECT e.credit_code, e.name, j.name, k.name,"
    " (SELECT t.name FROM certification c INDEXED BY certification_enterprise JOIN tier t ON t.key = c.tier_key"
    "   WHERE c.enterprise_id = e.id AND c.status IN ('certified', 'under_review', 'expired', 'revoked') AND c.valid_from <= ?1"
    "   AND ifnull (c.valid_until, '9999-12-31') >= ?1 ORDER BY t.level DESC LIMIT 1),"
    " f.year, f.revenue / 10000.0, f.rd_expense / 10000.0, 100.0 * f.rd_expense / nullif (f.revenue, 0), f.patents_valid,"
    " (SELECT group_concat (h.name, '、') FROM enterprise_honour eh JOIN honour h ON h.key = eh.honour_key"
    "   WHERE eh.enterprise_id = e.id AND eh.year <= ?2)"
    " FROM enterprise e JOIN jurisdiction j ON j.id = e.jurisdiction_id LEFT JOIN industry_chain k ON k.id = e.chain_id"
    " LEFT JOIN annual_figures f ON f.enterprise_id = e.id AND f.year ="
    "   (CASE WHEN e.latest_year <= ?2 THEN e.latest_year"
    "    ELSE (SELECT max (g.year) FROM annual_figures g WHERE g.enterprise_id = e.id AND g.year <= ?2) END)"
    " WHERE e.deleted_at IS NULL ORDER BY e.id", &error);
  if (stmt == NULL)
    g_error ("%s", error->message);
  _sl_bind_text (stmt, 1, as_of);
  sqlite3_bind_int (stmt, 2, year - 1);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int c = 0; c < 11; c++)
        fprintf (f, "%s%s", c ? "\t" : "", sqlite3_column_type (stmt, c) == SQLITE_NULL ? "" : (const char *) sqlite3_column_text (stmt, c));
      fputc ('\n', f);
      n++;
    }
  fclose (f);
  printf ("query: %.2f s for %" G_GINT64_FORMAT " enterprises (with writing them as text)\n", seconds_since (start), n);
  return 0;
}

/* Columns 5–9 are numbers, the rest text, as in the bulletin. */
static int
floor_loop (const char *in,
            const char *out)
{
  g_autofree char *data = NULL;
  g_auto(GStrv) lines = NULL;
  lxw_workbook_options opts = { .constant_memory = LXW_TRUE, .use_zip64 = LXW_TRUE };
  lxw_workbook *wb;
  lxw_worksheet *ws;
  lxw_format *num;
  GPtrArray *rows = g_ptr_array_new ();
  gint64 start;

  if (!g_file_get_contents (in, &data, NULL, NULL))
    g_error ("cannot read %s", in);
  lines = g_strsplit (data, "\n", -1);
  for (guint i = 0; lines[i] && *lines[i]; i++)
    g_ptr_array_add (rows, g_strsplit (lines[i], "\t", -1));

  start = g_get_monotonic_time ();
  wb = workbook_new_opt (out, &opts);
  ws = workbook_add_worksheet (wb, "Enterprises");
  num = workbook_add_format (wb);
  format_set_num_format (num, "#,##0.00");
  for (guint r = 0; r < rows->len; r++)
    {
      char **cells = rows->pdata[r];

      worksheet_write_number (ws, r + 1, 0, r + 1, NULL);
      for (guint c = 0; cells[c]; c++)
        {
          if (*cells[c] == '\0')
            continue;
          if (c >= 5 && c <= 9)
            worksheet_write_number (ws, r + 1, c + 1, g_ascii_strtod (cells[c], NULL), num);
          else
            worksheet_write_string (ws, r + 1, c + 1, cells[c], NULL);
        }
    }
  printf ("floor: %.3f s writing the cells of %u rows,", seconds_since (start), rows->len);
  workbook_close (wb);
  printf (" %.3f s with the closing\n", seconds_since (start));
  return 0;
}

/* Every statement of @sql, each row stepped through, :figures_year bound:
 * what the shell does with the floor's file. */
static void
run_floor (sqlite3    *db,
           const char *sql,
           int         figures_year)
{
  while (sql != NULL && *sql != '\0')
    {
      sqlite3_stmt *stmt = NULL;
      const char *tail = NULL;
      int i;

      if (sqlite3_prepare_v2 (db, sql, -1, &stmt, &tail) != SQLITE_OK)
        g_error ("%s", sqlite3_errmsg (db));
      if (stmt != NULL)
        {
          if ((i = sqlite3_bind_parameter_index (stmt, ":figures_year")) > 0)
            sqlite3_bind_int (stmt, i, figures_year);
          while (sqlite3_step (stmt) == SQLITE_ROW)
            for (int c = 0; c < sqlite3_column_count (stmt); c++)
              (void) sqlite3_column_text (stmt, c);
          sqlite3_finalize (stmt);
        }
      sql = tail;
    }
}

static int
cmp_double (gconstpointer a,
            gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (GArray *times)
{
  g_array_sort (times, cmp_double);
  return g_array_index (times, double, times->len / 2);
}

/* The summary in this process on a ledger already open, against its floor
 * (the rows it needs, read once by the bare library on a connection of
 * its own, FLOOR.sql), alternating, warm: neither pays a process's start
 * or a ledger's opening, which at 10,000 firms are most of a run. */
static int
summary (const char *ledger,
         const char *period,
         const char *floor_sql,
         int         runs)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) store = sl_ledger_open (ledger, SL_STORE_OPEN_CREATE, &error);
  g_autofree char *sql = NULL;
  g_autoptr(GArray) ours_t = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) floor_t = g_array_new (FALSE, FALSE, sizeof (double));
  sqlite3 *db = NULL;

  if (store == NULL)
    g_error ("%s", error->message);
  if (!g_file_get_contents (floor_sql, &sql, NULL, &error))
    g_error ("%s", error->message);
  if (sqlite3_open_v2 (ledger, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    g_error ("%s", sqlite3_errmsg (db));
  for (int i = 0; i < runs; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(JsonNode) node = sl_summary_compute (store, period, NULL, &error);
      g_autofree char *text = node ? json_to_string (node, FALSE) : NULL;
      double o, f;

      if (node == NULL)
        g_error ("%s", error->message);
      o = seconds_since (start);
      start = g_get_monotonic_time ();
      run_floor (db, sql, atoi (period) - 1);
      f = seconds_since (start);
      g_array_append_val (ours_t, o);
      g_array_append_val (floor_t, f);
      printf ("run %d: ours %.4f s, floor %.4f s\n", i + 1, o, f);
    }
  sqlite3_close (db);
  {
    double mo = median (ours_t), mf = median (floor_t);

    printf ("median of %d: ours %.4f s, floor %.4f s, ratio %.2f\n", runs, mo, mf, mo / mf);
  }
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("SL_TODAY", g_getenv ("SL_TODAY") ? g_getenv ("SL_TODAY") : "2026-11-25", FALSE);
  if (argc == 5 && g_str_equal (argv[1], "ours"))
    return ours (argv[2], argv[3], argv[4]);
  if (argc == 5 && g_str_equal (argv[1], "dump"))
    return dump (argv[2], argv[3], argv[4]);
  if (argc == 6 && g_str_equal (argv[1], "summary"))
    return summary (argv[2], argv[3], argv[4], atoi (argv[5]));
  if (argc == 4 && g_str_equal (argv[1], "floor"))
    return floor_loop (argv[2], argv[3]);
  fprintf (stderr, "usage: bench-bulletin ours|dump LEDGER PERIOD OUT, floor IN.tsv OUT.xlsx, or summary LEDGER PERIOD FLOOR.sql RUNS\n");
  return 2;
}
