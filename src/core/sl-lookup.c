/* sl-lookup.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-lookup"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sl-lookup.h"
#include "sl-util.h"
#include "sl-store-private.h"

void
sl_lookup_item_free (SlLookupItem *item)
{
  if (item == NULL)
    return;
  g_free (item->key);
  g_free (item->name);
  g_free (item->kind);
  g_free (item);
}

static const char *list_sql[] = {
  [SL_LOOKUP_JURISDICTION] =
    "SELECT j.id, j.code, j.name, j.kind, ifnull (j.parent_id, 0), j.retired,"
    " CASE WHEN ?2 THEN (SELECT count(*) FROM enterprise e WHERE e.jurisdiction_id = j.id) ELSE 0 END"
    " FROM jurisdiction j WHERE ?1 OR j.retired = 0"
    " ORDER BY ifnull ((SELECT p.position FROM jurisdiction p WHERE p.id = j.parent_id), j.position),"
    "          j.parent_id IS NOT NULL, j.position, j.id",
  [SL_LOOKUP_CHAIN] =
    "SELECT c.id, c.key, c.name, NULL, 0, c.retired,"
    " CASE WHEN ?2 THEN (SELECT count(*) FROM enterprise e WHERE e.chain_id = c.id) ELSE 0 END"
    " FROM industry_chain c WHERE ?1 OR c.retired = 0 ORDER BY c.position, c.id",
  [SL_LOOKUP_HONOUR] =
    "SELECT 0, h.key, h.name, h.category, 0, h.retired,"
    " CASE WHEN ?2 THEN (SELECT count(DISTINCT enterprise_id) FROM enterprise_honour x WHERE x.honour_key = h.key) ELSE 0 END"
    " FROM honour h WHERE ?1 OR h.retired = 0 ORDER BY h.position, h.key",
  [SL_LOOKUP_TIER] =
    "SELECT level, key, name, NULL, 0, 0, ?2 * 0 FROM tier WHERE ?1 OR 1 ORDER BY level",
  [SL_LOOKUP_RULE_VERSION] =
    "SELECT 0, key, name, effective_from, 0, 0, ?2 * 0 FROM rule_version WHERE ?1 OR 1 ORDER BY effective_from",
};

/**
 * sl_lookup_list:
 *
 * Returns: (transfer full) (element-type SlLookupItem): the list in the
 *   ledger's order (towns follow their county)
 */
GPtrArray *
sl_lookup_list (SlStore       *store,
                SlLookupKind   kind,
                SlLookupFlags  flags)
{
  g_autoptr(GError) step_error = NULL;
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_lookup_item_free);
  g_autoptr(SlStmt) stmt = _sl_store_prepare (store, list_sql[kind], NULL);

  if (stmt == NULL)
    return list;
  sqlite3_bind_int (stmt, 1, (flags & SL_LOOKUP_INCLUDE_RETIRED) != 0);
  sqlite3_bind_int (stmt, 2, (flags & SL_LOOKUP_COUNT_USES) != 0);
  while (_sl_step_row (stmt, &step_error))
    {
      SlLookupItem *item = g_new0 (SlLookupItem, 1);

      item->id = sqlite3_column_int64 (stmt, 0);
      item->key = g_strdup (_sl_column_text (stmt, 1));
      item->name = g_strdup (_sl_column_text (stmt, 2));
      item->kind = g_strdup (_sl_column_text (stmt, 3));
      item->parent_id = sqlite3_column_int64 (stmt, 4);
      item->retired = sqlite3_column_int (stmt, 5);
      item->use_count = sqlite3_column_int64 (stmt, 6);
      g_ptr_array_add (list, item);
    }
  if (step_error != NULL)
    g_warning ("%s", step_error->message);
  return list;
}

static const char *
table_of (SlLookupKind kind)
{
  switch (kind)
    {
    case SL_LOOKUP_JURISDICTION: return "jurisdiction";
    case SL_LOOKUP_CHAIN: return "industry_chain";
    case SL_LOOKUP_HONOUR: return "honour";
    case SL_LOOKUP_TIER:
    case SL_LOOKUP_RULE_VERSION:
    default:
      return NULL;
    }
}

typedef struct
{
  SlLookupKind        kind;
  const char         *name;
  gint64              parent_id;
  const SlLookupItem *item;
  gboolean            retired;
} LookupChange;

