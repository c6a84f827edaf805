/* sl-bulletin-private.h
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-bulletin.h"
#include "sl-enterprise.h"
#include "sl-xlsx.h"

G_BEGIN_DECLS

/* What the sheets are written from: one export's state. */
typedef struct
{
  SlStore            *store;
  lxw_workbook       *workbook;
  SlXlsxFormats       formats;
  JsonObject         *figures;     /* --summary's object for the month and scope */
  JsonObject         *previous;    /* the last bulletin before it for the scope, or NULL */
  char               *title;    /* the place and month's */
  const char         *unit;
  const char         *compiler;
  int                 issue_no;
  int                 revision;   /* > 0: a correction of the issue */
  char               *text;       /* the written part, paragraphs by line */
  double              green_at;
  double              yellow_at;
  GCancellable       *cancellable;
  SlBulletinProgress  progress;
  gpointer            progress_data;
} SlBulletinJob;

/* A firm in the scope (?9, 0 for the whole ledger) where it was on @day. */
#define IN_SCOPE(e, day) \
  " " e ".deleted_at IS NULL AND (?9 = 0 OR " SL_JURISDICTION_ON (e, day) " IN (SELECT id FROM jurisdiction WHERE id = ?9 OR parent_id = ?9))"
#define JOIN_JURISDICTION_ON(e, day) " JOIN jurisdiction j ON j.id = " SL_JURISDICTION_ON (e, day)

/* A sheet's 18-point title and byline, and its header row (sl-bulletin-lists.c). */
guint    _sl_bulletin_title_rows         (SlBulletinJob *job,
                                          SlSheet       *sheet,
                                          guint          last_col,
                                          const char    *byline);
void     _sl_bulletin_header_row         (SlSheet       *sheet,
                                          SlXlsxFormats *f,
                                          guint          row,
                                          const char   **headers,
                                          guint          n);

char    *_sl_bulletin_title              (JsonObject    *figures,
                                          const char    *period);
void     _sl_bulletin_set_properties     (SlBulletinJob *job,
                                          const char    *period);
double   _sl_bulletin_member_double      (JsonObject    *o,
                                          const char    *name);
gint64   _sl_bulletin_scope_id           (SlStore       *store,
                                          JsonObject    *figures);
char    *_sl_bulletin_horizon            (const char    *as_of);
gint64   _sl_bulletin_count_ending       (SlStore       *store,
                                          const char    *as_of,
                                          gint64         scope);
guint    _sl_bulletin_count_overdue      (SlStore       *store,
                                          JsonObject    *figures);
gboolean _sl_bulletin_summary_sheet      (SlBulletinJob *job,
                                          GError       **error);
gboolean _sl_bulletin_indicators_sheet   (SlBulletinJob *job,
                                          GError       **error);
gboolean _sl_bulletin_programmes_sheet   (SlBulletinJob *job,
                                          GError       **error);
gboolean _sl_bulletin_certifications_sheet (SlBulletinJob *job,
                                          GError       **error);
gboolean _sl_bulletin_roster_sheet       (SlBulletinJob *job,
                                          GError       **error);
gboolean _sl_bulletin_sheet_done         (SlBulletinJob *job,
                                          SlSheet       *sheet,
                                          GError       **error);

G_END_DECLS
