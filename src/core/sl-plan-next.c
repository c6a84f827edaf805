/* sl-plan-next.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The next plan, loaded into a ledger in use. The file is first loaded,
 * as a new ledger would load it, into a throw-away ledger in memory: every
 * rule of a plan file is checked the same way, and nothing of this ledger
 * is touched by a bad file. That ledger is attached, and what changes is
 * read, and then written in one transaction, by SQL between the two.
 *
 * The firms, their certifications, figures, honours, dossiers and
 * history stay. The last plan's indicators and programmes keep its years,
 * and its yearly targets stay, so that a bulletin of those years still
 * reads as it did; the new plan's come in from its first year. */

#define G_LOG_DOMAIN "sl-plan"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdlib.h>

#include "sl-ledger-private.h"
#include "sl-plan.h"
#include "sl-store-private.h"
#include "sl-util.h"

void
sl_plan_preview_free (SlPlanPreview *self)
{
  if (self == NULL)
    return;
  g_free (self->key);
  g_free (self->title);
  g_free (self->old_title);
  g_clear_pointer (&self->lines, g_ptr_array_unref);
  g_free (self);
}

/* The plan file, loaded into a ledger of its own and kept as a file the
 * ledger can attach. */
typedef struct
{
  char *dir;
  char *db;
} Staged;

static void
staged_clear (Staged *s)
{
  if (s->db != NULL)
    g_unlink (s->db);
  if (s->dir != NULL)
    g_rmdir (s->dir);
  g_clear_pointer (&s->db, g_free);
  g_clear_pointer (&s->dir, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Staged, staged_clear)

static gboolean
stage (const char  *path,
       Staged      *out,
       GError     **error)
{
  g_autofree char *data = NULL;
  g_autofree char *shown = g_filename_display_basename (path);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(SlStore) plan = NULL;
  g_autoptr(GError) local = NULL;
  char *sql;
  gboolean ok;
  gsize len;

  if (!g_file_get_contents (path, &data, &len, &local))
    {
      g_set_error (error, SL_PLAN_ERROR, SL_PLAN_ERROR_PARSE, _("Plan file “%s”: %s"), shown, local->message);
      return FALSE;
    }
  bytes = g_bytes_new_take (g_steal_pointer (&data), len);
  plan = _sl_ledger_open_full (":memory:", sl_migrations, sl_n_migrations, bytes, SL_STORE_OPEN_CREATE, &local);
  if (plan == NULL)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local), _("“%s”: "), shown);
      return FALSE;
    }
  out->dir = g_dir_make_tmp ("sl-plan-XXXXXX", error);
  if (out->dir == NULL)
    return FALSE;
  out->db = g_build_filename (out->dir, "plan.db", NULL);
  sql = sqlite3_mprintf ("VACUUM INTO %Q", out->db);
  ok = _sl_store_exec (plan, sql, error);
  sqlite3_free (sql);
  return ok;
}

static gboolean
attach (SlStore     *store,
        const char  *db,
        GError     **error)
{
  char *sql = sqlite3_mprintf ("ATTACH %Q AS plan", db);
  gboolean ok = _sl_store_exec (store, sql, error);

  sqlite3_free (sql);
  return ok;
}

static gint64
count_of (SlStore    *store,
          const char *sql)
{
  g_autoptr(SlStmt) stmt = _sl_store_prepare (store, sql, NULL);

  return stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
}

/* A goal as the UI shows numbers: grouped by the locale, no needless decimals. */
static char *
number_text (double v)
{
  return g_strdup_printf ("%'.10g", v);
}

static char *
setting_text (SlStore    *store,
              const char *schema,
              const char *key)
{
  g_autofree char *sql = g_strdup_printf ("SELECT value FROM %s.setting WHERE key = ?1", schema);
  g_autoptr(SlStmt) stmt = _sl_store_prepare (store, sql, NULL);

  if (stmt == NULL)
    return NULL;
  _sl_bind_text (stmt, 1, key);
  return sqlite3_step (stmt) == SQLITE_ROW ? g_strdup (_sl_column_text (stmt, 0)) : NULL;
}

