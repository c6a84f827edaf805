/* sl-store-twin.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Readers on connections of their own that see exactly what the store's
 * read sees, so that a long read can be split across threads (two cores:
 * the summary's certifications beside its firms and honours, the
 * bulletin's 企业 sheet beside its figures) and still read one state of
 * the ledger.
 *
 * Debian's SQLite has no sqlite3_snapshot_open() to hand a snapshot from
 * one connection to another. The readers are tied another way: while a
 * third connection holds the write lock, nothing can be committed, so
 * every read begun meanwhile sees the same last commit. The lock is held
 * only while the reads begin, a millisecond or two; a writer elsewhere
 * waits that long (its busy timeout covers it). Where the lock cannot be
 * had (a read-only ledger, a write under way elsewhere), there are no
 * twins and the work stays on the store's connection. A ledger at rest is
 * in rollback mode, where the lock holds the same: while it is held no
 * write can be committed. */

#define G_LOG_DOMAIN "sl-store"

#include "config.h"

#include "sl-store-impl.h"

/* How long to wait for the write lock: behind a long write elsewhere (an
 * import of 100,000 firms) the work had better start on one connection
 * than wait for it. */
#define TWIN_LOCK_WAIT_MS 250

/* A read that begins the connection's snapshot: BEGIN alone takes none. */
static gboolean
take_snapshot (sqlite3 *db)
{
  return sqlite3_exec (db, "SELECT 1 FROM sqlite_schema LIMIT 1", NULL, NULL, NULL) == SQLITE_OK;
}

/* Every 10,000 steps: a twin stands aside while a person's search runs. */
static int
twin_progress (void *data)
{
  _sl_store_foreground_wait (data, NULL);
  return 0;
}

static sqlite3 *
open_twin (SlStore    *self,
           const char *file)
{
  sqlite3 *db = NULL;

  if (sqlite3_open_v2 (file, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_NOFOLLOW, NULL) != SQLITE_OK
      || sqlite3_exec (db, "BEGIN DEFERRED", NULL, NULL, NULL) != SQLITE_OK || !take_snapshot (db))
    {
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_busy_timeout (db, 5000);
  sqlite3_progress_handler (db, 10000, twin_progress, self);
  return db;
}

/**
 * _sl_store_read_begin_twinned: (skip)
 * @n_twins: the readers wanted beside the store's own
 *
 * Begins the store's read, as _sl_store_read_begin() does, and when it can
 * opens @n_twins readers at the same snapshot, for _sl_store_twin_take().
 * _sl_store_read_end() closes those not taken.
 *
 * Returns: whether this call began the store's read (%FALSE inside a read
 *   or a write already under way, which gets no twins)
 */
gboolean
_sl_store_read_begin_twinned (SlStore *self,
                              guint    n_twins)
{
  const char *file;
  sqlite3 *lock = NULL;

  if (self->depth > 0 || self->reading || self->db == NULL)
    return FALSE;
  file = sqlite3_db_filename (self->db, "main");
  /* A reader among writers may take the write lock for a moment: it
   * writes nothing. */
  if (n_twins == 0 || (self->read_only_reason != NULL && !(self->flags & SL_STORE_OPEN_READER))
      || file == NULL || *file == '\0'
      || sqlite3_open_v2 (file, &lock, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_NOFOLLOW, NULL) != SQLITE_OK
      || sqlite3_busy_timeout (lock, TWIN_LOCK_WAIT_MS) != SQLITE_OK
      || sqlite3_exec (lock, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
    {
      sqlite3_close (lock);
      _sl_store_read_begin (self);
      return self->reading;
    }
  _sl_store_read_begin (self);
  if (self->reading && take_snapshot (self->db))
    {
      self->twins = g_ptr_array_new ();
      for (guint i = 0; i < n_twins; i++)
        {
          sqlite3 *twin = open_twin (self, file);

          if (twin == NULL)
            break;
          g_ptr_array_add (self->twins, twin);
        }
    }
  sqlite3_exec (lock, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (lock);
  g_debug ("%u twins", self->twins ? self->twins->len : 0);
  return self->reading;
}

/**
 * _sl_store_twin_take: (skip)
 *
 * Returns: (transfer full) (nullable): a reader at the store's snapshot,
 *   to use in one thread at a time, or %NULL when there is none left;
 *   given back with _sl_store_twin_give() or closed with
 *   _sl_store_twin_close()
 */
sqlite3 *
_sl_store_twin_take (SlStore *self)
{
  if (self->twins == NULL || self->twins->len == 0)
    return NULL;
  return g_ptr_array_steal_index (self->twins, self->twins->len - 1);
}

/**
 * _sl_store_twin_give: (skip)
 *
 * Gives a twin back while the store's read lasts, for another part of
 * the same work; after it, the twin is closed.
 */
void
_sl_store_twin_give (SlStore *self,
                     sqlite3 *twin)
{
  if (twin == NULL)
    return;
  if (self->reading && self->twins != NULL)
    g_ptr_array_add (self->twins, twin);
  else
    _sl_store_twin_close (twin);
}

void
_sl_store_twin_close (sqlite3 *twin)
{
  if (twin == NULL)
    return;
  sqlite3_exec (twin, "COMMIT", NULL, NULL, NULL);
  sqlite3_close (twin);
}

/* From _sl_store_read_end(). */
void
_sl_store_twins_close (SlStore *self)
{
  if (self->twins == NULL)
    return;
  for (guint i = 0; i < self->twins->len; i++)
    _sl_store_twin_close (self->twins->pdata[i]);
  g_clear_pointer (&self->twins, g_ptr_array_unref);
}

/**
 * _sl_store_map: (skip)
 *
 * A long read's pages through a mapping of the file rather than a read()
 * each: an export of 10,000 firms took 0.166 s mapped against 0.169
 * (eleven runs, alternating). Set before the read begins and given back by
 * _sl_store_unmap(), so that an idle window holds no mapping; only on a
 * local disk, where a failed read is not a signal waiting to happen.
 *
 * Returns: @self, for g_autoptr(SlStoreMapping)
 */
SlStoreMapping *
_sl_store_map (SlStore *self)
{
  if (self->db != NULL && self->local)
    sqlite3_exec (self->db, "PRAGMA mmap_size = 67108864", NULL, NULL, NULL);
  return self;
}

void
_sl_store_unmap (SlStoreMapping *self)
{
  if (self->db != NULL && self->local)
    sqlite3_exec (self->db, "PRAGMA mmap_size = 0", NULL, NULL, NULL);
}
