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

/**
 * _sl_summary_prepare: (skip)
 *
 * A statement for one of the summary's long reads: on its own reader
 * when it has one (a connection without the store's mutex, which every
 * column read of the store's connection takes and gives back), else on
 * the store's connection. Reset when released, finalized with the reader.
 */
SlStmt *
_sl_summary_prepare (Ctx         *ctx,
                     const char  *sql,
                     GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (ctx->reader == NULL)
    return _sl_store_prepare (ctx->store, sql, error);
  stmt = g_hash_table_lookup (ctx->reader_stmts, sql);
  if (stmt != NULL)
    return stmt;
  rc = sqlite3_prepare_v3 (ctx->reader, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _sl_store_set_error (sqlite3_db_filename (ctx->reader, "main"), ctx->reader, rc, error);
      return NULL;
    }
  g_hash_table_insert (ctx->reader_stmts, g_strdup (sql), stmt);
  return stmt;
}

static void
stmt_finalize (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

/* Gives the reader back to the store, its statements finalized. */
void
_sl_summary_reader_release (Ctx *ctx)
{
  g_clear_pointer (&ctx->reader_stmts, g_hash_table_unref);
  _sl_store_twin_give (ctx->store, g_steal_pointer (&ctx->reader));
}

void
_sl_summary_reader_set (Ctx     *ctx,
                        sqlite3 *reader)
{
  g_return_if_fail (ctx->reader == NULL);
  if (reader == NULL)
    return;
  ctx->reader = reader;
  ctx->reader_stmts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, stmt_finalize);
}

void
_sl_summary_ctx_clear (Ctx *ctx)
{
  /* First: a pass in its thread reads the tier keys and the slots. */
  _sl_summary_tiers_stop (ctx);
  _sl_summary_reader_release (ctx);
  g_clear_pointer (&ctx->slot_of_id, g_hash_table_unref);
  g_clear_pointer (&ctx->ids, g_free);
  g_clear_pointer (&ctx->jurisdiction, g_free);
  g_clear_pointer (&ctx->above_scale, g_free);
  g_clear_pointer (&ctx->activity, g_hash_table_unref);
  g_clear_pointer (&ctx->unit_of, g_hash_table_unref);
  g_clear_pointer (&ctx->unit_by_j, g_free);
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

/**
 * _sl_summary_savepoint:
 *
 * Begins the summary's savepoint, which its caller rolls back: the temp
 * tables' rows go with it. The tables themselves are made before it and
 * stay on the connection: a table dropped by the rollback reset the
 * connection's schema, which then had every statement prepared again and
 * the ledger's schema parsed again at the next summary (0.7 ms of the
 * 10.7 ms a summary of 10,000 firms took).
 */
gboolean
_sl_summary_savepoint (SlStore  *store,
                       GError  **error)
{
  return _sl_store_exec (store,
                         "CREATE TEMP TABLE IF NOT EXISTS unit_map (jurisdiction_id INTEGER PRIMARY KEY, unit_id INTEGER NOT NULL);"
                         "CREATE TEMP TABLE IF NOT EXISTS scope_unit (unit_id INTEGER PRIMARY KEY);"
                         "SAVEPOINT summary",
                         error);
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

  if (!_sl_store_exec (ctx->store, "DELETE FROM unit_map; DELETE FROM scope_unit", error))
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
    {
      gint64 j = sqlite3_column_int64 (read, 0);

      g_hash_table_insert (ctx->unit_of, GSIZE_TO_POINTER ((gsize) j),
                           GSIZE_TO_POINTER ((gsize) sqlite3_column_int64 (read, 1)));
      ctx->n_unit_by_j = MAX (ctx->n_unit_by_j, j + 1);
    }
  if (step_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&step_error));
      return FALSE;
    }
  /* A million lookups, one per firm: by array while the ids are small. */
  if (ctx->n_unit_by_j > SL_UNIT_ARRAY_MAX)
    ctx->n_unit_by_j = 0;
  else
    {
      GHashTableIter iter;
      gpointer key, value;

      ctx->unit_by_j = g_new0 (gint32, MAX (ctx->n_unit_by_j, 1));
      g_hash_table_iter_init (&iter, ctx->unit_of);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (GPOINTER_TO_SIZE (key) < (gsize) ctx->n_unit_by_j)
          ctx->unit_by_j[GPOINTER_TO_SIZE (key)] = (gint32) GPOINTER_TO_SIZE (value);
    }
  return TRUE;
}

static inline gint32
unit_of (Ctx    *ctx,
         gint64  jurisdiction_id)
{
  if (ctx->unit_by_j != NULL)
    return jurisdiction_id >= 0 && jurisdiction_id < ctx->n_unit_by_j ? ctx->unit_by_j[jurisdiction_id] : 0;
  return (gint32) GPOINTER_TO_SIZE (g_hash_table_lookup (ctx->unit_of, GSIZE_TO_POINTER ((gsize) jurisdiction_id)));
}

/* Each firm's row on @day: where it is now, unless it moved after @day,
 * then where its first move after @day took it from. */
