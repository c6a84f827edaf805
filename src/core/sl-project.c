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

#define ITEM_COLUMNS \
  "id, project_id, position, title, responsible, due_on, metric_key, target_value, unit," \
  " current_value, done_on, note"

/* Read with its metric's rule, for whether a bound value meets its target. */
#define ITEM_READ_COLUMNS ITEM_COLUMNS ", (SELECT comparison FROM metric WHERE key = metric_key)"

static SlChecklistItem *
read_item (SlStmt *stmt)
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
      SlChecklistItem *c = read_item (stmt);
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

static void
add_number (JsonBuilder *b,
            const char  *name,
            double       value)
{
  json_builder_set_member_name (b, name);
  if (isnan (value))
    json_builder_add_null_value (b);
  else
    json_builder_add_double_value (b, value);
}

static JsonNode *
item_json (const SlChecklistItem *c)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "project_id");
  json_builder_add_int_value (b, c->project_id);
  json_builder_set_member_name (b, "position");
  json_builder_add_int_value (b, c->position);
  sl_json_add_text (b, "title", c->title);
  sl_json_add_text (b, "responsible", c->responsible);
  sl_json_add_text (b, "due_on", c->due_on);
  sl_json_add_text (b, "metric", c->metric_key);
  add_number (b, "target_value", c->target_value);
  sl_json_add_text (b, "unit", c->unit);
  add_number (b, "current_value", c->current_value);
  sl_json_add_text (b, "done_on", c->done_on);
  sl_json_add_text (b, "note", c->note);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static gboolean
validate_item (SlChecklistItem  *c,
               GError          **error)
{
  g_autofree char *today = sl_today ();

  sl_strtidy (&c->title);
  sl_strtidy (&c->responsible);
  sl_strtidy (&c->due_on);
  sl_strtidy (&c->unit);
  sl_strtidy (&c->done_on);
  sl_strtidy (&c->note);
  if (c->title == NULL)
    {
      g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_REQUIRED, _("Item: required"));
      return FALSE;
    }
  {
    const SlTextLimit texts[] = {
      { c->title, _("Item"), 500 },
      { c->responsible, _("Responsible"), 100 },
      { c->unit, _("Unit"), 20 },
      { c->note, _("Note"), 2000 },
    };

    if (!sl_check_text_limits (texts, G_N_ELEMENTS (texts), NULL, error))
      return FALSE;
  }
  if (c->due_on != NULL && !sl_date_is_valid (c->due_on))
    {
      g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_FORMAT,
                   _("Due on: “%s” is not a date (YYYY-MM-DD)"), c->due_on);
      return FALSE;
    }
  if (c->done_on != NULL && !sl_date_is_valid (c->done_on))
    {
      g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_FORMAT,
                   _("Done on: “%s” is not a date (YYYY-MM-DD)"), c->done_on);
      return FALSE;
    }
  if (c->done_on != NULL && strcmp (c->done_on, today) > 0)
    {
      g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_RANGE,
                   _("Done on: %s is in the future"), c->done_on);
      return FALSE;
    }
  if (!isnan (c->target_value) && c->target_value < 0)
    {
      g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_RANGE, _("Target: must not be negative"));
      return FALSE;
    }
  if (!isnan (c->current_value) && c->current_value < 0)
    {
      g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_RANGE, _("Current value: must not be negative"));
      return FALSE;
    }
  return TRUE;
}

static void
bind_item (SlStmt                *stmt,
           const SlChecklistItem *c,
           gboolean               keep_value)
{
  sqlite3_bind_int64 (stmt, 2, c->project_id);
  sqlite3_bind_int (stmt, 3, c->position);
  _sl_bind_text (stmt, 4, c->title);
  _sl_bind_text (stmt, 5, c->responsible);
  _sl_bind_text (stmt, 6, c->due_on);
  _sl_bind_text (stmt, 7, c->metric_key);
  if (isnan (c->target_value))
    sqlite3_bind_null (stmt, 8);
  else
    sqlite3_bind_double (stmt, 8, c->target_value);
  _sl_bind_text (stmt, 9, c->unit);
  /* A bound item's value is the ledger's and is not stored, unless its
   * metric is one the ledger cannot count (kind "manual"). */
  if (!keep_value || isnan (c->current_value))
    sqlite3_bind_null (stmt, 10);
  else
    sqlite3_bind_double (stmt, 10, c->current_value);
  _sl_bind_text (stmt, 11, c->done_on);
  _sl_bind_text (stmt, 12, c->note);
}

