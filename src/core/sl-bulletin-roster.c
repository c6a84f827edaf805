/* sl-bulletin-roster.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* 企业名单, the bulletin's last sheet: every enterprise in scope with its
 * highest tier at month end, its figures of the bulletin's year and its
 * honours. At a million firms the query takes 5 s and the writing 4, one
 * after the other on one core; here threads of their own read the rows in
 * batches while this one writes them, a few batches ahead at most. On a
 * large ledger two readers on twins of the store's read (sl-store-twin.c)
 * take turns by blocks of ids. */

#define G_LOG_DOMAIN "sl-bulletin"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>

#include "sl-bulletin-private.h"
#include "sl-certification.h"
#include "sl-store-private.h"
#include "sl-util.h"

#define ROWS_PER_CHECK 5000
#define BATCH_ROWS 2048
#define N_BATCHES 8

/* A firm on a month's list: in the ledger by the month's end, or
 * certified by then (a roster of old certifications imported later). A
 * firm first recorded after it was no firm of that month. ?1 the day. */
#define KNOWN_BY(e) \
  " (substr (" e ".created_at, 1, 10) <= ?1 OR EXISTS (SELECT 1 FROM certification c INDEXED BY certification_enterprise" \
  "   WHERE c.enterprise_id = " e ".id AND c.status IN " SL_HELD_STATUSES " AND c.valid_from <= ?1))"

enum { T_CODE, T_NAME, T_JURISDICTION, T_CHAIN, T_TIER, T_HONOURS, N_TEXTS };
enum { N_YEAR, N_REVENUE, N_RD, N_PATENTS, N_NUMBERS };

/* The query's columns: texts, then numbers, then the honours. */
static const int text_column[N_TEXTS] = { 0, 1, 2, 3, 4, 9 };
static const int number_column[N_NUMBERS] = { 5, 6, 7, 8 };

typedef struct
{
  const char *text[N_TEXTS];     /* NULL for SQL NULL */
  gint64      number[N_NUMBERS];
  guint8      has_number[N_NUMBERS];
} RosterRow;

typedef struct
{
  GStringChunk *chunk;
  RosterRow     rows[BATCH_ROWS];
  guint         n;
  gboolean      end_of_block;  /* the block's last rows */
  gboolean      last;          /* the reader's last batch, after its blocks */
} Batch;

/* A reader's blocks are every n-th range of ids, so that two readers on
 * twins of the store take turns and the writer gets the rows in id order
 * by taking blocks from each in turn. */
typedef struct
{
  sqlite3_stmt *stmt;
  sqlite3      *twin;   /* the statement's connection, or NULL: the store's */
  GAsyncQueue  *full;
  GAsyncQueue  *empty;
  gint         *stop;
  gint64        lo;     /* the first block's first id */
  gint64        width;  /* ids a block spans; 0: one block of every id */
  gint64        first;
  gint64        step;
  gint64        n_blocks;
  int           rc;     /* SQLITE_DONE when all were read */
  GThread      *thread;
} Reader;

static void
batch_free (gpointer data)
{
  Batch *b = data;

  g_string_chunk_free (b->chunk);
  g_free (b);
}

static Batch *
batch_take (Reader *r)
{
  Batch *b = g_async_queue_pop (r->empty);

  g_string_chunk_clear (b->chunk);
  b->n = 0;
  b->end_of_block = b->last = FALSE;
  return b;
}

static void
read_row (Reader   *r,
          Batch    *b)
{
  RosterRow *row = &b->rows[b->n++];

  for (int t = 0; t < N_TEXTS; t++)
    {
      const char *text = (const char *) sqlite3_column_text (r->stmt, text_column[t]);
      row->text[t] = text ? g_string_chunk_insert (b->chunk, text) : NULL;
    }
  for (int n = 0; n < N_NUMBERS; n++)
    {
      row->has_number[n] = sqlite3_column_type (r->stmt, number_column[n]) != SQLITE_NULL;
      row->number[n] = row->has_number[n] ? sqlite3_column_int64 (r->stmt, number_column[n]) : 0;
    }
}

