/* bench-replay.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The bulletin's floor, cell for cell: a bare libxlsxwriter loop writing
 * exactly the cells of a workbook the export wrote, read back from it
 * first (every sheet, every cell with its value and its style, blank
 * bordered cells included, the rows' heights, the columns' widths, the
 * merges, the panes, the filter and the page set-up). Only the charts and
 * the comments are left out, which makes the floor a little lower.
 *
 *   bench-replay IN.xlsx OUT.xlsx
 *
 * Prints the seconds of the writing and of the closing, which is what the
 * export's own time is to be measured against. The reading is not timed.
 * compare-workbooks.py checks that OUT holds the same cells as IN. */

#include "config.h"

#include <libxml/xmlreader.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "sl-xlsx-reader.h"

typedef struct
{
  guint32     row;
  guint16     col;
  guint16     xf;
  char        type;    /* 'n' number, 's' text, 'b' boolean, 'z' blank */
  double      number;
  const char *text;
} Cell;

typedef struct
{
  guint32 row;
  double  height;
} Row;

typedef struct
{
  guint  first, last;
  double width;
} Col;

typedef struct
{
  guint r1, c1, r2, c2;
} Range;

typedef struct
{
  char         *name;
  gboolean      hidden;
  GArray       *cells;
  GArray       *rows;
  GArray       *cols;
  GArray       *merges;
  Range         filter;
  gboolean      has_filter;
  guint         freeze_row, freeze_col;
  gboolean      landscape, centered;
  int           paper, fit_width, fit_height;
  double        margins[4];    /* left, right, top, bottom */
  char         *header, *footer;
  int           repeat_first, repeat_last;   /* -1: none */
} Sheet;

typedef struct
{
  GStringChunk *strings;
  GPtrArray    *sheets;
  xmlDoc       *styles;
} Book;

/* "AB12" → row 11, column 27 (0-based). */
static void
parse_ref (const char *ref,
           guint      *row,
           guint      *col)
{
  guint c = 0;

  for (; *ref >= 'A' && *ref <= 'Z'; ref++)
    c = c * 26 + (guint) (*ref - 'A' + 1);
  *col = c - 1;
  *row = (guint) strtoul (ref, NULL, 10) - 1;
}

static void
parse_range (const char *ref,
             Range      *range)
{
  const char *colon = strchr (ref, ':');

  parse_ref (ref, &range->r1, &range->c1);
  if (colon)
    parse_ref (colon + 1, &range->r2, &range->c2);
  else
    range->r2 = range->r1, range->c2 = range->c1;
}

static char *
attr (xmlTextReader *reader,
      const char    *name)
{
  xmlChar *v = xmlTextReaderGetAttribute (reader, (const xmlChar *) name);
  char *s = v ? g_strdup ((const char *) v) : NULL;

  xmlFree (v);
  return s;
}

static double
attr_double (xmlTextReader *reader,
             const char    *name,
             double         fallback)
{
  g_autofree char *v = attr (reader, name);

  return v ? g_ascii_strtod (v, NULL) : fallback;
}

/* The text of the element under the reader, up to its end. */
static char *
element_text (xmlTextReader *reader)
{
  xmlChar *v = xmlTextReaderReadString (reader);
  char *s = g_strdup (v ? (const char *) v : "");

  xmlFree (v);
  return s;
}

