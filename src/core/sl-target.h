/* sl-target.h
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-store.h"

G_BEGIN_DECLS

/**
 * SECTION:sl-target
 *
 * The targets of the plan's metrics, per year and jurisdiction. The plan
 * loads its city-wide values; a county sets its own share. A year without
 * its own value takes the next later year's (the 2025 goals serve
 * 2023–2025), else the latest earlier one.
 */

typedef struct
{
  char   *metric_key;
  char   *name;
  char   *unit;
  char   *comparison;
  double  own;         /* set for exactly this year and jurisdiction; NAN if not */
  double  reference;   /* what applies without it: the whole ledger's, or another year's; NAN if none */
} SlTarget;

void       sl_target_free  (SlTarget    *target);
GPtrArray *sl_target_list  (SlStore     *store,
                            gint64       jurisdiction_id,
                            int          year,
                            GError     **error);
gboolean   sl_target_set   (SlStore     *store,
                            const char  *metric_key,
                            gint64       jurisdiction_id,
                            int          year,
                            double       value,
                            GError     **error);
gboolean   sl_target_clear (SlStore     *store,
                            const char  *metric_key,
                            gint64       jurisdiction_id,
                            int          year,
                            GError     **error);

GPtrArray *sl_typed_figure_list (SlStore     *store,
                                 gint64       jurisdiction_id,
                                 int          year,
                                 GError     **error);
gboolean   sl_typed_figure_set  (SlStore     *store,
                                 const char  *figure_key,
                                 gint64       jurisdiction_id,
                                 int          year,
                                 double       value,
                                 GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlTarget, sl_target_free)

G_END_DECLS
