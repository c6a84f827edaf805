/* sl-bulletins-page.h
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sl-store.h"

G_BEGIN_DECLS

#define SL_TYPE_BULLETINS_PAGE (sl_bulletins_page_get_type ())

G_DECLARE_FINAL_TYPE (SlBulletinsPage, sl_bulletins_page, SL, BULLETINS_PAGE, GtkWidget)

GtkWidget *sl_bulletins_page_new       (SlStore         *store,
                                        GSettings       *settings);
void       sl_bulletins_page_refresh   (SlBulletinsPage *self);
void       sl_bulletins_page_export_to (SlBulletinsPage *self,
                                        const char      *path,
                                        gint64           again_id);
gboolean   sl_bulletins_page_is_busy   (SlBulletinsPage *self);

G_END_DECLS
