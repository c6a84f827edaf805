/* sl-bulletin.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-bulletin"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "sl-bulletin-private.h"
#include "sl-enterprise.h"
#include "sl-error.h"
#include "sl-ledger.h"
#include "sl-output.h"
#include "sl-store-private.h"
#include "sl-summary.h"
#include "sl-util.h"

void
sl_bulletin_options_clear (SlBulletinOptions *options)
{
  g_clear_pointer (&options->period, g_free);
  g_clear_pointer (&options->scope, g_free);
  g_clear_pointer (&options->unit, g_free);
  g_clear_pointer (&options->compiler, g_free);
  g_clear_pointer (&options->text, g_free);
}

void
sl_bulletin_record_free (SlBulletinRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->period);
  g_free (record->scope);
  g_free (record->generated_at);
  g_free (record->file);
  g_free (record);
}

/**
 * sl_bulletin_next_issue_no:
 * @scope: (nullable): the jurisdiction, or %NULL for the whole ledger
 *
 * Returns: the number the next bulletin of @period for @scope takes: the
 *   month's own when it was issued before (exported again, it is a
 *   correction of that issue), else the next of the year's
 */
int
sl_bulletin_next_issue_no (SlStore    *store,
                           const char *period,
                           const char *scope)
{
  g_autoptr(SlStmt) stmt = _sl_store_prepare (store,
    "SELECT ifnull ((SELECT issue_no FROM bulletin WHERE period = ?1 AND ifnull (scope, '') = ifnull (?2, '')"
    "                ORDER BY id DESC LIMIT 1),"
    "               (SELECT ifnull (max (issue_no), 0) + 1 FROM bulletin"
    "                WHERE substr (period, 1, 4) = substr (?1, 1, 4) AND ifnull (scope, '') = ifnull (?2, '')))", NULL);

  if (stmt == NULL)
    return 1;
  _sl_bind_text (stmt, 1, period);
  _sl_bind_text (stmt, 2, scope && *scope ? scope : NULL);
  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int (stmt, 0) : 1;
}

/**
 * sl_bulletin_revision_of:
 *
 * Returns: how many times @period's issue @issue_no for @scope was
 *   exported already: 0 for a first issue, else the correction the next
 *   export of it is
 */
int
sl_bulletin_revision_of (SlStore    *store,
                         const char *period,
                         const char *scope,
                         int         issue_no)
{
  g_autoptr(SlStmt) stmt = _sl_store_prepare (store,
    "SELECT count (*) FROM bulletin WHERE period = ?1 AND ifnull (scope, '') = ifnull (?2, '') AND issue_no = ?3", NULL);

  if (stmt == NULL)
    return 0;
  _sl_bind_text (stmt, 1, period);
  _sl_bind_text (stmt, 2, scope && *scope ? scope : NULL);
  sqlite3_bind_int (stmt, 3, issue_no);
  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int (stmt, 0) : 0;
}

/**
 * sl_bulletin_file_name:
 *
 * Returns: (transfer full): the file name proposed for a bulletin,
 *   e.g. 2025年11月专精特新企业培育工作通报.xlsx
 */
char *
sl_bulletin_file_name (const char *period,
                       const char *scope)
{
  int year = 0, month = 0;

  sscanf (period ? period : "", "%d-%d", &year, &month);
  if (scope && *scope)
    /* TRANSLATORS: a bulletin's file name: year, month, jurisdiction */
    return g_strdup_printf (_("%1$d-%2$02d %3$s SRDI cultivation bulletin.xlsx"), year, month, scope);
  /* TRANSLATORS: a bulletin's file name: year and month */
  return g_strdup_printf (_("%1$d-%2$02d SRDI cultivation bulletin.xlsx"), year, month);
}

