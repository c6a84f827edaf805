/* sl-bulletin-sheets.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-bulletin"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>

#include "sl-bulletin-private.h"
#include "sl-summary.h"
#include "sl-util.h"

/* Held, new in the month, new this year, target, completion; a tier no
 * jurisdiction has a target for (the pool) has the first three only. */
#define TIER_COLUMNS 5
#define COUNT_COLUMNS 3
#define MAX_TIERS 16
/* A count of four digits and its grouping, or 133.2%: the columns stay
 * narrow, so that the matrix prints at a readable scale. */
#define NUMBER_SAMPLE "0,000.0"

typedef struct
{
  guint n_tiers;
  guint first[MAX_TIERS];
  guint n_cols[MAX_TIERS];
  guint last_col;
} Matrix;

static gboolean
tier_has_target (const char *key,
                 JsonObject *totals,
                 JsonArray  *units)
{
  if (!isnan (_sl_bulletin_member_double (json_object_get_object_member (totals, key), "target")))
    return TRUE;
  for (guint i = 0; units && i < json_array_get_length (units); i++)
    {
      JsonObject *by_tier = json_object_get_object_member (json_array_get_object_element (units, i), "tiers");

      if (by_tier && json_object_has_member (by_tier, key)
          && !isnan (_sl_bulletin_member_double (json_object_get_object_member (by_tier, key), "target")))
        return TRUE;
    }
  return FALSE;
}

static void
matrix_layout (Matrix     *m,
               JsonArray  *tiers,
               JsonObject *totals,
               JsonArray  *units)
{
  guint col = 1;

  m->n_tiers = MIN (json_array_get_length (tiers), MAX_TIERS);
  for (guint t = 0; t < m->n_tiers; t++)
    {
      m->first[t] = col;
      m->n_cols[t] = tier_has_target (json_array_get_string_element (tiers, t), totals, units) ? TIER_COLUMNS : COUNT_COLUMNS;
      col += m->n_cols[t];
    }
  m->last_col = col - 1;
}

/* The bulletin's first two sheets: the summary by jurisdiction and tier
 * with its ranking and chart, and the plan's indicators. */

/* A figure of the summary's JSON: NAN where it has none. */
double
_sl_bulletin_member_double (JsonObject *o,
                            const char *name)
{
  JsonNode *n = o ? json_object_get_member (o, name) : NULL;

  if (n == NULL || JSON_NODE_HOLDS_NULL (n) || !JSON_NODE_HOLDS_VALUE (n))
    return NAN;
  return json_node_get_double (n);
}


static lxw_format *
mark (SlBulletinJob *job,
      double         rate)
{
  if (rate + 1e-9 >= job->green_at)
    return job->formats.mark_green;
  if (rate + 1e-9 >= job->yellow_at)
    return job->formats.mark_yellow;
  return job->formats.mark_red;
}

/* A jurisdiction's completion: the mean of its tiers' completion rates
 * where a target is set; NAN without any. */
/* The sum of a member over a jurisdiction's tiers, and in @n how many
 * tiers have it. */
static double
sum_over_tiers (JsonObject *unit,
                JsonArray  *tiers,
                const char *member,
                guint      *n)
{
  JsonObject *by_tier = json_object_get_object_member (unit, "tiers");
  double sum = 0;

  *n = 0;
  for (guint t = 0; by_tier && t < json_array_get_length (tiers); t++)
    {
      const char *key = json_array_get_string_element (tiers, t);
      double v = json_object_has_member (by_tier, key)
                 ? _sl_bulletin_member_double (json_object_get_object_member (by_tier, key), member) : NAN;

      if (!isnan (v))
        {
          sum += v;
          (*n)++;
        }
    }
  return sum;
}

static double
unit_completion (JsonObject *unit,
                 JsonArray  *tiers)
{
  guint n;
  double sum = sum_over_tiers (unit, tiers, "completion_rate", &n);

  return n ? sum / n : NAN;
}

/* A jurisdiction's certifications new this year, over every tier. */
static double
unit_new_in_year (JsonObject *unit,
                  JsonArray  *tiers)
{
  guint n;

  return sum_over_tiers (unit, tiers, "new_in_year", &n);
}

