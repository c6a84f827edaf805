/* sl-collate.h
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

void   _sl_collate_register (sqlite3 *db);
char  *_sl_collate_version  (void);

G_END_DECLS
