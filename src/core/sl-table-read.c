/* sl-table-read.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unzip.h>

#include "sl-error.h"
#include "sl-table-private.h"
#include "sl-table-read.h"

/* Rows are GPtrArrays of strings (never NULL; "" for an empty cell), so
 * that a ragged file keeps every cell it has. */

/* Memory follows the data, not what a file claims: a roster has a few
 * dozen columns, and a cell at column XFD in each row would otherwise
 * make 16,383 empty cells a row. Past this, cells are not read. */
#define MAX_MEMBER (512u * 1024 * 1024)
/* Excel's own limit for the text of one cell. */
#define MAX_CELL_CHARS 32767

/* The empty cells a row is padded with share one string. */
static char empty_cell[] = "";

static void
cell_free (gpointer cell)
{
  if (cell != empty_cell)
    g_free (cell);
}

void
sl_table_info_clear (SlTableInfo *info)
{
  g_clear_pointer (&info->hidden_columns, g_array_unref);
  info->n_hidden_rows = 0;
}

/**
 * sl_table_set_cell:
 * @text: (transfer full): the new text of the cell
 *
 * Replaces a cell of a row that sl_table_read() returned.
 */
void
sl_table_set_cell (GPtrArray *row,
                   guint      col,
                   char      *text)
{
  g_return_if_fail (col < row->len);
  cell_free (row->pdata[col]);
  row->pdata[col] = text;
}

GPtrArray *
_sl_table_new_row (void)
{
  return g_ptr_array_new_with_free_func (cell_free);
}

GPtrArray *
_sl_table_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
}

char *
_sl_zip_member (unzFile     zip,
            const char *name,
            gsize      *out_len)
{
  unz_file_info info;
  char *data;
  int read;

  /* Part names are compared without case: a writer's SharedStrings.xml is
   * the sharedStrings.xml the workbook names. */
  if (unzLocateFile (zip, name, 2) != UNZ_OK
      || unzGetCurrentFileInfo (zip, &info, NULL, 0, NULL, 0, NULL, 0) != UNZ_OK
      || info.uncompressed_size > MAX_MEMBER
      || unzOpenCurrentFile (zip) != UNZ_OK)
    return NULL;
  data = g_malloc (info.uncompressed_size + 1);
  read = unzReadCurrentFile (zip, data, (unsigned) info.uncompressed_size);
  unzCloseCurrentFile (zip);
  if (read < 0 || (uLong) read != info.uncompressed_size)
    {
      g_free (data);
      return NULL;
    }
  data[info.uncompressed_size] = '\0';
  *out_len = info.uncompressed_size;
  return data;
}

gboolean
_sl_xml_is_element (xmlTextReaderPtr r,
            const char      *name)
{
  return xmlTextReaderNodeType (r) == XML_READER_TYPE_ELEMENT
         && g_strcmp0 ((const char *) xmlTextReaderConstLocalName (r), name) == 0;
}

static gboolean
is_end (xmlTextReaderPtr r,
        const char      *name)
{
  return xmlTextReaderNodeType (r) == XML_READER_TYPE_END_ELEMENT
         && g_strcmp0 ((const char *) xmlTextReaderConstLocalName (r), name) == 0;
}

char *
_sl_xml_attribute (xmlTextReaderPtr r,
           const char      *name)
{
  xmlChar *v = xmlTextReaderGetAttribute (r, (const xmlChar *) name);
  char *s = v ? g_strdup ((const char *) v) : NULL;

  xmlFree (v);
  return s;
}

/* A GString's text in a block of its own length: a sheet's cells are
 * kept while the import runs, and a string left in its GString's
 * doubling buffer took three times its size (100 MB at 100,000 rows). */
static char *
string_free_tight (GString *s)
{
  gsize len = s->len;

  return g_realloc (g_string_free (s, FALSE), len + 1);
}

/* OOXML writes characters XML cannot hold as _xHHHH_ (_x000D_ a carriage
 * return); _x005F_ escapes an underscore that would otherwise start one. */