typedef double (*UnitMeasure) (JsonObject *unit, JsonArray *tiers);

static double
previous_value (SlBulletinJob *job,
                const char    *code,
                UnitMeasure    measure)
{
  JsonArray *units;
  JsonArray *tiers;

  if (job->previous == NULL || code == NULL)
    return NAN;
  units = json_object_get_array_member (job->previous, "jurisdictions");
  tiers = json_object_get_array_member (job->previous, "tiers");
  for (guint i = 0; units && tiers && i < json_array_get_length (units); i++)
    {
      JsonObject *u = json_array_get_object_element (units, i);
      if (g_strcmp0 (json_object_get_string_member_with_default (u, "code", NULL), code) == 0)
        return measure (u, tiers);
    }
  return NAN;
}

typedef struct
{
  const char *name;
  const char *code;
  double      rate;
  double      previous;
} Ranked;

static int
by_rate (gconstpointer a,
         gconstpointer b)
{
  const Ranked *x = a, *y = b;

  if (isnan (x->rate) != isnan (y->rate))
    return isnan (x->rate) ? 1 : -1;
  if (!isnan (x->rate) && fabs (x->rate - y->rate) > 1e-9)
    return x->rate > y->rate ? -1 : 1;
  return g_strcmp0 (x->code, y->code);
}

/* A tier's five cells of a jurisdiction's row: held, new in the month and
 * in the year, target, completion. */
static void
write_tier_cells (SlBulletinJob *job,
                  SlSheet       *sheet,
                  guint          row,
                  guint          col,
                  guint          n_cols,
                  JsonObject    *cell,
                  gboolean       total)
{
  SlXlsxFormats *f = &job->formats;
  lxw_format *num = total ? f->total_integer : f->integer;
  double rate = _sl_bulletin_member_double (cell, "completion_rate");
  double schedule = _sl_bulletin_member_double (cell, "schedule");

  sl_sheet_optional (sheet, row, col, _sl_bulletin_member_double (cell, "held"), num);
  sl_sheet_optional (sheet, row, col + 1, _sl_bulletin_member_double (cell, "new_in_month"), num);
  sl_sheet_optional (sheet, row, col + 2, _sl_bulletin_member_double (cell, "new_in_year"), num);
  if (n_cols < TIER_COLUMNS)
    return;
  sl_sheet_optional (sheet, row, col + 3, _sl_bulletin_member_double (cell, "target"), num);
  /* Judged against 序时进度, not against the whole target: 50 % of a
   * three-year goal half way through is on track. */
  if (isnan (rate))
    sl_sheet_text (sheet, row, col + 4, "—", num);
  else
    sl_sheet_number (sheet, row, col + 4, rate, mark (job, !isnan (schedule) && schedule > 0 ? rate / schedule : rate));
}

/* The ranking, ties sharing a rank, with the change since the last
 * bulletin of the scope: by completion where the jurisdictions have
 * targets, else by the certifications new this year, and the heading says
 * which. Returns the next free row. */
