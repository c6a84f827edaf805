/* sl-plan-dialog.h
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sl-store.h"

G_BEGIN_DECLS

#define SL_TYPE_PLAN_DIALOG (sl_plan_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SlPlanDialog, sl_plan_dialog, SL, PLAN_DIALOG, GtkWindow)

GtkWidget *sl_plan_dialog_new (SlStore    *store,
                               const char *path);

G_END_DECLS
