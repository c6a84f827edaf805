/* sl-import.c
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
#include "sl-table-read.h"
#include "sl-util.h"

/**
 * sl_import_field_header:
 *
 * Returns: the header our exports and template write for @field
 */
const char *
sl_import_field_header (SlImportField field)
{
  static char *headers[SL_IMPORT_N_FIELDS];

  if (field <= SL_IMPORT_IGNORE || field >= SL_IMPORT_N_FIELDS)
    return "";
  if (headers[field] == NULL)
    headers[field] = g_strndup (_sl_import_field_aliases (field), strcspn (_sl_import_field_aliases (field), "|"));
  return headers[field];
}

/**
 * sl_import_field_name:
 *
 * Returns: what @field is, in the UI language; "Ignore" for
 *   %SL_IMPORT_IGNORE
 */
const char *
sl_import_field_name (SlImportField field)
{
  static const char *names[SL_IMPORT_N_FIELDS] = {
    [SL_IMPORT_IGNORE] = N_("Ignore this column"),
    [SL_IMPORT_NAME] = N_("Enterprise name"),
    [SL_IMPORT_CREDIT_CODE] = N_("Unified social credit code"),
    [SL_IMPORT_JURISDICTION] = N_("Jurisdiction"),
    [SL_IMPORT_CHAIN] = N_("Key industrial chain"),
    [SL_IMPORT_TIER] = N_("Tier"),
    [SL_IMPORT_CERTIFIED_ON] = N_("Certified on"),
    [SL_IMPORT_CONTACT] = N_("Contact"),
    [SL_IMPORT_PHONE] = N_("Phone"),
    [SL_IMPORT_SPECIALIST] = N_("Service specialist"),
    [SL_IMPORT_MAIN_PRODUCT] = N_("Main product"),
    [SL_IMPORT_YEAR] = N_("Year of the figures"),
    [SL_IMPORT_REVENUE] = N_("Operating revenue (10k yuan)"),
    [SL_IMPORT_MAIN_REVENUE] = N_("Main-business revenue (10k yuan)"),
    [SL_IMPORT_RD_EXPENSE] = N_("R&D expense (10k yuan)"),
    [SL_IMPORT_PATENTS] = N_("Valid granted patents"),
    [SL_IMPORT_CNC_RATE] = N_("Key-process CNC rate (%)"),
    [SL_IMPORT_DIGITAL_MGMT] = N_("Digital management in use"),
    [SL_IMPORT_DIGITAL_RD_TOOLS] = N_("Digital R&D design tools in use"),
    [SL_IMPORT_HIGH_TECH] = N_("High-tech enterprise"),
    [SL_IMPORT_TECH_SME] = N_("Tech-based SME"),
    [SL_IMPORT_VALID_UNTIL] = N_("Valid until"),
  };

  return field < SL_IMPORT_N_FIELDS ? _(names[field]) : "";
}

void
_sl_import_row_free (SlImportRow *row)
{
  if (row == NULL)
    return;
  g_free (row->credit_code);
  g_free (row->name);
  g_free (row->contact);
  g_free (row->phone);
  g_free (row->specialist);
  g_free (row->main_product);
  g_free (row->tier_key);
  g_free (row->certified_on);
  g_free (row->valid_until);
  g_free (row);
}

static void
problem_free (SlImportProblem *p)
{
  g_free (p->column);
  g_free (p->reason);
  g_free (p);
}

static void
action_free (SlImportAction *a)
{
  g_free (a->credit_code);
  g_free (a->name);
  g_free (a->changes);
  g_free (a->tier_key);
  g_free (a);
}

void
sl_import_plan_free (SlImportPlan *plan)
{
  if (plan == NULL)
    return;
  g_clear_object (&plan->store);
  g_clear_pointer (&plan->rows, g_ptr_array_unref);
  g_clear_pointer (&plan->has_data, g_array_unref);
  g_clear_pointer (&plan->headers, g_ptr_array_unref);
  g_clear_pointer (&plan->mapping, g_array_unref);
  g_clear_pointer (&plan->parsed, g_ptr_array_unref);
  g_clear_pointer (&plan->actions, g_ptr_array_unref);
  g_clear_pointer (&plan->problems, g_ptr_array_unref);
  g_clear_pointer (&plan->years, g_array_unref);
  g_clear_pointer (&plan->skipped, g_ptr_array_unref);
  g_clear_pointer (&plan->hidden, g_array_unref);
  g_free (plan->source);
  g_free (plan);
}

