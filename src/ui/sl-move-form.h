/* sl-move-form.h
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sl-pipeline.h"
#include "sl-store.h"

G_BEGIN_DECLS

/**
 * SlMove:
 * @SL_MOVE_APPLICATION: record an application for a tier
 * @SL_MOVE_RESULT: record the result of the open application
 * @SL_MOVE_REVIEW: record the re-review of the certification in force
 * @SL_MOVE_END: mark the certification in force expired or revoked
 */
typedef enum {
  SL_MOVE_APPLICATION,
  SL_MOVE_RESULT,
  SL_MOVE_REVIEW,
  SL_MOVE_END,
} SlMove;

#define SL_TYPE_MOVE_FORM (sl_move_form_get_type ())

G_DECLARE_FINAL_TYPE (SlMoveForm, sl_move_form, SL, MOVE_FORM, GtkWidget)

GtkWidget *sl_move_form_new       (SlStore     *store);
gboolean   sl_move_form_start     (SlMoveForm  *self,
                                   SlMove       move,
                                   gint64       enterprise_id,
                                   const char  *tier_key,
                                   GError     **error);
gint64     sl_move_form_get_enterprise (SlMoveForm *self);
const SlPipelineMark *sl_move_form_get_mark (SlMoveForm *self);

G_END_DECLS