/* In the reader's thread: the statement is its own until its last batch. */
static gpointer
read_rows (gpointer data)
{
  Reader *r = data;

  r->rc = SQLITE_DONE;
  for (gint64 k = r->first; k < r->n_blocks && !g_atomic_int_get (r->stop); k += r->step)
    {
      Batch *b = batch_take (r);
      int rc = SQLITE_DONE;

      sqlite3_reset (r->stmt);
      sqlite3_bind_int64 (r->stmt, 10, r->width ? r->lo + k * r->width : G_MININT64);
      sqlite3_bind_int64 (r->stmt, 11, r->width && k < r->n_blocks - 1 ? r->lo + (k + 1) * r->width - 1 : G_MAXINT64);
      while (!g_atomic_int_get (r->stop) && (rc = sqlite3_step (r->stmt)) == SQLITE_ROW)
        {
          read_row (r, b);
          if (b->n == BATCH_ROWS)
            {
              g_async_queue_push (r->full, b);
              b = batch_take (r);
            }
        }
      if (!g_atomic_int_get (r->stop) && rc != SQLITE_DONE)
        {
          r->rc = rc;
          g_atomic_int_set (r->stop, 1);
        }
      b->end_of_block = TRUE;
      g_async_queue_push (r->full, b);
    }
  {
    Batch *b = batch_take (r);

    b->last = TRUE;
    g_async_queue_push (r->full, b);
  }
  return NULL;
}

static void
reader_start (Reader      *r,
              gint        *stop,
              guint        n_batches)
{
  r->stop = stop;
  r->full = g_async_queue_new ();
  r->empty = g_async_queue_new_full (batch_free);
  for (guint i = 0; i < n_batches; i++)
    {
      Batch *b = g_new0 (Batch, 1);

      b->chunk = g_string_chunk_new (64 * 1024);
      g_async_queue_push (r->empty, b);
    }
  r->thread = g_thread_new ("bulletin-roster", read_rows, r);
}

/* Waits for the reader's last batch, and frees its batches. */
static void
reader_finish (Reader   *r,
               gboolean  seen_last)
{
  while (!seen_last)
    {
      Batch *b = g_async_queue_pop (r->full);

      seen_last = b->last;
      g_async_queue_push (r->empty, b);
    }
  g_thread_join (r->thread);
  r->thread = NULL;
  for (Batch *b; (b = g_async_queue_try_pop (r->full)) != NULL; )
    batch_free (b);
  g_async_queue_unref (r->full);
  g_async_queue_unref (r->empty);
}

/* The 企业 sheet's widest columns, in characters (0: as wide as its
 * content): names, places, tiers and honours wrap in them. */
static const double roster_caps[] = { 0, 0, 22, 10, 10, 10, 6, 10, 10, 8, 8, 16 };

static double
wrap_width (guint col)
{
  /* The column as printed: the cap and its two characters of margin
   * (sl_sheet_finish), which SimSun's Han characters fill a little
   * better than two widths each (about 1.6). */
  return col < G_N_ELEMENTS (roster_caps) && roster_caps[col] > 0 ? (roster_caps[col] + 2) * 1.25 : 60;
}

