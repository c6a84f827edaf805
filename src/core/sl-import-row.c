/* sl-import-row.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sl-certification.h"
#include "sl-credit-code.h"
#include "sl-enterprise.h"
#include "sl-figures.h"
#include "sl-import-private.h"
#include "sl-store-private.h"
#include "sl-util.h"

/* Reading one row of a roster: each cell parsed and checked, the names
 * looked up (with the nearest one suggested), and what the row would
 * change in the ledger. */


const char *
_sl_import_cell (Ctx           *ctx,
                 SlImportField  field,
                 const char   **out_header)
{
  for (guint c = 0; c < ctx->plan->mapping->len; c++)
    if (g_array_index (ctx->plan->mapping, SlImportField, c) == field)
      {
        const char *text = c < ctx->cells->len ? ctx->cells->pdata[c] : "";

        if (out_header)
          *out_header = ctx->plan->headers->pdata[c];
        while (*text == ' ' || *text == '\t')
          text++;
        /* The apostrophe a CSV export puts before =, +, -, @ (so that a
         * spreadsheet takes the cell as text) is not part of the value. */
        if (text[0] == '\'' && text[1] != '\0' && strchr (SL_CSV_FORMULA_STARTS, text[1]) != NULL)
          text++;
        return *text ? text : NULL;
      }
  return NULL;
}

/**
 * _sl_import_code_is_number:
 *
 * Returns: whether a credit-code cell is a number the spreadsheet made of
 *   a code: 9.13207E+17, or eighteen digits whose last were lost to a
 *   number's precision
 */
gboolean
_sl_import_code_is_number (const char *code)
{
  return *code != '\0'
         && (strspn (code, "0123456789") == strlen (code)
             || (strpbrk (code, "Ee") != NULL && strspn (code, "0123456789.Ee+") == strlen (code)));
}

void
_sl_import_refuse (Ctx           *ctx,
                   SlImportField  field,
                   const char    *format,
                   ...)
{
  SlImportProblem *p = g_new0 (SlImportProblem, 1);
  const char *header = NULL;
  va_list args;

  if (field != SL_IMPORT_IGNORE)
    _sl_import_cell (ctx, field, &header);
  p->row = ctx->row;
  p->column = g_strdup (header ? header : field != SL_IMPORT_IGNORE ? sl_import_field_header (field) : NULL);
  va_start (args, format);
  p->reason = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (ctx->plan->problems, p);
  ctx->bad = TRUE;
}

static guint
edit_distance (const char *a,
               const char *b)
{
  glong la = g_utf8_strlen (a, -1), lb = g_utf8_strlen (b, -1);
  g_autofree gunichar *ua = g_utf8_to_ucs4_fast (a, -1, NULL);
  g_autofree gunichar *ub = g_utf8_to_ucs4_fast (b, -1, NULL);
  g_autofree guint *prev = g_new (guint, lb + 1);
  g_autofree guint *cur = g_new (guint, lb + 1);

  for (glong j = 0; j <= lb; j++)
    prev[j] = (guint) j;
  for (glong i = 1; i <= la; i++)
    {
      cur[0] = (guint) i;
      for (glong j = 1; j <= lb; j++)
        cur[j] = MIN (MIN (prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + (ua[i - 1] != ub[j - 1]));
      memcpy (prev, cur, (lb + 1) * sizeof (guint));
    }
  return prev[lb];
}

/* The known name nearest to @text, for "did you mean". */
static const char *
nearest (GHashTable *names,
         const char *text)
{
  GHashTableIter iter;
  gpointer key;
  const char *best = NULL;
  guint best_d = G_MAXUINT;

  g_hash_table_iter_init (&iter, names);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      guint d = strstr (key, text) || strstr (text, key) ? 0 : edit_distance (key, text);
      if (d < best_d || (d == best_d && g_strcmp0 (key, best) < 0))
        {
          best = key;
          best_d = d;
        }
    }
  return best;
}

