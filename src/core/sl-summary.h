/* sl-summary.h
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "sl-store.h"

G_BEGIN_DECLS

/**
 * SECTION:sl-summary
 *
 * The figures of a monthly bulletin, computed as of the last day of the
 * month from the dated certification history, so that the same month gives
 * the same figures whenever it is computed. The JSON shape is documented in
 * README.md ("The summary JSON").
 */

JsonNode *sl_summary_compute    (SlStore     *store,
                                 const char  *period,
                                 const char  *scope,
                                 GError     **error);
JsonNode *sl_summary_compute_full (SlStore   *store,
                                   const char *period,
                                   const char *scope,
                                   int         figures_year,
                                   GError    **error);
JsonNode *sl_summary_compute_at (SlStore     *store,
                                 const char  *date,
                                 const char  *scope,
                                 GError     **error);
GHashTable *sl_summary_metric_values (SlStore            *store,
                                      const char         *date,
                                      const char * const *keys,
                                      GError            **error);

/* The counts of --summary's "activity", in the order the bulletin shows
 * them: applications filed, publicised, approved, not approved, re-reviews
 * passed and failed. */
#define SL_SUMMARY_N_ACTIVITY_KINDS 6
extern const char * const sl_summary_activity_kinds[SL_SUMMARY_N_ACTIVITY_KINDS];

G_END_DECLS
