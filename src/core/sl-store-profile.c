/* sl-store-profile.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-store"

#include "config.h"

#include <stdio.h>

#include "sl-store-impl.h"
#include "sl-store-private.h"

/* With SL_SQL_PROFILE set, every statement's time is summed by its text
 * and the costliest are written to standard error when the connection
 * closes: the benchmarks' way of saying where a slow command spends its
 * time, without a profiler that cannot see inside SQLite's statements. */

typedef struct
{
  char   *sql;
  guint64 calls;
  guint64 ns;
} Entry;

static void
entry_free (Entry *e)
{
  g_free (e->sql);
  g_free (e);
}

static int
on_trace (unsigned  type,
          void     *ctx,
          void     *p,
          void     *x)
{
  GHashTable *table = ctx;
  const char *sql = sqlite3_sql (p);
  Entry *e;

  if (type != SQLITE_TRACE_PROFILE || sql == NULL)
    return 0;
  e = g_hash_table_lookup (table, sql);
  if (e == NULL)
    {
      e = g_new0 (Entry, 1);
      e->sql = g_strdup (sql);
      g_hash_table_insert (table, e->sql, e);
    }
  e->calls++;
  e->ns += *(sqlite3_int64 *) x;
  return 0;
}

static int
by_time (gconstpointer a,
         gconstpointer b)
{
  const Entry *x = *(Entry **) a, *y = *(Entry **) b;

  return x->ns < y->ns ? 1 : x->ns > y->ns ? -1 : 0;
}

/* Returns: (transfer full) (nullable): what _sl_store_profile_report() takes */
GHashTable *
_sl_store_profile_start (sqlite3 *db)
{
  GHashTable *table;

  if (g_getenv ("SL_SQL_PROFILE") == NULL)
    return NULL;
  table = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) entry_free);
  sqlite3_trace_v2 (db, SQLITE_TRACE_PROFILE, on_trace, table);
  return table;
}

void
_sl_store_profile_report (GHashTable *table)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  g_autoptr(GList) values = g_hash_table_get_values (table);
  guint64 total = 0;

  for (GList *l = values; l != NULL; l = l->next)
    g_ptr_array_add (all, l->data);
  g_ptr_array_sort (all, by_time);
  for (guint i = 0; i < all->len; i++)
    total += ((Entry *) all->pdata[i])->ns;
  fprintf (stderr, "SQL profile: %.3f s in %u statements\n", total / 1e9, all->len);
  for (guint i = 0; i < all->len && i < 20; i++)
    {
      Entry *e = all->pdata[i];
      g_autofree char *flat = g_strndup (e->sql, 110);

      g_strdelimit (flat, "\n\t", ' ');
      fprintf (stderr, "%8.3f s %9" G_GUINT64_FORMAT " × %7.1f µs  %s\n",
               e->ns / 1e9, e->calls, e->ns / 1e3 / e->calls, flat);
    }
}
