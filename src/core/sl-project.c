/* sl-project.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-project"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sl-plan.h"
#include "sl-project.h"
#include "sl-project-private.h"
#include "sl-store-private.h"
#include "sl-summary.h"
#include "sl-util.h"

void
sl_project_free (SlProject *self)
{
  if (self == NULL)
    return;
  g_free (self->key);
  g_free (self->kind);
  g_free (self->title);
  g_free (self->responsible);
  g_free (self->tier_key);
  g_free (self);
}

SlChecklistItem *
sl_checklist_item_new (void)
{
  SlChecklistItem *self = g_new0 (SlChecklistItem, 1);

  self->position = -1;
  self->target_value = NAN;
  self->current_value = NAN;
  return self;
}

SlChecklistItem *
sl_checklist_item_copy (const SlChecklistItem *self)
{
  SlChecklistItem *copy = g_memdup2 (self, sizeof *self);

  copy->title = g_strdup (self->title);
  copy->responsible = g_strdup (self->responsible);
  copy->due_on = g_strdup (self->due_on);
  copy->metric_key = g_strdup (self->metric_key);
  copy->unit = g_strdup (self->unit);
  copy->done_on = g_strdup (self->done_on);
  copy->note = g_strdup (self->note);
  copy->comparison = g_strdup (self->comparison);
  return copy;
}

void
sl_checklist_item_free (SlChecklistItem *self)
{
  if (self == NULL)
    return;
  g_free (self->title);
  g_free (self->responsible);
  g_free (self->due_on);
  g_free (self->metric_key);
  g_free (self->unit);
  g_free (self->done_on);
  g_free (self->note);
  g_free (self->comparison);
  g_free (self);
}

static char *
dup_text (SlStmt *stmt,
          int     col)
{
  return g_strdup (_sl_column_text (stmt, col));
}

static double
column_double (SlStmt *stmt,
               int     col)
{
  return sqlite3_column_type (stmt, col) == SQLITE_NULL ? NAN : sqlite3_column_double (stmt, col);
}

static GPtrArray *
list_projects (SlStore     *store,
               const char  *kind,
               gint64       enterprise_id,
               int          year,
               GError     **error);

/**
 * sl_project_list:
 * @kind: (nullable): `programme`, `dossier` or `custom`, or %NULL for all
 *
 * Returns: (transfer full) (element-type SlProject): programmes first, then
 *   dossiers, then the county's own, each with its progress
 */
GPtrArray *
sl_project_list (SlStore     *store,
                 const char  *kind,
                 GError     **error)
{
  g_autofree char *today = sl_today ();

  return list_projects (store, kind, 0, atoi (today), error);
}

/**
 * sl_project_list_in_year:
 * @year: the programmes' year: those of the plan in force then
 *
 * As sl_project_list(), for a bulletin of @year.
 *
 * Returns: (transfer full) (element-type SlProject): the projects
 */
GPtrArray *
sl_project_list_in_year (SlStore     *store,
                         const char  *kind,
                         int          year,
                         GError     **error)
{
  return list_projects (store, kind, 0, year, error);
}

/**
 * sl_project_list_for_enterprise:
 *
 * Returns: (transfer full) (element-type SlProject): the firm's dossiers
 */
GPtrArray *
sl_project_list_for_enterprise (SlStore  *store,
                                gint64    enterprise_id,
                                GError  **error)
{
  return list_projects (store, "dossier", enterprise_id, 0, error);
}

/* @year: a plan's programmes only in its years (0: every year). */
static GPtrArray *
list_projects (SlStore     *store,
               const char  *kind,
               gint64       enterprise_id,
               int          year,
               GError     **error)
{
  g_autoptr(GError) step_error = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_project_free);
  g_autoptr(SlStmt) stmt = _sl_store_prepare (store,
    "SELECT p.id, p.key, p.kind, p.title, p.responsible, ifnull (p.enterprise_id, 0), p.tier_key,"
    " count (c.id), count (c.done_on)"
    " FROM project p LEFT JOIN checklist_item c ON c.project_id = p.id"
    " WHERE (?1 IS NULL OR p.kind = ?1) AND (?2 = 0 OR p.enterprise_id = ?2)"
    " AND (?3 = 0 OR" SL_IN_PLAN_YEAR ("?3") ")"
    " GROUP BY p.id"
    " ORDER BY CASE p.kind WHEN 'programme' THEN 0 WHEN 'dossier' THEN 1 ELSE 2 END, p.position, p.id", error);

  if (stmt == NULL)
    return NULL;
  _sl_bind_text (stmt, 1, kind);
  sqlite3_bind_int64 (stmt, 2, enterprise_id);
  sqlite3_bind_int (stmt, 3, year);
  while (_sl_step_row (stmt, &step_error))
    {
      SlProject *p = g_new0 (SlProject, 1);

      p->id = sqlite3_column_int64 (stmt, 0);
      p->key = dup_text (stmt, 1);
      p->kind = dup_text (stmt, 2);
      p->title = dup_text (stmt, 3);
      p->responsible = dup_text (stmt, 4);
      p->enterprise_id = sqlite3_column_int64 (stmt, 5);
      p->tier_key = dup_text (stmt, 6);
      p->n_items = sqlite3_column_int (stmt, 7);
      p->n_done = sqlite3_column_int (stmt, 8);
      g_ptr_array_add (list, p);
    }
  if (step_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&step_error));
      return NULL;
    }
  return g_steal_pointer (&list);
}

