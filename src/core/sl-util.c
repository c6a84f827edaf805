/* sl-util.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sl-error.h"
#include "sl-util.h"

/**
 * sl_date_parse:
 * @iso: a date as `YYYY-MM-DD`
 * @out: the date
 *
 * Returns: %TRUE if @iso is exactly a valid calendar date
 */
gboolean
sl_date_parse (const char *iso,
               GDate      *out)
{
  int y, m, d;

  if (iso == NULL || strlen (iso) != 10 || iso[4] != '-' || iso[7] != '-')
    return FALSE;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (iso[i]))
      return FALSE;
  y = atoi (iso);
  m = atoi (iso + 5);
  d = atoi (iso + 8);
  if (y < 1900 || y > 2999 || !g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_clear (out, 1);
  g_date_set_dmy (out, d, m, y);
  return TRUE;
}

gboolean
sl_date_is_valid (const char *iso)
{
  GDate date;
  return sl_date_parse (iso, &date);
}

char *
sl_date_to_iso (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date),
                          g_date_get_month (date), g_date_get_day (date));
}

/**
 * sl_date_display:
 * @iso: (nullable): a day, `YYYY-MM-DD`, or a timestamp starting with one
 *
 * A day as the UI language writes it: 2025年12月1日 in zh_CN, with no
 * zero before the month or the day. The one way a date is shown: pages,
 * dialogs, the change history and the bulletin.
 *
 * Returns: (transfer full): the day shown, "" for none, or @iso as it is
 *   when it is no day
 */
char *
sl_date_display (const char *iso)
{
  GDate date;
  g_autofree char *day = iso ? g_strndup (iso, 10) : NULL;

  if (day == NULL || *day == '\0')
    return g_strdup ("");
  if (strlen (iso) > 10)
    {
      /* A timestamp: its day where the clerk is. */
      g_autoptr(GDateTime) now = sl_now ();
      g_autoptr(GDateTime) at = g_date_time_new_from_iso8601 (iso, g_date_time_get_timezone (now));
      g_autoptr(GDateTime) local = at ? g_date_time_to_timezone (at, g_date_time_get_timezone (now)) : NULL;

      if (local != NULL)
        {
          g_free (day);
          day = g_date_time_format (local, "%Y-%m-%d");
        }
    }
  if (!sl_date_parse (day, &date))
    return g_strdup (iso);
  /* TRANSLATORS: a date: year, month, day; in zh_CN %1$d年%2$d月%3$d日, no zero padding */
  return g_strdup_printf (_("%1$d-%2$02d-%3$02d"), g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date));
}

/**
 * sl_date_cell_format:
 *
 * Returns: the number format of a date cell in the UI language: yyyy"年"m"月"d"日" in zh_CN
 */
const char *
sl_date_cell_format (void)
{
  /* TRANSLATORS: the number format of a date cell in a workbook (Excel's codes): in zh_CN yyyy"年"m"月"d"日" */
  return _("yyyy-mm-dd");
}

/**
 * sl_date_add_years:
 * @iso: the first day of a validity
 * @years: its length
 *
 * Returns: (transfer full) (nullable): the last day of a validity of @years
 *   years starting on @iso (2023-05-10 + 3 → 2026-05-09)
 */
char *
sl_date_add_years (const char *iso,
                   int         years)
{
  GDate date;

  if (!sl_date_parse (iso, &date))
    return NULL;
  g_date_add_years (&date, years);
  g_date_subtract_days (&date, 1);
  return sl_date_to_iso (&date);
}

char *
sl_date_add_days (const char *iso,
                  int         days)
{
  GDate date;

  if (!sl_date_parse (iso, &date))
    return NULL;
  if (days >= 0)
    g_date_add_days (&date, days);
  else
    g_date_subtract_days (&date, -days);
  return sl_date_to_iso (&date);
}

/**
 * sl_locale_init:
 *
 * The locale from the environment and the program's translations, from
 * `SL_LOCALEDIR` when it is set (a build tree), else the installed ones.
 */