/* The setting a mapping is kept under: one per set of headers. */
static char *
mapping_key (SlImportPlan *plan)
{
  g_autoptr(GString) all = g_string_new (NULL);
  g_autofree char *sum = NULL;

  for (guint c = 0; c < plan->headers->len; c++)
    g_string_append_printf (all, "%s\x1f", (char *) plan->headers->pdata[c]);
  sum = g_compute_checksum_for_string (G_CHECKSUM_SHA1, all->str, -1);
  return g_strconcat ("import_mapping:", sum, NULL);
}

static void
apply_remembered (SlImportPlan *plan)
{
  g_autofree char *key = mapping_key (plan);
  g_autofree char *value = sl_store_get_setting (plan->store, key);
  g_auto(GStrv) fields = value ? g_strsplit (value, ",", -1) : NULL;

  for (guint c = 0; fields && fields[c] && c < plan->mapping->len; c++)
    {
      int f = atoi (fields[c]);
      if (f >= SL_IMPORT_IGNORE && f < SL_IMPORT_N_FIELDS)
        g_array_index (plan->mapping, SlImportField, c) = (SlImportField) f;
    }
}

/**
 * sl_import_plan_remember_mapping:
 *
 * Keeps the mapping chosen for these headers: the next file with the
 * same headers is mapped the same way.
 */
gboolean
sl_import_plan_remember_mapping (SlImportPlan  *plan,
                                 GError       **error)
{
  g_autofree char *key = mapping_key (plan);
  g_autoptr(GString) value = g_string_new (NULL);

  for (guint c = 0; c < plan->mapping->len; c++)
    g_string_append_printf (value, "%s%d", c ? "," : "", (int) g_array_index (plan->mapping, SlImportField, c));
  return sl_store_set_setting (plan->store, key, value->str, error);
}

gboolean
_sl_import_column_hidden (SlImportPlan *plan,
                          guint         c)
{
  for (guint i = 0; plan->hidden && i < plan->hidden->len; i++)
    if (g_array_index (plan->hidden, guint, i) == c)
      return TRUE;
  return FALSE;
}

/* Headings, mapping and years from the header at @header_row. */
static void
map_header (SlImportPlan *plan,
            guint         header_row,
            gboolean      two_rows)
{
  g_clear_pointer (&plan->headers, g_ptr_array_unref);
  g_clear_pointer (&plan->mapping, g_array_unref);
  g_clear_pointer (&plan->years, g_array_unref);
  plan->header_row = header_row;
  plan->two_rows = two_rows;
  plan->headers = _sl_import_headings (plan->rows, header_row, two_rows);
  plan->mapping = g_array_new (FALSE, TRUE, sizeof (SlImportField));
  plan->years = g_array_new (FALSE, TRUE, sizeof (int));
  for (guint c = 0; c < plan->headers->len; c++)
    {
      const char *heading = plan->headers->pdata[c];
      SlImportField f = _sl_import_field_of_heading (heading);
      int year = _sl_import_heading_year (heading);
      /* A field named twice: the first column has it, but a visible
       * column always beats a hidden one (a stale hidden 所属地区). */
      for (guint d = 0; d < c && f != SL_IMPORT_IGNORE; d++)
        if (g_array_index (plan->mapping, SlImportField, d) == f)
          {
            if (_sl_import_column_hidden (plan, d) && !_sl_import_column_hidden (plan, c))
              g_array_index (plan->mapping, SlImportField, d) = SL_IMPORT_IGNORE;
            else
              f = SL_IMPORT_IGNORE;
          }
      g_array_append_val (plan->mapping, f);
      g_array_append_val (plan->years, year);
    }
  apply_remembered (plan);
}

/* A plan of @rows with its header found (@header_row 0) or given, mapped
 * but not checked; @hidden (transfer full, nullable): the columns the
 * workbook hides, which the mapping passes over where it can. */
