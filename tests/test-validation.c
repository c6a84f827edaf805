/* test-validation.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "sl-certification.h"
#include "sl-figures.h"
#include "sl-project.h"
#include "sl-test-util.h"

#define CODE_A "91320722MA20KD3R5T"
#define CODE_B "91320706704042460D"

static void
assert_error_names (const GError *error,
                    int           code,
                    const char   *field)
{
  g_assert_error ((GError *) error, SL_VALIDATION_ERROR, code);
  if (!g_str_has_prefix (error->message, field))
    g_error ("message “%s” does not start with the field “%s”", error->message, field);
}

static void
test_enterprise (void)
{
  g_autoptr(SlStore) store = sl_ledger_open (":memory:", SL_STORE_OPEN_CREATE, NULL);
  struct {
    const char *name;
    const char *phone;
    const char *founded_on;
    int niche_since;
    gint64 jurisdiction;
    gint64 chain;
    int code;
    const char *field;
  } cases[] = {
    { "", NULL, NULL, 0, 1, 0, SL_VALIDATION_ERROR_REQUIRED, "Name" },
    { "甲", "call me", NULL, 0, 1, 0, SL_VALIDATION_ERROR_FORMAT, "Phone" },
    { "甲", "123", NULL, 0, 1, 0, SL_VALIDATION_ERROR_FORMAT, "Phone" },
    { "甲", NULL, "2023-02-29", 0, 1, 0, SL_VALIDATION_ERROR_FORMAT, "Founded on" },
    { "甲", NULL, "2999-01-01", 0, 1, 0, SL_VALIDATION_ERROR_RANGE, "Founded on" },
    { "甲", NULL, NULL, 1800, 1, 0, SL_VALIDATION_ERROR_RANGE, "In the niche since" },
    { "甲", NULL, "2015-06-01", 2010, 1, 0, SL_VALIDATION_ERROR_ORDER, "In the niche since" },
    { "甲", NULL, NULL, 0, 0, 0, SL_VALIDATION_ERROR_REQUIRED, "Jurisdiction" },
    { "甲", NULL, NULL, 0, 9999, 0, SL_VALIDATION_ERROR_UNKNOWN, "Jurisdiction" },
    { "甲", NULL, NULL, 0, 1, 9999, SL_VALIDATION_ERROR_UNKNOWN, "Key industrial chain" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SlEnterprise) e = sl_test_enterprise (store, CODE_A, cases[i].name);
      g_autoptr(GError) error = NULL;

      e->phone = g_strdup (cases[i].phone);
      e->founded_on = g_strdup (cases[i].founded_on);
      e->niche_since = cases[i].niche_since;
      e->jurisdiction_id = cases[i].jurisdiction;
      e->chain_id = cases[i].chain;
      g_assert_false (sl_enterprise_insert (store, e, &error));
      assert_error_names (error, cases[i].code, cases[i].field);
      g_assert_cmpint (e->id, ==, 0);
    }
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM enterprise"), ==, 0);
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM audit_log WHERE entity = 'enterprise'"), ==, 0);

  /* Every text has its limit, named; the limit itself is taken. */
  {
    struct { const char *field; int max; } texts[] = {
      { "Contact", 50 }, { "Specialist", 50 }, { "Main product", 200 }, { "Address", 200 }, { "Note", 2000 },
    };

    for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
      for (int extra = 1; extra >= 0; extra--)
        {
          g_autoptr(SlEnterprise) e = sl_test_enterprise (store, CODE_A, "甲");
          g_autoptr(GError) error = NULL;
          g_autoptr(GString) text = g_string_new (NULL);
          char **slots[] = { &e->contact, &e->specialist, &e->main_product, &e->address, &e->note };
          g_autofree char *expected = g_strdup_printf ("%s: at most %d characters", texts[i].field, texts[i].max);

          for (int k = 0; k < texts[i].max + extra; k++)
            g_string_append (text, "字");
          *slots[i] = g_strdup (text->str);
          if (extra)
            {
              g_assert_false (sl_enterprise_insert (store, e, &error));
              g_assert_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_RANGE);
              g_assert_cmpstr (error->message, ==, expected);
            }
          else
            {
              g_assert_true (sl_enterprise_insert (store, e, &error));
              g_assert_no_error (error);
              sl_test_exec (store, "DELETE FROM enterprise");
            }
        }
  }
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM enterprise"), ==, 0);
}