/* The figures of the last bulletin before @period for the same scope. */
static JsonNode *
previous_figures (SlStore    *store,
                  const char *period,
                  const char *scope)
{
  g_autoptr(SlStmt) stmt = _sl_store_prepare (store,
    "SELECT figures FROM bulletin WHERE period < ?1 AND ifnull (scope, '') = ifnull (?2, '')"
    " ORDER BY period DESC, generated_at DESC LIMIT 1", NULL);

  if (stmt == NULL)
    return NULL;
  _sl_bind_text (stmt, 1, period);
  _sl_bind_text (stmt, 2, scope && *scope ? scope : NULL);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return json_from_string (_sl_column_text (stmt, 0), NULL);
}

static double
setting_double (SlStore    *store,
                const char *key,
                double      fallback)
{
  g_autofree char *value = sl_store_get_setting (store, key);
  return value ? g_ascii_strtod (value, NULL) : fallback;
}

gboolean
_sl_bulletin_sheet_done (SlBulletinJob *job,
                         SlSheet       *sheet,
                         GError       **error)
{
  if (sheet->status != LXW_NO_ERROR)
    {
      g_set_error (error, SL_STORE_ERROR, SL_STORE_ERROR_IO,
                   _("The sheet “%s” could not be written: %s"), sheet->name, lxw_strerror (sheet->status));
      return FALSE;
    }
  return !g_cancellable_set_error_if_cancelled (job->cancellable, error);
}

typedef struct
{
  const SlBulletinOptions *options;
  const char              *file;
  const char              *figures;
  const char              *tmp;        /* the workbook, written whole */
  char                    *kept;       /* a second name of the earlier file, until the commit */
  gboolean                 placed;
  gboolean                 auto_number;
  gint64                   id;
  int                      revision;
} Record;

#define ISSUE_TAKEN 1   /* in G_IO_ERROR_EXISTS's place: another export took the number */

/* A number chosen here is taken when another month of the year has it,
 * and the revision is stale when another export of the same issue was
 * recorded meanwhile: two exports at once must not both be 第8期, nor both
 * the first 第8期. */
static gboolean
issue_taken (SlStore                 *store,
             const SlBulletinOptions *options,
             int                      revision,
             gboolean                 auto_number)
{
  g_autoptr(SlStmt) stmt = _sl_store_prepare (store,
    "SELECT 1 FROM bulletin WHERE substr (period, 1, 4) = substr (?1, 1, 4)"
    " AND ifnull (scope, '') = ifnull (?2, '') AND issue_no = ?3 AND period != ?1", NULL);

  if (stmt == NULL)
    return FALSE;
  _sl_bind_text (stmt, 1, options->period);
  _sl_bind_text (stmt, 2, options->scope && *options->scope ? options->scope : NULL);
  sqlite3_bind_int (stmt, 3, options->issue_no);
  if (auto_number && sqlite3_step (stmt) == SQLITE_ROW)
    return TRUE;
  return sl_bulletin_revision_of (store, options->period, options->scope, options->issue_no) != revision;
}

/* The workbook takes the earlier file's name last, inside the transaction
 * that records it: a refused record leaves the earlier file as it was. The
 * earlier file keeps a second name until the commit, so that a commit that
 * fails can put it back. */
static gboolean
put_in_place (Record  *r,
              GError **error)
{
  if (g_file_test (r->file, G_FILE_TEST_EXISTS))
    {
      r->kept = sl_file_temp_beside (r->file, error);
      if (r->kept == NULL)
        return FALSE;
      g_unlink (r->kept);
      if (link (r->file, r->kept) != 0)
        g_clear_pointer (&r->kept, g_free);
    }
  r->placed = sl_file_replace (r->tmp, r->file, error);
  return r->placed;
}