static SlImportPlan *
plan_from_rows (SlStore    *store,
                GPtrArray  *rows,
                guint       header_row,
                gboolean    two_rows,
                GArray     *hidden,
                GError    **error)
{
  g_autoptr(GArray) hidden_columns = hidden;
  SlImportPlan *plan;
  gboolean any = FALSE;

  for (guint i = 0; i < rows->len && !any; i++)
    any = ((GPtrArray *) rows->pdata[i])->len > 0;
  if (!any)
    {
      g_set_error_literal (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_REQUIRED,
                           _("The file is empty: a row must name the columns"));
      return NULL;
    }
  if (header_row > rows->len)
    {
      g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_RANGE,
                   _("Header row: the file has rows 1 to %u"), rows->len);
      return NULL;
    }
  plan = g_new0 (SlImportPlan, 1);
  plan->store = g_object_ref (store);
  plan->rows = g_ptr_array_ref (rows);
  plan->hidden = g_steal_pointer (&hidden_columns);
  if (header_row == 0)
    header_row = _sl_import_find_header (rows, &two_rows) + 1;
  map_header (plan, header_row - 1, two_rows && header_row < rows->len);
  return plan;
}

/**
 * sl_import_plan_new:
 * @rows: (transfer none) (element-type GPtrArray): the file's rows
 *
 * Finds the header (the row among the first twenty that names the most
 * known columns, the credit code among them; or two rows of it), maps the
 * columns by their headings and checks every row below it.
 *
 * Returns: (transfer full): the plan, or %NULL when the file has no rows
 *   or no column naming the credit code
 */
SlImportPlan *
sl_import_plan_new (SlStore    *store,
                    GPtrArray  *rows,
                    GError    **error)
{
  return sl_import_plan_new_at (store, rows, 0, FALSE, error);
}

/**
 * sl_import_plan_new_at:
 * @header_row: the header's row as the file numbers it, from 1; 0 to find it
 * @two_rows: whether that header spans the row below too
 *
 * sl_import_plan_new() with the header the clerk chose.
 */
SlImportPlan *
sl_import_plan_new_at (SlStore    *store,
                       GPtrArray  *rows,
                       guint       header_row,
                       gboolean    two_rows,
                       GError    **error)
{
  g_autoptr(SlImportPlan) plan = plan_from_rows (store, rows, header_row, two_rows, NULL, error);

  if (plan == NULL || !sl_import_plan_check (plan, error))
    return NULL;
  return g_steal_pointer (&plan);
}

static SlImportPlan *
plan_from_file (SlStore     *store,
                const char  *path,
                const char  *sheet,
                guint        header_row,
                gboolean     two_rows,
                gboolean     trial_at_apply,
                GError     **error)
{
  g_auto(SlTableInfo) info = { 0 };
  g_autoptr(GPtrArray) rows = sl_table_read_full (path, sheet, &info, error);
  SlImportPlan *plan = rows ? plan_from_rows (store, rows, header_row, two_rows,
                                              g_steal_pointer (&info.hidden_columns), error) : NULL;

  if (plan == NULL)
    return NULL;
  plan->n_hidden_rows = info.n_hidden_rows;
  plan->source = g_strdup (path);
  plan->trial_at_apply = trial_at_apply;
  sl_import_plan_check (plan, NULL);
  return plan;
}

/**
 * sl_import_plan_read_any:
 *
 * Reads the file and maps it like sl_import_plan_read(), but keeps the
 * plan when no column names the credit code, so that the clerk can choose
 * the header row or assign the columns: then sl_import_plan_is_ready() is
 * %FALSE and sl_import_plan_check() says why.
 *
 * Returns: (transfer full): the plan, or %NULL when the file cannot be read
 */
SlImportPlan *
sl_import_plan_read_any (SlStore     *store,
                         const char  *path,
                         const char  *sheet,
                         GError     **error)
{
  return plan_from_file (store, path, sheet, 0, FALSE, FALSE, error);
}

/**
 * sl_import_plan_read_at:
 * @header_row: the header's row as the file numbers it, from 1; 0 to find it
 * @two_rows: whether that header spans the row below too
 * @trial_at_apply: leave the dry run's trial write to sl_import_apply(),
 *   which then refuses what only the write refuses in the one write it
 *   does: for an import that is applied at once, with no dry run shown
 *
 * Returns: (transfer full): the checked plan, or %NULL with @error
 */
