/* sl-roster-export.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sl-certification.h"
#include "sl-import.h"
#include "sl-output.h"
#include "sl-store-private.h"
#include "sl-util.h"
#include "sl-xlsx.h"

/* The roster in the import's own columns, so that exporting and importing
 * again changes nothing: .xlsx, or .csv in UTF-8 with a BOM (which Excel
 * on a Chinese desktop needs to read it as UTF-8). */

#define ROSTER_SQL \
  "SELECT e.name, e.credit_code, j.name, k.name, t.name, nullif (h.valid_from, '" SL_DATE_UNKNOWN "'), h.valid_until," \
  " e.contact, e.phone, e.specialist," \
  " e.main_product, f.year, f.revenue, f.main_revenue, f.rd_expense, f.patents_valid, f.cnc_rate," \
  " f.digital_mgmt, f.digital_rd_tools," \
  " EXISTS (SELECT 1 FROM enterprise_honour WHERE enterprise_id = e.id AND honour_key = 'high_tech')," \
  " EXISTS (SELECT 1 FROM enterprise_honour WHERE enterprise_id = e.id AND honour_key = 'tech_sme')" \
  " FROM enterprise e JOIN jurisdiction j ON j.id = e.jurisdiction_id" \
  " LEFT JOIN industry_chain k ON k.id = e.chain_id" \
  " LEFT JOIN tier t ON t.level = e.top_tier" \
  " LEFT JOIN certification h ON h.id = (SELECT c.id FROM certification c INDEXED BY certification_enterprise" \
  "   WHERE c.enterprise_id = e.id AND c.tier_key = t.key AND c.status IN " SL_HELD_STATUSES \
  "   AND c.valid_from <= ?1 AND ifnull (c.valid_until, '9999-12-31') >= ?1 ORDER BY c.valid_from DESC LIMIT 1)" \
  " LEFT JOIN annual_figures f ON f.enterprise_id = e.id AND f.year = e.latest_year" \
  " WHERE e.deleted_at IS NULL ORDER BY e.id"

#define N_COLS (SL_IMPORT_N_FIELDS - 1)

/* The columns in ROSTER_SQL's order, by field. */
static const SlImportField columns[N_COLS] = {
  SL_IMPORT_NAME, SL_IMPORT_CREDIT_CODE, SL_IMPORT_JURISDICTION, SL_IMPORT_CHAIN, SL_IMPORT_TIER,
  SL_IMPORT_CERTIFIED_ON, SL_IMPORT_VALID_UNTIL, SL_IMPORT_CONTACT, SL_IMPORT_PHONE, SL_IMPORT_SPECIALIST, SL_IMPORT_MAIN_PRODUCT,
  SL_IMPORT_YEAR, SL_IMPORT_REVENUE, SL_IMPORT_MAIN_REVENUE, SL_IMPORT_RD_EXPENSE, SL_IMPORT_PATENTS,
  SL_IMPORT_CNC_RATE, SL_IMPORT_DIGITAL_MGMT, SL_IMPORT_DIGITAL_RD_TOOLS, SL_IMPORT_HIGH_TECH, SL_IMPORT_TECH_SME,
};

/* A cell as text, "" when empty: amounts in 万元, flags 是/否. */
/* Columns of free text: the ones a formula could hide in. Numbers and
 * dates are written by the program and never begin with one. */
static gboolean
is_text_column (SlImportField field)
{
  switch (field)
    {
    case SL_IMPORT_REVENUE:
    case SL_IMPORT_MAIN_REVENUE:
    case SL_IMPORT_RD_EXPENSE:
    case SL_IMPORT_CNC_RATE:
    case SL_IMPORT_YEAR:
    case SL_IMPORT_PATENTS:
    case SL_IMPORT_CERTIFIED_ON:
    case SL_IMPORT_VALID_UNTIL:
      return FALSE;
    default:
      return TRUE;
    }
}

static char *
cell_text (SlStmt *stmt,
           int     c)
{
  if (sqlite3_column_type (stmt, c) == SQLITE_NULL)
    return g_strdup ("");
  switch (columns[c])
    {
    case SL_IMPORT_REVENUE:
    case SL_IMPORT_MAIN_REVENUE:
    case SL_IMPORT_RD_EXPENSE:
      return sl_amount_to_wan (sqlite3_column_int64 (stmt, c));
    case SL_IMPORT_CNC_RATE:
      {
        char buf[G_ASCII_DTOSTR_BUF_SIZE];
        return g_strdup (g_ascii_dtostr (buf, sizeof buf, sqlite3_column_double (stmt, c)));
      }
    case SL_IMPORT_DIGITAL_MGMT:
    case SL_IMPORT_DIGITAL_RD_TOOLS:
    case SL_IMPORT_HIGH_TECH:
    case SL_IMPORT_TECH_SME:
      return g_strdup (sqlite3_column_int (stmt, c) ? "是" : "否");
    default:
      return g_strdup (_sl_column_text (stmt, c));
    }
}

