/* sl-summary-tiers.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The tiers each firm holds, from one pass over the certifications: the
 * summary's longest read (a third of it at a million firms). On a large
 * ledger it runs in a thread of its own, on a reader at the summary's
 * snapshot (sl-store-twin.c), while the summary's own connection reads
 * the firms and their honours; it needs nothing of theirs, since every
 * count masks the flags with the firm's row afterwards. */

#define G_LOG_DOMAIN "sl-summary"

#include "config.h"

#include <string.h>

#include "sl-certification.h"
#include "sl-store-private.h"
#include "sl-summary-private.h"

/* A filed or approved day within the year, for the pipeline's activity:
 * counted under the firm's row once the rows are known. */
typedef struct
{
  gint64  slot;
  guint8  kind;
  guint8  in_month;
} Step;

struct _SlTierPass
{
  sqlite3      *db;
  GHashTable   *slot_of_id;  /* or NULL: the slot is the id */
  gint64        n_slots;
  const gint32 *unit;        /* firms outside both are skipped; NULL: none is */
  const gint32 *unit_last;
  GPtrArray    *tier_keys;
  char         *first_day;
  char         *as_of;
  char         *year_start;
  char         *last_day;

  guint8       *tier_flags;  /* by slot * tier: SL_TIER_* */
  GArray       *steps;
  GError       *error;
  GThread      *thread;
};

static void
tier_pass_free (SlTierPass *pass)
{
  if (pass->thread != NULL)
    g_thread_join (pass->thread);
  _sl_store_twin_close (pass->db);
  g_free (pass->first_day);
  g_free (pass->as_of);
  g_free (pass->year_start);
  g_free (pass->last_day);
  g_free (pass->tier_flags);
  g_clear_pointer (&pass->steps, g_array_unref);
  g_clear_error (&pass->error);
  g_free (pass);
}

static SlTierPass *
tier_pass_new (Ctx        *ctx,
               sqlite3    *db,
               const char *last_day)
{
  SlTierPass *pass = g_new0 (SlTierPass, 1);

  pass->db = db;
  pass->slot_of_id = ctx->slot_of_id;
  pass->n_slots = ctx->n_slots;
  pass->tier_keys = ctx->tier_keys;
  pass->first_day = g_strdup (ctx->first_day);
  pass->as_of = g_strdup (ctx->as_of);
  pass->year_start = g_strdup (ctx->year_start);
  pass->last_day = g_strdup (last_day);
  pass->steps = g_array_new (FALSE, FALSE, sizeof (Step));
  return pass;
}

static inline gint64
pass_slot (SlTierPass *pass,
           gint64      id)
{
  if (pass->slot_of_id != NULL)
    return GPOINTER_TO_SIZE (g_hash_table_lookup (pass->slot_of_id, &id)) - 1;
  return id >= 0 && id < pass->n_slots ? id : -1;
}

/* The certifications a re-review recorded after @day had extended when
 * @day had already passed their end: lapsed on @day, as the ledger knows
 * it now (SL_NOT_LAPSED_ON). */
static GHashTable *
lapsed_on (sqlite3     *db,
           const char  *day,
           GError     **error)
{
  g_autoptr(GError) step_error = NULL;
  g_autoptr(GHashTable) lapsed = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db,
    "SELECT certification_id FROM certification_event"
    " WHERE kind = 'review_passed' AND on_date > ?1 AND until_before < ?1", -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      _sl_store_set_error (sqlite3_db_filename (db, "main"), db, rc, error);
      return NULL;
    }
  _sl_bind_text (stmt, 1, day);
  while (_sl_step_row (stmt, &step_error))
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_hash_table_add (lapsed, g_memdup2 (&id, sizeof id));
    }
  sqlite3_finalize (stmt);
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
lapsed_row (sqlite3_stmt *stmt,
            GHashTable   *lapsed)
{
  gint64 id;

  if (lapsed == NULL || g_hash_table_size (lapsed) == 0)
    return FALSE;
  id = sqlite3_column_int64 (stmt, 0);
  return g_hash_table_contains (lapsed, &id);
}

