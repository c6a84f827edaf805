/* sl-import-apply.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>

#include "sl-certification.h"
#include "sl-enterprise.h"
#include "sl-figures.h"
#include "sl-import-private.h"
#include "sl-pipeline.h"
#include "sl-roster.h"
#include "sl-store-private.h"
#include "sl-util.h"

/* Writing an import: what each row changed is kept (table import_undo, a
 * stack) so that Undo (sl-import-undo.c) puts back exactly what was. Only
 * the newest imports are kept undoable: each record holds every row it
 * changed, and a ledger should not grow by a copy of every roster. */

#define UNDO_KEPT 10

typedef struct
{
  SlImportPlan *plan;
  gboolean      skip_bad_rows;
  guint         added;
  guint         updated;
  guint         skipped;     /* rows refused only when written */
  gboolean      trial;       /* rolled back: no undo record to keep */
} Apply;

gint64
_sl_import_next_audit_id (SlStore *store)
{
  g_autoptr(SlStmt) stmt = _sl_store_prepare (store, "SELECT ifnull (max (id), 0) + 1 FROM audit_log", NULL);

  return stmt && sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
}

typedef struct
{
  SlImportRow *row;
  JsonBuilder *undo;
} RowWrite;

/* The fields an import can touch, as they were. */
static void
remember_before (JsonBuilder        *b,
                 const SlEnterprise *e,
                 const SlFigures    *f,
                 gboolean            had_figures)
{
  json_builder_set_member_name (b, "enterprise");
  json_builder_begin_object (b);
  sl_json_add_text (b, "name", e->name);
  json_builder_set_member_name (b, "jurisdiction_id");
  json_builder_add_int_value (b, e->jurisdiction_id);
  json_builder_set_member_name (b, "chain_id");
  json_builder_add_int_value (b, e->chain_id);
  sl_json_add_text (b, "contact", e->contact);
  sl_json_add_text (b, "phone", e->phone);
  sl_json_add_text (b, "specialist", e->specialist);
  sl_json_add_text (b, "main_product", e->main_product);
  json_builder_end_object (b);
  if (f == NULL)
    return;
  json_builder_set_member_name (b, "figures");
  json_builder_add_value (b, sl_figures_to_json (f));
  json_builder_set_member_name (b, "figures_existed");
  json_builder_add_boolean_value (b, had_figures);
}

/* A row of a firm in the ledger; the new ones are written together, in
 * sl-import-bulk.c. */
static gboolean
write_row (SlStore      *store,
           SlImportRow  *r,
           JsonBuilder  *undo,
           GError      **error)
{
  g_autoptr(SlEnterprise) e = sl_enterprise_load (store, r->existing_id, error);
  g_autoptr(GArray) figures = NULL;
  g_autofree char *today = sl_today ();
  SlFigures f;
  gboolean had_figures = FALSE;

  if (e == NULL)
    return FALSE;
  json_builder_begin_object (undo);
  sl_figures_init (&f, r->existing_id, r->year);
  figures = sl_figures_list (store, r->existing_id, error);
  if (figures == NULL)
    return FALSE;
  for (guint i = 0; i < figures->len; i++)
    if (g_array_index (figures, SlFigures, i).year == r->year)
      {
        f = g_array_index (figures, SlFigures, i);
        had_figures = TRUE;
      }
  json_builder_set_member_name (undo, "id");
  json_builder_add_int_value (undo, r->existing_id);
  remember_before (undo, e, r->year ? &f : NULL, had_figures);

#define TAKE(field) if (r->field) { g_free (e->field); e->field = g_strdup (r->field); }
  TAKE (name);
  TAKE (contact);
  TAKE (phone);
  TAKE (specialist);
  TAKE (main_product);
#undef TAKE
  if (r->jurisdiction_id)
    e->jurisdiction_id = r->jurisdiction_id;
  if (r->chain_id)
    e->chain_id = r->chain_id;
  if (!sl_enterprise_update (store, e, error))
    return FALSE;

  if (r->year > 0)
    {
      f.enterprise_id = e->id;
      f.year = r->year;
      _sl_import_row_take_figures (r, &f);
      if (!sl_figures_save (store, &f, error))
        return FALSE;
    }

  json_builder_set_member_name (undo, "certifications");
  json_builder_begin_array (undo);
  if (r->tier_key != NULL && r->add_certification)
    {
      g_autoptr(SlCertification) c = _sl_import_row_certification (r, sl_pipeline_rule_version_on (store, r->certified_on));

      c->enterprise_id = e->id;
      if (!sl_certification_save (store, c, error))
        return FALSE;
      json_builder_add_int_value (undo, c->id);
    }
  json_builder_end_array (undo);

  json_builder_set_member_name (undo, "honours");
  json_builder_begin_array (undo);
  {
    const struct { int wanted; const char *key; } honours[] = { { r->high_tech, "high_tech" }, { r->tech_sme, "tech_sme" } };
    int year = r->year ? r->year : atoi (today);

    for (guint i = 0; i < G_N_ELEMENTS (honours); i++)
      {
        g_autoptr(SlStmt) has = NULL;

        if (honours[i].wanted != 1)
          continue;
        has = _sl_store_prepare (store, "SELECT 1 FROM enterprise_honour WHERE enterprise_id = ?1 AND honour_key = ?2", error);
        if (has == NULL)
          return FALSE;
        sqlite3_bind_int64 (has, 1, e->id);
        _sl_bind_text (has, 2, honours[i].key);
        if (sqlite3_step (has) == SQLITE_ROW)
          continue;
        if (!sl_enterprise_add_honour (store, e->id, honours[i].key, year, error))
          return FALSE;
        json_builder_begin_object (undo);
        sl_json_add_text (undo, "key", honours[i].key);
        json_builder_set_member_name (undo, "year");
        json_builder_add_int_value (undo, year);
        json_builder_end_object (undo);
      }
  }
  json_builder_end_array (undo);
  json_builder_end_object (undo);
  return TRUE;
}