static gboolean
stores_value (SlStore               *store,
              const SlChecklistItem *c)
{
  g_autoptr(SlStmt) stmt = NULL;

  if (c->metric_key == NULL)
    return TRUE;
  stmt = _sl_store_prepare (store, "SELECT json_extract (measure, '$.kind') = 'manual' FROM metric WHERE key = ?1", NULL);
  if (stmt == NULL)
    return FALSE;
  _sl_bind_text (stmt, 1, c->metric_key);
  return sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0);
}

static SlChecklistItem *
load_item (SlStore  *store,
           gint64    id,
           GError  **error)
{
  g_autoptr(SlStmt) stmt = _sl_store_prepare (store, "SELECT " ITEM_READ_COLUMNS " FROM checklist_item WHERE id = ?1", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, SL_STORE_ERROR, SL_STORE_ERROR_NOT_FOUND, _("The checklist item is not in the ledger"));
      return NULL;
    }
  return read_item (stmt);
}

static gboolean
insert_item (SlStore          *store,
             SlChecklistItem  *c,
             gboolean          keep_id,
             GError          **error)
{
  g_autoptr(SlStmt) stmt = NULL;
  g_autoptr(JsonNode) after = NULL;

  if (c->position < 0)
    {
      g_autoptr(SlStmt) max = _sl_store_prepare (store,
        "SELECT ifnull (max (position), -1) + 1 FROM checklist_item WHERE project_id = ?1", error);
      if (max == NULL)
        return FALSE;
      sqlite3_bind_int64 (max, 1, c->project_id);
      sqlite3_step (max);
      c->position = sqlite3_column_int (max, 0);
    }
  stmt = _sl_store_prepare (store,
    "INSERT INTO checklist_item (" ITEM_COLUMNS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)", error);
  if (stmt == NULL)
    return FALSE;
  if (keep_id)
    sqlite3_bind_int64 (stmt, 1, c->id);
  else
    sqlite3_bind_null (stmt, 1);
  bind_item (stmt, c, stores_value (store, c));
  if (!_sl_store_step_done (store, stmt, error))
    return FALSE;
  c->id = sqlite3_last_insert_rowid (_sl_store_get_db (store));
  after = item_json (c);
  return sl_store_audit (store, "checklist_item", c->id, keep_id ? "restore" : "create", NULL, after, error);
}

