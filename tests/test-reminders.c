/* test-reminders.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "sl-demo.h"
#include "sl-pipeline.h"
#include "sl-reminders.h"
#include "sl-store-private.h"
#include "sl-target.h"
#include "sl-summary.h"
#include "sl-test-util.h"

static guint
count_kind (GPtrArray      *list,
            SlReminderKind  kind)
{
  guint n = 0;

  for (guint i = 0; i < list->len; i++)
    n += ((SlReminder *) list->pdata[i])->kind == kind;
  return n;
}

static SlReminder *
first_of (GPtrArray      *list,
          SlReminderKind  kind)
{
  for (guint i = 0; i < list->len; i++)
    if (((SlReminder *) list->pdata[i])->kind == kind)
      return list->pdata[i];
  return NULL;
}

static void
test_reminders (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) store = sl_ledger_open (":memory:", SL_STORE_OPEN_CREATE, &error);
  gint64 a = sl_test_add_enterprise (store, "91320722MA20KD3R5T", "即将到期公司", NULL);
  gint64 b = sl_test_add_enterprise (store, "91320706704042460D", "久无结果公司", NULL);
  gint64 ca, cb;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) later = NULL;
  SlReminder *r;

  /* Valid 2023-04-15 … 2026-04-14: 30 days left on 2026-03-15. */
  ca = sl_pipeline_record_application (store, a, "innovative", NULL, "2023-01-10", &error);
  g_assert_true (sl_pipeline_record_result (store, ca, SL_RESULT_CERTIFIED, "2023-04-15", NULL, &error));
  /* Applied 2025-10-01: 165 days without a result on 2026-03-15. */
  cb = sl_pipeline_record_application (store, b, "innovative", NULL, "2025-10-01", &error);
  g_assert_no_error (error);
  g_assert_cmpint (cb, >, 0);

  list = sl_reminders_list (store, "2026-03-15", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_kind (list, SL_REMINDER_EXPIRING), ==, 1);
  r = first_of (list, SL_REMINDER_EXPIRING);
  g_assert_cmpint (r->enterprise_id, ==, a);
  g_assert_cmpstr (r->date, ==, "2026-04-14");
  g_assert_cmpint (r->days, ==, 30);
  r = first_of (list, SL_REMINDER_NO_RESULT);
  g_assert_nonnull (r);
  g_assert_cmpint (r->enterprise_id, ==, b);
  g_assert_cmpint (r->days, ==, -165);
  /* 2022 rules: the platform's data are due by 30 April. */
  r = first_of (list, SL_REMINDER_DATA_UPDATE);
  g_assert_nonnull (r);
  g_assert_cmpstr (r->date, ==, "2026-04-30");
  /* Every programme item was due at the end of 2025 and is open. */
  g_assert_cmpuint (count_kind (list, SL_REMINDER_OVERDUE_ITEM), ==, 39);
  g_assert_cmpstr (((SlReminder *) list->pdata[0])->date, <=, ((SlReminder *) list->pdata[list->len - 1])->date);

  /* Ten days before: the certification is still 40 days off, outside 30. */
  later = sl_reminders_list (store, "2026-03-05", 30, &error);
  g_assert_cmpuint (count_kind (later, SL_REMINDER_EXPIRING), ==, 0);
  g_assert_cmpuint (count_kind (later, SL_REMINDER_NO_RESULT), ==, 1);
  g_assert_null (sl_reminders_list (store, "2026-02-30", 0, &error));
  g_assert_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_FORMAT);
}

static void
test_history_matches_summary (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) store = sl_ledger_open (":memory:", SL_STORE_OPEN_CREATE, &error);
  g_autoptr(GPtrArray) months = NULL;
  const char *tiers[] = { "pool", "innovative", "srdi", "little_giant", "champion" };

  g_assert_true (sl_demo_generate (store, 300, NULL, NULL, NULL, &error));
  /* What must not count twice or at all: a record overlapping another of
   * the same firm and tier (as an import could leave), a firm in the trash. */
  g_assert_true (_sl_store_exec (store,
    "INSERT INTO certification (enterprise_id, tier_key, status, rule_version, applied_on, valid_from, valid_until)"
    " SELECT enterprise_id, tier_key, status, rule_version, applied_on, valid_from, valid_until FROM certification"
    " WHERE tier_key = 'innovative' AND status = 'certified' ORDER BY id LIMIT 5;"
    "UPDATE enterprise SET deleted_at = '2026-01-01T00:00:00' WHERE id IN"
    " (SELECT enterprise_id FROM certification WHERE tier_key = 'srdi' AND status = 'certified' ORDER BY id LIMIT 2)", &error));
  g_assert_no_error (error);
  months = sl_tier_history (store, "2026-10", 12, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (months->len, ==, 12);
  g_assert_cmpstr (((SlTierMonth *) months->pdata[0])->period, ==, "2025-11");
  g_assert_cmpstr (((SlTierMonth *) months->pdata[11])->period, ==, "2026-10");
  for (guint i = 0; i < months->len; i++)
    {
      SlTierMonth *m = months->pdata[i];
      g_autoptr(JsonNode) s = sl_summary_compute (store, m->period, NULL, &error);
      JsonObject *totals = json_object_get_object_member (json_node_get_object (s), "totals");

      for (guint t = 0; t < G_N_ELEMENTS (tiers); t++)
        g_assert_cmpint (m->held[t], ==, json_object_get_int_member (json_object_get_object_member (totals, tiers[t]), "held"));
    }

  /* The month under way ends today (2026-11-25), as the overview's
   * figures do: a certification ending on the 27th is held in its bar. */
  g_assert_true (_sl_store_exec (store,
    "INSERT INTO certification (enterprise_id, tier_key, status, rule_version, valid_from, valid_until)"
    " SELECT id, 'little_giant', 'certified', '2022-63', '2023-11-28', '2026-11-27' FROM enterprise"
    " WHERE deleted_at IS NULL ORDER BY id LIMIT 1", &error));
  g_clear_pointer (&months, g_ptr_array_unref);
  months = sl_tier_history (store, "2026-11", 2, &error);
  g_assert_no_error (error);
  {
    g_autoptr(JsonNode) today = sl_summary_compute_at (store, "2026-11-25", NULL, &error);
    JsonObject *totals = json_object_get_object_member (json_node_get_object (today), "totals");

    for (guint t = 0; t < G_N_ELEMENTS (tiers); t++)
      g_assert_cmpint (((SlTierMonth *) months->pdata[1])->held[t], ==,
                       json_object_get_int_member (json_object_get_object_member (totals, tiers[t]), "held"));
  }
}

