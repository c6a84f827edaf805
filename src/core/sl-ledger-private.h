/* sl-ledger-private.h
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-ledger.h"
#include "sl-store-private.h"

G_BEGIN_DECLS

SlStore *_sl_ledger_open_full (const char         *path,
                               const SlMigration  *migrations,
                               guint               n_migrations,
                               GBytes             *plan_json,
                               SlStoreOpenFlags    flags,
                               GError            **error);

G_END_DECLS