void
sl_locale_init (void)
{
  const char *localedir = g_getenv ("SL_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

/**
 * sl_today:
 *
 * Today's date. `SL_TODAY=YYYY-MM-DD` in the environment fixes it, so that
 * tests and reproducible runs do not depend on the clock.
 *
 * Returns: (transfer full): today as `YYYY-MM-DD`
 */
char *
sl_today (void)
{
  /* Kept until the next local midnight: an import asks for every row. */
  static GMutex lock;
  static char *cached;
  static gint64 until;
  const char *fixed = g_getenv ("SL_TODAY");
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) midnight = NULL;
  g_autoptr(GDateTime) next = NULL;
  char *today;

  if (fixed != NULL && sl_date_is_valid (fixed))
    return g_strdup (fixed);
  g_mutex_lock (&lock);
  if (cached != NULL && g_get_real_time () < until)
    {
      today = g_strdup (cached);
      g_mutex_unlock (&lock);
      return today;
    }
  now = sl_now ();
  midnight = g_date_time_new (g_date_time_get_timezone (now), g_date_time_get_year (now),
                              g_date_time_get_month (now), g_date_time_get_day_of_month (now), 0, 0, 0);
  next = g_date_time_add_days (midnight, 1);
  g_free (cached);
  cached = g_date_time_format (now, "%Y-%m-%d");
  until = g_date_time_to_unix (next) * G_USEC_PER_SEC;
  today = g_strdup (cached);
  g_mutex_unlock (&lock);
  return today;
}

/**
 * sl_now:
 *
 * The local time now. The time zone is read once a process: GLib 2.74
 * reads /etc/localtime again on every g_date_time_new_now_local(), a
 * fifth of a 100,000-row import's time when every audit row asked.
 *
 * Returns: (transfer full): now, in the local time zone
 */
GDateTime *
sl_now (void)
{
  static gsize once;
  static GTimeZone *local;

  if (g_once_init_enter (&once))
    {
      local = g_time_zone_new_local ();
      g_once_init_leave (&once, 1);
    }
  return g_date_time_new_now (local);
}

/**
 * sl_period_parse:
 * @period: a month as `YYYY-MM`
 *
 * Returns: %TRUE and the first and last day of the month, or %FALSE with
 *   a validation error naming the rule
 */
gboolean
sl_period_parse (const char  *period,
                 char       **out_first_day,
                 char       **out_last_day,
                 GError     **error)
{
  int y, m;

  if (period == NULL || strlen (period) != 7 || period[4] != '-'
      || !g_ascii_isdigit (period[0]) || !g_ascii_isdigit (period[1])
      || !g_ascii_isdigit (period[2]) || !g_ascii_isdigit (period[3])
      || !g_ascii_isdigit (period[5]) || !g_ascii_isdigit (period[6]))
    {
      g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_FORMAT,
                   _("Month: “%s” is not a month; write it as YYYY-MM, for example 2025-11"),
                   period ? period : "");
      return FALSE;
    }
  y = atoi (period);
  m = atoi (period + 5);
  if (y < 1900 || y > 2999)
    {
      g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_RANGE,
                   _("Month: “%s” is not a month of a year from 1900 to 2999"), period);
      return FALSE;
    }
  if (m < 1 || m > 12)
    {
      g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_RANGE,
                   _("Month: “%s” is not a month; the month must be 01 to 12"), period);
      return FALSE;
    }
  if (out_first_day)
    *out_first_day = g_strdup_printf ("%04d-%02d-01", y, m);
  if (out_last_day)
    *out_last_day = g_strdup_printf ("%04d-%02d-%02d", y, m, g_date_get_days_in_month (m, y));
  return TRUE;
}

char *
sl_period_previous (const char *period)
{
  int y = atoi (period);
  int m = atoi (period + 5);

  if (--m == 0)
    {
      m = 12;
      y--;
    }
  return g_strdup_printf ("%04d-%02d", y, m);
}

/**
 * sl_amount_from_wan:
 * @text: an amount in 万元 with at most four decimals ("123.45")
 * @out_yuan: the amount in whole yuan
 *
 * Parsed as decimal text, so 0.0001 万元 is exactly 1 yuan.
 *
 * Returns: %TRUE if @text is such an amount, at most %SL_AMOUNT_MAX_WAN either way
 */
