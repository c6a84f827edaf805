/* sl-plan-programmes.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-plan"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sl-util.h"
#include "sl-plan-private.h"

/* The plan's checklists: the eight programmes with their items, and the
 * material templates of application dossiers. */

static char *
join_responsible (JsonArray   *arr,
                  const char  *path,
                  GError     **error)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (arr); i++)
    {
      const char *unit = json_array_get_string_element (arr, i);
      if (unit == NULL || *unit == '\0')
        {
          g_autofree char *p = g_strdup_printf ("%s[%u]", path, i);
          _sl_plan_error (error, p, _("expected the name of a unit"));
          return NULL;
        }
      if (s->len > 0)
        g_string_append (s, "、");
      g_string_append (s, unit);
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

gboolean
_sl_plan_load_programmes (Loader  *l,
                          GError **error)
{
  JsonArray *arr = _sl_plan_get_array (l->root, "$", "programmes", TRUE, error);
  g_autoptr(GDateTime) now = sl_now ();
  g_autofree char *created = g_date_time_format_iso8601 (now);
  g_autoptr(SlStmt) project = NULL;
  g_autoptr(SlStmt) item = NULL;

  if (arr == NULL)
    return FALSE;
  project = _sl_store_prepare (l->store,
                               "INSERT INTO project (key, kind, title, responsible, position, created_at)"
                               " VALUES (?1, 'programme', ?2, ?3, ?4, ?5)", error);
  item = _sl_store_prepare (l->store,
                            "INSERT INTO checklist_item (project_id, position, title, responsible, due_on,"
                            " metric_key, target_value, unit) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error);
  if (project == NULL || item == NULL)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (arr); i++)
    {
      g_autofree char *p = g_strdup_printf ("$.programmes[%u]", i);
      g_autofree char *rp = g_strdup_printf ("%s.responsible", p);
      JsonObject *o = _sl_plan_element_object (arr, i, p, error);
      g_autofree char *responsible = NULL;
      const char *key, *title;
      JsonArray *units, *items;
      gint64 project_id;

      if (o == NULL
          || !_sl_plan_get_string (o, p, "key", TRUE, &key, error)
          || !_sl_plan_check_key (key, p, error)
          || !_sl_plan_get_string (o, p, "title", TRUE, &title, error))
        return FALSE;
      units = _sl_plan_get_array (o, p, "responsible", TRUE, error);
      if (units == NULL)
        return FALSE;
      responsible = join_responsible (units, rp, error);
      if (responsible == NULL)
        return FALSE;
      items = _sl_plan_get_array (o, p, "items", TRUE, error);
      if (items == NULL)
        return FALSE;

      _sl_bind_text (project, 1, key);
      _sl_bind_text (project, 2, title);
      _sl_bind_text (project, 3, responsible);
      sqlite3_bind_int (project, 4, (int) i);
      _sl_bind_text (project, 5, created);
      if (!_sl_plan_step (l, project, p, error))
        return FALSE;
      project_id = sqlite3_last_insert_rowid (_sl_store_get_db (l->store));

      for (guint j = 0; j < json_array_get_length (items); j++)
        {
          g_autofree char *ip = g_strdup_printf ("%s.items[%u]", p, j);
          g_autofree char *irp = g_strdup_printf ("%s.responsible", ip);
          JsonObject *io = _sl_plan_element_object (items, j, ip, error);
          g_autofree char *item_resp = NULL;
          const char *item_title, *metric;
          JsonArray *item_units;

          if (io == NULL
              || !_sl_plan_get_string (io, ip, "title", TRUE, &item_title, error)
              || !_sl_plan_check_ref (l, io, ip, "metric", METRIC_EXISTS, FALSE, error))
            return FALSE;
          _sl_plan_get_string (io, ip, "metric", FALSE, &metric, NULL);
          item_units = _sl_plan_get_array (io, ip, "responsible", FALSE, error);
          if (item_units == NULL && error && *error)
            return FALSE;
          if (item_units != NULL)
            {
              item_resp = join_responsible (item_units, irp, error);
              if (item_resp == NULL)
                return FALSE;
            }

          sqlite3_bind_int64 (item, 1, project_id);
          sqlite3_bind_int (item, 2, (int) j);
          _sl_bind_text (item, 3, item_title);
          _sl_bind_text (item, 4, item_resp ? item_resp : responsible);
          _sl_bind_text (item, 5, l->period_end);
          _sl_bind_text (item, 6, metric);
          if (metric != NULL)
            {
              double *target = g_hash_table_lookup (l->metric_targets, metric);
              sqlite3_bind_double (item, 7, *target);
              _sl_bind_text (item, 8, g_hash_table_lookup (l->metric_units, metric));
            }
          if (!_sl_plan_step (l, item, ip, error))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
insert_templates (Loader      *l,
                  JsonArray   *items,
                  const char  *tier,
                  const char  *path,
                  GError     **error)
{
  g_autoptr(SlStmt) stmt = _sl_store_prepare (l->store,
    "INSERT INTO checklist_template (tier_key, position, title) VALUES (?1, ?2, ?3)", error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      g_autofree char *p = g_strdup_printf ("%s[%u]", path, i);
      const char *title = json_array_get_string_element (items, i);

      if (title == NULL || *title == '\0')
        return _sl_plan_error (error, p, _("expected the title of a material"));
      _sl_bind_text (stmt, 1, tier);
      sqlite3_bind_int (stmt, 2, (int) i);
      _sl_bind_text (stmt, 3, title);
      if (!_sl_plan_step (l, stmt, p, error))
        return FALSE;
    }
  return TRUE;
}

/* Optional: a plan without dossier templates offers no dossiers. */
gboolean
_sl_plan_load_dossier_templates (Loader  *l,
                                 GError **error)
{
  JsonNode *node = json_object_get_member (l->root, "dossier_templates");
  JsonObject *templates;
  JsonArray *common;
  JsonNode *tiers;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return _sl_plan_error (error, "$.dossier_templates", _("expected an object"));
  templates = json_node_get_object (node);
  common = _sl_plan_get_array (templates, "$.dossier_templates", "common", FALSE, error);
  if (common == NULL && error && *error)
    return FALSE;
  if (common != NULL && !insert_templates (l, common, NULL, "$.dossier_templates.common", error))
    return FALSE;
  tiers = json_object_get_member (templates, "tiers");
  if (tiers == NULL || JSON_NODE_HOLDS_NULL (tiers))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (tiers))
    return _sl_plan_error (error, "$.dossier_templates.tiers", _("expected an object"));
  {
    g_autoptr(GList) members = json_object_get_members (json_node_get_object (tiers));

    for (GList *m = members; m; m = m->next)
      {
        const char *tier = m->data;
        g_autofree char *path = g_strdup_printf ("$.dossier_templates.tiers.%s", tier);
        JsonArray *items = _sl_plan_get_array (json_node_get_object (tiers), "$.dossier_templates.tiers", tier, TRUE, error);

        if (items == NULL)
          return FALSE;
        if (!_sl_plan_exists (l, TIER_EXISTS, tier))
          return _sl_plan_error (error, path, _("“%s” is not a tier of this plan"), tier);
        if (!insert_templates (l, items, tier, path, error))
          return FALSE;
      }
  }
  return TRUE;
}
