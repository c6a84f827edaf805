/* sl-bulletin-lists.c
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
#include "sl-certification.h"
#include "sl-enterprise.h"
#include "sl-project.h"
#include "sl-store-private.h"
#include "sl-util.h"

/* The bulletin's lists: the programmes' items, the month's certifications
 * and those ending soon, and every enterprise in scope. */


void
_sl_bulletin_header_row (SlSheet       *sheet,
            SlXlsxFormats *f,
            guint          row,
            const char   **headers,
            guint          n)
{
  worksheet_set_row (sheet->ws, row, 30, NULL);
  for (guint c = 0; c < n; c++)
    sl_sheet_header (sheet, row, c, _(headers[c]), f->header);
}

guint
_sl_bulletin_title_rows (SlBulletinJob *job,
            SlSheet       *sheet,
            guint          last_col,
            const char    *byline)
{
  /* The 18-point title in a row tall enough for it, or it overlaps the
   * byline on paper. */
  worksheet_set_row (sheet->ws, 0, 30, NULL);
  sl_sheet_merge (sheet, 0, 0, last_col, sheet->title, job->formats.title);
  sl_sheet_merge (sheet, 1, 0, last_col, byline, job->formats.subtitle);
  return 3;
}

/**
 * _sl_bulletin_scope_id:
 *
 * Returns: the jurisdiction the figures are of, 0 for the whole ledger
 */
gint64
_sl_bulletin_scope_id (SlStore    *store,
                       JsonObject *figures)
{
  JsonNode *scope = json_object_get_member (figures, "scope");

  if (scope == NULL || !JSON_NODE_HOLDS_OBJECT (scope))
    return 0;
  return sl_jurisdiction_find (store, json_object_get_string_member_with_default (json_node_get_object (scope), "code", ""));
}

/* In the scope where it was on @day: a firm that has moved since is
 * listed, and named, under the jurisdiction it was in then. */
/* Held on the day the bulletin is as of (?3), by the rule its held counts
 * follow — a certification that has lapsed since, and so reads "expired"
 * today, was due then; one renewed by a later re-review was due too — and
 * ending from ?1 to ?2. The end's own index finds the most; the few a
 * later re-review renewed are looked up by their events. */
#define ENDING(c, e) \
  " " c ".status IN " SL_HELD_STATUSES " AND " c ".valid_from <= ?3" \
  " AND (" c ".valid_until BETWEEN ?1 AND ?2 OR " c ".id IN (SELECT certification_id FROM certification_event" \
  "      WHERE kind = 'review_passed' AND on_date > ?3 AND until_before BETWEEN ?1 AND ?2))" \
  " AND " SL_UNTIL_ON (c, "?3") " BETWEEN ?1 AND ?2 AND" IN_SCOPE (e, "?3")

/**
 * _sl_bulletin_horizon:
 *
 * Returns: (transfer full) (nullable): the last day of the six months
 *   after @as_of's month, which the list of certifications to renew runs to
 */
char *
_sl_bulletin_horizon (const char *as_of)
{
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) later = NULL;
  g_autoptr(GDateTime) last = NULL;
  int y, m, d;

  if (sscanf (as_of, "%d-%d-%d", &y, &m, &d) != 3)
    return NULL;
  start = g_date_time_new_local (y, m, 1, 0, 0, 0);
  later = g_date_time_add_months (start, 7);
  last = g_date_time_add_days (later, -1);
  return g_date_time_format (last, "%Y-%m-%d");
}

/**
 * _sl_bulletin_count_ending:
 * @scope: the jurisdiction, 0 for the whole ledger
 *
 * Returns: how many certifications the list of those to renew or re-review
 *   holds, for the bulletin's text
 */
gint64
_sl_bulletin_count_ending (SlStore    *store,
                           const char *as_of,
                           gint64      scope)
{
  g_autofree char *after = sl_date_add_days (as_of, 1);
  g_autofree char *horizon = _sl_bulletin_horizon (as_of);
  g_autoptr(SlStmt) stmt = _sl_store_prepare (store,
    "SELECT count(*) FROM certification c JOIN enterprise e ON e.id = c.enterprise_id WHERE" ENDING ("c", "e"), NULL);

  if (stmt == NULL || after == NULL || horizon == NULL)
    return 0;
  _sl_bind_text (stmt, 1, after);
  _sl_bind_text (stmt, 2, horizon);
  _sl_bind_text (stmt, 3, as_of);
  sqlite3_bind_int64 (stmt, 9, scope);
  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
}