/* A text cell that a spreadsheet would run as a formula gets an apostrophe
 * before it, as OWASP advises; the import takes it off again. */
static char *
guard_formula (const char *text)
{
  if (text[0] != '\0' && strchr (SL_CSV_FORMULA_STARTS, text[0]) != NULL)
    return g_strconcat ("'", text, NULL);
  return g_strdup (text);
}

static void
csv_field (GString    *out,
           const char *text)
{
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static gboolean
export_csv (SlStmt      *stmt,
            const char  *path,
            GError     **error)
{
  g_autoptr(GError) step_error = NULL;
  g_autoptr(GString) out = g_string_new ("\xEF\xBB\xBF");
  g_autofree char *tmp = NULL;

  for (int c = 0; c < N_COLS; c++)
    {
      if (c)
        g_string_append_c (out, ',');
      csv_field (out, sl_import_field_header (columns[c]));
    }
  g_string_append (out, "\r\n");
  while (_sl_step_row (stmt, &step_error))
    {
      for (int c = 0; c < N_COLS; c++)
        {
          g_autofree char *text = cell_text (stmt, c);
          g_autofree char *guarded = is_text_column (columns[c]) ? guard_formula (text) : g_strdup (text);

          if (c)
            g_string_append_c (out, ',');
          csv_field (out, guarded);
        }
      g_string_append (out, "\r\n");
    }
  if (step_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&step_error));
      return FALSE;
    }
  tmp = sl_file_temp_beside (path, error);
  if (tmp == NULL)
    return FALSE;
  if (!sl_file_write_temp (tmp, path, out->str, out->len, error))
    {
      g_unlink (tmp);
      return FALSE;
    }
  return sl_file_replace (tmp, path, error);
}

static gboolean
export_xlsx (SlStmt      *stmt,
             const char  *path,
             GError     **error)
{
  g_autoptr(GError) step_error = NULL;
  g_autofree char *tmp = sl_file_temp_beside (path, error);
  lxw_workbook_options options = { .constant_memory = LXW_TRUE, .use_zip64 = LXW_TRUE };
  lxw_workbook *wb = tmp ? workbook_new_opt (tmp, &options) : NULL;
  SlXlsxFormats f;
  g_autoptr(SlSheet) sheet = NULL;
  guint row = 1;

  if (tmp == NULL)
    return FALSE;
  if (wb == NULL)
    {
      g_unlink (tmp);
      g_set_error (error, SL_STORE_ERROR, SL_STORE_ERROR_IO, _("The workbook could not be created in “%s”"), tmp);
      return FALSE;
    }
  sl_xlsx_formats_init (&f, wb);
  sheet = sl_sheet_new (wb, _("Enterprises"), _("Enterprises"));
  for (int c = 0; c < N_COLS; c++)
    sl_sheet_header (sheet, 0, c, sl_import_field_header (columns[c]), f.header);
  while (_sl_step_row (stmt, &step_error))
    {
      for (int c = 0; c < N_COLS; c++)
        {
          if (sqlite3_column_type (stmt, c) == SQLITE_NULL)
            continue;
          switch (columns[c])
            {
            case SL_IMPORT_CERTIFIED_ON:
            case SL_IMPORT_VALID_UNTIL:
              sl_sheet_date (sheet, row, c, _sl_column_text (stmt, c), f.date);
              break;
            case SL_IMPORT_YEAR:
            case SL_IMPORT_PATENTS:
              sl_sheet_number (sheet, row, c, sqlite3_column_int64 (stmt, c), f.text);
              break;
            case SL_IMPORT_REVENUE:
            case SL_IMPORT_MAIN_REVENUE:
            case SL_IMPORT_RD_EXPENSE:
              sl_sheet_number (sheet, row, c, sqlite3_column_int64 (stmt, c) / 10000.0, f.text);
              break;
            case SL_IMPORT_CNC_RATE:
              sl_sheet_number (sheet, row, c, sqlite3_column_double (stmt, c), f.text);
              break;
            default:
              {
                g_autofree char *text = cell_text (stmt, c);
                sl_sheet_text (sheet, row, c, text, f.text);
              }
            }
        }
      row++;
    }
  if (step_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&step_error));
      return FALSE;
    }
  worksheet_autofilter (sheet->ws, 0, 0, MAX (row - 1, 1), N_COLS - 1);
  worksheet_freeze_panes (sheet->ws, 1, 2);
  sl_sheet_finish (sheet, 0, 0);
  if (!sl_xlsx_close (wb, path, sheet->status, error))
    {
      g_unlink (tmp);
      return FALSE;
    }
  return sl_file_replace (tmp, path, error);
}

