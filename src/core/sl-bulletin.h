/* sl-bulletin.h
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "sl-store.h"

G_BEGIN_DECLS

/**
 * SECTION:sl-bulletin
 *
 * The monthly work bulletin (月度工作通报) as an Excel workbook: the
 * figures of --summary for a month and a scope, the indicators, the
 * programmes' progress, the month's certifications and those ending soon,
 * and the enterprises in scope. Written beside the target and renamed into
 * place, so that a failed or cancelled export leaves nothing behind and an
 * earlier file intact; each export is recorded with the figures it was
 * issued with.
 */

typedef struct
{
  char *period;     /* YYYY-MM */
  char *scope;      /* NULL: the whole ledger; else a jurisdiction's name or code */
  int   issue_no;   /* 0: the next of the period's year for the scope */
  char *unit;       /* NULL: the ledger's unit */
  char *compiler;   /* NULL: none */
  int   figures_year; /* the annual figures the indicators take; 0: the year before the period's */
  char *text;       /* the written part under the title; NULL: sl_bulletin_summary_text()'s */
} SlBulletinOptions;

typedef struct
{
  gint64  id;
  char   *period;
  char   *scope;        /* NULL: the whole ledger */
  int     issue_no;
  int     revision;     /* 0: the issue; 1, 2…: its corrections, exported again */
  char   *generated_at;
  char   *file;
} SlBulletinRecord;

/**
 * SlBulletinProgress:
 * @fraction: from 0 to 1
 */
typedef void (*SlBulletinProgress) (double   fraction,
                                    gpointer user_data);

void        sl_bulletin_options_clear  (SlBulletinOptions  *options);
void        sl_bulletin_record_free    (SlBulletinRecord   *record);
int         sl_bulletin_next_issue_no  (SlStore            *store,
                                        const char         *period,
                                        const char         *scope);
char       *sl_bulletin_summary_text   (SlStore            *store,
                                        JsonNode           *figures);
char       *sl_bulletin_plan_ended_text (JsonNode          *figures);
int         sl_bulletin_revision_of    (SlStore            *store,
                                        const char         *period,
                                        const char         *scope,
                                        int                 issue_no);
char       *sl_bulletin_file_name      (const char         *period,
                                        const char         *scope);
gint64      sl_bulletin_export         (SlStore            *store,
                                        const SlBulletinOptions *options,
                                        JsonNode           *figures,
                                        const char         *path,
                                        GCancellable       *cancellable,
                                        SlBulletinProgress  progress,
                                        gpointer            user_data,
                                        GError            **error);
void        sl_bulletin_export_async   (SlStore            *store,
                                        const SlBulletinOptions *options,
                                        gint64              again_id,
                                        const char         *path,
                                        GCancellable       *cancellable,
                                        SlBulletinProgress  progress,
                                        gpointer            user_data,
                                        GAsyncReadyCallback callback,
                                        gpointer            callback_data);
gint64      sl_bulletin_export_finish  (GAsyncResult       *result,
                                        GError            **error);
void        sl_bulletin_preview_async  (SlStore            *store,
                                        const char         *period,
                                        const char         *scope,
                                        GCancellable       *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer            user_data);
JsonNode   *sl_bulletin_preview_finish (GAsyncResult       *result,
                                        GError            **error);
GPtrArray  *sl_bulletin_list           (SlStore            *store,
                                        GError            **error);
JsonNode   *sl_bulletin_load_figures   (SlStore            *store,
                                        gint64              id,
                                        SlBulletinOptions  *out_options,
                                        GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlBulletinRecord, sl_bulletin_record_free)

G_END_DECLS
