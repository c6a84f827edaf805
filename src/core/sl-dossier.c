/* sl-dossier.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-project"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sl-certification.h"
#include "sl-project.h"
#include "sl-store-private.h"
#include "sl-util.h"

/* Making projects: an enterprise's application dossier from the plan's
 * material template, a county's own project, and the application a
 * finished dossier leads to. */

typedef struct
{
  const char *title;
  const char *responsible;
  gint64      enterprise_id;
  const char *tier_key;
  const char *due_on;
  gint64      id;
} NewProject;

static gboolean
insert_project (SlStore     *store,
                NewProject  *n,
                const char  *kind,
                GError     **error)
{
  g_autoptr(GDateTime) now = sl_now ();
  g_autofree char *created = g_date_time_format_iso8601 (now);
  g_autoptr(SlStmt) stmt = _sl_store_prepare (store,
    "INSERT INTO project (kind, title, responsible, enterprise_id, tier_key, position, created_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, (SELECT ifnull (max (position), -1) + 1 FROM project WHERE kind = ?1), ?6)", error);

  if (stmt == NULL)
    return FALSE;
  _sl_bind_text (stmt, 1, kind);
  _sl_bind_text (stmt, 2, n->title);
  _sl_bind_text (stmt, 3, n->responsible);
  if (n->enterprise_id)
    sqlite3_bind_int64 (stmt, 4, n->enterprise_id);
  _sl_bind_text (stmt, 5, n->tier_key);
  _sl_bind_text (stmt, 6, created);
  if (!_sl_store_step_done (store, stmt, error))
    return FALSE;
  n->id = sqlite3_last_insert_rowid (_sl_store_get_db (store));
  return TRUE;
}

static JsonNode *
project_json (const char *kind,
              const char *title,
              int         n_items)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  sl_json_add_text (b, "kind", kind);
  sl_json_add_text (b, "title", title);
  json_builder_set_member_name (b, "items");
  json_builder_add_int_value (b, n_items);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static gboolean
custom_cb (SlStore  *store,
           gpointer  user_data,
           GError  **error)
{
  NewProject *n = user_data;
  g_autoptr(JsonNode) after = NULL;

  if (!insert_project (store, n, "custom", error))
    return FALSE;
  after = project_json ("custom", n->title, 0);
  return sl_store_audit (store, "project", n->id, "create", NULL, after, error);
}

/**
 * sl_project_create_custom:
 *
 * Returns: the new project's id, or 0 with @error set
 */
gint64
sl_project_create_custom (SlStore     *store,
                          const char  *title,
                          const char  *responsible,
                          GError     **error)
{
  g_autofree char *t = g_strstrip (g_strdup (title ? title : ""));
  g_autofree char *r = g_strstrip (g_strdup (responsible ? responsible : ""));
  NewProject n = { t, *r ? r : NULL, 0, NULL, NULL, 0 };

  if (*t == '\0')
    {
      g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_REQUIRED, _("Project: required"));
      return 0;
    }
  {
    const SlTextLimit texts[] = {
      { t, _("Project"), 200 },
      { r, _("Responsible"), 100 },
    };

    if (!sl_check_text_limits (texts, G_N_ELEMENTS (texts), NULL, error))
      return 0;
  }
  return sl_store_write (store, custom_cb, &n, error) ? n.id : 0;
}

static gboolean
dossier_cb (SlStore  *store,
            gpointer  user_data,
            GError  **error)
{
  g_autoptr(GError) step_error = NULL;
  NewProject *n = user_data;
  g_autoptr(SlStmt) templates = NULL;
  g_autoptr(SlStmt) add = NULL;
  g_autoptr(JsonNode) after = NULL;
  int position = 0;

  if (!insert_project (store, n, "dossier", error))
    return FALSE;
  /* The common materials first, then the tier's own. */
  templates = _sl_store_prepare (store,
    "SELECT title FROM checklist_template WHERE tier_key IS NULL OR tier_key = ?1"
    " ORDER BY tier_key IS NOT NULL, position", error);
  add = _sl_store_prepare (store,
    "INSERT INTO checklist_item (project_id, position, title, due_on) VALUES (?1, ?2, ?3, ?4)", error);
  if (templates == NULL || add == NULL)
    return FALSE;
  _sl_bind_text (templates, 1, n->tier_key);
  while (_sl_step_row (templates, &step_error))
    {
      sqlite3_bind_int64 (add, 1, n->id);
      sqlite3_bind_int (add, 2, position++);
      _sl_bind_text (add, 3, _sl_column_text (templates, 0));
      _sl_bind_text (add, 4, n->due_on);
      if (!_sl_store_step_done (store, add, error))
        return FALSE;
    }
  if (step_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&step_error));
      return FALSE;
    }
  sqlite3_reset (templates);
  if (position == 0)
    {
      g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_UNKNOWN,
                   _("Tier: the plan has no material list for this tier"));
      return FALSE;
    }
  after = project_json ("dossier", n->title, position);
  return sl_store_audit (store, "project", n->id, "create", NULL, after, error);
}