static guint
write_ranking (SlBulletinJob *job,
               SlSheet       *sheet,
               guint          row,
               JsonArray     *units,
               JsonArray     *tiers)
{
  SlXlsxFormats *f = &job->formats;
  g_autoptr(GArray) ranked = g_array_new (FALSE, FALSE, sizeof (Ranked));
  gboolean by_completion = FALSE;
  UnitMeasure measure;
  lxw_format *number;
  const char *headers[] = { N_("Jurisdiction"), N_("Rank"), N_("Completion rate"),
                            N_("In the previous bulletin"), N_("Change") };
  int rank = 0;

  for (guint i = 0; i < json_array_get_length (units) && !by_completion; i++)
    by_completion = !isnan (unit_completion (json_array_get_object_element (units, i), tiers));
  measure = by_completion ? unit_completion : unit_new_in_year;
  number = by_completion ? f->percent : f->integer;
  if (!by_completion)
    headers[2] = N_("New this year");
  for (guint i = 0; i < json_array_get_length (units); i++)
    {
      JsonObject *u = json_array_get_object_element (units, i);
      Ranked r = {
        json_object_get_string_member_with_default (u, "name", ""),
        json_object_get_string_member_with_default (u, "code", NULL),
        measure (u, tiers), NAN,
      };

      r.previous = previous_value (job, r.code, measure);
      g_array_append_val (ranked, r);
    }
  g_array_sort (ranked, by_rate);

  sl_sheet_merge (sheet, row++, 0, 4, by_completion ? _("Jurisdictions ranked by completion rate")
                                                    : _("Jurisdictions ranked by certifications new this year (no jurisdiction has a target)"),
                  f->total_text);
  /* In the matrix's narrow columns, the jurisdiction in its own: the
   * headings wrap rather than widen them. */
  worksheet_set_row (sheet->ws, row, 45, NULL);
  for (guint c = 0; c < G_N_ELEMENTS (headers); c++)
    worksheet_write_string (sheet->ws, row, (lxw_col_t) c, _(headers[c]), f->header);
  row++;
  for (guint i = 0; i < ranked->len; i++, row++)
    {
      Ranked *r = &g_array_index (ranked, Ranked, i);

      /* Competition ranking: 1, 2, 2, 4. */
      if (i == 0 || fabs (r->rate - g_array_index (ranked, Ranked, i - 1).rate) > 1e-9)
        rank = (int) i + 1;
      sl_sheet_text (sheet, row, 0, r->name, f->text);
      if (isnan (r->rate))
        sl_sheet_text (sheet, row, 1, "—", f->text);
      else
        sl_sheet_number (sheet, row, 1, rank, f->integer);
      if (isnan (r->rate))
        sl_sheet_text (sheet, row, 2, "—", f->text);
      else
        sl_sheet_number (sheet, row, 2, r->rate, by_completion ? mark (job, r->rate) : number);
      sl_sheet_optional (sheet, row, 3, r->previous, number);
      sl_sheet_optional (sheet, row, 4, isnan (r->rate) || isnan (r->previous) ? NAN : r->rate - r->previous,
                         number);
    }
  return row;
}

/* The pipeline's activity per jurisdiction, this month and this year. */
static guint
write_activity (SlBulletinJob *job,
                SlSheet       *sheet,
                guint          row)
{
  SlXlsxFormats *f = &job->formats;
  JsonObject *activity = json_object_get_object_member (job->figures, "activity");
  JsonArray *units = activity ? json_object_get_array_member (activity, "units") : NULL;
  const char * const *kinds = sl_summary_activity_kinds;
  /* TRANSLATORS: counts of the month's and the year's applications and re-reviews, as column headings */
  const char *names[] = { NC_("activity", "Applications filed"), NC_("activity", "Publicised"), NC_("activity", "Approved"),
                          NC_("activity", "Not approved"), NC_("activity", "Re-reviews passed"), NC_("activity", "Re-reviews failed") };
  guint n = SL_SUMMARY_N_ACTIVITY_KINDS;

  /* A bulletin issued before the ledger kept activity has none. */
  if (units == NULL)
    return row;
  sl_sheet_merge (sheet, row++, 0, 2 * n, _("Applications and re-reviews"), f->total_text);
  worksheet_set_row (sheet->ws, row, 20, NULL);
  sl_sheet_header (sheet, row, 0, _("Jurisdiction"), f->header);
  sl_sheet_merge (sheet, row, 1, n, _("This month"), f->header);
  sl_sheet_merge (sheet, row, n + 1, 2 * n, _("This year"), f->header);
  row++;
  worksheet_set_row (sheet->ws, row, 45, NULL);
  sl_sheet_header (sheet, row, 0, "", f->header);
  for (guint half = 0; half < 2; half++)
    for (guint k = 0; k < n; k++)
      worksheet_write_string (sheet->ws, row, (lxw_col_t) (1 + half * n + k), g_dpgettext2 (GETTEXT_PACKAGE, "activity", names[k]), f->header);
  row++;
  for (guint i = 0; i <= json_array_get_length (units); i++)
    {
      gboolean total = i == json_array_get_length (units);
      JsonObject *u = total ? json_object_get_object_member (activity, "totals") : json_array_get_object_element (units, i);

      /* One jurisdiction: its row is the total. */
      if (total && json_array_get_length (units) < 2)
        break;
      sl_sheet_text (sheet, row, 0, total ? _("Total") : json_object_get_string_member_with_default (u, "name", ""),
                     total ? f->total_text : f->text);
      for (guint half = 0; half < 2; half++)
        {
          JsonObject *counts = json_object_get_object_member (u, half ? "year" : "month");

          for (guint k = 0; k < n; k++)
            sl_sheet_number (sheet, row, 1 + half * n + k, _sl_bulletin_member_double (counts, kinds[k]),
                             total ? f->total_integer : f->integer);
        }
      row++;
    }
  return row + 1;
}

