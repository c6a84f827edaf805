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
  int         figures_year;  /* the annual figures the indicators take */
  int         plan_start;    /* the plan's first and last years, 0 when not known */
  int         plan_end;
  char       *plan_key;      /* the plan in force in the bulletin's year */
  gint64      scope_id;      /* 0: the whole ledger */
  GHashTable *populations;   /* key -> size, once built */
  GHashTable *tier_held;     /* tier key -> held in the whole scope */
} Ctx;

gint64   _sl_summary_population (Ctx         *ctx,
                                 const char  *key,
                                 char       **out_name,
                                 GError     **error);
/* What an indicator is measured over: its 口径. */
typedef struct
{
  char   *key;        /* the population, or NULL */
  char   *name;
  gint64  size;       /* -1: no population */
  gint64  with_data;  /* of them, the firms that have the figures it takes; -1: not a figure */
  char   *whole_name; /* a share's whole (the above-scale SMEs), or NULL */
  gint64  whole_size; /* its firms with the figure */
  gboolean ledger_wide; /* a checklist figure of the whole ledger, which a jurisdiction's bulletin does not show as its own */
  int     typed_year;  /* a manual value typed for the scope: its year; 0 if not typed */
  double  whole_typed; /* a share's whole as the statistics bureau reports it, 万元, */
  int     whole_year;  /* for this year; 0 if not typed */
} SlMeasureBasis;

void     _sl_measure_basis_clear (SlMeasureBasis *basis);
gboolean _sl_summary_measure    (Ctx            *ctx,
                                 const char     *metric_key,
                                 JsonObject     *m,
                                 double         *value,
                                 gboolean       *has_value,
                                 SlMeasureBasis *basis,
                                 GError        **error);

/* The bulletin's rows, in its order: id, code, name, kind. */
#define SL_SUMMARY_UNITS \
  "SELECT j.id, j.code, j.name, j.kind FROM jurisdiction j" \
  " WHERE j.id IN (SELECT unit_id FROM unit_map)" \
  "   AND (j.retired = 0 OR j.id IN (SELECT unit_id FROM scope_enterprise))" \
  " ORDER BY j.parent_id IS NOT NULL, j.position, j.id"

gboolean _sl_summary_activity   (Ctx            *ctx,
                                 JsonBuilder    *b,
                                 GError        **error);

gboolean _sl_summary_plan_period (Ctx           *ctx,
                                  JsonBuilder   *b,
                                  GError       **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SlMeasureBasis, _sl_measure_basis_clear)

G_END_DECLS
