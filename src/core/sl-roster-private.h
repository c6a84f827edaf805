/* sl-roster-private.h
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-roster.h"

G_BEGIN_DECLS

/* Shared by the roster's query (sl-roster-query.c) and the rosters it
 * keeps (sl-roster-cache.c). */

GString *_sl_roster_base_query (const SlRosterQuery  *q,
                                const char           *meets,
                                GPtrArray           **out_params);
GArray  *_sl_roster_run_ids    (SlStore              *store,
                                const char           *sql,
                                GPtrArray            *params,
                                GError              **error);
GArray  *_sl_roster_kept       (SlStore              *store,
                                const char           *sql,
                                GPtrArray            *params);
GArray  *_sl_roster_kept_ids   (SlStore              *store,
                                const char           *sql,
                                GPtrArray            *params,
                                GError              **error);

/* A kept roster holds its ids in 32 bits while they fit (ten sorts of a
 * million firms: 40 MB, not 80); read them with this, @small from
 * _sl_roster_ids_small(), asked once for a loop. */
static inline gboolean
_sl_roster_ids_small (GArray *ids)
{
  return g_array_get_element_size (ids) == sizeof (gint32);
}

static inline gint64
_sl_roster_id_at (GArray   *ids,
                  gboolean  small,
                  guint     i)
{
  return small ? g_array_index (ids, gint32, i) : g_array_index (ids, gint64, i);
}

G_END_DECLS
