/* sl-cli.h
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean sl_cli_wanted (int    argc,
                        char **argv);
int      sl_cli_run    (int    argc,
                        char **argv);

G_END_DECLS
