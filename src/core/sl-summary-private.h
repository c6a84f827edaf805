/* sl-summary-private.h
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "sl-store.h"

G_BEGIN_DECLS

/* One computation of the bulletin: the period, the scope, and what has
 * already been counted. The temporary views it relies on (scope_enterprise,
 * fig, pop_member) live on the ledger's connection for its duration. */
typedef struct
{
  SlStore    *store;
  char       *first_day;
  char       *as_of;
  char       *year_start;
  int         year;
  gint64      scope_id;      /* 0: the whole ledger */
  GHashTable *populations;   /* key -> size, once built */
  GHashTable *tier_held;     /* tier key -> held in the whole scope */
} Ctx;

gint64   _sl_summary_population (Ctx         *ctx,
                                 const char  *key,
                                 char       **out_name,
                                 GError     **error);
gboolean _sl_summary_measure    (Ctx         *ctx,
                                 const char  *metric_key,
                                 JsonObject  *m,
                                 double      *value,
                                 gboolean    *has_value,
                                 char       **pop_key,
                                 char       **pop_name,
                                 gint64      *pop_size,
                                 GError     **error);

G_END_DECLS