static void
test_duplicate_code (void)
{
  g_autoptr(SlStore) store = sl_ledger_open (":memory:", SL_STORE_OPEN_CREATE, NULL);
  g_autoptr(SlEnterprise) e = NULL;
  g_autoptr(GError) error = NULL;
  gint64 first;

  first = sl_test_add_enterprise (store, CODE_A, "连云港恒瑞新材料有限公司", NULL);
  e = sl_test_enterprise (store, " 91320722ma20kd3r5t ", "另一家公司");
  g_assert_false (sl_enterprise_insert (store, e, &error));
  assert_error_names (error, SL_VALIDATION_ERROR_DUPLICATE, "Unified social credit code");
  g_assert_nonnull (strstr (error->message, "连云港恒瑞新材料有限公司"));
  g_assert_cmpint (sl_enterprise_find_by_code (store, CODE_A), ==, first);
}

static void
test_update_refused_keeps_record (void)
{
  g_autoptr(SlStore) store = sl_ledger_open (":memory:", SL_STORE_OPEN_CREATE, NULL);
  g_autoptr(SlEnterprise) e = NULL;
  g_autoptr(SlEnterprise) stored = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;
  gint64 audits;

  id = sl_test_add_enterprise (store, CODE_A, "连云港恒瑞新材料有限公司", NULL);
  audits = sl_test_query_int (store, "SELECT count(*) FROM audit_log");
  e = sl_enterprise_load (store, id, &error);
  g_free (e->credit_code);
  e->credit_code = g_strdup ("91320722MA20KD3R5X");
  g_free (e->name);
  e->name = g_strdup ("改名");
  g_assert_false (sl_enterprise_update (store, e, &error));
  assert_error_names (error, SL_VALIDATION_ERROR_CHECK, "Unified social credit code");

  stored = sl_enterprise_load (store, id, NULL);
  g_assert_cmpstr (stored->credit_code, ==, CODE_A);
  g_assert_cmpstr (stored->name, ==, "连云港恒瑞新材料有限公司");
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM audit_log"), ==, audits);
}

static void
test_figures (void)
{
  g_autoptr(SlStore) store = sl_ledger_open (":memory:", SL_STORE_OPEN_CREATE, NULL);
  gint64 id = sl_test_add_enterprise (store, CODE_A, "甲公司", NULL);
  struct { int field; gint64 value; const char *name; int code; } cases[] = {
    { 0, -1, "Operating revenue", SL_VALIDATION_ERROR_RANGE },
    { 1, -5, "Main-business revenue", SL_VALIDATION_ERROR_RANGE },
    { 2, -10000, "R&D expense", SL_VALIDATION_ERROR_RANGE },
    { 3, -1, "Total assets", SL_VALIDATION_ERROR_RANGE },
    { 4, -1, "Total liabilities", SL_VALIDATION_ERROR_RANGE },
    { 5, -1, "Valid granted patents", SL_VALIDATION_ERROR_RANGE },
    { 6, -1, "Employees", SL_VALIDATION_ERROR_RANGE },
    { 7, -1, "R&D staff", SL_VALIDATION_ERROR_RANGE },
  };
  SlFigures f;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) list = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 *fields[] = { &f.revenue, &f.main_revenue, &f.rd_expense, &f.total_assets,
                           &f.total_liabilities, &f.patents_valid, &f.staff, &f.rd_staff };
      g_autoptr(GError) e = NULL;

      sl_figures_init (&f, id, 2024);
      *fields[cases[i].field] = cases[i].value;
      g_assert_false (sl_figures_save (store, &f, &e));
      assert_error_names (e, cases[i].code, cases[i].name);
    }

  sl_figures_init (&f, id, 2024);
  f.cnc_rate = 100.5;
  g_assert_false (sl_figures_save (store, &f, &error));
  assert_error_names (error, SL_VALIDATION_ERROR_RANGE, "Key-process CNC rate");
  g_clear_error (&error);

  sl_figures_init (&f, id, 2024);
  f.revenue = 1000;
  f.main_revenue = 2000;
  g_assert_false (sl_figures_save (store, &f, &error));
  assert_error_names (error, SL_VALIDATION_ERROR_RANGE, "Main-business revenue");
  g_clear_error (&error);

  sl_figures_init (&f, id, 2024);
  f.staff = 10;
  f.rd_staff = 11;
  g_assert_false (sl_figures_save (store, &f, &error));
  assert_error_names (error, SL_VALIDATION_ERROR_RANGE, "R&D staff");
  g_clear_error (&error);

  sl_figures_init (&f, id, 1999);
  g_assert_false (sl_figures_save (store, &f, &error));
  assert_error_names (error, SL_VALIDATION_ERROR_RANGE, "Year");
  g_clear_error (&error);

  sl_figures_init (&f, id, 2024);
  f.digital_mgmt = 2;
  g_assert_false (sl_figures_save (store, &f, &error));
  g_assert_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_FORMAT);
  g_clear_error (&error);

  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM annual_figures"), ==, 0);

  /* A good year stores, reads back, and gives its R&D intensity. */
  sl_figures_init (&f, id, 2024);
  g_assert_true (sl_amount_from_wan ("2500", &f.revenue));
  g_assert_true (sl_amount_from_wan ("2300.5", &f.main_revenue));
  g_assert_true (sl_amount_from_wan ("75", &f.rd_expense));
  f.cnc_rate = 55;
  f.digital_mgmt = 1;
  g_assert_true (sl_figures_save (store, &f, &error));
  g_assert_no_error (error);
  list = sl_figures_list (store, id, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpint (g_array_index (list, SlFigures, 0).revenue, ==, 25000000);
  g_assert_cmpint (g_array_index (list, SlFigures, 0).main_revenue, ==, 23005000);
  g_assert_cmpint (g_array_index (list, SlFigures, 0).patents_valid, ==, SL_UNSET);
  g_assert_cmpint (g_array_index (list, SlFigures, 0).digital_rd_tools, ==, -1);
  g_assert_cmpfloat_with_epsilon (sl_figures_rd_intensity (&g_array_index (list, SlFigures, 0)), 3.0, 1e-9);
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM audit_log WHERE entity = 'annual_figures'"), ==, 1);
}