static gboolean
record_cb (SlStore  *store,
           gpointer  user_data,
           GError  **error)
{
  Record *r = user_data;
  g_autoptr(GDateTime) now = sl_now ();
  g_autofree char *stamp = g_date_time_format_iso8601 (now);
  g_autoptr(SlStmt) stmt = _sl_store_prepare (store,
    "INSERT INTO bulletin (period, scope, issue_no, generated_at, file, figures) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) after = NULL;

  if (stmt == NULL)
    return FALSE;
  /* Numbers and corrections are taken in the order the records are
   * written. */
  if (issue_taken (store, r->options, r->revision, r->auto_number))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, "issue %d is taken", r->options->issue_no);
      return FALSE;
    }
  _sl_bind_text (stmt, 1, r->options->period);
  _sl_bind_text (stmt, 2, r->options->scope && *r->options->scope ? r->options->scope : NULL);
  sqlite3_bind_int (stmt, 3, r->options->issue_no);
  _sl_bind_text (stmt, 4, stamp);
  _sl_bind_text (stmt, 5, r->file);
  _sl_bind_text (stmt, 6, r->figures);
  if (!_sl_store_step_done (store, stmt, error))
    return FALSE;
  r->id = sqlite3_last_insert_rowid (_sl_store_get_db (store));

  json_builder_begin_object (b);
  sl_json_add_text (b, "period", r->options->period);
  sl_json_add_text (b, "scope", r->options->scope);
  json_builder_set_member_name (b, "issue_no");
  json_builder_add_int_value (b, r->options->issue_no);
  json_builder_set_member_name (b, "revision");
  json_builder_add_int_value (b, r->revision);
  sl_json_add_text (b, "file", r->file);
  json_builder_end_object (b);
  after = json_builder_get_root (b);
  /* The unit and the compiler come back in the next bulletin's form. */
  return sl_store_audit (store, "bulletin", r->id, "export", NULL, after, error)
         && _sl_store_put_setting (store, "bulletin_unit", r->options->unit ? r->options->unit : "", error)
         && _sl_store_put_setting (store, "bulletin_compiler", r->options->compiler ? r->options->compiler : "", error)
         && put_in_place (r, error);
}

static GError *
read_only_error (SlStore *store)
{
  g_autofree char *shown = g_filename_display_name (sl_store_get_path (store));

  return g_error_new (SL_STORE_ERROR, SL_STORE_ERROR_READ_ONLY,
                      _("No bulletin can be issued from “%s”: it is open read-only (%s), and a bulletin is numbered and recorded in the ledger."),
                      shown, sl_store_get_read_only_reason (store));
}

/* Below it, the 企业 sheet's query is quicker than its writing. */
#define SL_BULLETIN_READERS_FROM 20000

static gboolean
large_ledger (SlStore *store)
{
  return sl_enterprise_max_id (store) >= SL_BULLETIN_READERS_FROM;
}