static void
write_row (SlBulletinJob   *job,
           SlSheet         *sheet,
           guint            row,
           guint            no,
           const RosterRow *r)
{
  SlXlsxFormats *f = &job->formats;
  const char *tier = r->text[T_TIER] ? sl_tier_name (r->text[T_TIER], r->text[T_TIER]) : "";
  /* The wrapped columns' text, measured once: for the row's height, which
   * no reader grows, and the column's width. */
  struct { guint col; const char *text; double width; } wraps[] = {
    { 2, r->text[T_NAME] }, { 3, r->text[T_JURISDICTION] }, { 4, r->text[T_CHAIN] },
    { 5, tier }, { 11, r->text[T_HONOURS] },
  };
  double lines = 1;

  for (guint w = 0; w < G_N_ELEMENTS (wraps); w++)
    {
      wraps[w].width = sl_xlsx_text_width (wraps[w].text);
      lines = MAX (lines, ceil (wraps[w].width / wrap_width (wraps[w].col)));
    }
  if (lines > 1)
    worksheet_set_row (sheet->ws, row, 13.5 * lines, NULL);
  sl_sheet_number (sheet, row, 0, no, f->integer);
  sl_sheet_text (sheet, row, 1, r->text[T_CODE], f->text);
  for (guint w = 0; w < G_N_ELEMENTS (wraps) - 1; w++)
    sl_sheet_text_measured (sheet, row, wraps[w].col, wraps[w].text, wraps[w].width, f->wrapped);
  if (r->has_number[N_YEAR])
    sl_sheet_number (sheet, row, 6, (double) r->number[N_YEAR], f->text);
  else
    sl_sheet_text (sheet, row, 6, NULL, f->text);
  for (int n = N_REVENUE; n <= N_RD; n++)
    if (r->has_number[n])
      sl_sheet_number (sheet, row, (guint) n + 6, r->number[n] / 10000.0, f->decimal);
    else
      sl_sheet_text (sheet, row, (guint) n + 6, NULL, f->text);
  if (r->has_number[N_REVENUE] && r->has_number[N_RD] && r->number[N_REVENUE] > 0)
    sl_sheet_number (sheet, row, 9, 100.0 * r->number[N_RD] / r->number[N_REVENUE], f->decimal);
  else
    sl_sheet_text (sheet, row, 9, NULL, f->text);
  if (r->has_number[N_PATENTS])
    sl_sheet_number (sheet, row, 10, (double) r->number[N_PATENTS], f->integer);
  else
    sl_sheet_text (sheet, row, 10, NULL, f->text);
  sl_sheet_text_measured (sheet, row, 11, wraps[4].text, wraps[4].width, f->wrapped);
}

/* One pass by firm, over a range of ids (?10, ?11); the certification and
 * honour lookups go by the firm's index (the planner would otherwise walk
 * a tier by date). */
#define ROSTER_SQL \
  "SELECT e.credit_code, e.name, j.name, k.name," \
  " (SELECT c.tier_key FROM certification c INDEXED BY certification_enterprise JOIN tier t ON t.key = c.tier_key" \
  "   WHERE c.enterprise_id = e.id AND c.status IN " SL_HELD_STATUSES " AND c.valid_from <= ?1" \
  "   AND ifnull (c.valid_until, '9999-12-31') >= ?1 AND " SL_NOT_LAPSED_ON ("c", "?1") " ORDER BY t.level DESC LIMIT 1)," \
  " f.year, f.revenue, f.rd_expense, f.patents_valid," \
  " (SELECT group_concat (h.name, '、') FROM enterprise_honour eh JOIN honour h ON h.key = eh.honour_key" \
  "   WHERE eh.enterprise_id = e.id AND" SL_HONOUR_HELD_ON ("eh", "h", "?3", "?1") ")" \
  " FROM enterprise e" JOIN_JURISDICTION_ON ("e", "?1") \
  " LEFT JOIN industry_chain k ON k.id = e.chain_id" \
  " LEFT JOIN annual_figures f ON f.enterprise_id = e.id AND f.year = ?2" \
  " WHERE e.id BETWEEN ?10 AND ?11 AND" IN_SCOPE ("e", "?1") " AND" KNOWN_BY ("e") " ORDER BY e.id"

/**
 * _sl_bulletin_roster_sheet:
 *
 * 企业名单: every enterprise in scope with its highest tier at month end,
 * its figures of the bulletin's year and its honours; filterable, with
 * the header frozen.
 */