/* The indicators' values, for the items bound to them: the bulletin's own. */
static GHashTable *
indicator_values (JsonObject *figures)
{
  GHashTable *values = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  JsonArray *indicators = json_object_get_array_member (figures, "indicators");

  for (guint i = 0; indicators && i < json_array_get_length (indicators); i++)
    {
      JsonObject *ind = json_array_get_object_element (indicators, i);
      JsonNode *value = json_object_get_member (ind, "value");

      if (value != NULL && JSON_NODE_HOLDS_VALUE (value))
        g_hash_table_insert (values, (gpointer) json_object_get_string_member (ind, "metric"),
                             g_memdup2 (&(double) { json_node_get_double (value) }, sizeof (double)));
    }
  return values;
}

/**
 * _sl_bulletin_count_overdue:
 *
 * Returns: how many programme items were overdue on the bulletin's day
 */
guint
_sl_bulletin_count_overdue (SlStore    *store,
                            JsonObject *figures)
{
  const char *as_of = json_object_get_string_member_with_default (figures, "as_of", "");
  g_autoptr(GPtrArray) projects = sl_project_list_in_year (store, "programme", atoi (as_of), NULL);
  g_autoptr(GHashTable) values = indicator_values (figures);
  guint n = 0;

  for (guint p = 0; projects && p < projects->len; p++)
    {
      g_autoptr(GPtrArray) items = sl_checklist_list_with_values (store, ((SlProject *) projects->pdata[p])->id, values, NULL);

      for (guint i = 0; items && i < items->len; i++)
        n += sl_checklist_item_is_overdue (items->pdata[i], as_of);
    }
  return n;
}

/* An item counted in whole things (家, 个, 件, 项) prints as an integer:
 * 857 家, not 857.00 家. */
static gboolean
counted (const SlChecklistItem *item)
{
  static const char *units[] = { "家", "个", "件", "项", "名", NULL };
  gboolean whole = (isnan (item->target_value) || item->target_value == floor (item->target_value))
                   && (isnan (item->current_value) || item->current_value == floor (item->current_value));

  return whole && item->unit != NULL && g_strv_contains (units, item->unit);
}

/**
 * _sl_bulletin_programmes_sheet:
 *
 * 工程进度: each programme's items with the responsible units, target,
 * current value, due date, done date and whether overdue on the day the
 * figures are as of.
 */
