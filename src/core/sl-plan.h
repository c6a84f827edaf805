/* sl-plan.h
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-store.h"

G_BEGIN_DECLS

/**
 * SECTION:sl-plan
 *
 * A plan file (JSON, see `data/plans/README.md`) holds everything a city's
 * action plan decides: tiers, jurisdictions, chains, honours, populations,
 * metrics with their targets, and the programmes with their checklist items.
 * It is loaded once, into a new ledger; after that the ledger is the truth
 * and the clerk edits it there.
 */

#define SL_BUNDLED_PLAN "lianyungang-2023-2025"

/* A plan's indicator or programme (a row with from_year and until_year)
 * belongs to @year, the SQL of a year: within its years. */
#define SL_IN_PLAN_YEAR(year) \
  " (from_year IS NULL OR from_year <= " year ") AND (until_year IS NULL OR until_year >= " year ")"

/**
 * SlPlanPreview:
 *
 * What loading the next plan changes: the plan now and the next, with
 * their years, and one line for a person per change.
 */
typedef struct
{
  char      *key;
  char      *title;
  int        start;
  int        end;
  char      *old_title;
  int        old_start;
  int        old_end;
  GPtrArray *lines;
} SlPlanPreview;

GBytes        *sl_plan_get_bundled  (GError       **error);
char          *sl_plan_display_name (const char    *title,
                                     int            start,
                                     int            end);
SlPlanPreview *sl_plan_preview      (SlStore       *store,
                                     const char    *path,
                                     GError       **error);
SlPlanPreview *sl_plan_load_next    (SlStore       *store,
                                     const char    *path,
                                     GError       **error);
void           sl_plan_preview_free (SlPlanPreview *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlPlanPreview, sl_plan_preview_free)
gboolean  _sl_plan_load       (SlStore  *store,
                               GBytes   *json,
                               GError  **error);

G_END_DECLS