static int
setting_int (SlStore    *store,
             const char *schema,
             const char *key)
{
  g_autofree char *text = setting_text (store, schema, key);

  return text ? atoi (text) : 0;
}

/* What the next plan may not do: begin before this one ends, or drop a
 * tier the ledger's certifications hold. */
static gboolean
check_next (SlStore        *store,
            SlPlanPreview  *p,
            GError        **error)
{
  g_autoptr(SlStmt) tiers = NULL;

  if (p->start <= p->old_end)
    {
      g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_RANGE,
                   _("Plan period: the next plan must begin after this one ends (%d); “%s” begins in %d"),
                   p->old_end, p->title, p->start);
      return FALSE;
    }
  tiers = _sl_store_prepare (store,
    "SELECT c.tier_key, count(*) FROM main.certification c"
    " WHERE c.tier_key NOT IN (SELECT key FROM plan.tier) GROUP BY c.tier_key ORDER BY c.tier_key LIMIT 1", error);
  if (tiers == NULL)
    return FALSE;
  if (sqlite3_step (tiers) == SQLITE_ROW)
    {
      g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_CONFLICT,
                   _("Tiers: “%s” is held by %d certifications of this ledger and is not a tier of the new plan"),
                   _sl_column_text (tiers, 0), sqlite3_column_int (tiers, 1));
      return FALSE;
    }
  return TRUE;
}

static void
add_line (SlPlanPreview *p,
          char          *line)
{
  g_ptr_array_add (p->lines, line);
}

/* Lines from a query whose rows are the format's text arguments. */
static gboolean
add_rows (SlStore        *store,
          SlPlanPreview  *p,
          const char     *sql,
          char         *(*line) (SlStmt *stmt, SlPlanPreview *p),
          GError        **error)
{
  g_autoptr(GError) step_error = NULL;
  g_autoptr(SlStmt) stmt = _sl_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  while (_sl_step_row (stmt, &step_error))
    add_line (p, line (stmt, p));
  if (step_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&step_error));
      return FALSE;
    }
  return TRUE;
}

static char *
goal_line (SlStmt        *stmt,
           SlPlanPreview *p)
{
  const char *name = _sl_column_text (stmt, 0);
  g_autofree char *goal = number_text (sqlite3_column_double (stmt, 1));

  if (sqlite3_column_type (stmt, 2) == SQLITE_NULL)
    /* TRANSLATORS: a plan's preview: an indicator the new plan brings, with its goal and year */
    return g_strdup_printf (_("New indicator: %s, goal %s for %d"), name, goal, p->end);
  {
    g_autofree char *was = number_text (sqlite3_column_double (stmt, 2));

    /* TRANSLATORS: a plan's preview: an indicator of both plans, its new goal and the old */
    return g_strdup_printf (_("%s: goal %s for %d (was %s for %d)"), name, goal, p->end, was, p->old_end);
  }
}

static char *
retired_line (SlStmt        *stmt,
              SlPlanPreview *p)
{
  /* TRANSLATORS: a plan's preview: an indicator the new plan does not have */
  return g_strdup_printf (_("Kept for the bulletins of %d–%d only: %s"), p->old_start, p->old_end, _sl_column_text (stmt, 0));
}

static char *
programme_line (SlStmt        *stmt,
                SlPlanPreview *p)
{
  int n = sqlite3_column_int (stmt, 1);

  /* TRANSLATORS: a plan's preview: a programme of the new plan and its number of items */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "New programme: %s (%d item)", "New programme: %s (%d items)", n),
                          _sl_column_text (stmt, 0), n);
}

static char *
list_line (SlStmt        *stmt,
           SlPlanPreview *p)
{
  /* TRANSLATORS: a plan's preview: what the new plan adds, e.g. 新增荣誉：…, 新增辖区：… */
  return g_strdup_printf (_("%s: %s"), _sl_column_text (stmt, 0), _sl_column_text (stmt, 1));
}

