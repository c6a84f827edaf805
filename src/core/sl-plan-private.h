/* sl-plan-private.h
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "sl-plan.h"

G_BEGIN_DECLS

gboolean    _sl_plan_error          (GError     **error,
                                     const char  *path,
                                     const char  *format,
                                     ...) G_GNUC_PRINTF (3, 4);
JsonNode   *_sl_plan_member         (JsonObject  *obj,
                                     const char  *path,
                                     const char  *name,
                                     gboolean     required,
                                     GError     **error);
gboolean    _sl_plan_get_string     (JsonObject   *obj,
                                     const char   *path,
                                     const char   *name,
                                     gboolean      required,
                                     const char  **out,
                                     GError      **error);
gboolean    _sl_plan_get_number     (JsonObject  *obj,
                                     const char  *path,
                                     const char  *name,
                                     gboolean     required,
                                     gboolean     integer,
                                     double      *out,
                                     gboolean    *present,
                                     GError     **error);
JsonArray  *_sl_plan_get_array      (JsonObject  *obj,
                                     const char  *path,
                                     const char  *name,
                                     gboolean     required,
                                     GError     **error);
JsonObject *_sl_plan_element_object (JsonArray   *array,
                                     guint        i,
                                     const char  *path,
                                     GError     **error);
gboolean    _sl_plan_check_key      (const char  *key,
                                     const char  *path,
                                     GError     **error);

G_END_DECLS