static gint64
lookup (Ctx           *ctx,
        GHashTable    *names,
        SlImportField  field,
        const char    *what)
{
  const char *text = _sl_import_cell (ctx, field, NULL);
  gpointer id;

  if (text == NULL)
    return 0;
  if (g_hash_table_lookup_extended (names, text, NULL, &id))
    return GPOINTER_TO_SIZE (id);
  {
    const char *near = nearest (names, text);
    if (near)
      _sl_import_refuse (ctx, field, _("“%s” is not a %s of this ledger; did you mean “%s”?"), text, what, near);
    else
      _sl_import_refuse (ctx, field, _("“%s” is not a %s of this ledger"), text, what);
  }
  return 0;
}

static gint64
amount (Ctx           *ctx,
        SlImportField  field)
{
  const char *text = _sl_import_cell (ctx, field, NULL);
  g_autoptr(GString) plain = NULL;
  gint64 yuan = SL_UNSET;

  if (text == NULL)
    return SL_UNSET;
  plain = g_string_new (NULL);
  for (const char *p = text; *p; p++)
    if (*p != ',' && *p != ' ')
      g_string_append_c (plain, *p);
  if (!sl_amount_from_wan (plain->str, &yuan) || yuan < 0)
    {
      _sl_import_refuse (ctx, field, _("“%s” is not an amount in 10k yuan from 0 to 1,000,000,000 with at most four decimals"), text);
      return SL_UNSET;
    }
  return yuan;
}

static gint64
count (Ctx           *ctx,
       SlImportField  field)
{
  const char *text = _sl_import_cell (ctx, field, NULL);
  char *end = NULL;
  gint64 n;

  if (text == NULL)
    return SL_UNSET;
  n = g_ascii_strtoll (text, &end, 10);
  if (end == text || *end != '\0' || n < 0)
    {
      _sl_import_refuse (ctx, field, _("“%s” is not a whole number"), text);
      return SL_UNSET;
    }
  return n;
}

static int
yes_no (Ctx           *ctx,
        SlImportField  field)
{
  const char *text = _sl_import_cell (ctx, field, NULL);
  static const char *yes[] = { "是", "Y", "y", "yes", "Yes", "YES", "1", "TRUE", "true", "√", NULL };
  static const char *no[] = { "否", "N", "n", "no", "No", "NO", "0", "FALSE", "false", "×", NULL };

  if (text == NULL)
    return -1;
  if (g_strv_contains (yes, text))
    return 1;
  if (g_strv_contains (no, text))
    return 0;
  _sl_import_refuse (ctx, field, _("“%s” is neither 是 nor 否"), text);
  return -1;
}

/* "2023-05-01", "2023/5/1", "2023年5月1日", "2023.5.1", or a year alone
 * (taken as its 1 January). */
static char *
parse_day (const char *text)
{
  int y = 0, m = 0, d = 0;
  char *iso;

  if (text == NULL)
    return NULL;
  if (sscanf (text, "%d-%d-%d", &y, &m, &d) == 3 || sscanf (text, "%d/%d/%d", &y, &m, &d) == 3
      || sscanf (text, "%d.%d.%d", &y, &m, &d) == 3 || sscanf (text, "%d年%d月%d日", &y, &m, &d) == 3)
    ;
  else if (strlen (text) == 8 && strspn (text, "0123456789") == 8)
    {
      /* 20230501 */
      y = atoi (text) / 10000;
      m = atoi (text) / 100 % 100;
      d = atoi (text) % 100;
    }
  else if (strlen (text) == 4 && sscanf (text, "%d", &y) == 1)
    m = d = 1;
  else if ((sscanf (text, "%d年%d月", &y, &m) == 2 && g_str_has_suffix (text, "月"))
           || (sscanf (text, "%d-%d", &y, &m) == 2 && strlen (text) <= 7)
           || (sscanf (text, "%d.%d", &y, &m) == 2 && strlen (text) <= 7))
    d = 1;
  else if (sscanf (text, "%d年", &y) == 1 && g_str_has_suffix (text, "年") && strlen (text) == 7)
    m = d = 1;
  else
    return NULL;
  iso = g_strdup_printf ("%04d-%02d-%02d", y, m, d);
  if (!sl_date_is_valid (iso))
    g_clear_pointer (&iso, g_free);
  return iso;
}

