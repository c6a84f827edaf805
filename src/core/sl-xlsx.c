/* sl-xlsx.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE /* memfd_create */
#define G_LOG_DOMAIN "sl-xlsx"

#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

#include "sl-xlsx.h"
#include "sl-util.h"

#define A4 9
#define MIN_WIDTH 6.0
#define MAX_WIDTH 60.0

static lxw_format *
add_format (lxw_workbook *workbook,
            gboolean      bold,
            const char   *num_format,
            guint32       bg)
{
  lxw_format *f = workbook_add_format (workbook);

  /* A font every Chinese desktop has, so that widths computed here hold. */
  format_set_font_name (f, "SimSun");
  format_set_font_size (f, 10.5);
  format_set_border (f, LXW_BORDER_THIN);
  format_set_align (f, LXW_ALIGN_VERTICAL_CENTER);
  if (bold)
    format_set_bold (f);
  if (num_format)
    {
      format_set_num_format (f, num_format);
      /* "—" for an unknown number lines up with the numbers. */
      format_set_align (f, LXW_ALIGN_RIGHT);
    }
  if (bg)
    format_set_bg_color (f, bg);
  return f;
}

/**
 * sl_xlsx_formats_init:
 *
 * The formats every export uses, added to @workbook once.
 */
void
sl_xlsx_formats_init (SlXlsxFormats *f,
                      lxw_workbook  *workbook)
{
  f->title = workbook_add_format (workbook);
  format_set_font_name (f->title, "SimHei");
  format_set_font_size (f->title, 18);
  format_set_bold (f->title);
  format_set_align (f->title, LXW_ALIGN_CENTER);
  format_set_align (f->title, LXW_ALIGN_VERTICAL_CENTER);
  f->subtitle = workbook_add_format (workbook);
  format_set_font_name (f->subtitle, "SimSun");
  format_set_font_size (f->subtitle, 11);
  format_set_align (f->subtitle, LXW_ALIGN_CENTER);
  f->note = workbook_add_format (workbook);
  format_set_font_name (f->note, "SimSun");
  format_set_font_size (f->note, 9);
  format_set_italic (f->note);
  format_set_text_wrap (f->note);
  format_set_align (f->note, LXW_ALIGN_VERTICAL_TOP);

  f->header = add_format (workbook, TRUE, NULL, 0xD9E1F2);
  format_set_align (f->header, LXW_ALIGN_CENTER);
  format_set_text_wrap (f->header);
  f->text = add_format (workbook, FALSE, NULL, 0);
  f->wrapped = add_format (workbook, FALSE, NULL, 0);
  format_set_text_wrap (f->wrapped);
  f->integer = add_format (workbook, FALSE, "#,##0", 0);
  f->decimal = add_format (workbook, FALSE, "#,##0.00", 0);
  f->percent = add_format (workbook, FALSE, "0.0%", 0);
  f->date = add_format (workbook, FALSE, sl_date_cell_format (), 0);
  f->total_text = add_format (workbook, TRUE, NULL, 0xF2F2F2);
  f->total_integer = add_format (workbook, TRUE, "#,##0", 0xF2F2F2);
  f->total_percent = add_format (workbook, TRUE, "0.0%", 0xF2F2F2);
  /* The bulletin's marks: light fills, legible in black and white too. */
  f->mark_green = add_format (workbook, FALSE, "0.0%", 0xC6EFCE);
  f->mark_yellow = add_format (workbook, FALSE, "0.0%", 0xFFEB9C);
  f->mark_red = add_format (workbook, FALSE, "0.0%", 0xFFC7CE);
}

/**
 * sl_xlsx_text_width:
 *
 * Returns: the width of @text in Excel's character units: a Han (wide)
 *   character counts two
 */
