/* test-project.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "sl-project.h"
#include "sl-test-util.h"

static SlProject *
programme (GPtrArray  *list,
           const char *key)
{
  for (guint i = 0; i < list->len; i++)
    if (g_strcmp0 (((SlProject *) list->pdata[i])->key, key) == 0)
      return list->pdata[i];
  g_assert_not_reached ();
}

static SlChecklistItem *
item_with_metric (GPtrArray  *items,
                  const char *metric)
{
  for (guint i = 0; i < items->len; i++)
    if (g_strcmp0 (((SlChecklistItem *) items->pdata[i])->metric_key, metric) == 0)
      return items->pdata[i];
  g_assert_not_reached ();
}

static void
test_programmes (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) store = sl_ledger_open (":memory:", SL_STORE_OPEN_CREATE, &error);
  g_autoptr(GPtrArray) list = sl_project_list (store, "programme", &error);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) filtered = NULL;
  const int counts[] = { 5, 4, 3, 5, 6, 6, 5, 5 };

  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 8);
  for (guint i = 0; i < list->len; i++)
    {
      SlProject *p = list->pdata[i];
      g_assert_cmpstr (p->kind, ==, "programme");
      g_assert_cmpint (p->n_items, ==, counts[i]);
    }
  g_assert_cmpstr (((SlProject *) list->pdata[5])->title, ==, "数字技术赋能工程");
  g_assert_cmpstr (programme (list, "quality_brand")->responsible, ==, "市市场监管局、市发改委、市工信局");

  /* Items as the seed words them, filterable by responsible unit. */
  items = sl_checklist_list (store, programme (list, "finance_support")->id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((SlChecklistItem *) items->pdata[2])->title, ==, "优选20家以上专精特新企业纳入上市后备资源库");
  g_assert_cmpfloat (item_with_metric (items, "srdi_board_count")->target_value, ==, 10);
  filtered = sl_checklist_list (store, programme (list, "finance_support")->id, "人行连云港市中心支行", &error);
  g_assert_cmpuint (filtered->len, ==, 5);
  g_clear_pointer (&filtered, g_ptr_array_unref);
  filtered = sl_checklist_list (store, programme (list, "finance_support")->id, "市教育局", &error);
  g_assert_cmpuint (filtered->len, ==, 0);
}

static void
test_bound_values (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) store = sl_ledger_open (":memory:", SL_STORE_OPEN_CREATE, &error);
  g_autoptr(GPtrArray) list = sl_project_list (store, "programme", &error);
  g_autoptr(GPtrArray) items = NULL;
  const char *codes[] = { "91320722MA20KD3R5T", "91320706704042460D", "91320700MA1MABCD6L" };
  SlChecklistItem *workshop, *cluster;

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_autofree char *name = g_strdup_printf ("测试企业%u有限公司", i);
      gint64 id = sl_test_add_enterprise (store, codes[i], name, NULL);
      g_assert_true (sl_enterprise_add_honour (store, id, "smart_workshop", 2024 + (int) i % 2, &error));
    }

  items = sl_checklist_list (store, programme (list, "digital_empowerment")->id, NULL, &error);
  g_assert_no_error (error);
  workshop = item_with_metric (items, "smart_workshop_count");
  g_assert_cmpfloat (workshop->current_value, ==, 3);
  g_assert_cmpfloat (workshop->target_value, ==, 10);
  g_assert_cmpstr (workshop->unit, ==, "个");

  /* A computed value is never stored, even when the item is saved with it. */
  g_assert_true (sl_checklist_item_save (store, workshop, &error));
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM checklist_item WHERE metric_key = 'smart_workshop_count' AND current_value IS NULL"), ==, 1);

  /* A metric the ledger cannot count (clusters) takes the value typed on its item. */
  g_clear_pointer (&items, g_ptr_array_unref);
  items = sl_checklist_list (store, programme (list, "chain_collaboration")->id, NULL, &error);
  cluster = item_with_metric (items, "cluster_count");
  g_assert_true (isnan (cluster->current_value));
  cluster->current_value = 1;
  g_assert_true (sl_checklist_item_save (store, cluster, &error));
  g_assert_no_error (error);
  g_clear_pointer (&items, g_ptr_array_unref);
  items = sl_checklist_list (store, programme (list, "chain_collaboration")->id, NULL, &error);
  g_assert_cmpfloat (item_with_metric (items, "cluster_count")->current_value, ==, 1);

  /* A new fact about a firm shows at once, after checklist writes too. */
  {
    gint64 id = sl_test_add_enterprise (store, "91320700MA1MBGC09C", "测试企业3有限公司", NULL);

    g_assert_true (sl_enterprise_add_honour (store, id, "smart_workshop", 2025, &error));
    g_assert_no_error (error);
    g_clear_pointer (&items, g_ptr_array_unref);
    items = sl_checklist_list (store, programme (list, "digital_empowerment")->id, NULL, &error);
    g_assert_cmpfloat (item_with_metric (items, "smart_workshop_count")->current_value, ==, 4);
  }
}

