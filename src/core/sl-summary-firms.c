/* sl-summary-firms.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The bulletin's firms in memory: where each is counted, the tiers it
 * holds, and the populations and honours it belongs to. Each was a
 * temporary table of up to a million rows that every count joined again
 * (10 s for a summary at 1,000,000 firms); here each is read once, in the
 * order of an index that covers it, into an array by firm, and a count is
 * a loop over the array. */

#define G_LOG_DOMAIN "sl-summary"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sl-certification.h"
#include "sl-enterprise.h"
#include "sl-store-private.h"
#include "sl-summary-private.h"

static void
firm_set_free (gpointer data)
{
  SlFirmSet *set = data;

  g_free (set->member);
  g_free (set->name);
  g_free (set);
}

static void
firm_set_add (SlFirmSet *set,
              gint64     slot)
{
  if (!_sl_firm_set_has (set, slot))
    {
      set->member[slot >> 3] |= (guint8) (1u << (slot & 7));
      set->size++;
    }
}

static SlFirmSet *
firm_set_new (Ctx *ctx)
{
  SlFirmSet *set = g_new0 (SlFirmSet, 1);

  set->member = g_new0 (guint8, ctx->n_slots / 8 + 1);
  return set;
}

void
_sl_summary_ctx_clear (Ctx *ctx)
{
  g_clear_pointer (&ctx->slot_of_id, g_hash_table_unref);
  g_clear_pointer (&ctx->ids, g_free);
  g_clear_pointer (&ctx->jurisdiction, g_free);
  g_clear_pointer (&ctx->above_scale, g_free);
  g_clear_pointer (&ctx->activity, g_hash_table_unref);
  g_clear_pointer (&ctx->unit_of, g_hash_table_unref);
  g_clear_pointer (&ctx->unit, g_free);
  g_clear_pointer (&ctx->unit_last, g_free);
  g_clear_pointer (&ctx->tier_keys, g_ptr_array_unref);
  g_clear_pointer (&ctx->tier_flags, g_free);
  g_clear_pointer (&ctx->last_day, g_free);
  g_clear_pointer (&ctx->populations, g_hash_table_unref);
  g_clear_pointer (&ctx->honours, g_hash_table_unref);
  g_clear_pointer (&ctx->figures, g_hash_table_unref);
  g_clear_pointer (&ctx->figure_specs, g_ptr_array_unref);
  g_clear_pointer (&ctx->tier_held, g_hash_table_unref);
}

/* Which row of the bulletin each jurisdiction in scope counts under: the
 * top-level jurisdictions for the whole ledger (towns count under their
 * county), or the scope and its towns. Kept as a temporary table too, for
 * the query that lists the rows. */
static gboolean
read_unit_map (Ctx     *ctx,
               GError **error)
{
  g_autoptr(GError) step_error = NULL;
  g_autoptr(SlStmt) fill = NULL;
  g_autoptr(SlStmt) read = NULL;

  if (!_sl_store_exec (ctx->store,
                       "CREATE TEMP TABLE IF NOT EXISTS unit_map (jurisdiction_id INTEGER PRIMARY KEY, unit_id INTEGER NOT NULL);"
                       "CREATE TEMP TABLE IF NOT EXISTS scope_unit (unit_id INTEGER PRIMARY KEY);"
                       "DELETE FROM unit_map; DELETE FROM scope_unit;",
                       error))
    return FALSE;
  if (ctx->scope_id == 0)
    fill = _sl_store_prepare (ctx->store,
      "INSERT INTO unit_map SELECT id, ifnull (parent_id, id) FROM jurisdiction", error);
  else
    {
      fill = _sl_store_prepare (ctx->store,
        "INSERT INTO unit_map SELECT id, id FROM jurisdiction WHERE id = ?1 OR parent_id = ?1", error);
      if (fill != NULL)
        sqlite3_bind_int64 (fill, 1, ctx->scope_id);
    }
  if (fill == NULL || !_sl_store_step_done (ctx->store, fill, error))
    return FALSE;

  read = _sl_store_prepare (ctx->store, "SELECT jurisdiction_id, unit_id FROM unit_map", error);
  if (read == NULL)
    return FALSE;
  ctx->unit_of = g_hash_table_new (g_direct_hash, g_direct_equal);
  while (_sl_step_row (read, &step_error))
    g_hash_table_insert (ctx->unit_of,
                         GSIZE_TO_POINTER ((gsize) sqlite3_column_int64 (read, 0)),
                         GSIZE_TO_POINTER ((gsize) sqlite3_column_int64 (read, 1)));
  if (step_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&step_error));
      return FALSE;
    }
  return TRUE;
}

