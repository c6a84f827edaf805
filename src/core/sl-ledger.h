/* sl-ledger.h
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sl-store.h"

G_BEGIN_DECLS

/**
 * SECTION:sl-ledger
 *
 * A ledger is a store that knows what it holds: a new one is made from the
 * bundled plan, every connection gets the roster's SQL functions, and the
 * writable open refreshes the tiers held today and removes the temporaries
 * a kill left. sl_ledger_care() checks the file and makes the day's backup.
 */

SlStore  *sl_ledger_open        (const char           *path,
                                 SlStoreOpenFlags      flags,
                                 GError              **error);
gboolean  sl_ledger_care        (const char           *path,
                                 GCancellable         *cancellable,
                                 GError              **error);
void      sl_ledger_care_async  (const char           *path,
                                 GCancellable         *cancellable,
                                 GAsyncReadyCallback   callback,
                                 gpointer              user_data);
gboolean  sl_ledger_care_finish (GAsyncResult         *result,
                                 GError              **error);

G_END_DECLS
