/* sl-roster-query.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-roster"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sl-certification.h"
#include "sl-enterprise.h"
#include "sl-pipeline.h"
#include "sl-roster.h"
#include "sl-roster-private.h"
#include "sl-store-private.h"
#include "sl-util.h"

/* Reading the roster: search, filters, sorts, and the sorted rosters kept
 * between queries. Keeping the index and the derived columns in step is
 * sl-roster.c's part. */

#define MAX_TERMS 8

static const char *
sort_expression (SlRosterSort sort)
{
  switch (sort)
    {
    case SL_ROSTER_SORT_CREDIT_CODE: return "e.credit_code";
    case SL_ROSTER_SORT_JURISDICTION: return "e.jurisdiction_id";
    case SL_ROSTER_SORT_CHAIN: return "e.chain_id";
    case SL_ROSTER_SORT_TIER: return "e.top_tier";
    case SL_ROSTER_SORT_REVENUE: return "e.latest_revenue";
    case SL_ROSTER_SORT_RD_INTENSITY: return "e.latest_rd_intensity";
    case SL_ROSTER_SORT_PATENTS: return "e.latest_patents";
    case SL_ROSTER_SORT_SPECIALIST: return "e.specialist";
    case SL_ROSTER_SORT_UPDATED: return "e.updated_at";
    case SL_ROSTER_SORT_NAME:
    default:
      /* By pinyin: the name's collation key (sl-collate.c). */
      return SL_ROSTER_NAME_SORT;
    }
}

/* An FTS5 phrase that matches @term literally. */
static char *
quote_phrase (const char *term,
              gboolean    per_char)
{
  GString *s = g_string_new ("\"");
  gboolean any = FALSE;

  for (const char *p = term; *p; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);

      if (per_char)
        {
          /* The single-character index keeps letters, digits and ideographs only. */
          if (!g_unichar_isalnum (ch))
            continue;
          if (any)
            g_string_append_c (s, ' ');
        }
      if (ch == '"')
        g_string_append (s, "\"\"");
      else
        g_string_append_len (s, p, g_utf8_next_char (p) - p);
      any = TRUE;
    }
  g_string_append_c (s, '"');
  if (!any)
    {
      g_string_free (s, TRUE);
      return NULL;
    }
  return g_string_free (s, FALSE);
}

/* Puts @term's phrase and index at @i of @phrases (table, phrase, …):
 * short terms go to the single-character index. */
static gboolean
set_phrase (GPtrArray  *phrases,
            guint       i,
            const char *term)
{
  gboolean short_term = g_utf8_strlen (term, -1) < 3;
  char *phrase = quote_phrase (term, short_term);

  if (phrase == NULL)
    return FALSE;
  if (i == phrases->len)
    {
      g_ptr_array_add (phrases, NULL);
      g_ptr_array_add (phrases, NULL);
    }
  g_free (phrases->pdata[i]);
  g_free (phrases->pdata[i + 1]);
  phrases->pdata[i] = g_strdup (short_term ? "enterprise_chars" : "enterprise_search");
  phrases->pdata[i + 1] = phrase;
  return TRUE;
}

#define SELECTIVE_MATCHES 60000
/* The SQL value of a threshold's measure for a firm e with latest figures
 * f, as sl_pipeline_check_thresholds() computes it; NULL when unknown. */