/**
 * _sl_checklist_item_read: (skip)
 *
 * The item at @stmt's row, of SELECT ITEM_READ_COLUMNS.
 */
SlChecklistItem *
_sl_checklist_item_read (SlStmt *stmt)
{
  SlChecklistItem *c = sl_checklist_item_new ();

  c->id = sqlite3_column_int64 (stmt, 0);
  c->project_id = sqlite3_column_int64 (stmt, 1);
  c->position = sqlite3_column_int (stmt, 2);
  c->title = dup_text (stmt, 3);
  c->responsible = dup_text (stmt, 4);
  c->due_on = dup_text (stmt, 5);
  c->metric_key = dup_text (stmt, 6);
  c->target_value = column_double (stmt, 7);
  c->unit = dup_text (stmt, 8);
  c->current_value = column_double (stmt, 9);
  c->done_on = dup_text (stmt, 10);
  c->note = dup_text (stmt, 11);
  c->comparison = dup_text (stmt, 12);
  return c;
}

/* What the bound values depend on: the last change to the ledger's facts
 * (any audited write but the checklists' own) and the values typed into
 * items bound to metrics the ledger cannot count. Ticking an item done
 * changes neither, so it does not count a million firms again. */
static char *
facts_stamp (SlStore  *store,
             GError  **error)
{
  g_autoptr(SlStmt) stmt = _sl_store_prepare (store,
    "SELECT ifnull ((SELECT id FROM audit_log WHERE entity NOT IN ('checklist_item', 'project')"
    "   ORDER BY id DESC LIMIT 1), 0)"
    " || ':' || ifnull ((SELECT group_concat (ifnull (current_value, '-')) FROM checklist_item"
    "   WHERE metric_key IN (SELECT key FROM metric WHERE json_extract (measure, '$.kind') = 'manual')), '')",
    error);

  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    {
      if (stmt != NULL)
        _sl_store_sql_error (store, error);
      return NULL;
    }
  return g_strdup (_sl_column_text (stmt, 0));
}

/* The live values of the bound metrics, as of today. Kept on the store
 * until the facts change: reading a million firms' figures again for
 * every project shown would take seconds. */
static GHashTable *
metric_values (SlStore     *store,
               GPtrArray   *items,
               GError     **error)
{
  g_autofree char *today = sl_today ();
  g_autofree char *stamp = facts_stamp (store, error);
  g_autofree char *key = NULL;
  GHashTable *cache = g_object_get_data (G_OBJECT (store), "sl-metric-values");
  const char *cached_for = g_object_get_data (G_OBJECT (store), "sl-metric-values-for");
  g_autoptr(GPtrArray) wanted = g_ptr_array_new ();
  g_autoptr(GHashTable) values = NULL;

  if (stamp == NULL)
    return NULL;
  key = g_strdup_printf ("%s:%s", today, stamp);
  if (cache == NULL || g_strcmp0 (cached_for, key) != 0)
    {
      cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_object_set_data_full (G_OBJECT (store), "sl-metric-values", cache, (GDestroyNotify) g_hash_table_unref);
      g_object_set_data_full (G_OBJECT (store), "sl-metric-values-for", g_strdup (key), g_free);
    }
  for (guint i = 0; i < items->len; i++)
    {
      const char *metric = ((SlChecklistItem *) items->pdata[i])->metric_key;
      if (metric != NULL && !g_hash_table_contains (cache, metric))
        g_ptr_array_add (wanted, (gpointer) metric);
    }
  if (wanted->len == 0)
    return cache;
  g_ptr_array_add (wanted, NULL);
  values = sl_summary_metric_values (store, today, (const char * const *) wanted->pdata, error);
  if (values == NULL)
    return NULL;
  /* Metrics without a value are kept as NAN, so that they are not read again. */
  for (guint i = 0; wanted->pdata[i] != NULL; i++)
    {
      double *v = g_hash_table_lookup (values, wanted->pdata[i]);
      double value = v ? *v : NAN;
      g_hash_table_insert (cache, g_strdup (wanted->pdata[i]), g_memdup2 (&value, sizeof value));
    }
  return cache;
}

