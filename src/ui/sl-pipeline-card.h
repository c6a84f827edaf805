/* sl-pipeline-card.h
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sl-roster.h"

G_BEGIN_DECLS

#define SL_TYPE_PIPELINE_CARD (sl_pipeline_card_get_type ())

G_DECLARE_FINAL_TYPE (SlPipelineCard, sl_pipeline_card, SL, PIPELINE_CARD, GtkWidget)

GtkWidget *sl_pipeline_card_new    (void);
void       sl_pipeline_card_set    (SlPipelineCard    *self,
                                    const SlRosterRow *row,
                                    const char        *today,
                                    int                warn_days,
                                    GPtrArray         *checks,
                                    const char        *next_tier_name);
gint64     sl_pipeline_card_get_id (SlPipelineCard    *self);

G_END_DECLS
