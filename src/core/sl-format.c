/* sl-format.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-util"

#include "config.h"

#include <glib/gi18n-lib.h>

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
