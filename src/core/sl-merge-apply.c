/* sl-merge-apply.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-merge"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sl-certification.h"
#include "sl-certification-private.h"
#include "sl-import.h"
#include "sl-lookup.h"
#include "sl-merge-private.h"
#include "sl-store-private.h"
#include "sl-target.h"
#include "sl-util.h"

/* The merge written: into one transaction, or a trial of it rolled back.
 * Nothing here changes the plan, so that the dialog can try it at each
 * choice and then merge. */

/* A new firm's moves between the other's jurisdictions, as ours: a past
 * month of this ledger counts it where it was then. */
static gboolean
copy_moves (SlStore      *store,
            SlMergePlan  *plan,
            gint64        their_id,
            gint64        our_id,
            GError      **error)
{
  g_autoptr(GError) step_error = NULL;
  g_autoptr(SlStmt) read = _sl_store_prepare (plan->other,
    "SELECT from_id, to_id, moved_on FROM jurisdiction_move WHERE enterprise_id = ?1 ORDER BY id", error);
  g_autoptr(SlStmt) write = _sl_store_prepare (store,
    "INSERT INTO jurisdiction_move (enterprise_id, from_id, to_id, moved_on) VALUES (?1, ?2, ?3, ?4)", error);

  if (read == NULL || write == NULL)
    return FALSE;
  sqlite3_bind_int64 (read, 1, their_id);
  while (_sl_step_row (read, &step_error))
    {
      gint64 from = _sl_merge_map_id (store, plan->other, "jurisdiction", "code", sqlite3_column_int64 (read, 0));
      gint64 to = _sl_merge_map_id (store, plan->other, "jurisdiction", "code", sqlite3_column_int64 (read, 1));

      /* A jurisdiction this ledger does not know: no place to count it. */
      if (from == 0 || to == 0)
        continue;
      sqlite3_reset (write);
      sqlite3_bind_int64 (write, 1, our_id);
      sqlite3_bind_int64 (write, 2, from);
      sqlite3_bind_int64 (write, 3, to);
      _sl_bind_text (write, 4, _sl_column_text (read, 2));
      if (!_sl_store_step_done (store, write, error))
        return FALSE;
    }
  if (step_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&step_error));
      return FALSE;
    }
  return TRUE;
}