static gboolean
write_row_cb (SlStore  *store,
              gpointer  user_data,
              GError  **error)
{
  RowWrite *w = user_data;
  return write_row (store, w->row, w->undo, error);
}

/* A row the ledger refuses when it is written (a rule the reading could
 * not see) is, with skip_bad_rows, refused like the others: its own
 * savepoint is rolled back and the import goes on. */
static void
refuse_at_write (Apply        *a,
                 SlImportRow  *r,
                 const GError *row_error)
{
  SlImportProblem *p = g_new0 (SlImportProblem, 1);
  guint at = a->plan->problems->len;

  p->row = r->row;
  p->reason = g_strdup (row_error->message);
  /* Problems stay in row order: the count of refused rows relies on it. */
  while (at > 0 && ((SlImportProblem *) a->plan->problems->pdata[at - 1])->row > r->row)
    at--;
  g_ptr_array_insert (a->plan->problems, (gint) at, p);
  a->skipped++;
}

/* Returns: %FALSE with @error when the row's refusal ends the import */
static gboolean
refuse_or_fail (Apply         *a,
                SlImportRow   *r,
                const GError  *row_error,
                GError       **error)
{
  if (a->skip_bad_rows && row_error->domain == SL_VALIDATION_ERROR)
    {
      refuse_at_write (a, r, row_error);
      return TRUE;
    }
  g_set_error (error, row_error->domain, row_error->code, _("Row %u: %s"), r->row, row_error->message);
  return FALSE;
}

