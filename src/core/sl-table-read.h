/* sl-table-read.h
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * SECTION:sl-table-read
 *
 * A spreadsheet or CSV file as rows of text, the first being the header:
 * .xlsx through minizip and libxml2 (the sheet by SAX; shared and inline
 * strings, numbers, dates as YYYY-MM-DD, booleans, empty cells), .csv
 * through libcsv (UTF-8 with or without a BOM, else GB18030 as Chinese
 * Excel and WPS save it; comma or tab; quoted fields with commas and line
 * breaks). Malformed input is an error, never a crash.
 */

/* What a workbook hides: columns (0-based) and how many rows. */
typedef struct
{
  GArray *hidden_columns;   /* guint */
  guint   n_hidden_rows;
} SlTableInfo;

void       sl_table_info_clear  (SlTableInfo *info);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SlTableInfo, sl_table_info_clear)

GPtrArray *sl_table_read      (const char  *path,
                               const char  *sheet,
                               GError     **error);
GPtrArray *sl_table_read_csv  (const char  *data,
                               gsize        length,
                               GError     **error);
GStrv      sl_table_list_sheets (const char *path);
GPtrArray *sl_table_read_xlsx (const char  *path,
                               const char  *sheet,
                               SlTableInfo *info,
                               GError     **error);

GPtrArray *sl_table_read_full    (const char  *path,
                                 const char  *sheet,
                                 SlTableInfo *info,
                                 GError     **error);
GPtrArray *sl_table_read_xls     (const char  *path,
                                 const char  *sheet,
                                 GError     **error);
GPtrArray *sl_table_read_html    (const char  *data,
                                 gsize        length,
                                 GError     **error);
void       sl_table_set_cell    (GPtrArray   *row,
                                 guint        col,
                                 char        *text);

G_END_DECLS