static void
test_targets (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) store = sl_ledger_open (":memory:", SL_STORE_OPEN_CREATE, &error);
  gint64 county = sl_jurisdiction_find (store, "东海县");
  g_autoptr(JsonNode) s = NULL;
  JsonArray *units;

  g_assert_true (sl_target_set (store, "srdi_count", county, 2025, 40, &error));
  g_assert_no_error (error);
  g_assert_true (sl_target_set (store, "srdi_count", county, 2025, 45, &error));
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM target WHERE metric_key = 'srdi_count'"), ==, 2);
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM audit_log WHERE entity = 'target'"), ==, 2);
  g_assert_false (sl_target_set (store, "srdi_count", county, 2025, -1, &error));
  g_assert_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_RANGE);
  g_clear_error (&error);
  g_assert_false (sl_target_set (store, "nope", 0, 2025, 1, &error));
  g_assert_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_UNKNOWN);
  g_clear_error (&error);
  g_assert_false (sl_target_set (store, "srdi_count", 9999, 2025, 1, &error));
  g_assert_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_UNKNOWN);
  g_clear_error (&error);

  /* The county's share shows on its row of the bulletin. */
  s = sl_summary_compute (store, "2025-06", NULL, &error);
  units = json_object_get_array_member (json_node_get_object (s), "jurisdictions");
  for (guint i = 0; i < json_array_get_length (units); i++)
    {
      JsonObject *u = json_array_get_object_element (units, i);
      JsonObject *srdi = json_object_get_object_member (json_object_get_object_member (u, "tiers"), "srdi");

      if (g_str_equal (json_object_get_string_member (u, "name"), "东海县"))
        g_assert_cmpfloat (json_object_get_double_member (srdi, "target"), ==, 45);
      else
        g_assert_true (json_object_get_null_member (srdi, "target"));
    }
}

static SlTarget *
target_of (GPtrArray  *list,
           const char *key)
{
  for (guint i = 0; i < list->len; i++)
    if (g_str_equal (((SlTarget *) list->pdata[i])->metric_key, key))
      return list->pdata[i];
  g_assert_not_reached ();
}

static void
test_target_list_and_clear (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) store = sl_ledger_open (":memory:", SL_STORE_OPEN_CREATE, &error);
  gint64 county = sl_jurisdiction_find (store, "东海县");
  g_autoptr(GPtrArray) city = NULL;
  g_autoptr(GPtrArray) own = NULL;
  g_autoptr(GPtrArray) cleared = NULL;
  g_autoptr(GPtrArray) year_2024 = NULL;

  /* The whole ledger in 2025: the plan's value is its own, every metric listed. */
  city = sl_target_list (store, 0, 2025, &error);
  g_assert_no_error (error);
  g_assert_cmpint (city->len, ==, sl_test_query_int (store, "SELECT count(*) FROM metric"));
  g_assert_cmpfloat (target_of (city, "srdi_count")->own, ==, 200);
  g_assert_cmpstr (target_of (city, "srdi_count")->unit, ==, "家");
  /* 2024 has none of its own: the 2025 goal serves it. */
  year_2024 = sl_target_list (store, 0, 2024, &error);
  g_assert_true (isnan (target_of (year_2024, "srdi_count")->own));
  g_assert_cmpfloat (target_of (year_2024, "srdi_count")->reference, ==, 200);

  /* A county's own share, against the city's. */
  g_assert_true (sl_target_set (store, "srdi_count", county, 2025, 30, &error));
  own = sl_target_list (store, county, 2025, &error);
  g_assert_cmpfloat (target_of (own, "srdi_count")->own, ==, 30);
  g_assert_cmpfloat (target_of (own, "srdi_count")->reference, ==, 200);
  g_assert_true (isnan (target_of (own, "smart_workshop_count")->own));

  /* Clearing removes it with an audit row; clearing again changes nothing. */
  g_assert_true (sl_target_clear (store, "srdi_count", county, 2025, &error));
  g_assert_no_error (error);
  cleared = sl_target_list (store, county, 2025, &error);
  g_assert_true (isnan (target_of (cleared, "srdi_count")->own));
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM audit_log WHERE entity = 'target' AND action = 'delete'"), ==, 1);
  g_assert_true (sl_target_clear (store, "srdi_count", county, 2025, &error));
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM audit_log WHERE entity = 'target'"), ==, 2);
  g_assert_false (sl_target_clear (store, "srdi_count", county, 1999, &error));
  g_assert_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_RANGE);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("SL_TODAY", "2026-11-25", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/reminders/list", test_reminders);
  g_test_add_func ("/reminders/history-matches-summary", test_history_matches_summary);
  g_test_add_func ("/reminders/targets", test_targets);
  g_test_add_func ("/reminders/target-list-and-clear", test_target_list_and_clear);

  return g_test_run ();
}