/**
 * sl_roster_export_file:
 * @path: a .xlsx or a .csv file
 *
 * Writes the roster (without the trash) in the import's columns.
 */
gboolean
sl_roster_export_file (SlStore     *store,
                       const char  *path,
                       GError     **error)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);
  g_autofree char *today = sl_today ();
  const char *formats[] = { ".xlsx", ".csv", NULL };
  g_autoptr(SlStmt) stmt = NULL;

  if (!sl_output_check (store, path, formats, error))
    return FALSE;
  stmt = _sl_store_prepare (store, ROSTER_SQL, error);
  if (stmt == NULL)
    return FALSE;
  _sl_bind_text (stmt, 1, today);
  if (g_str_has_suffix (lower, ".xlsx"))
    return export_xlsx (stmt, path, error);
  return export_csv (stmt, path, error);
}

/* What each column of the template holds, shown as the header's comment. */
static const char *
column_help (SlImportField field)
{
  switch (field)
    {
    case SL_IMPORT_NAME: return N_("Required for a new firm.");
    case SL_IMPORT_CREDIT_CODE: return N_("Required: the 18-character unified social credit code; firms are matched by it.");
    case SL_IMPORT_JURISDICTION: return N_("Required for a new firm: choose from the list.");
    case SL_IMPORT_CHAIN: return N_("The key industrial chain, as named in the ledger.");
    case SL_IMPORT_TIER: return N_("The highest tier held: choose from the list; needs the date it was granted.");
    case SL_IMPORT_CERTIFIED_ON: return N_("The day the tier was granted (2023-05-01), or its year (2023).");
    case SL_IMPORT_VALID_UNTIL: return N_("The last day of its validity; default: the tier's own years from the day granted.");
    case SL_IMPORT_YEAR: return N_("The year of the figures; default: last year.");
    case SL_IMPORT_REVENUE:
    case SL_IMPORT_MAIN_REVENUE:
    case SL_IMPORT_RD_EXPENSE: return N_("In 10k yuan (万元), up to four decimals.");
    case SL_IMPORT_PATENTS: return N_("A whole number.");
    case SL_IMPORT_CNC_RATE: return N_("A percentage from 0 to 100.");
    case SL_IMPORT_DIGITAL_MGMT:
    case SL_IMPORT_DIGITAL_RD_TOOLS:
    case SL_IMPORT_HIGH_TECH:
    case SL_IMPORT_TECH_SME: return N_("是 or 否: choose from the list.");
    default: return N_("Optional.");
    }
}

static void
validate_list (lxw_worksheet *ws,
               guint          col,
               const char    *range)
{
  lxw_data_validation dv = {
    .validate = LXW_VALIDATION_TYPE_LIST_FORMULA,
    .value_formula = (char *) range,
    .error_type = LXW_VALIDATION_ERROR_TYPE_STOP,
    .error_title = (char *) _("Not in the list"),
    .error_message = (char *) _("Choose a value from the list."),
  };

  worksheet_data_validation_range (ws, 1, (lxw_col_t) col, 10000, (lxw_col_t) col, &dv);
}

/**
 * sl_import_write_template:
 *
 * An import template: the headers with a comment each, one sample row,
 * and lists to choose the jurisdiction, the tier and 是/否 from (kept in a
 * hidden sheet, so that the lists can be long).
 */