SlImportPlan *
sl_import_plan_read_at (SlStore     *store,
                        const char  *path,
                        const char  *sheet,
                        guint        header_row,
                        gboolean     two_rows,
                        gboolean     trial_at_apply,
                        GError     **error)
{
  g_autoptr(SlImportPlan) plan = plan_from_file (store, path, sheet, header_row, two_rows, trial_at_apply, error);

  if (plan == NULL || (!plan->ready && !sl_import_plan_check (plan, error)))
    return NULL;
  return g_steal_pointer (&plan);
}

/**
 * sl_import_plan_is_ready:
 *
 * Returns: whether the last check passed, so that the plan can be applied
 */
gboolean
sl_import_plan_is_ready (SlImportPlan *plan)
{
  return plan->ready;
}

/**
 * sl_import_plan_preview:
 * @n: how many rows
 *
 * Returns: (transfer full): the file's first @n rows as text, numbered as
 *   the file numbers them, for choosing the header row
 */
char *
sl_import_plan_preview (SlImportPlan *plan,
                        guint         n)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; i < plan->rows->len && i < n; i++)
    {
      GPtrArray *cells = plan->rows->pdata[i];

      g_string_append_printf (s, "%3u │", i + 1);
      for (guint c = 0; c < cells->len; c++)
        {
          g_autofree char *shown = sl_text_escaped (cells->pdata[c]);
          g_string_append_printf (s, " %s │", shown);
        }
      g_string_append_c (s, '\n');
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/**
 * sl_import_plan_set_header_row:
 * @row: the header's row as the file numbers it, from 1
 * @two_rows: whether the header spans it and the row below
 *
 * The clerk's choice of header, where the one found is not it: the
 * columns are mapped again by its headings and every row below checked.
 *
 * Returns: %FALSE with @error when the row is outside the file or no
 *   column names the credit code
 */
gboolean
sl_import_plan_set_header_row (SlImportPlan  *plan,
                               guint          row,
                               gboolean       two_rows,
                               GError       **error)
{
  if (row < 1 || row > plan->rows->len)
    {
      g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_RANGE,
                   _("Header row: the file has rows 1 to %u"), plan->rows->len);
      return FALSE;
    }
  map_header (plan, row - 1, two_rows && row < plan->rows->len);
  return sl_import_plan_check (plan, error);
}

/**
 * sl_import_plan_set_source:
 *
 * The file the rows came from, named in the audit and by Undo Import.
 */
void
sl_import_plan_set_source (SlImportPlan *plan,
                           const char   *path)
{
  g_free (plan->source);
  plan->source = g_strdup (path);
}

/**
 * sl_import_plan_get_header_row:
 *
 * Returns: the header's row as the file numbers it, from 1
 */
guint
sl_import_plan_get_header_row (SlImportPlan *plan)
{
  return plan->header_row + 1;
}

gboolean
sl_import_plan_get_two_rows (SlImportPlan *plan)
{
  return plan->two_rows;
}

/**
 * sl_import_plan_n_file_rows:
 *
 * Returns: how many rows the file has, the header's among them
 */
guint
sl_import_plan_n_file_rows (SlImportPlan *plan)
{
  return plan->has_data ? plan->n_file_rows : plan->rows->len;
}

/* Whether a column holds anything below the header, for the report. */
gboolean
_sl_import_column_has_data (SlImportPlan *plan,
                            guint         c)
{
  if (plan->has_data)
    return c < plan->has_data->len && g_array_index (plan->has_data, gboolean, c);
  for (guint i = plan->header_row + 1; i < plan->rows->len; i++)
    {
      GPtrArray *cells = plan->rows->pdata[i];

      if (c < cells->len && *(const char *) cells->pdata[c] != '\0')
        return TRUE;
    }
  return FALSE;
}

/* An import applied at once needs the file's cells no more once they are
 * checked: let go of them before the write, which at 100,000 rows needs
 * the room (they were a third of the peak). What the report asks of them
 * is kept. */
void
_sl_import_plan_let_go_of_file (SlImportPlan *plan)
{
  g_autoptr(GArray) has_data = g_array_new (FALSE, TRUE, sizeof (gboolean));

  if (plan->has_data)
    return;
  for (guint c = 0; c < plan->headers->len; c++)
    {
      gboolean has = _sl_import_column_has_data (plan, c);
      g_array_append_val (has_data, has);
    }
  plan->n_file_rows = plan->rows->len;
  plan->has_data = g_steal_pointer (&has_data);
  g_ptr_array_set_size (plan->rows, 0);
}