static inline gint32
unit_of (Ctx    *ctx,
         gint64  jurisdiction_id)
{
  return (gint32) GPOINTER_TO_SIZE (g_hash_table_lookup (ctx->unit_of, GSIZE_TO_POINTER ((gsize) jurisdiction_id)));
}

/* Each firm's row on @day: where it is now, unless it moved after @day,
 * then where its first move after @day took it from. */
static gint32 *
units_on (Ctx         *ctx,
          const char  *day,
          GError     **error)
{
  g_autoptr(GError) step_error = NULL;
  g_autofree gint32 *units = g_new0 (gint32, MAX (ctx->n_slots, 1));
  g_autoptr(SlStmt) moves = NULL;
  gint64 previous = -1;

  for (gint64 s = 0; s < ctx->n_slots; s++)
    if (ctx->jurisdiction[s] != 0)
      units[s] = unit_of (ctx, ctx->jurisdiction[s]);

  moves = _sl_store_prepare (ctx->store,
    "SELECT enterprise_id, from_id FROM jurisdiction_move WHERE moved_on > ?1 ORDER BY enterprise_id, moved_on, id", error);
  if (moves == NULL)
    return NULL;
  _sl_bind_text (moves, 1, day);
  while (_sl_step_row (moves, &step_error))
    {
      gint64 id = sqlite3_column_int64 (moves, 0);
      gint64 slot;

      if (id == previous)
        continue;
      previous = id;
      slot = _sl_summary_slot (ctx, id);
      if (slot >= 0 && ctx->jurisdiction[slot] != 0)
        units[slot] = unit_of (ctx, sqlite3_column_int64 (moves, 1));
    }
  if (step_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&step_error));
      return NULL;
    }
  return g_steal_pointer (&units);
}

/* A firm's slot is its id while the ids are dense enough that an array by
 * id wastes little; otherwise its place in the order read. */
static void
place_firms (Ctx    *ctx,
             GArray *ids,
             GArray *jurisdictions,
             GArray *above_scale,
             gint64  max_id)
{
  gint64 n = ids->len;

  if (max_id < 2 * n + 65536)
    {
      ctx->n_slots = max_id + 1;
      ctx->jurisdiction = g_new0 (gint32, MAX (ctx->n_slots, 1));
      ctx->above_scale = g_new0 (guint8, MAX (ctx->n_slots, 1));
      for (gint64 i = 0; i < n; i++)
        {
          gint64 id = g_array_index (ids, gint64, i);

          ctx->jurisdiction[id] = g_array_index (jurisdictions, gint32, i);
          ctx->above_scale[id] = g_array_index (above_scale, guint8, i);
        }
      return;
    }
  ctx->n_slots = n;
  ctx->ids = g_array_steal (ids, NULL);
  ctx->jurisdiction = g_array_steal (jurisdictions, NULL);
  ctx->above_scale = g_array_steal (above_scale, NULL);
  ctx->slot_of_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (gint64 i = 0; i < n; i++)
    g_hash_table_insert (ctx->slot_of_id, &ctx->ids[i], GSIZE_TO_POINTER ((gsize) i + 1));
}

/**
 * _sl_summary_firms_load: (skip)
 *
 * Reads the firms not in the trash, where each is now, and the row of the
 * bulletin each counts under on the day of the figures.
 */