/* Completion against 序时进度 per tier, and a native column chart of it:
 * rates share one scale where counts (1,332 beside 9) do not. */
static guint
write_chart (SlBulletinJob *job,
             SlSheet       *sheet,
             guint          row,
             JsonArray     *tiers,
             JsonObject    *totals)
{
  SlXlsxFormats *f = &job->formats;
  guint first, n_targets = 0;
  lxw_chart *chart;
  lxw_chart_series *series;

  /* No target, no comparison: no empty heading either. */
  for (guint t = 0; t < json_array_get_length (tiers); t++)
    n_targets += !isnan (_sl_bulletin_member_double (json_object_get_object_member (totals, json_array_get_string_element (tiers, t)),
                                        "completion_rate"));
  if (n_targets == 0)
    return row;
  sl_sheet_merge (sheet, row++, 0, 2, _("Completion against schedule"), f->total_text);
  worksheet_set_row (sheet->ws, row, 45, NULL);
  sl_sheet_header (sheet, row, 0, _("Tier"), f->header);
  worksheet_write_string (sheet->ws, row, 1, _("Completion rate"), f->header);
  worksheet_write_string (sheet->ws, row, 2, _("Schedule"), f->header);
  first = ++row;
  for (guint t = 0; t < json_array_get_length (tiers); t++)
    {
      const char *key = json_array_get_string_element (tiers, t);
      JsonObject *cell = json_object_get_object_member (totals, key);
      double rate = _sl_bulletin_member_double (cell, "completion_rate");

      if (isnan (rate))
        continue;
      sl_sheet_text (sheet, row, 0, sl_tier_name (key, key), f->text);
      sl_sheet_number (sheet, row, 1, rate, f->percent);
      sl_sheet_optional (sheet, row, 2, _sl_bulletin_member_double (cell, "schedule"), f->percent);
      row++;
    }

  chart = workbook_add_chart (job->workbook, LXW_CHART_COLUMN);
  series = chart_add_series (chart, NULL, NULL);
  chart_series_set_categories (series, sheet->name, first, 0, row - 1, 0);
  chart_series_set_values (series, sheet->name, first, 1, row - 1, 1);
  chart_series_set_name (series, _("Completion rate"));
  series = chart_add_series (chart, NULL, NULL);
  chart_series_set_categories (series, sheet->name, first, 0, row - 1, 0);
  chart_series_set_values (series, sheet->name, first, 2, row - 1, 2);
  chart_series_set_name (series, _("Schedule"));
  chart_axis_set_num_format (chart->y_axis, "0%");
  chart_axis_set_min (chart->y_axis, 0);
  chart_title_set_name (chart, _("Completion against schedule"));
  chart_legend_set_position (chart, LXW_CHART_LEGEND_BOTTOM);
  {
    /* Beside its table, within the sheet's printed width. */
    lxw_chart_options where = { .x_offset = 10, .x_scale = 1.2, .y_scale = 0.9 };
    worksheet_insert_chart_opt (sheet->ws, first - 2, 4, chart, &where);
  }
  /* The chart is drawn over about 15 rows. */
  return MAX (row, first + 14);
}

/* One jurisdiction's (or the totals') row: its name, then a tier's cells. */
static void
write_unit (SlBulletinJob *job,
            SlSheet       *sheet,
            const Matrix  *m,
            guint          row,
            const char    *name,
            JsonArray     *tiers,
            JsonObject    *by_tier,
            gboolean       total)
{
  SlXlsxFormats *f = &job->formats;

  sl_sheet_text (sheet, row, 0, name, total ? f->total_text : f->text);
  for (guint t = 0; t < m->n_tiers; t++)
    write_tier_cells (job, sheet, row, m->first[t], m->n_cols[t],
                      json_object_get_object_member (by_tier, json_array_get_string_element (tiers, t)), total);
}