gboolean
sl_amount_from_wan (const char *text,
                    gint64     *out_yuan)
{
  g_autofree char *s = g_strstrip (g_strdup (text ? text : ""));
  const char *p = s;
  gboolean negative = FALSE;
  gint64 whole = 0;
  gint64 frac = 0;
  int digits = 0;
  int frac_digits = 0;

  if (*p == '-')
    {
      negative = TRUE;
      p++;
    }
  for (; g_ascii_isdigit (*p); p++, digits++)
    {
      whole = whole * 10 + (*p - '0');
      /* Checked at each digit, so that the product below cannot overflow. */
      if (whole > SL_AMOUNT_MAX_WAN)
        return FALSE;
    }
  if (*p == '.')
    {
      p++;
      for (; g_ascii_isdigit (*p); p++, frac_digits++)
        {
          if (frac_digits >= 4)
            return FALSE;
          frac = frac * 10 + (*p - '0');
        }
    }
  if (*p != '\0' || (digits == 0 && frac_digits == 0))
    return FALSE;
  for (int i = frac_digits; i < 4; i++)
    frac *= 10;
  if (whole * 10000 + frac > SL_AMOUNT_MAX_WAN * 10000)
    return FALSE;
  *out_yuan = (whole * 10000 + frac) * (negative ? -1 : 1);
  return TRUE;
}

/**
 * sl_amount_to_wan:
 *
 * Returns: (transfer full): @yuan in 万元, trailing zeros dropped ("123.45")
 */
char *
sl_amount_to_wan (gint64 yuan)
{
  gint64 a = yuan < 0 ? -yuan : yuan;
  char *s = g_strdup_printf ("%s%" G_GINT64_FORMAT ".%04" G_GINT64_FORMAT,
                             yuan < 0 ? "-" : "", a / 10000, a % 10000);
  char *end = s + strlen (s) - 1;

  while (*end == '0')
    *end-- = '\0';
  if (*end == '.')
    *end = '\0';
  return s;
}

/**
 * sl_strtidy:
 * @field: (inout) (nullable): a string a clerk typed
 *
 * Strips white space; an empty string becomes %NULL, "not given".
 */
void
sl_strtidy (char **field)
{
  if (*field != NULL)
    {
      g_strstrip (*field);
      if (**field == '\0')
        g_clear_pointer (field, g_free);
    }
}

/**
 * sl_json_add_text:
 *
 * Adds a member holding @value, or null.
 */
void
sl_json_add_text (JsonBuilder *builder,
                  const char  *name,
                  const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/**
 * sl_json_add_number:
 * @has: whether there is a value; without one the member is null
 *
 * Adds a member holding @value, or null.
 */
void
sl_json_add_number (JsonBuilder *builder,
                    const char  *name,
                    gboolean     has,
                    double       value)
{
  json_builder_set_member_name (builder, name);
  if (has)
    json_builder_add_double_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/**
 * sl_tier_name:
 * @key: (nullable): a tier's key
 * @fallback: (nullable): the plan's name, for a tier the glossary lacks
 *
 * Returns: the glossary's name of a tier in the UI language
 */
const char *
sl_tier_name (const char *key,
              const char *fallback)
{
  static const struct { const char *key; const char *name; } names[] = {
    { "pool", N_("Cultivation pool") },
    { "innovative", N_("Innovative SME") },
    { "srdi", N_("SRDI SME") },
    { "little_giant", N_("Little giant") },
    { "champion", N_("Single champion") },
  };

  for (guint i = 0; key != NULL && i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (names[i].key, key))
      return _(names[i].name);
  return fallback ? fallback : "";
}

/**
 * sl_comparison_sign:
 * @comparison: (nullable): a metric's comparison, ">=", ">", "<=" or "<"
 *
 * Returns: the sign as printed: ≥, >, ≤ or <
 */
const char *
sl_comparison_sign (const char *comparison)
{
  if (g_strcmp0 (comparison, ">=") == 0)
    return "≥";
  if (g_strcmp0 (comparison, "<=") == 0)
    return "≤";
  return comparison ? comparison : "";
}

/**
 * sl_text_escaped:
 * @text: (nullable): text from a file or a clerk
 *
 * For a report or a message: control characters, escape sequences and
 * line breaks in a name show as \n, \t or \x1B instead of acting on the
 * terminal or breaking the line; invalid UTF-8 shows as \xFF bytes.
 *
 * Returns: (transfer full): @text so written, "" for %NULL
 */
char *
sl_text_escaped (const char *text)
{
  GString *out = g_string_new (NULL);
  const char *p = text ? text : "";

  while (*p)
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_printf (out, "\\x%02X", (guchar) *p);
          p++;
          continue;
        }
      if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\r')
        g_string_append (out, "\\r");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (g_unichar_iscntrl (c))
        g_string_append_printf (out, c < 0x100 ? "\\x%02X" : "\\u%04X", c);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
      p = g_utf8_next_char (p);
    }
  return g_string_free (out, FALSE);
}