static JsonNode *
item_json (const char *name,
           gboolean    retired)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, name);
  json_builder_set_member_name (b, "retired");
  json_builder_add_boolean_value (b, retired);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static gboolean
check_name (SlLookupKind   kind,
            const char    *name,
            char         **out,
            GError       **error)
{
  g_autofree char *tidy = g_strstrip (g_strdup (name ? name : ""));

  if (*tidy == '\0')
    {
      g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_REQUIRED, _("Name: required"));
      return FALSE;
    }
  if (g_utf8_strlen (tidy, -1) > 60)
    {
      g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_RANGE, _("Name: at most %d characters"), 60);
      return FALSE;
    }
  *out = g_steal_pointer (&tidy);
  return TRUE;
}

static gboolean
step_unique (SlStore     *store,
             SlStmt      *stmt,
             const char  *name,
             GError     **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if ((rc & 0xff) == SQLITE_CONSTRAINT)
    {
      g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_DUPLICATE,
                   _("Name: “%s” is already in the list"), name);
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    return _sl_store_sql_error (store, error);
  return TRUE;
}

static gboolean
add_cb (SlStore  *store,
        gpointer  user_data,
        GError  **error)
{
  LookupChange *c = user_data;
  g_autoptr(SlStmt) stmt = NULL;
  g_autoptr(JsonNode) after = item_json (c->name, FALSE);
  gint64 id;

  switch (c->kind)
    {
    case SL_LOOKUP_JURISDICTION:
      {
        g_autoptr(SlStmt) parent = _sl_store_prepare (store,
          "SELECT 1 FROM jurisdiction WHERE id = ?1 AND parent_id IS NULL AND kind IN ('district', 'county', 'zone')", error);
        if (parent == NULL)
          return FALSE;
        sqlite3_bind_int64 (parent, 1, c->parent_id);
        if (sqlite3_step (parent) != SQLITE_ROW)
          {
            g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_REQUIRED,
                         _("Town: choose the county, district or zone it belongs to"));
            return FALSE;
          }
        stmt = _sl_store_prepare (store,
          "INSERT INTO jurisdiction (name, kind, parent_id, position)"
          " VALUES (?1, 'town', ?2, (SELECT ifnull (max (position), 0) + 1 FROM jurisdiction))", error);
        if (stmt == NULL)
          return FALSE;
        sqlite3_bind_int64 (stmt, 2, c->parent_id);
        break;
      }
    case SL_LOOKUP_CHAIN:
      stmt = _sl_store_prepare (store,
        "INSERT INTO industry_chain (name, position)"
        " VALUES (?1, (SELECT ifnull (max (position), 0) + 1 FROM industry_chain))", error);
      break;
    case SL_LOOKUP_HONOUR:
      /* A clerk's honour gets a generated key: keys never change once made. */
      stmt = _sl_store_prepare (store,
        "INSERT INTO honour (key, name, category, position)"
        " VALUES ('custom_' || (SELECT count(*) + 1 FROM honour WHERE key LIKE 'custom_%'), ?1, 'custom',"
        "         (SELECT ifnull (max (position), 0) + 1 FROM honour))", error);
      break;
    case SL_LOOKUP_TIER:
    case SL_LOOKUP_RULE_VERSION:
    default:
      g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_CONFLICT,
                   _("Tiers and rule versions come from the plan and cannot be added here"));
      return FALSE;
    }
  if (stmt == NULL)
    return FALSE;
  _sl_bind_text (stmt, 1, c->name);
  if (!step_unique (store, stmt, c->name, error))
    return FALSE;
  id = sqlite3_last_insert_rowid (_sl_store_get_db (store));
  return sl_store_audit (store, table_of (c->kind), id, "create", NULL, after, error);
}

/**
 * sl_lookup_add:
 * @parent_id: for a jurisdiction, the county, district or zone the new town belongs to
 *
 * Adds a town, a chain or an honour; a name already in the list is refused.
 */
gboolean
sl_lookup_add (SlStore       *store,
               SlLookupKind   kind,
               const char    *name,
               gint64         parent_id,
               GError       **error)
{
  g_autofree char *tidy = NULL;
  LookupChange c = { kind, NULL, parent_id, NULL, FALSE };

  if (!check_name (kind, name, &tidy, error))
    return FALSE;
  c.name = tidy;
  return sl_store_write (store, add_cb, &c, error);
}

