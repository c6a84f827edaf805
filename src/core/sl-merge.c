/* sl-merge.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-merge"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>

#include "sl-certification.h"
#include "sl-certification-private.h"
#include "sl-enterprise.h"
#include "sl-figures.h"
#include "sl-import.h"
#include "sl-ledger.h"
#include "sl-lookup.h"
#include "sl-merge.h"
#include "sl-merge-private.h"
#include "sl-store-private.h"
#include "sl-target.h"
#include "sl-util.h"

/* The other ledger is opened as a ledger (a foreign or newer file is
 * refused as always), read through the core's own loaders, and its ids
 * mapped to ours by jurisdiction code or name and chain name. */

static void
typed_copy_clear (TypedCopy *t)
{
  g_free (t->key);
}

static void
honour_free (SlHonourEntry *h)
{
  g_free (h->key);
  g_free (h->name);
  g_free (h->recorded_on);
  g_free (h);
}

static void
firm_free (Firm *f)
{
  g_clear_pointer (&f->merged, sl_enterprise_free);
  g_clear_pointer (&f->figures, g_array_unref);
  g_clear_pointer (&f->certifications, g_ptr_array_unref);
  g_clear_pointer (&f->honours, g_ptr_array_unref);
  g_free (f);
}

static void
conflict_free (Conflict *c)
{
  g_free (c->public.credit_code);
  g_free (c->public.name);
  g_free (c->public.field);
  g_free (c->public.ours);
  g_free (c->public.theirs);
  g_clear_pointer (&c->cert, sl_certification_free);
  g_free (c);
}

void
sl_merge_plan_free (SlMergePlan *plan)
{
  if (plan == NULL)
    return;
  g_clear_object (&plan->store);
  g_clear_object (&plan->other);
  if (plan->tmpdir != NULL)
    {
      g_autoptr(GDir) d = g_dir_open (plan->tmpdir, 0, NULL);
      const char *name;

      while (d != NULL && (name = g_dir_read_name (d)) != NULL)
        {
          g_autofree char *full = g_build_filename (plan->tmpdir, name, NULL);
          g_unlink (full);
        }
      g_rmdir (plan->tmpdir);
      g_free (plan->tmpdir);
    }
  g_free (plan->source);
  g_clear_pointer (&plan->firms, g_ptr_array_unref);
  g_clear_pointer (&plan->conflicts, g_ptr_array_unref);
  g_clear_pointer (&plan->skipped, g_ptr_array_unref);
  g_clear_pointer (&plan->typed, g_array_unref);
  g_free (plan);
}

GPtrArray *
sl_merge_plan_get_conflicts (SlMergePlan *plan)
{
  return plan->conflicts;
}

/* Their jurisdiction or chain id as ours: by @code (the table's code or
 * key column), else by name. */
gint64
_sl_merge_map_id (SlStore    *ours,
                  SlStore    *theirs,
                  const char *table,
                  const char *code,
                  gint64      id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %2$s, name FROM %1$s WHERE id = ?1", table, code);
  g_autofree char *find = g_strdup_printf ("SELECT id FROM %1$s WHERE (%2$s = ?1 AND ?1 IS NOT NULL) OR name = ?2"
                                           " ORDER BY %2$s = ?1 DESC LIMIT 1", table, code);
  g_autoptr(SlStmt) read = _sl_store_prepare (theirs, sql, NULL);
  g_autoptr(SlStmt) look = _sl_store_prepare (ours, find, NULL);

  if (id == 0 || read == NULL || look == NULL)
    return 0;
  sqlite3_bind_int64 (read, 1, id);
  if (sqlite3_step (read) != SQLITE_ROW)
    return 0;
  _sl_bind_text (look, 1, _sl_column_text (read, 0));
  _sl_bind_text (look, 2, _sl_column_text (read, 1));
  return sqlite3_step (look) == SQLITE_ROW ? sqlite3_column_int64 (look, 0) : 0;
}

static void
add_conflict (SlMergePlan  *plan,
              const SlEnterprise *e,
              ConflictKind  kind,
              int           field,
              const char   *label,
              const char   *ours,
              const char   *theirs)
{
  Conflict *c = g_new0 (Conflict, 1);

  c->public.credit_code = g_strdup (e->credit_code);
  c->public.name = g_strdup (e->name);
  c->public.field = g_strdup (label);
  c->public.ours = g_strdup (ours);
  c->public.theirs = g_strdup (theirs);
  c->kind = kind;
  c->our_id = e->id;
  c->field = field;
  g_ptr_array_add (plan->conflicts, c);
}