/**
 * sl_file_temp_beside:
 * @path: the file to be written
 *
 * A new hidden file in @path's folder to write into, so that
 * sl_file_replace() can put it in place at once: a failed or cancelled
 * write then leaves nothing, and an earlier file of that name as it was.
 * It is readable by its owner only from the moment it exists, since what
 * is written holds firms' contacts and figures. Its name carries this
 * process's id, so that sl_file_clean_stale() can tell one a kill left.
 *
 * Returns: (transfer full) (nullable): its path, or %NULL with @error set
 *   when the folder cannot be written to
 */
char *
sl_file_temp_beside (const char  *path,
                     GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *pattern = g_strdup_printf (".%s.sl%d-XXXXXX" SL_TEMP_SUFFIX, base, (int) getpid ());
  g_autofree char *tmp = g_build_filename (dir, pattern, NULL);
  int fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0600);

  if (fd < 0)
    {
      int saved = errno;
      g_autofree char *shown = g_filename_display_name (dir);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("The folder “%s” cannot be written to: %s"), shown, g_strerror (saved));
      errno = saved;
      return NULL;
    }
  close (fd);
  return g_steal_pointer (&tmp);
}

/**
 * sl_file_is_sqlite:
 *
 * Reads the first bytes of @path. Never call it on a file SQLite may hold
 * in this process: closing any descriptor of a file drops every POSIX lock
 * the process has on it.
 *
 * Returns: %TRUE when @path begins as an SQLite database does
 */
gboolean
sl_file_is_sqlite (const char *path)
{
  static const char magic[16] = "SQLite format 3";
  char header[16];
  gboolean yes;
  FILE *f = fopen (path, "rbe");

  if (f == NULL)
    return FALSE;
  yes = fread (header, 1, sizeof header, f) == sizeof header && memcmp (header, magic, sizeof magic) == 0;
  fclose (f);
  return yes;
}

/**
 * sl_file_clean_stale:
 * @dir: a folder where this program writes files
 *
 * Removes the temporaries of sl_file_temp_beside() whose process is gone
 * (killed while writing).
 *
 * Returns: how many were removed
 */
guint
sl_file_clean_stale (const char *dir)
{
  static const char *sqlite_suffixes[] = { "-journal", "-wal", "-shm" };
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint removed = 0;

  if (d == NULL)
    return 0;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      const char *mark;
      gint64 pid;

      g_autofree char *stem = g_strdup (name);

      /* SQLite's own files beside a temporary it wrote go with it. */
      for (guint k = 0; k < G_N_ELEMENTS (sqlite_suffixes); k++)
        if (g_str_has_suffix (stem, sqlite_suffixes[k]))
          stem[strlen (stem) - strlen (sqlite_suffixes[k])] = '\0';
      if (stem[0] != '.' || !g_str_has_suffix (stem, SL_TEMP_SUFFIX)
          || (mark = g_strrstr (stem, ".sl")) == NULL)
        continue;
      pid = g_ascii_strtoll (mark + 3, NULL, 10);
      if (pid <= 0 || pid == getpid () || kill ((pid_t) pid, 0) == 0 || errno == EPERM)
        continue;
      {
        g_autofree char *full = g_build_filename (dir, name, NULL);

        if (g_unlink (full) == 0)
          removed++;
      }
    }
  return removed;
}