/* The workbook of one issue, into @tmp, for @path. */
static gboolean
write_workbook (SlStore                 *store,
                const SlBulletinOptions *opts,
                int                      revision,
                JsonNode                *figures,
                JsonNode                *previous,
                const char              *tmp,
                const char              *path,
                GCancellable            *cancellable,
                SlBulletinProgress       progress,
                gpointer                 user_data,
                GError                 **error)
{
  lxw_workbook_options wb_options = { .constant_memory = LXW_TRUE, .use_zip64 = LXW_TRUE };
  SlBulletinJob job = { 0 };
  gboolean ok;

  job.store = store;
  job.figures = json_node_get_object (figures);
  job.previous = previous && JSON_NODE_HOLDS_OBJECT (previous) ? json_node_get_object (previous) : NULL;
  job.unit = opts->unit && *opts->unit ? opts->unit : json_object_get_string_member_with_default (job.figures, "unit", "");
  job.compiler = opts->compiler;
  job.issue_no = opts->issue_no;
  job.revision = revision;
  job.text = opts->text ? g_strdup (opts->text) : sl_bulletin_summary_text (store, figures);
  job.title = _sl_bulletin_title (job.figures, opts->period);
  job.green_at = setting_double (store, "bulletin_mark_green_at", 1.0);
  job.yellow_at = setting_double (store, "bulletin_mark_yellow_at", 0.6);
  job.cancellable = cancellable;
  job.progress = progress;
  job.progress_data = user_data;

  job.workbook = workbook_new_opt (tmp, &wb_options);
  if (job.workbook == NULL)
    {
      g_set_error (error, SL_STORE_ERROR, SL_STORE_ERROR_IO, _("The workbook could not be created in “%s”"), tmp);
      g_free (job.title);
      g_free (job.text);
      return FALSE;
    }
  sl_xlsx_formats_init (&job.formats, job.workbook);
  _sl_bulletin_set_properties (&job, opts->period);
  {
    gboolean (*sheets[]) (SlBulletinJob *, GError **) = {
      _sl_bulletin_summary_sheet, _sl_bulletin_indicators_sheet, _sl_bulletin_programmes_sheet,
      _sl_bulletin_certifications_sheet, _sl_bulletin_roster_sheet,
    };

    /* The sheets read one state of the ledger; a large one has two more
     * readers at it, for the 企业 sheet (sl-bulletin-roster.c). */
    gboolean began = _sl_store_read_begin_twinned (store, large_ledger (store) ? 2 : 0);

    ok = TRUE;
    /* Each sheet's time, for the benchmark: G_MESSAGES_DEBUG=sl-bulletin. */
    for (guint i = 0; ok && i < G_N_ELEMENTS (sheets); i++)
      {
        gint64 start = g_get_monotonic_time ();
        ok = sheets[i] (&job, error);
        g_debug ("sheet %u: %.3f s", i + 1, (g_get_monotonic_time () - start) / 1e6);
      }
    if (began)
      _sl_store_read_end (store);
  }
  {
    gint64 start = g_get_monotonic_time ();
    /* Closed either way; a sheet's error was told first. */
    if (!sl_xlsx_close (job.workbook, path, LXW_NO_ERROR, ok ? error : NULL))
      ok = FALSE;
    g_debug ("closing the workbook: %.3f s", (g_get_monotonic_time () - start) / 1e6);
  }
  if (ok && g_cancellable_set_error_if_cancelled (cancellable, error))
    ok = FALSE;
  g_free (job.title);
  g_free (job.text);
  return ok;
}

/**
 * sl_bulletin_export:
 * @options: the month, scope, issue number, unit and compiler
 * @figures: (nullable): the figures to issue, e.g. those of an earlier
 *   bulletin exported again; %NULL computes them as --summary does
 * @path: the workbook to write
 * @progress: (nullable): called with the fraction done
 *
 * Writes the bulletin into a temporary file beside @path, then records it
 * with its figures in one audited write, whose last step renames the file
 * into place. On failure or cancellation, a refused record included,
 * nothing is left behind and a file already at @path is as it was. A
 * number chosen here (no @options->issue_no) is taken again when another
 * export took it meanwhile. @path must end in .xlsx and be no database.
 *
 * Returns: the bulletin's record id, or 0 with @error set
 */