gboolean
_sl_summary_firms_load (Ctx     *ctx,
                        GError **error)
{
  g_autoptr(GError) step_error = NULL;
  g_autoptr(SlStmt) stmt = NULL;
  g_autoptr(SlStmt) used = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) jurisdictions = g_array_new (FALSE, FALSE, sizeof (gint32));
  g_autoptr(GArray) above_scale = g_array_new (FALSE, FALSE, sizeof (guint8));
  g_autoptr(GHashTable) seen = g_hash_table_new (g_direct_hash, g_direct_equal);
  gint64 max_id = -1;

  ctx->populations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, firm_set_free);
  ctx->honours = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, firm_set_free);
  ctx->tier_held = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  ctx->activity = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  if (!read_unit_map (ctx, error))
    return FALSE;

  /* One read of the table, in its own order: a partial index (of the
   * patents, say) that the planner would take for "deleted_at IS NULL"
   * looks every firm up in the table again, three times as slow. */
  stmt = _sl_store_prepare (ctx->store,
    "SELECT id, jurisdiction_id, above_scale = 1 FROM enterprise NOT INDEXED WHERE deleted_at IS NULL", error);
  if (stmt == NULL)
    return FALSE;
  while (_sl_step_row (stmt, &step_error))
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gint64 j = sqlite3_column_int64 (stmt, 1);
      gint32 j32 = (gint32) CLAMP (j, G_MININT32, G_MAXINT32);
      guint8 above = sqlite3_column_int (stmt, 2) != 0;

      /* A firm with no jurisdiction (0) is counted nowhere, as the join it
       * replaces counted it. */
      if (id < 0)
        continue;
      g_array_append_val (ids, id);
      g_array_append_val (jurisdictions, j32);
      g_array_append_val (above_scale, above);
      max_id = MAX (max_id, id);
    }
  if (step_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&step_error));
      return FALSE;
    }
  place_firms (ctx, ids, jurisdictions, above_scale, max_id);

  ctx->unit = units_on (ctx, ctx->as_of, error);
  if (ctx->unit == NULL)
    return FALSE;

  /* The rows that have a firm, which a retired jurisdiction's row needs
   * to be listed. */
  for (gint64 s = 0; s < ctx->n_slots; s++)
    if (ctx->unit[s] != 0)
      g_hash_table_add (seen, GINT_TO_POINTER (ctx->unit[s]));
  used = _sl_store_prepare (ctx->store, "INSERT OR IGNORE INTO scope_unit (unit_id) VALUES (?1)", error);
  if (used == NULL)
    return FALSE;
  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, seen);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      {
        sqlite3_bind_int64 (used, 1, GPOINTER_TO_INT (key));
        if (!_sl_store_step_done (ctx->store, used, error))
          return FALSE;
        sqlite3_reset (used);
      }
  }
  return TRUE;
}

/* The certifications a re-review recorded after @day had extended when
 * @day had already passed their end: lapsed on @day, as the ledger knows
 * it now (SL_NOT_LAPSED_ON). */
static GHashTable *
lapsed_on (Ctx         *ctx,
           const char  *day,
           GError     **error)
{
  g_autoptr(GError) step_error = NULL;
  g_autoptr(GHashTable) lapsed = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(SlStmt) stmt = _sl_store_prepare (ctx->store,
    "SELECT certification_id FROM certification_event"
    " WHERE kind = 'review_passed' AND on_date > ?1 AND until_before < ?1", error);

  if (stmt == NULL)
    return NULL;
  _sl_bind_text (stmt, 1, day);
  while (_sl_step_row (stmt, &step_error))
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_hash_table_add (lapsed, g_memdup2 (&id, sizeof id));
    }
  if (step_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&step_error));
      return NULL;
    }
  return g_steal_pointer (&lapsed);
}