static void
read_sheet (Book       *book,
            Sheet      *sheet,
            const char *xml)
{
  xmlTextReader *reader = xmlReaderForMemory (xml, (int) strlen (xml), NULL, NULL, XML_PARSE_HUGE);
  Cell cell = { 0 };
  gboolean in_cell = FALSE;

  while (xmlTextReaderRead (reader) == 1)
    {
      const char *name = (const char *) xmlTextReaderConstLocalName (reader);
      int kind = xmlTextReaderNodeType (reader);

      if (kind == XML_READER_TYPE_END_ELEMENT && strcmp (name, "c") == 0)
        {
          g_array_append_val (sheet->cells, cell);
          in_cell = FALSE;
          continue;
        }
      if (kind != XML_READER_TYPE_ELEMENT)
        continue;
      if (strcmp (name, "c") == 0)
        {
          g_autofree char *ref = attr (reader, "r");
          g_autofree char *s = attr (reader, "s");
          g_autofree char *t = attr (reader, "t");
          guint row, col;

          parse_ref (ref, &row, &col);
          cell = (Cell) { .row = row, .col = (guint16) col, .xf = s ? (guint16) atoi (s) : 0, .type = 'z' };
          if (t && (strcmp (t, "inlineStr") == 0 || strcmp (t, "str") == 0))
            cell.type = 's';
          else if (t && strcmp (t, "b") == 0)
            cell.type = 'b';
          else if (t)
            g_error ("cells of type %s are not replayed", t);
          in_cell = !xmlTextReaderIsEmptyElement (reader);
          if (!in_cell)
            g_array_append_val (sheet->cells, cell);
        }
      else if (in_cell && strcmp (name, "v") == 0)
        {
          g_autofree char *v = element_text (reader);

          if (cell.type == 's')
            cell.text = g_string_chunk_insert (book->strings, v);
          else
            {
              cell.number = g_ascii_strtod (v, NULL);
              if (cell.type == 'z')
                cell.type = 'n';
            }
        }
      else if (in_cell && strcmp (name, "t") == 0)
        {
          g_autofree char *v = element_text (reader);

          cell.text = g_string_chunk_insert (book->strings, v);
        }
      else if (in_cell && strcmp (name, "f") == 0)
        g_error ("formulas are not replayed");
      else if (strcmp (name, "row") == 0)
        {
          g_autofree char *custom = attr (reader, "customHeight");

          if (custom != NULL)
            {
              Row r = { (guint32) attr_double (reader, "r", 1) - 1, attr_double (reader, "ht", 15) };

              g_array_append_val (sheet->rows, r);
            }
        }
      else if (strcmp (name, "col") == 0)
        {
          /* libxlsxwriter writes a width w as w plus 5 pixels of padding
           * over 7 pixels a character. */
          Col c = { (guint) attr_double (reader, "min", 1) - 1, (guint) attr_double (reader, "max", 1) - 1,
                    attr_double (reader, "width", 8.43) - 5.0 / 7 };

          g_array_append_val (sheet->cols, c);
        }
      else if (strcmp (name, "mergeCell") == 0)
        {
          g_autofree char *ref = attr (reader, "ref");
          Range r;

          parse_range (ref, &r);
          g_array_append_val (sheet->merges, r);
        }
      else if (strcmp (name, "autoFilter") == 0)
        {
          g_autofree char *ref = attr (reader, "ref");

          parse_range (ref, &sheet->filter);
          sheet->has_filter = TRUE;
        }
      else if (strcmp (name, "pane") == 0)
        {
          sheet->freeze_col = (guint) attr_double (reader, "xSplit", 0);
          sheet->freeze_row = (guint) attr_double (reader, "ySplit", 0);
        }
      else if (strcmp (name, "pageSetup") == 0)
        {
          g_autofree char *orientation = attr (reader, "orientation");

          sheet->landscape = g_strcmp0 (orientation, "landscape") == 0;
          sheet->paper = (int) attr_double (reader, "paperSize", 0);
          sheet->fit_width = (int) attr_double (reader, "fitToWidth", 1);
          sheet->fit_height = (int) attr_double (reader, "fitToHeight", 1);
        }
      else if (strcmp (name, "printOptions") == 0)
        {
          g_autofree char *centered = attr (reader, "horizontalCentered");

          sheet->centered = centered != NULL;
        }
      else if (strcmp (name, "pageMargins") == 0)
        {
          sheet->margins[0] = attr_double (reader, "left", 0.7);
          sheet->margins[1] = attr_double (reader, "right", 0.7);
          sheet->margins[2] = attr_double (reader, "top", 0.75);
          sheet->margins[3] = attr_double (reader, "bottom", 0.75);
        }
      else if (strcmp (name, "oddHeader") == 0)
        sheet->header = element_text (reader);
      else if (strcmp (name, "oddFooter") == 0)
        sheet->footer = element_text (reader);
    }
  xmlFreeTextReader (reader);
}

