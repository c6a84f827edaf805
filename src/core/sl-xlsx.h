/* sl-xlsx.h
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <xlsxwriter.h>

G_BEGIN_DECLS

/**
 * SECTION:sl-xlsx
 *
 * Worksheets written the way the ledger's exports are: text always as text
 * (a name starting with "=" is never a formula), numbers as numeric cells,
 * dates as date cells, column widths from the content (a Han character is
 * two Latin widths), and every sheet printable on A4 landscape, one page
 * wide, its header rows repeated, with a title and page numbers.
 */

typedef struct
{
  lxw_format *title;
  lxw_format *subtitle;
  lxw_format *note;
  lxw_format *header;
  lxw_format *text;
  lxw_format *wrapped;
  lxw_format *integer;
  lxw_format *decimal;
  lxw_format *percent;
  lxw_format *date;
  lxw_format *total_text;
  lxw_format *total_integer;
  lxw_format *total_percent;
  lxw_format *mark_green;
  lxw_format *mark_yellow;
  lxw_format *mark_red;
} SlXlsxFormats;

typedef struct
{
  lxw_workbook  *workbook;
  lxw_worksheet *ws;
  char          *name;
  char          *title;
  GArray        *widths;   /* double per column */
  lxw_error      status;   /* the first error of a write, LXW_NO_ERROR when none */
} SlSheet;

void     sl_xlsx_formats_init (SlXlsxFormats  *formats,
                               lxw_workbook   *workbook);
SlSheet *sl_sheet_new         (lxw_workbook   *workbook,
                               const char     *name,
                               const char     *title);
void     sl_sheet_free        (SlSheet        *sheet);
void     sl_sheet_text        (SlSheet        *sheet,
                               guint           row,
                               guint           col,
                               const char     *text,
                               lxw_format     *format);
void     sl_sheet_text_measured (SlSheet      *sheet,
                                 guint         row,
                                 guint         col,
                                 const char   *text,
                                 double        width,
                                 lxw_format   *format);
void     sl_sheet_header      (SlSheet        *sheet,
                               guint           row,
                               guint           col,
                               const char     *text,
                               lxw_format     *format);
void     sl_sheet_paragraph   (SlSheet        *sheet,
                               guint           row,
                               guint           col,
                               const char     *text,
                               lxw_format     *format);
void     sl_sheet_fit_row     (SlSheet        *sheet,
                               guint           row,
                               const char    **texts,
                               guint           n);
void     sl_sheet_number      (SlSheet        *sheet,
                               guint           row,
                               guint           col,
                               double          value,
                               lxw_format     *format);
void     sl_sheet_optional    (SlSheet        *sheet,
                               guint           row,
                               guint           col,
                               double          value,
                               lxw_format     *format);
void     sl_sheet_date        (SlSheet        *sheet,
                               guint           row,
                               guint           col,
                               const char     *iso,
                               lxw_format     *format);
void     sl_sheet_merge       (SlSheet        *sheet,
                               guint           row,
                               guint           first_col,
                               guint           last_col,
                               const char     *text,
                               lxw_format     *format);
void     sl_sheet_widen       (SlSheet        *sheet,
                               guint           col,
                               const char     *text);
void     sl_sheet_cap         (SlSheet        *sheet,
                               guint           col,
                               double          width);
void     sl_sheet_finish      (SlSheet        *sheet,
                               guint           header_first_row,
                               guint           header_last_row);
gboolean sl_xlsx_close        (lxw_workbook   *wb,
                               const char     *path,
                               lxw_error       status,
                               GError        **error);
double   sl_xlsx_text_width   (const char     *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlSheet, sl_sheet_free)

G_END_DECLS