static gboolean
is_held_status (const char *status)
{
  /* SL_HELD_STATUSES */
  return g_strcmp0 (status, "certified") == 0 || g_strcmp0 (status, "under_review") == 0
         || g_strcmp0 (status, "expired") == 0 || g_strcmp0 (status, "revoked") == 0;
}

/* Begun by @day and not ended before it (the lapse is looked up apart). */
static gboolean
held_on (const char *from,
         const char *until,
         const char *day)
{
  return from != NULL && strcmp (from, day) <= 0 && (until == NULL || strcmp (until, day) >= 0);
}

static gboolean
within (const char *day,
        const char *first,
        const char *last)
{
  return day != NULL && strcmp (day, first) >= 0 && strcmp (day, last) <= 0;
}

/* Whether the certification of the row, held by its dates, had lapsed:
 * its id is read only when some certification had. */
static gboolean
lapsed_row (SlStmt     *stmt,
            GHashTable *lapsed)
{
  gint64 id;

  if (lapsed == NULL || g_hash_table_size (lapsed) == 0)
    return FALSE;
  id = sqlite3_column_int64 (stmt, 0);
  return g_hash_table_contains (lapsed, &id);
}

static gboolean
read_tier_keys (Ctx     *ctx,
                GError **error)
{
  g_autoptr(GError) step_error = NULL;
  g_autoptr(SlStmt) stmt = _sl_store_prepare (ctx->store, "SELECT key FROM tier ORDER BY level", error);

  if (stmt == NULL)
    return FALSE;
  ctx->tier_keys = g_ptr_array_new_with_free_func (g_free);
  while (_sl_step_row (stmt, &step_error))
    g_ptr_array_add (ctx->tier_keys, g_strdup (_sl_column_text (stmt, 0)));
  if (step_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&step_error));
      return FALSE;
    }
  return TRUE;
}

/**
 * _sl_summary_tiers_read: (skip)
 *
 * One pass over the certifications, in the order of the firms' index that
 * holds every column read: per firm and tier, SL_TIER_* flags. A firm is
 * new to a tier in a period when a certification of that tier starts then
 * (a new 认定, the first or one after a lapse, as the month's list has
 * it); a re-review that passes extends the same record and makes nothing
 * new.
 */