GHashTable *
_sl_import_names_of (SlStore    *store,
                     const char *sql)
{
  GHashTable *names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(SlStmt) stmt = _sl_store_prepare (store, sql, NULL);
  g_autoptr(GError) step_error = NULL;

  while (stmt != NULL && _sl_step_row (stmt, &step_error))
    for (int c = 1; c < sqlite3_column_count (stmt); c++)
      if (sqlite3_column_type (stmt, c) != SQLITE_NULL)
        g_hash_table_insert (names, g_strdup (_sl_column_text (stmt, c)), GSIZE_TO_POINTER (sqlite3_column_int64 (stmt, 0)));
  if (step_error != NULL)
    g_warning ("%s", step_error->message);
  return names;
}

/* A tier by its name or key in the plan, or one of a short list of exact
 * aliases; never by a word inside: 小巨人培育企业 is no 小巨人. */
static const char *
tier_of (Ctx        *ctx,
         const char *text)
{
  const char *key = g_hash_table_lookup (ctx->tiers, text);

  if (key != NULL)
    return key;
  key = _sl_import_tier_alias (text);
  return key != NULL && g_hash_table_contains (ctx->tiers, key) ? key : NULL;
}

/* The plan's tier names, for the message that refuses another. */
static char *
tier_list (SlStore *store)
{
  g_autoptr(SlStmt) stmt = _sl_store_prepare (store, "SELECT group_concat (name, '、') FROM (SELECT name FROM tier ORDER BY level)", NULL);

  return g_strdup (stmt && sqlite3_step (stmt) == SQLITE_ROW ? _sl_column_text (stmt, 0) : "");
}

GHashTable *
_sl_import_tier_names (SlStore *store)
{
  GHashTable *names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(SlStmt) stmt = _sl_store_prepare (store, "SELECT key, name, name_en FROM tier", NULL);
  g_autoptr(GError) step_error = NULL;

  while (stmt != NULL && _sl_step_row (stmt, &step_error))
    {
      const char *key = _sl_column_text (stmt, 0);

      for (int c = 0; c < 3; c++)
        if (sqlite3_column_type (stmt, c) != SQLITE_NULL)
          g_hash_table_insert (names, g_strdup (_sl_column_text (stmt, c)), g_strdup (key));
      g_hash_table_insert (names, g_strdup (sl_tier_name (key, key)), g_strdup (key));
    }
  if (step_error != NULL)
    g_warning ("%s", step_error->message);
  return names;
}

/* With no year column, the year a figure's heading names ("2024年营业收入"). */
static int
heading_year (Ctx *ctx)
{
  for (guint c = 0; c < ctx->plan->mapping->len && c < ctx->plan->years->len; c++)
    {
      SlImportField f = g_array_index (ctx->plan->mapping, SlImportField, c);

      if (f >= SL_IMPORT_REVENUE && f <= SL_IMPORT_DIGITAL_RD_TOOLS && g_array_index (ctx->plan->years, int, c) != 0)
        return g_array_index (ctx->plan->years, int, c);
    }
  return 0;
}

/* Reads one row of the file into what it would write; refuses what cannot
 * be. Returns NULL when the row has a problem. */