double
sl_xlsx_text_width (const char *text)
{
  double width = 0;

  if (text == NULL)
    return 0;
  for (const char *p = text; *p; )
    {
      gunichar ch;

      /* Most of a roster's bytes are ASCII: no decoding for them. */
      if ((guchar) *p < 0x80)
        {
          width += 1.0;
          p++;
          continue;
        }
      ch = g_utf8_get_char (p);
      /* The unified ideographs, most of a Chinese name, without the
       * tables' search. */
      if (ch >= 0x4E00 && ch <= 0x9FFF)
        width += 2.0;
      else
        width += g_unichar_iswide (ch) || g_unichar_iswide_cjk (ch) ? 2.0 : 1.0;
      p = g_utf8_next_char (p);
    }
  return width;
}

SlSheet *
sl_sheet_new (lxw_workbook *workbook,
              const char   *name,
              const char   *title)
{
  SlSheet *sheet = g_new0 (SlSheet, 1);

  sheet->workbook = workbook;
  sheet->ws = workbook_add_worksheet (workbook, name);
  sheet->name = g_strdup (name);
  sheet->title = g_strdup (title);
  sheet->widths = g_array_new (FALSE, TRUE, sizeof (double));
  sheet->status = sheet->ws ? LXW_NO_ERROR : LXW_ERROR_MEMORY_MALLOC_FAILED;
  return sheet;
}

void
sl_sheet_free (SlSheet *sheet)
{
  if (sheet == NULL)
    return;
  g_free (sheet->name);
  g_free (sheet->title);
  g_array_unref (sheet->widths);
  g_free (sheet);
}

static void
check (SlSheet   *sheet,
       lxw_error  err)
{
  if (err != LXW_NO_ERROR && sheet->status == LXW_NO_ERROR)
    sheet->status = err;
}

static void
widen (SlSheet *sheet,
       guint    col,
       double   width)
{
  if (col >= sheet->widths->len)
    g_array_set_size (sheet->widths, col + 1);
  if (width > g_array_index (sheet->widths, double, col))
    g_array_index (sheet->widths, double, col) = width;
}

/**
 * sl_sheet_widen:
 *
 * Makes column @col wide enough for @text without writing it (a merged
 * header spans several columns, for instance).
 */
void
sl_sheet_widen (SlSheet    *sheet,
                guint       col,
                const char *text)
{
  widen (sheet, col, sl_xlsx_text_width (text));
}

#define PARAGRAPH_WIDTH 36.0

/* A string cell whatever the text starts with, its column widened up to
 * @max_width; a blank cell in @format for no text. */
static void
write_text_width (SlSheet    *sheet,
                  guint       row,
                  guint       col,
                  const char *text,
                  double      width,
                  lxw_format *format,
                  double      max_width)
{
  if (text == NULL || *text == '\0')
    {
      check (sheet, worksheet_write_blank (sheet->ws, row, (lxw_col_t) col, format));
      return;
    }
  check (sheet, worksheet_write_string (sheet->ws, row, (lxw_col_t) col, text, format));
  widen (sheet, col, MIN (width, max_width));
}

static void
write_text (SlSheet    *sheet,
            guint       row,
            guint       col,
            const char *text,
            lxw_format *format,
            double      max_width)
{
  write_text_width (sheet, row, col, text, text ? sl_xlsx_text_width (text) : 0, format, max_width);
}

/**
 * sl_sheet_text:
 *
 * Writes @text as a string cell, whatever it starts with; %NULL or empty
 * writes a blank cell in @format.
 */
void
sl_sheet_text (SlSheet    *sheet,
               guint       row,
               guint       col,
               const char *text,
               lxw_format *format)
{
  write_text (sheet, row, col, text, format, MAX_WIDTH);
}

/**
 * sl_sheet_text_measured:
 * @width: sl_xlsx_text_width() of @text, already taken
 *
 * As sl_sheet_text(), for text whose width the caller has measured (to
 * size its row): a million rows measure each name once.
 */
