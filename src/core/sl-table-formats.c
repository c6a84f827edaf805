/* sl-table-formats.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE /* memmem */
#define G_LOG_DOMAIN "sl-table"

#include "config.h"

#include <freexl.h>
#include <glib/gi18n-lib.h>
#include <libxml/HTMLparser.h>
#include <math.h>
#include <string.h>
#include <unzip.h>

#include "sl-error.h"
#include "sl-table-private.h"
#include "sl-table-read.h"

/* The other shapes a roster comes in: a BIFF8 .xls (what many platforms
 * still hand out), an HTML table saved as .xls (a common platform export),
 * CSV in UTF-16 ("Unicode 文本"). A file is known by its content, not its
 * name; what cannot be read (.ods, .xlsb, an encrypted workbook) is named,
 * with how to save it as .xlsx. */

#define MAX_ROWS 1048576

static char *
double_text (double d)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (d == floor (d) && fabs (d) < 1e15)
    return g_strdup_printf ("%.0f", d);
  /* Fifteen significant digits: what the spreadsheet showed. */
  g_ascii_formatd (buf, sizeof buf, "%.15g", d);
  return g_strdup (buf);
}

static void
refuse_format (GError    **error,
               const char *format_name)
{
  /* TRANSLATORS: %s names a file format, e.g. "OpenDocument spreadsheet (.ods)" */
  g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_FORMAT,
               _("The file is a %s, which the import does not read: open it in WPS, Excel or LibreOffice and save it as an Excel workbook (.xlsx)"),
               format_name);
}

/* ---------------------------------------------------------------- .xls */

static int
xls_sheet_index (const void  *xls,
                 const char  *sheet,
                 GError     **error)
{
  unsigned int count = 0;

  if (freexl_get_info (xls, FREEXL_BIFF_SHEET_COUNT, &count) != FREEXL_OK || count == 0)
    {
      g_set_error_literal (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_UNKNOWN, _("The workbook has no sheet"));
      return -1;
    }
  if (sheet == NULL)
    return 0;
  for (unsigned int i = 0; i < count && i < G_MAXUSHORT; i++)
    {
      const char *name = NULL;

      if (freexl_get_worksheet_name (xls, (unsigned short) i, &name) == FREEXL_OK && g_strcmp0 (name, sheet) == 0)
        return (int) i;
    }
  g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_UNKNOWN, _("The workbook has no sheet “%s”"), sheet);
  return -1;
}

/**
 * sl_table_read_xls:
 * @sheet: (nullable): a sheet's name, or %NULL for the first
 *
 * Reads an Excel 97–2003 workbook (BIFF8) through FreeXL.
 *
 * Returns: (transfer full) (element-type GPtrArray): the rows
 */
GPtrArray *
sl_table_read_xls (const char  *path,
                   const char  *sheet,
                   GError     **error)
{
  const void *xls = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  unsigned int n_rows = 0, password = 0;
  unsigned short n_cols = 0;
  int index;
  int rc = freexl_open (path, &xls);

  if (rc != FREEXL_OK)
    {
      if (xls)
        freexl_close (xls);
      g_set_error_literal (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_FORMAT,
                           _("The file cannot be read as an Excel 97–2003 workbook (.xls): it may be encrypted or damaged. "
                             "Open it in WPS, Excel or LibreOffice and save it as an Excel workbook (.xlsx)"));
      return NULL;
    }
  if (freexl_get_info (xls, FREEXL_BIFF_PASSWORD, &password) == FREEXL_OK && password == FREEXL_BIFF_OBFUSCATED)
    {
      freexl_close (xls);
      refuse_format (error, _("workbook protected by a password"));
      return NULL;
    }
  index = xls_sheet_index (xls, sheet, error);
  if (index < 0 || freexl_select_active_worksheet (xls, (unsigned short) index) != FREEXL_OK
      || freexl_worksheet_dimensions (xls, &n_rows, &n_cols) != FREEXL_OK)
    {
      if (index >= 0)
        g_set_error_literal (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_FORMAT, _("The workbook's sheet cannot be read"));
      freexl_close (xls);
      return NULL;
    }
  rows = _sl_table_new ();
  for (unsigned int r = 0; r < n_rows && r < MAX_ROWS; r++)
    {
      GPtrArray *row = _sl_table_new_row ();
      guint filled = 0;

      for (unsigned short c = 0; c < n_cols && c < SL_TABLE_MAX_COLUMNS; c++)
        {
          FreeXL_CellValue v;
          char *text = NULL;

          if (freexl_get_cell_value (xls, r, c, &v) != FREEXL_OK)
            v.type = FREEXL_CELL_NULL;
          switch (v.type)
            {
            case FREEXL_CELL_INT:
              text = g_strdup_printf ("%d", v.value.int_value);
              break;
            case FREEXL_CELL_DOUBLE:
              text = double_text (v.value.double_value);
              break;
            case FREEXL_CELL_TEXT:
            case FREEXL_CELL_SST_TEXT:
              text = g_strdup (v.value.text_value);
              break;
            case FREEXL_CELL_DATE:
            case FREEXL_CELL_DATETIME:
              /* "2024-03-15" or "2024-03-15 00:00:00": the day. */
              text = g_strndup (v.value.text_value, 10);
              break;
            default:
              text = g_strdup ("");
            }
          g_ptr_array_add (row, text);
          if (*text)
            filled = row->len;
        }
      /* No trailing empty cells: memory follows the data. */
      g_ptr_array_set_size (row, filled);
      g_ptr_array_add (rows, row);
    }
  freexl_close (xls);
  return g_steal_pointer (&rows);
}