static char *
tier_line (SlStmt        *stmt,
           SlPlanPreview *p)
{
  /* TRANSLATORS: a plan's preview: a tier the new plan names differently */
  return g_strdup_printf (_("Tier renamed: %s → %s"), _sl_column_text (stmt, 0), _sl_column_text (stmt, 1));
}

typedef char SqlText;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SqlText, sqlite3_free)

static gboolean
fill_preview (SlStore        *store,
              SlPlanPreview  *p,
              GError        **error)
{
  /* The headings are the translation's: quoted as SQL text, whatever they hold. */
  g_autoptr(SqlText) honours = sqlite3_mprintf ("SELECT %Q, group_concat (name, '、') FROM plan.honour p"
                                                " WHERE NOT EXISTS (SELECT 1 FROM main.honour h WHERE h.key = p.key OR h.name = p.name)"
                                                " HAVING count(*) > 0", _("New honours"));
  g_autoptr(SqlText) places = sqlite3_mprintf ("SELECT %Q, group_concat (name, '、') FROM plan.jurisdiction p"
                                               " WHERE NOT EXISTS (SELECT 1 FROM main.jurisdiction j WHERE j.name = p.name"
                                               "   OR (p.code IS NOT NULL AND j.code = p.code)) HAVING count(*) > 0",
                                               _("New jurisdictions"));
  g_autoptr(SqlText) chains = sqlite3_mprintf ("SELECT %Q, group_concat (name, '、') FROM plan.industry_chain p"
                                               " WHERE NOT EXISTS (SELECT 1 FROM main.industry_chain c WHERE c.key = p.key OR c.name = p.name)"
                                               " HAVING count(*) > 0", _("New industrial chains"));
  gint64 firms, same;
  int n_old;

  {
    g_autofree char *was = sl_plan_display_name (p->old_title, p->old_start, p->old_end);
    g_autofree char *next = sl_plan_display_name (p->title, p->start, p->end);

    /* TRANSLATORS: a plan's preview, first line: the plan now and the next */
    add_line (p, g_strdup_printf (_("Plan: %s → %s"), was, next));
  }
  /* The goals that change, one line each; the rest in one. */
  if (!add_rows (store, p,
                 "SELECT name, goal, was FROM (SELECT m.name, m.position, t.value AS goal,"
                 "   (SELECT o.value FROM main.target o WHERE o.metric_key = m.key"
                 "    AND o.jurisdiction_id IS NULL ORDER BY o.year DESC LIMIT 1) AS was"
                 "   FROM plan.metric m JOIN plan.target t ON t.metric_key = m.key AND t.jurisdiction_id IS NULL)"
                 " WHERE was IS NOT goal ORDER BY position", goal_line, error))
    return FALSE;
  same = count_of (store,
    "SELECT count(*) FROM plan.metric m JOIN plan.target t ON t.metric_key = m.key AND t.jurisdiction_id IS NULL"
    " WHERE t.value IS (SELECT o.value FROM main.target o WHERE o.metric_key = m.key"
    "                   AND o.jurisdiction_id IS NULL ORDER BY o.year DESC LIMIT 1)");
  if (same > 0)
    /* TRANSLATORS: a plan's preview: the indicators whose goal the next plan keeps, now for its last year */
    add_line (p, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d indicator keeps its goal, now for %d",
                                               "%d indicators keep their goals, now for %d", (gulong) same),
                                  (int) same, p->end));
  if (!add_rows (store, p,
                 "SELECT m.name FROM main.metric m WHERE m.until_year IS NULL"
                 " AND m.key NOT IN (SELECT key FROM plan.metric) ORDER BY m.position", retired_line, error)
      || !add_rows (store, p,
                    "SELECT o.name, n.name FROM main.tier o JOIN plan.tier n ON n.key = o.key WHERE n.name IS NOT o.name"
                    " ORDER BY o.level", tier_line, error)
      || !add_rows (store, p,
                    "SELECT p.title, (SELECT count(*) FROM plan.checklist_item i WHERE i.project_id = p.id)"
                    " FROM plan.project p WHERE p.kind = 'programme' ORDER BY p.position", programme_line, error)
      || !add_rows (store, p, honours, list_line, error)
      || !add_rows (store, p, places, list_line, error)
      || !add_rows (store, p, chains, list_line, error))
    return FALSE;

  n_old = count_of (store, "SELECT count(*) FROM main.project WHERE kind = 'programme' AND until_year IS NULL");
  if (n_old > 0)
    /* TRANSLATORS: a plan's preview: the programmes of the plan that ends */
    add_line (p, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "The %d programme of the last plan stays, with its items, for the bulletins of %d–%d",
                                               "The %d programmes of the last plan stay, with their items, for the bulletins of %d–%d",
                                               n_old),
                                  n_old, p->old_start, p->old_end));
  firms = count_of (store, "SELECT count(*) FROM main.enterprise WHERE deleted_at IS NULL");
  {
    g_autofree char *n = number_text ((double) firms);

    /* TRANSLATORS: a plan's preview, last line: what loading the next plan keeps */
    add_line (p, g_strdup_printf (_("Kept as they are: %s enterprises, their certifications, figures, honours and dossiers, and the ledger’s history"), n));
  }
  return TRUE;
}

