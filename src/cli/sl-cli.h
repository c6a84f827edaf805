/* sl-cli.h
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sl-options.h"

G_BEGIN_DECLS

int sl_cli_run (const SlOptions *options);

G_END_DECLS