gint64
sl_bulletin_export (SlStore                 *store,
                    const SlBulletinOptions *options,
                    JsonNode                *figures,
                    const char              *path,
                    GCancellable            *cancellable,
                    SlBulletinProgress       progress,
                    gpointer                 user_data,
                    GError                 **error)
{
  /* The export's reads through a mapping of the file, until it returns. */
  g_autoptr(SlStoreMapping) mapping = _sl_store_map (store);
  g_autoptr(JsonNode) computed = NULL;
  g_autoptr(JsonNode) previous = NULL;
  g_autofree char *figures_text = NULL;
  const char *formats[] = { ".xlsx", NULL };
  SlBulletinOptions opts = *options;
  gboolean auto_number = options->issue_no <= 0;
  gboolean began;

  if (sl_store_is_read_only (store))
    {
      g_propagate_error (error, read_only_error (store));
      return 0;
    }
  if (!sl_period_parse (options->period, NULL, NULL, error) || !sl_output_check (store, path, formats, error))
    return 0;
  /* The figures and the sheets read one state of the ledger: a change
   * committed between them (in the window, or by another program) is in
   * neither, and the pool's count is the 企业 sheet's. The readers beside
   * serve the summary first, then the 企业 sheet. */
  began = _sl_store_read_begin_twinned (store, large_ledger (store) ? 2 : 0);
  if (figures == NULL)
    {
      gint64 start = g_get_monotonic_time ();

      figures = computed = sl_summary_compute_full (store, options->period, options->scope, options->figures_year, error);
      if (figures == NULL)
        {
          if (began)
            _sl_store_read_end (store);
          return 0;
        }
      g_debug ("the figures: %.3f s", (g_get_monotonic_time () - start) / 1e6);
    }
  if (progress)
    progress (0.2, user_data);
  previous = previous_figures (store, options->period, options->scope);
  figures_text = json_to_string (figures, FALSE);

  /* Another export may take the number meanwhile: then the next one. */
  for (int attempt = 0; ; attempt++)
    {
      g_autoptr(GError) local = NULL;
      g_autofree char *tmp = NULL;
      Record record = { &opts, path, figures_text, NULL, NULL, FALSE, auto_number, 0, 0 };

      if (auto_number)
        opts.issue_no = sl_bulletin_next_issue_no (store, options->period, options->scope);
      record.revision = sl_bulletin_revision_of (store, options->period, options->scope, opts.issue_no);
      tmp = sl_file_temp_beside (path, error);
      if (tmp != NULL
          && !write_workbook (store, &opts, record.revision, figures, previous, tmp, path, cancellable, progress, user_data, error))
        {
          g_unlink (tmp);
          g_clear_pointer (&tmp, g_free);
        }
      /* A workbook written again, for a number taken meanwhile, reads the
       * ledger as it is then. */
      if (began)
        _sl_store_read_end (store);
      began = FALSE;
      if (tmp == NULL)
        return 0;
      record.tmp = tmp;
      if (sl_store_write (store, record_cb, &record, &local))
        {
          if (record.kept != NULL)
            g_unlink (record.kept);
          g_free (record.kept);
          if (progress)
            progress (1.0, user_data);
          return record.id;
        }
      /* Not recorded: the earlier file goes back under its name. */
      if (record.placed && record.kept != NULL)
        g_rename (record.kept, path);
      else if (record.placed)
        g_unlink (path);
      else if (record.kept != NULL)
        g_unlink (record.kept);
      g_free (record.kept);
      g_unlink (tmp);
      if (!(attempt < 5 && g_error_matches (local, G_IO_ERROR, G_IO_ERROR_EXISTS)))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return 0;
        }
    }
}

/**
 * sl_bulletin_list:
 *
 * Returns: (transfer full) (element-type SlBulletinRecord): the bulletins
 *   issued, the latest first
 */
GPtrArray *
sl_bulletin_list (SlStore  *store,
                  GError  **error)
{
  g_autoptr(GError) step_error = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_bulletin_record_free);
  g_autoptr(SlStmt) stmt = _sl_store_prepare (store,
    "SELECT id, period, scope, issue_no, generated_at, file,"
    " row_number () OVER (PARTITION BY period, ifnull (scope, ''), issue_no ORDER BY id) - 1"
    " FROM bulletin ORDER BY generated_at DESC, id DESC", error);

  if (stmt == NULL)
    return NULL;
  while (_sl_step_row (stmt, &step_error))
    {
      SlBulletinRecord *r = g_new0 (SlBulletinRecord, 1);

      r->id = sqlite3_column_int64 (stmt, 0);
      r->period = g_strdup (_sl_column_text (stmt, 1));
      r->scope = g_strdup (_sl_column_text (stmt, 2));
      r->issue_no = sqlite3_column_int (stmt, 3);
      r->generated_at = g_strdup (_sl_column_text (stmt, 4));
      r->file = g_strdup (_sl_column_text (stmt, 5));
      r->revision = sqlite3_column_int (stmt, 6);
      g_ptr_array_add (list, r);
    }
  if (step_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&step_error));
      return NULL;
    }
  return g_steal_pointer (&list);
}