static gboolean
apply_cb (SlStore  *store,
          gpointer  user_data,
          GError  **error)
{
  Apply *a = user_data;
  g_autoptr(JsonNode) summary = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GDateTime) now = sl_now ();
  g_autofree char *stamp = g_date_time_format_iso8601 (now);
  /* Each row's undo kept as text at once: held as JSON nodes, those of
   * 100,000 rows took 160 MB. */
  g_autoptr(GString) rows = g_string_new ("[");
  gint64 first_audit = _sl_import_next_audit_id (store);

  g_autoptr(SlImportBulk) bulk = _sl_import_bulk_new (store, error);

  if (bulk == NULL)
    return FALSE;
  /* The new firms first, together: their ids are the ledger's next. */
  for (guint i = 0; i < a->plan->parsed->len; i++)
    {
      SlImportRow *r = a->plan->parsed->pdata[i];
      g_autoptr(GError) row_error = NULL;

      if (r->existing_id || _sl_import_bulk_stage (bulk, r, &row_error))
        continue;
      if (!refuse_or_fail (a, r, row_error, error))
        return FALSE;
    }
  if (!_sl_import_bulk_write (bulk, error))
    return FALSE;
  a->added += _sl_import_bulk_get_n_firms (bulk);
  if (!a->trial)
    g_string_append (rows, _sl_import_bulk_get_undo (bulk));

  _sl_roster_defer_reindex (store);
  for (guint i = 0; i < a->plan->parsed->len; i++)
    {
      SlImportRow *r = a->plan->parsed->pdata[i];
      g_autoptr(GError) row_error = NULL;
      g_autoptr(JsonBuilder) rb = NULL;
      RowWrite w = { r, NULL };

      if (!r->existing_id)
        continue;
      w.undo = rb = json_builder_new ();
      /* Nested: the row in a savepoint of its own. */
      if (!sl_store_write (store, write_row_cb, &w, &row_error))
        {
          if (!refuse_or_fail (a, r, row_error, error))
            {
              g_object_set_data (G_OBJECT (store), "sl-reindex-deferred", NULL);
              return FALSE;
            }
          continue;
        }
      if (!a->trial)
        {
          JsonNode *one = json_builder_get_root (rb);
          g_autofree char *one_text = json_to_string (one, FALSE);

          json_node_unref (one);
          if (rows->len > 1)
            g_string_append_c (rows, ',');
          g_string_append (rows, one_text);
        }
      a->updated++;
    }
  g_string_append_c (rows, ']');
  if (!_sl_roster_reindex_deferred (store, error))
    return FALSE;

  {
    g_autoptr(JsonBuilder) s = json_builder_new ();
    json_builder_begin_object (s);
    sl_json_add_text (s, "source", a->plan->source);
    json_builder_set_member_name (s, "added");
    json_builder_add_int_value (s, a->added);
    json_builder_set_member_name (s, "updated");
    json_builder_add_int_value (s, a->updated);
    json_builder_set_member_name (s, "refused");
    json_builder_add_int_value (s, sl_import_plan_n_refused (a->plan));
    json_builder_end_object (s);
    summary = json_builder_get_root (s);
  }
  if (!sl_store_audit (store, "import", 0, "import", NULL, summary, error))
    return FALSE;
  /* An import that changed nothing leaves the undo of the last one that did. */
  if (a->added + a->updated == 0 || a->trial)
    return TRUE;
  {
    g_autoptr(JsonBuilder) b = json_builder_new ();
    g_autoptr(JsonNode) head = NULL;
    g_autofree char *head_text = NULL;

    json_builder_begin_object (b);
    sl_json_add_text (b, "source", a->plan->source);
    sl_json_add_text (b, "at", stamp);
    json_builder_set_member_name (b, "firms");
    json_builder_add_int_value (b, a->added + a->updated);
    json_builder_end_object (b);
    head = json_builder_get_root (b);
    head_text = json_to_string (head, FALSE);
    /* {"source":…,"firms":N} and the rows: {"source":…,"firms":N,"rows":[…]} */
    text = g_strdup_printf ("%.*s,\"rows\":%s}", (int) strlen (head_text) - 1, head_text, rows->str);
  }
  {
    g_autoptr(SlStmt) stmt = _sl_store_prepare (store,
      "INSERT INTO import_undo (at, source, firms, first_audit, last_audit, record) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);

    if (stmt == NULL)
      return FALSE;
    _sl_bind_text (stmt, 1, stamp);
    _sl_bind_text (stmt, 2, a->plan->source);
    sqlite3_bind_int64 (stmt, 3, a->added + a->updated);
    sqlite3_bind_int64 (stmt, 4, first_audit);
    /* The import's summary row, the last it audited. */
    sqlite3_bind_int64 (stmt, 5, sqlite3_last_insert_rowid (_sl_store_get_db (store)));
    _sl_bind_text (stmt, 6, text);
    if (!_sl_store_step_done (store, stmt, error))
      return FALSE;
  }
  /* The oldest undoable ones beyond UNDO_KEPT go, and with them the
   * ranges of undone imports that only they needed. */
  return _sl_store_exec (store,
    "DELETE FROM import_undo WHERE undone_at IS NULL AND id NOT IN"
    " (SELECT id FROM import_undo WHERE undone_at IS NULL ORDER BY id DESC LIMIT " G_STRINGIFY (UNDO_KEPT) ");"
    "DELETE FROM import_undo WHERE undone_at IS NOT NULL"
    " AND id < (SELECT ifnull (min (id), 0) FROM import_undo WHERE undone_at IS NULL);", error);
}

static gboolean
trial_cb (SlStore  *store,
          gpointer  user_data,
          GError  **error)
{
  Apply *a = user_data;

  if (!apply_cb (store, a, error))
    return FALSE;
  /* Everything it did goes: the dry run writes nothing. */
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "trial write");
  return FALSE;
}

/**
 * _sl_import_trial_write:
 *
 * The dry run's last step: the import written for real inside a
 * transaction that is then rolled back, so that every rule only the
 * write sees (a certification overlapping one in the ledger, a constraint)
 * refuses its row in the dry run, not at row 60 of the import. The rows it
 * refuses leave the plan's rows and actions.
 */