/* ---------------------------------------------------------------- HTML */

static void
collect_tables (xmlNode   *node,
                GPtrArray *tables)
{
  for (xmlNode *n = node; n != NULL; n = n->next)
    if (n->type == XML_ELEMENT_NODE)
      {
        if (g_ascii_strcasecmp ((const char *) n->name, "table") == 0)
          g_ptr_array_add (tables, n);
        else
          collect_tables (n->children, tables);
      }
}

static void
collect_rows (xmlNode   *node,
              GPtrArray *trs)
{
  for (xmlNode *n = node; n != NULL; n = n->next)
    if (n->type == XML_ELEMENT_NODE)
      {
        if (g_ascii_strcasecmp ((const char *) n->name, "tr") == 0)
          g_ptr_array_add (trs, n);
        else if (g_ascii_strcasecmp ((const char *) n->name, "table") != 0)
          collect_rows (n->children, trs);
      }
}

/**
 * sl_table_read_html:
 *
 * Reads the largest table of an HTML page (what many platforms export
 * under the name .xls) with libxml2's HTML parser; a cell spanning
 * columns or rows fills the others it spans with empty cells, as a merged
 * cell of a workbook reads.
 *
 * Returns: (transfer full) (element-type GPtrArray): the rows
 */
GPtrArray *
sl_table_read_html (const char  *data,
                    gsize        length,
                    GError     **error)
{
  htmlDocPtr doc = htmlReadMemory (data, (int) MIN (length, G_MAXINT), NULL, NULL,
                                   HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_RECOVER);
  g_autoptr(GPtrArray) tables = g_ptr_array_new ();
  g_autoptr(GPtrArray) trs = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  int covered[SL_TABLE_MAX_COLUMNS] = { 0 };   /* rows a rowspan above still covers, per column */

  if (doc == NULL)
    {
      g_set_error_literal (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_FORMAT, _("The file is not a table"));
      return NULL;
    }
  collect_tables (xmlDocGetRootElement (doc), tables);
  for (guint i = 0; i < tables->len; i++)
    {
      g_autoptr(GPtrArray) these = g_ptr_array_new ();

      collect_rows (((xmlNode *) tables->pdata[i])->children, these);
      if (trs == NULL || these->len > trs->len)
        {
          g_clear_pointer (&trs, g_ptr_array_unref);
          trs = g_steal_pointer (&these);
        }
    }
  if (trs == NULL || trs->len == 0)
    {
      xmlFreeDoc (doc);
      g_set_error_literal (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_FORMAT, _("The page holds no table"));
      return NULL;
    }
  rows = _sl_table_new ();
  for (guint i = 0; i < trs->len && rows->len < MAX_ROWS; i++)
    {
      GPtrArray *row = _sl_table_new_row ();

      for (xmlNode *td = ((xmlNode *) trs->pdata[i])->children; td != NULL && row->len < SL_TABLE_MAX_COLUMNS; td = td->next)
        {
          xmlChar *content, *span, *down;
          int cols, spans;

          if (td->type != XML_ELEMENT_NODE || (g_ascii_strcasecmp ((const char *) td->name, "td") != 0
                                               && g_ascii_strcasecmp ((const char *) td->name, "th") != 0))
            continue;
          /* Columns a cell of a row above still covers are empty here. */
          while (row->len < SL_TABLE_MAX_COLUMNS && covered[row->len] > 0)
            {
              covered[row->len]--;
              g_ptr_array_add (row, g_strdup (""));
            }
          content = xmlNodeGetContent (td);
          span = xmlGetProp (td, (const xmlChar *) "colspan");
          down = xmlGetProp (td, (const xmlChar *) "rowspan");
          cols = span ? CLAMP (atoi ((const char *) span), 1, SL_TABLE_MAX_COLUMNS) : 1;
          spans = down ? CLAMP (atoi ((const char *) down), 1, MAX_ROWS) : 1;
          for (int k = 0; k < cols && row->len < SL_TABLE_MAX_COLUMNS; k++)
            {
              covered[row->len] = spans - 1;
              g_ptr_array_add (row, k == 0 ? g_strstrip (g_strdup (content ? (const char *) content : "")) : g_strdup (""));
            }
          xmlFree (content);
          xmlFree (span);
          xmlFree (down);
        }
      while (row->len < SL_TABLE_MAX_COLUMNS && covered[row->len] > 0)
        {
          covered[row->len]--;
          g_ptr_array_add (row, g_strdup (""));
        }
      g_ptr_array_add (rows, row);
    }
  xmlFreeDoc (doc);
  return g_steal_pointer (&rows);
}

