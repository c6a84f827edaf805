/* sl-checklist-edit.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A checklist's items changed: each save, removal, restore and move one
 * audited write, its input checked first (sl-project.c reads them). */

#define G_LOG_DOMAIN "sl-project"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "sl-project-private.h"
#include "sl-util.h"

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
  return _sl_checklist_item_read (stmt);
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
