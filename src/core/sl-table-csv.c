/* sl-table-csv.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-import"

#include "config.h"

#include <csv.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "sl-error.h"
#include "sl-table-private.h"
#include "sl-table-read.h"

/* CSV through libcsv: UTF-8 with or without a BOM, else GB18030, as
 * Chinese spreadsheets save it; comma or tab. Rows as sl_table_read()
 * gives them: strings, "" for an empty cell. */


typedef struct
{
  GPtrArray *rows;
  GPtrArray *row;
} CsvState;

static void
csv_field_cb (void   *data,
              size_t  len,
              void   *state)
{
  CsvState *s = state;

  if (s->row == NULL)
    s->row = _sl_table_new_row ();
  if (s->row->len < SL_TABLE_MAX_COLUMNS)
    g_ptr_array_add (s->row, g_strndup (data ? data : "", len));
}

static void
csv_row_cb (int   c,
            void *state)
{
  CsvState *s = state;

  if (s->row == NULL)
    s->row = _sl_table_new_row ();
  g_ptr_array_add (s->rows, s->row);
  s->row = NULL;
}

/* Comma or tab: whichever the first line has more of outside quotes. */
static unsigned char
guess_delimiter (const char *data,
                 gsize       length)
{
  guint commas = 0, tabs = 0;
  gboolean quoted = FALSE;

  for (gsize i = 0; i < length && (quoted || (data[i] != '\n' && data[i] != '\r')); i++)
    {
      if (data[i] == '"')
        quoted = !quoted;
      else if (!quoted && data[i] == ',')
        commas++;
      else if (!quoted && data[i] == '\t')
        tabs++;
    }
  return tabs > commas ? '\t' : ',';
}

/* Whether valid UTF-8 @data holds Chinese: two characters at least, for a
 * GB18030 byte pair can be a valid UTF-8 character of another script, but
 * hardly ever a run of Chinese ones. */
static gboolean
has_multibyte (const char *data,
               gsize       length)
{
  guint chinese = 0;

  for (const char *p = data; p < data + length && chinese < 2; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);
      chinese += ch >= 0x4E00 && ch <= 0x9FFF;
    }
  return chinese >= 2;
}

/**
 * sl_table_read_csv:
 * @data: the file's bytes
 *
 * Returns: (transfer full) (element-type GPtrArray): the rows
 */
GPtrArray *
sl_table_read_csv (const char  *data,
                   gsize        length,
                   GError     **error)
{
  g_autofree char *converted = NULL;
  g_autoptr(GPtrArray) rows = _sl_table_new ();
  CsvState state = { rows, NULL };
  struct csv_parser parser;

  gboolean bom = length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0;
  const char *bad = NULL;

  if (bom)
    {
      data += 3;
      length -= 3;
    }
  if (!g_utf8_validate_len (data, length, &bad))
    {
      /* UTF-8 up to one broken byte (a BOM, or Chinese read well before
       * it) is a UTF-8 file damaged there, not a GB18030 one. */
      if (bom || has_multibyte (data, (gsize) (bad - data)))
        {
          guint row = 1, column = 1;

          for (const char *p = data; p < bad; p++)
            if (*p == '\n')
              row++, column = 1;
            else if (*p == ',' || *p == '\t')
              column++;
          g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_FORMAT,
                       _("Row %u, column %u: the byte 0x%02X is not UTF-8, which the rest of the file is: correct that cell, or save the file again as UTF-8"),
                       row, column, (guchar) *bad);
          return NULL;
        }
    }
  if (!g_utf8_validate_len (data, length, NULL))
    {
      gsize written = 0;

      converted = g_convert (data, length, "UTF-8", "GB18030", NULL, &written, NULL);
      if (converted == NULL)
        {
          g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_FORMAT,
                       _("The file is neither UTF-8 nor GB18030 text"));
          return NULL;
        }
      data = converted;
      length = written;
    }
  if (csv_init (&parser, CSV_APPEND_NULL | CSV_EMPTY_IS_NULL) != 0)
    {
      g_set_error_literal (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_FORMAT, _("The CSV reader could not start"));
      return NULL;
    }
  csv_set_delim (&parser, guess_delimiter (data, length));
  if (csv_parse (&parser, data, length, csv_field_cb, csv_row_cb, &state) != length
      || csv_fini (&parser, csv_field_cb, csv_row_cb, &state) != 0)
    {
      g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_FORMAT,
                   _("The CSV file is malformed: %s"), csv_strerror (csv_error (&parser)));
      csv_free (&parser);
      g_clear_pointer (&state.row, g_ptr_array_unref);
      return NULL;
    }
  csv_free (&parser);
  g_clear_pointer (&state.row, g_ptr_array_unref);
  return g_steal_pointer (&rows);
}
