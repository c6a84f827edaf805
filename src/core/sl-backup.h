/* sl-backup.h
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-store.h"

G_BEGIN_DECLS

/**
 * SECTION:sl-backup
 *
 * The daily backups of a ledger: on the first writable open of each day a
 * consistent copy goes into the ledger's own backups folder; 7 daily and
 * 4 weekly copies are kept. A backup can be listed, checked and restored,
 * the current file being saved aside first.
 */

/**
 * SlBackup:
 * @path: the backup file
 * @date: the day it was made, `YYYY-MM-DD`
 * @firms: its enterprises not in the trash, or -1 when it could not be read
 * @size: its size in bytes
 */
typedef struct
{
  char   *path;
  char   *date;
  gint64  firms;
  gint64  size;
} SlBackup;

void       sl_backup_free       (SlBackup    *backup);
char      *sl_backup_folder     (const char  *ledger);
gboolean   sl_backup_done_today (const char  *ledger);
gboolean   sl_backup_daily      (SlStore     *store,
                                 GError     **error);
gboolean   sl_backup_write      (SlStore     *store,
                                 const char  *target,
                                 GError     **error);
GPtrArray *sl_backup_list       (const char  *ledger,
                                 gboolean     count_firms);
gboolean   sl_backup_restore    (const char  *ledger,
                                 const char  *backup,
                                 char       **out_aside,
                                 GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlBackup, sl_backup_free)

G_END_DECLS