static void
test_overdue (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) store = sl_ledger_open (":memory:", SL_STORE_OPEN_CREATE, &error);
  g_autoptr(GPtrArray) list = sl_project_list (store, "programme", &error);
  g_autoptr(GPtrArray) items = sl_checklist_list (store, programme (list, "innovation_upgrade")->id, NULL, &error);
  SlChecklistItem *first = items->pdata[0];

  g_assert_cmpstr (first->due_on, ==, "2025-12-31");
  g_assert_true (sl_checklist_item_is_overdue (first, "2026-11-25"));
  g_assert_false (sl_checklist_item_is_overdue (first, "2025-12-31"));
  first->done_on = g_strdup ("2025-11-01");
  g_assert_true (sl_checklist_item_save (store, first, &error));
  g_assert_false (sl_checklist_item_is_overdue (first, "2026-11-25"));
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM audit_log WHERE entity = 'checklist_item' AND action = 'update'"), ==, 1);
}

static GPtrArray *
titles (SlStore *store,
        gint64   project)
{
  g_autoptr(GPtrArray) items = sl_checklist_list (store, project, NULL, NULL);
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < items->len; i++)
    g_ptr_array_add (out, g_strdup (((SlChecklistItem *) items->pdata[i])->title));
  return out;
}

static void
test_reorder_and_undo (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) store = sl_ledger_open (":memory:", SL_STORE_OPEN_CREATE, &error);
  g_autoptr(GPtrArray) list = sl_project_list (store, "programme", &error);
  gint64 project = programme (list, "quality_brand")->id;
  g_autoptr(GPtrArray) items = sl_checklist_list (store, project, NULL, &error);
  g_autoptr(GPtrArray) before = titles (store, project);
  g_autoptr(GPtrArray) moved = NULL;
  g_autoptr(GPtrArray) restored = NULL;
  g_autoptr(SlChecklistItem) removed = sl_checklist_item_copy (items->pdata[1]);

  g_assert_true (sl_checklist_item_move (store, ((SlChecklistItem *) items->pdata[0])->id, 3, &error));
  g_assert_no_error (error);
  moved = titles (store, project);
  g_assert_cmpstr (moved->pdata[3], ==, before->pdata[0]);
  g_assert_cmpstr (moved->pdata[0], ==, before->pdata[1]);

  /* Remove, then undo: back with its id, at its place. */
  g_assert_true (sl_checklist_item_remove (store, removed->id, &error));
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM checklist_item WHERE project_id = (SELECT id FROM project WHERE key = 'quality_brand')"), ==, 4);
  g_assert_true (sl_checklist_item_restore (store, removed, &error));
  g_assert_no_error (error);
  restored = titles (store, project);
  g_assert_cmpuint (restored->len, ==, moved->len);
  for (guint i = 0; i < moved->len; i++)
    g_assert_cmpstr (restored->pdata[i], ==, moved->pdata[i]);
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM audit_log WHERE entity = 'checklist_item' AND action IN ('move', 'delete', 'restore')"), ==, 3);
}