static const char *
measure_sql (const char *key)
{
  static const struct { const char *key; const char *sql; } measures[] = {
    { "rd_expense", "f.rd_expense / 10000.0" },
    { "revenue", "f.revenue / 10000.0" },
    { "rd_intensity", "100.0 * f.rd_expense / nullif (f.revenue, 0)" },
    { "main_revenue_share", "100.0 * f.main_revenue / nullif (f.revenue, 0)" },
    { "debt_ratio", "100.0 * f.total_liabilities / nullif (f.total_assets, 0)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (measures); i++)
    if (g_str_equal (measures[i].key, key))
      return measures[i].sql;
  return "NULL";
}

/* "Every hard threshold of @tier_key is met" over e and f in @year; "0"
 * when the tier has none: none can be met. */
static char *
thresholds_condition (SlStore    *store,
                      const char *rules,
                      const char *tier_key,
                      int         year)
{
  g_autoptr(GError) step_error = NULL;
  g_autoptr(SlStmt) stmt = _sl_store_prepare (store,
    "SELECT key, at_least, at_most FROM threshold WHERE rule_version = ?1 AND tier_key = ?2", NULL);
  g_autoptr(GString) cond = g_string_new (NULL);

  if (stmt == NULL)
    return g_strdup ("0");
  _sl_bind_text (stmt, 1, rules);
  _sl_bind_text (stmt, 2, tier_key);
  while (_sl_step_row (stmt, &step_error))
    {
      const char *key = _sl_column_text (stmt, 0);
      gboolean lower = sqlite3_column_type (stmt, 1) != SQLITE_NULL;
      char bound[G_ASCII_DTOSTR_BUF_SIZE];
      g_autofree char *niche = g_strdup_printf ("%d - e.niche_since", year);

      g_ascii_dtostr (bound, sizeof bound, sqlite3_column_double (stmt, lower ? 1 : 2));
      /* Unknown is not met; bounds are inclusive, as in the hints. */
      g_string_append_printf (cond, "%sifnull ((%s) %s %s, 0)", cond->len ? " AND " : "",
                              g_str_equal (key, "niche_years") ? niche : measure_sql (key),
                              lower ? "+ 1e-9 >=" : "- 1e-9 <=", bound);
    }
  if (step_error != NULL)
    g_warning ("%s", step_error->message);
  if (cond->len == 0)
    return g_strdup ("0");
  return g_string_free (g_steal_pointer (&cond), FALSE);
}

/* "SELECT e.id FROM enterprise e WHERE …" for the query's filters, without
 * its search and order; the filters' values go to @params. @meets is the
 * thresholds condition when the query asks for it; @table_order reads the
 * table itself rather than an index the planner would pick. */
static GString *
filter_sql (const SlRosterQuery *q,
            const char          *meets,
            gboolean             table_order,
            GPtrArray           *params)
{
  GString *sql = g_string_new (table_order ? "SELECT e.id FROM enterprise e NOT INDEXED WHERE "
                                           : "SELECT e.id FROM enterprise e WHERE ");
  g_autofree char *today = sl_today ();

  g_string_append (sql, q->trash ? "e.deleted_at IS NOT NULL" : "e.deleted_at IS NULL");
  if (q->jurisdiction_id > 0)
    {
      g_string_append_printf (sql, " AND e.jurisdiction_id IN (SELECT id FROM jurisdiction WHERE id = ?%u OR parent_id = ?%u)",
                              params->len + 1, params->len + 1);
      g_ptr_array_add (params, g_strdup_printf ("%" G_GINT64_FORMAT, q->jurisdiction_id));
    }
  if (q->chain_id > 0)
    {
      g_string_append_printf (sql, " AND e.chain_id = ?%u", params->len + 1);
      g_ptr_array_add (params, g_strdup_printf ("%" G_GINT64_FORMAT, q->chain_id));
    }
  if (q->tier_key != NULL)
    {
      g_string_append_printf (sql,
        " AND e.id IN (SELECT enterprise_id FROM certification WHERE tier_key = ?%u"
        " AND status IN " SL_HELD_STATUSES " AND valid_from <= ?%u AND ifnull (valid_until, '9999-12-31') >= ?%u)",
        params->len + 1, params->len + 2, params->len + 2);
      g_ptr_array_add (params, g_strdup (q->tier_key));
      g_ptr_array_add (params, g_strdup (today));
    }
  if (q->honour_key != NULL)
    {
      g_string_append_printf (sql, " AND e.id IN (SELECT enterprise_id FROM enterprise_honour WHERE honour_key = ?%u)",
                              params->len + 1);
      g_ptr_array_add (params, g_strdup (q->honour_key));
    }
  if (q->expiring_days > 0)
    {
      g_string_append_printf (sql,
        " AND e.id IN (SELECT enterprise_id FROM certification WHERE status IN ('certified', 'under_review')"
        " AND valid_until BETWEEN ?%u AND ?%u)", params->len + 1, params->len + 2);
      g_ptr_array_add (params, g_strdup (today));
      g_ptr_array_add (params, sl_date_add_days (today, q->expiring_days));
    }
  if (q->top_tier_key != NULL)
    {
      g_string_append_printf (sql, " AND e.top_tier = (SELECT level FROM tier WHERE key = ?%u)", params->len + 1);
      g_ptr_array_add (params, g_strdup (q->top_tier_key));
    }
  if (q->meets_next && meets != NULL)
    g_string_append_printf (sql,
      " AND EXISTS (SELECT 1 FROM annual_figures f WHERE f.enterprise_id = e.id AND f.year = e.latest_year AND %s)",
      meets);
  return sql;
}

/* The tier above @tier_key, or "" above the top one (which has no thresholds). */
static char *
next_tier_of (SlStore    *store,
              const char *tier_key)
{
  g_autoptr(SlStmt) stmt = _sl_store_prepare (store,
    "SELECT key FROM tier WHERE level > (SELECT level FROM tier WHERE key = ?1) ORDER BY level LIMIT 1", NULL);

  if (stmt == NULL)
    return NULL;
  _sl_bind_text (stmt, 1, tier_key);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return g_strdup (_sl_column_text (stmt, 0));
  return g_strdup ("");
}

/* The filtered roster in ascending order of the query's sort: what is kept. */
GString *
_sl_roster_base_query (const SlRosterQuery  *q,
                       const char           *meets,
                       GPtrArray           **out_params)
{
  GPtrArray *params = g_ptr_array_new_with_free_func (g_free);
  GString *sql = filter_sql (q, meets, FALSE, params);

  g_string_append_printf (sql, " ORDER BY %s ASC, e.id ASC", sort_expression (q->sort));
  *out_params = params;
  return sql;
}

/* A term of a credit code's own characters with a digit in it (913207,
 * 91320722ma): clerks type a code from its start, so it is looked up as a
 * prefix of the code, in the code's index. The trigram index would match
 * "913207" inside nearly every code of the city at great cost. */
static char *
code_prefix_of (const char *term)
{
  gboolean digit = FALSE;

  for (const char *p = term; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        digit = TRUE;
      else if (!g_ascii_isalpha (*p))
        return NULL;
    }
  if (!digit || strlen (term) > 18)
    return NULL;
  return g_ascii_strup (term, -1);
}

/* The first code after every code that begins with @prefix: the range
 * [prefix, code_range_end) holds exactly them, in binary order. */
static char *
code_range_end (const char *prefix)
{
  char *end = g_strdup (prefix);

  end[strlen (end) - 1]++;
  return end;
}

static int
compare_code_at (sqlite3_stmt *code_of,
                 gint64        id,
                 const char   *prefix)
{
  int cmp = 1;

  sqlite3_bind_int64 (code_of, 1, id);
  if (sqlite3_step (code_of) == SQLITE_ROW)
    cmp = strncmp ((const char *) sqlite3_column_text (code_of, 0), prefix, strlen (prefix));
  sqlite3_reset (code_of);
  return cmp;
}

/* The first position of @ids (sorted by code) whose code compares above
 * @prefix (@after) or not below it. */
static guint
code_bound (sqlite3_stmt *code_of,
            GArray       *ids,
            const char   *prefix,
            gboolean      after)
{
  guint lo = 0, hi = ids->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      int cmp = compare_code_at (code_of, _sl_roster_id_at (ids, _sl_roster_ids_small (ids), mid), prefix);

      if (after ? cmp <= 0 : cmp < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

#define FEW_OUTSIDE 20000

/* Sets @bits for every id but those of the firms whose codes sort outside
 * [@prefix, @end), when they are at most FEW_OUTSIDE; %FALSE, @bits
 * untouched, when there are more, or no code begins with @prefix. @rc: the
 * last step's, on %TRUE. */
static gboolean
outside_bits (SlStore    *store,
              const char *prefix,
              const char *end,
              guint8     *bits,
              gint64      max_id,
              int        *rc)
{
  static const char * const sql[] = {
    "SELECT id FROM enterprise WHERE credit_code < ?1 LIMIT ?2",
    "SELECT id FROM enterprise WHERE credit_code >= ?1 LIMIT ?2",
  };
  sqlite3 *db = _sl_store_get_db (store);
  g_autoptr(GArray) outside = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *inside = NULL;
  gboolean any;

  /* A prefix that begins no code is searched for anywhere (search_bitmap):
   * the bits must say none. */
  *rc = SQLITE_DONE;
  if (sqlite3_prepare_v2 (db, "SELECT 1 FROM enterprise WHERE credit_code >= ?1 AND credit_code < ?2 LIMIT 1",
                          -1, &inside, NULL) != SQLITE_OK)
    {
      *rc = SQLITE_ERROR;
      return TRUE;
    }
  sqlite3_bind_text (inside, 1, prefix, -1, SQLITE_STATIC);
  sqlite3_bind_text (inside, 2, end, -1, SQLITE_STATIC);
  any = sqlite3_step (inside) == SQLITE_ROW;
  sqlite3_finalize (inside);
  if (!any)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (sql); i++)
    {
      sqlite3_stmt *stmt = NULL;

      if (sqlite3_prepare_v2 (db, sql[i], -1, &stmt, NULL) != SQLITE_OK)
        {
          *rc = SQLITE_ERROR;
          return TRUE;
        }
      sqlite3_bind_text (stmt, 1, i == 0 ? prefix : end, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 2, FEW_OUTSIDE + 1 - (int) outside->len);
      while ((*rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);
          g_array_append_val (outside, id);
        }
      sqlite3_finalize (stmt);
      if (*rc != SQLITE_DONE)
        return TRUE;
      if (outside->len > FEW_OUTSIDE)
        return FALSE;
    }
  memset (bits, 0xff, (gsize) (max_id / 8 + 1));
  for (guint i = 0; i < outside->len; i++)
    {
      gint64 id = g_array_index (outside, gint64, i);
      if (id >= 0 && id <= max_id)
        bits[id >> 3] &= (guint8) ~(1u << (id & 7));
    }
  return TRUE;
}

/* Sets in @bits the firms whose code begins with @prefix. The roster by
 * code, when kept (the background prefetch reads it), is searched by
 * halves, a few lookups in all; else the code's index is read. */
static gboolean
code_bits (SlStore             *store,
           const SlRosterQuery *q,
           const char          *prefix,
           guint8              *bits,
           gint64               max_id,
           GError             **error)
{
  sqlite3 *db = _sl_store_get_db (store);
  SlRosterQuery by_code = *q;
  g_autoptr(GPtrArray) params = NULL;
  g_autoptr(GString) sql = NULL;
  g_autofree char *end = code_range_end (prefix);
  GArray *kept;
  sqlite3_stmt *stmt = NULL;
  int rc;

  by_code.sort = SL_ROSTER_SORT_CREDIT_CODE;
  by_code.search = NULL;
  sql = _sl_roster_base_query (&by_code, NULL, &params);
  kept = q->trash || q->meets_next ? NULL : _sl_roster_kept (store, sql->str, params);
  if (kept != NULL)
    {
      gboolean small = _sl_roster_ids_small (kept);
      guint from, to;

      if (sqlite3_prepare_v2 (db, "SELECT credit_code FROM enterprise WHERE id = ?1", -1, &stmt, NULL) != SQLITE_OK)
        return _sl_store_sql_error (store, error);
      from = code_bound (stmt, kept, prefix, FALSE);
      to = code_bound (stmt, kept, prefix, TRUE);
      sqlite3_finalize (stmt);
      for (guint i = from; i < to; i++)
        {
          gint64 id = _sl_roster_id_at (kept, small, i);
          if (id >= 0 && id <= max_id)
            bits[id >> 3] |= (guint8) (1u << (id & 7));
        }
      return TRUE;
    }

  /* A short prefix begins nearly every code ("9", all of a city's): its
   * firms are all but the few whose codes sort outside it, read from the
   * index's two ends, where reading the million inside took 0.2 s. The
   * other firms' bits are cleared by the roster they are matched to. */
  if (outside_bits (store, prefix, end, bits, max_id, &rc))
    return rc == SQLITE_DONE || _sl_store_sql_error (store, error);
  if (sqlite3_prepare_v2 (db, "SELECT id FROM enterprise WHERE credit_code >= ?1 AND credit_code < ?2",
                          -1, &stmt, NULL) != SQLITE_OK)
    return _sl_store_sql_error (store, error);
  sqlite3_bind_text (stmt, 1, prefix, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, end, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      if (id >= 0 && id <= max_id)
        bits[id >> 3] |= (guint8) (1u << (id & 7));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return _sl_store_sql_error (store, error);
  return TRUE;
}

static gint64
count_bits (const guint8 *bits,
            gsize         len)
{
  gint64 count = 0;

  for (gsize b = 0; b < len; b++)
    count += __builtin_popcount (bits[b]);
  return count;
}

/* A bit per id for the firms under the query's filters that meet the next
 * tier's thresholds (@meets), read in the table's order: in the roster's
 * order each firm's row and figures were two reads at random, 1.3 s for
 * the 240,000 innovative firms of a million. */
static GBytes *
meets_bitmap (SlStore             *store,
              const SlRosterQuery *q,
              const char          *meets,
              gint64              *out_count,
              GError             **error)
{
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);
  /* The whole ledger's tier: a read of the table beats its index. */
  g_autoptr(GString) sql = filter_sql (q, meets, q->jurisdiction_id == 0 && q->chain_id == 0, params);
  g_autoptr(GArray) ids = NULL;
  gint64 max_id = sl_enterprise_max_id (store);
  gsize len = (gsize) (max_id / 8 + 1);
  guint8 *bits = g_malloc0 (len);

  *out_count = 0;
  ids = g_str_equal (meets, "0") ? g_array_new (FALSE, FALSE, sizeof (gint64))
                                 : _sl_roster_run_ids (store, sql->str, params, error);
  if (ids == NULL)
    {
      g_free (bits);
      return NULL;
    }
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);

      if (id >= 0 && id <= max_id)
        bits[id >> 3] |= (guint8) (1u << (id & 7));
    }
  *out_count = ids->len;
  return g_bytes_new_take (bits, len);
}

/* A bit per enterprise id for the firms matching every phrase. A code
 * prefix that begins no code is searched for anywhere, as other terms
 * are (the end of a code, a model number): its entry in @phrases becomes
 * that phrase. */
static GBytes *
search_bitmap (SlStore             *store,
               const SlRosterQuery *q,
               GPtrArray           *phrases,
               gint64              *out_count,
               GError             **error)
{
  sqlite3 *db = _sl_store_get_db (store);
  g_autofree guint8 *bits = NULL;
  g_autofree guint8 *term_bits = NULL;
  gsize len;
  gint64 max_id = sl_enterprise_max_id (store);
  gint64 count = 0;
  sqlite3_stmt *stmt = NULL;

  len = (gsize) (max_id / 8 + 1);
  bits = g_malloc (len);
  memset (bits, 0xff, len);
  term_bits = g_malloc (len);

  for (guint i = 0; i < phrases->len; i += 2)
    {
      g_autofree char *sql = NULL;
      int rc;

      if (g_str_equal (phrases->pdata[i], "code"))
        {
          memset (term_bits, 0, len);
          if (!code_bits (store, q, phrases->pdata[i + 1], term_bits, max_id, error))
            return NULL;
          if (count_bits (term_bits, len) > 0)
            {
              for (gsize b = 0; b < len; b++)
                bits[b] &= term_bits[b];
              continue;
            }
          set_phrase (phrases, i, phrases->pdata[i + 1]);
        }
      sql = g_strdup_printf ("SELECT rowid FROM %s WHERE %s MATCH ?1",
                             (char *) phrases->pdata[i], (char *) phrases->pdata[i]);
      if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
        {
          _sl_store_sql_error (store, error);
          return NULL;
        }
      sqlite3_bind_text (stmt, 1, phrases->pdata[i + 1], -1, SQLITE_STATIC);
      memset (term_bits, 0, len);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);
          if (id >= 0 && id <= max_id)
            term_bits[id >> 3] |= (guint8) (1u << (id & 7));
        }
      sqlite3_finalize (stmt);
      if (rc != SQLITE_DONE)
        {
          _sl_store_sql_error (store, error);
          return NULL;
        }
      for (gsize b = 0; b < len; b++)
        bits[b] &= term_bits[b];
    }
  count = count_bits (bits, len);
  *out_count = count;
  return g_bytes_new_take (g_steal_pointer (&bits), len);
}