gboolean
_sl_summary_tiers_read (Ctx         *ctx,
                        const char  *last_day,
                        GError     **error)
{
  g_autoptr(GError) step_error = NULL;
  g_autoptr(GHashTable) lapsed = NULL;
  g_autoptr(GHashTable) lapsed_last = NULL;
  g_autoptr(SlStmt) stmt = NULL;
  guint n_tiers;
  guint t = 0;

  if (ctx->tiers_read && g_strcmp0 (last_day, ctx->last_day) == 0)
    return TRUE;
  if (ctx->tier_keys == NULL && !read_tier_keys (ctx, error))
    return FALSE;
  n_tiers = ctx->tier_keys->len;
  g_clear_pointer (&ctx->tier_flags, g_free);
  g_clear_pointer (&ctx->unit_last, g_free);
  g_free (ctx->last_day);
  ctx->last_day = g_strdup (last_day);
  ctx->tier_flags = g_new0 (guint8, MAX (ctx->n_slots * n_tiers, 1));

  lapsed = lapsed_on (ctx, ctx->as_of, error);
  if (lapsed == NULL)
    return FALSE;
  if (last_day != NULL)
    {
      lapsed_last = lapsed_on (ctx, last_day, error);
      ctx->unit_last = lapsed_last ? units_on (ctx, last_day, error) : NULL;
      if (ctx->unit_last == NULL)
        return FALSE;
    }

  /* The table in its own order holds the activity's dates too: one read
   * for both, where the firms' index covered the tiers alone and the
   * activity read the table again. */
  g_hash_table_remove_all (ctx->activity);
  memset (&ctx->activity_totals, 0, sizeof ctx->activity_totals);
  /* Comparisons in C: the same in the query took SQLite twice as long.
   * Each column is read only when the row needs it. */
  stmt = _sl_store_prepare (ctx->store,
    "SELECT id, enterprise_id, status, applied_on, certified_on, tier_key, valid_from, valid_until"
    " FROM certification NOT INDEXED", error);
  if (stmt == NULL)
    return FALSE;
  while (_sl_step_row (stmt, &step_error))
    {
      gint64 slot = _sl_summary_slot (ctx, sqlite3_column_int64 (stmt, 1));
      const char *day, *tier, *from, *until;
      gboolean in_scope;
      guint8 flags = 0;

      if (slot < 0 || (ctx->unit[slot] == 0 && (ctx->unit_last == NULL || ctx->unit_last[slot] == 0)))
        continue;
      in_scope = ctx->unit[slot] != 0;
      day = (const char *) sqlite3_column_text (stmt, 3);
      if (in_scope && within (day, ctx->year_start, ctx->as_of))
        _sl_summary_activity_add (ctx, slot, SL_ACTIVITY_FILED, strcmp (day, ctx->first_day) >= 0);
      if (!is_held_status ((const char *) sqlite3_column_text (stmt, 2)))
        continue;
      day = (const char *) sqlite3_column_text (stmt, 4);
      if (in_scope && within (day, ctx->year_start, ctx->as_of))
        _sl_summary_activity_add (ctx, slot, SL_ACTIVITY_APPROVED, strcmp (day, ctx->first_day) >= 0);
      tier = (const char *) sqlite3_column_text (stmt, 5);
      if (t >= n_tiers || g_strcmp0 (ctx->tier_keys->pdata[t], tier) != 0)
        for (t = 0; t < n_tiers && g_strcmp0 (ctx->tier_keys->pdata[t], tier) != 0; t++)
          ;
      if (t == n_tiers)
        continue;
      from = (const char *) sqlite3_column_text (stmt, 6);
      until = (const char *) sqlite3_column_text (stmt, 7);
      if (held_on (from, until, ctx->as_of) && !lapsed_row (stmt, lapsed))
        flags |= SL_TIER_HELD;
      if (within (from, ctx->first_day, ctx->as_of))
        flags |= SL_TIER_NEW_MONTH;
      if (within (from, ctx->year_start, ctx->as_of))
        flags |= SL_TIER_NEW_YEAR;
      if (last_day != NULL && held_on (from, until, last_day) && !lapsed_row (stmt, lapsed_last))
        flags |= SL_TIER_HELD_LAST;
      ctx->tier_flags[slot * n_tiers + t] |= flags;
    }
  if (step_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&step_error));
      return FALSE;
    }
  ctx->tiers_read = TRUE;
  return TRUE;
}

static void
fill_above_scale (Ctx       *ctx,
                  SlFirmSet *set)
{
  for (gint64 s = 0; s < ctx->n_slots; s++)
    if (ctx->unit[s] != 0 && ctx->above_scale[s])
      firm_set_add (set, s);
}

static gboolean
fill_tiers (Ctx        *ctx,
            SlFirmSet  *set,
            JsonArray  *tiers,
            GError    **error)
{
  g_autofree guint8 *wanted = NULL;
  guint n_tiers;

  if (!_sl_summary_tiers_read (ctx, ctx->last_day, error))
    return FALSE;
  n_tiers = ctx->tier_keys->len;
  wanted = g_new0 (guint8, MAX (n_tiers, 1));
  for (guint i = 0; i < json_array_get_length (tiers); i++)
    {
      const char *key = json_array_get_string_element (tiers, i);

      for (guint t = 0; t < n_tiers; t++)
        if (g_strcmp0 (key, ctx->tier_keys->pdata[t]) == 0)
          wanted[t] = 1;
    }
  for (gint64 s = 0; s < ctx->n_slots; s++)
    {
      const guint8 *flags = ctx->tier_flags + s * n_tiers;

      if (ctx->unit[s] == 0)
        continue;
      for (guint t = 0; t < n_tiers; t++)
        if (wanted[t] && (flags[t] & SL_TIER_HELD))
          firm_set_add (set, s);
    }
  return TRUE;
}

