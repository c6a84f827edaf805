/* sl-pipeline-board.h
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sl-certification.h"
#include "sl-store.h"

G_BEGIN_DECLS

/**
 * SECTION:sl-pipeline-board
 *
 * What the pipeline page shows above its columns, and the certifications
 * a move on a card acts on.
 */

typedef struct
{
  char   *key;
  char   *name;
  int     level;
  gint64  highest;   /* firms whose highest tier held today is this one */
  gint64  held;      /* firms holding it today */
  double  target;    /* this year's target of the tier's count; NAN when none */
} SlTierColumn;

void             sl_tier_column_free           (SlTierColumn *column);
GPtrArray       *sl_pipeline_board_columns     (SlStore      *store,
                                                gint64        jurisdiction_id,
                                                gint64        chain_id,
                                                GError      **error);
void             sl_pipeline_board_columns_async  (SlStore             *store,
                                                   gint64               jurisdiction_id,
                                                   gint64               chain_id,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
GPtrArray       *sl_pipeline_board_columns_finish (GAsyncResult        *result,
                                                   GError             **error);
SlCertification *sl_pipeline_find_open         (SlStore      *store,
                                                gint64        enterprise_id,
                                                GError      **error);
SlCertification *sl_pipeline_find_held         (SlStore      *store,
                                                gint64        enterprise_id,
                                                GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlTierColumn, sl_tier_column_free)

G_END_DECLS