void
sl_sheet_text_measured (SlSheet    *sheet,
                        guint       row,
                        guint       col,
                        const char *text,
                        double      width,
                        lxw_format *format)
{
  write_text_width (sheet, row, col, text, width, format, MAX_WIDTH);
}

/**
 * sl_sheet_paragraph:
 *
 * Long text in a wrapping format: its column grows no wider than a short
 * paragraph; sl_sheet_fit_row() makes the row taller instead.
 */
void
sl_sheet_paragraph (SlSheet    *sheet,
                    guint       row,
                    guint       col,
                    const char *text,
                    lxw_format *format)
{
  write_text (sheet, row, col, text, format, PARAGRAPH_WIDTH);
}

/**
 * sl_sheet_fit_row:
 * @texts: (array length=n): the paragraphs the row will hold
 *
 * Sets the height of @row for its longest paragraph, before its cells are
 * written: readers do not all fit a row's height to wrapped text.
 */
void
sl_sheet_fit_row (SlSheet     *sheet,
                  guint        row,
                  const char **texts,
                  guint        n)
{
  double lines = 1;

  for (guint i = 0; i < n; i++)
    /* Han characters print about 1.6 widths each, not the 2 counted: a
     * line holds about 1.2 times the column's width in counted units
     * (with -6, a 口径 of one line was given two). */
    lines = MAX (lines, ceil (sl_xlsx_text_width (texts[i]) / (PARAGRAPH_WIDTH * 1.2)));
  if (lines > 1)
    check (sheet, worksheet_set_row (sheet->ws, row, 14.5 * lines, NULL));
}

/**
 * sl_sheet_header:
 *
 * A column header: it wraps, so its column need only be wide enough for
 * half of it, or its longest word.
 */
void
sl_sheet_header (SlSheet    *sheet,
                 guint       row,
                 guint       col,
                 const char *text,
                 lxw_format *format)
{
  g_auto(GStrv) words = g_strsplit (text ? text : "", " ", -1);
  double longest = 0;

  check (sheet, worksheet_write_string (sheet->ws, row, (lxw_col_t) col, text ? text : "", format));
  for (guint i = 0; words[i]; i++)
    longest = MAX (longest, sl_xlsx_text_width (words[i]));
  widen (sheet, col, MAX (longest, ceil (sl_xlsx_text_width (text) / 2)));
}

void
sl_sheet_number (SlSheet    *sheet,
                 guint       row,
                 guint       col,
                 double      value,
                 lxw_format *format)
{
  double digits = 1;

  check (sheet, worksheet_write_number (sheet->ws, row, (lxw_col_t) col, value, format));
  /* The integer digits with their grouping, two decimals and a sign, as
   * the number formats show them; counted, not printed. */
  for (double v = fabs (value); v >= 10 && digits < 20; v /= 10)
    digits++;
  widen (sheet, col, digits + floor ((digits - 1) / 3) + 4);
}

/**
 * sl_sheet_optional:
 *
 * A number, or "—" when @value is NAN (not known, or no target).
 */
void
sl_sheet_optional (SlSheet    *sheet,
                   guint       row,
                   guint       col,
                   double      value,
                   lxw_format *format)
{
  if (isnan (value))
    sl_sheet_text (sheet, row, col, "—", format);
  else
    sl_sheet_number (sheet, row, col, value, format);
}

/**
 * sl_sheet_date:
 * @iso: (nullable): YYYY-MM-DD
 *
 * A date cell, or a blank one for %NULL.
 */
void
sl_sheet_date (SlSheet    *sheet,
               guint       row,
               guint       col,
               const char *iso,
               lxw_format *format)
{
  lxw_datetime dt = { 0 };

  if (iso == NULL || sscanf (iso, "%4d-%2d-%2d", &dt.year, &dt.month, &dt.day) != 3)
    {
      check (sheet, worksheet_write_blank (sheet->ws, row, (lxw_col_t) col, format));
      return;
    }
  check (sheet, worksheet_write_datetime (sheet->ws, row, (lxw_col_t) col, &dt, format));
  widen (sheet, col, 11);
}

