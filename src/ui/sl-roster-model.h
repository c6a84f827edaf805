/* sl-roster-model.h
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sl-roster.h"
#include "sl-store.h"

G_BEGIN_DECLS

#define SL_TYPE_ROSTER_MODEL (sl_roster_model_get_type ())

G_DECLARE_FINAL_TYPE (SlRosterModel, sl_roster_model, SL, ROSTER_MODEL, GObject)

SlRosterModel *sl_roster_model_new       (SlStore             *store);
gboolean       sl_roster_model_set_query (SlRosterModel       *self,
                                          const SlRosterQuery *query,
                                          GError             **error);
gboolean       sl_roster_model_reload    (SlRosterModel       *self,
                                          GError             **error);
gint64         sl_roster_model_get_id    (SlRosterModel       *self,
                                          guint                position);
int            sl_roster_model_find      (SlRosterModel       *self,
                                          gint64               id);

G_END_DECLS
