/* sl-summary-figures.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The indicators taken over the firms' annual figures (ratios of sums,
 * shares of a whole, means, shares of a yes/no figure) and over their own
 * columns (firms per specialist, chains covered). The figures of the year
 * are read once for all of them: each indicator was a join of its
 * population with the figures, a read of the year's rows per indicator.
 * Sums follow SQLite's sum () and avg (): whole numbers exact, and a mean
 * divides the running sum in double, in the order of the firms' ids. */

#define G_LOG_DOMAIN "sl-summary"

#include "config.h"

#include <string.h>

#include "sl-store-private.h"
#include "sl-summary-private.h"

/* The columns of the figures read, in this order after the firm's id. */
static const char * const figure_fields[] = {
  "revenue", "main_revenue", "rd_expense", "patents_valid", "staff", "rd_staff",
  "cnc_rate", "digital_mgmt", "digital_rd_tools", NULL
};
#define N_FIELDS 9

typedef enum
{
  FIG_RATIO,  /* sum (numerator) / sum (denominator), over firms with both */
  FIG_SHARE,  /* the population's part of a whole's sum */
  FIG_MEAN,
  FIG_FLAG,   /* the share of firms whose figure is 1 */
} FigKind;

typedef struct
{
  gint64   i;
  double   r;
  gboolean approx;  /* a value was not a whole number: the sum is r */
} Sum;

typedef struct
{
  char            *metric;
  FigKind          kind;
  int              num;  /* index in figure_fields */
  int              den;
  const SlFirmSet *pop;
  const SlFirmSet *whole;
  gboolean         typed;
  double           typed_value;
  int              typed_year;
  Sum              num_sum;
  Sum              den_sum;
  gint64           count;
  gint64           whole_count;
  gint64           ones;
} Spec;

static void
spec_free (gpointer data)
{
  Spec *spec = data;

  g_free (spec->metric);
  g_free (spec);
}

static int
field_index (const char *field)
{
  for (int f = 0; field != NULL && figure_fields[f] != NULL; f++)
    if (g_str_equal (figure_fields[f], field))
      return f;
  return -1;
}

typedef struct
{
  int    type;
  gint64 i;
  double d;
} Value;

static void
sum_add (Sum         *s,
         const Value *v)
{
  if (v->type == SQLITE_INTEGER)
    {
      s->r += (double) v->i;
      if (!s->approx)
        s->i += v->i;
    }
  else
    {
      s->r += v->d;
      s->approx = TRUE;
    }
}

static double
sum_value (const Sum *s)
{
  return s->approx ? s->r : (double) s->i;
}

static gboolean
is_one (const Value *v)
{
  return (v->type == SQLITE_INTEGER && v->i == 1) || (v->type == SQLITE_FLOAT && v->d == 1.0);
}

/**
 * _sl_summary_figures_add: (skip)
 *
 * Registers a metric for the pass over the figures, if it is taken over
 * them; any other metric is let through.
 */
gboolean
_sl_summary_figures_add (Ctx         *ctx,
                         const char  *metric_key,
                         JsonObject  *m,
                         GError     **error)
{
  const char *kind = json_object_get_string_member_with_default (m, "kind", "");
  const char *pop = json_object_get_string_member_with_default (m, "population", NULL);
  Spec spec = { NULL };

  if (g_str_equal (kind, "ratio_of_sums"))
    {
      const char *den_pop = json_object_get_string_member_with_default (m, "denominator_population", pop);

      spec.num = field_index (json_object_get_string_member_with_default (m, "numerator", NULL));
      spec.den = field_index (json_object_get_string_member_with_default (m, "denominator", NULL));
      spec.kind = g_strcmp0 (pop, den_pop) == 0 ? FIG_RATIO : FIG_SHARE;
      if (spec.kind == FIG_SHARE)
        {
          g_autofree char *whole_key = g_strconcat (metric_key, ".whole", NULL);

          spec.whole = _sl_summary_population (ctx, den_pop, error);
          if (spec.whole == NULL)
            return FALSE;
          /* The whole's total as the statistics bureau reports it for the
           * figures' year, typed in 万元, where the clerk has it. */
          spec.typed = _sl_summary_typed_figure (ctx, whole_key, ctx->figures_year, FALSE,
                                                 &spec.typed_value, &spec.typed_year);
        }
    }
  else if (g_str_equal (kind, "mean") || g_str_equal (kind, "share_flag"))
    {
      spec.kind = g_str_equal (kind, "mean") ? FIG_MEAN : FIG_FLAG;
      spec.num = spec.den = field_index (json_object_get_string_member_with_default (m, "field", NULL));
    }
  else
    return TRUE;
  if (spec.num < 0 || spec.den < 0)
    return TRUE;
  if (pop != NULL)
    {
      spec.pop = _sl_summary_population (ctx, pop, error);
      if (spec.pop == NULL)
        return FALSE;
    }
  spec.metric = g_strdup (metric_key);
  if (ctx->figure_specs == NULL)
    ctx->figure_specs = g_ptr_array_new_with_free_func (spec_free);
  g_ptr_array_add (ctx->figure_specs, g_memdup2 (&spec, sizeof spec));
  return TRUE;
}