static void
test_amounts (void)
{
  gint64 yuan = 0;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;

  g_assert_true (sl_amount_from_wan ("0.0001", &yuan));
  g_assert_cmpint (yuan, ==, 1);
  g_assert_true (sl_amount_from_wan (" 1234.5 ", &yuan));
  g_assert_cmpint (yuan, ==, 12345000);
  g_assert_false (sl_amount_from_wan ("1.23456", &yuan));
  g_assert_false (sl_amount_from_wan ("十万", &yuan));
  g_assert_false (sl_amount_from_wan ("", &yuan));
  g_assert_false (sl_amount_from_wan ("1e5", &yuan));
  a = sl_amount_to_wan (12345000);
  b = sl_amount_to_wan (10000);
  c = sl_amount_to_wan (-1);
  g_assert_cmpstr (a, ==, "1234.5");
  g_assert_cmpstr (b, ==, "1");
  g_assert_cmpstr (c, ==, "-0.0001");
}

static SlCertification *
cert (gint64      enterprise,
      const char *tier,
      const char *status,
      const char *applied,
      const char *from,
      const char *until)
{
  SlCertification *c = sl_certification_new ();

  c->enterprise_id = enterprise;
  c->tier_key = g_strdup (tier);
  c->status = g_strdup (status);
  c->rule_version = g_strdup ("2022-63");
  c->applied_on = g_strdup (applied);
  c->certified_on = g_strdup (from);
  c->valid_from = g_strdup (from);
  c->valid_until = g_strdup (until);
  return c;
}