/**
 * sl_dossier_create:
 * @due_on: (nullable): the application deadline, for every item
 *
 * Makes the firm's application dossier for @tier_key from the plan's
 * material template: the common items, then the tier's own.
 *
 * Returns: the dossier's project id, or 0 with @error set
 */
gint64
sl_dossier_create (SlStore     *store,
                   gint64       enterprise_id,
                   const char  *tier_key,
                   const char  *due_on,
                   GError     **error)
{
  g_autoptr(SlStmt) stmt = NULL;
  g_autofree char *title = NULL;
  NewProject n = { NULL, NULL, enterprise_id, tier_key, due_on, 0 };

  if (due_on != NULL && !sl_date_is_valid (due_on))
    {
      g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_FORMAT,
                   _("Due on: “%s” is not a date (YYYY-MM-DD)"), due_on);
      return 0;
    }
  stmt = _sl_store_prepare (store,
    "SELECT e.name, t.name FROM enterprise e, tier t WHERE e.id = ?1 AND t.key = ?2", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, enterprise_id);
  _sl_bind_text (stmt, 2, tier_key);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_UNKNOWN,
                   _("Dossier: the enterprise or the tier is not in the ledger"));
      return 0;
    }
  title = g_strdup_printf (_("%s: %s application dossier"), _sl_column_text (stmt, 0), _sl_column_text (stmt, 1));
  sqlite3_reset (stmt);
  n.title = title;
  return sl_store_write (store, dossier_cb, &n, error) ? n.id : 0;
}

/**
 * sl_dossier_record_application:
 * @project_id: a dossier whose materials are all done
 *
 * Records the application the dossier was for: a certification of its
 * tier, applying since today, under the rule version in force today.
 *
 * Returns: the certification's id, or 0 with @error set
 */
gint64
sl_dossier_record_application (SlStore  *store,
                               gint64    project_id,
                               GError  **error)
{
  g_autoptr(SlStmt) stmt = _sl_store_prepare (store,
    "SELECT p.enterprise_id, p.tier_key, (SELECT count(*) FROM checklist_item c WHERE c.project_id = p.id AND c.done_on IS NULL),"
    " (SELECT key FROM rule_version WHERE effective_from <= ?2 ORDER BY effective_from DESC LIMIT 1)"
    " FROM project p WHERE p.id = ?1 AND p.kind = 'dossier'", error);
  g_autoptr(SlCertification) c = sl_certification_new ();
  g_autofree char *today = sl_today ();

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, project_id);
  _sl_bind_text (stmt, 2, today);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, SL_STORE_ERROR, SL_STORE_ERROR_NOT_FOUND, _("The dossier is not in the ledger"));
      return 0;
    }
  if (sqlite3_column_int (stmt, 2) > 0)
    {
      g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_CONFLICT,
                   _("Dossier: %d materials are not done yet"), sqlite3_column_int (stmt, 2));
      return 0;
    }
  c->enterprise_id = sqlite3_column_int64 (stmt, 0);
  c->tier_key = g_strdup (_sl_column_text (stmt, 1));
  c->rule_version = g_strdup (_sl_column_text (stmt, 3));
  sqlite3_reset (stmt);
  c->status = g_strdup ("applying");
  c->applied_on = g_strdup (today);
  if (!sl_certification_save (store, c, error))
    return 0;
  return c->id;
}