gboolean
_sl_bulletin_roster_sheet (SlBulletinJob  *job,
                           GError        **error)
{
  SlXlsxFormats *f = &job->formats;
  const char *as_of = json_object_get_string_member_with_default (job->figures, "as_of", "");
  g_autofree char *as_of_shown = sl_date_display (as_of);
  int year = (int) json_object_get_int_member_with_default (job->figures, "figures_year", atoi (as_of) - 1);
  const char *headers[] = { N_("No."), N_("Credit code"), N_("Enterprise"), N_("Jurisdiction"), N_("Industrial chain"),
                            N_("Highest tier"), N_("Figures of"), N_("Operating revenue (10k yuan)"),
                            N_("R&D expense (10k yuan)"), N_("R&D intensity (%)"), N_("Valid granted patents"),
                            N_("Honours") };
  g_autofree char *title = g_strdup_printf ("%s — %s", job->title, _("Enterprises"));
  g_autofree char *byline = g_strdup_printf (_("As of %s · %d annual figures"), as_of_shown, year);
  g_autoptr(SlSheet) sheet = sl_sheet_new (job->workbook, _("Enterprises"), title);
  g_autoptr(SlStmt) count = NULL;
  g_autoptr(SlStmt) stmt = NULL;
  g_autoptr(SlStmt) span = NULL;
  gint64 scope = _sl_bulletin_scope_id (job->store, job->figures);
  gint64 total = 0, done = 0, lo = 0, hi = -1, n = 0;
  gboolean cancelled = FALSE, ended = FALSE, failed_told = FALSE;
  Reader readers[2] = { { NULL } };
  sqlite3 *twins[2];
  guint n_readers = 1;
  gint stop = 0;
  guint row, first;

  /* The progress bar's whole: the firms in scope now, from the
   * jurisdictions' index (counting the month's own took a pass as long as
   * the sheet's query). */
  count = _sl_store_prepare (job->store,
    "SELECT count(*) FROM enterprise INDEXED BY enterprise_jurisdiction WHERE deleted_at IS NULL"
    " AND (?9 = 0 OR jurisdiction_id IN (SELECT id FROM jurisdiction WHERE id = ?9 OR parent_id = ?9))", error);
  span = _sl_store_prepare (job->store,
    "SELECT (SELECT min (id) FROM enterprise), (SELECT max (id) FROM enterprise), (SELECT count(*) FROM enterprise)", error);
  stmt = _sl_store_prepare (job->store, ROSTER_SQL, error);
  if (count == NULL || span == NULL || stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (count, 9, scope);
  if (sqlite3_step (count) == SQLITE_ROW)
    total = sqlite3_column_int64 (count, 0);
  if (sqlite3_step (span) == SQLITE_ROW && sqlite3_column_type (span, 0) != SQLITE_NULL)
    {
      lo = sqlite3_column_int64 (span, 0);
      hi = sqlite3_column_int64 (span, 1);
      n = sqlite3_column_int64 (span, 2);
    }

  /* At a million firms one reader kept the writer waiting (the query alone
   * takes about as long as the writing): two readers on twins of the
   * store's read, where the ids are dense enough for blocks of them to be
   * full. */
  twins[0] = _sl_store_twin_take (job->store);
  twins[1] = _sl_store_twin_take (job->store);
  if (twins[1] != NULL && n >= 4 * BATCH_ROWS && hi - lo < 4 * n
      && sqlite3_prepare_v2 (twins[0], ROSTER_SQL, -1, &readers[0].stmt, NULL) == SQLITE_OK
      && sqlite3_prepare_v2 (twins[1], ROSTER_SQL, -1, &readers[1].stmt, NULL) == SQLITE_OK)
    {
      n_readers = 2;
      for (guint k = 0; k < 2; k++)
        {
          readers[k].twin = twins[k];
          readers[k].lo = lo;
          readers[k].width = BATCH_ROWS;
          readers[k].first = k;
          readers[k].step = 2;
          readers[k].n_blocks = (hi - lo) / BATCH_ROWS + 1;
        }
    }
  else
    {
      for (guint k = 0; k < 2; k++)
        {
          sqlite3_finalize (g_steal_pointer (&readers[k].stmt));
          _sl_store_twin_give (job->store, twins[k]);
        }
      readers[0].stmt = stmt;
      readers[0].first = 0;
      readers[0].step = 1;
      readers[0].n_blocks = 1;
    }

  row = _sl_bulletin_title_rows (job, sheet, G_N_ELEMENTS (headers) - 1, byline);
  _sl_bulletin_header_row (sheet, f, row, headers, G_N_ELEMENTS (headers));
  first = row++;
  for (guint k = 0; k < n_readers; k++)
    {
      _sl_bind_text (readers[k].stmt, 1, as_of);
      sqlite3_bind_int (readers[k].stmt, 2, year);
      sqlite3_bind_int (readers[k].stmt, 3, atoi (as_of));
      sqlite3_bind_int64 (readers[k].stmt, 9, scope);
      reader_start (&readers[k], &stop, N_BATCHES / n_readers);
    }

  /* The blocks in their order, each from its reader; a reader that ends
   * before its block was stopped or failed. */
  {
    gboolean seen_last[2] = { FALSE, FALSE };

    for (gint64 k = 0; k < readers[0].n_blocks && !ended; k++)
      {
        Reader *r = &readers[k % n_readers];

        for (gboolean end = FALSE; !end; )
          {
            Batch *b = g_async_queue_pop (r->full);

            if (b->last)
              {
                seen_last[k % n_readers] = TRUE;
                ended = TRUE;
                g_async_queue_push (r->empty, b);
                break;
              }
            for (guint i = 0; i < b->n && !cancelled; i++)
              {
                write_row (job, sheet, row, row - first, &b->rows[i]);
                row++;
                if (++done % ROWS_PER_CHECK != 0)
                  continue;
                /* A cancel stops the readers too, and waits for their last batch. */
                if (g_cancellable_is_cancelled (job->cancellable))
                  {
                    cancelled = TRUE;
                    g_atomic_int_set (&stop, 1);
                  }
                else if (job->progress)
                  job->progress (0.3 + 0.65 * MIN (1.0, (double) done / MAX (total, 1)), job->progress_data);
              }
            end = b->end_of_block;
            g_async_queue_push (r->empty, b);
          }
      }
    for (guint k = 0; k < n_readers; k++)
      reader_finish (&readers[k], seen_last[k]);
  }
  /* A reader ends before its block only when stopped: by the cancel, or
   * by the other reader's failure, told here. */
  for (guint k = 0; k < n_readers; k++)
    {
      if (!cancelled && !failed_told && readers[k].rc != SQLITE_DONE)
        {
          if (readers[k].twin != NULL)
            _sl_store_set_error (sqlite3_db_filename (readers[k].twin, "main"), readers[k].twin, readers[k].rc, error);
          else
            _sl_store_sql_error (job->store, error);
          failed_told = TRUE;
        }
      if (readers[k].twin != NULL)
        {
          sqlite3_finalize (readers[k].stmt);
          _sl_store_twin_give (job->store, readers[k].twin);
        }
    }
  if (cancelled)
    return !g_cancellable_set_error_if_cancelled (job->cancellable, error);
  if (failed_told)
    return FALSE;
  /* Names, places, tiers and honours wrap in narrow columns: the sheet
   * prints one page wide at 90 % or more, its text at 9 pt or more. */
  for (guint c = 0; c < G_N_ELEMENTS (roster_caps); c++)
    if (roster_caps[c] > 0)
      sl_sheet_cap (sheet, c, roster_caps[c]);
  worksheet_autofilter (sheet->ws, first, 0, MAX (row - 1, first), G_N_ELEMENTS (headers) - 1);
  worksheet_freeze_panes (sheet->ws, first + 1, 3);
  sl_sheet_finish (sheet, first, first);
  return _sl_bulletin_sheet_done (job, sheet, error);
}