static Book *
book_read (const char *path)
{
  Book *book = g_new0 (Book, 1);
  unzFile zip = unzOpen64 (path);
  g_autofree char *workbook = NULL;
  g_autofree char *styles = NULL;
  xmlDoc *doc;
  xmlNode *root;
  guint index = 0;

  if (zip == NULL)
    g_error ("cannot open %s", path);
  book->strings = g_string_chunk_new (1024 * 1024);
  book->sheets = g_ptr_array_new ();
  workbook = sl_zip_read (zip, "xl/workbook.xml");
  styles = sl_zip_read (zip, "xl/styles.xml");
  if (sl_zip_read (zip, "xl/sharedStrings.xml") != NULL)
    g_error ("shared strings are not replayed");
  book->styles = xmlReadMemory (styles, (int) strlen (styles), NULL, NULL, 0);
  doc = xmlReadMemory (workbook, (int) strlen (workbook), NULL, NULL, 0);
  root = xmlDocGetRootElement (doc);
  /* libxlsxwriter names its parts sheetN in the workbook's order. */
  for (xmlNode *n = sl_xml_child (sl_xml_child (root, "sheets"), "sheet"); n; n = n->next)
    {
      Sheet *sheet = g_new0 (Sheet, 1);
      g_autofree char *state = sl_xml_prop (n, "state");
      g_autofree char *part = g_strdup_printf ("xl/worksheets/sheet%u.xml", ++index);
      g_autofree char *xml = sl_zip_read (zip, part);

      if (!sl_xml_is (n, "sheet"))
        continue;
      sheet->name = sl_xml_prop (n, "name");
      sheet->hidden = g_strcmp0 (state, "hidden") == 0;
      sheet->cells = g_array_new (FALSE, FALSE, sizeof (Cell));
      sheet->rows = g_array_new (FALSE, FALSE, sizeof (Row));
      sheet->cols = g_array_new (FALSE, FALSE, sizeof (Col));
      sheet->merges = g_array_new (FALSE, FALSE, sizeof (Range));
      sheet->repeat_first = sheet->repeat_last = -1;
      if (xml == NULL)
        g_error ("%s: no %s", path, part);
      read_sheet (book, sheet, xml);
      g_ptr_array_add (book->sheets, sheet);
    }
  /* Print titles: <definedName name="_xlnm.Print_Titles" localSheetId="N">Sheet!$5:$5</definedName>. */
  for (xmlNode *n = sl_xml_child (sl_xml_child (root, "definedNames"), "definedName"); n; n = n->next)
    {
      g_autofree char *name = sl_xml_prop (n, "name");
      g_autofree char *local = sl_xml_prop (n, "localSheetId");
      xmlChar *value = xmlNodeGetContent (n);
      const char *rows = value ? strrchr ((const char *) value, '!') : NULL;

      if (g_strcmp0 (name, "_xlnm.Print_Titles") == 0 && local && rows && rows[1] == '$' && atoi (local) < (int) book->sheets->len)
        {
          Sheet *sheet = book->sheets->pdata[atoi (local)];
          const char *colon = strchr (rows, ':');

          sheet->repeat_first = atoi (rows + 2) - 1;
          sheet->repeat_last = colon ? atoi (colon + 2) - 1 : sheet->repeat_first;
        }
      xmlFree (value);
    }
  xmlFreeDoc (doc);
  unzClose (zip);
  return book;
}

static xmlNode *
nth_child (xmlNode    *parent,
           const char *name,
           int         n)
{
  for (xmlNode *c = parent ? parent->children : NULL; c; c = c->next)
    if (sl_xml_is (c, name) && n-- == 0)
      return c;
  return NULL;
}

static int
prop_int (xmlNode    *n,
          const char *name)
{
  g_autofree char *v = n ? sl_xml_prop (n, name) : NULL;

  return v ? atoi (v) : 0;
}

static lxw_color_t
prop_rgb (xmlNode *n)
{
  g_autofree char *v = n ? sl_xml_prop (n, "rgb") : NULL;

  return v ? (lxw_color_t) (strtoul (v, NULL, 16) & 0xFFFFFF) : LXW_COLOR_UNSET;
}

static guint8
border_style (const char *style)
{
  static const char *styles[] = { "none", "thin", "medium", "dashed", "dotted", "thick", "double", "hair" };

  for (guint i = 0; style && i < G_N_ELEMENTS (styles); i++)
    if (strcmp (style, styles[i]) == 0)
      return (guint8) i;
  return LXW_BORDER_NONE;
}

static guint8
align (const char *value,
       gboolean    vertical)
{
  static const char *horizontal[] = { "", "left", "center", "right", "fill", "justify", "centerContinuous", "distributed" };
  static const char *vertical_[] = { "top", "bottom", "center", "justify", "distributed" };

  if (value == NULL)
    return LXW_ALIGN_NONE;
  if (vertical)
    {
      for (guint i = 0; i < G_N_ELEMENTS (vertical_); i++)
        if (strcmp (value, vertical_[i]) == 0)
          return (guint8) (LXW_ALIGN_VERTICAL_TOP + i);
    }
  else
    for (guint i = 1; i < G_N_ELEMENTS (horizontal); i++)
      if (strcmp (value, horizontal[i]) == 0)
        return (guint8) i;
  return LXW_ALIGN_NONE;
}

/* The cellXfs of styles.xml as formats of the new workbook; the first
 * (the default) is NULL. */
