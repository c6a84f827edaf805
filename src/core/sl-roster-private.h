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

G_END_DECLS