/**
 * sl_bulletin_load_figures:
 * @out_options: (out) (optional): the bulletin's month, scope and number
 *
 * Returns: (transfer full): the figures a bulletin was issued with
 */
JsonNode *
sl_bulletin_load_figures (SlStore            *store,
                          gint64              id,
                          SlBulletinOptions  *out_options,
                          GError            **error)
{
  g_autoptr(SlStmt) stmt = _sl_store_prepare (store,
    "SELECT figures, period, scope, issue_no FROM bulletin WHERE id = ?1", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, SL_STORE_ERROR, SL_STORE_ERROR_NOT_FOUND, _("The bulletin is not in the ledger"));
      return NULL;
    }
  if (out_options != NULL)
    {
      out_options->period = g_strdup (_sl_column_text (stmt, 1));
      out_options->scope = g_strdup (_sl_column_text (stmt, 2));
      out_options->issue_no = sqlite3_column_int (stmt, 3);
    }
  return json_from_string (_sl_column_text (stmt, 0), error);
}

typedef struct
{
  char               *ledger;
  SlBulletinOptions   options;
  gint64              again_id;
  char               *path;
  SlBulletinProgress  progress;
  gpointer            progress_data;
  GMainContext       *context;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_free (job->ledger);
  sl_bulletin_options_clear (&job->options);
  g_free (job->path);
  g_main_context_unref (job->context);
  g_free (job);
}

typedef struct
{
  SlBulletinProgress  progress;
  gpointer            data;
  double              fraction;
} ProgressCall;

static gboolean
progress_idle (gpointer user_data)
{
  ProgressCall *call = user_data;

  call->progress (call->fraction, call->data);
  return G_SOURCE_REMOVE;
}

/* From the worker to the caller's thread. */
static void
progress_from_thread (double   fraction,
                      gpointer user_data)
{
  ExportJob *job = user_data;
  ProgressCall *call = g_new0 (ProgressCall, 1);

  call->progress = job->progress;
  call->data = job->progress_data;
  call->fraction = fraction;
  g_main_context_invoke_full (job->context, G_PRIORITY_DEFAULT, progress_idle, call, g_free);
}

static void
export_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  g_autoptr(SlStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) figures = NULL;
  gint64 id;

  /* A connection of its own: the window's stays free while a large
   * ledger is counted and written. */
  store = sl_ledger_open (job->ledger, SL_STORE_OPEN_WORKER, &error);
  if (store != NULL && job->again_id > 0)
    {
      SlBulletinOptions stored = { 0 };

      figures = sl_bulletin_load_figures (store, job->again_id, &stored, &error);
      if (figures != NULL)
        {
          g_free (job->options.period);
          g_free (job->options.scope);
          job->options.period = g_steal_pointer (&stored.period);
          job->options.scope = g_steal_pointer (&stored.scope);
          if (job->options.issue_no <= 0)
            job->options.issue_no = stored.issue_no;
        }
      sl_bulletin_options_clear (&stored);
    }
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  id = sl_bulletin_export (store, &job->options, figures, job->path, cancellable,
                           job->progress ? progress_from_thread : NULL, job, &error);
  if (id == 0)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_int (task, id);
}

/**
 * sl_bulletin_export_async:
 * @again_id: a bulletin to export again with the figures it was issued
 *   with, or 0 for new figures per @options
 * @progress: (nullable): called in the caller's thread with the fraction done
 *
 * sl_bulletin_export() in a worker thread on its own connection to the
 * ledger's file.
 */