static void
test_dossier (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) store = sl_ledger_open (":memory:", SL_STORE_OPEN_CREATE, &error);
  gint64 firm = sl_test_add_enterprise (store, "91320722MA20KD3R5T", "连云港恒瑞新材料有限公司", NULL);
  gint64 dossier = sl_dossier_create (store, firm, "srdi", "2026-09-10", &error);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) dossiers = NULL;
  SlProject *p;

  g_assert_no_error (error);
  g_assert_cmpint (dossier, >, 0);
  items = sl_checklist_list (store, dossier, NULL, &error);
  /* Six common materials, then the SRDI tier's seven. */
  g_assert_cmpuint (items->len, ==, 13);
  g_assert_true (g_str_has_prefix (((SlChecklistItem *) items->pdata[0])->title, "申请书"));
  g_assert_true (g_str_has_prefix (((SlChecklistItem *) items->pdata[6])->title, "近2至3年审计报告"));
  g_assert_cmpstr (((SlChecklistItem *) items->pdata[12])->due_on, ==, "2026-09-10");

  dossiers = sl_project_list (store, "dossier", &error);
  g_assert_cmpuint (dossiers->len, ==, 1);
  p = dossiers->pdata[0];
  g_assert_cmpint (p->enterprise_id, ==, firm);
  g_assert_cmpstr (p->tier_key, ==, "srdi");
  g_assert_cmpint (p->n_items, ==, 13);
  g_assert_cmpint (p->n_done, ==, 0);
  g_assert_nonnull (strstr (p->title, "连云港恒瑞新材料有限公司"));

  g_assert_cmpint (sl_dossier_create (store, firm, "giant", NULL, &error), ==, 0);
  g_assert_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_UNKNOWN);
  g_clear_error (&error);
  g_assert_cmpint (sl_dossier_create (store, firm, "little_giant", "2026-13-01", &error), ==, 0);
  g_assert_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_FORMAT);
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM project WHERE kind = 'dossier'"), ==, 1);
}

static void
test_custom_and_validation (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) store = sl_ledger_open (":memory:", SL_STORE_OPEN_CREATE, &error);
  gint64 project;
  struct { const char *title, *due, *done; double target; int code; const char *field; } bad[] = {
    { " ", NULL, NULL, NAN, SL_VALIDATION_ERROR_REQUIRED, "Item" },
    { "走访企业", "2026-02-30", NULL, NAN, SL_VALIDATION_ERROR_FORMAT, "Due on" },
    { "走访企业", NULL, "2099-01-01", NAN, SL_VALIDATION_ERROR_RANGE, "Done on" },
    { "走访企业", NULL, NULL, -3, SL_VALIDATION_ERROR_RANGE, "Target" },
  };
  g_autoptr(SlChecklistItem) good = sl_checklist_item_new ();

  g_assert_cmpint (sl_project_create_custom (store, "  ", NULL, &error), ==, 0);
  g_assert_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_REQUIRED);
  g_clear_error (&error);
  project = sl_project_create_custom (store, "东海县硅材料企业走访", "县工信局", &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(SlChecklistItem) c = sl_checklist_item_new ();
      g_autoptr(GError) e = NULL;

      c->project_id = project;
      c->title = g_strdup (bad[i].title);
      c->due_on = g_strdup (bad[i].due);
      c->done_on = g_strdup (bad[i].done);
      c->target_value = bad[i].target;
      g_assert_false (sl_checklist_item_save (store, c, &e));
      g_assert_error (e, SL_VALIDATION_ERROR, bad[i].code);
      g_assert_true (g_str_has_prefix (e->message, bad[i].field));
    }
  good->project_id = project;
  good->title = g_strdup ("走访重点企业20家");
  good->target_value = 20;
  good->unit = g_strdup ("家");
  good->current_value = 7;
  g_assert_true (sl_checklist_item_save (store, good, &error));
  g_assert_cmpint (good->position, ==, 0);
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM checklist_item WHERE project_id IN (SELECT id FROM project WHERE kind = 'custom')"), ==, 1);
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM audit_log WHERE entity IN ('project', 'checklist_item')"), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("SL_TODAY", "2026-11-25", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/project/programmes", test_programmes);
  g_test_add_func ("/project/bound-values", test_bound_values);
  g_test_add_func ("/project/overdue", test_overdue);
  g_test_add_func ("/project/reorder-and-undo", test_reorder_and_undo);
  g_test_add_func ("/project/dossier", test_dossier);
  g_test_add_func ("/project/custom-and-validation", test_custom_and_validation);

  return g_test_run ();
}
