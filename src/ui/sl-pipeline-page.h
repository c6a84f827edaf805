/* sl-pipeline-page.h
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sl-move-form.h"
#include "sl-store.h"

G_BEGIN_DECLS

#define SL_TYPE_PIPELINE_PAGE (sl_pipeline_page_get_type ())

G_DECLARE_FINAL_TYPE (SlPipelinePage, sl_pipeline_page, SL, PIPELINE_PAGE, GtkWidget)

GtkWidget *sl_pipeline_page_new          (SlStore        *store);
void       sl_pipeline_page_refresh      (SlPipelinePage *self);
gboolean   sl_pipeline_page_start_move   (SlPipelinePage *self,
                                          SlMove          move,
                                          gint64          enterprise_id,
                                          const char     *tier_key);
GtkWidget *sl_pipeline_page_get_column   (SlPipelinePage *self,
                                          const char     *tier_key);
SlMoveForm *sl_pipeline_page_get_form    (SlPipelinePage *self);
void       sl_pipeline_page_drop_card    (SlPipelinePage *self,
                                          gint64          enterprise_id,
                                          const char     *tier_key);

gboolean   sl_pipeline_page_can_undo (SlPipelinePage  *self);
gboolean   sl_pipeline_page_undo     (SlPipelinePage  *self,
                                      char           **out_text);

G_END_DECLS
