/* sl-ui-utils.h
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GtkWindow *sl_ui_show_error      (GtkWindow            *parent,
                                  const char           *heading,
                                  const GError         *error);
/* The files a chooser offers first; "All files" is always there too. */
typedef enum
{
  SL_UI_FILES_LEDGER,     /* ledgers and backups */
  SL_UI_FILES_ROSTER,     /* .xlsx, .xls, .csv and their kin */
  SL_UI_FILES_WORKBOOK,   /* .xlsx */
  SL_UI_FILES_PLAN,       /* a plan file, .json */
} SlUiFiles;

void   sl_ui_choose_file_async   (GtkWindow            *parent,
                                  const char           *title,
                                  const char           *accept_label,
                                  GtkFileChooserAction  action,
                                  SlUiFiles             files,
                                  const char           *suggested_name,
                                  GSettings            *settings,
                                  GAsyncReadyCallback   callback,
                                  gpointer              user_data);
char  *sl_ui_choose_file_finish  (GAsyncResult         *result,
                                  GError              **error);
char  *sl_ui_format_wan          (gint64                yuan);
char  *sl_ui_format_number       (double                v);
gboolean sl_ui_parse_number      (const char           *text,
                                  double               *out);
void   sl_ui_show_outcome        (GtkLabel             *label,
                                  const char           *text,
                                  gboolean              error);
char  *sl_ui_format_date         (const char           *iso);
const char *sl_ui_tier_name      (const char           *key,
                                  const char           *fallback);
void   sl_ui_fill_dropdown       (GtkDropDown          *dropdown,
                                  const char           *any,
                                  GPtrArray            *items,
                                  GArray               *ids,
                                  GPtrArray            *keys,
                                  gboolean              indent_towns);

G_END_DECLS