static gboolean
save_cb (SlStore  *store,
         gpointer  user_data,
         GError  **error)
{
  SlChecklistItem *c = user_data;
  g_autoptr(SlChecklistItem) old = NULL;
  g_autoptr(SlStmt) stmt = NULL;
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;

  if (c->id == 0)
    return insert_item (store, c, FALSE, error);

  old = load_item (store, c->id, error);
  if (old == NULL)
    return FALSE;
  stmt = _sl_store_prepare (store,
    "UPDATE checklist_item SET project_id = ?2, position = ?3, title = ?4, responsible = ?5, due_on = ?6,"
    " metric_key = ?7, target_value = ?8, unit = ?9, current_value = ?10, done_on = ?11, note = ?12"
    " WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, c->id);
  bind_item (stmt, c, stores_value (store, c));
  if (!_sl_store_step_done (store, stmt, error))
    return FALSE;
  before = item_json (old);
  after = item_json (c);
  return sl_store_audit (store, "checklist_item", c->id, "update", before, after, error);
}

/**
 * sl_checklist_item_save:
 * @self: a new item (id 0; position -1 puts it last) or a changed one
 *
 * Validates and stores the item in one transaction with an audit row.
 */
gboolean
sl_checklist_item_save (SlStore          *store,
                        SlChecklistItem  *self,
                        GError          **error)
{
  gint64 id = self->id;

  if (!validate_item (self, error))
    return FALSE;
  if (!sl_store_write (store, save_cb, self, error))
    {
      self->id = id;
      return FALSE;
    }
  return TRUE;
}

static gboolean
remove_cb (SlStore  *store,
           gpointer  user_data,
           GError  **error)
{
  gint64 id = *(gint64 *) user_data;
  g_autoptr(SlChecklistItem) old = load_item (store, id, error);
  g_autoptr(SlStmt) stmt = NULL;
  g_autoptr(JsonNode) before = NULL;

  if (old == NULL)
    return FALSE;
  stmt = _sl_store_prepare (store, "DELETE FROM checklist_item WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!_sl_store_step_done (store, stmt, error))
    return FALSE;
  before = item_json (old);
  return sl_store_audit (store, "checklist_item", id, "delete", before, NULL, error);
}

/**
 * sl_checklist_item_remove:
 *
 * Removes the item; keep a copy to give sl_checklist_item_restore() for undo.
 */
gboolean
sl_checklist_item_remove (SlStore  *store,
                          gint64    id,
                          GError  **error)
{
  return sl_store_write (store, remove_cb, &id, error);
}

static gboolean
restore_cb (SlStore  *store,
            gpointer  user_data,
            GError  **error)
{
  g_autoptr(SlChecklistItem) c = sl_checklist_item_copy (user_data);

  return insert_item (store, c, TRUE, error);
}

/**
 * sl_checklist_item_restore:
 * @removed: the item as it was before sl_checklist_item_remove()
 *
 * Puts a removed item back, with its id and place.
 */
gboolean
sl_checklist_item_restore (SlStore                *store,
                           const SlChecklistItem  *removed,
                           GError                **error)
{
  return sl_store_write (store, restore_cb, (gpointer) removed, error);
}

typedef struct
{
  gint64 id;
  int    position;
} Move;

static gboolean
move_cb (SlStore  *store,
         gpointer  user_data,
         GError  **error)
{
  g_autoptr(GError) step_error = NULL;
  Move *m = user_data;
  g_autoptr(SlChecklistItem) item = load_item (store, m->id, error);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(SlStmt) list = NULL;
  g_autoptr(SlStmt) set = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;
  int from = -1;
  int to;

  if (item == NULL)
    return FALSE;
  list = _sl_store_prepare (store, "SELECT id FROM checklist_item WHERE project_id = ?1 ORDER BY position, id", error);
  if (list == NULL)
    return FALSE;
  sqlite3_bind_int64 (list, 1, item->project_id);
  while (_sl_step_row (list, &step_error))
    {
      gint64 id = sqlite3_column_int64 (list, 0);
      if (id == m->id)
        from = (int) ids->len;
      else
        g_array_append_val (ids, id);
    }
  if (step_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&step_error));
      return FALSE;
    }
  sqlite3_reset (list);
  to = CLAMP (m->position, 0, (int) ids->len);
  g_array_insert_val (ids, to, m->id);

  set = _sl_store_prepare (store, "UPDATE checklist_item SET position = ?1 WHERE id = ?2", error);
  if (set == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      sqlite3_bind_int (set, 1, (int) i);
      sqlite3_bind_int64 (set, 2, g_array_index (ids, gint64, i));
      if (!_sl_store_step_done (store, set, error))
        return FALSE;
    }

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "index");
  json_builder_add_int_value (b, from);
  json_builder_end_object (b);
  before = json_builder_get_root (b);
  json_builder_reset (b);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "index");
  json_builder_add_int_value (b, to);
  json_builder_end_object (b);
  after = json_builder_get_root (b);
  return sl_store_audit (store, "checklist_item", m->id, "move", before, after, error);
}

/**
 * sl_checklist_item_move:
 * @position: the item's new index in its project (clamped)
 *
 * Renumbers the project's items so that @id stands at @position.
 */
gboolean
sl_checklist_item_move (SlStore  *store,
                        gint64    id,
                        int       position,
                        GError  **error)
{
  Move m = { id, position };
  return sl_store_write (store, move_cb, &m, error);
}