/* A certification as the conflict shows it: its days and its document. */
static char *
cert_text (const SlCertification *c)
{
  g_autofree char *from = sl_date_display (c->valid_from);
  g_autofree char *until = c->valid_until ? sl_date_display (c->valid_until) : g_strdup (_("no end date"));

  return c->doc_no && *c->doc_no ? g_strdup_printf ("%s – %s %s", from, until, c->doc_no)
                                 : g_strdup_printf ("%s – %s", from, until);
}

/* Their certification whose days meet one of ours of the same tier: not
 * a second one (the ledger holds a tier once at a time) but a conflict,
 * ours kept unless the clerk takes theirs. Returns whether it was one. */
static gboolean
cert_conflict (SlMergePlan *plan,
               Firm        *firm,
               SlCertification *theirs,
               GPtrArray   *ours)
{
  g_autoptr(SlCertification) t = sl_certification_copy (theirs);
  g_autofree char *label = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  SlCertification *o = NULL;
  Conflict *c;
  gint64 other;

  t->id = 0;
  t->enterprise_id = firm->our_id;
  /* Validation works out the end a held certification's validity gives. */
  if (sl_certification_validate (plan->store, t, NULL))
    return FALSE;
  other = _sl_certification_overlapping (plan->store, t, NULL, NULL, NULL);
  for (guint i = 0; other > 0 && i < ours->len; i++)
    if (((SlCertification *) ours->pdata[i])->id == other)
      o = ours->pdata[i];
  if (o == NULL)
    return FALSE;
  label = g_strdup_printf (_("Certification: %s"), sl_tier_name (t->tier_key, t->tier_key));
  a = cert_text (o);
  b = cert_text (t);
  add_conflict (plan, firm->merged, FIELD_CERTIFICATION, 0, label, a, b);
  c = plan->conflicts->pdata[plan->conflicts->len - 1];
  c->cert = sl_certification_copy (theirs);
  c->our_cert_id = o->id;
  return TRUE;
}

/* The same year's figures, whatever each ledger numbers the firm: the
 * other's id is not a difference (it made every year a conflict). */
static gboolean
same_figures (const SlFigures *ours,
              const SlFigures *theirs)
{
  SlFigures t = *theirs;

  t.enterprise_id = ours->enterprise_id;
  return sl_figures_equal (ours, &t);
}

/* A text field: filled where ours is empty, a conflict where both differ. */
static void
merge_text (SlMergePlan   *plan,
            Firm          *firm,
            SlImportField  field,
            char         **ours,
            const char    *theirs)
{
  if (theirs == NULL || *theirs == '\0' || g_strcmp0 (*ours, theirs) == 0)
    return;
  if (*ours == NULL || **ours == '\0')
    {
      g_free (*ours);
      *ours = g_strdup (theirs);
      firm->fill = TRUE;
      return;
    }
  add_conflict (plan, firm->merged, FIELD_TEXT, field, sl_import_field_header (field), *ours, theirs);
}

static char *
figures_text (const SlFigures *f)
{
  g_autofree char *revenue = f->revenue == SL_UNSET ? g_strdup ("—") : sl_amount_to_wan (f->revenue);
  g_autofree char *rd = f->rd_expense == SL_UNSET ? g_strdup ("—") : sl_amount_to_wan (f->rd_expense);

  /* TRANSLATORS: a year's figures in a merge conflict: revenue and R&D in 10k yuan */
  return g_strdup_printf (_("revenue %s, R&D %s"), revenue, rd);
}

