/* sl-store.h
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "sl-error.h"

G_BEGIN_DECLS

/**
 * SECTION:sl-store
 *
 * An #SlStore is one open ledger file; sl_ledger_open() (sl-ledger.h) opens
 * one. The store opens, locks and migrates the file and knows nothing of
 * what the tables mean: opening an older ledger migrates it after writing a
 * backup copy beside it; a file that is not a ledger, one written by a newer
 * version, or a damaged one is refused and left as it was.
 *
 * Every change goes through sl_store_write(): one transaction, rolled back
 * whole when any step fails, and each change writes a row to `audit_log`
 * with sl_store_audit().
 *
 * |[<!-- language="C" -->
 * g_autoptr(GError) error = NULL;
 * g_autoptr(SlStore) store = sl_store_open ("/tmp/ledger.db", &error);
 * if (store == NULL)
 *   g_printerr ("%s\n", error->message);
 * ]|
 */

#define SL_SCHEMA_VERSION 8
/* "SLDG": marks the file as ours in the SQLite header. */
#define SL_APPLICATION_ID 0x534C4447
/* The desktop's name for a ledger file: data/io.github.srdiledger.SrdiLedger.mime.xml
 * recognises it by SL_APPLICATION_ID, big-endian at offset 68 of the header. */
#define SL_LEDGER_MIME_TYPE "application/x-srdi-ledger"

#define SL_TYPE_STORE (sl_store_get_type ())

G_DECLARE_FINAL_TYPE (SlStore, sl_store, SL, STORE, GObject)

/**
 * SlStoreOpenFlags:
 * @SL_STORE_OPEN_DEFAULT: open an existing ledger for writing (read-only if its file or folder cannot be written)
 * @SL_STORE_OPEN_CREATE: create the ledger when the file does not exist
 * @SL_STORE_OPEN_READ_ONLY: open for reading only; nothing is written, not even a -wal or -shm
 * @SL_STORE_OPEN_WORKER: another connection of a process that has the ledger open already:
 *   no lock record, no check, no migration, no backup
 * @SL_STORE_OPEN_EXCLUSIVE: the window's open: refused while another window holds the ledger
 * @SL_STORE_OPEN_CHECK: run SQLite's quick check first, refusing a damaged file
 * @SL_STORE_OPEN_READER: open for reading only, among writers: under SQLite's
 *   shared lock, never taking the file as unchanging, so that a window's
 *   writes wait for the read or are seen whole; fails rather than migrate
 */
typedef enum {
  SL_STORE_OPEN_DEFAULT   = 0,
  SL_STORE_OPEN_CREATE    = 1 << 0,
  SL_STORE_OPEN_READ_ONLY = 1 << 1,
  SL_STORE_OPEN_WORKER    = 1 << 2,
  SL_STORE_OPEN_EXCLUSIVE = 1 << 3,
  SL_STORE_OPEN_CHECK     = 1 << 4,
  SL_STORE_OPEN_READER    = 1 << 5,
} SlStoreOpenFlags;

/**
 * SlLockHolder:
 *
 * A process that has a ledger open for writing, from its lock record.
 */
typedef struct
{
  int   pid;
  char *host;
  char *user;
  char *since;   /* ISO 8601 */
  char *role;    /* "window" or "command line" */
} SlLockHolder;

void         sl_lock_holder_free      (SlLockHolder *holder);
char        *sl_lock_holder_describe  (const SlLockHolder *holder);
GPtrArray   *sl_store_lock_holders    (const char   *ledger);

/**
 * SlWriteFunc:
 * @store: the store, inside a transaction
 * @user_data: data passed to sl_store_write()
 * @error: return location for an error
 *
 * One unit of work. Returning %FALSE rolls back everything it did.
 */
typedef gboolean (*SlWriteFunc) (SlStore   *store,
                                 gpointer   user_data,
                                 GError   **error);

char        *sl_store_default_path   (void);
const char  *sl_store_get_path       (SlStore      *self);
gboolean     sl_store_is_read_only   (SlStore      *self);
const char  *sl_store_get_read_only_reason (SlStore *self);
void         sl_store_set_read_only  (SlStore      *self,
                                      const char   *reason);
gboolean     sl_store_poll_changes   (SlStore      *self);
int          sl_store_get_version    (SlStore      *self);
guint64      sl_store_get_generation (SlStore      *self);
gboolean     sl_store_write          (SlStore      *self,
                                      SlWriteFunc   func,
                                      gpointer      user_data,
                                      GError      **error);
gboolean     sl_store_audit          (SlStore      *self,
                                      const char   *entity,
                                      gint64        entity_id,
                                      const char   *action,
                                      JsonNode     *before,
                                      JsonNode     *after,
                                      GError      **error);
char        *sl_store_get_setting    (SlStore      *self,
                                      const char   *key);
gboolean     sl_store_set_setting    (SlStore      *self,
                                      const char   *key,
                                      const char   *value,
                                      GError      **error);
gint64       sl_store_count_enterprises (SlStore   *self);

G_END_DECLS