static GPtrArray *
formats_make (lxw_workbook *wb,
              xmlDoc       *styles)
{
  xmlNode *root = xmlDocGetRootElement (styles);
  xmlNode *fonts = sl_xml_child (root, "fonts"), *fills = sl_xml_child (root, "fills");
  xmlNode *borders = sl_xml_child (root, "borders"), *numfmts = sl_xml_child (root, "numFmts");
  GPtrArray *formats = g_ptr_array_new ();

  for (xmlNode *xf = sl_xml_child (sl_xml_child (root, "cellXfs"), "xf"); xf; xf = xf->next)
    {
      lxw_format *f;
      xmlNode *font, *fill, *border, *alignment;
      int numfmt;

      if (!sl_xml_is (xf, "xf"))
        continue;
      if (formats->len == 0)
        {
          g_ptr_array_add (formats, NULL);
          continue;
        }
      f = workbook_add_format (wb);
      numfmt = prop_int (xf, "numFmtId");
      if (numfmt >= 164)
        for (xmlNode *n = numfmts ? numfmts->children : NULL; n; n = n->next)
          {
            if (sl_xml_is (n, "numFmt") && prop_int (n, "numFmtId") == numfmt)
              {
                g_autofree char *code = sl_xml_prop (n, "formatCode");
                format_set_num_format (f, code);
              }
          }
      else if (numfmt > 0)
        format_set_num_format_index (f, (guint8) numfmt);
      font = nth_child (fonts, "font", prop_int (xf, "fontId"));
      {
        xmlNode *sz = sl_xml_child (font, "sz"), *name = sl_xml_child (font, "name");
        g_autofree char *size = sz ? sl_xml_prop (sz, "val") : NULL;
        g_autofree char *family = name ? sl_xml_prop (name, "val") : NULL;

        if (family && strcmp (family, "Calibri") != 0)
          format_set_font_name (f, family);
        if (size && strcmp (size, "11") != 0)
          format_set_font_size (f, g_ascii_strtod (size, NULL));
        if (sl_xml_child (font, "b"))
          format_set_bold (f);
        if (sl_xml_child (font, "i"))
          format_set_italic (f);
        if (prop_rgb (sl_xml_child (font, "color")) != LXW_COLOR_UNSET)
          format_set_font_color (f, prop_rgb (sl_xml_child (font, "color")));
      }
      fill = sl_xml_child (nth_child (fills, "fill", prop_int (xf, "fillId")), "patternFill");
      if (fill && prop_rgb (sl_xml_child (fill, "fgColor")) != LXW_COLOR_UNSET)
        format_set_bg_color (f, prop_rgb (sl_xml_child (fill, "fgColor")));
      border = nth_child (borders, "border", prop_int (xf, "borderId"));
      {
        const char *sides[] = { "left", "right", "top", "bottom" };
        void (*set[]) (lxw_format *, uint8_t) = { format_set_left, format_set_right, format_set_top, format_set_bottom };

        for (guint s = 0; s < 4; s++)
          {
            xmlNode *side = sl_xml_child (border, sides[s]);
            g_autofree char *style = side ? sl_xml_prop (side, "style") : NULL;

            if (style)
              set[s] (f, border_style (style));
          }
      }
      alignment = sl_xml_child (xf, "alignment");
      if (alignment)
        {
          g_autofree char *h = sl_xml_prop (alignment, "horizontal");
          g_autofree char *v = sl_xml_prop (alignment, "vertical");
          g_autofree char *wrap = sl_xml_prop (alignment, "wrapText");

          if (align (h, FALSE))
            format_set_align (f, align (h, FALSE));
          if (align (v, TRUE))
            format_set_align (f, align (v, TRUE));
          if (wrap)
            format_set_text_wrap (f);
          if (prop_int (alignment, "indent"))
            format_set_indent (f, (guint8) prop_int (alignment, "indent"));
        }
      g_ptr_array_add (formats, f);
    }
  return formats;
}

static gboolean
inside_merge (Sheet *sheet,
              Cell  *c,
              Range **first)
{
  *first = NULL;
  for (guint m = 0; m < sheet->merges->len; m++)
    {
      Range *r = &g_array_index (sheet->merges, Range, m);

      if (c->row >= r->r1 && c->row <= r->r2 && c->col >= r->c1 && c->col <= r->c2)
        {
          if (c->row == r->r1 && c->col == r->c1)
            *first = r;
          return TRUE;
        }
    }
  return FALSE;
}

