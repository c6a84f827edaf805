/* sl-overview-page.h
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sl-store.h"

G_BEGIN_DECLS

#define SL_TYPE_OVERVIEW_PAGE (sl_overview_page_get_type ())

G_DECLARE_FINAL_TYPE (SlOverviewPage, sl_overview_page, SL, OVERVIEW_PAGE, GtkWidget)

GtkWidget *sl_overview_page_new        (SlStore        *store);
void       sl_overview_page_reload     (SlOverviewPage *self);
void       sl_overview_page_refresh    (SlOverviewPage *self);
gboolean   sl_overview_page_is_loading (SlOverviewPage *self);

G_END_DECLS
