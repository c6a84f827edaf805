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

/* Rows built for the visible part of the list and a little more; past this
 * the cache starts again, so memory stays flat however far one scrolls. */
#define CACHE_LIMIT 2048

/*
 * A GListModel over the ordered ids of one roster query. Searching and
 * sorting happen in SQLite; this holds eight bytes per firm and builds
 * SlRosterItems only when the view asks for them.
 */
struct _SlRosterModel
{
  GObject        parent_instance;

  SlStore       *store;
  GArray        *ids;
  GHashTable    *cache;     /* id -> SlRosterItem */
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

static gpointer
sl_roster_model_get_item (GListModel *model,
                          guint       position)
{
  SlRosterModel *self = SL_ROSTER_MODEL (model);
  SlRosterItem *item;
  SlRosterRow *row;
  gint64 id;

  if (position >= self->ids->len)
    return NULL;
  id = g_array_index (self->ids, gint64, position);
  item = g_hash_table_lookup (self->cache, &id);
  if (item != NULL)
    return g_object_ref (item);

  row = sl_roster_row_load (self->store, id);
  if (row == NULL)
    {
      /* Gone since the query ran: show an empty row rather than nothing. */
      row = g_new0 (SlRosterRow, 1);
      row->id = id;
    }
  if (g_hash_table_size (self->cache) >= CACHE_LIMIT)
    g_hash_table_remove_all (self->cache);
  item = sl_roster_item_new (row);
  g_hash_table_insert (self->cache, g_memdup2 (&id, sizeof id), g_object_ref (item));
  return item;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = sl_roster_model_get_item_type;
  iface->get_n_items = sl_roster_model_get_n_items;
  iface->get_item = sl_roster_model_get_item;
}

static void
sl_roster_model_finalize (GObject *object)
{
  SlRosterModel *self = SL_ROSTER_MODEL (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->cache, g_hash_table_unref);
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
  self->cache = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
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
 * Runs @query and replaces the list with its result in one change.
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
 * Runs the query again, after a write.
 */
gboolean
sl_roster_model_reload (SlRosterModel  *self,
                        GError        **error)
{
  g_autoptr(GArray) ids = sl_roster_query (self->store, &self->query, error);
  guint old;

  if (ids == NULL)
    return FALSE;
  old = self->ids->len;
  g_hash_table_remove_all (self->cache);

  /* Announced as removed, then as added, never as one replace: for a
   * replace GTK 4.8 asks for every added item (a row load each), which
   * costs 20 µs a row, and seconds for the whole roster. */
  g_array_set_size (self->ids, 0);
  if (old > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old, 0);
  g_array_unref (self->ids);
  self->ids = g_steal_pointer (&ids);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, self->ids->len);
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