/* A row of the figures, its columns read when a metric first asks: most
 * firms are in no population but the whole, and a column read costs a
 * call into SQLite. */
typedef struct
{
  SlStmt  *stmt;
  guint    read;  /* bit per field */
  Value    values[N_FIELDS];
} Row;

static const Value *
row_field (Row *row,
           int  f)
{
  Value *v = &row->values[f];

  if (row->read & (1u << f))
    return v;
  row->read |= 1u << f;
  v->type = sqlite3_column_type (row->stmt, f + 1);
  if (v->type == SQLITE_INTEGER)
    v->i = sqlite3_column_int64 (row->stmt, f + 1);
  else if (v->type != SQLITE_NULL)
    v->d = sqlite3_column_double (row->stmt, f + 1);
  return v;
}

static void
spec_take_row (Spec   *spec,
               gint64  slot,
               Row    *row)
{
  gboolean in_pop = spec->pop != NULL && _sl_firm_set_has (spec->pop, slot);
  const Value *num, *den;

  switch (spec->kind)
    {
    case FIG_RATIO:
      if (!in_pop)
        break;
      num = row_field (row, spec->num);
      den = row_field (row, spec->den);
      if (num->type != SQLITE_NULL && den->type != SQLITE_NULL)
        {
          sum_add (&spec->num_sum, num);
          sum_add (&spec->den_sum, den);
          spec->count++;
        }
      break;
    case FIG_SHARE:
      if (!_sl_firm_set_has (spec->whole, slot))
        break;
      /* The part is the population's firms inside the whole, or a share
       * computed so could pass 100 %. */
      num = row_field (row, spec->num);
      if (in_pop && num->type != SQLITE_NULL)
        {
          sum_add (&spec->num_sum, num);
          spec->count++;
        }
      den = row_field (row, spec->den);
      if (den->type != SQLITE_NULL)
        {
          sum_add (&spec->den_sum, den);
          spec->whole_count++;
        }
      break;
    case FIG_MEAN:
    case FIG_FLAG:
      if (!in_pop)
        break;
      num = row_field (row, spec->num);
      if (num->type != SQLITE_NULL)
        {
          sum_add (&spec->num_sum, num);
          spec->ones += is_one (num);
          spec->count++;
        }
      break;
    }
}

static SlFigureResult
spec_result (const Spec *spec)
{
  SlFigureResult r = { .with_data = spec->count, .whole_size = -1 };

  switch (spec->kind)
    {
    case FIG_RATIO:
      r.has_value = spec->count > 0 && sum_value (&spec->den_sum) != 0;
      if (r.has_value)
        r.value = 100.0 * sum_value (&spec->num_sum) / sum_value (&spec->den_sum);
      break;
    case FIG_SHARE:
      r.whole_size = spec->whole_count;
      if (spec->typed)
        {
          /* Figures are kept in 元, the typed whole in 万元. */
          r.whole_typed = spec->typed_value;
          r.whole_year = spec->typed_year;
          r.has_value = spec->count > 0 && spec->typed_value > 0;
          if (r.has_value)
            r.value = 100.0 * sum_value (&spec->num_sum) / (spec->typed_value * 10000.0);
        }
      else
        {
          r.has_value = spec->count > 0 && spec->whole_count > 0 && sum_value (&spec->den_sum) != 0;
          if (r.has_value)
            r.value = 100.0 * sum_value (&spec->num_sum) / sum_value (&spec->den_sum);
        }
      break;
    case FIG_MEAN:
      r.has_value = spec->count > 0;
      if (r.has_value)
        r.value = spec->num_sum.r / (double) spec->count;
      break;
    case FIG_FLAG:
      r.has_value = spec->count > 0;
      if (r.has_value)
        r.value = 100.0 * (double) spec->ones / (double) spec->count;
      break;
    }
  return r;
}

/**
 * _sl_summary_figures_read: (skip)
 *
 * One pass over the figures of the figures year for every metric
 * registered, then each one's result in ctx->figures.
 */
