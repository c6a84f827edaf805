/* sl-roster-page.h
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sl-roster-model.h"
#include "sl-store.h"

G_BEGIN_DECLS

#define SL_TYPE_ROSTER_PAGE (sl_roster_page_get_type ())

G_DECLARE_FINAL_TYPE (SlRosterPage, sl_roster_page, SL, ROSTER_PAGE, GtkWidget)

GtkWidget     *sl_roster_page_new          (SlStore      *store,
                                            gboolean      trash);
void           sl_roster_page_reload       (SlRosterPage *self);
void           sl_roster_page_focus_search (SlRosterPage *self);
SlRosterModel *sl_roster_page_get_model    (SlRosterPage *self);
gint64         sl_roster_page_get_selected (SlRosterPage *self);

G_END_DECLS