static char *
decode_escapes (char *text)
{
  GString *out;

  if (strstr (text, "_x") == NULL)
    return text;
  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p; )
    {
      if (p[0] == '_' && p[1] == 'x' && g_ascii_isxdigit (p[2]) && g_ascii_isxdigit (p[3])
          && g_ascii_isxdigit (p[4]) && g_ascii_isxdigit (p[5]) && p[6] == '_')
        {
          gunichar ch = (gunichar) strtoul ((char[]) { p[2], p[3], p[4], p[5], 0 }, NULL, 16);

          if (g_unichar_validate (ch) && ch != 0)
            g_string_append_unichar (out, ch);
          p += 7;
        }
      else
        g_string_append_c (out, *p++);
    }
  g_free (text);
  return string_free_tight (out);
}

/* The text of <t> elements until the end of @until (an <si> or an <is>),
 * gathered in @scratch: a workbook holds hundreds of thousands of these,
 * and a GString each, grown and then shrunk, was a fifth of its reading. */
static char *
read_string_item (xmlTextReaderPtr r,
                  const char      *until,
                  GString         *scratch)
{
  gboolean in_t = FALSE, in_guide = FALSE;

  g_string_truncate (scratch, 0);
  if (xmlTextReaderIsEmptyElement (r))
    return g_strdup ("");
  while (xmlTextReaderRead (r) == 1)
    {
      int type = xmlTextReaderNodeType (r);

      /* A phonetic guide (振り仮名) is not the cell's text. */
      if (_sl_xml_is_element (r, "rPh"))
        in_guide = !xmlTextReaderIsEmptyElement (r);
      else if (is_end (r, "rPh"))
        in_guide = FALSE;
      else if (_sl_xml_is_element (r, "t"))
        in_t = !xmlTextReaderIsEmptyElement (r);
      else if (is_end (r, "t"))
        in_t = FALSE;
      else if (in_t && !in_guide && (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE
                        || type == XML_READER_TYPE_WHITESPACE || type == XML_READER_TYPE_CDATA))
        g_string_append (scratch, (const char *) xmlTextReaderConstValue (r));
      else if (is_end (r, until))
        break;
    }
  return decode_escapes (g_strndup (scratch->str, scratch->len));
}

/* A string longer than a cell can hold (a file made to exhaust memory:
 * one megabyte shared by every cell) refuses the workbook. */
static GPtrArray *
read_shared_strings (const char  *xml,
                     gsize        len,
                     GError     **error)
{
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) scratch = g_string_sized_new (256);
  xmlTextReaderPtr r;
  gboolean too_long = FALSE;

  if (xml == NULL)
    return g_steal_pointer (&strings);
  r = xmlReaderForMemory (xml, (int) len, NULL, NULL, XML_PARSE_NONET | XML_PARSE_HUGE);
  while (!too_long && r != NULL && xmlTextReaderRead (r) == 1)
    if (_sl_xml_is_element (r, "si"))
      {
        char *text = read_string_item (r, "si", scratch);

        too_long = g_utf8_strlen (text, -1) > MAX_CELL_CHARS;
        g_ptr_array_add (strings, text);
      }
  if (r)
    xmlFreeTextReader (r);
  if (too_long)
    {
      g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_RANGE,
                   _("The workbook holds a text of more than %d characters, more than a cell can hold: it is not a roster"),
                   MAX_CELL_CHARS);
      return NULL;
    }
  return g_steal_pointer (&strings);
}

enum { SHOWN_PLAIN, SHOWN_DATE, SHOWN_PERCENT };

/* How a number format shows its number: a date (the built-in date
 * formats, or a custom one with day, month or year codes outside quotes
 * and brackets), a percentage (55 % for 0.55), or as it is. */
static int
format_shows (int         id,
              const char *code)
{
  gboolean quoted = FALSE, bracket = FALSE;

  if ((id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58))
    return SHOWN_DATE;
  if (id == 9 || id == 10)
    return SHOWN_PERCENT;
  for (const char *p = code; p && *p; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (*p == '\\' && p[1])
        p++;
      else if (*p == '[')
        bracket = TRUE;
      else if (*p == ']')
        bracket = FALSE;
      else if (!quoted && !bracket && strchr ("dDyY", *p))
        return SHOWN_DATE;
      else if (!quoted && !bracket && *p == '%')
        return SHOWN_PERCENT;
    }
  return SHOWN_PLAIN;
}

