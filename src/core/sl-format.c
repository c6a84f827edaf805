/* sl-format.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-util"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sl-util.h"

/* Stored values as people read them (declared in sl-util.h, beside the
 * date formatter): amounts in 万元, statuses by name, moments in local
 * time. The one place each is written. */

/**
 * sl_format_wan:
 * @yuan: an amount as stored, in whole yuan
 *
 * Returns: (transfer full): the amount in 万元, two decimals, grouped
 *   ("16,578.90"), or "" when it is not known
 */
char *
sl_format_wan (gint64 yuan)
{
  if (yuan == SL_UNSET)
    return g_strdup ("");
  return g_strdup_printf ("%'.2f", (double) yuan / 10000.0);
}

/**
 * sl_status_name:
 *
 * Returns: the glossary's name of a certification status in the UI language
 */
const char *
sl_status_name (const char *key)
{
  static const struct { const char *key; const char *name; } names[] = {
    { "applying", N_("Applying") }, { "publicised", N_("Publicised") }, { "certified", N_("Certified") },
    { "rejected", N_("Not approved") }, { "expired", N_("Expired") }, { "revoked", N_("Revoked") },
    { "under_review", N_("Under re-review") },
  };

  for (guint i = 0; key != NULL && i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (names[i].key, key))
      return _(names[i].name);
  return key ? key : "";
}

/**
 * sl_time_display:
 * @iso: a moment as stored, ISO 8601 with its zone ("2026-12-01T18:38:24.761868Z")
 *
 * Returns: (transfer full): the moment in local time as people read it,
 *   "2026年12月2日 02:38" in zh_CN, or @iso itself when it is not a moment
 */
char *
sl_time_display (const char *iso)
{
  /* The zone sl_now() read once, as sl_date_display() takes the day in. */
  g_autoptr(GDateTime) now = sl_now ();
  g_autoptr(GDateTime) at = iso ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr(GDateTime) local = at ? g_date_time_to_timezone (at, g_date_time_get_timezone (now)) : NULL;
  g_autofree char *day = NULL;

  if (local == NULL)
    return g_strdup (iso ? iso : "");
  day = sl_date_display (iso);
  return g_strdup_printf ("%s %02d:%02d", day, g_date_time_get_hour (local), g_date_time_get_minute (local));
}

/**
 * sl_month_display:
 * @period: a month as stored, `YYYY-MM`
 *
 * Returns: (transfer full): the month as people read it, "2026年11月" in
 *   zh_CN, or @period itself when it is not a month
 */
char *
sl_month_display (const char *period)
{
  int year, month;

  if (period == NULL || sscanf (period, "%d-%d", &year, &month) != 2 || month < 1 || month > 12)
    return g_strdup (period ? period : "");
  /* TRANSLATORS: a month: 2026-11 in English, 2026年11月 in zh_CN */
  return g_strdup_printf (C_("month", "%d-%02d"), year, month);
}

/**
 * sl_date_from_text:
 * @text: (nullable): a day as a clerk types it
 *
 * A day typed the ways people write one: 2018-03-05, 2018/3/5, 2018.3.5,
 * 2018年3月5日 (日 may be left off), 20180305, in full-width digits or
 * with spaces around; and the form sl_date_display() shows.
 *
 * Returns: (transfer full) (nullable): the day as `YYYY-MM-DD`, or %NULL
 *   when @text is no whole day
 */
char *
sl_date_from_text (const char *text)
{
  g_autoptr(GString) t = g_string_new (NULL);
  int part[3] = { 0, 0, 0 }, digits[3] = { 0, 0, 0 };
  int n = 0;
  char *iso;

  if (text == NULL)
    return NULL;
  /* Full-width digits and separators as their ASCII twins; spaces out. */
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);

      if (ch >= 0xFF10 && ch <= 0xFF19)
        g_string_append_c (t, (char) ('0' + (ch - 0xFF10)));
      else if (ch == 0xFF0D || ch == 0xFF0F || ch == 0xFF0E || ch == 0x3002)
        g_string_append_c (t, ch == 0xFF0D ? '-' : ch == 0xFF0F ? '/' : '.');
      else if (!g_unichar_isspace (ch))
        g_string_append_unichar (t, ch);
    }
  if (t->len == 8 && strspn (t->str, "0123456789") == 8)
    {
      int v = atoi (t->str);
      part[0] = v / 10000;
      part[1] = v / 100 % 100;
      part[2] = v % 100;
    }
  else
    {
      const char *p = t->str;
      char sep = 0;

      for (n = 0; n < 3; n++)
        {
          while (g_ascii_isdigit (*p) && digits[n] < 5)
            {
              part[n] = part[n] * 10 + (*p++ - '0');
              digits[n]++;
            }
          if (digits[n] == 0)
            return NULL;
          if (n == 2)
            break;
          /* One separator throughout: 2018-3/5 is no date. */
          if (g_str_has_prefix (p, n == 0 ? "年" : "月"))
            {
              if (sep != 0 && sep != 'z')
                return NULL;
              sep = 'z';
              p += strlen ("年");
            }
          else if (*p == '-' || *p == '/' || *p == '.')
            {
              if (sep != 0 && sep != *p)
                return NULL;
              sep = *p++;
            }
          else
            return NULL;
        }
      if (sep == 'z' && g_str_has_prefix (p, "日"))
        p += strlen ("日");
      if (*p != '\0' || digits[0] != 4 || digits[1] > 2 || digits[2] > 2)
        return NULL;
    }
  iso = g_strdup_printf ("%04d-%02d-%02d", part[0], part[1], part[2]);
  if (!sl_date_is_valid (iso))
    g_clear_pointer (&iso, g_free);
  return iso;
}
