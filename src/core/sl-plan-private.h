/* sl-plan-private.h
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "sl-plan.h"
#include "sl-store-private.h"

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

/* The loader's state, shared by the files that read one part of the plan. */
typedef struct
{
  SlStore    *store;
  JsonObject *root;
  char       *period_end;    /* due date of the programmes' items */
  int         target_year;
  int         start_year;
  GHashTable *metric_units;  /* key -> unit */
  GHashTable *metric_targets; /* key -> double* */
} Loader;

#define TIER_EXISTS "SELECT 1 FROM tier WHERE key = ?1"
#define HONOUR_EXISTS "SELECT 1 FROM honour WHERE key = ?1"
#define POPULATION_EXISTS "SELECT 1 FROM population WHERE key = ?1"
#define METRIC_EXISTS "SELECT 1 FROM metric WHERE key = ?1"

gboolean    _sl_plan_step           (Loader      *l,
                                     SlStmt      *stmt,
                                     const char  *path,
                                     GError     **error);
gboolean    _sl_plan_exists         (Loader      *l,
                                     const char  *sql,
                                     const char  *key);
gboolean    _sl_plan_check_ref      (Loader      *l,
                                     JsonObject  *o,
                                     const char  *path,
                                     const char  *name,
                                     const char  *exists_sql,
                                     gboolean     required,
                                     GError     **error);
gboolean    _sl_plan_load_programmes        (Loader  *l,
                                             GError **error);
gboolean    _sl_plan_load_dossier_templates (Loader  *l,
                                             GError **error);

gboolean    _sl_plan_load_reminders (Loader      *l,
                                     GError     **error);
gboolean    _sl_plan_load_bulletin  (Loader      *l,
                                     GError     **error);

G_END_DECLS
