/* sl-ledger.h
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-store.h"

G_BEGIN_DECLS

/**
 * SECTION:sl-ledger
 *
 * A ledger is a store that knows what it holds: a new one is made from the
 * bundled plan, every connection gets the roster's SQL functions, and the
 * first writable open of a day refreshes the tiers held today, checks the
 * file, makes the day's backup and removes the temporaries a kill left.
 */

SlStore *sl_ledger_open (const char        *path,
                         SlStoreOpenFlags   flags,
                         GError           **error);

G_END_DECLS