/* The matrix's two header rows: a tier's name (with its 序时进度) over its
 * columns, then what each column holds, wrapped in a narrow column. */
static void
write_matrix_header (SlBulletinJob *job,
                     SlSheet       *sheet,
                     const Matrix  *m,
                     guint          row,
                     JsonArray     *tiers,
                     JsonObject    *totals)
{
  SlXlsxFormats *f = &job->formats;
  const char *columns[TIER_COLUMNS] = { N_("Held at month end"), N_("New in the month"), N_("New this year"),
                                        N_("Target"), N_("Completion rate") };

  worksheet_set_row (sheet->ws, row, 30, NULL);
  sl_sheet_header (sheet, row, 0, _("Jurisdiction"), f->header);
  for (guint t = 0; t < m->n_tiers; t++)
    {
      const char *key = json_array_get_string_element (tiers, t);
      double schedule = _sl_bulletin_member_double (json_object_get_object_member (totals, key), "schedule");
      /* TRANSLATORS: a tier's heading in the bulletin's table, with the share of the target's time gone (序时进度) */
      g_autofree char *name = isnan (schedule) || m->n_cols[t] < TIER_COLUMNS
                              ? g_strdup (sl_tier_name (key, key))
                              : g_strdup_printf (_("%s (schedule %.1f%%)"), sl_tier_name (key, key), schedule * 100);

      sl_sheet_merge (sheet, row, m->first[t], m->first[t] + m->n_cols[t] - 1, name, f->header);
    }
  row++;
  worksheet_set_row (sheet->ws, row, 45, NULL);
  sl_sheet_header (sheet, row, 0, "", f->header);
  for (guint t = 0; t < m->n_tiers; t++)
    for (guint c = 0; c < m->n_cols[t]; c++)
      {
        worksheet_write_string (sheet->ws, row, (lxw_col_t) (m->first[t] + c), _(columns[c]), f->header);
        sl_sheet_widen (sheet, m->first[t] + c, NUMBER_SAMPLE);
      }
}

/**
 * _sl_bulletin_summary_sheet:
 *
 * 通报: the title, issue and unit; for each jurisdiction and tier, held at
 * month end, new in the month and in the year, target and completion,
 * marked by the plan's thresholds; the totals; the ranking; the chart.
 */
