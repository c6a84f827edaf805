/* sl-window.h
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sl-store.h"

G_BEGIN_DECLS

#define SL_TYPE_WINDOW (sl_window_get_type ())

G_DECLARE_FINAL_TYPE (SlWindow, sl_window, SL, WINDOW, GtkApplicationWindow)

SlWindow  *sl_window_new           (gpointer    application,
                                    SlStore    *store,
                                    GSettings  *settings);
SlStore   *sl_window_get_store     (SlWindow   *self);
void       sl_window_show_page     (SlWindow   *self,
                                    const char *page);
GtkWidget *sl_window_get_page      (SlWindow   *self,
                                    const char *page);
GtkWindow *sl_window_open_editor   (SlWindow   *self,
                                    gint64      enterprise_id);
void       sl_window_show_message  (SlWindow   *self,
                                    const char *text);

G_END_DECLS