void
sl_bulletin_export_async (SlStore                 *store,
                          const SlBulletinOptions *options,
                          gint64                   again_id,
                          const char              *path,
                          GCancellable            *cancellable,
                          SlBulletinProgress       progress,
                          gpointer                 user_data,
                          GAsyncReadyCallback      callback,
                          gpointer                 callback_data)
{
  g_autoptr(GTask) task = g_task_new (store, cancellable, callback, callback_data);
  ExportJob *job = NULL;

  /* A bulletin is issued: numbered and recorded in the ledger. */
  if (sl_store_is_read_only (store))
    {
      g_task_return_error (task, read_only_error (store));
      return;
    }
  job = g_new0 (ExportJob, 1);

  g_task_set_source_tag (task, sl_bulletin_export_async);
  job->ledger = g_strdup (sl_store_get_path (store));
  job->options.period = g_strdup (options->period);
  job->options.scope = g_strdup (options->scope);
  job->options.issue_no = options->issue_no;
  job->options.figures_year = options->figures_year;
  job->options.unit = g_strdup (options->unit);
  job->options.compiler = g_strdup (options->compiler);
  job->options.text = g_strdup (options->text);
  job->again_id = again_id;
  job->path = g_strdup (path);
  job->progress = progress;
  job->progress_data = user_data;
  job->context = g_main_context_ref_thread_default ();
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  g_task_run_in_thread (task, export_thread);
}

/**
 * sl_bulletin_export_finish:
 *
 * Returns: the bulletin's record id, or 0 with @error set
 *   (%G_IO_ERROR_CANCELLED when cancelled)
 */
gint64
sl_bulletin_export_finish (GAsyncResult  *result,
                           GError       **error)
{
  gssize id = g_task_propagate_int (G_TASK (result), error);
  return id < 0 ? 0 : id;
}

typedef struct
{
  char *ledger;
  char *period;
  char *scope;
} PreviewJob;

static void
preview_job_free (PreviewJob *job)
{
  g_free (job->ledger);
  g_free (job->period);
  g_free (job->scope);
  g_free (job);
}

static void
preview_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  PreviewJob *job = task_data;
  g_autoptr(SlStore) store = sl_ledger_open (job->ledger, SL_STORE_OPEN_WORKER | SL_STORE_OPEN_READ_ONLY, NULL);
  g_autoptr(GError) error = NULL;
  JsonNode *figures;

  if (store == NULL)
    store = g_object_ref (source);
  figures = sl_summary_compute (store, job->period, job->scope, &error);
  if (figures == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else if (!g_task_return_error_if_cancelled (task))
    g_task_return_pointer (task, figures, (GDestroyNotify) json_node_unref);
  else
    json_node_unref (figures);
}

/**
 * sl_bulletin_preview_async:
 * @scope: (nullable): a jurisdiction, or %NULL for the whole ledger
 *
 * The figures a bulletin would carry, as --summary computes them, in a
 * worker on its own connection (an in-memory ledger is counted at once).
 */
void
sl_bulletin_preview_async (SlStore             *store,
                           const char          *period,
                           const char          *scope,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (store, cancellable, callback, user_data);
  const char *path = sl_store_get_path (store);
  PreviewJob *job;

  g_task_set_source_tag (task, sl_bulletin_preview_async);
  if (path == NULL || g_str_equal (path, ":memory:"))
    {
      g_autoptr(GError) error = NULL;
      JsonNode *figures = sl_summary_compute (store, period, scope, &error);

      if (figures == NULL)
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_pointer (task, figures, (GDestroyNotify) json_node_unref);
      return;
    }
  job = g_new0 (PreviewJob, 1);
  job->ledger = g_strdup (path);
  job->period = g_strdup (period);
  job->scope = g_strdup (scope);
  g_task_set_task_data (task, job, (GDestroyNotify) preview_job_free);
  g_task_run_in_thread (task, preview_thread);
}

/**
 * sl_bulletin_preview_finish:
 *
 * Returns: (transfer full) (nullable): the figures, or %NULL with @error
 */
JsonNode *
sl_bulletin_preview_finish (GAsyncResult  *result,
                            GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}