gboolean
_sl_bulletin_summary_sheet (SlBulletinJob  *job,
                            GError        **error)
{
  SlXlsxFormats *f = &job->formats;
  JsonArray *tiers = json_object_get_array_member (job->figures, "tiers");
  JsonArray *units = json_object_get_array_member (job->figures, "jurisdictions");
  JsonObject *totals = json_object_get_object_member (job->figures, "totals");
  const char *as_of = json_object_get_string_member_with_default (job->figures, "as_of", "");
  g_autofree char *as_of_shown = sl_date_display (as_of);
  Matrix m;
  guint last_col;
  g_autoptr(SlSheet) sheet = sl_sheet_new (job->workbook, _("Bulletin"), job->title);
  /* TRANSLATORS: a bulletin's year and number, e.g. 2025年第3期; corrected: 2025年第3期（更正） */
  g_autofree char *issue = job->revision > 0 ? g_strdup_printf (_("%d, issue %d (corrected)"), atoi (as_of), job->issue_no)
                                             : g_strdup_printf (_("%d, issue %d"), atoi (as_of), job->issue_no);
  g_autofree char *byline = NULL;
  g_autofree char *note = NULL;
  guint row = 0;
  double width = 0;

  g_autofree char *today = sl_today ();
  g_autofree char *issued = sl_date_display (today);

  matrix_layout (&m, tiers, totals, units);
  last_col = m.last_col;

  if (job->compiler && *job->compiler)
    byline = g_strdup_printf (_("Unit: %s   Compiled by: %s   Issued on %s   As of %s"), job->unit, job->compiler, issued, as_of_shown);
  else
    byline = g_strdup_printf (_("Unit: %s   Issued on %s   As of %s"), job->unit, issued, as_of_shown);

  worksheet_set_row (sheet->ws, 0, 30, NULL);
  sl_sheet_merge (sheet, row++, 0, last_col, job->title, f->title);
  sl_sheet_merge (sheet, row++, 0, last_col, issue, f->subtitle);
  sl_sheet_merge (sheet, row++, 0, last_col, byline, f->subtitle);
  row++;
  /* The written part, a paragraph a row across the table's width. The
   * columns are those of the matrix below: the jurisdiction's, then five
   * a tier of about 8 characters' width; a Han character takes two. */
  for (guint i = 0; units && i < json_array_get_length (units); i++)
    width = MAX (width, sl_xlsx_text_width (json_object_get_string_member_with_default (
                          json_array_get_object_element (units, i), "name", "")));
  width = MAX (width, 12) + 2 + (sl_xlsx_text_width (NUMBER_SAMPLE) + 2) * last_col;
  if (job->text != NULL && *job->text)
    {
      g_auto(GStrv) paragraphs = g_strsplit (job->text, "\n", -1);
      glong per_line = MAX (20, (glong) (width / 2.1));

      for (guint i = 0; paragraphs[i]; i++)
        {
          glong chars = g_utf8_strlen (g_strstrip (paragraphs[i]), -1);

          if (chars == 0)
            continue;
          worksheet_set_row (sheet->ws, row, 16.5 * (1 + chars / per_line), NULL);
          worksheet_merge_range (sheet->ws, row, 0, row, last_col, paragraphs[i], f->wrapped);
          row++;
        }
      row++;
    }

  /* One row per jurisdiction: it is never split across a page, and up to
   * fifteen of them print on the first. */
  write_matrix_header (job, sheet, &m, row, tiers, totals);
  row += 2;
  for (guint i = 0; i < json_array_get_length (units); i++, row++)
    {
      JsonObject *u = json_array_get_object_element (units, i);
      write_unit (job, sheet, &m, row, json_object_get_string_member_with_default (u, "name", ""),
                  tiers, json_object_get_object_member (u, "tiers"), FALSE);
    }
  /* One jurisdiction (a county's bulletin): its row is the total; a 合计
   * that repeats it says nothing. */
  if (json_array_get_length (units) > 1)
    write_unit (job, sheet, &m, row++, _("Total"), tiers, totals, TRUE);
  row++;

  note = g_strdup_printf (_("Completion rate: held at month end over the target. Schedule (序时进度): the share of the target’s time gone, from the plan’s first day for its goals, from the year’s first day for a year’s target. Marks judge completion against the schedule: green from %.0f %% of it, yellow from %.0f %%, red below. A jurisdiction’s rate in the ranking is the mean of its tiers’ rates where a target is set."),
                          job->green_at * 100, job->yellow_at * 100);
  worksheet_set_row (sheet->ws, row, 42, NULL);
  worksheet_merge_range (sheet->ws, row, 0, row, last_col, note, f->note);
  row += 2;
  /* A ranking of one says nothing either. */
  if (json_array_get_length (units) > 1)
    row = write_ranking (job, sheet, row, units, tiers) + 1;
  row = write_activity (job, sheet, row);
  write_chart (job, sheet, row, tiers, totals);

  /* No header repeated on the later pages: the ranking and the chart there
   * have columns of their own. */
  sl_sheet_finish (sheet, G_MAXUINT, 0);
  return _sl_bulletin_sheet_done (job, sheet, error);
}

/* A count of firms or honours, or a typed figure that is a whole number:
 * 769 家, not 769.00 家. */
static gboolean
is_count (JsonObject *ind)
{
  const char *kind = json_object_get_string_member_with_default (ind, "kind", "");
  double value = _sl_bulletin_member_double (ind, "value");
  double target = _sl_bulletin_member_double (ind, "target");

  if (g_str_equal (kind, "tier_count") || g_str_equal (kind, "honour_count"))
    return TRUE;
  return g_str_equal (kind, "manual") && (isnan (value) || value == floor (value))
         && (isnan (target) || target == floor (target));
}

