/* sl-window-private.h
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-window.h"

G_BEGIN_DECLS

/* Between the window and its file actions (sl-window-files.c). */
GSettings *_sl_window_get_settings          (SlWindow       *self);
void       _sl_window_pages_changed         (SlWindow       *self);
void       _sl_window_files_install_actions (GtkWidgetClass *widget_class);

G_END_DECLS