gboolean
_sl_bulletin_programmes_sheet (SlBulletinJob  *job,
                               GError        **error)
{
  SlXlsxFormats *f = &job->formats;
  const char *as_of = json_object_get_string_member_with_default (job->figures, "as_of", "");
  g_autofree char *as_of_shown = sl_date_display (as_of);
  const char *headers[] = { N_("Programme"), N_("Item"), N_("Responsible units"), N_("Target"), N_("Current value"),
                            N_("Unit"), N_("Due"), N_("Done on"), N_("Status") };
  g_autofree char *title = g_strdup_printf ("%s — %s", job->title, _("Programmes"));
  g_autofree char *byline = g_strdup_printf (_("As of %s"), as_of_shown);
  g_autoptr(SlSheet) sheet = sl_sheet_new (job->workbook, _("Programmes"), title);
  /* The programmes of the plan in force in the bulletin's year. */
  g_autoptr(GPtrArray) projects = sl_project_list_in_year (job->store, "programme", atoi (as_of), error);
  /* Bound items show the bulletin's figures, as of its month's end: the
   * same values as the indicators sheet, not today's. */
  g_autoptr(GHashTable) values = indicator_values (job->figures);
  guint row;

  if (projects == NULL)
    return FALSE;
  row = _sl_bulletin_title_rows (job, sheet, G_N_ELEMENTS (headers) - 1, byline);
  _sl_bulletin_header_row (sheet, f, row, headers, G_N_ELEMENTS (headers));
  row++;
  for (guint p = 0; p < projects->len; p++)
    {
      SlProject *project = projects->pdata[p];
      g_autoptr(GPtrArray) items = sl_checklist_list_with_values (job->store, project->id, values, error);

      if (items == NULL)
        return FALSE;
      for (guint i = 0; i < items->len; i++, row++)
        {
          SlChecklistItem *item = items->pdata[i];
          gboolean overdue = sl_checklist_item_is_overdue (item, as_of);
          gboolean done = sl_checklist_item_is_done_on (item, as_of);
          const char *paragraphs[] = { project->title, item->title, item->responsible };

          sl_sheet_fit_row (sheet, row, paragraphs, G_N_ELEMENTS (paragraphs));
          sl_sheet_paragraph (sheet, row, 0, project->title, f->wrapped);
          sl_sheet_paragraph (sheet, row, 1, item->title, f->wrapped);
          sl_sheet_paragraph (sheet, row, 2, item->responsible, f->wrapped);
          sl_sheet_optional (sheet, row, 3, item->target_value, counted (item) ? f->integer : f->decimal);
          sl_sheet_optional (sheet, row, 4, item->current_value, counted (item) ? f->integer : f->decimal);
          sl_sheet_text (sheet, row, 5, item->unit, f->text);
          sl_sheet_date (sheet, row, 6, item->due_on, f->date);
          /* As of the month's end: done after it is not done yet. */
          sl_sheet_date (sheet, row, 7, done ? item->done_on : NULL, f->date);
          sl_sheet_text (sheet, row, 8, overdue ? _("Overdue") : done ? _("Done")
                                        : sl_checklist_item_meets_target (item) ? _("Target met") : "",
                         overdue ? f->mark_red : f->text);
        }
    }
  sl_sheet_finish (sheet, 3, 3);
  return _sl_bulletin_sheet_done (job, sheet, error);
}

/**
 * _sl_bulletin_certifications_sheet:
 *
 * 认定与到期: the certifications that began in the month, and those in
 * force whose validity ends in the six months after it (to renew or to
 * re-review).
 */
