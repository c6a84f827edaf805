/* sl-figures.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-figures"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>

#include "sl-figures.h"
#include "sl-roster.h"
#include "sl-store-private.h"

void
sl_figures_init (SlFigures *self,
                 gint64     enterprise_id,
                 int        year)
{
  self->enterprise_id = enterprise_id;
  self->year = year;
  self->revenue = self->main_revenue = self->rd_expense = SL_UNSET;
  self->net_profit = self->total_assets = self->total_liabilities = SL_UNSET;
  self->patents_valid = self->staff = self->rd_staff = SL_UNSET;
  self->cnc_rate = NAN;
  self->digital_mgmt = self->digital_rd_tools = -1;
}

/**
 * sl_figures_rd_intensity:
 *
 * Returns: R&D expense as a percentage of revenue, or NAN when either is
 *   missing or revenue is 0
 */
double
sl_figures_rd_intensity (const SlFigures *self)
{
  if (self->rd_expense == SL_UNSET || self->revenue == SL_UNSET || self->revenue == 0)
    return NAN;
  return 100.0 * (double) self->rd_expense / (double) self->revenue;
}

/**
 * sl_figures_equal:
 *
 * Returns: %TRUE if @a and @b hold the same year and values
 */
gboolean
sl_figures_equal (const SlFigures *a,
                  const SlFigures *b)
{
  gboolean same_cnc = (isnan (a->cnc_rate) && isnan (b->cnc_rate)) || a->cnc_rate == b->cnc_rate;

  return a->enterprise_id == b->enterprise_id && a->year == b->year
         && a->revenue == b->revenue && a->main_revenue == b->main_revenue
         && a->rd_expense == b->rd_expense && a->net_profit == b->net_profit
         && a->total_assets == b->total_assets && a->total_liabilities == b->total_liabilities
         && a->patents_valid == b->patents_valid && a->staff == b->staff && a->rd_staff == b->rd_staff
         && same_cnc && a->digital_mgmt == b->digital_mgmt && a->digital_rd_tools == b->digital_rd_tools;
}

static gboolean
check_non_negative (gint64       value,
                    const char  *field,
                    GError     **error)
{
  if (value != SL_UNSET && value < 0)
    {
      g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_RANGE,
                   _("%s: must not be negative"), field);
      return FALSE;
    }
  return TRUE;
}

/**
 * sl_figures_validate:
 *
 * Returns: %TRUE if every field keeps its rule; otherwise an error names
 *   the first field that does not
 */
gboolean
sl_figures_validate (const SlFigures  *self,
                     GError          **error)
{
  g_autofree char *today = sl_today ();
  int this_year = atoi (today);

  if (self->year < 2000 || self->year > this_year)
    {
      g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_RANGE,
                   _("Year: %d is not a year from 2000 to %d"), self->year, this_year);
      return FALSE;
    }
  if (!check_non_negative (self->revenue, _("Operating revenue (10k yuan)"), error)
      || !check_non_negative (self->main_revenue, _("Main-business revenue (10k yuan)"), error)
      || !check_non_negative (self->rd_expense, _("R&D expense (10k yuan)"), error)
      || !check_non_negative (self->total_assets, _("Total assets (10k yuan)"), error)
      || !check_non_negative (self->total_liabilities, _("Total liabilities (10k yuan)"), error)
      || !check_non_negative (self->patents_valid, _("Valid granted patents"), error)
      || !check_non_negative (self->staff, _("Employees"), error)
      || !check_non_negative (self->rd_staff, _("R&D staff"), error))
    return FALSE;
  if (!isnan (self->cnc_rate) && (self->cnc_rate < 0 || self->cnc_rate > 100))
    {
      g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_RANGE,
                   _("Key-process CNC rate (%%): %.1f is outside 0–100"), self->cnc_rate);
      return FALSE;
    }
  if (self->digital_mgmt < -1 || self->digital_mgmt > 1
      || self->digital_rd_tools < -1 || self->digital_rd_tools > 1)
    {
      g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_FORMAT,
                   _("Digital management and digital R&D tools: must be yes, no or not given"));
      return FALSE;
    }
  if (self->main_revenue != SL_UNSET && self->revenue != SL_UNSET && self->main_revenue > self->revenue)
    {
      g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_RANGE,
                   _("Main-business revenue (10k yuan): must not exceed operating revenue"));
      return FALSE;
    }
  if (self->rd_staff != SL_UNSET && self->staff != SL_UNSET && self->rd_staff > self->staff)
    {
      g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_RANGE,
                   _("R&D staff: must not exceed employees"));
      return FALSE;
    }
  return TRUE;
}

static void
add_int (JsonBuilder *b,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (b, name);
  if (value == SL_UNSET)
    json_builder_add_null_value (b);
  else
    json_builder_add_int_value (b, value);
}

JsonNode *
sl_figures_to_json (const SlFigures *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  add_int (b, "year", self->year);
  add_int (b, "revenue", self->revenue);
  add_int (b, "main_revenue", self->main_revenue);
  add_int (b, "rd_expense", self->rd_expense);
  add_int (b, "net_profit", self->net_profit);
  add_int (b, "total_assets", self->total_assets);
  add_int (b, "total_liabilities", self->total_liabilities);
  add_int (b, "patents_valid", self->patents_valid);
  add_int (b, "staff", self->staff);
  add_int (b, "rd_staff", self->rd_staff);
  json_builder_set_member_name (b, "cnc_rate");
  if (isnan (self->cnc_rate))
    json_builder_add_null_value (b);
  else
    json_builder_add_double_value (b, self->cnc_rate);
  add_int (b, "digital_mgmt", self->digital_mgmt < 0 ? SL_UNSET : self->digital_mgmt);
  add_int (b, "digital_rd_tools", self->digital_rd_tools < 0 ? SL_UNSET : self->digital_rd_tools);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}


