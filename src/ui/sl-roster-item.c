/* sl-roster-item.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sl-roster-item.h"

/* One row of the roster, built when the list asks for it. */
struct _SlRosterItem
{
  GObject      parent_instance;

  SlRosterRow *row;
};

G_DEFINE_FINAL_TYPE (SlRosterItem, sl_roster_item, G_TYPE_OBJECT)

static void
sl_roster_item_finalize (GObject *object)
{
  SlRosterItem *self = SL_ROSTER_ITEM (object);

  g_clear_pointer (&self->row, sl_roster_row_free);
  G_OBJECT_CLASS (sl_roster_item_parent_class)->finalize (object);
}

static void
sl_roster_item_class_init (SlRosterItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sl_roster_item_finalize;
}

static void
sl_roster_item_init (SlRosterItem *self)
{
}

/**
 * sl_roster_item_new:
 * @row: (transfer full): the row's values
 */
SlRosterItem *
sl_roster_item_new (SlRosterRow *row)
{
  SlRosterItem *self = g_object_new (SL_TYPE_ROSTER_ITEM, NULL);

  self->row = row;
  return self;
}

const SlRosterRow *
sl_roster_item_get_row (SlRosterItem *self)
{
  g_return_val_if_fail (SL_IS_ROSTER_ITEM (self), NULL);
  return self->row;
}

gint64
sl_roster_item_get_id (SlRosterItem *self)
{
  g_return_val_if_fail (SL_IS_ROSTER_ITEM (self), 0);
  return self->row->id;
}
