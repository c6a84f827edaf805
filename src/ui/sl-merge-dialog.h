/* sl-merge-dialog.h
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sl-store.h"

G_BEGIN_DECLS

#define SL_TYPE_MERGE_DIALOG (sl_merge_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SlMergeDialog, sl_merge_dialog, SL, MERGE_DIALOG, GtkWindow)

GtkWidget *sl_merge_dialog_new (SlStore    *store,
                                const char *path);

G_END_DECLS