void
_sl_import_trial_write (SlImportPlan *plan)
{
  g_autoptr(GError) error = NULL;
  Apply a = { plan, TRUE, 0, 0, 0, TRUE };

  if (plan->parsed->len == 0 || sl_store_is_read_only (plan->store))
    return;
  /* Always rolled back: trial_cb ends with a "cancelled" error. */
  _sl_store_write_bulk (plan->store, trial_cb, &a, &error);
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_debug ("the dry run's trial write did not run: %s", error->message);
      return;
    }
  if (a.skipped > 0)
    _sl_import_prune_refused (plan);
}

/* The rows refused leave the plan's rows and actions, in one pass. */
void
_sl_import_prune_refused (SlImportPlan *plan)
{
  g_autoptr(GHashTable) refused = g_hash_table_new (NULL, NULL);
  guint kept = 0;

  for (guint i = 0; i < plan->problems->len; i++)
    g_hash_table_add (refused, GUINT_TO_POINTER (((SlImportProblem *) plan->problems->pdata[i])->row));
  /* Compacted in place, each refused row freed once, the others moved. */
  g_ptr_array_set_free_func (plan->parsed, NULL);
  for (guint k = 0; k < plan->parsed->len; k++)
    {
      SlImportRow *r = plan->parsed->pdata[k];

      if (g_hash_table_contains (refused, GUINT_TO_POINTER (r->row)))
        _sl_import_row_free (r);
      else
        plan->parsed->pdata[kept++] = r;
    }
  g_ptr_array_set_size (plan->parsed, kept);
  g_ptr_array_set_free_func (plan->parsed, (GDestroyNotify) _sl_import_row_free);
  for (guint k = 0; k < plan->actions->len; k++)
    if (g_hash_table_contains (refused, GUINT_TO_POINTER (((SlImportAction *) plan->actions->pdata[k])->row)))
      g_ptr_array_remove_index (plan->actions, k--);
}

/* The trial and the import in one write: every row in a savepoint of its
 * own, and unless refused rows are skipped, none written when the write
 * refused one. */
static gboolean
apply_whole_cb (SlStore  *store,
                gpointer  user_data,
                GError  **error)
{
  Apply *a = user_data;

  if (!apply_cb (store, a, error))
    return FALSE;
  if (a->skipped > 0 && !a->plan->skip_requested)
    {
      g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_CONFLICT,
                   g_dngettext (GETTEXT_PACKAGE, "%u row is refused: nothing was imported",
                                "%u rows are refused: nothing was imported", sl_import_plan_n_refused (a->plan)),
                   sl_import_plan_n_refused (a->plan));
      return FALSE;
    }
  return TRUE;
}

/**
 * sl_import_apply:
 * @skip_bad_rows: write the good rows even when others were refused
 *
 * Writes the checked rows in one transaction, each change with its audit
 * row. Refuses to write anything while a row is refused, unless
 * @skip_bad_rows.
 */
gboolean
sl_import_apply (SlImportPlan  *plan,
                 gboolean       skip_bad_rows,
                 GError       **error)
{
  Apply a = { plan, skip_bad_rows, 0, 0, 0, FALSE };

  if (!plan->ready)
    return sl_import_plan_check (plan, error) && sl_import_apply (plan, skip_bad_rows, error);
  if (plan->trial_at_apply)
    {
      gboolean ok;

      plan->trial_at_apply = FALSE;
      _sl_import_plan_let_go_of_file (plan);
      if (plan->problems->len > 0 && !skip_bad_rows)
        /* Refused as a whole: the trial completes the list of why. */
        _sl_import_trial_write (plan);
      else
        {
          a.skip_bad_rows = TRUE;
          plan->skip_requested = skip_bad_rows;
          ok = _sl_store_write_bulk (plan->store, apply_whole_cb, &a, error);
          if (a.skipped > 0)
            _sl_import_prune_refused (plan);
          return ok;
        }
    }
  if (plan->problems->len > 0 && !skip_bad_rows)
    {
      g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_CONFLICT,
                   g_dngettext (GETTEXT_PACKAGE, "%u row is refused: nothing was imported",
                                "%u rows are refused: nothing was imported", sl_import_plan_n_refused (plan)),
                   sl_import_plan_n_refused (plan));
      return FALSE;
    }
  return _sl_store_write_bulk (plan->store, apply_cb, &a, error);
}
