/* sl-table-private.h
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <libxml/xmlreader.h>
#include <unzip.h>

G_BEGIN_DECLS

/* Memory follows the data: no roster has more columns. */
#define SL_TABLE_MAX_COLUMNS 256

/* Rows of strings, "" for an empty cell, as every reader returns them. */
GPtrArray *_sl_table_new_row   (void);
GPtrArray *_sl_table_new       (void);

char      *_sl_zip_member      (unzFile           zip,
                                const char       *name,
                                gsize            *out_len);
gboolean   _sl_xml_is_element  (xmlTextReaderPtr  r,
                                const char       *name);
char      *_sl_xml_attribute   (xmlTextReaderPtr  r,
                                const char       *name);

/* Where the parts of a workbook are. */
typedef struct
{
  char     *sheet;        /* the sheet's member */
  char     *shared;       /* the shared strings', or NULL */
  char     *styles;       /* the styles', or NULL */
  gboolean  date1904;     /* the workbook counts days from 1904 */
} SlXlsxParts;

void       _sl_xlsx_parts_clear (SlXlsxParts *parts);
gboolean   _sl_xlsx_find_parts  (unzFile       zip,
                                 const char   *sheet,
                                 SlXlsxParts  *parts,
                                 GError      **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SlXlsxParts, _sl_xlsx_parts_clear)

G_END_DECLS