static gboolean
plan_firm (SlMergePlan  *plan,
           gint64        their_id,
           GError      **error)
{
  g_autoptr(SlEnterprise) theirs = sl_enterprise_load (plan->other, their_id, error);
  g_autoptr(GArray) their_figures = NULL;
  g_autoptr(GPtrArray) their_certs = NULL;
  g_autoptr(GPtrArray) our_certs = NULL;
  g_autoptr(GArray) our_figures = NULL;
  g_autoptr(GPtrArray) our_honours = NULL;
  g_autoptr(GPtrArray) their_honours = NULL;
  Firm *firm;
  gint64 jurisdiction;

  if (theirs == NULL)
    return FALSE;
  jurisdiction = _sl_merge_map_id (plan->store, plan->other, "jurisdiction", "code", theirs->jurisdiction_id);
  firm = g_new0 (Firm, 1);
  firm->their_id = their_id;
  firm->our_id = sl_enterprise_find_by_code (plan->store, theirs->credit_code);
  firm->figures = g_array_new (FALSE, FALSE, sizeof (SlFigures));
  firm->certifications = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_certification_free);
  firm->honours = g_ptr_array_new_with_free_func ((GDestroyNotify) honour_free);
  their_figures = sl_figures_list (plan->other, their_id, error);
  their_certs = sl_certification_list (plan->other, their_id, error);
  their_honours = sl_enterprise_list_honours (plan->other, their_id);
  if (their_figures == NULL || their_certs == NULL)
    {
      firm_free (firm);
      return FALSE;
    }

  if (firm->our_id == 0)
    {
      if (jurisdiction == 0)
        {
          g_ptr_array_add (plan->skipped, g_strdup_printf (_("%s %s: its jurisdiction is not one of this ledger"),
                                                           theirs->credit_code, theirs->name));
          firm_free (firm);
          return TRUE;
        }
      firm->merged = sl_enterprise_copy (theirs);
      firm->merged->id = 0;
      firm->merged->jurisdiction_id = jurisdiction;
      firm->merged->chain_id = _sl_merge_map_id (plan->store, plan->other, "industry_chain", "key", theirs->chain_id);
      g_array_append_vals (firm->figures, their_figures->data, their_figures->len);
      while (their_certs->len > 0)
        g_ptr_array_add (firm->certifications, g_ptr_array_steal_index (their_certs, 0));
      plan->n_added++;
    }
  else
    {
      firm->merged = sl_enterprise_load (plan->store, firm->our_id, error);
      if (firm->merged == NULL)
        {
          firm_free (firm);
          return FALSE;
        }
      merge_text (plan, firm, SL_IMPORT_NAME, &firm->merged->name, theirs->name);
      merge_text (plan, firm, SL_IMPORT_CONTACT, &firm->merged->contact, theirs->contact);
      merge_text (plan, firm, SL_IMPORT_PHONE, &firm->merged->phone, theirs->phone);
      merge_text (plan, firm, SL_IMPORT_SPECIALIST, &firm->merged->specialist, theirs->specialist);
      merge_text (plan, firm, SL_IMPORT_MAIN_PRODUCT, &firm->merged->main_product, theirs->main_product);
      if (firm->merged->chain_id == 0 && theirs->chain_id != 0)
        {
          firm->merged->chain_id = _sl_merge_map_id (plan->store, plan->other, "industry_chain", "key", theirs->chain_id);
          firm->fill |= firm->merged->chain_id != 0;
        }

      our_figures = sl_figures_list (plan->store, firm->our_id, error);
      our_certs = sl_certification_list (plan->store, firm->our_id, error);
      if (our_figures == NULL || our_certs == NULL)
        {
          firm_free (firm);
          return FALSE;
        }
      for (guint i = 0; i < their_figures->len; i++)
        {
          SlFigures *t = &g_array_index (their_figures, SlFigures, i);
          SlFigures *o = NULL;

          for (guint j = 0; j < our_figures->len; j++)
            if (g_array_index (our_figures, SlFigures, j).year == t->year)
              o = &g_array_index (our_figures, SlFigures, j);
          if (o == NULL)
            g_array_append_val (firm->figures, *t);
          else if (!same_figures (o, t))
            {
              g_autofree char *label = g_strdup_printf (_("Figures of %d"), t->year);
              g_autofree char *a = figures_text (o);
              g_autofree char *b = figures_text (t);
              Conflict *c;

              add_conflict (plan, firm->merged, FIELD_FIGURES, t->year, label, a, b);
              c = plan->conflicts->pdata[plan->conflicts->len - 1];
              c->figures = *t;
            }
        }
      for (guint i = 0; i < their_certs->len; i++)
        {
          SlCertification *t = their_certs->pdata[i];
          gboolean known = FALSE;

          for (guint j = 0; j < our_certs->len && !known; j++)
            {
              SlCertification *o = our_certs->pdata[j];
              known = g_strcmp0 (o->tier_key, t->tier_key) == 0
                      && g_strcmp0 (o->valid_from, t->valid_from) == 0
                      && g_strcmp0 (o->applied_on, t->applied_on) == 0;
            }
          if (known)
            continue;
          if (!cert_conflict (plan, firm, t, our_certs))
            g_ptr_array_add (firm->certifications, g_ptr_array_steal_index (their_certs, i--));
        }
      our_honours = sl_enterprise_list_honours (plan->store, firm->our_id);
      if (firm->fill || firm->figures->len || firm->certifications->len)
        plan->n_updated++;
    }

  for (guint i = 0; their_honours && i < their_honours->len; i++)
    {
      SlHonourEntry *h = their_honours->pdata[i];
      gboolean known = FALSE;

      for (guint j = 0; our_honours && j < our_honours->len && !known; j++)
        {
          SlHonourEntry *o = our_honours->pdata[j];
          known = g_strcmp0 (o->key, h->key) == 0 && o->year == h->year;
        }
      if (!known)
        {
          SlHonourEntry *copy = g_new0 (SlHonourEntry, 1);

          copy->key = g_strdup (h->key);
          copy->name = g_strdup (h->name);
          copy->year = h->year;
          copy->recorded_on = g_strdup (h->recorded_on);
          g_ptr_array_add (firm->honours, copy);
        }
    }
  g_ptr_array_add (plan->firms, firm);
  return TRUE;
}