SlImportRow *
_sl_import_parse_row (Ctx *ctx)
{
  g_autoptr(SlEnterprise) e = sl_enterprise_new ();
  SlImportRow *r = g_new0 (SlImportRow, 1);
  const char *code = _sl_import_cell (ctx, SL_IMPORT_CREDIT_CODE, NULL);
  const char *tier = _sl_import_cell (ctx, SL_IMPORT_TIER, NULL);
  const char *year = _sl_import_cell (ctx, SL_IMPORT_YEAR, NULL);
  const char *day = _sl_import_cell (ctx, SL_IMPORT_CERTIFIED_ON, NULL);
  g_autoptr(GError) error = NULL;

  r->row = ctx->row;
  if (code == NULL)
    _sl_import_refuse (ctx, SL_IMPORT_CREDIT_CODE, _("required"));
  else if (!sl_credit_code_validate (code, &r->credit_code, NULL, &error))
    {
      if (_sl_import_code_is_number (code))
        _sl_import_refuse (ctx, SL_IMPORT_CREDIT_CODE,
                           _("“%s” is a number, not a code: the column is formatted as a number; format it as text and type the codes again"),
                           code);
      else
        _sl_import_refuse (ctx, SL_IMPORT_CREDIT_CODE, "%s", error->message);
    }
  g_clear_error (&error);
  r->name = g_strdup (_sl_import_cell (ctx, SL_IMPORT_NAME, NULL));
  r->jurisdiction_id = lookup (ctx, ctx->jurisdictions, SL_IMPORT_JURISDICTION, _("jurisdiction"));
  r->chain_id = lookup (ctx, ctx->chains, SL_IMPORT_CHAIN, _("industrial chain"));
  r->contact = g_strdup (_sl_import_cell (ctx, SL_IMPORT_CONTACT, NULL));
  r->phone = g_strdup (_sl_import_cell (ctx, SL_IMPORT_PHONE, NULL));
  r->specialist = g_strdup (_sl_import_cell (ctx, SL_IMPORT_SPECIALIST, NULL));
  r->main_product = g_strdup (_sl_import_cell (ctx, SL_IMPORT_MAIN_PRODUCT, NULL));

  if (tier != NULL)
    {
      r->tier_key = g_strdup (tier_of (ctx, tier));
      if (r->tier_key == NULL)
        {
          g_autofree char *tiers = tier_list (ctx->plan->store);
          g_autofree char *shown = sl_text_escaped (tier);

          _sl_import_refuse (ctx, SL_IMPORT_TIER, _("“%s” is not a tier of the plan: write one of %s, or leave the cell empty"),
                             shown, tiers);
        }
    }
  if (day != NULL)
    {
      r->certified_on = parse_day (day);
      if (r->certified_on == NULL)
        _sl_import_refuse (ctx, SL_IMPORT_CERTIFIED_ON, _("“%s” is not a date (2023-05-01) or a year (2023)"), day);
    }
  {
    const char *until = _sl_import_cell (ctx, SL_IMPORT_VALID_UNTIL, NULL);

    if (until != NULL)
      {
        r->valid_until = parse_day (until);
        if (r->valid_until == NULL)
          _sl_import_refuse (ctx, SL_IMPORT_VALID_UNTIL, _("“%s” is not a date (2023-05-01) or a year (2023)"), until);
        else if (r->certified_on != NULL && strcmp (r->valid_until, r->certified_on) < 0)
          _sl_import_refuse (ctx, SL_IMPORT_VALID_UNTIL, _("%s is before the day the tier was granted (%s)"),
                             r->valid_until, r->certified_on);
      }
  }
  /* A county lists its pool firms without the day they entered it: held
   * for every month, the day unknown. Other tiers need at least a year. */
  if (g_strcmp0 (r->tier_key, "pool") == 0 && r->certified_on == NULL && day == NULL)
    {
      r->certified_on = g_strdup (SL_DATE_UNKNOWN);
      r->date_unknown = TRUE;
    }
  else if (r->tier_key != NULL && r->certified_on == NULL && day == NULL)
    _sl_import_refuse (ctx, SL_IMPORT_CERTIFIED_ON, _("required with a tier: the day the tier was granted, or its year"));

  r->revenue = amount (ctx, SL_IMPORT_REVENUE);
  r->main_revenue = amount (ctx, SL_IMPORT_MAIN_REVENUE);
  r->rd_expense = amount (ctx, SL_IMPORT_RD_EXPENSE);
  r->patents = count (ctx, SL_IMPORT_PATENTS);
  r->cnc_rate = NAN;
  {
    const char *cnc = _sl_import_cell (ctx, SL_IMPORT_CNC_RATE, NULL);
    char *end = NULL;

    if (cnc != NULL)
      {
        r->cnc_rate = g_ascii_strtod (cnc, &end);
        if (end == cnc || (*end != '\0' && g_strcmp0 (end, "%") != 0) || r->cnc_rate < 0 || r->cnc_rate > 100)
          {
            _sl_import_refuse (ctx, SL_IMPORT_CNC_RATE, _("“%s” is not a percentage from 0 to 100"), cnc);
            r->cnc_rate = NAN;
          }
      }
  }
  r->digital_mgmt = yes_no (ctx, SL_IMPORT_DIGITAL_MGMT);
  r->digital_rd_tools = yes_no (ctx, SL_IMPORT_DIGITAL_RD_TOOLS);
  r->high_tech = yes_no (ctx, SL_IMPORT_HIGH_TECH);
  r->tech_sme = yes_no (ctx, SL_IMPORT_TECH_SME);

  if (r->revenue != SL_UNSET || r->main_revenue != SL_UNSET || r->rd_expense != SL_UNSET
      || r->patents != SL_UNSET || !isnan (r->cnc_rate) || r->digital_mgmt >= 0 || r->digital_rd_tools >= 0)
    {
      g_autofree char *today = sl_today ();
      char *end = NULL;

      r->year = year ? (int) g_ascii_strtoll (year, &end, 10) : heading_year (ctx) ? heading_year (ctx) : atoi (today) - 1;
      if (year != NULL && (end == year || *end != '\0' || r->year < 1990 || r->year > atoi (today)))
        _sl_import_refuse (ctx, SL_IMPORT_YEAR, _("“%s” is not a year from 1990 to this one"), year);
    }

  if (ctx->bad)
    {
      _sl_import_row_free (r);
      return NULL;
    }

  /* The record as it would be saved, checked by the ledger's own rules. */
  r->existing_id = sl_enterprise_find_by_code (ctx->plan->store, r->credit_code);
  if (r->existing_id > 0)
    {
      g_autoptr(SlEnterprise) old = sl_enterprise_load (ctx->plan->store, r->existing_id, NULL);
      if (old != NULL && old->deleted_at != NULL)
        _sl_import_refuse (ctx, SL_IMPORT_CREDIT_CODE, _("“%s” is in the trash: restore it first"), old->name);
    }
  else if (r->name == NULL)
    _sl_import_refuse (ctx, SL_IMPORT_NAME, _("required for a new enterprise"));
  else if (r->jurisdiction_id == 0)
    _sl_import_refuse (ctx, SL_IMPORT_JURISDICTION, _("required for a new enterprise"));
  if (!ctx->bad && r->existing_id == 0)
    {
      e->credit_code = g_strdup (r->credit_code);
      e->name = g_strdup (r->name);
      e->jurisdiction_id = r->jurisdiction_id;
      e->chain_id = r->chain_id;
      if (!sl_enterprise_validate (ctx->plan->store, e, NULL, &error))
        _sl_import_refuse (ctx, SL_IMPORT_IGNORE, "%s", error->message);
    }
  if (!ctx->bad && r->year > 0)
    {
      SlFigures f;

      sl_figures_init (&f, r->existing_id, r->year);
      f.revenue = r->revenue;
      f.main_revenue = r->main_revenue;
      f.rd_expense = r->rd_expense;
      f.patents_valid = r->patents;
      f.cnc_rate = r->cnc_rate;
      f.digital_mgmt = r->digital_mgmt;
      f.digital_rd_tools = r->digital_rd_tools;
      if (!sl_figures_validate (&f, &error))
        _sl_import_refuse (ctx, SL_IMPORT_IGNORE, "%s", error->message);
    }
  if (ctx->bad)
    {
      _sl_import_row_free (r);
      return NULL;
    }
  return r;
}