static GPtrArray *
list_items (SlStore     *store,
            gint64       project_id,
            const char  *responsible,
            GHashTable  *given,
            GError     **error)
{
  g_autoptr(GError) step_error = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_checklist_item_free);
  GHashTable *values = given;
  g_autoptr(SlStmt) stmt = _sl_store_prepare (store,
    "SELECT " ITEM_READ_COLUMNS " FROM checklist_item WHERE project_id = ?1"
    " AND (?2 IS NULL OR instr (ifnull (responsible, ''), ?2) > 0) ORDER BY position, id", error);
  gboolean bound = FALSE;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, project_id);
  _sl_bind_text (stmt, 2, responsible && *responsible ? responsible : NULL);
  while (_sl_step_row (stmt, &step_error))
    {
      SlChecklistItem *c = _sl_checklist_item_read (stmt);
      bound |= c->metric_key != NULL;
      g_ptr_array_add (list, c);
    }
  if (step_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&step_error));
      return NULL;
    }
  sqlite3_reset (stmt);

  if (bound)
    {
      if (values == NULL)
        values = metric_values (store, list, error);
      if (values == NULL)
        return NULL;
      for (guint i = 0; i < list->len; i++)
        {
          SlChecklistItem *c = list->pdata[i];
          double *v = c->metric_key ? g_hash_table_lookup (values, c->metric_key) : NULL;

          if (c->metric_key != NULL)
            c->current_value = v ? *v : NAN;
        }
    }
  return g_steal_pointer (&list);
}

/**
 * sl_checklist_list:
 * @responsible: (nullable): only the items this unit is responsible for
 *
 * Returns: (transfer full) (element-type SlChecklistItem): the project's
 *   items in order; a bound item's current value is the ledger's today
 */
GPtrArray *
sl_checklist_list (SlStore     *store,
                   gint64       project_id,
                   const char  *responsible,
                   GError     **error)
{
  return list_items (store, project_id, responsible, NULL, error);
}

/**
 * sl_checklist_list_with_values:
 * @values: (element-type utf8 double*): metric key → value, the values the
 *   bound items show, e.g. a bulletin's as of its month's end
 *
 * Returns: (transfer full) (element-type SlChecklistItem): the project's
 *   items in order, bound ones valued from @values
 */
GPtrArray *
sl_checklist_list_with_values (SlStore     *store,
                               gint64       project_id,
                               GHashTable  *values,
                               GError     **error)
{
  return list_items (store, project_id, NULL, values, error);
}

/**
 * sl_checklist_item_meets_target:
 *
 * Returns: whether a bound item's value meets its target, by its metric's
 *   rule: such an item is not behind, ticked or not
 */
gboolean
sl_checklist_item_meets_target (const SlChecklistItem *self)
{
  const char *rule = self->comparison ? self->comparison : ">=";

  if (self->metric_key == NULL || isnan (self->target_value) || isnan (self->current_value))
    return FALSE;
  if (g_str_equal (rule, ">"))
    return self->current_value > self->target_value;
  if (g_str_equal (rule, "<"))
    return self->current_value < self->target_value;
  if (g_str_equal (rule, "<="))
    return self->current_value <= self->target_value;
  return self->current_value >= self->target_value;
}

/**
 * sl_checklist_item_is_done_on:
 *
 * Returns: whether the item was done by @date: a bulletin as of a month's
 *   end does not show as done what was done after it
 */
gboolean
sl_checklist_item_is_done_on (const SlChecklistItem *self,
                              const char            *date)
{
  return self->done_on != NULL && strcmp (self->done_on, date) <= 0;
}

/**
 * sl_checklist_item_is_overdue:
 *
 * Returns: %TRUE if, on @today, the item was not done, its due date had
 *   passed, and it is not a bound item whose value meets its target
 */
gboolean
sl_checklist_item_is_overdue (const SlChecklistItem *self,
                              const char            *today)
{
  return !sl_checklist_item_is_done_on (self, today) && self->due_on != NULL && strcmp (self->due_on, today) < 0
         && !sl_checklist_item_meets_target (self);
}
