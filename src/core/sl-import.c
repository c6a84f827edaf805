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

/* The columns a roster may have, by the headers Chinese workgroups use:
 * the first name is the one our exports write. */
static const char *const field_aliases[SL_IMPORT_N_FIELDS] = {
  [SL_IMPORT_NAME] = "企业名称|单位名称|企业全称",
  [SL_IMPORT_CREDIT_CODE] = "统一社会信用代码|信用代码|社会信用代码",
  [SL_IMPORT_JURISDICTION] = "所属地区|县区|属地|所在地区",
  [SL_IMPORT_CHAIN] = "重点产业链|产业链",
  [SL_IMPORT_TIER] = "当前梯度|梯度层级|梯度",
  [SL_IMPORT_CERTIFIED_ON] = "认定日期|认定时间|认定年份",
  [SL_IMPORT_CONTACT] = "联系人",
  [SL_IMPORT_PHONE] = "联系电话|电话",
  [SL_IMPORT_SPECIALIST] = "服务专员",
  [SL_IMPORT_MAIN_PRODUCT] = "主营产品",
  [SL_IMPORT_YEAR] = "指标年度|数据年度",
  [SL_IMPORT_REVENUE] = "营业收入(万元)|营业收入",
  [SL_IMPORT_MAIN_REVENUE] = "主营业务收入(万元)|主营业务收入",
  [SL_IMPORT_RD_EXPENSE] = "研发费用(万元)|研发费用|研发投入(万元)",
  [SL_IMPORT_PATENTS] = "有效授权专利(件)|有效授权专利|有效专利(件)",
  [SL_IMPORT_CNC_RATE] = "关键工序数控化率(%)|关键工序数控化率",
  [SL_IMPORT_DIGITAL_MGMT] = "经营管理数字化(是/否)|经营管理数字化",
  [SL_IMPORT_DIGITAL_RD_TOOLS] = "数字化研发设计工具(是/否)|数字化研发设计工具",
  [SL_IMPORT_HIGH_TECH] = "高新技术企业(是/否)|高新技术企业",
  [SL_IMPORT_TECH_SME] = "科技型中小企业(是/否)|科技型中小企业",
  [SL_IMPORT_VALID_UNTIL] = "有效期至|有效期截止|到期日期",
};

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
    headers[field] = g_strndup (field_aliases[field], strcspn (field_aliases[field], "|"));
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

/* Spaces gone, full-width brackets and colons as ASCII, Latin in lower case. */
static char *
normalize_header (const char *text)
{
  GString *s = g_string_new (NULL);

  for (const char *p = text ? text : ""; *p; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);

      if (g_unichar_isspace (ch) || ch == 0x3000 || ch == ':' || ch == 0xFF1A)
        continue;
      if (ch == 0xFF08)
        ch = '(';
      else if (ch == 0xFF09)
        ch = ')';
      else if (ch == 0xFF05)
        ch = '%';
      else if (ch == 0xFF0F)
        ch = '/';
      g_string_append_unichar (s, g_unichar_tolower (ch));
    }
  return g_string_free (s, FALSE);
}

static SlImportField
field_for_header (const char *header)
{
  g_autofree char *h = normalize_header (header);

  if (*h == '\0')
    return SL_IMPORT_IGNORE;
  for (int f = SL_IMPORT_NAME; f < SL_IMPORT_N_FIELDS; f++)
    {
      g_auto(GStrv) aliases = g_strsplit (field_aliases[f], "|", -1);

      for (guint i = 0; aliases[i]; i++)
        {
          g_autofree char *a = normalize_header (aliases[i]);
          if (g_str_equal (a, h))
            return (SlImportField) f;
        }
    }
  return SL_IMPORT_IGNORE;
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
  g_free (a);
}

