/* sl-error.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "sl-error.h"

G_DEFINE_QUARK (sl-store-error-quark, sl_store_error)
G_DEFINE_QUARK (sl-validation-error-quark, sl_validation_error)
G_DEFINE_QUARK (sl-plan-error-quark, sl_plan_error)
