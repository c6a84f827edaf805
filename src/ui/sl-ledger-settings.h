/* sl-ledger-settings.h
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sl-store.h"

G_BEGIN_DECLS

#define SL_TYPE_LEDGER_SETTINGS (sl_ledger_settings_get_type ())

G_DECLARE_FINAL_TYPE (SlLedgerSettings, sl_ledger_settings, SL, LEDGER_SETTINGS, GtkWindow)

GtkWidget *sl_ledger_settings_new (SlStore *store);

G_END_DECLS