static SlPlanPreview *
read_heads (SlStore *store)
{
  SlPlanPreview *p = g_new0 (SlPlanPreview, 1);

  p->lines = g_ptr_array_new_with_free_func (g_free);
  p->key = setting_text (store, "plan", "plan_key");
  p->title = setting_text (store, "plan", "plan_title");
  p->start = setting_int (store, "plan", "plan_start_year");
  p->end = setting_int (store, "plan", "plan_end_year");
  p->old_title = setting_text (store, "main", "plan_title");
  p->old_start = setting_int (store, "main", "plan_start_year");
  p->old_end = setting_int (store, "main", "plan_end_year");
  if (p->old_end == 0)
    {
      /* A ledger older than the plan's years: its goals' year is its end. */
      p->old_end = count_of (store, "SELECT ifnull (max (year), 0) FROM main.target WHERE jurisdiction_id IS NULL");
      p->old_start = p->old_end;
    }
  return p;
}

/* ?1 the last plan's last year, ?2 the new plan's first, ?3 the moment,
 * ?4 the last plan's key, ?5 its first year, ?6 its title. In this order: what refers comes after what it
 * refers to. */
static const char *apply_statements[] = {
  /* The plan that ends is kept by its years: a bulletin of them still
   * counts its goals' 序时进度 from its first day (sl-summary.c). */
  "INSERT INTO setting (key, value) VALUES ('plan_history', json_array (json_object ('key', ?4, 'title', ?6, 'start', ?5, 'end', ?1)))"
  " ON CONFLICT (key) DO UPDATE SET value = json_insert (value, '$[#]', json_object ('key', ?4, 'title', ?6, 'start', ?5, 'end', ?1))",
  "INSERT INTO rule_version (key, name, effective_from) SELECT key, name, effective_from FROM plan.rule_version WHERE true"
  " ON CONFLICT (key) DO UPDATE SET name = excluded.name, effective_from = excluded.effective_from",
  "INSERT INTO tier (key, name, name_en, level, validity_years, requires)"
  " SELECT key, name, name_en, level, validity_years, requires FROM plan.tier WHERE true"
  " ON CONFLICT (key) DO UPDATE SET name = excluded.name, name_en = excluded.name_en,"
  " validity_years = excluded.validity_years, requires = excluded.requires",
  "INSERT INTO jurisdiction (code, name, kind, position)"
  " SELECT p.code, p.name, p.kind, p.position FROM plan.jurisdiction p WHERE p.parent_id IS NULL"
  " AND NOT EXISTS (SELECT 1 FROM jurisdiction j WHERE j.name = p.name OR (p.code IS NOT NULL AND j.code = p.code))"
  " ORDER BY p.position, p.id",
  "INSERT INTO jurisdiction (code, name, kind, parent_id, position)"
  " SELECT p.code, p.name, p.kind, (SELECT j.id FROM jurisdiction j JOIN plan.jurisdiction pp ON pp.name = j.name"
  "   WHERE pp.id = p.parent_id), p.position FROM plan.jurisdiction p WHERE p.parent_id IS NOT NULL"
  " AND NOT EXISTS (SELECT 1 FROM jurisdiction j WHERE j.name = p.name OR (p.code IS NOT NULL AND j.code = p.code))"
  " ORDER BY p.position, p.id",
  "INSERT INTO industry_chain (key, name, position) SELECT p.key, p.name, p.position FROM plan.industry_chain p"
  " WHERE NOT EXISTS (SELECT 1 FROM industry_chain c WHERE c.key = p.key OR c.name = p.name) ORDER BY p.position",
  "INSERT INTO honour (key, name, name_en, category, validity_years, position)"
  " SELECT p.key, p.name, p.name_en, p.category, p.validity_years, p.position FROM plan.honour p"
  " WHERE NOT EXISTS (SELECT 1 FROM honour h WHERE h.key = p.key OR h.name = p.name) ORDER BY p.position",
  "INSERT INTO population (key, name, definition) SELECT key, name, definition FROM plan.population WHERE true"
  " ON CONFLICT (key) DO UPDATE SET name = excluded.name, definition = excluded.definition",
  /* The last plan's indicators the next does not have end with it. */
  "UPDATE metric SET until_year = ?1 WHERE until_year IS NULL AND key NOT IN (SELECT key FROM plan.metric)",
  "INSERT INTO metric (key, name, name_en, unit, comparison, measure, main_goal, position, from_year)"
  " SELECT key, name, name_en, unit, comparison, measure, main_goal, position, ?2 FROM plan.metric WHERE true"
  " ON CONFLICT (key) DO UPDATE SET name = excluded.name, name_en = excluded.name_en, unit = excluded.unit,"
  " comparison = excluded.comparison, measure = excluded.measure, main_goal = excluded.main_goal,"
  " position = excluded.position, until_year = NULL",
  "INSERT INTO target (metric_key, jurisdiction_id, year, value)"
  " SELECT metric_key, NULL, year, value FROM plan.target WHERE jurisdiction_id IS NULL"
  " ON CONFLICT DO UPDATE SET value = excluded.value",
  "DELETE FROM threshold WHERE rule_version IN (SELECT rule_version FROM plan.threshold)",
  "INSERT INTO threshold (rule_version, tier_key, position, key, name, at_least, at_most, unit)"
  " SELECT rule_version, tier_key, position, key, name, at_least, at_most, unit FROM plan.threshold",
  "DELETE FROM checklist_template",
  "INSERT INTO checklist_template (tier_key, position, title) SELECT tier_key, position, title FROM plan.checklist_template"
  " ORDER BY id",
  /* The last plan's programmes stay in its years, under keys of their own
   * so that the next plan's may take theirs. */
  "UPDATE project SET until_year = ?1, key = ?4 || '/' || key WHERE kind = 'programme' AND until_year IS NULL",
  "INSERT INTO project (key, kind, title, responsible, position, created_at, from_year)"
  " SELECT key, 'programme', title, responsible, position, ?3, ?2 FROM plan.project WHERE kind = 'programme'"
  " ORDER BY position, id",
  "INSERT INTO checklist_item (project_id, position, title, responsible, due_on, metric_key, target_value, unit)"
  " SELECT n.id, i.position, i.title, i.responsible, i.due_on, i.metric_key, i.target_value, i.unit"
  " FROM plan.checklist_item i JOIN plan.project pp ON pp.id = i.project_id"
  " JOIN project n ON n.key = pp.key AND n.kind = 'programme' AND n.from_year = ?2 AND n.until_year IS NULL"
  " ORDER BY n.id, i.position",
  "INSERT INTO setting (key, value) SELECT key, value FROM plan.setting"
  " WHERE key IN ('plan_key', 'plan_title', 'region_name', 'plan_start_year', 'plan_end_year')"
  "    OR key LIKE 'bulletin\\_mark\\_%' ESCAPE '\\' OR key LIKE 'reminder\\_%' ESCAPE '\\'"
  " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
  /* The unit the clerk has named stays; a ledger without one takes the plan's. */
  "INSERT INTO setting (key, value) SELECT key, value FROM plan.setting WHERE key = 'unit_name' AND value <> ''"
  " ON CONFLICT (key) DO UPDATE SET value = excluded.value WHERE setting.value = ''",
};