gint32 *
_sl_summary_units_on (Ctx         *ctx,
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

  moves = _sl_summary_prepare (ctx,
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

/**
 * _sl_summary_slots_decide: (skip)
 *
 * A firm's slot is its id while the ids are dense enough that an array by
 * id wastes little; otherwise its place in the order read. Decided from
 * the table's largest id and its rows (the trash's too) before any firm
 * is read, so that the certifications' pass in a thread places each firm
 * as the firms' read will.
 */
gboolean
_sl_summary_slots_decide (Ctx     *ctx,
                          GError **error)
{
  g_autoptr(SlStmt) stmt = _sl_store_prepare (ctx->store, "SELECT ifnull ((SELECT max (id) FROM enterprise), -1), (SELECT count(*) FROM enterprise)", error);
  gint64 max_id;

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return _sl_store_sql_error (ctx->store, error);
  max_id = sqlite3_column_int64 (stmt, 0);
  ctx->dense = max_id < 2 * sqlite3_column_int64 (stmt, 1) + 65536;
  ctx->n_slots = ctx->dense ? MAX (max_id + 1, 0) : 0;
  return TRUE;
}

static void
place_firms (Ctx    *ctx,
             GArray *ids,
             GArray *jurisdictions)
{
  gint64 n = ids->len;

  if (ctx->dense)
    {
      ctx->jurisdiction = g_new0 (gint32, MAX (ctx->n_slots, 1));
      for (gint64 i = 0; i < n; i++)
        {
          gint64 id = g_array_index (ids, gint64, i);

          if (id < ctx->n_slots)
            ctx->jurisdiction[id] = g_array_index (jurisdictions, gint32, i);
        }
    }
  else
    {
      ctx->n_slots = n;
      ctx->ids = g_array_steal (ids, NULL);
      ctx->jurisdiction = g_array_steal (jurisdictions, NULL);
      ctx->slot_of_id = g_hash_table_new (g_int64_hash, g_int64_equal);
      for (gint64 i = 0; i < n; i++)
        g_hash_table_insert (ctx->slot_of_id, &ctx->ids[i], GSIZE_TO_POINTER ((gsize) i + 1));
    }
  ctx->above_scale = g_new0 (guint8, MAX (ctx->n_slots, 1));
}

/* Where each firm not in the trash is now, from the jurisdictions' index:
 * the table itself is a score of times larger. Firms with a negative id
 * are left out. */
static gboolean
read_places (Ctx     *ctx,
             GArray  *ids,
             GArray  *jurisdictions,
             GError **error)
{
  g_autoptr(GError) step_error = NULL;
  g_autoptr(SlStmt) stmt = _sl_summary_prepare (ctx,
    "SELECT id, jurisdiction_id FROM enterprise INDEXED BY enterprise_jurisdiction WHERE deleted_at IS NULL", error);

  if (stmt == NULL)
    return FALSE;
  while (_sl_step_row (stmt, &step_error))
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gint64 j = sqlite3_column_int64 (stmt, 1);
      gint32 j32 = (gint32) CLAMP (j, G_MININT32, G_MAXINT32);

      /* A firm with no jurisdiction (0) is counted nowhere, as the join it
       * replaces counted it. */
      if (id < 0)
        continue;
      g_array_append_val (ids, id);
      g_array_append_val (jurisdictions, j32);
    }
  if (step_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&step_error));
      return FALSE;
    }
  return TRUE;
}

static gboolean
has_index (Ctx        *ctx,
           const char *name)
{
  g_autoptr(SlStmt) stmt = _sl_store_prepare (ctx->store,
    "SELECT 1 FROM sqlite_schema WHERE type = 'index' AND name = ?1", NULL);

  if (stmt == NULL)
    return FALSE;
  _sl_bind_text (stmt, 1, name);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

static gboolean
read_above_scale (Ctx     *ctx,
                  GError **error)
{
  g_autoptr(GError) step_error = NULL;
  g_autoptr(SlStmt) stmt = NULL;

  /* From their own index (format 8). Where it was dropped, the table in
   * its own order: a partial index (of the patents, say) that the planner
   * would take for "deleted_at IS NULL" looks every firm up in the table
   * again, three times as slow. */
  stmt = _sl_summary_prepare (ctx, has_index (ctx, "enterprise_above_scale")
    ? "SELECT id FROM enterprise INDEXED BY enterprise_above_scale WHERE deleted_at IS NULL AND above_scale = 1"
    : "SELECT id FROM enterprise NOT INDEXED WHERE deleted_at IS NULL AND above_scale = 1", error);
  if (stmt == NULL)
    return FALSE;
  while (_sl_step_row (stmt, &step_error))
    {
      gint64 slot = _sl_summary_slot (ctx, sqlite3_column_int64 (stmt, 0));

      if (slot >= 0)
        ctx->above_scale[slot] = 1;
    }
  if (step_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&step_error));
      return FALSE;
    }
  return TRUE;
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
  g_autoptr(SlStmt) used = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) jurisdictions = g_array_new (FALSE, FALSE, sizeof (gint32));
  g_autoptr(GHashTable) seen = g_hash_table_new (g_direct_hash, g_direct_equal);

  ctx->populations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, firm_set_free);
  ctx->honours = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, firm_set_free);
  ctx->tier_held = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  ctx->activity = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  if (!read_unit_map (ctx, error))
    return FALSE;

  if (!read_places (ctx, ids, jurisdictions, error))
    return FALSE;
  place_firms (ctx, ids, jurisdictions);
  if (!read_above_scale (ctx, error))
    return FALSE;

  ctx->unit = _sl_summary_units_on (ctx, ctx->as_of, error);
  if (ctx->unit == NULL)
    return FALSE;

  /* The rows that have a firm, which a retired jurisdiction's row needs
   * to be listed. */
  {
    g_autofree guint8 *by_id = ctx->unit_by_j ? g_new0 (guint8, ctx->n_unit_by_j) : NULL;

    /* A million firms under a few dozen rows: each row looked up in the
     * table once, then by array. */
    for (gint64 s = 0; s < ctx->n_slots; s++)
      {
        gint32 u = ctx->unit[s];

        if (u == 0)
          continue;
        if (by_id != NULL && u > 0 && u < ctx->n_unit_by_j)
          {
            if (by_id[u])
              continue;
            by_id[u] = 1;
          }
        g_hash_table_add (seen, GINT_TO_POINTER (u));
      }
  }
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
  stmt = _sl_summary_prepare (ctx,
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