static gint64
column_int (SlStmt *stmt,
            int     col)
{
  return sqlite3_column_type (stmt, col) == SQLITE_NULL ? SL_UNSET : sqlite3_column_int64 (stmt, col);
}

#define FIGURES_COLUMNS \
  "enterprise_id, year, revenue, main_revenue, rd_expense, net_profit, total_assets," \
  " total_liabilities, patents_valid, staff, rd_staff, cnc_rate, digital_mgmt, digital_rd_tools"

static void
read_row (SlStmt    *stmt,
          SlFigures *f)
{
  f->enterprise_id = sqlite3_column_int64 (stmt, 0);
  f->year = sqlite3_column_int (stmt, 1);
  f->revenue = column_int (stmt, 2);
  f->main_revenue = column_int (stmt, 3);
  f->rd_expense = column_int (stmt, 4);
  f->net_profit = column_int (stmt, 5);
  f->total_assets = column_int (stmt, 6);
  f->total_liabilities = column_int (stmt, 7);
  f->patents_valid = column_int (stmt, 8);
  f->staff = column_int (stmt, 9);
  f->rd_staff = column_int (stmt, 10);
  f->cnc_rate = sqlite3_column_type (stmt, 11) == SQLITE_NULL ? NAN : sqlite3_column_double (stmt, 11);
  f->digital_mgmt = sqlite3_column_type (stmt, 12) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, 12);
  f->digital_rd_tools = sqlite3_column_type (stmt, 13) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, 13);
}

static gboolean
save_cb (SlStore  *store,
         gpointer  user_data,
         GError  **error)
{
  const SlFigures *f = user_data;
  g_autoptr(SlStmt) old = NULL;
  g_autoptr(SlStmt) stmt = NULL;
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;

  old = _sl_store_prepare (store, "SELECT " FIGURES_COLUMNS " FROM annual_figures"
                                  " WHERE enterprise_id = ?1 AND year = ?2", error);
  if (old == NULL)
    return FALSE;
  sqlite3_bind_int64 (old, 1, f->enterprise_id);
  sqlite3_bind_int (old, 2, f->year);
  if (sqlite3_step (old) == SQLITE_ROW)
    {
      SlFigures prev;
      read_row (old, &prev);
      before = sl_figures_to_json (&prev);
    }
  sqlite3_reset (old);

  stmt = _sl_store_prepare (store,
    "INSERT OR REPLACE INTO annual_figures (" FIGURES_COLUMNS ")"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, f->enterprise_id);
  sqlite3_bind_int (stmt, 2, f->year);
  _sl_bind_int_unset (stmt, 3, f->revenue);
  _sl_bind_int_unset (stmt, 4, f->main_revenue);
  _sl_bind_int_unset (stmt, 5, f->rd_expense);
  _sl_bind_int_unset (stmt, 6, f->net_profit);
  _sl_bind_int_unset (stmt, 7, f->total_assets);
  _sl_bind_int_unset (stmt, 8, f->total_liabilities);
  _sl_bind_int_unset (stmt, 9, f->patents_valid);
  _sl_bind_int_unset (stmt, 10, f->staff);
  _sl_bind_int_unset (stmt, 11, f->rd_staff);
  if (isnan (f->cnc_rate))
    sqlite3_bind_null (stmt, 12);
  else
    sqlite3_bind_double (stmt, 12, f->cnc_rate);
  _sl_bind_int_unset (stmt, 13, f->digital_mgmt < 0 ? SL_UNSET : f->digital_mgmt);
  _sl_bind_int_unset (stmt, 14, f->digital_rd_tools < 0 ? SL_UNSET : f->digital_rd_tools);
  if (!_sl_store_step_done (store, stmt, error) || !_sl_roster_reindex (store, f->enterprise_id, error))
    return FALSE;
  after = sl_figures_to_json (f);
  return sl_store_audit (store, "annual_figures", f->enterprise_id,
                         before ? "update" : "create", before, after, error);
}

/**
 * sl_figures_save:
 *
 * Validates and stores one year's figures (replacing that year's, if any)
 * in one transaction with an audit row.
 */
gboolean
sl_figures_save (SlStore          *store,
                 const SlFigures  *self,
                 GError          **error)
{
  if (!sl_figures_validate (self, error))
    return FALSE;
  return sl_store_write (store, save_cb, (gpointer) self, error);
}

/**
 * sl_figures_list:
 *
 * Returns: (transfer full) (element-type SlFigures): the firm's years, oldest first
 */
GArray *
sl_figures_list (SlStore  *store,
                 gint64    enterprise_id,
                 GError  **error)
{
  g_autoptr(GError) step_error = NULL;
  g_autoptr(SlStmt) stmt = NULL;
  g_autoptr(GArray) list = g_array_new (FALSE, TRUE, sizeof (SlFigures));

  stmt = _sl_store_prepare (store, "SELECT " FIGURES_COLUMNS " FROM annual_figures"
                                   " WHERE enterprise_id = ?1 ORDER BY year", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, enterprise_id);
  while (_sl_step_row (stmt, &step_error))
    {
      SlFigures f;
      read_row (stmt, &f);
      g_array_append_val (list, f);
    }
  if (step_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&step_error));
      return NULL;
    }
  return g_steal_pointer (&list);
}