static void
add_step (SlTierPass *pass,
          gint64      slot,
          guint       kind,
          const char *day)
{
  Step step = { slot, (guint8) kind, strcmp (day, pass->first_day) >= 0 };

  g_array_append_val (pass->steps, step);
}

/* One pass over the certifications, in the table's order, where each
 * holds the activity's dates too. A firm is new to a tier in a period
 * when a certification of that tier starts then (a new 认定, the first or
 * one after a lapse, as the month's list has it); a re-review that passes
 * extends the same record and makes nothing new. */
static gboolean
tier_pass_run (SlTierPass  *pass,
               GError     **error)
{
  g_autoptr(GError) step_error = NULL;
  g_autoptr(GHashTable) lapsed = NULL;
  g_autoptr(GHashTable) lapsed_last = NULL;
  sqlite3_stmt *stmt = NULL;
  guint n_tiers = pass->tier_keys->len;
  guint t = 0;
  int rc;

  pass->tier_flags = g_new0 (guint8, MAX (pass->n_slots * n_tiers, 1));
  lapsed = lapsed_on (pass->db, pass->as_of, error);
  if (lapsed == NULL)
    return FALSE;
  if (pass->last_day != NULL && (lapsed_last = lapsed_on (pass->db, pass->last_day, error)) == NULL)
    return FALSE;

  /* Comparisons in C: the same in the query took SQLite twice as long.
   * Each column is read only when the row needs it. */
  rc = sqlite3_prepare_v2 (pass->db,
    "SELECT id, enterprise_id, status, applied_on, certified_on, tier_key, valid_from, valid_until"
    " FROM certification NOT INDEXED", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _sl_store_set_error (sqlite3_db_filename (pass->db, "main"), pass->db, rc, error);
      return FALSE;
    }
  while (_sl_step_row (stmt, &step_error))
    {
      gint64 slot = pass_slot (pass, sqlite3_column_int64 (stmt, 1));
      const char *day, *tier, *from, *until;
      guint8 flags = 0;

      if (slot < 0 || (pass->unit != NULL && pass->unit[slot] == 0
                       && (pass->unit_last == NULL || pass->unit_last[slot] == 0)))
        continue;
      day = (const char *) sqlite3_column_text (stmt, 3);
      if (within (day, pass->year_start, pass->as_of))
        add_step (pass, slot, SL_ACTIVITY_FILED, day);
      if (!is_held_status ((const char *) sqlite3_column_text (stmt, 2)))
        continue;
      day = (const char *) sqlite3_column_text (stmt, 4);
      if (within (day, pass->year_start, pass->as_of))
        add_step (pass, slot, SL_ACTIVITY_APPROVED, day);
      tier = (const char *) sqlite3_column_text (stmt, 5);
      if (t >= n_tiers || g_strcmp0 (pass->tier_keys->pdata[t], tier) != 0)
        for (t = 0; t < n_tiers && g_strcmp0 (pass->tier_keys->pdata[t], tier) != 0; t++)
          ;
      if (t == n_tiers)
        continue;
      from = (const char *) sqlite3_column_text (stmt, 6);
      until = (const char *) sqlite3_column_text (stmt, 7);
      if (held_on (from, until, pass->as_of) && !lapsed_row (stmt, lapsed))
        flags |= SL_TIER_HELD;
      if (within (from, pass->first_day, pass->as_of))
        flags |= SL_TIER_NEW_MONTH;
      if (within (from, pass->year_start, pass->as_of))
        flags |= SL_TIER_NEW_YEAR;
      if (pass->last_day != NULL && held_on (from, until, pass->last_day) && !lapsed_row (stmt, lapsed_last))
        flags |= SL_TIER_HELD_LAST;
      pass->tier_flags[slot * n_tiers + t] |= flags;
    }
  sqlite3_finalize (stmt);
  if (step_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&step_error));
      return FALSE;
    }
  return TRUE;
}

static gpointer
tier_pass_thread (gpointer data)
{
  SlTierPass *pass = data;

  tier_pass_run (pass, &pass->error);
  return NULL;
}