void
sl_sheet_merge (SlSheet    *sheet,
                guint       row,
                guint       first_col,
                guint       last_col,
                const char *text,
                lxw_format *format)
{
  if (first_col == last_col)
    {
      sl_sheet_text (sheet, row, first_col, text, format);
      return;
    }
  check (sheet, worksheet_merge_range (sheet->ws, row, (lxw_col_t) first_col, row, (lxw_col_t) last_col,
                                       text ? text : "", format));
}

/* "&" starts a code in Excel's headers and footers: doubled, it is itself. */
static char *
escape_header (const char *text)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    {
      if (*p == '&')
        g_string_append_c (s, '&');
      g_string_append_c (s, *p);
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/**
 * sl_sheet_finish:
 * @header_first_row: the first row repeated on every printed page
 * @header_last_row: the last one
 *
 * Sets the column widths from what was written, and the print settings.
 */
/**
 * sl_sheet_cap:
 *
 * Keeps column @col at most @width wide: a column of long names written
 * wrapped, so that the sheet prints at a readable scale.
 */
void
sl_sheet_cap (SlSheet *sheet,
              guint    col,
              double   width)
{
  if (col < sheet->widths->len && g_array_index (sheet->widths, double, col) > width)
    g_array_index (sheet->widths, double, col) = width;
}

void
sl_sheet_finish (SlSheet *sheet,
                 guint    header_first_row,
                 guint    header_last_row)
{
  g_autofree char *title = escape_header (sheet->title ? sheet->title : "");
  /* The size before the font: after "&12" a title's leading digits
   * (2025年…) would be read as part of the size. */
  g_autofree char *header = g_strdup_printf ("&C&12&\"SimHei,Bold\"%s", title);
  /* TRANSLATORS: a printed page's footer; keep &P (this page) and &N (the number of pages) */
  g_autofree char *footer = g_strdup_printf ("&C%s", _("Page &P of &N"));

  for (guint col = 0; col < sheet->widths->len; col++)
    {
      double width = g_array_index (sheet->widths, double, col);

      if (width <= 0)
        continue;
      width = CLAMP (width + 2, MIN_WIDTH, MAX_WIDTH);
      check (sheet, worksheet_set_column (sheet->ws, (lxw_col_t) col, (lxw_col_t) col, width, NULL));
    }
  worksheet_set_landscape (sheet->ws);
  worksheet_set_paper (sheet->ws, A4);
  worksheet_set_margins (sheet->ws, 0.5, 0.5, 0.75, 0.75);
  worksheet_center_horizontally (sheet->ws);
  worksheet_fit_to_pages (sheet->ws, 1, 0);
  /* A first row past the last: a sheet whose header is not to be repeated. */
  if (header_first_row <= header_last_row)
    check (sheet, worksheet_repeat_rows (sheet->ws, header_first_row, header_last_row));
  check (sheet, worksheet_set_header (sheet->ws, header));
  check (sheet, worksheet_set_footer (sheet->ws, footer));
}

/* Standard error is the process's, so one capture runs at a time: a lock
 * of the process for a resource of the process. */
static GMutex stderr_capture;

/* libxlsxwriter says why a close failed only on standard error, in lines
 * of its own ("[ERROR] workbook_close(): … System error = No space left
 * on device"). They are taken into the message; anything else written
 * there meanwhile (another thread's warning) goes on to standard error. */
static lxw_error
close_captured (lxw_workbook  *wb,
                GString       *said)
{
  lxw_error closed;
  int saved, cap;
  g_autofree char *text = NULL;
  gsize len = 0;

  g_mutex_lock (&stderr_capture);
  fflush (stderr);
  saved = dup (STDERR_FILENO);
  cap = memfd_create ("sl-xlsx-stderr", MFD_CLOEXEC);
  if (saved < 0 || cap < 0 || dup2 (cap, STDERR_FILENO) < 0)
    {
      if (saved >= 0)
        close (saved);
      if (cap >= 0)
        close (cap);
      g_mutex_unlock (&stderr_capture);
      return workbook_close (wb);
    }
  closed = workbook_close (wb);
  fflush (stderr);
  dup2 (saved, STDERR_FILENO);
  close (saved);
  {
    off_t end = lseek (cap, 0, SEEK_END);

    if (end > 0 && lseek (cap, 0, SEEK_SET) == 0)
      {
        ssize_t n;

        text = g_malloc ((gsize) end + 1);
        n = read (cap, text, (size_t) end);
        len = n > 0 ? (gsize) n : 0;
        text[len] = '\0';
      }
  }
  close (cap);
  g_mutex_unlock (&stderr_capture);

  if (text != NULL)
    {
      g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

      for (guint i = 0; lines[i] != NULL; i++)
        {
          const char *l = lines[i];

          if (*l == '\0')
            continue;
          if (!g_str_has_prefix (l, "[ERROR]") && !g_str_has_prefix (l, "[WARNING]"))
            {
              fprintf (stderr, "%s\n", l);
              continue;
            }
          /* "[ERROR][./src/packager.c:1532]: " or "[ERROR] workbook_close(): " */
          l = strchr (l, ']') + 1;
          if (*l == '[' && strchr (l, ']') != NULL)
            l = strchr (l, ']') + 1;
          l += strspn (l, ": ");
          if (said->len > 0)
            g_string_append (said, "; ");
          g_string_append (said, l);
        }
    }
  return closed;
}

/* The operating system's reason, where libxlsxwriter named one. */
static char *
system_reason (const char *said)
{
  const char *at = strstr (said, "System error = ");
  const char *end;

  if (at == NULL)
    return NULL;
  at += strlen ("System error = ");
  end = strchr (at, ';');
  return g_strstrip (end ? g_strndup (at, end - at) : g_strdup (at));
}

/**
 * sl_xlsx_close:
 * @wb: (transfer full): the workbook, written to a temporary file
 * @path: the file it is for, named in the message
 * @status: the first error of the sheets' writes, or %LXW_NO_ERROR
 *
 * Closes @wb, which writes it out. On failure the message names @path and
 * the system's reason, with libxlsxwriter's own words after it, on one
 * line: nothing of it reaches standard error on its own.
 *
 * Returns: %TRUE if the workbook was written whole
 */
gboolean
sl_xlsx_close (lxw_workbook  *wb,
               const char    *path,
               lxw_error      status,
               GError       **error)
{
  g_autoptr(GString) said = g_string_new (NULL);
  lxw_error closed = close_captured (wb, said);
  g_autofree char *shown = NULL;
  g_autofree char *reason = NULL;
  lxw_error first = status != LXW_NO_ERROR ? status : closed;
  GIOErrorEnum code;

  if (first == LXW_NO_ERROR)
    {
      if (said->len > 0)
        g_debug ("libxlsxwriter: %s", said->str);
      return TRUE;
    }
  shown = g_filename_display_name (path);
  reason = system_reason (said->str);
  code = reason && g_str_equal (reason, g_strerror (ENOSPC)) ? G_IO_ERROR_NO_SPACE : G_IO_ERROR_FAILED;
  if (said->len > 0)
    /* TRANSLATORS: file, the reason, then libxlsxwriter's own words */
    g_set_error (error, G_IO_ERROR, code, _("“%s” could not be written: %s (libxlsxwriter: %s)"),
                 shown, reason ? reason : lxw_strerror (first), said->str);
  else
    g_set_error (error, G_IO_ERROR, code, _("“%s” could not be written: %s"), shown, lxw_strerror (first));
  return FALSE;
}