/* An indicator's 口径: its population, how many of its firms have the
 * figures it is taken over, and a share's whole. */
static char *
basis_text (JsonObject *pop)
{
  const char *name = json_object_get_string_member_with_default (pop, "name", "");
  gint64 size = json_object_get_int_member_with_default (pop, "size", 0);
  gint64 with_data = json_object_get_int_member_with_default (pop, "with_data", -1);
  JsonObject *whole = json_object_get_member (pop, "whole") && JSON_NODE_HOLDS_OBJECT (json_object_get_member (pop, "whole"))
                      ? json_object_get_object_member (pop, "whole") : NULL;
  g_autofree char *size_text = g_strdup_printf ("%" G_GINT64_FORMAT, size);
  g_autofree char *data_text = g_strdup_printf ("%" G_GINT64_FORMAT, with_data);
  g_autofree char *text = NULL;

  if (whole != NULL && json_object_has_member (whole, "typed"))
    {
      g_autofree char *total = sl_format_wan ((gint64) llround (json_object_get_double_member (whole, "typed") * 10000));

      /* TRANSLATORS: a share's basis with the statistics bureau's whole, e.g. 有效期内省级以上专精特新企业中属规上中小企业且有数据的 40 家，占统计部门2024年规上中小企业总额（1,234,567.0万元） */
      return g_strdup_printf (_("%s: the %s firms among them that are %s and have figures, of the statistics bureau’s %d total of all %s (%s 10k yuan)"),
                              name, data_text, json_object_get_string_member_with_default (whole, "name", ""),
                              (int) json_object_get_int_member (whole, "year"),
                              json_object_get_string_member_with_default (whole, "name", ""), total);
    }
  if (whole != NULL)
    {
      g_autofree char *whole_text = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                     json_object_get_int_member_with_default (whole, "with_data", 0));

      /* TRANSLATORS: a share's basis, e.g. 有效期内省级以上专精特新企业中属规上中小企业且有数据的 40 家，占规上中小企业（有数据的 312 家） */
      return g_strdup_printf (_("%s: the %s firms among them that are %s and have figures, of all %s (%s with figures)"),
                              name, data_text, json_object_get_string_member_with_default (whole, "name", ""),
                              json_object_get_string_member_with_default (whole, "name", ""), whole_text);
    }
  if (with_data >= 0 && with_data < size)
    /* TRANSLATORS: an indicator's population, its firms, and those with figures, e.g. 有效期内省级以上专精特新企业 98 家中 91 家有数据 */
    return g_strdup_printf (_("%s: %s firms, %s of them with figures"), name, size_text, data_text);
  /* TRANSLATORS: an indicator's population and how many firms it has, e.g. 有效期内省级以上专精特新企业 58 家 */
  text = g_strdup_printf (_("%s: %s firms"), name, size_text);
  return g_steal_pointer (&text);
}

/**
 * _sl_bulletin_indicators_sheet:
 *
 * 指标: each of the plan's indicators with its target, value, status and
 * the population it is measured over (口径).
 */