static JsonNode *
head_json (const char *key,
           const char *title,
           int         start,
           int         end)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  sl_json_add_text (b, "plan", key);
  sl_json_add_text (b, "title", title);
  json_builder_set_member_name (b, "start");
  json_builder_add_int_value (b, start);
  json_builder_set_member_name (b, "end");
  json_builder_add_int_value (b, end);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static gboolean
apply_cb (SlStore  *store,
          gpointer  user_data,
          GError  **error)
{
  SlPlanPreview *p = user_data;
  g_autoptr(GDateTime) now = sl_now ();
  g_autofree char *moment = g_date_time_format_iso8601 (now);
  g_autofree char *old_key = setting_text (store, "main", "plan_key");
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;

  if (!check_next (store, p, error) || !_sl_store_exec (store, "PRAGMA defer_foreign_keys = ON", error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (apply_statements); i++)
    {
      g_autoptr(SlStmt) stmt = _sl_store_prepare (store, apply_statements[i], error);
      int n;

      if (stmt == NULL)
        return FALSE;
      n = sqlite3_bind_parameter_count (stmt);
      if (n >= 1)
        sqlite3_bind_int (stmt, 1, p->old_end);
      if (n >= 2)
        sqlite3_bind_int (stmt, 2, p->start);
      if (n >= 3)
        _sl_bind_text (stmt, 3, moment);
      if (n >= 4)
        _sl_bind_text (stmt, 4, old_key ? old_key : "plan");
      if (n >= 5)
        sqlite3_bind_int (stmt, 5, p->old_start);
      if (n >= 6)
        _sl_bind_text (stmt, 6, p->old_title);
      if (!_sl_store_step_done (store, stmt, error))
        return FALSE;
    }
  before = head_json (old_key, p->old_title, p->old_start, p->old_end);
  after = head_json (p->key, p->title, p->start, p->end);
  return sl_store_audit (store, "plan", 0, "update", before, after, error);
}

static SlPlanPreview *
run (SlStore     *store,
     const char  *path,
     gboolean     write,
     GError     **error)
{
  g_auto(Staged) staged = { NULL };
  g_autoptr(SlPlanPreview) p = NULL;
  gboolean ok;

  g_return_val_if_fail (SL_IS_STORE (store) && path != NULL, NULL);

  if (!stage (path, &staged, error) || !attach (store, staged.db, error))
    return NULL;
  p = read_heads (store);
  ok = check_next (store, p, error) && fill_preview (store, p, error)
       && (!write || sl_store_write (store, apply_cb, p, error));
  _sl_store_exec (store, "DETACH plan", NULL);
  return ok ? g_steal_pointer (&p) : NULL;
}

/**
 * sl_plan_preview:
 * @path: the next plan's file (JSON, as data/plans/ has them)
 *
 * Checks @path as a new ledger's plan is checked, and that it can follow
 * this ledger's plan, and says what loading it would change. Nothing is
 * written.
 *
 * Returns: (transfer full) (nullable): what changes, or %NULL with an error
 *   naming the file's place at fault or the rule
 */
SlPlanPreview *
sl_plan_preview (SlStore     *store,
                 const char  *path,
                 GError     **error)
{
  return run (store, path, FALSE, error);
}

/**
 * sl_plan_load_next:
 *
 * As sl_plan_preview(), and then loads the plan: one transaction with an
 * audit row. On failure the ledger is as it was.
 *
 * Returns: (transfer full) (nullable): what changed
 */
SlPlanPreview *
sl_plan_load_next (SlStore     *store,
                   const char  *path,
                   GError     **error)
{
  return run (store, path, TRUE, error);
}