static void
write_sheet (lxw_workbook *wb,
             GPtrArray    *formats,
             Sheet        *sheet)
{
  lxw_worksheet *ws = workbook_add_worksheet (wb, sheet->name);
  guint next_row = 0;
  /* Merges are few and on the first rows; past them no cell is looked up. */
  guint merges_end = 0;

  for (guint m = 0; m < sheet->merges->len; m++)
    merges_end = MAX (merges_end, g_array_index (sheet->merges, Range, m).r2 + 1);
  for (guint i = 0; i < sheet->cols->len; i++)
    {
      Col *c = &g_array_index (sheet->cols, Col, i);
      worksheet_set_column (ws, (lxw_col_t) c->first, (lxw_col_t) c->last, c->width, NULL);
    }
  for (guint i = 0; i < sheet->cells->len; i++)
    {
      Cell *c = &g_array_index (sheet->cells, Cell, i);
      lxw_format *f = c->xf < formats->len ? formats->pdata[c->xf] : NULL;
      Range *merge;

      while (next_row < sheet->rows->len && g_array_index (sheet->rows, Row, next_row).row <= c->row)
        {
          Row *r = &g_array_index (sheet->rows, Row, next_row++);
          worksheet_set_row (ws, r->row, r->height, NULL);
        }
      if (c->row < merges_end && inside_merge (sheet, c, &merge))
        {
          if (merge)
            worksheet_merge_range (ws, merge->r1, (lxw_col_t) merge->c1, merge->r2, (lxw_col_t) merge->c2,
                                   c->type == 's' ? c->text : "", f);
          continue;
        }
      switch (c->type)
        {
        case 'n': worksheet_write_number (ws, c->row, c->col, c->number, f); break;
        case 's': worksheet_write_string (ws, c->row, c->col, c->text, f); break;
        case 'b': worksheet_write_boolean (ws, c->row, c->col, c->number != 0, f); break;
        default: worksheet_write_blank (ws, c->row, c->col, f); break;
        }
    }
  if (sheet->has_filter)
    worksheet_autofilter (ws, sheet->filter.r1, (lxw_col_t) sheet->filter.c1, sheet->filter.r2, (lxw_col_t) sheet->filter.c2);
  if (sheet->freeze_row || sheet->freeze_col)
    worksheet_freeze_panes (ws, sheet->freeze_row, (lxw_col_t) sheet->freeze_col);
  if (sheet->landscape)
    worksheet_set_landscape (ws);
  if (sheet->paper)
    worksheet_set_paper (ws, (guint8) sheet->paper);
  if (sheet->fit_width != 1 || sheet->fit_height != 1)
    worksheet_fit_to_pages (ws, (guint16) sheet->fit_width, (guint16) sheet->fit_height);
  if (sheet->centered)
    worksheet_center_horizontally (ws);
  if (sheet->margins[0] > 0)
    worksheet_set_margins (ws, sheet->margins[0], sheet->margins[1], sheet->margins[2], sheet->margins[3]);
  if (sheet->header)
    worksheet_set_header (ws, sheet->header);
  if (sheet->footer)
    worksheet_set_footer (ws, sheet->footer);
  if (sheet->repeat_first >= 0)
    worksheet_repeat_rows (ws, (lxw_row_t) sheet->repeat_first, (lxw_row_t) sheet->repeat_last);
  if (sheet->hidden)
    worksheet_hide (ws);
}

int
main (int   argc,
      char *argv[])
{
  lxw_workbook_options opts = { .constant_memory = LXW_TRUE, .use_zip64 = LXW_TRUE };
  g_autoptr(GPtrArray) formats = NULL;
  lxw_workbook *wb;
  Book *book;
  gsize cells = 0;
  gint64 start;

  if (argc != 3)
    {
      fprintf (stderr, "usage: bench-replay IN.xlsx OUT.xlsx\n");
      return 2;
    }
  book = book_read (argv[1]);
  for (guint s = 0; s < book->sheets->len; s++)
    cells += ((Sheet *) book->sheets->pdata[s])->cells->len;

  start = g_get_monotonic_time ();
  wb = workbook_new_opt (argv[2], &opts);
  formats = formats_make (wb, book->styles);
  for (guint s = 0; s < book->sheets->len; s++)
    write_sheet (wb, formats, book->sheets->pdata[s]);
  printf ("replay: %.3f s writing %" G_GSIZE_FORMAT " cells of %u sheets,", (g_get_monotonic_time () - start) / 1e6,
          cells, book->sheets->len);
  if (workbook_close (wb) != LXW_NO_ERROR)
    g_error ("cannot write %s", argv[2]);
  printf (" %.3f s with the closing\n", (g_get_monotonic_time () - start) / 1e6);
  return 0;
}
