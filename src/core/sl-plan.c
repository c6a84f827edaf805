/* sl-plan.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-plan"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sl-plan-private.h"
#include "sl-store-private.h"
#include "sl-util.h"

#define PLAN_FORMAT 1


gboolean
_sl_plan_step (Loader      *l,
               SlStmt      *stmt,
               const char  *path,
               GError     **error)
{
  int rc = sqlite3_step (stmt);

  /* The loader reuses one statement per list and binds the optional
   * columns only when present: an absent one must be NULL, not the
   * previous row's. */
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if ((rc & 0xff) == SQLITE_CONSTRAINT)
    return _sl_plan_error (error, path, _("duplicates or contradicts an earlier entry (%s)"),
                       sqlite3_errmsg (_sl_store_get_db (l->store)));
  return _sl_store_sql_error (l->store, error);
}

static gboolean
load_rule_versions (Loader  *l,
                    GError **error)
{
  JsonArray *arr = _sl_plan_get_array (l->root, "$", "rule_versions", TRUE, error);
  g_autoptr(SlStmt) stmt = NULL;

  if (arr == NULL)
    return FALSE;
  stmt = _sl_store_prepare (l->store, "INSERT INTO rule_version (key, name, effective_from) VALUES (?1, ?2, ?3)", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (arr); i++)
    {
      g_autofree char *p = g_strdup_printf ("$.rule_versions[%u]", i);
      JsonObject *o = _sl_plan_element_object (arr, i, p, error);
      const char *key, *name, *from;

      if (o == NULL
          || !_sl_plan_get_string (o, p, "key", TRUE, &key, error)
          || !_sl_plan_get_string (o, p, "name", TRUE, &name, error)
          || !_sl_plan_get_string (o, p, "effective_from", TRUE, &from, error))
        return FALSE;
      if (!sl_date_is_valid (from))
        {
          g_autofree char *pp = g_strdup_printf ("%s.effective_from", p);
          return _sl_plan_error (error, pp, _("“%s” is not a date (YYYY-MM-DD)"), from);
        }
      _sl_bind_text (stmt, 1, key);
      _sl_bind_text (stmt, 2, name);
      _sl_bind_text (stmt, 3, from);
      if (!_sl_plan_step (l, stmt, p, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
load_tiers (Loader  *l,
            GError **error)
{
  JsonArray *arr = _sl_plan_get_array (l->root, "$", "tiers", TRUE, error);
  g_autoptr(SlStmt) stmt = NULL;

  if (arr == NULL)
    return FALSE;
  if (json_array_get_length (arr) == 0)
    return _sl_plan_error (error, "$.tiers", _("must list at least one tier"));
  stmt = _sl_store_prepare (l->store,
                            "INSERT INTO tier (key, name, name_en, level, validity_years, requires)"
                            " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (arr); i++)
    {
      g_autofree char *p = g_strdup_printf ("$.tiers[%u]", i);
      JsonObject *o = _sl_plan_element_object (arr, i, p, error);
      const char *key, *name, *name_en, *requires;
      double years = 0;
      gboolean has_years;

      if (o == NULL
          || !_sl_plan_get_string (o, p, "key", TRUE, &key, error)
          || !_sl_plan_check_key (key, p, error)
          || !_sl_plan_get_string (o, p, "name", TRUE, &name, error)
          || !_sl_plan_get_string (o, p, "name_en", FALSE, &name_en, error)
          || !_sl_plan_get_number (o, p, "validity_years", FALSE, TRUE, &years, &has_years, error)
          || !_sl_plan_get_string (o, p, "requires", FALSE, &requires, error))
        return FALSE;
      if (has_years && years < 1)
        {
          g_autofree char *pp = g_strdup_printf ("%s.validity_years", p);
          return _sl_plan_error (error, pp, _("must be at least 1 year, or null for no expiry"));
        }
      _sl_bind_text (stmt, 1, key);
      _sl_bind_text (stmt, 2, name);
      _sl_bind_text (stmt, 3, name_en);
      sqlite3_bind_int (stmt, 4, (int) i);
      if (has_years)
        sqlite3_bind_int (stmt, 5, (int) years);
      _sl_bind_text (stmt, 6, requires);
      if (!_sl_plan_step (l, stmt, p, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
load_jurisdictions (Loader  *l,
                    GError **error)
{
  static const char *kinds[] = { "district", "county", "zone", "town", NULL };
  JsonArray *arr = _sl_plan_get_array (l->root, "$", "jurisdictions", TRUE, error);
  g_autoptr(SlStmt) stmt = NULL;

  if (arr == NULL)
    return FALSE;
  stmt = _sl_store_prepare (l->store,
                            "INSERT INTO jurisdiction (code, name, kind, position) VALUES (?1, ?2, ?3, ?4)", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (arr); i++)
    {
      g_autofree char *p = g_strdup_printf ("$.jurisdictions[%u]", i);
      JsonObject *o = _sl_plan_element_object (arr, i, p, error);
      const char *code, *name, *kind;

      if (o == NULL
          || !_sl_plan_get_string (o, p, "code", FALSE, &code, error)
          || !_sl_plan_get_string (o, p, "name", TRUE, &name, error)
          || !_sl_plan_get_string (o, p, "kind", TRUE, &kind, error))
        return FALSE;
      if (!g_strv_contains (kinds, kind))
        {
          g_autofree char *pp = g_strdup_printf ("%s.kind", p);
          return _sl_plan_error (error, pp, _("“%s” is not one of district, county, zone, town"), kind);
        }
      if (code != NULL && (strlen (code) != 6 || strspn (code, "0123456789") != 6))
        {
          g_autofree char *pp = g_strdup_printf ("%s.code", p);
          return _sl_plan_error (error, pp, _("“%s” is not a six-digit GB/T 2260 code"), code);
        }
      _sl_bind_text (stmt, 1, code);
      _sl_bind_text (stmt, 2, name);
      _sl_bind_text (stmt, 3, kind);
      sqlite3_bind_int (stmt, 4, (int) i);
      if (!_sl_plan_step (l, stmt, p, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
load_chains (Loader  *l,
             GError **error)
{
  JsonArray *arr = _sl_plan_get_array (l->root, "$", "industry_chains", TRUE, error);
  g_autoptr(SlStmt) stmt = NULL;

  if (arr == NULL)
    return FALSE;
  stmt = _sl_store_prepare (l->store,
                            "INSERT INTO industry_chain (key, name, position) VALUES (?1, ?2, ?3)", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (arr); i++)
    {
      g_autofree char *p = g_strdup_printf ("$.industry_chains[%u]", i);
      JsonObject *o = _sl_plan_element_object (arr, i, p, error);
      const char *key, *name;

      if (o == NULL
          || !_sl_plan_get_string (o, p, "key", TRUE, &key, error)
          || !_sl_plan_check_key (key, p, error)
          || !_sl_plan_get_string (o, p, "name", TRUE, &name, error))
        return FALSE;
      _sl_bind_text (stmt, 1, key);
      _sl_bind_text (stmt, 2, name);
      sqlite3_bind_int (stmt, 3, (int) i);
      if (!_sl_plan_step (l, stmt, p, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
load_honours (Loader  *l,
              GError **error)
{
  JsonArray *arr = _sl_plan_get_array (l->root, "$", "honours", TRUE, error);
  g_autoptr(SlStmt) stmt = NULL;

  if (arr == NULL)
    return FALSE;
  stmt = _sl_store_prepare (l->store,
                            "INSERT INTO honour (key, name, name_en, category, validity_years, position)"
                            " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (arr); i++)
    {
      g_autofree char *p = g_strdup_printf ("$.honours[%u]", i);
      JsonObject *o = _sl_plan_element_object (arr, i, p, error);
      const char *key, *name, *name_en, *category;
      double years = 0;
      gboolean has_years;

      if (o == NULL
          || !_sl_plan_get_string (o, p, "key", TRUE, &key, error)
          || !_sl_plan_check_key (key, p, error)
          || !_sl_plan_get_string (o, p, "name", TRUE, &name, error)
          || !_sl_plan_get_string (o, p, "name_en", FALSE, &name_en, error)
          || !_sl_plan_get_string (o, p, "category", TRUE, &category, error)
          || !_sl_plan_get_number (o, p, "validity_years", FALSE, TRUE, &years, &has_years, error))
        return FALSE;
      if (has_years && years < 1)
        {
          g_autofree char *pp = g_strdup_printf ("%s.validity_years", p);
          return _sl_plan_error (error, pp, _("must be at least 1 year, or null for no expiry"));
        }
      _sl_bind_text (stmt, 1, key);
      _sl_bind_text (stmt, 2, name);
      _sl_bind_text (stmt, 3, name_en);
      _sl_bind_text (stmt, 4, category);
      if (has_years)
        sqlite3_bind_int (stmt, 5, (int) years);
      sqlite3_bind_int (stmt, 6, (int) i);
      if (!_sl_plan_step (l, stmt, p, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
_sl_plan_exists (Loader     *l,
                 const char *sql,
                 const char *key)
{
  g_autoptr(SlStmt) stmt = _sl_store_prepare (l->store, sql, NULL);

  if (stmt == NULL || key == NULL)
    return FALSE;
  _sl_bind_text (stmt, 1, key);
  return sqlite3_step (stmt) == SQLITE_ROW;
}


gboolean
_sl_plan_check_ref (Loader      *l,
                    JsonObject  *o,
                    const char  *path,
                    const char  *name,
                    const char  *exists_sql,
                    gboolean     required,
                    GError     **error)
{
  const char *key;

  if (!_sl_plan_get_string (o, path, name, required, &key, error))
    return FALSE;
  if (key != NULL && !_sl_plan_exists (l, exists_sql, key))
    {
      g_autofree char *p = g_strdup_printf ("%s.%s", path, name);
      return _sl_plan_error (error, p, _("“%s” is not defined in this plan"), key);
    }
  return TRUE;
}

static gboolean
load_populations (Loader  *l,
                  GError **error)
{
  JsonArray *arr = _sl_plan_get_array (l->root, "$", "populations", TRUE, error);
  g_autoptr(SlStmt) stmt = NULL;

  if (arr == NULL)
    return FALSE;
  stmt = _sl_store_prepare (l->store, "INSERT INTO population (key, name, definition) VALUES (?1, ?2, ?3)", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (arr); i++)
    {
      g_autofree char *p = g_strdup_printf ("$.populations[%u]", i);
      JsonObject *o = _sl_plan_element_object (arr, i, p, error);
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *definition = NULL;
      const char *key, *name;
      JsonArray *tiers;

      if (o == NULL
          || !_sl_plan_get_string (o, p, "key", TRUE, &key, error)
          || !_sl_plan_check_key (key, p, error)
          || !_sl_plan_get_string (o, p, "name", TRUE, &name, error))
        return FALSE;
      tiers = _sl_plan_get_array (o, p, "tiers", FALSE, error);
      if (tiers == NULL && error && *error)
        return FALSE;
      for (guint t = 0; tiers != NULL && t < json_array_get_length (tiers); t++)
        {
          const char *tier = json_array_get_string_element (tiers, t);
          if (tier == NULL || !_sl_plan_exists (l, TIER_EXISTS, tier))
            {
              g_autofree char *pp = g_strdup_printf ("%s.tiers[%u]", p, t);
              return _sl_plan_error (error, pp, _("“%s” is not a tier of this plan"), tier ? tier : "null");
            }
        }
      node = json_node_new (JSON_NODE_OBJECT);
      json_node_set_object (node, o);
      definition = json_to_string (node, FALSE);
      _sl_bind_text (stmt, 1, key);
      _sl_bind_text (stmt, 2, name);
      _sl_bind_text (stmt, 3, definition);
      if (!_sl_plan_step (l, stmt, p, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
check_measure (Loader      *l,
               JsonObject  *measure,
               const char  *path,
               GError     **error)
{
  static const char *figure_fields[] = {
    "revenue", "main_revenue", "rd_expense", "patents_valid", "staff", "rd_staff",
    "cnc_rate", "digital_mgmt", "digital_rd_tools", NULL
  };
  const char *kind;
  const char *field;
  g_autofree char *kp = g_strdup_printf ("%s.kind", path);

  if (!_sl_plan_get_string (measure, path, "kind", TRUE, &kind, error))
    return FALSE;

  if (g_str_equal (kind, "tier_count"))
    return _sl_plan_check_ref (l, measure, path, "tier", TIER_EXISTS, TRUE, error);
  if (g_str_equal (kind, "honour_count"))
    return _sl_plan_check_ref (l, measure, path, "honour", HONOUR_EXISTS, TRUE, error)
           && _sl_plan_check_ref (l, measure, path, "population", POPULATION_EXISTS, FALSE, error);
  if (g_str_equal (kind, "manual"))
    return TRUE;
  if (g_str_equal (kind, "per_specialist") || g_str_equal (kind, "chain_coverage"))
    return _sl_plan_check_ref (l, measure, path, "population", POPULATION_EXISTS, TRUE, error);
  if (g_str_equal (kind, "share_honour"))
    {
      JsonArray *honours = _sl_plan_get_array (measure, path, "honours", TRUE, error);

      if (honours == NULL)
        return FALSE;
      for (guint i = 0; i < json_array_get_length (honours); i++)
        {
          const char *h = json_array_get_string_element (honours, i);
          if (h == NULL || !_sl_plan_exists (l, HONOUR_EXISTS, h))
            {
              g_autofree char *pp = g_strdup_printf ("%s.honours[%u]", path, i);
              return _sl_plan_error (error, pp, _("“%s” is not an honour of this plan"), h ? h : "null");
            }
        }
      return _sl_plan_check_ref (l, measure, path, "population", POPULATION_EXISTS, TRUE, error);
    }
  if (g_str_equal (kind, "mean") || g_str_equal (kind, "share_flag"))
    {
      if (!_sl_plan_get_string (measure, path, "field", TRUE, &field, error))
        return FALSE;
      if (!g_strv_contains (figure_fields, field))
        {
          g_autofree char *pp = g_strdup_printf ("%s.field", path);
          return _sl_plan_error (error, pp, _("“%s” is not a yearly figure"), field);
        }
      return _sl_plan_check_ref (l, measure, path, "population", POPULATION_EXISTS, TRUE, error);
    }
  if (g_str_equal (kind, "ratio_of_sums"))
    {
      const char *fields[] = { "numerator", "denominator" };

      for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
        {
          if (!_sl_plan_get_string (measure, path, fields[i], TRUE, &field, error))
            return FALSE;
          if (!g_strv_contains (figure_fields, field))
            {
              g_autofree char *pp = g_strdup_printf ("%s.%s", path, fields[i]);
              return _sl_plan_error (error, pp, _("“%s” is not a yearly figure"), field);
            }
        }
      return _sl_plan_check_ref (l, measure, path, "population", POPULATION_EXISTS, TRUE, error)
             && _sl_plan_check_ref (l, measure, path, "denominator_population", POPULATION_EXISTS, FALSE, error);
    }
  return _sl_plan_error (error, kp, _("“%s” is not a kind of measure"), kind);
}

static gboolean
load_metrics (Loader  *l,
              GError **error)
{
  static const char *comparisons[] = { ">", ">=", "<=", "<", NULL };
  JsonArray *arr = _sl_plan_get_array (l->root, "$", "metrics", TRUE, error);
  g_autoptr(SlStmt) stmt = NULL;
  g_autoptr(SlStmt) target = NULL;

  if (arr == NULL)
    return FALSE;
  stmt = _sl_store_prepare (l->store,
                            "INSERT INTO metric (key, name, name_en, unit, comparison, measure, main_goal, position)"
                            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error);
  target = _sl_store_prepare (l->store,
                              "INSERT INTO target (metric_key, jurisdiction_id, year, value) VALUES (?1, NULL, ?2, ?3)",
                              error);
  if (stmt == NULL || target == NULL)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (arr); i++)
    {
      g_autofree char *p = g_strdup_printf ("$.metrics[%u]", i);
      g_autofree char *mp = g_strdup_printf ("%s.measure", p);
      JsonObject *o = _sl_plan_element_object (arr, i, p, error);
      g_autofree char *measure_s = NULL;
      const char *key, *name, *name_en, *unit, *comparison;
      JsonNode *measure;
      JsonNode *goal;
      double value = 0;
      gboolean has_value;

      if (o == NULL
          || !_sl_plan_get_string (o, p, "key", TRUE, &key, error)
          || !_sl_plan_check_key (key, p, error)
          || !_sl_plan_get_string (o, p, "name", TRUE, &name, error)
          || !_sl_plan_get_string (o, p, "name_en", FALSE, &name_en, error)
          || !_sl_plan_get_string (o, p, "unit", TRUE, &unit, error)
          || !_sl_plan_get_string (o, p, "comparison", TRUE, &comparison, error)
          || !_sl_plan_get_number (o, p, "target", TRUE, FALSE, &value, &has_value, error))
        return FALSE;
      if (!g_strv_contains (comparisons, comparison))
        {
          g_autofree char *pp = g_strdup_printf ("%s.comparison", p);
          return _sl_plan_error (error, pp, _("“%s” is not one of >, >=, <=, <"), comparison);
        }
      measure = _sl_plan_member (o, p, "measure", TRUE, error);
      if (measure == NULL)
        return FALSE;
      if (!JSON_NODE_HOLDS_OBJECT (measure))
        return _sl_plan_error (error, mp, _("expected an object"));
      if (!check_measure (l, json_node_get_object (measure), mp, error))
        return FALSE;
      goal = json_object_get_member (o, "main_goal");

      measure_s = json_to_string (measure, FALSE);
      _sl_bind_text (stmt, 1, key);
      _sl_bind_text (stmt, 2, name);
      _sl_bind_text (stmt, 3, name_en);
      _sl_bind_text (stmt, 4, unit);
      _sl_bind_text (stmt, 5, comparison);
      _sl_bind_text (stmt, 6, measure_s);
      sqlite3_bind_int (stmt, 7, goal != NULL && JSON_NODE_HOLDS_VALUE (goal) && json_node_get_boolean (goal));
      sqlite3_bind_int (stmt, 8, (int) i);
      if (!_sl_plan_step (l, stmt, p, error))
        return FALSE;

      _sl_bind_text (target, 1, key);
      sqlite3_bind_int (target, 2, l->target_year);
      sqlite3_bind_double (target, 3, value);
      if (!_sl_plan_step (l, target, p, error))
        return FALSE;

      g_hash_table_insert (l->metric_units, g_strdup (key), g_strdup (unit));
      g_hash_table_insert (l->metric_targets, g_strdup (key), g_memdup2 (&value, sizeof value));
    }
  return TRUE;
}

/* Optional: "thresholds": { rule version: { tier: [ {key, name, at_least | at_most, unit} ] } } */
static gboolean
load_thresholds (Loader  *l,
                 GError **error)
{
  static const char *keys[] = {
    "niche_years", "rd_expense", "rd_intensity", "revenue", "main_revenue_share", "debt_ratio", NULL
  };
  JsonNode *node = json_object_get_member (l->root, "thresholds");
  g_autoptr(SlStmt) stmt = NULL;
  g_autoptr(GList) versions = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return _sl_plan_error (error, "$.thresholds", _("expected an object"));
  stmt = _sl_store_prepare (l->store,
    "INSERT INTO threshold (rule_version, tier_key, position, key, name, at_least, at_most, unit)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error);
  if (stmt == NULL)
    return FALSE;
  versions = json_object_get_members (json_node_get_object (node));
  for (GList *v = versions; v; v = v->next)
    {
      g_autofree char *vp = g_strdup_printf ("$.thresholds.%s", (char *) v->data);
      JsonNode *tiers = json_object_get_member (json_node_get_object (node), v->data);
      g_autoptr(GList) tier_keys = NULL;

      if (!_sl_plan_exists (l, "SELECT 1 FROM rule_version WHERE key = ?1", v->data))
        return _sl_plan_error (error, vp, _("“%s” is not a rule version of this plan"), (char *) v->data);
      if (!JSON_NODE_HOLDS_OBJECT (tiers))
        return _sl_plan_error (error, vp, _("expected an object"));
      tier_keys = json_object_get_members (json_node_get_object (tiers));
      for (GList *t = tier_keys; t; t = t->next)
        {
          g_autofree char *tp = g_strdup_printf ("%s.%s", vp, (char *) t->data);
          JsonArray *list = _sl_plan_get_array (json_node_get_object (tiers), vp, t->data, TRUE, error);

          if (list == NULL)
            return FALSE;
          if (!_sl_plan_exists (l, TIER_EXISTS, t->data))
            return _sl_plan_error (error, tp, _("“%s” is not a tier of this plan"), (char *) t->data);
          for (guint i = 0; i < json_array_get_length (list); i++)
            {
              g_autofree char *p = g_strdup_printf ("%s[%u]", tp, i);
              JsonObject *o = _sl_plan_element_object (list, i, p, error);
              const char *key, *name, *unit;
              double least = 0, most = 0;
              gboolean has_least, has_most;

              if (o == NULL
                  || !_sl_plan_get_string (o, p, "key", TRUE, &key, error)
                  || !_sl_plan_get_string (o, p, "name", TRUE, &name, error)
                  || !_sl_plan_get_string (o, p, "unit", FALSE, &unit, error)
                  || !_sl_plan_get_number (o, p, "at_least", FALSE, FALSE, &least, &has_least, error)
                  || !_sl_plan_get_number (o, p, "at_most", FALSE, FALSE, &most, &has_most, error))
                return FALSE;
              if (!g_strv_contains (keys, key))
                {
                  g_autofree char *kp = g_strdup_printf ("%s.key", p);
                  return _sl_plan_error (error, kp, _("“%s” is not a measure the hints know"), key);
                }
              if (has_least == has_most)
                return _sl_plan_error (error, p, _("needs exactly one of at_least and at_most"));
              _sl_bind_text (stmt, 1, v->data);
              _sl_bind_text (stmt, 2, t->data);
              sqlite3_bind_int (stmt, 3, (int) i);
              _sl_bind_text (stmt, 4, key);
              _sl_bind_text (stmt, 5, name);
              if (has_least)
                sqlite3_bind_double (stmt, 6, least);
              if (has_most)
                sqlite3_bind_double (stmt, 7, most);
              _sl_bind_text (stmt, 8, unit);
              if (!_sl_plan_step (l, stmt, p, error))
                return FALSE;
            }
        }
    }
  return TRUE;
}

static gboolean
load_settings (Loader  *l,
               GError **error)
{
  g_autoptr(SlStmt) stmt = NULL;
  const char *key, *title, *unit, *region = NULL;
  const char *pairs[12];
  g_autofree char *start = g_strdup_printf ("%04d", l->start_year);
  g_autofree char *end = g_strdup_printf ("%04d", l->target_year);
  JsonNode *region_node = json_object_get_member (l->root, "region");

  if (!_sl_plan_get_string (l->root, "$", "key", TRUE, &key, error)
      || !_sl_plan_get_string (l->root, "$", "title", TRUE, &title, error)
      || !_sl_plan_get_string (l->root, "$", "unit", FALSE, &unit, error))
    return FALSE;
  /* The place the plan is for (连云港市): a bulletin's title names it. */
  if (region_node != NULL && JSON_NODE_HOLDS_OBJECT (region_node))
    region = json_object_get_string_member_with_default (json_node_get_object (region_node), "name", NULL);
  pairs[0] = "plan_key";    pairs[1] = key;
  pairs[2] = "plan_title";  pairs[3] = title;
  pairs[4] = "unit_name";   pairs[5] = unit ? unit : "";
  pairs[6] = "region_name"; pairs[7] = region ? region : "";
  /* The plan's first year: its goals' 序时进度 counts from it. */
  pairs[8] = "plan_start_year"; pairs[9] = start;
  pairs[10] = "plan_end_year"; pairs[11] = end;

  stmt = _sl_store_prepare (l->store, "INSERT INTO setting (key, value) VALUES (?1, ?2)", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (pairs); i += 2)
    {
      _sl_bind_text (stmt, 1, pairs[i]);
      _sl_bind_text (stmt, 2, pairs[i + 1]);
      if (!_sl_plan_step (l, stmt, "$", error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
load_period (Loader  *l,
             GError **error)
{
  JsonNode *node = _sl_plan_member (l->root, "$", "period", TRUE, error);
  double start = 0, end = 0;
  gboolean has;
  JsonObject *period;

  if (node == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return _sl_plan_error (error, "$.period", _("expected an object"));
  period = json_node_get_object (node);
  if (!_sl_plan_get_number (period, "$.period", "start", TRUE, TRUE, &start, &has, error)
      || !_sl_plan_get_number (period, "$.period", "end", TRUE, TRUE, &end, &has, error))
    return FALSE;
  if (end < start || start < 2000 || end > 2100)
    return _sl_plan_error (error, "$.period", _("the years %d–%d are not a plan period"), (int) start, (int) end);
  l->target_year = (int) end;
  l->start_year = (int) start;
  l->period_end = g_strdup_printf ("%04d-12-31", (int) end);
  return TRUE;
}

/**
 * _sl_plan_load:
 * @store: a new, empty ledger inside a transaction
 * @json: the plan file's bytes
 * @error: return location for an error naming the JSON path at fault
 *
 * Returns: %TRUE if the whole plan was loaded
 */
gboolean
_sl_plan_load (SlStore  *store,
               GBytes   *json,
               GError  **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(GHashTable) units = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) targets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *period_end = NULL;
  JsonNode *root;
  double format = 0;
  gboolean has;
  gsize len;
  const char *data;
  Loader l = { .store = store, .metric_units = units, .metric_targets = targets };
  gboolean ok;

  data = g_bytes_get_data (json, &len);
  if (!json_parser_load_from_data (parser, data, (gssize) len, &parse_error))
    {
      g_set_error (error, SL_PLAN_ERROR, SL_PLAN_ERROR_PARSE,
                   _("Plan file: $: not valid JSON: %s"), parse_error->message);
      return FALSE;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return _sl_plan_error (error, "$", _("expected an object"));
  l.root = json_node_get_object (root);

  if (!_sl_plan_get_number (l.root, "$", "format", TRUE, TRUE, &format, &has, error))
    return FALSE;
  if ((int) format != PLAN_FORMAT)
    return _sl_plan_error (error, "$.format", _("format %d is not supported (this version reads format %d)"),
                       (int) format, PLAN_FORMAT);

  ok = load_period (&l, error)
       && load_settings (&l, error)
       && load_rule_versions (&l, error)
       && load_tiers (&l, error)
       && load_jurisdictions (&l, error)
       && load_chains (&l, error)
       && load_honours (&l, error)
       && load_populations (&l, error)
       && load_metrics (&l, error)
       && _sl_plan_load_programmes (&l, error)
       && _sl_plan_load_dossier_templates (&l, error)
       && load_thresholds (&l, error)
       && _sl_plan_load_reminders (&l, error)
       && _sl_plan_load_bulletin (&l, error);
  period_end = l.period_end;

  if (ok)
    {
      /* A tier's prerequisite may name a tier listed after it, so check at the end. */
      g_autoptr(SlStmt) stmt = _sl_store_prepare (store,
        "SELECT t.key, t.requires FROM tier t WHERE t.requires IS NOT NULL"
        " AND NOT EXISTS (SELECT 1 FROM tier r WHERE r.key = t.requires)", error);
      if (stmt == NULL)
        return FALSE;
      if (sqlite3_step (stmt) == SQLITE_ROW)
        return _sl_plan_error (error, "$.tiers", _("“%s” requires “%s”, which is not a tier of this plan"),
                           _sl_column_text (stmt, 0), _sl_column_text (stmt, 1));
    }
  return ok;
}

/**
 * sl_plan_display_name:
 * @title: (nullable): the plan's title, as its file gives it
 *
 * Returns: (transfer full): the title, with the plan's years after it
 *   unless the title says them (连云港市…三年行动计划（2023—2025年）)
 */
char *
sl_plan_display_name (const char *title,
                      int         start,
                      int         end)
{
  g_autofree char *year = g_strdup_printf ("%d", start);

  if (title != NULL && strstr (title, year) != NULL)
    return g_strdup (title);
  /* TRANSLATORS: a plan's title and its years, where the title does not say them */
  return g_strdup_printf (_("%s (%d–%d)"), title ? title : "—", start, end);
}

/**
 * sl_plan_get_bundled:
 *
 * Returns: (transfer full) (nullable): the plan shipped with the program
 */
GBytes *
sl_plan_get_bundled (GError **error)
{
  return g_resources_lookup_data (RESOURCE_BASE "/plans/" SL_BUNDLED_PLAN ".json",
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, error);
}