static gboolean
edit_cb (SlStore  *store,
         gpointer  user_data,
         GError  **error)
{
  LookupChange *c = user_data;
  const char *table = table_of (c->kind);
  gboolean by_key = c->kind == SL_LOOKUP_HONOUR;
  g_autofree char *sql = NULL;
  g_autoptr(SlStmt) stmt = NULL;
  g_autoptr(JsonNode) before = item_json (c->item->name, c->item->retired);
  g_autoptr(JsonNode) after = item_json (c->name ? c->name : c->item->name,
                                         c->name ? c->item->retired : c->retired);

  if (table == NULL)
    {
      g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_CONFLICT,
                   _("Tiers and rule versions come from the plan and cannot be changed here"));
      return FALSE;
    }
  sql = g_strdup_printf ("UPDATE %s SET %s WHERE %s", table,
                         c->name ? "name = ?1" : "retired = ?1",
                         by_key ? "key = ?2" : "id = ?2");
  stmt = _sl_store_prepare (store, sql, error);
  if (stmt == NULL)
    return FALSE;
  if (c->name)
    _sl_bind_text (stmt, 1, c->name);
  else
    sqlite3_bind_int (stmt, 1, c->retired);
  if (by_key)
    _sl_bind_text (stmt, 2, c->item->key);
  else
    sqlite3_bind_int64 (stmt, 2, c->item->id);
  if (!step_unique (store, stmt, c->name, error))
    return FALSE;
  return sl_store_audit (store, table, c->item->id, c->name ? "rename" : (c->retired ? "retire" : "reinstate"),
                         before, after, error);
}

gboolean
sl_lookup_rename (SlStore             *store,
                  SlLookupKind         kind,
                  const SlLookupItem  *item,
                  const char          *name,
                  GError             **error)
{
  g_autofree char *tidy = NULL;
  LookupChange c = { kind, NULL, 0, item, FALSE };

  if (!check_name (kind, name, &tidy, error))
    return FALSE;
  c.name = tidy;
  return sl_store_write (store, edit_cb, &c, error);
}

/**
 * sl_lookup_set_retired:
 *
 * A retired entry is no longer offered for new records; the firms that
 * refer to it keep it.
 */
gboolean
sl_lookup_set_retired (SlStore             *store,
                       SlLookupKind         kind,
                       const SlLookupItem  *item,
                       gboolean             retired,
                       GError             **error)
{
  LookupChange c = { kind, NULL, 0, item, retired };
  return sl_store_write (store, edit_cb, &c, error);
}

static void
honour_entry_free (SlHonourEntry *h)
{
  g_free (h->key);
  g_free (h->name);
  g_free (h->recorded_on);
  g_free (h);
}

/**
 * sl_enterprise_list_honours:
 *
 * Returns: (transfer full) (element-type SlHonourEntry): newest first
 */
GPtrArray *
sl_enterprise_list_honours (SlStore *store,
                            gint64   enterprise_id)
{
  g_autoptr(GError) step_error = NULL;
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) honour_entry_free);
  g_autoptr(SlStmt) stmt = _sl_store_prepare (store,
    "SELECT h.honour_key, d.name, h.year, h.recorded_on FROM enterprise_honour h JOIN honour d ON d.key = h.honour_key"
    " WHERE h.enterprise_id = ?1 ORDER BY h.year DESC, d.position", NULL);

  if (stmt == NULL)
    return list;
  sqlite3_bind_int64 (stmt, 1, enterprise_id);
  while (_sl_step_row (stmt, &step_error))
    {
      SlHonourEntry *h = g_new0 (SlHonourEntry, 1);
      h->key = g_strdup (_sl_column_text (stmt, 0));
      h->name = g_strdup (_sl_column_text (stmt, 1));
      h->year = sqlite3_column_int (stmt, 2);
      h->recorded_on = g_strdup (_sl_column_text (stmt, 3));
      g_ptr_array_add (list, h);
    }
  if (step_error != NULL)
    g_warning ("%s", step_error->message);
  return list;
}

static void
audit_entry_free (SlAuditEntry *e)
{
  g_free (e->at);
  g_free (e->user);
  g_free (e->entity);
  g_free (e->action);
  g_clear_pointer (&e->before, json_node_unref);
  g_clear_pointer (&e->after, json_node_unref);
  g_free (e);
}

