/* sl-import-dialog.h
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sl-store.h"

G_BEGIN_DECLS

#define SL_TYPE_IMPORT_DIALOG (sl_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SlImportDialog, sl_import_dialog, SL, IMPORT_DIALOG, GtkWindow)

GtkWidget *sl_import_dialog_new (SlStore    *store,
                                 const char *path);

G_END_DECLS