static gboolean
apply_cb (SlStore  *store,
          gpointer  user_data,
          GError  **error)
{
  SlMergePlan *plan = user_data;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) summary = NULL;

  for (guint i = 0; i < plan->firms->len; i++)
    {
      Firm *f = plan->firms->pdata[i];
      /* The record as the choices stand now, on a copy: the plan is left as
       * it was, so that a trial write before this one (the dialog checks at
       * each choice) leaves nothing behind, a choice taken back included. */
      g_autoptr(SlEnterprise) rec = sl_enterprise_copy (f->merged);
      gboolean fill = f->fill;
      gboolean ok;

      for (guint k = 0; f->our_id != 0 && k < plan->conflicts->len; k++)
        {
          Conflict *c = plan->conflicts->pdata[k];
          char **field;

          if (!c->public.take_theirs || c->our_id != f->our_id)
            continue;
          fill = TRUE;
          /* Figures and certifications are saved with the firm below. */
          if (c->kind != FIELD_TEXT)
            continue;
          field = c->field == SL_IMPORT_NAME ? &rec->name : c->field == SL_IMPORT_CONTACT ? &rec->contact
                  : c->field == SL_IMPORT_PHONE ? &rec->phone : c->field == SL_IMPORT_SPECIALIST
                  ? &rec->specialist : &rec->main_product;
          g_free (*field);
          *field = g_strdup (c->public.theirs);
        }
      if (f->our_id == 0)
        rec->id = 0;
      ok = f->our_id == 0 ? sl_enterprise_insert (store, rec, error)
                          : !fill || sl_enterprise_update (store, rec, error);
      if (!ok)
        return FALSE;
      for (guint k = 0; k < f->figures->len; k++)
        {
          SlFigures fig = g_array_index (f->figures, SlFigures, k);
          fig.enterprise_id = rec->id;
          if (!sl_figures_save (store, &fig, error))
            return FALSE;
        }
      /* The other's figures of a year, or its certification in place of
       * ours with the events ours lacks, where the clerk took them. */
      for (guint k = 0; f->our_id != 0 && k < plan->conflicts->len; k++)
        {
          Conflict *c = plan->conflicts->pdata[k];
          g_autoptr(SlCertification) cert = NULL;
          SlFigures fig = c->figures;

          if (c->kind == FIELD_TEXT || !c->public.take_theirs || c->our_id != f->our_id)
            continue;
          if (c->kind == FIELD_FIGURES)
            {
              fig.enterprise_id = f->our_id;
              if (!sl_figures_save (store, &fig, error))
                return FALSE;
              continue;
            }
          cert = sl_certification_copy (c->cert);
          cert->id = c->our_cert_id;
          cert->enterprise_id = f->our_id;
          if (!sl_certification_save (store, cert, error)
              || !_sl_certification_copy_events (store, c->our_cert_id, plan->other, c->cert->id, error))
            {
              g_prefix_error (error, "%s %s: ", rec->credit_code, rec->name);
              return FALSE;
            }
        }
      for (guint k = 0; k < f->certifications->len; k++)
        {
          SlCertification *c = f->certifications->pdata[k];
          gint64 theirs = c->id;
          gint64 ours;
          gboolean saved;

          c->id = 0;
          c->enterprise_id = rec->id;
          saved = sl_certification_save (store, c, error);
          /* The plan keeps the other ledger's id: a trial write before this
           * one must leave it as it found it, or the merge after it would
           * copy the events of whatever certification the trial's id names. */
          ours = c->id;
          c->id = theirs;
          /* Its events come with it: the city's bulletin counts the
           * counties' publications, refusals and re-reviews. */
          if (!saved || !_sl_certification_copy_events (store, ours, plan->other, theirs, error))
            {
              g_prefix_error (error, "%s %s: ", rec->credit_code, rec->name);
              return FALSE;
            }
        }
      if (f->our_id == 0 && !copy_moves (store, plan, f->their_id, rec->id, error))
        return FALSE;
      for (guint k = 0; k < f->honours->len; k++)
        {
          SlHonourEntry *h = f->honours->pdata[k];
          /* Known since the other ledger recorded it, not since the merge. */
          if (!sl_enterprise_add_honour_recorded (store, rec->id, h->key, h->year, h->recorded_on, error))
            return FALSE;
        }
    }

  for (guint i = 0; i < plan->typed->len; i++)
    {
      TypedCopy *t = &g_array_index (plan->typed, TypedCopy, i);

      if (!sl_typed_figure_set (store, t->key, t->jurisdiction_id, t->year, t->value, error))
        return FALSE;
    }

  json_builder_begin_object (b);
  sl_json_add_text (b, "source", plan->source);
  json_builder_set_member_name (b, "added");
  json_builder_add_int_value (b, plan->n_added);
  json_builder_set_member_name (b, "completed");
  json_builder_add_int_value (b, plan->n_updated);
  json_builder_set_member_name (b, "conflicts");
  json_builder_add_int_value (b, plan->conflicts->len);
  json_builder_set_member_name (b, "typed_figures");
  json_builder_add_int_value (b, plan->typed->len);
  json_builder_end_object (b);
  summary = json_builder_get_root (b);
  return sl_store_audit (store, "merge", 0, "merge", NULL, summary, error);
}

static gboolean
trial_cb (SlStore  *store,
          gpointer  user_data,
          GError  **error)
{
  if (!apply_cb (store, user_data, error))
    return FALSE;
  /* Everything it did goes: a check writes nothing. */
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "trial write");
  return FALSE;
}

/**
 * sl_merge_plan_check:
 *
 * The dry run's last step: the merge, with the conflicts chosen as they
 * are now, written inside a transaction that is then rolled back, so
 * that what only the write refuses (a certification overlapping one in
 * this ledger, a constraint) is told before the merge, not by it.
 *
 * Returns: %FALSE, with the reason the merge would fail, if it would
 */
gboolean
sl_merge_plan_check (SlMergePlan  *plan,
                     GError      **error)
{
  g_autoptr(GError) trial_error = NULL;

  if (sl_store_is_read_only (plan->store))
    return sl_store_write (plan->store, apply_cb, plan, error);
  if (sl_store_write (plan->store, trial_cb, plan, &trial_error)
      || g_error_matches (trial_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return TRUE;
  g_propagate_error (error, g_steal_pointer (&trial_error));
  return FALSE;
}

/**
 * sl_merge_apply:
 *
 * Writes the merge in one transaction: on any failure nothing is written.
 */
gboolean
sl_merge_apply (SlMergePlan  *plan,
                GError      **error)
{
  return sl_store_write (plan->store, apply_cb, plan, error);
}
