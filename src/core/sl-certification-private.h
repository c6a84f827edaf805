/* sl-certification-private.h
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-store.h"

G_BEGIN_DECLS

/* A certification's events (certification_event): written inside the
 * write that changes its state, read by the bulletin's activity. */
gboolean _sl_certification_add_event   (SlStore     *store,
                                        gint64       certification_id,
                                        const char  *kind,
                                        const char  *on_date,
                                        const char  *until_before,
                                        GError     **error);
gint64   _sl_certification_overlapping (SlStore                *store,
                                        const SlCertification  *self,
                                        char                  **from,
                                        char                  **until,
                                        GError                **error);
gboolean _sl_certification_copy_events (SlStore     *to,
                                        gint64       to_id,
                                        SlStore     *from,
                                        gint64       from_id,
                                        GError     **error);

G_END_DECLS