gboolean
_sl_summary_figures_read (Ctx     *ctx,
                          GError **error)
{
  g_autoptr(GError) step_error = NULL;
  g_autoptr(SlStmt) stmt = NULL;
  guint n_specs = ctx->figure_specs ? ctx->figure_specs->len : 0;

  if (ctx->figures != NULL)
    return TRUE;
  ctx->figures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (n_specs == 0)
    return TRUE;

  stmt = _sl_summary_prepare (ctx,
    "SELECT enterprise_id, revenue, main_revenue, rd_expense, patents_valid, staff, rd_staff,"
    " cnc_rate, digital_mgmt, digital_rd_tools FROM annual_figures WHERE year = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, ctx->figures_year);
  while (_sl_step_row (stmt, &step_error))
    {
      gint64 slot = _sl_summary_slot (ctx, sqlite3_column_int64 (stmt, 0));
      Row row = { .stmt = stmt };

      if (slot < 0 || ctx->unit[slot] == 0)
        continue;
      for (guint i = 0; i < n_specs; i++)
        spec_take_row (ctx->figure_specs->pdata[i], slot, &row);
    }
  if (step_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&step_error));
      return FALSE;
    }
  for (guint i = 0; i < n_specs; i++)
    {
      Spec *spec = ctx->figure_specs->pdata[i];
      SlFigureResult r = spec_result (spec);

      g_hash_table_insert (ctx->figures, g_strdup (spec->metric), g_memdup2 (&r, sizeof r));
    }
  return TRUE;
}

/**
 * _sl_summary_per_specialist: (skip)
 *
 * The population's firms per specialist serving them, from the
 * specialists' index in its order: a name differing from the one before is
 * one more specialist.
 */
gboolean
_sl_summary_per_specialist (Ctx              *ctx,
                            const SlFirmSet  *pop,
                            double           *value,
                            gboolean         *has_value,
                            GError          **error)
{
  g_autoptr(GError) step_error = NULL;
  g_autofree char *last = NULL;
  gint64 specialists = 0;
  g_autoptr(SlStmt) stmt = NULL;

  *has_value = FALSE;
  if (pop == NULL || pop->size == 0)
    return TRUE;
  stmt = _sl_summary_prepare (ctx,
    "SELECT specialist, id FROM enterprise INDEXED BY enterprise_specialist"
    " WHERE deleted_at IS NULL AND specialist IS NOT NULL ORDER BY specialist", error);
  if (stmt == NULL)
    return FALSE;
  while (_sl_step_row (stmt, &step_error))
    {
      gint64 slot = _sl_summary_slot (ctx, sqlite3_column_int64 (stmt, 1));
      const char *name = (const char *) sqlite3_column_text (stmt, 0);

      if (slot < 0 || !_sl_firm_set_has (pop, slot) || g_strcmp0 (name, last) == 0)
        continue;
      g_free (last);
      last = g_strdup (name);
      specialists++;
    }
  if (step_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&step_error));
      return FALSE;
    }
  *has_value = specialists > 0;
  if (*has_value)
    *value = 1.0 * (double) pop->size / (double) specialists;
  return TRUE;
}

/**
 * _sl_summary_chain_coverage: (skip)
 *
 * The share of the ledger's industry chains in use that have a firm of the
 * population, from the chains' index.
 */
gboolean
_sl_summary_chain_coverage (Ctx              *ctx,
                            const SlFirmSet  *pop,
                            double           *value,
                            gboolean         *has_value,
                            GError          **error)
{
  g_autoptr(GError) step_error = NULL;
  g_autoptr(GHashTable) chains = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GHashTable) covered = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(SlStmt) in_use = NULL;
  g_autoptr(SlStmt) stmt = NULL;

  *has_value = FALSE;
  in_use = _sl_store_prepare (ctx->store, "SELECT id FROM industry_chain WHERE retired = 0", error);
  if (in_use == NULL)
    return FALSE;
  while (_sl_step_row (in_use, &step_error))
    g_hash_table_add (chains, GSIZE_TO_POINTER ((gsize) sqlite3_column_int64 (in_use, 0)));
  if (step_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&step_error));
      return FALSE;
    }
  if (g_hash_table_size (chains) == 0)
    return TRUE;
  if (pop != NULL && pop->size > 0)
    {
      stmt = _sl_summary_prepare (ctx,
        "SELECT chain_id, id FROM enterprise INDEXED BY enterprise_chain"
        " WHERE deleted_at IS NULL AND chain_id IS NOT NULL", error);
      if (stmt == NULL)
        return FALSE;
      while (_sl_step_row (stmt, &step_error))
        {
          gpointer chain = GSIZE_TO_POINTER ((gsize) sqlite3_column_int64 (stmt, 0));
          gint64 slot = _sl_summary_slot (ctx, sqlite3_column_int64 (stmt, 1));

          if (slot >= 0 && _sl_firm_set_has (pop, slot) && g_hash_table_contains (chains, chain))
            g_hash_table_add (covered, chain);
        }
      if (step_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&step_error));
          return FALSE;
        }
    }
  *has_value = TRUE;
  *value = 100.0 * (double) g_hash_table_size (covered) / (double) g_hash_table_size (chains);
  return TRUE;
}
