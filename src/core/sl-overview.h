/* sl-overview.h
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "sl-store.h"

G_BEGIN_DECLS

/**
 * SECTION:sl-overview
 *
 * What the first page shows, computed together: the bulletin's figures as
 * of today (every target against its value), what is due, the tier counts
 * at each of the last months' ends, and the last bulletin sent.
 */

typedef struct
{
  char      *today;
  JsonNode  *summary;         /* as sl_summary_compute_at() on today */
  GPtrArray *reminders;       /* SlReminder */
  GPtrArray *history;         /* SlTierMonth, oldest first */
  char      *last_bulletin_period;   /* NULL: none sent yet */
  int        last_bulletin_no;
  char      *last_bulletin_at;
} SlOverview;

void        sl_overview_free           (SlOverview          *overview);
SlOverview *sl_overview_compute        (SlStore             *store,
                                        const char          *today,
                                        GError             **error);
void        sl_overview_compute_async  (SlStore             *store,
                                        const char          *today,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
SlOverview *sl_overview_compute_finish (GAsyncResult        *result,
                                        GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlOverview, sl_overview_free)

G_END_DECLS