gboolean
sl_import_write_template (SlStore     *store,
                          const char  *path,
                          GError     **error)
{
  g_autoptr(GError) step_error = NULL;
  const char *formats[] = { ".xlsx", NULL };
  g_autofree char *tmp = NULL;
  lxw_workbook *wb = NULL;
  SlXlsxFormats f;
  g_autoptr(SlSheet) sheet = NULL;
  lxw_worksheet *lists;
  g_autoptr(SlStmt) jurisdictions = NULL;
  g_autoptr(SlStmt) tiers = NULL;
  g_autofree char *jurisdiction_range = NULL;
  g_autofree char *tier_range = NULL;
  g_autofree char *today = sl_today ();
  g_autofree char *sample_date = g_strdup_printf ("%d-03-15", atoi (today) - 1);
  guint n_j = 0, n_t = 0;
  const char *sample[N_COLS] = { "连云港示例科技有限公司", "91320722MA20KD3R5T", NULL, NULL, NULL, NULL, NULL,
                                 "张三", "13800000000", NULL, "示例产品", NULL, "1520.5", "1300", "120.25",
                                 "12", "55", "是", "是", "是", "否" };

  if (!sl_output_check (store, path, formats, error))
    return FALSE;
  tmp = sl_file_temp_beside (path, error);
  if (tmp == NULL)
    return FALSE;
  wb = workbook_new (tmp);
  if (wb == NULL)
    {
      g_unlink (tmp);
      g_set_error (error, SL_STORE_ERROR, SL_STORE_ERROR_IO, _("The workbook could not be created in “%s”"), path);
      return FALSE;
    }
  sl_xlsx_formats_init (&f, wb);
  sheet = sl_sheet_new (wb, _("Enterprises"), _("Roster import template"));
  lists = workbook_add_worksheet (wb, "lists");

  jurisdictions = _sl_store_prepare (store, "SELECT name FROM jurisdiction WHERE retired = 0 ORDER BY position, id", error);
  tiers = _sl_store_prepare (store, "SELECT name FROM tier ORDER BY level", error);
  if (jurisdictions == NULL || tiers == NULL)
    {
      workbook_close (wb);
      g_unlink (tmp);
      return FALSE;
    }
  while (_sl_step_row (jurisdictions, &step_error))
    worksheet_write_string (lists, n_j++, 0, _sl_column_text (jurisdictions, 0), NULL);
  if (step_error != NULL)
    {
      workbook_close (wb);
      g_unlink (tmp);
      g_propagate_error (error, g_steal_pointer (&step_error));
      return FALSE;
    }
  while (_sl_step_row (tiers, &step_error))
    worksheet_write_string (lists, n_t++, 1, _sl_column_text (tiers, 0), NULL);
  if (step_error != NULL)
    {
      workbook_close (wb);
      g_unlink (tmp);
      g_propagate_error (error, g_steal_pointer (&step_error));
      return FALSE;
    }
  worksheet_write_string (lists, 0, 2, "是", NULL);
  worksheet_write_string (lists, 1, 2, "否", NULL);
  worksheet_hide (lists);
  jurisdiction_range = g_strdup_printf ("=lists!$A$1:$A$%u", MAX (n_j, 1));
  tier_range = g_strdup_printf ("=lists!$B$1:$B$%u", MAX (n_t, 1));

  for (int c = 0; c < N_COLS; c++)
    {
      sl_sheet_header (sheet, 0, c, sl_import_field_header (columns[c]), f.header);
      worksheet_write_comment (sheet->ws, 0, c, _(column_help (columns[c])));
      switch (columns[c])
        {
        case SL_IMPORT_JURISDICTION:
          validate_list (sheet->ws, c, jurisdiction_range);
          break;
        case SL_IMPORT_TIER:
          validate_list (sheet->ws, c, tier_range);
          break;
        case SL_IMPORT_DIGITAL_MGMT:
        case SL_IMPORT_DIGITAL_RD_TOOLS:
        case SL_IMPORT_HIGH_TECH:
        case SL_IMPORT_TECH_SME:
          validate_list (sheet->ws, c, "=lists!$C$1:$C$2");
          break;
        default:
          break;
        }
    }
  /* The sample row: a firm in the first jurisdiction, at the first tier. */
  sqlite3_reset (jurisdictions);
  sqlite3_reset (tiers);
  if (sqlite3_step (jurisdictions) == SQLITE_ROW)
    sl_sheet_text (sheet, 1, 2, _sl_column_text (jurisdictions, 0), f.text);
  if (sqlite3_step (tiers) == SQLITE_ROW)
    sl_sheet_text (sheet, 1, 4, _sl_column_text (tiers, 0), f.text);
  sl_sheet_text (sheet, 1, 5, sample_date, f.text);
  {
    g_autofree char *year = g_strdup_printf ("%d", atoi (today) - 1);
    sl_sheet_text (sheet, 1, 11, year, f.text);
  }
  for (int c = 0; c < N_COLS; c++)
    if (sample[c] != NULL)
      sl_sheet_text (sheet, 1, c, sample[c], f.text);
  worksheet_freeze_panes (sheet->ws, 1, 0);
  sl_sheet_finish (sheet, 0, 0);
  if (!sl_xlsx_close (wb, path, sheet->status, error))
    {
      g_unlink (tmp);
      return FALSE;
    }
  return sl_file_replace (tmp, path, error);
}
