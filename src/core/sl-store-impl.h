/* sl-store-impl.h
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* Shared by the two halves of the store only: sl-store.c (statements,
 * transactions, the audit log) and sl-store-open.c (what a file is, and
 * opening, creating and migrating it). */

#include "sl-store-private.h"

G_BEGIN_DECLS

struct _SlStore
{
  GObject     parent_instance;

  sqlite3    *db;
  char       *path;
  GHashTable *stmts;     /* SQL text -> sqlite3_stmt */
  int         version;
  int         depth;     /* nesting of sl_store_write() */
  guint64     generation; /* counts commits, so that caches of query results know they are stale */
  char       *last_backup;
  SlStoreOpenFlags flags;
  char       *read_only_reason;   /* set when nothing can be written, and why */
  gboolean    local;      /* on a local disk, where the ledger runs in WAL mode */
  gboolean    locked;     /* this store added a line to the lock record */
  int         data_version;
  GHashTable *profile;    /* SL_SQL_PROFILE: statement text -> time */
  gboolean    reading;    /* inside _sl_store_read_begin(): one snapshot, no writes */
  gint        foreground; /* reads a person waits for, under way (atomic) */
  GPtrArray  *twins;      /* readers at the snapshot of the read, not taken (sl-store-twin.c) */
};

GHashTable *_sl_store_profile_start  (sqlite3    *db);
void        _sl_store_profile_report (GHashTable *table);
void      _sl_store_twins_close (SlStore   *self);
int       _sl_store_read_int (sqlite3    *db,
                              const char *sql,
                              int        *value);

G_END_DECLS
