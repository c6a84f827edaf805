/* sl-targets-editor.h
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sl-store.h"

G_BEGIN_DECLS

#define SL_TYPE_TARGETS_EDITOR (sl_targets_editor_get_type ())

G_DECLARE_FINAL_TYPE (SlTargetsEditor, sl_targets_editor, SL, TARGETS_EDITOR, GtkBox)

GtkWidget *sl_targets_editor_new       (SlStore         *store);
GtkWidget *sl_targets_editor_new_full  (SlStore         *store,
                                        gboolean         figures);
void       sl_targets_editor_select    (SlTargetsEditor *self,
                                        gint64           jurisdiction_id,
                                        int              year);
GtkEditable *sl_targets_editor_get_entry (SlTargetsEditor *self,
                                          const char      *metric_key);
const char *sl_targets_editor_get_message (SlTargetsEditor *self);

G_END_DECLS