/**
 * sl_audit_history:
 *
 * Returns: (transfer full) (element-type SlAuditEntry): every change of the
 *   firm, its figures, certifications and honours, newest first
 */
GPtrArray *
sl_audit_history (SlStore *store,
                  gint64   enterprise_id)
{
  g_autoptr(GError) step_error = NULL;
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) audit_entry_free);
  g_autoptr(SlStmt) stmt = _sl_store_prepare (store,
    "SELECT at, user, entity, action, before, after FROM audit_log"
    " WHERE (entity IN ('enterprise', 'annual_figures', 'enterprise_honour') AND entity_id = ?1)"
    "    OR (entity = 'certification' AND ?1 IN (json_extract (before, '$.enterprise_id'),"
    "                                            json_extract (after, '$.enterprise_id')))"
    " ORDER BY id DESC", NULL);

  if (stmt == NULL)
    return list;
  sqlite3_bind_int64 (stmt, 1, enterprise_id);
  while (_sl_step_row (stmt, &step_error))
    {
      SlAuditEntry *e = g_new0 (SlAuditEntry, 1);
      e->at = g_strdup (_sl_column_text (stmt, 0));
      e->user = g_strdup (_sl_column_text (stmt, 1));
      e->entity = g_strdup (_sl_column_text (stmt, 2));
      e->action = g_strdup (_sl_column_text (stmt, 3));
      if (sqlite3_column_type (stmt, 4) != SQLITE_NULL)
        e->before = json_from_string (_sl_column_text (stmt, 4), NULL);
      if (sqlite3_column_type (stmt, 5) != SQLITE_NULL)
        e->after = json_from_string (_sl_column_text (stmt, 5), NULL);
      g_ptr_array_add (list, e);
    }
  if (step_error != NULL)
    g_warning ("%s", step_error->message);
  return list;
}

/**
 * sl_field_label:
 *
 * Returns: the translated label of a stored field, or @key itself
 */
const char *
sl_field_label (const char *key)
{
  static const struct { const char *key; const char *label; } labels[] = {
    { "credit_code", N_("Unified social credit code") }, { "name", N_("Name") },
    { "jurisdiction_id", N_("Jurisdiction") }, { "chain_id", N_("Key industrial chain") },
    { "contact", N_("Contact") }, { "phone", N_("Phone") }, { "specialist", N_("Service specialist") },
    { "main_product", N_("Main product") }, { "address", N_("Address") }, { "founded_on", N_("Founded on") },
    { "niche_since", N_("In the niche since") }, { "above_scale", N_("Above designated size") },
    { "note", N_("Notes") }, { "deleted_at", N_("Moved to the trash") },
    { "year", N_("Year") }, { "revenue", N_("Operating revenue (10k yuan)") },
    { "main_revenue", N_("Main-business revenue (10k yuan)") }, { "rd_expense", N_("R&D expense (10k yuan)") },
    { "net_profit", N_("Net profit (10k yuan)") }, { "total_assets", N_("Total assets (10k yuan)") },
    { "total_liabilities", N_("Total liabilities (10k yuan)") }, { "patents_valid", N_("Valid granted patents") },
    { "staff", N_("Employees") }, { "rd_staff", N_("R&D staff") }, { "cnc_rate", N_("Key-process CNC rate (%)") },
    { "digital_mgmt", N_("Digital management in use") }, { "digital_rd_tools", N_("Digital R&D design tools in use") },
    { "tier", N_("Tier") }, { "status", N_("Status") }, { "rule_version", N_("Rule version") },
    { "batch", N_("Batch") }, { "doc_no", N_("Document number") }, { "applied_on", N_("Applied on") },
    { "certified_on", N_("Certified on") }, { "valid_from", N_("Valid from") }, { "valid_until", N_("Valid until") },
    { "honour", N_("Honour") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (labels[i].key, key))
      return _(labels[i].label);
  return key;
}

static char *
value_text (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("—");
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      GType t = json_node_get_value_type (node);
      if (t == G_TYPE_STRING)
        return g_strdup (json_node_get_string (node));
      if (t == G_TYPE_BOOLEAN)
        return g_strdup (json_node_get_boolean (node) ? _("yes") : _("no"));
      if (t == G_TYPE_INT64)
        return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      return g_strdup_printf ("%g", json_node_get_double (node));
    }
  return json_to_string (node, FALSE);
}