gboolean
_sl_bulletin_certifications_sheet (SlBulletinJob  *job,
                                   GError        **error)
{
  g_autoptr(GError) step_error = NULL;
  SlXlsxFormats *f = &job->formats;
  const char *period = json_object_get_string_member_with_default (job->figures, "period", "");
  const char *as_of = json_object_get_string_member_with_default (job->figures, "as_of", "");
  g_autofree char *as_of_shown = sl_date_display (as_of);
  const char *new_headers[] = { N_("Enterprise"), N_("Credit code"), N_("Jurisdiction"), N_("Tier"),
                                N_("Document number"), N_("Valid from"), N_("Valid until") };
  const char *end_headers[] = { N_("Enterprise"), N_("Credit code"), N_("Jurisdiction"), N_("Tier"),
                                N_("Status"), N_("Valid until"), N_("Days left") };
  g_autofree char *title = g_strdup_printf ("%s — %s", job->title, _("Certifications and expiries"));
  g_autofree char *byline = g_strdup_printf (_("As of %s"), as_of_shown);
  g_autofree char *month_start = g_strdup_printf ("%s-01", period);
  g_autofree char *after = sl_date_add_days (as_of, 1);
  g_autofree char *horizon = NULL;
  g_autoptr(SlSheet) sheet = sl_sheet_new (job->workbook, _("Certifications"), title);
  g_autoptr(SlStmt) started = NULL;
  g_autoptr(SlStmt) ending = NULL;
  gint64 scope = _sl_bulletin_scope_id (job->store, job->figures);
  guint row;

  horizon = _sl_bulletin_horizon (as_of);
  if (horizon == NULL)
    return TRUE;

  started = _sl_store_prepare (job->store,
    "SELECT e.name, e.credit_code, j.name, c.tier_key, c.doc_no, c.valid_from, c.valid_until"
    " FROM certification c JOIN enterprise e ON e.id = c.enterprise_id" JOIN_JURISDICTION_ON ("e", "?2")
    " WHERE c.status IN " SL_HELD_STATUSES " AND c.valid_from BETWEEN ?1 AND ?2 AND" IN_SCOPE ("e", "?2")
    " ORDER BY c.valid_from, j.position, e.name_key, e.name", error);
  ending = _sl_store_prepare (job->store,
    "SELECT e.name, e.credit_code, j.name, c.tier_key, c.status, " SL_UNTIL_ON ("c", "?3") " AS until_then"
    " FROM certification c JOIN enterprise e ON e.id = c.enterprise_id" JOIN_JURISDICTION_ON ("e", "?3")
    " WHERE" ENDING ("c", "e")
    " ORDER BY until_then, j.position, e.name_key, e.name", error);
  if (started == NULL || ending == NULL)
    return FALSE;

  row = _sl_bulletin_title_rows (job, sheet, G_N_ELEMENTS (new_headers) - 1, byline);
  {
    g_autofree char *month = sl_month_display (period);
    g_autofree char *heading = g_strdup_printf (_("Certified in %s"), month);
    sl_sheet_merge (sheet, row++, 0, G_N_ELEMENTS (new_headers) - 1, heading, f->total_text);
  }
  _sl_bulletin_header_row (sheet, f, row++, new_headers, G_N_ELEMENTS (new_headers));
  _sl_bind_text (started, 1, month_start);
  _sl_bind_text (started, 2, as_of);
  sqlite3_bind_int64 (started, 9, scope);
  while (_sl_step_row (started, &step_error))
    {
      sl_sheet_text (sheet, row, 0, _sl_column_text (started, 0), f->text);
      sl_sheet_text (sheet, row, 1, _sl_column_text (started, 1), f->text);
      sl_sheet_text (sheet, row, 2, _sl_column_text (started, 2), f->text);
      sl_sheet_text (sheet, row, 3, sl_tier_name (_sl_column_text (started, 3), _sl_column_text (started, 3)), f->text);
      sl_sheet_text (sheet, row, 4, _sl_column_text (started, 4), f->text);
      sl_sheet_date (sheet, row, 5, _sl_column_text (started, 5), f->date);
      sl_sheet_date (sheet, row, 6, _sl_column_text (started, 6), f->date);
      row++;
    }
  if (step_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&step_error));
      return FALSE;
    }
  row++;

  {
    g_autofree char *after_shown = sl_date_display (after);
    g_autofree char *horizon_shown = sl_date_display (horizon);
    g_autofree char *heading = g_strdup_printf (_("Ending from %s to %s: renew or re-review"), after_shown, horizon_shown);
    sl_sheet_merge (sheet, row++, 0, G_N_ELEMENTS (end_headers) - 1, heading, f->total_text);
  }
  _sl_bulletin_header_row (sheet, f, row++, end_headers, G_N_ELEMENTS (end_headers));
  _sl_bind_text (ending, 1, after);
  _sl_bind_text (ending, 2, horizon);
  _sl_bind_text (ending, 3, as_of);
  sqlite3_bind_int64 (ending, 9, scope);
  while (_sl_step_row (ending, &step_error))
    {
      g_autoptr(GDate) a = g_date_new ();
      g_autoptr(GDate) b = g_date_new ();

      g_date_set_parse (a, as_of);
      g_date_set_parse (b, _sl_column_text (ending, 5));
      sl_sheet_text (sheet, row, 0, _sl_column_text (ending, 0), f->text);
      sl_sheet_text (sheet, row, 1, _sl_column_text (ending, 1), f->text);
      sl_sheet_text (sheet, row, 2, _sl_column_text (ending, 2), f->text);
      sl_sheet_text (sheet, row, 3, sl_tier_name (_sl_column_text (ending, 3), _sl_column_text (ending, 3)), f->text);
      sl_sheet_text (sheet, row, 4, g_strcmp0 (_sl_column_text (ending, 4), "under_review") == 0
                                    ? _("Under re-review") : _("Certified"), f->text);
      sl_sheet_date (sheet, row, 5, _sl_column_text (ending, 5), f->date);
      if (g_date_valid (a) && g_date_valid (b))
        sl_sheet_number (sheet, row, 6, g_date_days_between (a, b), f->integer);
      row++;
    }
  if (step_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&step_error));
      return FALSE;
    }
  sl_sheet_finish (sheet, 4, 4);
  return _sl_bulletin_sheet_done (job, sheet, error);
}