/* The other ledger is only ever read: opened read-only, and one of an
 * older format is copied into a folder of its own and migrated there,
 * never in place. */
static SlStore *
open_other (SlMergePlan  *plan,
            const char   *path,
            GError      **error)
{
  g_autofree char *abs = g_canonicalize_filename (path, NULL);
  g_autofree char *copy = NULL;
  g_autofree char *wal = g_strconcat (abs, "-wal", NULL);
  int version = 0;

  if (sl_file_same (abs, sl_store_get_path (plan->store)))
    {
      g_set_error_literal (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_CONFLICT,
                           _("A ledger cannot be merged into itself"));
      return NULL;
    }
  if (!_sl_store_check_file (abs, SL_SCHEMA_VERSION, &version, NULL, error))
    return NULL;
  if (version == SL_SCHEMA_VERSION)
    return sl_ledger_open (abs, SL_STORE_OPEN_READ_ONLY, error);

  plan->tmpdir = g_dir_make_tmp ("sl-merge-XXXXXX", error);
  if (plan->tmpdir == NULL)
    return NULL;
  copy = g_build_filename (plan->tmpdir, "ledger.db", NULL);
  if (!sl_file_copy (abs, copy, error))
    return NULL;
  if (g_file_test (wal, G_FILE_TEST_EXISTS))
    {
      g_autofree char *copy_wal = g_strconcat (copy, "-wal", NULL);

      if (!sl_file_copy (wal, copy_wal, error))
        return NULL;
    }
  return sl_ledger_open (copy, SL_STORE_OPEN_DEFAULT, error);
}

/* The figures a county typed for its own jurisdictions (its clusters, say)
 * come with its firms, where this ledger has none for that year: where it
 * has another value, its own stays and the report says so. One typed for
 * the other ledger as a whole is the other's total, not a jurisdiction's
 * of this one: it stays behind, said too. */
