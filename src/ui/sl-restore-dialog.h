/* sl-restore-dialog.h
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SL_TYPE_RESTORE_DIALOG (sl_restore_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SlRestoreDialog, sl_restore_dialog, SL, RESTORE_DIALOG, GtkWindow)

SlRestoreDialog *sl_restore_dialog_new         (GtkWindow       *parent,
                                                const char      *ledger);
void             sl_restore_dialog_show_error  (SlRestoreDialog *self,
                                                const GError    *error);
guint            sl_restore_dialog_get_n_backups (SlRestoreDialog *self);
gboolean         sl_restore_dialog_select      (SlRestoreDialog *self,
                                                guint            index);

G_END_DECLS