static char *
name_of (SlStore    *store,
         const char *sql,
         JsonNode   *node)
{
  g_autoptr(SlStmt) stmt = _sl_store_prepare (store, sql, NULL);
  g_autofree char *raw = value_text (node);

  if (stmt == NULL || node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_steal_pointer (&raw);
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    _sl_bind_text (stmt, 1, json_node_get_string (node));
  else
    sqlite3_bind_int64 (stmt, 1, json_node_get_int (node));
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    return g_strdup (_sl_column_text (stmt, 0));
  return g_steal_pointer (&raw);
}

/* A stored value as the clerk reads it: names for ids and keys, dates and
 * moments as people write them, amounts in 万元. */
static char *
field_text (SlStore    *store,
            const char *key,
            JsonNode   *node)
{
  static const char *amounts[] = { "revenue", "main_revenue", "rd_expense", "net_profit", "total_assets",
                                   "total_liabilities", NULL };
  static const char *dates[] = { "founded_on", "niche_since", "applied_on", "certified_on", "valid_from",
                                 "valid_until", NULL };

  if (node == NULL || JSON_NODE_HOLDS_NULL (node) || !JSON_NODE_HOLDS_VALUE (node))
    return value_text (node);
  if (g_str_equal (key, "jurisdiction_id"))
    return name_of (store, "SELECT name FROM jurisdiction WHERE id = ?1", node);
  if (g_str_equal (key, "chain_id"))
    return name_of (store, "SELECT name FROM industry_chain WHERE id = ?1", node);
  if (g_str_equal (key, "honour"))
    return name_of (store, "SELECT name FROM honour WHERE key = ?1", node);
  if (g_str_equal (key, "tier") && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      g_autofree char *stored = name_of (store, "SELECT name FROM tier WHERE key = ?1", node);
      return g_strdup (sl_tier_name (json_node_get_string (node), stored));
    }
  if (g_str_equal (key, "status") && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (sl_status_name (json_node_get_string (node)));
  if (g_str_has_suffix (key, "_at") && json_node_get_value_type (node) == G_TYPE_STRING)
    return sl_time_display (json_node_get_string (node));
  if (g_strv_contains (dates, key) && json_node_get_value_type (node) == G_TYPE_STRING)
    return sl_date_display (json_node_get_string (node));
  if (g_strv_contains (amounts, key) && json_node_get_value_type (node) != G_TYPE_STRING)
    return sl_format_wan ((gint64) json_node_get_int (node));
  return value_text (node);
}

/**
 * sl_audit_describe:
 *
 * Returns: (transfer full): what changed, one "field: before → after" per
 *   line for an update, the record's fields for a creation
 */
char *
sl_audit_describe (SlStore            *store,
                   const SlAuditEntry *entry)
{
  g_autoptr(GString) s = g_string_new (NULL);
  JsonObject *before = entry->before && JSON_NODE_HOLDS_OBJECT (entry->before) ? json_node_get_object (entry->before) : NULL;
  JsonObject *after = entry->after && JSON_NODE_HOLDS_OBJECT (entry->after) ? json_node_get_object (entry->after) : NULL;
  JsonObject *shape = after ? after : before;
  g_autoptr(GList) members = shape ? json_object_get_members (shape) : NULL;

  for (GList *l = members; l; l = l->next)
    {
      const char *key = l->data;
      g_autofree char *old = before ? field_text (store, key, json_object_get_member (before, key)) : NULL;
      g_autofree char *new = after ? field_text (store, key, json_object_get_member (after, key)) : NULL;

      if (g_str_equal (key, "id") || g_str_equal (key, "enterprise_id"))
        continue;
      if (before && after)
        {
          if (g_strcmp0 (old, new) == 0)
            continue;
          /* TRANSLATORS: a line of a firm's change history: field, before, after */
          g_string_append_printf (s, C_("history", "%s: %s → %s"), sl_field_label (key), old, new);
          g_string_append_c (s, '\n');
        }
      else if (g_strcmp0 (new ? new : old, "—") != 0)
        {
          /* TRANSLATORS: a line of a firm's change history: field, value */
          g_string_append_printf (s, C_("history", "%s: %s"), sl_field_label (key), new ? new : old);
          g_string_append_c (s, '\n');
        }
    }
  if (s->len > 0)
    g_string_truncate (s, s->len - 1);
  return g_string_free (g_steal_pointer (&s), FALSE);
}