static gboolean
plan_typed (SlMergePlan  *plan,
            GError      **error)
{
  g_autoptr(GError) step_error = NULL;
  g_autoptr(SlStmt) theirs = _sl_store_prepare (plan->other,
    "SELECT t.figure_key, t.jurisdiction_id, t.year, t.value, j.name FROM typed_figure t"
    " LEFT JOIN jurisdiction j ON j.id = t.jurisdiction_id ORDER BY t.year, t.figure_key, t.jurisdiction_id", error);
  g_autoptr(SlStmt) ours = _sl_store_prepare (plan->store,
    "SELECT value FROM typed_figure WHERE figure_key = ?1 AND jurisdiction_id = ?2 AND year = ?3", error);

  if (theirs == NULL || ours == NULL)
    return FALSE;
  while (_sl_step_row (theirs, &step_error))
    {
      const char *key = _sl_column_text (theirs, 0);
      int year = sqlite3_column_int (theirs, 2);
      double value = sqlite3_column_double (theirs, 3);
      const char *place = _sl_column_text (theirs, 4);
      gint64 ours_id = sqlite3_column_type (theirs, 1) == SQLITE_NULL ? 0
                       : _sl_merge_map_id (plan->store, plan->other, "jurisdiction", "code", sqlite3_column_int64 (theirs, 1));
      TypedCopy copy = { NULL, ours_id, year, value };

      if (sqlite3_column_type (theirs, 1) == SQLITE_NULL)
        {
          g_ptr_array_add (plan->skipped, g_strdup_printf (_("Typed figure %s of %d: typed for the other ledger as a whole"), key, year));
          continue;
        }
      if (ours_id == 0)
        {
          g_ptr_array_add (plan->skipped, g_strdup_printf (_("Typed figure %s of %d, %s: its jurisdiction is not one of this ledger"),
                                                           key, year, place ? place : ""));
          continue;
        }
      sqlite3_reset (ours);
      _sl_bind_text (ours, 1, key);
      sqlite3_bind_int64 (ours, 2, ours_id);
      sqlite3_bind_int (ours, 3, year);
      if (sqlite3_step (ours) == SQLITE_ROW)
        {
          if (sqlite3_column_double (ours, 0) != value)
            g_ptr_array_add (plan->skipped, g_strdup_printf (_("Typed figure %s of %d, %s: this ledger has %g, the other %g; this ledger’s stays"),
                                                             key, year, place ? place : "", sqlite3_column_double (ours, 0), value));
          continue;
        }
      copy.key = g_strdup (key);
      g_array_append_val (plan->typed, copy);
    }
  if (step_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&step_error));
      return FALSE;
    }
  return TRUE;
}

/**
 * sl_merge_plan_new:
 * @other_path: the other ledger's file
 *
 * Reads the other ledger and plans the merge; nothing is written yet.
 */
SlMergePlan *
sl_merge_plan_new (SlStore     *store,
                   const char  *other_path,
                   GError     **error)
{
  g_autoptr(GError) step_error = NULL;
  g_autoptr(SlMergePlan) plan = g_new0 (SlMergePlan, 1);
  g_autoptr(SlStmt) ids = NULL;

  plan->store = g_object_ref (store);
  plan->other = open_other (plan, other_path, error);
  if (plan->other == NULL)
    return NULL;
  plan->source = g_strdup (other_path);
  plan->firms = g_ptr_array_new_with_free_func ((GDestroyNotify) firm_free);
  plan->conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) conflict_free);
  plan->skipped = g_ptr_array_new_with_free_func (g_free);
  plan->typed = g_array_new (FALSE, TRUE, sizeof (TypedCopy));
  g_array_set_clear_func (plan->typed, (GDestroyNotify) typed_copy_clear);
  ids = _sl_store_prepare (plan->other, "SELECT id FROM enterprise WHERE deleted_at IS NULL ORDER BY id", error);
  if (ids == NULL)
    return NULL;
  while (_sl_step_row (ids, &step_error))
    if (!plan_firm (plan, sqlite3_column_int64 (ids, 0), error))
      return NULL;
  if (step_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&step_error));
      return NULL;
    }
  if (!plan_typed (plan, error))
    return NULL;
  return g_steal_pointer (&plan);
}

/**
 * sl_merge_plan_report:
 *
 * Returns: (transfer full): what the merge would do, as text
 */
char *
sl_merge_plan_report (SlMergePlan *plan)
{
  g_autoptr(GString) s = g_string_new (NULL);

  g_string_append_printf (s, _("%u enterprises to add, %u to complete, %u conflicts, %u skipped\n"),
                          plan->n_added, plan->n_updated, plan->conflicts->len, plan->skipped->len);
  if (plan->typed->len > 0)
    g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, "%u typed figure of the jurisdictions to add\n",
                                            "%u typed figures of the jurisdictions to add\n", plan->typed->len),
                            plan->typed->len);
  for (guint i = 0; i < plan->conflicts->len; i++)
    {
      SlMergeConflict *c = plan->conflicts->pdata[i];
      g_string_append_printf (s, _("Conflict %u: %s %s, %s: this ledger “%s”, the other “%s” (%s is kept)\n"),
                              i + 1, c->credit_code, c->name, c->field, c->ours, c->theirs,
                              c->take_theirs ? _("the other's") : _("this ledger's"));
    }
  for (guint i = 0; i < plan->skipped->len; i++)
    g_string_append_printf (s, _("Skipped: %s\n"), (char *) plan->skipped->pdata[i]);
  return g_string_free (g_steal_pointer (&s), FALSE);
}
