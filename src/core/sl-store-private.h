/* sl-store-private.h
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "sl-store.h"

G_BEGIN_DECLS

/* Statements come from a per-store cache; releasing one resets it so that no
 * read stays open behind a commit. */
typedef sqlite3_stmt SlStmt;

static inline void
sl_stmt_release (SlStmt *stmt)
{
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
    }
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlStmt, sl_stmt_release)

typedef struct
{
  int         version;
  const char *sql;
} SlMigration;

extern const SlMigration sl_migrations[];
extern const guint sl_n_migrations;

/* What the layer above the store adds: @connect on every connection (SQL
 * functions the schema's triggers call), @create inside the transaction
 * that makes a new ledger (its plan). */
typedef struct
{
  void     (*connect) (SlStore *store, gpointer data);
  gboolean (*create)  (SlStore *store, gpointer data, GError **error);
  gpointer   data;
} SlStoreHooks;

SlStore  *_sl_store_open        (const char         *path,
                                 const SlMigration  *migrations,
                                 guint               n_migrations,
                                 SlStoreOpenFlags    flags,
                                 const SlStoreHooks *hooks,
                                 GError            **error);
gboolean  _sl_store_quick_check (SlStore            *self,
                                 GError            **error);
gboolean  _sl_store_check_file  (const char         *path,
                                 int                 latest,
                                 int                *out_version,
                                 gint64             *out_firms,
                                 GError            **error);
gboolean  _sl_store_copy_to     (SlStore            *self,
                                 const char         *target,
                                 GError            **error);
void      _sl_store_set_error   (const char         *path,
                                 sqlite3            *db,
                                 int                 rc,
                                 GError            **error);
gboolean  _sl_step_row          (SlStmt             *stmt,
                                 GError            **error);

/* The lock record (sl-store-lock.c). */
void       _sl_store_lock_add          (const char *ledger,
                                        const char *role);
void       _sl_store_lock_remove       (const char *ledger);
gboolean   _sl_store_lock_exists       (const char *ledger);
char      *_sl_store_lock_describe_all (GPtrArray  *holders);
sqlite3  *_sl_store_get_db      (SlStore            *self);
SlStmt   *_sl_store_prepare     (SlStore            *self,
                                 const char         *sql,
                                 GError            **error);
gboolean  _sl_store_exec        (SlStore            *self,
                                 const char         *sql,
                                 GError            **error);
gboolean  _sl_store_step_done   (SlStore            *self,
                                 SlStmt             *stmt,
                                 GError            **error);
gboolean  _sl_store_sql_error   (SlStore            *self,
                                 GError            **error);
char     *_sl_store_backup_path (SlStore            *self);

/* Many reads in one snapshot, and a page cache sized for a large write. */
void      _sl_store_read_begin  (SlStore            *self);
void      _sl_store_read_end    (SlStore            *self);
/* Readers on connections of their own at the same snapshot, for a read
 * split across threads (sl-store-twin.c). */
gboolean  _sl_store_read_begin_twinned (SlStore     *self,
                                        guint        n_twins);

/* Reads through a mapping of the file while the g_autoptr lasts. */
typedef SlStore SlStoreMapping;
SlStoreMapping *_sl_store_map   (SlStore            *self);
void      _sl_store_unmap       (SlStoreMapping     *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlStoreMapping, _sl_store_unmap)

sqlite3  *_sl_store_twin_take   (SlStore            *self);
void      _sl_store_twin_give   (SlStore            *self,
                                 sqlite3            *twin);
void      _sl_store_twin_close  (sqlite3            *twin);
gboolean  _sl_store_put_setting (SlStore            *self,
                                 const char         *key,
                                 const char         *value,
                                 GError            **error);
gboolean  _sl_store_write_sized (SlStore            *self,
                                 gint64              cache_kib,
                                 SlWriteFunc         func,
                                 gpointer            user_data,
                                 GError            **error);
gboolean  _sl_store_write_bulk  (SlStore            *self,
                                 SlWriteFunc         func,
                                 gpointer            user_data,
                                 GError            **error);

/* A read a person waits for (a keystroke's search) and the readers in the
 * background, on connections of their own, that stand aside for it: on
 * two cores they share, a prefetch doubled a search's time. */
void      _sl_store_foreground_begin (SlStore       *self);
void      _sl_store_foreground_end   (SlStore       *self);
void      _sl_store_foreground_wait  (SlStore       *self,
                                      GCancellable  *cancellable);

/* Small binding helpers: NULL text and "unset" numbers bind as SQL NULL. */
void      _sl_bind_text         (SlStmt             *stmt,
                                 int                 idx,
                                 const char         *text);
void      _sl_bind_int_unset    (SlStmt             *stmt,
                                 int                 idx,
                                 gint64              value);
const char *_sl_column_text     (SlStmt             *stmt,
                                 int                 col);

G_END_DECLS
