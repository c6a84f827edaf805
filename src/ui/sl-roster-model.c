/* sl-roster-model.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-roster-model"

#include "config.h"

#include "sl-roster-item.h"
#include "sl-roster-model.h"

/*
 * A GListModel over the ordered ids of one roster query. Searching and
 * sorting happen in SQLite; this holds eight bytes per firm and builds
 * SlRosterItems only for the positions the view asks for — the few hundred
 * rows it keeps realized. Those stay alive across queries: a new result
 * refills them (see sl-roster-item.c) instead of replacing the list.
 */
struct _SlRosterModel
{
  GObject        parent_instance;

  SlStore       *store;
  GArray        *ids;
  GHashTable    *live;      /* position -> SlRosterItem, not owned */
  SlRosterQuery  query;
  char          *search;
  char          *tier_key;
  char          *honour_key;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SlRosterModel, sl_roster_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
sl_roster_model_get_item_type (GListModel *model)
{
  return SL_TYPE_ROSTER_ITEM;
}

static guint
sl_roster_model_get_n_items (GListModel *model)
{
  return SL_ROSTER_MODEL (model)->ids->len;
}

static SlRosterRow *
load_row (SlRosterModel *self,
          gint64         id)
{
  SlRosterRow *row = sl_roster_row_load (self->store, id);

  if (row == NULL)
    {
      /* Gone since the query ran: show an empty row rather than nothing. */
      row = g_new0 (SlRosterRow, 1);
      row->id = id;
    }
  return row;
}

static void
item_gone_cb (gpointer  data,
              GObject  *where_the_object_was)
{
  SlRosterModel *self = data;
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->live);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (value == (gpointer) where_the_object_was)
      {
        g_hash_table_iter_remove (&iter);
        break;
      }
}

static gpointer
sl_roster_model_get_item (GListModel *model,
                          guint       position)
{
  SlRosterModel *self = SL_ROSTER_MODEL (model);
  SlRosterItem *item;

  if (position >= self->ids->len)
    return NULL;
  item = g_hash_table_lookup (self->live, GUINT_TO_POINTER (position));
  if (item != NULL)
    return g_object_ref (item);

  item = sl_roster_item_new (load_row (self, g_array_index (self->ids, gint64, position)), position);
  g_object_weak_ref (G_OBJECT (item), item_gone_cb, self);
  g_hash_table_insert (self->live, GUINT_TO_POINTER (position), item);
  return item;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = sl_roster_model_get_item_type;
  iface->get_n_items = sl_roster_model_get_n_items;
  iface->get_item = sl_roster_model_get_item;
}

/* Items the view still holds stop telling us when they go. */
static void
forget_live (SlRosterModel *self)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->live);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      g_object_weak_unref (value, item_gone_cb, self);
      g_hash_table_iter_remove (&iter);
    }
}

static void
sl_roster_model_finalize (GObject *object)
{
  SlRosterModel *self = SL_ROSTER_MODEL (object);

  forget_live (self);
  g_clear_object (&self->store);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->live, g_hash_table_unref);
  g_free (self->search);
  g_free (self->tier_key);
  g_free (self->honour_key);
  G_OBJECT_CLASS (sl_roster_model_parent_class)->finalize (object);
}

static void
sl_roster_model_class_init (SlRosterModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sl_roster_model_finalize;
}

static void
sl_roster_model_init (SlRosterModel *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->live = g_hash_table_new (g_direct_hash, g_direct_equal);
}

SlRosterModel *
sl_roster_model_new (SlStore *store)
{
  SlRosterModel *self = g_object_new (SL_TYPE_ROSTER_MODEL, NULL);

  self->store = g_object_ref (store);
  return self;
}

/**
 * sl_roster_model_set_query:
 *
 * Runs @query and shows its result, refilling the positions on screen.
 */
gboolean
sl_roster_model_set_query (SlRosterModel       *self,
                           const SlRosterQuery *query,
                           GError             **error)
{
  g_return_val_if_fail (SL_IS_ROSTER_MODEL (self), FALSE);

  /* Keep our own copy: the caller's strings may not outlive the call. */
  g_free (self->search);
  g_free (self->tier_key);
  g_free (self->honour_key);
  self->query = *query;
  self->search = g_strdup (query->search);
  self->tier_key = g_strdup (query->tier_key);
  self->honour_key = g_strdup (query->honour_key);
  self->query.search = self->search;
  self->query.tier_key = self->tier_key;
  self->query.honour_key = self->honour_key;
  return sl_roster_model_reload (self, error);
}

/**
 * sl_roster_model_reload:
 *
 * Runs the query again, after a write or with new terms. The positions the
 * view holds get their new firms in place; only a change of length is
 * announced as items added or removed at the end.
 */
gboolean
sl_roster_model_reload (SlRosterModel  *self,
                        GError        **error)
{
  g_autoptr(GArray) ids = sl_roster_query (self->store, &self->query, error);
  g_autoptr(GPtrArray) refill = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  gpointer key, value;
  guint old;

  if (ids == NULL)
    return FALSE;
  old = self->ids->len;
  g_array_unref (self->ids);
  self->ids = g_steal_pointer (&ids);

  g_hash_table_iter_init (&iter, self->live);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint position = GPOINTER_TO_UINT (key);

      if (position < self->ids->len)
        g_ptr_array_add (refill, g_object_ref (value));
      else
        {
          /* Past the new end: that item leaves with the removed tail. */
          g_object_weak_unref (value, item_gone_cb, self);
          g_hash_table_iter_remove (&iter);
        }
    }
  for (guint i = 0; i < refill->len; i++)
    {
      SlRosterItem *item = refill->pdata[i];
      gint64 id = g_array_index (self->ids, gint64, sl_roster_item_get_position (item));

      sl_roster_item_set_row (item, load_row (self, id));
    }

  if (self->ids->len < old)
    g_list_model_items_changed (G_LIST_MODEL (self), self->ids->len, old - self->ids->len, 0);
  else if (self->ids->len > old)
    g_list_model_items_changed (G_LIST_MODEL (self), old, 0, self->ids->len - old);
  return TRUE;
}

gint64
sl_roster_model_get_id (SlRosterModel *self,
                        guint          position)
{
  g_return_val_if_fail (SL_IS_ROSTER_MODEL (self), 0);
  return position < self->ids->len ? g_array_index (self->ids, gint64, position) : 0;
}

/**
 * sl_roster_model_find:
 *
 * Returns: the position of @id, or -1
 */
int
sl_roster_model_find (SlRosterModel *self,
                      gint64         id)
{
  for (guint i = 0; i < self->ids->len; i++)
    if (g_array_index (self->ids, gint64, i) == id)
      return (int) i;
  return -1;
}