static void
test_certification (void)
{
  g_autoptr(SlStore) store = sl_ledger_open (":memory:", SL_STORE_OPEN_CREATE, NULL);
  gint64 id = sl_test_add_enterprise (store, CODE_A, "甲公司", NULL);
  struct { const char *tier, *status, *applied, *from, *until; int code; const char *field; } cases[] = {
    { NULL, "certified", NULL, "2023-01-01", NULL, SL_VALIDATION_ERROR_REQUIRED, "Tier" },
    { "giant", "certified", NULL, "2023-01-01", NULL, SL_VALIDATION_ERROR_UNKNOWN, "Tier" },
    { "srdi", "approved", NULL, "2023-01-01", NULL, SL_VALIDATION_ERROR_FORMAT, "Status" },
    { "srdi", "certified", "2023-02-30", "2023-05-01", NULL, SL_VALIDATION_ERROR_FORMAT, "Applied on" },
    { "srdi", "certified", NULL, "2023/05/01", NULL, SL_VALIDATION_ERROR_FORMAT, "Certified on" },
    { "srdi", "certified", "2023-06-01", "2023-05-01", NULL, SL_VALIDATION_ERROR_ORDER, "Certified on" },
    { "srdi", "certified", NULL, "2023-05-01", "2023-04-30", SL_VALIDATION_ERROR_ORDER, "Valid until" },
    { "srdi", "certified", "2023-01-01", NULL, NULL, SL_VALIDATION_ERROR_REQUIRED, "Valid from" },
    { "srdi", "applying", NULL, NULL, NULL, SL_VALIDATION_ERROR_REQUIRED, "Applied on" },
    { "srdi", "rejected", "2023-01-01", "2023-05-01", NULL, SL_VALIDATION_ERROR_CONFLICT, "Valid from" },
  };
  g_autoptr(SlCertification) good = NULL;
  g_autoptr(SlCertification) overlap = NULL;
  g_autoptr(SlCertification) later = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SlCertification) c = cert (id, cases[i].tier, cases[i].status, cases[i].applied,
                                           cases[i].from, cases[i].until);
      g_autoptr(GError) e = NULL;

      g_assert_false (sl_certification_save (store, c, &e));
      assert_error_names (e, cases[i].code, cases[i].field);
    }
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM certification"), ==, 0);

  /* Validity defaults to the tier's three years. */
  good = cert (id, "srdi", "certified", "2023-03-01", "2023-05-10", NULL);
  g_assert_true (sl_certification_save (store, good, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (good->valid_until, ==, "2026-05-09");
  g_assert_true (sl_certification_is_held_on (good, "2026-05-09"));
  g_assert_false (sl_certification_is_held_on (good, "2026-05-10"));

  overlap = cert (id, "srdi", "certified", NULL, "2026-01-01", NULL);
  g_assert_false (sl_certification_save (store, overlap, &error));
  assert_error_names (error, SL_VALIDATION_ERROR_CONFLICT, "Valid from");
  g_clear_error (&error);

  later = cert (id, "srdi", "certified", NULL, "2026-05-10", NULL);
  g_assert_true (sl_certification_save (store, later, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM certification"), ==, 2);
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM audit_log WHERE entity = 'certification'"), ==, 2);
}

static void
test_honour (void)
{
  g_autoptr(SlStore) store = sl_ledger_open (":memory:", SL_STORE_OPEN_CREATE, NULL);
  gint64 id = sl_test_add_enterprise (store, CODE_B, "乙公司", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (sl_enterprise_add_honour (store, id, "nobel", 2024, &error));
  assert_error_names (error, SL_VALIDATION_ERROR_UNKNOWN, "Honour");
  g_clear_error (&error);
  g_assert_false (sl_enterprise_add_honour (store, id, "smart_workshop", 1980, &error));
  assert_error_names (error, SL_VALIDATION_ERROR_RANGE, "Honour year");
  g_clear_error (&error);
  g_assert_true (sl_enterprise_add_honour (store, id, "smart_workshop", 2024, &error));
  g_assert_no_error (error);
  g_assert_false (sl_enterprise_add_honour (store, id, "smart_workshop", 2024, &error));
  assert_error_names (error, SL_VALIDATION_ERROR_DUPLICATE, "Honour");
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM enterprise_honour"), ==, 1);
}

static void
test_period (void)
{
  const char *bad[] = { "2025-13", "2025-00", "2025-1", "25-11", "2025/11", "", "abcd-ef" };
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autofree char *prev = sl_period_previous ("2025-01");

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_assert_false (sl_period_parse (bad[i], NULL, NULL, &error));
      g_assert_true (g_str_has_prefix (error->message, "Month"));
    }
  g_assert_true (sl_period_parse ("2024-02", &first, &last, NULL));
  g_assert_cmpstr (first, ==, "2024-02-01");
  g_assert_cmpstr (last, ==, "2024-02-29");
  g_assert_cmpstr (prev, ==, "2024-12");
}

/* The free texts of certifications, checklist items and projects have
 * limits too, named in the message; a refused save writes nothing. */
static void
test_other_text_limits (void)
{
  g_autoptr(SlStore) store = sl_ledger_open (":memory:", SL_STORE_OPEN_CREATE, NULL);
  gint64 id = sl_test_add_enterprise (store, CODE_A, "甲公司", NULL);
  g_autofree char *long_note = g_strnfill (2001, 'x');
  g_autofree char *long_title = g_strnfill (501, 'x');
  g_autoptr(SlCertification) c = cert (id, "srdi", "certified", NULL, "2023-05-01", NULL);
  g_autoptr(SlChecklistItem) item = sl_checklist_item_new ();
  g_autoptr(GError) error = NULL;
  gint64 audits = sl_test_query_int (store, "SELECT count(*) FROM audit_log");

  c->doc_no = g_strnfill (101, '1');
  g_assert_false (sl_certification_save (store, c, &error));
  g_assert_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_RANGE);
  g_assert_cmpstr (error->message, ==, "Document number: at most 100 characters");
  g_clear_error (&error);
  g_clear_pointer (&c->doc_no, g_free);
  c->note = g_strdup (long_note);
  g_assert_false (sl_certification_save (store, c, &error));
  g_assert_cmpstr (error->message, ==, "Note: at most 2000 characters");
  g_clear_error (&error);
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM certification"), ==, 0);

  item->project_id = sl_test_query_int (store, "SELECT min (id) FROM project");
  item->title = g_strdup (long_title);
  g_assert_false (sl_checklist_item_save (store, item, &error));
  g_assert_cmpstr (error->message, ==, "Item: at most 500 characters");
  g_clear_error (&error);

  g_assert_cmpint (sl_project_create_custom (store, long_title, NULL, &error), ==, 0);
  g_assert_cmpstr (error->message, ==, "Project: at most 200 characters");
  g_clear_error (&error);
  g_assert_cmpint (sl_test_query_int (store, "SELECT count(*) FROM audit_log"), ==, audits);
}

/* Days as clerks type them: every common way in, one ISO day out; a
 * text that is not one whole day gives none, never a guess. */
static void
test_typed_dates (void)
{
  static const char *same[] = {
    "2018-03-05", "2018-3-5", "2018/3/5", "2018/03/05", "2018.3.5", "2018年3月5日", "2018年03月05日",
    "2018年3月5", "20180305", " 2018-03-05 ", "２０１８－０３－０５", "２０１８年３月５日", "2018 年 3 月 5 日", NULL,
  };
  static const char *none[] = {
    "", "2018", "2018-03", "2018-3/5", "2018年3-5", "2018-02-30", "18-3-5", "2018-003-05", "2018-03-05x",
    "3/5/2018", "1899-12-31", "2018/13/1", "201803051", "二〇一八年三月五日", NULL,
  };

  for (guint i = 0; same[i]; i++)
    {
      g_autofree char *iso = sl_date_from_text (same[i]);
      g_assert_cmpstr (iso, ==, "2018-03-05");
    }
  for (guint i = 0; none[i]; i++)
    {
      g_autofree char *iso = sl_date_from_text (none[i]);
      if (iso != NULL)
        g_error ("“%s” read as %s", none[i], iso);
    }
  g_assert_null (sl_date_from_text (NULL));
  {
    /* What the pages show reads back as the day it shows. */
    g_autofree char *shown = sl_date_display ("2025-12-01");
    g_autofree char *back = sl_date_from_text ("2025年12月1日");
    g_assert_cmpstr (back, ==, "2025-12-01");
    g_assert_nonnull (shown);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("SL_TODAY", "2026-11-25", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/validation/enterprise", test_enterprise);
  g_test_add_func ("/validation/duplicate-code", test_duplicate_code);
  g_test_add_func ("/validation/update-refused-keeps-record", test_update_refused_keeps_record);
  g_test_add_func ("/validation/figures", test_figures);
  g_test_add_func ("/validation/amounts", test_amounts);
  g_test_add_func ("/validation/certification", test_certification);
  g_test_add_func ("/validation/other-text-limits", test_other_text_limits);
  g_test_add_func ("/validation/honour", test_honour);
  g_test_add_func ("/validation/period", test_period);
  g_test_add_func ("/validation/typed-dates", test_typed_dates);

  return g_test_run ();
}