static GArray *
roster_query (SlStore              *store,
              const SlRosterQuery  *q,
              GError              **error)
{
  g_autoptr(GPtrArray) params = NULL;
  g_autoptr(GString) base_sql = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) phrases = g_ptr_array_new_with_free_func (g_free);   /* table, phrase, table, phrase … */
  g_autoptr(GBytes) matches = NULL;
  g_auto(GStrv) terms = NULL;
  g_autofree char *meets = NULL;
  gint64 n_matches = 0;
  gint64 n_met = 0;
  SlRosterQuery plain;
  gsize bits_len = 0;
  const guint8 *bits = NULL;
  gboolean small;
  GArray *base;

  g_return_val_if_fail (SL_IS_STORE (store), NULL);

  if (q->search != NULL)
    {
      terms = g_regex_split_simple ("\\s+", q->search, 0, 0);
      for (guint i = 0; terms[i] != NULL && phrases->len < MAX_TERMS * 2; i++)
        {
          char *prefix = code_prefix_of (terms[i]);

          if (terms[i][0] == '\0')
            continue;
          if (prefix != NULL)
            {
              g_ptr_array_add (phrases, g_strdup ("code"));
              g_ptr_array_add (phrases, prefix);
            }
          else
            set_phrase (phrases, phrases->len, terms[i]);
        }
    }
  if (phrases->len > 0)
    {
      matches = search_bitmap (store, q, phrases, &n_matches, error);
      if (matches == NULL)
        return NULL;
    }

  if (q->meets_next && q->top_tier_key != NULL)
    {
      g_autofree char *today = sl_today ();
      g_autofree char *rules = sl_pipeline_rule_version_on (store, today);
      g_autofree char *next_tier = next_tier_of (store, q->top_tier_key);

      meets = thresholds_condition (store, rules, next_tier, atoi (today));
    }
  /* The firms that meet the thresholds as a bitmap over the roster without
   * them, as a search's matches are (and with a search, both). */
  plain = *q;
  if (meets != NULL && !q->trash)
    {
      g_autoptr(GBytes) met = meets_bitmap (store, q, meets, &n_met, error);

      if (met == NULL)
        return NULL;
      plain.meets_next = FALSE;
      if (matches == NULL)
        {
          matches = g_steal_pointer (&met);
          n_matches = n_met;
        }
      else
        {
          gsize a_len, b_len;
          const guint8 *a = g_bytes_get_data (matches, &a_len);
          const guint8 *b = g_bytes_get_data (met, &b_len);
          guint8 *both = g_malloc0 (MAX (a_len, b_len));

          n_matches = 0;
          for (gsize i = 0; i < MIN (a_len, b_len); i++)
            {
              both[i] = a[i] & b[i];
              n_matches += __builtin_popcount (both[i]);
            }
          g_bytes_unref (matches);
          matches = g_bytes_new_take (both, MAX (a_len, b_len));
        }
    }
  base_sql = _sl_roster_base_query (&plain, plain.meets_next ? meets : NULL, &params);
  /* The thresholds alone are never joined: SQLite would test every firm
   * of the roster in its order, the slow reading meets_bitmap() avoids. */
  if (q->trash
      || (phrases->len > 0 && n_matches <= SELECTIVE_MATCHES && _sl_roster_kept (store, base_sql->str, params) == NULL))
    {
      g_autoptr(GPtrArray) join_params = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GString) sql = filter_sql (q, meets, FALSE, join_params);

      for (guint i = 0; matches != NULL && i < phrases->len; i += 2)
        {
          if (g_str_equal (phrases->pdata[i], "code"))
            {
              g_string_append_printf (sql, " AND e.credit_code >= ?%u AND e.credit_code < ?%u",
                                      join_params->len + 1, join_params->len + 2);
              g_ptr_array_add (join_params, g_strdup (phrases->pdata[i + 1]));
              g_ptr_array_add (join_params, code_range_end (phrases->pdata[i + 1]));
              continue;
            }
          g_string_append_printf (sql, " AND e.id IN (SELECT rowid FROM %s WHERE %s MATCH ?%u)",
                                  (char *) phrases->pdata[i], (char *) phrases->pdata[i], join_params->len + 1);
          g_ptr_array_add (join_params, g_strdup (phrases->pdata[i + 1]));
        }
      if (q->trash)
        g_string_append (sql, " ORDER BY e.deleted_at DESC, e.id DESC");
      else
        g_string_append_printf (sql, " ORDER BY %s %s, e.id %s",
                                sort_expression (q->sort), q->descending ? "DESC" : "ASC",
                                q->descending ? "DESC" : "ASC");
      return _sl_roster_run_ids (store, sql->str, join_params, error);
    }

  base = _sl_roster_kept_ids (store, base_sql->str, params, error);
  if (base == NULL)
    return NULL;
  if (matches != NULL)
    bits = g_bytes_get_data (matches, &bits_len);
  small = _sl_roster_ids_small (base);
  /* Room for them all at once, not by doubling a million-row array. */
  g_array_set_size (ids, bits != NULL ? (guint) MIN (n_matches, base->len) : base->len);
  g_array_set_size (ids, 0);
  for (guint i = 0; i < base->len; i++)
    {
      gint64 id = _sl_roster_id_at (base, small, q->descending ? base->len - 1 - i : i);

      if (bits != NULL && ((guint64) id >= bits_len * 8 || !(bits[id >> 3] & (1u << (id & 7)))))
        continue;
      g_array_append_val (ids, id);
    }
  return g_steal_pointer (&ids);
}

/**
 * sl_roster_query:
 *
 * The sorted roster under the filters, before any search, is kept while
 * the ledger is unchanged: a search then filters it by the bitmap of its
 * matches, and the other direction of a sort reads it backwards. Only a
 * search with few matches on a roster not yet kept is joined in SQL, where
 * SQLite is fast for short lists and slow for long ones. The prefetch of
 * the other sorts stands aside meanwhile (_sl_store_foreground_wait()).
 *
 * Returns: (transfer full) (element-type gint64): the ids of the matching
 *   enterprises in the asked order
 */
GArray *
sl_roster_query (SlStore              *store,
                 const SlRosterQuery  *q,
                 GError              **error)
{
  GArray *ids;

  g_return_val_if_fail (SL_IS_STORE (store), NULL);

  _sl_store_foreground_begin (store);
  ids = roster_query (store, q, error);
  _sl_store_foreground_end (store);
  return ids;
}
