/* sl-pipeline-column.h
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sl-pipeline-board.h"
#include "sl-roster-model.h"
#include "sl-store.h"

G_BEGIN_DECLS

#define SL_TYPE_PIPELINE_COLUMN (sl_pipeline_column_get_type ())

G_DECLARE_FINAL_TYPE (SlPipelineColumn, sl_pipeline_column, SL, PIPELINE_COLUMN, GtkWidget)

GtkWidget     *sl_pipeline_column_new        (SlStore            *store,
                                              const char         *tier_key,
                                              const char         *tier_name,
                                              const char         *next_tier_key,
                                              const char         *next_tier_name);
gboolean       sl_pipeline_column_set_filter (SlPipelineColumn   *self,
                                              gint64              jurisdiction_id,
                                              gint64              chain_id,
                                              gboolean            meets_next,
                                              GError            **error);
void           sl_pipeline_column_set_counts (SlPipelineColumn   *self,
                                              const SlTierColumn *counts);
const char    *sl_pipeline_column_get_tier   (SlPipelineColumn   *self);
SlRosterModel *sl_pipeline_column_get_model  (SlPipelineColumn   *self);
gboolean       sl_pipeline_column_focus_firm (SlPipelineColumn   *self,
                                              gint64              id);

G_END_DECLS