/* For each cell style, how it shows a number. */
static GArray *
read_date_styles (const char *xml,
                  gsize       len)
{
  GArray *dates = g_array_new (FALSE, TRUE, sizeof (int));
  g_autoptr(GHashTable) custom = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  gboolean in_xfs = FALSE;
  xmlTextReaderPtr r;

  if (xml == NULL)
    return dates;
  r = xmlReaderForMemory (xml, (int) len, NULL, NULL, XML_PARSE_NONET);
  while (r != NULL && xmlTextReaderRead (r) == 1)
    {
      if (_sl_xml_is_element (r, "numFmt"))
        {
          g_autofree char *id = _sl_xml_attribute (r, "numFmtId");
          char *code = _sl_xml_attribute (r, "formatCode");
          g_hash_table_insert (custom, GINT_TO_POINTER (id ? atoi (id) : -1), code);
        }
      else if (_sl_xml_is_element (r, "cellXfs"))
        in_xfs = TRUE;
      else if (is_end (r, "cellXfs"))
        in_xfs = FALSE;
      else if (in_xfs && _sl_xml_is_element (r, "xf"))
        {
          g_autofree char *id = _sl_xml_attribute (r, "numFmtId");
          int n = id ? atoi (id) : 0;
          int shown = format_shows (n, g_hash_table_lookup (custom, GINT_TO_POINTER (n)));
          g_array_append_val (dates, shown);
        }
    }
  if (r)
    xmlFreeTextReader (r);
  return dates;
}

/* "B12" -> column 1 (0-based); -1 when not a reference. */
static int
column_of (const char *ref)
{
  int col = 0;
  const char *p = ref;

  if (ref == NULL)
    return -1;
  for (; *p >= 'A' && *p <= 'Z'; p++)
    {
      col = col * 26 + (*p - 'A' + 1);
      if (col > SL_TABLE_MAX_COLUMNS)
        return -1;
    }
  return p == ref ? -1 : col - 1;
}

static char *
number_text (const char *v,
             int         shown,
             gboolean    date1904)
{
  double d = g_ascii_strtod (v, NULL);

  if (shown == SHOWN_DATE && d >= (date1904 ? 0 : 1) && d < 2958466)
    {
      /* Excel's 1900 system, whose day 60 is the 29 February 1900 that was
       * not; or the 1904 system of old Mac workbooks, day 0 its 1 January. */
      g_autoptr(GDate) day = date1904 ? g_date_new_dmy (1, G_DATE_JANUARY, 1904) : g_date_new_dmy (30, G_DATE_DECEMBER, 1899);
      g_date_add_days (day, (guint) floor (d));
      return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (day), g_date_get_month (day), g_date_get_day (day));
    }
  if (shown == SHOWN_PERCENT)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      /* As the spreadsheet shows it: 0.55 is 55%. */
      g_ascii_formatd (buf, sizeof buf, "%.13g", d * 100);
      return g_strconcat (buf, "%", NULL);
    }
  if (d == floor (d) && fabs (d) < 1e15)
    return g_strdup_printf ("%.0f", d);
  {
    char buf[G_ASCII_DTOSTR_BUF_SIZE];
    /* Fifteen significant digits: what the spreadsheet showed. */
    g_ascii_formatd (buf, sizeof buf, "%.15g", d);
    return g_strdup (buf);
  }
}

static void
put_cell (GPtrArray *row,
          int        col,
          char      *text)
{
  if (col < 0 || col >= SL_TABLE_MAX_COLUMNS)
    {
      g_free (text);
      return;
    }
  while ((int) row->len < col)
    g_ptr_array_add (row, empty_cell);
  if ((int) row->len == col)
    g_ptr_array_add (row, text);
  else
    {
      cell_free (row->pdata[col]);
      row->pdata[col] = text;
    }
}

/* A cell merged down rows ("A3:A12", a county written once for ten
 * firms) holds its text in its first row only: every row of the merge
 * gets it, as the clerk sees it. Merges across columns are left as they
 * are (a title, a group above a header). */
static void
fill_merge (GPtrArray  *rows,
            const char *ref)
{
  const char *colon = strchr (ref, ':');
  int c1, c2;
  guint r1, r2;
  const char *p;

  if (colon == NULL)
    return;
  c1 = column_of (ref);
  c2 = column_of (colon + 1);
  for (p = ref; *p >= 'A' && *p <= 'Z'; p++)
    ;
  r1 = (guint) atoi (p);
  for (p = colon + 1; *p >= 'A' && *p <= 'Z'; p++)
    ;
  r2 = (guint) atoi (p);
  if (c1 < 0 || c1 != c2 || r1 < 1 || r2 <= r1 || r1 > rows->len)
    return;
  {
    GPtrArray *top = rows->pdata[r1 - 1];
    const char *text = (guint) c1 < top->len ? top->pdata[c1] : "";

    if (*text == '\0')
      return;
    for (guint r = r1; r < r2 && r < rows->len; r++)
      {
        GPtrArray *row = rows->pdata[r];

        if ((guint) c1 < row->len && *(const char *) row->pdata[c1] != '\0')
          continue;
        put_cell (row, c1, g_strdup (text));
      }
  }
}