void
sl_import_plan_free (SlImportPlan *plan)
{
  if (plan == NULL)
    return;
  g_clear_object (&plan->store);
  g_clear_pointer (&plan->rows, g_ptr_array_unref);
  g_clear_pointer (&plan->headers, g_ptr_array_unref);
  g_clear_pointer (&plan->mapping, g_array_unref);
  g_clear_pointer (&plan->parsed, g_ptr_array_unref);
  g_clear_pointer (&plan->actions, g_ptr_array_unref);
  g_clear_pointer (&plan->problems, g_ptr_array_unref);
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

/**
 * sl_import_plan_new:
 * @rows: (transfer none) (element-type GPtrArray): the file's rows, the
 *   first being the header
 *
 * Maps the columns by their headers and checks every row.
 *
 * Returns: (transfer full): the plan, or %NULL when the file has no header
 *   or no column naming the credit code
 */
SlImportPlan *
sl_import_plan_new (SlStore    *store,
                    GPtrArray  *rows,
                    GError    **error)
{
  g_autoptr(SlImportPlan) plan = g_new0 (SlImportPlan, 1);
  GPtrArray *header = rows->len ? rows->pdata[0] : NULL;

  if (header == NULL || header->len == 0)
    {
      g_set_error_literal (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_REQUIRED,
                           _("The file is empty: its first row must name the columns"));
      return NULL;
    }
  plan->store = g_object_ref (store);
  plan->rows = g_ptr_array_ref (rows);
  plan->headers = g_ptr_array_new_with_free_func (g_free);
  plan->mapping = g_array_new (FALSE, TRUE, sizeof (SlImportField));
  for (guint c = 0; c < header->len; c++)
    {
      SlImportField f = field_for_header (header->pdata[c]);

      /* A field named twice: the first column has it. */
      for (guint d = 0; d < c; d++)
        if (f != SL_IMPORT_IGNORE && g_array_index (plan->mapping, SlImportField, d) == f)
          f = SL_IMPORT_IGNORE;
      g_ptr_array_add (plan->headers, g_strdup (header->pdata[c]));
      g_array_append_val (plan->mapping, f);
    }
  apply_remembered (plan);
  if (!sl_import_plan_check (plan, error))
    return NULL;
  return g_steal_pointer (&plan);
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
  g_autoptr(GPtrArray) rows = sl_table_read (path, sheet, error);
  SlImportPlan *plan;

  if (rows == NULL)
    return NULL;
  plan = sl_import_plan_new (store, rows, error);
  if (plan != NULL)
    plan->source = g_strdup (path);
  return plan;
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
  return plan->rows->len - 1;
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

  for (guint c = 0; c < plan->mapping->len; c++)
    has_code |= g_array_index (plan->mapping, SlImportField, c) == SL_IMPORT_CREDIT_CODE;
  if (!has_code)
    {
      g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_REQUIRED,
                   _("No column holds the unified social credit code (统一社会信用代码): firms are matched by it"));
      return FALSE;
    }

  g_clear_pointer (&plan->parsed, g_ptr_array_unref);
  g_clear_pointer (&plan->actions, g_ptr_array_unref);
  g_clear_pointer (&plan->problems, g_ptr_array_unref);
  plan->parsed = g_ptr_array_new_with_free_func ((GDestroyNotify) _sl_import_row_free);
  plan->actions = g_ptr_array_new_with_free_func ((GDestroyNotify) action_free);
  plan->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) problem_free);
  plan->n_unchanged = 0;
  ctx.jurisdictions = _sl_import_names_of (plan->store, "SELECT id, name, code FROM jurisdiction");
  ctx.chains = _sl_import_names_of (plan->store, "SELECT id, name FROM industry_chain");
  ctx.tiers = _sl_import_tier_names (plan->store);

  for (guint i = 1; i < plan->rows->len; i++)
    {
      SlImportRow *r;
      gboolean empty = TRUE;

      ctx.cells = plan->rows->pdata[i];
      ctx.row = i + 1;
      ctx.bad = FALSE;
      for (guint c = 0; c < ctx.cells->len && empty; c++)
        empty = *(const char *) ctx.cells->pdata[c] == '\0';
      if (empty)
        continue;
      /* A firm twice in the file: the first row has it, valid or not. */
      {
        const char *code = _sl_import_cell (&ctx, SL_IMPORT_CREDIT_CODE, NULL);
        g_autofree char *key = code ? g_utf8_strup (code, -1) : NULL;

        if (key != NULL && g_hash_table_contains (seen, g_strstrip (key)))
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
          g_ptr_array_add (plan->actions, a);
        }
      }
      g_ptr_array_add (plan->parsed, r);
    }
  g_hash_table_unref (ctx.jurisdictions);
  g_hash_table_unref (ctx.chains);
  g_hash_table_unref (ctx.tiers);
  _sl_import_trial_write (plan);
  return TRUE;
}

/**
 * sl_import_plan_report:
 *
 * Returns: (transfer full): the dry run's report as text, in the UI language
 */
char *
sl_import_plan_report (SlImportPlan *plan)
{
  g_autoptr(GString) s = g_string_new (NULL);
  guint adds = 0, updates = 0;

  for (guint i = 0; i < plan->actions->len; i++)
    {
      SlImportAction *a = plan->actions->pdata[i];
      adds += !a->update;
      updates += a->update;
    }
  g_string_append_printf (s, _("%u rows: %u to add, %u to update, %u unchanged, %u refused\n"),
                          sl_import_plan_n_rows (plan), adds, updates, plan->n_unchanged, sl_import_plan_n_refused (plan));
  for (guint c = 0; c < plan->headers->len; c++)
    if (g_array_index (plan->mapping, SlImportField, c) == SL_IMPORT_IGNORE && *(char *) plan->headers->pdata[c])
      g_string_append_printf (s, _("Column “%s” is not one the ledger knows; it is ignored\n"), (char *) plan->headers->pdata[c]);
  for (guint i = 0; i < plan->actions->len; i++)
    {
      SlImportAction *a = plan->actions->pdata[i];

      g_autofree char *code = sl_text_escaped (a->credit_code);
      g_autofree char *name = sl_text_escaped (a->name);
      g_autofree char *changes = sl_text_escaped (a->changes);

      if (a->update)
        g_string_append_printf (s, _("Row %u: update %s %s: %s\n"), a->row, code, name, changes);
      else
        g_string_append_printf (s, _("Row %u: add %s %s\n"), a->row, code, name);
    }
  for (guint i = 0; i < plan->problems->len; i++)
    {
      SlImportProblem *p = plan->problems->pdata[i];
      g_autofree char *column = sl_text_escaped (p->column);
      g_autofree char *reason = sl_text_escaped (p->reason);

      if (p->column)
        g_string_append_printf (s, _("Row %u, column “%s”: %s\n"), p->row, column, reason);
      else
        g_string_append_printf (s, _("Row %u: %s\n"), p->row, reason);
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}