gboolean
_sl_bulletin_indicators_sheet (SlBulletinJob  *job,
                               GError        **error)
{
  SlXlsxFormats *f = &job->formats;
  JsonArray *indicators = json_object_get_array_member (job->figures, "indicators");
  const char *as_of = json_object_get_string_member_with_default (job->figures, "as_of", "");
  g_autofree char *as_of_shown = sl_date_display (as_of);
  const char *headers[] = { N_("No."), N_("Indicator"), N_("Unit"), N_("Rule"), N_("Target"),
                            N_("Actual"), N_("Status"), N_("Population") };
  g_autofree char *title = g_strdup_printf ("%s — %s", job->title, _("Indicators"));
  int figures_year = (int) json_object_get_int_member_with_default (job->figures, "figures_year", atoi (as_of) - 1);
  /* TRANSLATORS: the 指标 sheet's byline: the day, and the year of the annual figures, e.g. 截至2025-12-31 · 2024年度数据 */
  g_autofree char *byline = g_strdup_printf (_("As of %s · %d annual figures"), as_of_shown, figures_year);
  g_autoptr(SlSheet) sheet = sl_sheet_new (job->workbook, _("Indicators"), title);
  guint row = 0;

  worksheet_set_row (sheet->ws, row, 30, NULL);
  sl_sheet_merge (sheet, row++, 0, G_N_ELEMENTS (headers) - 1, title, f->title);
  sl_sheet_merge (sheet, row++, 0, G_N_ELEMENTS (headers) - 1, byline, f->subtitle);
  row++;
  worksheet_set_row (sheet->ws, row, 30, NULL);
  for (guint c = 0; c < G_N_ELEMENTS (headers); c++)
    sl_sheet_header (sheet, row, c, _(headers[c]), f->header);
  row++;

  for (guint i = 0; indicators && i < json_array_get_length (indicators); i++, row++)
    {
      JsonObject *ind = json_array_get_object_element (indicators, i);
      JsonNode *met = json_object_get_member (ind, "met");
      JsonObject *pop = json_object_get_member (ind, "population") && JSON_NODE_HOLDS_OBJECT (json_object_get_member (ind, "population"))
                        ? json_object_get_object_member (ind, "population") : NULL;
      double value = _sl_bulletin_member_double (ind, "value");
      gboolean ledger_wide = json_object_get_boolean_member_with_default (ind, "ledger_wide", FALSE);
      g_autofree char *population = NULL;

      if (pop != NULL)
        population = basis_text (pop);
      else if (json_object_has_member (ind, "typed_year"))
        /* TRANSLATORS: the 口径 of a figure typed in Ledger Settings, e.g. 2025年填报数 */
        population = g_strdup_printf (_("As typed for %d"), (int) json_object_get_int_member (ind, "typed_year"));
      {
        const char *paragraphs[] = { population };
        sl_sheet_fit_row (sheet, row, paragraphs, 1);
      }
      sl_sheet_number (sheet, row, 0, i + 1, f->integer);
      sl_sheet_text (sheet, row, 1, json_object_get_string_member_with_default (ind, "name", ""), f->text);
      sl_sheet_text (sheet, row, 2, json_object_get_string_member_with_default (ind, "unit", ""), f->text);
      sl_sheet_text (sheet, row, 3, sl_comparison_sign (json_object_get_string_member_with_default (ind, "comparison", NULL)), f->text);
      {
        lxw_format *format = is_count (ind) ? f->integer : f->decimal;

        sl_sheet_optional (sheet, row, 4, _sl_bulletin_member_double (ind, "target"), format);
        if (ledger_wide)
          /* TRANSLATORS: an indicator a jurisdiction's bulletin has no figure of: it is typed for the whole ledger */
          sl_sheet_text (sheet, row, 5, _("— (whole-ledger figure)"), f->text);
        else
          sl_sheet_optional (sheet, row, 5, value, format);
      }
      if (ledger_wide)
        sl_sheet_text (sheet, row, 6, _("Whole ledger only"), f->text);
      else if (isnan (value) && pop != NULL && json_object_get_int_member_with_default (pop, "with_data", -1) == 0
               && json_object_get_int_member_with_default (pop, "size", 0) > 0)
        {
          g_autofree char *missing = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (pop, "size"));
          /* TRANSLATORS: no firm of the population has the year's figures, e.g. 2024年度数据未录入（98家） */
          g_autofree char *text = g_strdup_printf (_("%d figures not entered (%s firms)"), figures_year, missing);
          sl_sheet_text (sheet, row, 6, text, f->text);
        }
      else if (met == NULL || JSON_NODE_HOLDS_NULL (met))
        sl_sheet_text (sheet, row, 6, isnan (value) ? _("No data") : _("No target"), f->text);
      else
        sl_sheet_text (sheet, row, 6, json_node_get_boolean (met) ? _("Met") : _("Not met"),
                       json_node_get_boolean (met) ? f->mark_green : f->mark_red);
      sl_sheet_paragraph (sheet, row, 7, population, f->wrapped);
    }
  sl_sheet_finish (sheet, 3, 3);
  return _sl_bulletin_sheet_done (job, sheet, error);
}
