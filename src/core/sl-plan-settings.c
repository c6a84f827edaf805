/* sl-plan-settings.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-plan"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sl-plan-private.h"
#include "sl-store-private.h"
#include "sl-util.h"

/* The parts of the plan kept as the ledger's settings: the reminders'
 * days and deadlines, and the bulletin's marks. */

/* Optional: "reminders": {expiry_days, application_result_days,
 * data_update_deadline: {rule version: "MM-DD"}}, kept as settings. */
gboolean
_sl_plan_load_reminders (Loader  *l,
                         GError **error)
{
  JsonNode *node = json_object_get_member (l->root, "reminders");
  g_autoptr(SlStmt) stmt = NULL;
  JsonObject *o;
  const char *names[] = { "expiry_days", "application_result_days" };

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return _sl_plan_error (error, "$.reminders", _("expected an object"));
  o = json_node_get_object (node);
  stmt = _sl_store_prepare (l->store, "INSERT INTO setting (key, value) VALUES (?1, ?2)", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      double days = 0;
      gboolean has;
      g_autofree char *key = g_strconcat ("reminder_", names[i], NULL);
      g_autofree char *value = NULL;

      if (!_sl_plan_get_number (o, "$.reminders", names[i], FALSE, TRUE, &days, &has, error))
        return FALSE;
      if (!has)
        continue;
      if (days < 1 || days > 3650)
        {
          g_autofree char *p = g_strdup_printf ("$.reminders.%s", names[i]);
          return _sl_plan_error (error, p, _("must be a number of days from 1 to 3650"));
        }
      value = g_strdup_printf ("%d", (int) days);
      _sl_bind_text (stmt, 1, key);
      _sl_bind_text (stmt, 2, value);
      if (!_sl_plan_step (l, stmt, "$.reminders", error))
        return FALSE;
    }
  node = json_object_get_member (o, "data_update_deadline");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autoptr(GList) versions = json_object_get_members (json_node_get_object (node));

      for (GList *v = versions; v; v = v->next)
        {
          g_autofree char *p = g_strdup_printf ("$.reminders.data_update_deadline.%s", (char *) v->data);
          g_autofree char *key = g_strconcat ("reminder_data_update:", v->data, NULL);
          const char *day = json_object_get_string_member_with_default (json_node_get_object (node), v->data, "");
          g_autofree char *probe = g_strconcat ("2024-", day, NULL);

          if (!sl_date_is_valid (probe))
            return _sl_plan_error (error, p, _("“%s” is not a day of the year (MM-DD)"), day);
          _sl_bind_text (stmt, 1, key);
          _sl_bind_text (stmt, 2, day);
          if (!_sl_plan_step (l, stmt, p, error))
            return FALSE;
        }
    }
  return TRUE;
}

/* Optional: "bulletin": {mark_green_at, mark_yellow_at}, completion rates
 * (1 = 100 %) from which a bulletin's cell is marked green or yellow;
 * below yellow it is red. Kept as settings. */
gboolean
_sl_plan_load_bulletin (Loader  *l,
                        GError **error)
{
  JsonNode *node = json_object_get_member (l->root, "bulletin");
  g_autoptr(SlStmt) stmt = NULL;
  JsonObject *o;
  double green = 1.0, yellow = 0.6;
  gboolean has;
  char value[G_ASCII_DTOSTR_BUF_SIZE];

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return _sl_plan_error (error, "$.bulletin", _("expected an object"));
  o = json_node_get_object (node);
  if (!_sl_plan_get_number (o, "$.bulletin", "mark_green_at", FALSE, FALSE, &green, &has, error)
      || !_sl_plan_get_number (o, "$.bulletin", "mark_yellow_at", FALSE, FALSE, &yellow, &has, error))
    return FALSE;
  if (!(yellow > 0 && yellow < green && green <= 10))
    return _sl_plan_error (error, "$.bulletin", _("mark_yellow_at must be above 0 and below mark_green_at"));
  stmt = _sl_store_prepare (l->store, "INSERT INTO setting (key, value) VALUES (?1, ?2)", error);
  if (stmt == NULL)
    return FALSE;
  _sl_bind_text (stmt, 1, "bulletin_mark_green_at");
  _sl_bind_text (stmt, 2, g_ascii_formatd (value, sizeof value, "%.6g", green));
  if (!_sl_plan_step (l, stmt, "$.bulletin", error))
    return FALSE;
  _sl_bind_text (stmt, 1, "bulletin_mark_yellow_at");
  _sl_bind_text (stmt, 2, g_ascii_formatd (value, sizeof value, "%.6g", yellow));
  return _sl_plan_step (l, stmt, "$.bulletin", error);
}