/* The sheet read by SAX, pushed chunk by chunk out of the zip: a
 * 100,000-row sheet is some 100 MB of XML that need never be held whole,
 * and the text reader built and freed a node for every element and
 * copied every attribute, three times libxml2's own parsing. */
typedef struct
{
  GPtrArray   *rows;
  GPtrArray   *row;          /* the row being read, NULL outside one */
  GPtrArray   *merges;
  GPtrArray   *strings;
  GArray      *date_styles;
  SlTableInfo *info;
  gboolean     date1904;
  /* The cell being read: */
  gboolean     in_cell, in_v, in_is, in_t, in_guide, has_value;
  int          col, style;
  char         type[12];     /* its t="…", "n" when none */
  GString     *value;        /* <v>'s text */
  GString     *inline_text;  /* the <t>s of an <is> */
} Sheet;

/* Attribute @name (no prefix) of a SAX2 start tag, or NULL; its text
 * runs from value to end, in @buf. */
static const char *
sax_attribute (int            n,
               const xmlChar **attrs,
               const char     *name,
               char           *buf,
               gsize           size)
{
  for (int i = 0; i < n; i++)
    {
      const xmlChar **a = attrs + 5 * i;

      if (a[1] == NULL && strcmp ((const char *) a[0], name) == 0)
        {
          gsize len = (gsize) (a[4] - a[3]);

          if (len >= size)
            len = size - 1;
          memcpy (buf, a[3], len);
          buf[len] = '\0';
          return buf;
        }
    }
  return NULL;
}

static gboolean
is_true (const char *v)
{
  return v != NULL && (g_str_equal (v, "1") || g_ascii_strcasecmp (v, "true") == 0);
}

static void
sheet_start (void           *ctx,
             const xmlChar  *localname,
             const xmlChar  *prefix,
             const xmlChar  *uri,
             int             n_namespaces,
             const xmlChar **namespaces,
             int             n_attributes,
             int             n_defaulted,
             const xmlChar **attrs)
{
  Sheet *s = ((xmlParserCtxtPtr) ctx)->_private;
  const char *name = (const char *) localname;
  char a1[32], a2[32], a3[32];

  if (s->in_cell)
    {
      if (g_str_equal (name, "v"))
        {
          s->in_v = TRUE;
          s->has_value = TRUE;
          g_string_truncate (s->value, 0);
        }
      else if (g_str_equal (name, "is"))
        {
          s->in_is = TRUE;
          s->has_value = TRUE;
          g_string_truncate (s->inline_text, 0);
        }
      else if (s->in_is && g_str_equal (name, "rPh"))
        s->in_guide = TRUE;
      else if (s->in_is && g_str_equal (name, "t"))
        s->in_t = TRUE;
      return;
    }
  if (g_str_equal (name, "c"))
    {
      const char *ref, *t, *st;

      if (s->row == NULL)
        return;
      ref = sax_attribute (n_attributes, attrs, "r", a1, sizeof a1);
      t = sax_attribute (n_attributes, attrs, "t", a2, sizeof a2);
      st = sax_attribute (n_attributes, attrs, "s", a3, sizeof a3);
      s->in_cell = TRUE;
      s->has_value = FALSE;
      s->col = ref ? column_of (ref) : (int) s->row->len;
      s->style = st ? atoi (st) : 0;
      g_strlcpy (s->type, t ? t : "n", sizeof s->type);
    }
  else if (g_str_equal (name, "row"))
    {
      const char *n = sax_attribute (n_attributes, attrs, "r", a1, sizeof a1);
      guint number = n ? (guint) atoi (n) : s->rows->len + 1;

      if (s->info != NULL && is_true (sax_attribute (n_attributes, attrs, "hidden", a2, sizeof a2)))
        s->info->n_hidden_rows++;
      /* Rows left out of the file are empty rows of the sheet. */
      while (number > s->rows->len + 1 && s->rows->len < 1048576)
        g_ptr_array_add (s->rows, _sl_table_new_row ());
      s->row = _sl_table_new_row ();
      g_ptr_array_add (s->rows, s->row);
    }
  else if (s->info != NULL && g_str_equal (name, "col"))
    {
      const char *min = sax_attribute (n_attributes, attrs, "min", a1, sizeof a1);
      const char *max = sax_attribute (n_attributes, attrs, "max", a2, sizeof a2);

      if (is_true (sax_attribute (n_attributes, attrs, "hidden", a3, sizeof a3)) && min && max)
        for (int c = MAX (atoi (min), 1); c <= MIN (atoi (max), SL_TABLE_MAX_COLUMNS); c++)
          {
            guint col = (guint) c - 1;
            g_array_append_val (s->info->hidden_columns, col);
          }
    }
  else if (g_str_equal (name, "mergeCell"))
    {
      char ref[64];

      if (sax_attribute (n_attributes, attrs, "ref", ref, sizeof ref) != NULL)
        g_ptr_array_add (s->merges, g_strdup (ref));
    }
}