/* ---------------------------------------------------------------- sniffing */

static gboolean
zip_has (const char *path,
         const char *member)
{
  unzFile zip = unzOpen64 (path);
  gboolean found;

  if (zip == NULL)
    return FALSE;
  found = unzLocateFile (zip, member, 2) == UNZ_OK;
  unzClose (zip);
  return found;
}

static gboolean
looks_like_html (const char *data,
                 gsize       length)
{
  g_autofree char *head = g_ascii_strdown (data, MIN (length, 4096));
  const char *p = head;

  if (g_str_has_prefix (p, "\xef\xbb\xbf"))
    p += 3;
  while (g_ascii_isspace (*p))
    p++;
  return *p == '<' && (strstr (head, "<table") != NULL || strstr (head, "<html") != NULL);
}

/**
 * sl_table_read:
 * @sheet: (nullable): for a workbook, the sheet; %NULL for the first
 *   visible one
 *
 * Reads a roster by what the file holds, whatever its name says: an .xlsx
 * (.xlsm, .xltx), an .xls, an HTML table, or CSV in UTF-8, GB18030 or
 * UTF-16. Other spreadsheets are named and refused.
 *
 * Returns: (transfer full) (element-type GPtrArray): the rows
 */
GPtrArray *
sl_table_read (const char  *path,
               const char  *sheet,
               GError     **error)
{
  return sl_table_read_full (path, sheet, NULL, error);
}

/**
 * sl_table_read_full:
 * @info: (nullable) (out caller-allocates): what the sheet hides (of a
 *   workbook: hidden columns and rows)
 *
 * sl_table_read(), telling what the file hides.
 */
GPtrArray *
sl_table_read_full (const char  *path,
                    const char  *sheet,
                    SlTableInfo *info,
                    GError     **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  if (info != NULL)
    {
      info->hidden_columns = g_array_new (FALSE, FALSE, sizeof (guint));
      info->n_hidden_rows = 0;
    }
  if (!g_file_get_contents (path, &data, &length, error))
    return NULL;
  if (length >= 4 && memcmp (data, "PK\x03\x04", 4) == 0)
    {
      if (zip_has (path, "xl/workbook.bin"))
        {
          refuse_format (error, _("binary Excel workbook (.xlsb)"));
          return NULL;
        }
      if (zip_has (path, "content.xml") && zip_has (path, "mimetype"))
        {
          refuse_format (error, _("OpenDocument spreadsheet (.ods)"));
          return NULL;
        }
      g_clear_pointer (&data, g_free);
      return sl_table_read_xlsx (path, sheet, info, error);
    }
  if (length >= 8 && memcmp (data, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8) == 0)
    {
      /* An OLE2 file: an .xls or WPS .et, or an encrypted .xlsx, whose
       * directory names its EncryptedPackage stream in UTF-16. */
      static const char encrypted[] = "E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e";

      if (memmem (data, length, encrypted, sizeof encrypted - 1) != NULL)
        {
          refuse_format (error, _("workbook protected by a password"));
          return NULL;
        }
      g_clear_pointer (&data, g_free);
      {
        g_autofree char *lower = g_ascii_strdown (path, -1);
        g_autoptr(GError) local = NULL;
        GPtrArray *rows = sl_table_read_xls (path, sheet, &local);

        /* WPS's own .et is the same container; when FreeXL cannot read
         * one, it is named as what it is. */
        if (rows == NULL && g_str_has_suffix (lower, ".et") && local->code == SL_VALIDATION_ERROR_FORMAT)
          {
            refuse_format (error, _("WPS spreadsheet (.et)"));
            return NULL;
          }
        if (rows == NULL)
          g_propagate_error (error, g_steal_pointer (&local));
        return rows;
      }
    }
  {
    g_autofree char *lower = g_ascii_strdown (path, -1);

    /* Named a workbook of today's kind, and not one: no guessing. */
    if (g_str_has_suffix (lower, ".xlsx") || g_str_has_suffix (lower, ".xlsm") || g_str_has_suffix (lower, ".xltx"))
      {
        g_set_error_literal (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_FORMAT,
                             _("The file is not an Excel workbook (.xlsx)"));
        return NULL;
      }
  }
  if (length >= 2 && ((guchar) data[0] == 0xFF && (guchar) data[1] == 0xFE))
    {
      g_autofree char *utf8 = g_convert (data + 2, length - 2, "UTF-8", "UTF-16LE", NULL, &length, error);
      return utf8 ? sl_table_read_csv (utf8, length, error) : NULL;
    }
  if (length >= 2 && ((guchar) data[0] == 0xFE && (guchar) data[1] == 0xFF))
    {
      g_autofree char *utf8 = g_convert (data + 2, length - 2, "UTF-8", "UTF-16BE", NULL, &length, error);
      return utf8 ? sl_table_read_csv (utf8, length, error) : NULL;
    }
  if (looks_like_html (data, length))
    return sl_table_read_html (data, length, error);
  return sl_table_read_csv (data, length, error);
}