/**
 * sl_file_sync:
 * @path: a file, or a folder (to make a rename in it last)
 *
 * Returns: %TRUE when what was written to @path is on the disk; else
 *   %FALSE with errno set
 */
gboolean
sl_file_sync (const char *path)
{
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  int rc, saved;

  if (fd < 0)
    return FALSE;
  rc = fsync (fd);
  saved = errno;
  close (fd);
  errno = saved;
  return rc == 0;
}

/**
 * sl_file_same:
 *
 * Returns: %TRUE when @a and @b name one file (device and inode), so
 *   that a `./name` or a hard link is seen for what it is
 */
gboolean
sl_file_same (const char *a,
              const char *b)
{
  GStatBuf sa, sb;

  return g_stat (a, &sa) == 0 && g_stat (b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* The one message of a file that could not be written, naming @path. */
static gboolean
write_failed (GError     **error,
              const char  *path,
              int          saved)
{
  g_autofree char *shown = g_filename_display_name (path);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
               _("“%s” could not be written: %s"), shown, g_strerror (saved));
  return FALSE;
}

static gboolean
write_all (int         fd,
           const char *p,
           gsize       n)
{
  while (n > 0)
    {
      ssize_t w = write (fd, p, n);

      if (w < 0 && errno == EINTR)
        continue;
      if (w < 0)
        return FALSE;
      p += w;
      n -= (gsize) w;
    }
  return TRUE;
}

/**
 * sl_file_write_temp:
 * @tmp: a temporary from sl_file_temp_beside()
 * @path: the file it is for, named in the message
 *
 * Writes @data into @tmp and syncs it; on failure the message names
 * @path, not the hidden temporary the clerk never chose.
 */
gboolean
sl_file_write_temp (const char  *tmp,
                    const char  *path,
                    const char  *data,
                    gsize        len,
                    GError     **error)
{
  int fd = g_open (tmp, O_WRONLY | O_TRUNC | O_CLOEXEC, 0600);
  gboolean ok = fd >= 0 && write_all (fd, data, len) && fsync (fd) == 0;
  int saved = errno;

  if (fd >= 0 && close (fd) != 0 && ok)
    {
      saved = errno;
      ok = FALSE;
    }
  return ok || write_failed (error, path, saved);
}

/**
 * sl_file_copy:
 * @to: the copy, created (or emptied) with mode 0600
 *
 * Copies @from byte for byte and syncs the copy.
 */
gboolean
sl_file_copy (const char  *from,
              const char  *to,
              GError     **error)
{
  char buf[1 << 16];
  int in, out;
  ssize_t n = 0;
  gboolean ok = TRUE;
  int saved = 0;

  in = g_open (from, O_RDONLY | O_CLOEXEC, 0);
  if (in < 0)
    {
      g_autofree char *from_shown = g_filename_display_name (from);

      saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("“%s” could not be read: %s"), from_shown, g_strerror (saved));
      return FALSE;
    }
  out = g_open (to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (out < 0)
    {
      saved = errno;
      close (in);
      return write_failed (error, to, saved);
    }
  while (ok && (n = read (in, buf, sizeof buf)) > 0)
    if (!write_all (out, buf, (gsize) n))
      {
        saved = errno;
        ok = FALSE;
      }
  if (n < 0)
    {
      saved = errno;
      ok = FALSE;
    }
  if (ok && fsync (out) != 0)
    {
      saved = errno;
      ok = FALSE;
    }
  close (in);
  close (out);
  return ok || write_failed (error, to, saved);
}

/**
 * sl_file_replace:
 * @tmp: a file written whole, from sl_file_temp_beside()
 * @path: where it goes
 *
 * Syncs @tmp, renames it to @path and syncs the folder, or removes @tmp
 * and says why, @path being left as it was.
 */
gboolean
sl_file_replace (const char  *tmp,
                 const char  *path,
                 GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int saved;

  /* Data first on the disk, then the name: a crash after the rename never
   * leaves an empty or half-written file under the target's name. */
  if (sl_file_sync (tmp) && g_rename (tmp, path) == 0)
    {
      sl_file_sync (dir);
      return TRUE;
    }
  saved = errno;
  g_unlink (tmp);
  return write_failed (error, path, saved);
}