/* The cell's text as the spreadsheet shows it. */
static char *
cell_text (Sheet *s)
{
  const char *t = s->type;
  const char *value = s->value->str;

  if (!s->has_value || s->value->len == 0)
    return g_strdup ("");
  if (g_str_equal (t, "d"))
    /* An ISO date cell: "2021-01-01T00:00:00" is its day. */
    return g_strndup (value, s->value->len >= 10 && value[4] == '-' && value[7] == '-' ? 10 : s->value->len);
  if (g_str_equal (t, "s"))
    {
      long i = strtol (value, NULL, 10);
      return g_strdup (i >= 0 && i < (long) s->strings->len ? s->strings->pdata[i] : "");
    }
  if (g_str_equal (t, "b"))
    return g_strdup (g_str_equal (value, "1") ? "TRUE" : "FALSE");
  if (g_str_equal (t, "inlineStr") || g_str_equal (t, "str") || g_str_equal (t, "e"))
    return g_strndup (value, s->value->len);
  return number_text (value, s->style >= 0 && (guint) s->style < s->date_styles->len
                             ? g_array_index (s->date_styles, int, s->style) : SHOWN_PLAIN, s->date1904);
}

static void
sheet_end (void          *ctx,
           const xmlChar *localname,
           const xmlChar *prefix,
           const xmlChar *uri)
{
  Sheet *s = ((xmlParserCtxtPtr) ctx)->_private;
  const char *name = (const char *) localname;

  if (s->in_cell)
    {
      if (g_str_equal (name, "v"))
        s->in_v = FALSE;
      else if (g_str_equal (name, "rPh"))
        s->in_guide = FALSE;
      else if (g_str_equal (name, "t"))
        s->in_t = FALSE;
      else if (g_str_equal (name, "is"))
        {
          /* An inline string is the cell's value, whatever came before. */
          s->in_is = FALSE;
          g_string_truncate (s->value, 0);
          g_string_append_len (s->value, s->inline_text->str, s->inline_text->len);
          g_strlcpy (s->type, "inlineStr", sizeof s->type);
          if (s->value->len > 0)
            {
              g_autofree char *decoded = decode_escapes (g_strndup (s->value->str, s->value->len));

              g_string_assign (s->value, decoded);
            }
          g_string_truncate (s->inline_text, 0);
        }
      else if (g_str_equal (name, "c"))
        {
          s->in_cell = s->in_v = s->in_is = s->in_t = s->in_guide = FALSE;
          put_cell (s->row, s->col, cell_text (s));
        }
      return;
    }
  if (g_str_equal (name, "row"))
    s->row = NULL;
}

static void
sheet_text (void          *ctx,
            const xmlChar *text,
            int            len)
{
  Sheet *s = ((xmlParserCtxtPtr) ctx)->_private;

  if (s->in_is && s->in_t && !s->in_guide)
    g_string_append_len (s->inline_text, (const char *) text, len);
  else if (s->in_v)
    g_string_append_len (s->value, (const char *) text, len);
}

