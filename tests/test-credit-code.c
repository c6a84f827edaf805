/* test-credit-code.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sl-credit-code.h"
#include "sl-error.h"

static const char charset[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/* The examples of reference/domain.md §6. */
static const char *valid_codes[] = {
  "91350100M000100Y43",
  "914403001922038216",
  "9144030071526726XG",
  "91330100716105852F",
  "91320700MA1MABCD6L",
  "91320722MA20KD3R5T",
  "91320706704042460D",
  "91110108MA01MNU448",
  "91110108MA01R70K8D",
  "91320700MA1MBGC09C",
};

static void
test_valid (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (valid_codes); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *normalized = NULL;
      SlCreditCodeWarnings warnings = 99;

      g_assert_true (sl_credit_code_validate (valid_codes[i], &normalized, &warnings, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (normalized, ==, valid_codes[i]);
      g_assert_cmpint (warnings, ==, SL_CREDIT_CODE_OK);
    }
}

static void
test_invalid (void)
{
  struct { const char *code; int error; const char *mentions; } cases[] = {
    { "91350100M000100Y4Z", SL_VALIDATION_ERROR_FORMAT, "18" },      /* Z is not in the charset */
    { "91320700MA1MXXXXX0", SL_VALIDATION_ERROR_CHECK, "check" },
    { "91110108MA01G90MXE", SL_VALIDATION_ERROR_CHECK, "check" },
    { "91320700MA1N8C0K6P", SL_VALIDATION_ERROR_CHECK, "check" },
    { "", SL_VALIDATION_ERROR_REQUIRED, "required" },
    { "   ", SL_VALIDATION_ERROR_REQUIRED, "required" },
    { "9132070", SL_VALIDATION_ERROR_FORMAT, "18 characters" },
    { "91320700MA1MABCD6L1", SL_VALIDATION_ERROR_FORMAT, "18 characters" },
    { "91320700MA1MABCD6O", SL_VALIDATION_ERROR_FORMAT, "did you mean the digit “0”" },
    { "91320700MA1MABCD6I", SL_VALIDATION_ERROR_FORMAT, "did you mean the digit “1”" },
    { "９1320700MA1MABCD6L", SL_VALIDATION_ERROR_FORMAT, "full-width" },
    { "91320700MA1-ABCD6L", SL_VALIDATION_ERROR_FORMAT, "character 12" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *normalized = NULL;

      g_assert_false (sl_credit_code_validate (cases[i].code, &normalized, NULL, &error));
      g_assert_error (error, SL_VALIDATION_ERROR, cases[i].error);
      g_assert_null (normalized);
      g_assert_true (g_str_has_prefix (error->message, "Unified social credit code:"));
      if (strstr (error->message, cases[i].mentions) == NULL)
        g_error ("“%s”: message “%s” does not mention “%s”", cases[i].code, error->message, cases[i].mentions);
    }
}

static void
test_normalize (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *normalized = NULL;

  g_assert_true (sl_credit_code_validate ("  91320700ma1mabcd6l \t", &normalized, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (normalized, ==, "91320700MA1MABCD6L");
}

static char *
make_code (const char *first16)
{
  char code[19];

  memcpy (code, first16, 16);
  code[16] = sl_credit_code_org_check_char (code + 8);
  code[17] = sl_credit_code_check_char (code);
  code[18] = '\0';
  return g_strdup (code);
}

static void
test_warnings (void)
{
  g_autofree char *good = make_code ("91320722MA20KD3R");
  g_autofree char *not_enterprise = make_code ("93320722MA20KD3R");
  g_autofree char *bad_org = g_strdup (good);
  g_autofree char *text = NULL;
  SlCreditCodeWarnings warnings;

  g_assert_true (sl_credit_code_validate (good, NULL, &warnings, NULL));
  g_assert_cmpint (warnings, ==, SL_CREDIT_CODE_OK);

  g_assert_true (sl_credit_code_validate (not_enterprise, NULL, &warnings, NULL));
  g_assert_cmpint (warnings, ==, SL_CREDIT_CODE_WARN_NOT_ENTERPRISE);
  text = sl_credit_code_describe_warnings (warnings);
  g_assert_nonnull (strstr (text, "91"));

  /* A wrong 17th character with a matching 18th is accepted, with a warning. */
  bad_org[16] = bad_org[16] == '0' ? '1' : '0';
  bad_org[17] = sl_credit_code_check_char (bad_org);
  g_assert_true (sl_credit_code_validate (bad_org, NULL, &warnings, NULL));
  g_assert_cmpint (warnings, ==, SL_CREDIT_CODE_WARN_ORG_CHECK);
  g_assert_null (sl_credit_code_describe_warnings (SL_CREDIT_CODE_OK));
}

static void
test_generated (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (32100);

  for (int n = 0; n < 5000; n++)
    {
      char code[19];
      int pos;
      char replacement;

      for (int i = 0; i < 17; i++)
        code[i] = charset[g_rand_int_range (rand, 0, 31)];
      code[17] = sl_credit_code_check_char (code);
      code[18] = '\0';
      g_assert_true (sl_credit_code_validate (code, NULL, NULL, NULL));

      /* Any one changed character is caught: 31 is prime and no weight is 0. */
      pos = g_rand_int_range (rand, 0, 18);
      do
        replacement = charset[g_rand_int_range (rand, 0, 31)];
      while (replacement == code[pos]);
      code[pos] = replacement;
      g_assert_false (sl_credit_code_validate (code, NULL, NULL, NULL));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/credit-code/valid", test_valid);
  g_test_add_func ("/credit-code/invalid", test_invalid);
  g_test_add_func ("/credit-code/normalize", test_normalize);
  g_test_add_func ("/credit-code/warnings", test_warnings);
  g_test_add_func ("/credit-code/generated", test_generated);

  return g_test_run ();
}
