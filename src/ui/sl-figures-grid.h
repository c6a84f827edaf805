/* sl-figures-grid.h
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SL_TYPE_FIGURES_GRID (sl_figures_grid_get_type ())

G_DECLARE_FINAL_TYPE (SlFiguresGrid, sl_figures_grid, SL, FIGURES_GRID, GtkWidget)

GtkWidget *sl_figures_grid_new         (void);
void       sl_figures_grid_set_figures (SlFiguresGrid *self,
                                        GArray        *figures);
gboolean   sl_figures_grid_add_year    (SlFiguresGrid *self,
                                        int            year);
GArray    *sl_figures_grid_collect     (SlFiguresGrid *self,
                                        gint64         enterprise_id,
                                        GError       **error);
guint      sl_figures_grid_get_n_years (SlFiguresGrid *self);

G_END_DECLS
