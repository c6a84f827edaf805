/* sl-projects-page.h
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sl-store.h"

G_BEGIN_DECLS

#define SL_TYPE_PROJECTS_PAGE (sl_projects_page_get_type ())

G_DECLARE_FINAL_TYPE (SlProjectsPage, sl_projects_page, SL, PROJECTS_PAGE, GtkWidget)

GtkWidget *sl_projects_page_new        (SlStore        *store);
void       sl_projects_page_reload     (SlProjectsPage *self);
void       sl_projects_page_refresh    (SlProjectsPage *self);
void       sl_projects_page_select     (SlProjectsPage *self,
                                        gint64          project_id);
gint64     sl_projects_page_get_project (SlProjectsPage *self);
guint      sl_projects_page_get_n_items (SlProjectsPage *self);
gboolean   sl_projects_page_undo       (SlProjectsPage *self);
gboolean   sl_projects_page_can_undo   (SlProjectsPage *self);

G_END_DECLS