/* Reads the sheet @member of @zip. */
static GPtrArray *
read_sheet (unzFile           zip,
            const char       *member,
            GPtrArray        *strings,
            GArray           *date_styles,
            gboolean          date1904,
            SlTableInfo      *info,
            GError          **error)
{
  g_autoptr(GPtrArray) rows = _sl_table_new ();
  g_autoptr(GPtrArray) merges = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) value = g_string_sized_new (64);
  g_autoptr(GString) inline_text = g_string_sized_new (256);
  Sheet s = { rows, NULL, merges, strings, date_styles, info, date1904 };
  xmlSAXHandler sax = { 0 };
  xmlParserCtxtPtr ctxt;
  unz_file_info file_info;
  g_autofree char *buf = NULL;
  gboolean ok = TRUE;
  int n;

  if (unzLocateFile (zip, member, 2) != UNZ_OK
      || unzGetCurrentFileInfo (zip, &file_info, NULL, 0, NULL, 0, NULL, 0) != UNZ_OK
      || file_info.uncompressed_size > MAX_MEMBER
      || unzOpenCurrentFile (zip) != UNZ_OK)
    {
      g_set_error_literal (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_FORMAT, _("The workbook's sheet cannot be read"));
      return NULL;
    }
  s.value = value;
  s.inline_text = inline_text;
  sax.initialized = XML_SAX2_MAGIC;
  sax.startElementNs = sheet_start;
  sax.endElementNs = sheet_end;
  sax.characters = sheet_text;
  sax.cdataBlock = sheet_text;
  sax.ignorableWhitespace = sheet_text;
  ctxt = xmlCreatePushParserCtxt (&sax, NULL, NULL, 0, NULL);
  if (ctxt == NULL)
    {
      unzCloseCurrentFile (zip);
      g_set_error_literal (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_FORMAT, _("The sheet is not XML"));
      return NULL;
    }
  xmlCtxtUseOptions (ctxt, XML_PARSE_NONET | XML_PARSE_HUGE);
  ctxt->_private = &s;
  buf = g_malloc (64 * 1024);
  while (ok && (n = unzReadCurrentFile (zip, buf, 64 * 1024)) > 0)
    ok = xmlParseChunk (ctxt, buf, n, 0) == 0;
  /* A member cut short (n < 0) is as malformed as bad XML. */
  ok = ok && n == 0 && xmlParseChunk (ctxt, NULL, 0, 1) == 0 && ctxt->wellFormed;
  xmlFreeParserCtxt (ctxt);
  unzCloseCurrentFile (zip);
  if (!ok)
    {
      g_set_error_literal (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_FORMAT, _("The sheet's XML is malformed"));
      return NULL;
    }
  for (guint i = 0; i < merges->len; i++)
    fill_merge (rows, merges->pdata[i]);
  return g_steal_pointer (&rows);
}

/**
 * sl_table_read_xlsx:
 * @sheet: (nullable): a sheet's name, or %NULL for the first visible one
 * @info: (nullable): filled with what the sheet hides
 *
 * Returns: (transfer full) (element-type GPtrArray): the rows
 */
GPtrArray *
sl_table_read_xlsx (const char  *path,
                    const char  *sheet,
                    SlTableInfo *info,
                    GError     **error)
{
  unzFile zip = unzOpen64 (path);
  g_auto(SlXlsxParts) parts = { 0 };
  g_autofree char *shared = NULL;
  g_autofree char *styles = NULL;
  g_autoptr(GPtrArray) strings = NULL;
  g_autoptr(GArray) dates = NULL;
  gsize shared_len = 0, styles_len = 0;
  GPtrArray *rows;

  if (zip == NULL)
    {
      g_set_error_literal (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_FORMAT,
                           _("The file is not an Excel workbook (.xlsx)"));
      return NULL;
    }
  if (!_sl_xlsx_find_parts (zip, sheet, &parts, error))
    {
      unzClose (zip);
      return NULL;
    }
  shared = _sl_zip_member (zip, parts.shared ? parts.shared : "xl/sharedStrings.xml", &shared_len);
  styles = _sl_zip_member (zip, parts.styles ? parts.styles : "xl/styles.xml", &styles_len);
  strings = read_shared_strings (shared, shared_len, error);
  g_clear_pointer (&shared, g_free);
  if (strings == NULL)
    {
      unzClose (zip);
      return NULL;
    }
  dates = read_date_styles (styles, styles_len);
  rows = read_sheet (zip, parts.sheet, strings, dates, parts.date1904, info, error);
  unzClose (zip);
  return rows;
}