/**
 * sl_import_plan_get_skipped:
 *
 * Returns: (transfer none) (element-type utf8): the rows below the header
 *   that are no firm (a units row, an example, a total), each "Row N: why"
 */
GPtrArray *
sl_import_plan_get_skipped (SlImportPlan *plan)
{
  return plan->skipped;
}

/**
 * sl_import_plan_read:
 * @sheet: (nullable): for a workbook, the sheet; %NULL for the first
 */
SlImportPlan *
sl_import_plan_read (SlStore     *store,
                     const char  *path,
                     const char  *sheet,
                     GError     **error)
{
  g_autoptr(SlImportPlan) plan = sl_import_plan_read_any (store, path, sheet, error);

  if (plan == NULL || (!plan->ready && !sl_import_plan_check (plan, error)))
    return NULL;
  return g_steal_pointer (&plan);
}

guint
sl_import_plan_n_columns (SlImportPlan *plan)
{
  return plan->headers->len;
}

const char *
sl_import_plan_header (SlImportPlan *plan,
                       guint         column)
{
  return column < plan->headers->len ? plan->headers->pdata[column] : NULL;
}

SlImportField
sl_import_plan_get_mapping (SlImportPlan *plan,
                            guint         column)
{
  return column < plan->mapping->len ? g_array_index (plan->mapping, SlImportField, column) : SL_IMPORT_IGNORE;
}

/**
 * sl_import_plan_set_mapping:
 *
 * Assigns a column to a field (or ignores it); call
 * sl_import_plan_check() after the changes.
 */
void
sl_import_plan_set_mapping (SlImportPlan  *plan,
                            guint          column,
                            SlImportField  field)
{
  if (column < plan->mapping->len)
    g_array_index (plan->mapping, SlImportField, column) = field;
}

GPtrArray *
sl_import_plan_get_actions (SlImportPlan *plan)
{
  return plan->actions;
}

GPtrArray *
sl_import_plan_get_problems (SlImportPlan *plan)
{
  return plan->problems;
}

guint
sl_import_plan_n_rows (SlImportPlan *plan)
{
  return plan->actions->len + plan->n_unchanged + sl_import_plan_n_refused (plan);
}

/**
 * sl_import_plan_n_refused:
 *
 * Returns: how many rows are refused (a row may have several problems)
 */
guint
sl_import_plan_n_refused (SlImportPlan *plan)
{
  guint n = 0, last = 0;

  /* Problems come row by row, in order. */
  for (guint i = 0; i < plan->problems->len; i++)
    {
      guint row = ((SlImportProblem *) plan->problems->pdata[i])->row;
      n += row != last;
      last = row;
    }
  return n;
}

guint
sl_import_plan_n_unchanged (SlImportPlan *plan)
{
  return plan->n_unchanged;
}

/* Every mapped cell below the header as the clerk meant it; done in
 * place, the same again for a cell already clean. */
static void
clean_cells (SlImportPlan *plan)
{
  for (guint i = plan->header_row + (plan->two_rows ? 2 : 1); i < plan->rows->len; i++)
    {
      GPtrArray *cells = plan->rows->pdata[i];

      for (guint c = 0; c < cells->len && c < plan->mapping->len; c++)
        {
          SlImportField f = g_array_index (plan->mapping, SlImportField, c);
          const char *text = cells->pdata[c];
          g_autofree char *clean = NULL;

          if (f == SL_IMPORT_IGNORE || *text == '\0')
            continue;
          clean = _sl_import_clean_cell (f, text);
          if (!g_str_equal (clean, text))
            sl_table_set_cell (cells, c, g_steal_pointer (&clean));
        }
    }
}

/**
 * sl_import_plan_check:
 *
 * Checks every row against the mapping: the dry run. Fills the actions
 * (additions and updates with their changes) and the problems (every
 * refused row with its column and reason).
 *
 * Returns: %FALSE with @error when no column holds the credit code
 */
