/* sl-plan-json.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-plan"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sl-plan-private.h"

/* Reading a plan file: each getter returns FALSE only on error, with the
 * JSON path at fault in the message; a missing optional member leaves its
 * output at the default. */

gboolean
_sl_plan_error (GError     **error,
                const char  *path,
                const char  *format,
                ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, SL_PLAN_ERROR, SL_PLAN_ERROR_INVALID,
               _("Plan file: %s: %s"), path, msg);
  return FALSE;
}

JsonNode *
_sl_plan_member (JsonObject  *obj,
                 const char  *path,
                 const char  *name,
                 gboolean     required,
                 GError     **error)
{
  JsonNode *node = json_object_get_member (obj, name);

  if ((node == NULL || JSON_NODE_HOLDS_NULL (node)) && required)
    {
      g_autofree char *p = g_strdup_printf ("%s.%s", path, name);
      _sl_plan_error (error, p, _("is required"));
      return NULL;
    }
  return node;
}

/* Each getter returns FALSE only on error; a missing optional member leaves
 * *out at its default. */
gboolean
_sl_plan_get_string (JsonObject   *obj,
                     const char   *path,
                     const char   *name,
                     gboolean      required,
                     const char  **out,
                     GError      **error)
{
  JsonNode *node = _sl_plan_member (obj, path, name, required, error);
  g_autofree char *p = g_strdup_printf ("%s.%s", path, name);

  *out = NULL;
  if (node == NULL)
    return !required;
  if (JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return _sl_plan_error (error, p, _("expected a string"));
  *out = json_node_get_string (node);
  if (required && **out == '\0')
    return _sl_plan_error (error, p, _("must not be empty"));
  return TRUE;
}

gboolean
_sl_plan_get_number (JsonObject  *obj,
                     const char  *path,
                     const char  *name,
                     gboolean     required,
                     gboolean     integer,
                     double      *out,
                     gboolean    *present,
                     GError     **error)
{
  JsonNode *node = _sl_plan_member (obj, path, name, required, error);
  g_autofree char *p = g_strdup_printf ("%s.%s", path, name);
  GType t;

  *present = FALSE;
  if (node == NULL)
    return !required;
  if (JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  t = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;
  if (t == G_TYPE_INT64)
    *out = (double) json_node_get_int (node);
  else if (t == G_TYPE_DOUBLE && !integer)
    *out = json_node_get_double (node);
  else
    return _sl_plan_error (error, p, integer ? _("expected a whole number") : _("expected a number"));
  *present = TRUE;
  return TRUE;
}

JsonArray *
_sl_plan_get_array (JsonObject  *obj,
                    const char  *path,
                    const char  *name,
                    gboolean     required,
                    GError     **error)
{
  JsonNode *node = _sl_plan_member (obj, path, name, required, error);
  g_autofree char *p = g_strdup_printf ("%s.%s", path, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      _sl_plan_error (error, p, _("expected a list"));
      return NULL;
    }
  return json_node_get_array (node);
}

JsonObject *
_sl_plan_element_object (JsonArray   *array,
                         guint        i,
                         const char  *path,
                         GError     **error)
{
  JsonNode *node = json_array_get_element (array, i);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      _sl_plan_error (error, path, _("expected an object"));
      return NULL;
    }
  return json_node_get_object (node);
}

gboolean
_sl_plan_check_key (const char  *key,
                    const char  *path,
                    GError     **error)
{
  for (const char *c = key; *c; c++)
    if (!g_ascii_islower (*c) && !g_ascii_isdigit (*c) && *c != '_' && *c != '-')
      {
        g_autofree char *p = g_strdup_printf ("%s.key", path);
        return _sl_plan_error (error, p, _("“%s” is not a key (lower-case letters, digits, “_” and “-” only)"), key);
      }
  return TRUE;
}

