/* sl-roster-item.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sl-roster-item.h"

/*
 * One position of the roster list and the firm shown there. When a search
 * or sort changes the list, the model gives the positions on screen their
 * new firms and says so with "changed", and the cells redraw their text:
 * GTK 4.8 would otherwise build new widgets for every realized row (about
 * 200 rows, 2,000 cells) on each keystroke.
 */
struct _SlRosterItem
{
  GObject      parent_instance;

  SlRosterRow *row;
  guint        position;
};

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

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
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
sl_roster_item_init (SlRosterItem *self)
{
}

/**
 * sl_roster_item_new:
 * @row: (transfer full): the row's values
 * @position: where it stands in the list
 */
SlRosterItem *
sl_roster_item_new (SlRosterRow *row,
                    guint        position)
{
  SlRosterItem *self = g_object_new (SL_TYPE_ROSTER_ITEM, NULL);

  self->row = row;
  self->position = position;
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

guint
sl_roster_item_get_position (SlRosterItem *self)
{
  g_return_val_if_fail (SL_IS_ROSTER_ITEM (self), 0);
  return self->position;
}

/**
 * sl_roster_item_set_row:
 * @row: (transfer full): the firm now at this position
 */
void
sl_roster_item_set_row (SlRosterItem *self,
                        SlRosterRow  *row)
{
  g_return_if_fail (SL_IS_ROSTER_ITEM (self));

  g_clear_pointer (&self->row, sl_roster_row_free);
  self->row = row;
  g_signal_emit (self, signals[CHANGED], 0);
}
