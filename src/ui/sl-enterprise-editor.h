/* sl-enterprise-editor.h
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sl-store.h"

G_BEGIN_DECLS

#define SL_TYPE_ENTERPRISE_EDITOR (sl_enterprise_editor_get_type ())

G_DECLARE_FINAL_TYPE (SlEnterpriseEditor, sl_enterprise_editor, SL, ENTERPRISE_EDITOR, GtkWindow)

GtkWidget  *sl_enterprise_editor_new          (SlStore            *store,
                                               gint64              enterprise_id);
GtkWidget  *sl_enterprise_editor_get_field    (SlEnterpriseEditor *self,
                                               const char         *key);
const char *sl_enterprise_editor_get_message  (SlEnterpriseEditor *self,
                                               const char         *key);
gboolean    sl_enterprise_editor_save         (SlEnterpriseEditor *self);
gboolean    sl_enterprise_editor_is_dirty     (SlEnterpriseEditor *self);

G_END_DECLS
