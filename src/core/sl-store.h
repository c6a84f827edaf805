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
 * An #SlStore is one open ledger file. Opening a path that does not exist
 * creates a new ledger (mode 0600) from the bundled plan; opening an older
 * ledger migrates it after writing a backup copy beside it; a file that is
 * not a ledger, or one written by a newer version, is refused and left as it
 * was.
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

#define SL_SCHEMA_VERSION 2
/* "SLDG": marks the file as ours in the SQLite header. */
#define SL_APPLICATION_ID 0x534C4447

#define SL_TYPE_STORE (sl_store_get_type ())

G_DECLARE_FINAL_TYPE (SlStore, sl_store, SL, STORE, GObject)

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
SlStore     *sl_store_open           (const char   *path,
                                      GError      **error);
const char  *sl_store_get_path       (SlStore      *self);
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