gboolean
_sl_summary_tier_keys_read (Ctx     *ctx,
                            GError **error)
{
  g_autoptr(GError) step_error = NULL;
  g_autoptr(SlStmt) stmt = NULL;

  if (ctx->tier_keys != NULL)
    return TRUE;
  stmt = _sl_store_prepare (ctx->store, "SELECT key FROM tier ORDER BY level", error);
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
 * _sl_summary_tiers_start: (skip)
 * @twin: (transfer full): a reader at the summary's snapshot
 *
 * Begins the pass over the certifications in a thread, on @twin, for
 * every firm: what _sl_summary_tiers_read() with @last_day will then
 * install. The slots must be decided (dense: a firm's slot is its id).
 */
void
_sl_summary_tiers_start (Ctx        *ctx,
                         sqlite3    *twin,
                         const char *last_day)
{
  SlTierPass *pass;

  g_return_if_fail (ctx->tier_keys != NULL && ctx->slot_of_id == NULL && ctx->pending == NULL);
  pass = tier_pass_new (ctx, twin, last_day);
  pass->thread = g_thread_new ("summary-tiers", tier_pass_thread, pass);
  ctx->pending = pass;
}

/* Waits for the pass in its thread, and gives its reader back. */
static SlTierPass *
join_pending (Ctx *ctx)
{
  SlTierPass *pass = g_steal_pointer (&ctx->pending);

  if (pass == NULL)
    return NULL;
  g_thread_join (g_steal_pointer (&pass->thread));
  _sl_store_twin_give (ctx->store, g_steal_pointer (&pass->db));
  return pass;
}

/**
 * _sl_summary_tiers_stop: (skip)
 *
 * Ends a pass under way in its thread, its result unused: before the
 * summary's read ends, and on an error.
 */
void
_sl_summary_tiers_stop (Ctx *ctx)
{
  SlTierPass *pass = join_pending (ctx);

  if (pass != NULL)
    tier_pass_free (pass);
}

/**
 * _sl_summary_tiers_read: (skip)
 *
 * Each firm's tiers in ctx->tier_flags: held on the day, new in the month
 * and year, and when @last_day is given held on that day too (under
 * unit_last); the pipeline's activity with them. From the pass begun in
 * a thread, or one made here.
 */
gboolean
_sl_summary_tiers_read (Ctx         *ctx,
                        const char  *last_day,
                        GError     **error)
{
  SlTierPass *pass;
  gboolean ok;

  if (ctx->tiers_read && g_strcmp0 (last_day, ctx->last_day) == 0)
    return TRUE;
  if (!_sl_summary_tier_keys_read (ctx, error))
    return FALSE;
  g_clear_pointer (&ctx->unit_last, g_free);
  g_free (ctx->last_day);
  ctx->last_day = g_strdup (last_day);
  if (last_day != NULL && (ctx->unit_last = _sl_summary_units_on (ctx, last_day, error)) == NULL)
    return FALSE;

  pass = join_pending (ctx);
  if (pass != NULL && g_strcmp0 (pass->last_day, last_day) != 0)
    g_clear_pointer (&pass, tier_pass_free);
  if (pass != NULL)
    {
      ok = pass->error == NULL;
      if (!ok)
        g_propagate_error (error, g_steal_pointer (&pass->error));
    }
  else
    {
      pass = tier_pass_new (ctx, _sl_store_get_db (ctx->store), last_day);
      pass->unit = ctx->unit;
      pass->unit_last = ctx->unit_last;
      ok = tier_pass_run (pass, error);
      pass->db = NULL;  /* the store's own */
    }
  if (ok)
    {
      g_free (ctx->tier_flags);
      ctx->tier_flags = g_steal_pointer (&pass->tier_flags);
      g_hash_table_remove_all (ctx->activity);
      memset (&ctx->activity_totals, 0, sizeof ctx->activity_totals);
      for (guint i = 0; i < pass->steps->len; i++)
        {
          const Step *step = &g_array_index (pass->steps, Step, i);

          _sl_summary_activity_add (ctx, step->slot, step->kind, step->in_month);
        }
      ctx->tiers_read = TRUE;
    }
  tier_pass_free (pass);
  return ok;
}