gboolean
sl_import_plan_check (SlImportPlan  *plan,
                      GError       **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Ctx ctx = { plan };
  gboolean has_code = FALSE;

  g_clear_pointer (&plan->parsed, g_ptr_array_unref);
  g_clear_pointer (&plan->actions, g_ptr_array_unref);
  g_clear_pointer (&plan->problems, g_ptr_array_unref);
  plan->parsed = g_ptr_array_new_with_free_func ((GDestroyNotify) _sl_import_row_free);
  plan->actions = g_ptr_array_new_with_free_func ((GDestroyNotify) action_free);
  plan->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) problem_free);
  plan->n_unchanged = 0;
  g_clear_pointer (&plan->skipped, g_ptr_array_unref);
  plan->skipped = g_ptr_array_new_with_free_func (g_free);
  /* Nothing of an earlier check stands while this one has not passed. */
  plan->ready = FALSE;
  for (guint c = 0; c < plan->mapping->len; c++)
    has_code |= g_array_index (plan->mapping, SlImportField, c) == SL_IMPORT_CREDIT_CODE;
  if (!has_code)
    {
      g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_REQUIRED,
                   _("No column holds the unified social credit code (统一社会信用代码): firms are matched by it. "
                     "Choose the header row (--header-row on the command line), or assign the credit-code column by hand."));
      return FALSE;
    }
  clean_cells (plan);
  ctx.jurisdictions = _sl_import_names_of (plan->store, "SELECT id, name, code FROM jurisdiction");
  ctx.chains = _sl_import_names_of (plan->store, "SELECT id, name FROM industry_chain");
  ctx.tiers = _sl_import_tier_names (plan->store);
  _sl_store_read_begin (plan->store);

  for (guint i = plan->header_row + (plan->two_rows ? 2 : 1); i < plan->rows->len; i++)
    {
      SlImportRow *r;
      gboolean empty = TRUE;
      const char *kind;

      ctx.cells = plan->rows->pdata[i];
      ctx.row = i + 1;
      ctx.bad = FALSE;
      for (guint c = 0; c < ctx.cells->len && empty; c++)
        empty = _sl_import_is_blank (ctx.cells->pdata[c]);
      if (empty)
        continue;
      kind = _sl_import_row_kind (ctx.cells, _sl_import_cell (&ctx, SL_IMPORT_CREDIT_CODE, NULL));
      if (kind != NULL)
        {
          /* TRANSLATORS: "Row 3: a units row" */
          g_ptr_array_add (plan->skipped, g_strdup_printf (_("Row %u: %s"), ctx.row, kind));
          continue;
        }
      /* A firm twice in the file: the first row has it, valid or not. */
      {
        const char *code = _sl_import_cell (&ctx, SL_IMPORT_CREDIT_CODE, NULL);
        g_autofree char *key = code ? g_utf8_strup (code, -1) : NULL;

        /* Codes typed into a number column lost their last digits and
         * read alike; each row is told what is wrong with its own. */
        if (key != NULL && _sl_import_code_is_number (g_strstrip (key)) && !sl_credit_code_validate (key, NULL, NULL, NULL))
          g_clear_pointer (&key, g_free);
        if (key != NULL && g_hash_table_contains (seen, key))
          {
            _sl_import_refuse (&ctx, SL_IMPORT_CREDIT_CODE, _("the same credit code as row %u"),
                    GPOINTER_TO_UINT (g_hash_table_lookup (seen, key)));
            continue;
          }
        if (key != NULL)
          g_hash_table_insert (seen, g_steal_pointer (&key), GUINT_TO_POINTER (ctx.row));
      }
      r = _sl_import_parse_row (&ctx);
      if (r == NULL)
        continue;
      {
        g_autofree char *changes = _sl_import_changes_of (&ctx, r);

        if (r->existing_id > 0 && *changes == '\0')
          {
            plan->n_unchanged++;
            _sl_import_row_free (r);
            continue;
          }
        {
          SlImportAction *a = g_new0 (SlImportAction, 1);

          a->row = r->row;
          a->credit_code = g_strdup (r->credit_code);
          a->name = g_strdup (r->name);
          a->update = r->existing_id > 0;
          a->changes = a->update ? g_steal_pointer (&changes) : NULL;
          a->tier_key = a->update ? NULL : g_strdup (r->tier_key);
          g_ptr_array_add (plan->actions, a);
        }
      }
      g_ptr_array_add (plan->parsed, r);
    }
  g_hash_table_unref (ctx.jurisdictions);
  g_hash_table_unref (ctx.chains);
  g_hash_table_unref (ctx.tiers);
  _sl_store_read_end (plan->store);
  if (!plan->trial_at_apply)
    _sl_import_trial_write (plan);
  plan->ready = TRUE;
  return TRUE;
}
