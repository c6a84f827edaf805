/* sl-util.h
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Amounts and counts that were not given. Negative amounts are errors, so a
 * sentinel outside any valid range keeps "unset" apart from "0". */
#define SL_UNSET G_MININT64

gboolean  sl_date_is_valid         (const char  *iso);
gboolean  sl_date_parse            (const char  *iso,
                                    GDate       *out);
char     *sl_date_to_iso           (const GDate *date);
char     *sl_date_display          (const char  *iso);
const char *sl_date_cell_format    (void);
char     *sl_date_add_years        (const char  *iso,
                                    int          years);
char     *sl_date_add_days         (const char  *iso,
                                    int          days);
GDateTime *sl_now                  (void);
void      sl_locale_init           (void);
char     *sl_today                 (void);
/* What a CSV cell may not begin with unguarded: a spreadsheet would run it
 * as a formula (OWASP's "CSV injection"). */
#define SL_CSV_FORMULA_STARTS "=+-@\t\r"

/* The largest amount a ledger takes, in 万元: ten trillion yuan. */
#define SL_AMOUNT_MAX_WAN G_GINT64_CONSTANT (1000000000)

/* The first day of a pool firm a roster lists without a date: entered on
 * a day unknown, so held in every month; shown as "entry date unknown".
 * As a date it sorts before every real one (the ledger takes none before
 * 1900), so every as-of query holds it without a case of its own. */
#define SL_DATE_UNKNOWN "1900-01-01"

/* What ends the name of a temporary that sl_file_temp_beside() makes. */
#define SL_TEMP_SUFFIX ".part"

char     *sl_file_temp_beside      (const char  *path,
                                    GError     **error);
guint     sl_file_clean_stale      (const char  *dir);
char     *sl_text_escaped          (const char  *text);
gboolean  sl_file_is_sqlite        (const char  *path);
gboolean  sl_file_sync             (const char  *path);
gboolean  sl_file_same             (const char  *a,
                                    const char  *b);
gboolean  sl_file_write_temp       (const char  *tmp,
                                    const char  *path,
                                    const char  *data,
                                    gsize        len,
                                    GError     **error);
gboolean  sl_file_copy             (const char  *from,
                                    const char  *to,
                                    GError     **error);
gboolean  sl_file_replace          (const char  *tmp,
                                    const char  *path,
                                    GError     **error);
const char *sl_comparison_sign     (const char  *comparison);
char       *sl_format_wan          (gint64       yuan);
const char *sl_status_name         (const char  *key);
char       *sl_time_display        (const char  *iso);
char       *sl_month_display       (const char  *period);
char       *sl_date_from_text      (const char  *text);
const char *sl_tier_name           (const char  *key,
                                   const char  *fallback);
gboolean  sl_period_parse          (const char  *period,
                                    char       **out_first_day,
                                    char       **out_last_day,
                                    GError     **error);
char     *sl_period_previous       (const char  *period);
gboolean  sl_amount_from_wan       (const char  *text,
                                    gint64      *out_yuan);
char     *sl_amount_to_wan         (gint64       yuan);
void      sl_strtidy               (char       **field);
void      sl_json_add_text         (JsonBuilder *builder,
                                    const char  *name,
                                    const char  *value);
void      sl_json_add_number       (JsonBuilder *builder,
                                    const char  *name,
                                    gboolean     has,
                                    double       value);

G_END_DECLS