/**
 * _sl_summary_population: (skip)
 *
 * The firms of a population of the plan, in scope, on the day: holders
 * of its tiers, the above-scale firms, or all.
 *
 * Returns: (transfer none) (nullable): the set, or %NULL with @error set
 */
const SlFirmSet *
_sl_summary_population (Ctx         *ctx,
                        const char  *key,
                        GError     **error)
{
  g_autoptr(SlStmt) def = NULL;
  g_autoptr(JsonNode) node = NULL;
  SlFirmSet *set;
  JsonObject *obj;
  gboolean ok = TRUE;

  set = g_hash_table_lookup (ctx->populations, key);
  if (set != NULL)
    return set;
  def = _sl_store_prepare (ctx->store, "SELECT name, definition FROM population WHERE key = ?1", error);
  if (def == NULL)
    return NULL;
  _sl_bind_text (def, 1, key);
  if (sqlite3_step (def) != SQLITE_ROW)
    {
      g_set_error (error, SL_STORE_ERROR, SL_STORE_ERROR_NOT_FOUND,
                   _("The population “%s” is not defined in this ledger"), key);
      return NULL;
    }
  node = json_from_string (_sl_column_text (def, 1), error);
  if (node == NULL)
    return NULL;
  obj = json_node_get_object (node);

  set = firm_set_new (ctx);
  set->name = g_strdup (_sl_column_text (def, 0));
  if (obj != NULL && json_object_has_member (obj, "tiers"))
    {
      JsonNode *tiers = json_object_get_member (obj, "tiers");

      if (JSON_NODE_HOLDS_ARRAY (tiers))
        ok = fill_tiers (ctx, set, json_node_get_array (tiers), error);
    }
  else if (obj != NULL && json_object_has_member (obj, "above_scale"))
    fill_above_scale (ctx, set);
  else
    for (gint64 s = 0; s < ctx->n_slots; s++)
      if (ctx->unit[s] != 0)
        firm_set_add (set, s);
  if (!ok)
    {
      firm_set_free (set);
      return NULL;
    }
  g_hash_table_insert (ctx->populations, g_strdup (key), set);
  return set;
}

#define HONOUR_HELD SL_HONOUR_HELD_ON ("h", "d", "?2", "?3")

/**
 * _sl_summary_honour: (skip)
 *
 * The firms in scope that hold an honour on the day, from the honours'
 * index: a range of one key.
 *
 * Returns: (transfer none) (nullable): the set, or %NULL with @error set
 */
const SlFirmSet *
_sl_summary_honour (Ctx         *ctx,
                    const char  *key,
                    GError     **error)
{
  g_autoptr(GError) step_error = NULL;
  g_autoptr(SlStmt) stmt = NULL;
  SlFirmSet *set = g_hash_table_lookup (ctx->honours, key);

  if (set != NULL)
    return set;
  stmt = _sl_store_prepare (ctx->store,
    "SELECT h.enterprise_id FROM enterprise_honour h"
    " JOIN honour d ON d.key = h.honour_key WHERE h.honour_key = ?1 AND" HONOUR_HELD, error);
  if (stmt == NULL)
    return NULL;
  _sl_bind_text (stmt, 1, key);
  sqlite3_bind_int (stmt, 2, ctx->year);
  _sl_bind_text (stmt, 3, ctx->as_of);
  set = firm_set_new (ctx);
  while (_sl_step_row (stmt, &step_error))
    {
      gint64 slot = _sl_summary_slot (ctx, sqlite3_column_int64 (stmt, 0));

      if (slot >= 0 && ctx->unit[slot] != 0)
        firm_set_add (set, slot);
    }
  if (step_error != NULL)
    {
      firm_set_free (set);
      g_propagate_error (error, g_steal_pointer (&step_error));
      return NULL;
    }
  g_hash_table_insert (ctx->honours, g_strdup (key), set);
  return set;
}