static void
describe (GString    *changes,
          const char *field,
          const char *old,
          const char *new)
{
  if (changes->len)
    g_string_append (changes, "; ");
  g_string_append_printf (changes, "%s: %s → %s", field, old && *old ? old : "—", new && *new ? new : "—");
}

static void
compare_text (GString    *changes,
              const char *field,
              const char *old,
              const char *new)
{
  if (new != NULL && g_strcmp0 (old, new) != 0)
    describe (changes, field, old, new);
}

static const char *
name_of (GHashTable *names,
         gint64      id)
{
  GHashTableIter iter;
  gpointer key, value;
  const char *code = NULL;

  /* A jurisdiction is known by its name and by its GB/T 2260 code: the
   * report says the name. */
  g_hash_table_iter_init (&iter, names);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (GPOINTER_TO_SIZE (value) == (gsize) id)
      {
        if (strspn (key, "0123456789") != strlen (key))
          return key;
        code = key;
      }
  return code;
}

static void
compare_amount (GString    *changes,
                const char *field,
                gint64      old,
                gint64      new)
{
  if (new != SL_UNSET && new != old)
    {
      g_autofree char *a = old == SL_UNSET ? NULL : sl_amount_to_wan (old);
      g_autofree char *b = sl_amount_to_wan (new);
      describe (changes, field, a, b);
    }
}

