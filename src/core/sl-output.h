/* sl-output.h
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-store.h"

G_BEGIN_DECLS

gboolean sl_output_check (SlStore             *store,
                          const char          *path,
                          const char * const  *extensions,
                          GError             **error);

G_END_DECLS
