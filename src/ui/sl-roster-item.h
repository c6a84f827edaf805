/* sl-roster-item.h
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "sl-roster.h"

G_BEGIN_DECLS

#define SL_TYPE_ROSTER_ITEM (sl_roster_item_get_type ())

G_DECLARE_FINAL_TYPE (SlRosterItem, sl_roster_item, SL, ROSTER_ITEM, GObject)

SlRosterItem      *sl_roster_item_new          (SlRosterRow  *row,
                                               guint         position);
const SlRosterRow *sl_roster_item_get_row      (SlRosterItem *self);
gint64             sl_roster_item_get_id       (SlRosterItem *self);
guint              sl_roster_item_get_position (SlRosterItem *self);
void               sl_roster_item_set_row      (SlRosterItem *self,
                                               SlRosterRow  *row);

G_END_DECLS