/* What the row would change in the ledger, as "field: old → new; …". */
char *
_sl_import_changes_of (Ctx         *ctx,
                       SlImportRow *r)
{
  SlStore *store = ctx->plan->store;
  g_autoptr(GString) changes = NULL;
  g_autoptr(SlEnterprise) e = NULL;
  g_autoptr(GArray) figures = NULL;
  g_autoptr(SlStmt) holds = NULL;

  /* A firm new to the ledger is added whole, with its certification: no
   * change to list, nothing to look up (two queries a row at 100,000). */
  if (r->existing_id == 0)
    {
      r->add_certification = r->tier_key != NULL && r->certified_on != NULL;
      return g_strdup ("");
    }
  changes = g_string_new (NULL);
  e = sl_enterprise_load (store, r->existing_id, NULL);
  figures = sl_figures_list (store, r->existing_id, NULL);

  if (e != NULL)
    {
      compare_text (changes, sl_import_field_header (SL_IMPORT_NAME), e->name, r->name);
      if (r->jurisdiction_id && r->jurisdiction_id != e->jurisdiction_id)
        describe (changes, sl_import_field_header (SL_IMPORT_JURISDICTION),
                  name_of (ctx->jurisdictions, e->jurisdiction_id), name_of (ctx->jurisdictions, r->jurisdiction_id));
      if (r->chain_id && r->chain_id != e->chain_id)
        describe (changes, sl_import_field_header (SL_IMPORT_CHAIN),
                  name_of (ctx->chains, e->chain_id), name_of (ctx->chains, r->chain_id));
      compare_text (changes, sl_import_field_header (SL_IMPORT_CONTACT), e->contact, r->contact);
      compare_text (changes, sl_import_field_header (SL_IMPORT_PHONE), e->phone, r->phone);
      compare_text (changes, sl_import_field_header (SL_IMPORT_SPECIALIST), e->specialist, r->specialist);
      compare_text (changes, sl_import_field_header (SL_IMPORT_MAIN_PRODUCT), e->main_product, r->main_product);
    }
  if (r->year > 0)
    {
      SlFigures old;

      sl_figures_init (&old, r->existing_id, r->year);
      for (guint i = 0; figures && i < figures->len; i++)
        if (g_array_index (figures, SlFigures, i).year == r->year)
          old = g_array_index (figures, SlFigures, i);
      compare_amount (changes, sl_import_field_header (SL_IMPORT_REVENUE), old.revenue, r->revenue);
      compare_amount (changes, sl_import_field_header (SL_IMPORT_MAIN_REVENUE), old.main_revenue, r->main_revenue);
      compare_amount (changes, sl_import_field_header (SL_IMPORT_RD_EXPENSE), old.rd_expense, r->rd_expense);
      if (r->patents != SL_UNSET && r->patents != old.patents_valid)
        {
          g_autofree char *a = old.patents_valid == SL_UNSET ? NULL : g_strdup_printf ("%" G_GINT64_FORMAT, old.patents_valid);
          g_autofree char *b = g_strdup_printf ("%" G_GINT64_FORMAT, r->patents);
          describe (changes, sl_import_field_header (SL_IMPORT_PATENTS), a, b);
        }
      if (!isnan (r->cnc_rate) && (isnan (old.cnc_rate) || fabs (old.cnc_rate - r->cnc_rate) > 1e-9))
        {
          g_autofree char *a = isnan (old.cnc_rate) ? NULL : g_strdup_printf ("%g", old.cnc_rate);
          g_autofree char *b = g_strdup_printf ("%g", r->cnc_rate);
          describe (changes, sl_import_field_header (SL_IMPORT_CNC_RATE), a, b);
        }
      if (r->digital_mgmt >= 0 && r->digital_mgmt != old.digital_mgmt)
        describe (changes, sl_import_field_header (SL_IMPORT_DIGITAL_MGMT), old.digital_mgmt < 0 ? NULL : old.digital_mgmt ? "是" : "否",
                  r->digital_mgmt ? "是" : "否");
      if (r->digital_rd_tools >= 0 && r->digital_rd_tools != old.digital_rd_tools)
        describe (changes, sl_import_field_header (SL_IMPORT_DIGITAL_RD_TOOLS), old.digital_rd_tools < 0 ? NULL : old.digital_rd_tools ? "是" : "否",
                  r->digital_rd_tools ? "是" : "否");
    }
  if (r->tier_key != NULL && r->certified_on != NULL)
    {
      holds = _sl_store_prepare (store,
        "SELECT 1 FROM certification WHERE enterprise_id = ?1 AND tier_key = ?2 AND status IN " SL_HELD_STATUSES
        " AND valid_from <= ?3 AND ifnull (valid_until, '9999-12-31') >= ?3", NULL);
      sqlite3_bind_int64 (holds, 1, r->existing_id);
      _sl_bind_text (holds, 2, r->tier_key);
      /* With the day unknown, a firm in the pool today is in it. */
      if (r->date_unknown)
        {
          g_autofree char *today = sl_today ();
          _sl_bind_text (holds, 3, today);
        }
      else
        _sl_bind_text (holds, 3, r->certified_on);
      r->add_certification = sqlite3_step (holds) != SQLITE_ROW;
      if (r->add_certification)
        {
          g_autofree char *granted = g_strdup_printf ("%s (%s)", sl_tier_name (r->tier_key, r->tier_key),
                                                      r->date_unknown ? _("entry date unknown") : r->certified_on);
          describe (changes, sl_import_field_header (SL_IMPORT_TIER), NULL, granted);
        }
    }
  {
    static const struct { SlImportField field; const char *honour; } honours[] = {
      { SL_IMPORT_HIGH_TECH, "high_tech" }, { SL_IMPORT_TECH_SME, "tech_sme" },
    };
    for (guint i = 0; i < G_N_ELEMENTS (honours); i++)
      {
        int wanted = honours[i].field == SL_IMPORT_HIGH_TECH ? r->high_tech : r->tech_sme;
        g_autoptr(SlStmt) has = NULL;

        if (wanted != 1)
          continue;
        has = _sl_store_prepare (store, "SELECT 1 FROM enterprise_honour WHERE enterprise_id = ?1 AND honour_key = ?2", NULL);
        sqlite3_bind_int64 (has, 1, r->existing_id);
        _sl_bind_text (has, 2, honours[i].honour);
        if (sqlite3_step (has) != SQLITE_ROW)
          describe (changes, sl_import_field_header (honours[i].field), "否", "是");
      }
  }
  return g_string_free (g_steal_pointer (&changes), FALSE);
}

