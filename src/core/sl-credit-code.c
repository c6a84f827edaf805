/* sl-credit-code.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sl-credit-code.h"
#include "sl-error.h"

static const char charset[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
static const int weights18[17] = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 };
static const int weights17[8] = { 3, 7, 9, 10, 5, 8, 4, 2 };

static int
value_of (char c)
{
  const char *p = c ? strchr (charset, c) : NULL;
  return p ? (int) (p - charset) : -1;
}

/**
 * sl_credit_code_check_char:
 * @first17: the first 17 characters of a code, all from the code's charset
 *
 * Returns: the 18th character that makes the code valid
 */
char
sl_credit_code_check_char (const char *first17)
{
  int sum = 0;
  int c;

  for (int i = 0; i < 17; i++)
    sum += value_of (first17[i]) * weights18[i];
  c = 31 - sum % 31;
  return charset[c == 31 ? 0 : c];
}

/**
 * sl_credit_code_org_check_char:
 * @body8: characters 9 to 16 of a code
 *
 * GB 11714 values letters over the full alphabet (A = 10 … Z = 35), not
 * over the credit code's 31 characters.
 *
 * Returns: the 17th character the organisation-code check expects
 */
char
sl_credit_code_org_check_char (const char *body8)
{
  int sum = 0;
  int c;

  for (int i = 0; i < 8; i++)
    {
      char ch = body8[i];
      int v = g_ascii_isdigit (ch) ? ch - '0' : ch - 'A' + 10;
      sum += v * weights17[i];
    }
  c = 11 - sum % 11;
  if (c == 10)
    return 'X';
  if (c == 11)
    return '0';
  return '0' + c;
}

/**
 * sl_credit_code_validate:
 * @input: what the clerk typed
 * @out_normalized: (out) (optional): the trimmed, upper-case code
 * @out_warnings: (out) (optional): warnings for a code that is still accepted
 * @error: return location for an error naming the rule broken
 *
 * Returns: %TRUE if the code is acceptable (perhaps with warnings)
 */
gboolean
sl_credit_code_validate (const char            *input,
                         char                 **out_normalized,
                         SlCreditCodeWarnings  *out_warnings,
                         GError               **error)
{
  g_autofree char *code = NULL;
  SlCreditCodeWarnings warnings = SL_CREDIT_CODE_OK;
  glong n_chars;

  if (out_warnings)
    *out_warnings = SL_CREDIT_CODE_OK;
  if (input == NULL || !g_utf8_validate (input, -1, NULL))
    input = "";

  code = g_strstrip (g_ascii_strup (input, -1));
  if (*code == '\0')
    {
      g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_REQUIRED,
                   _("Unified social credit code: required"));
      return FALSE;
    }

  for (const char *p = code; *p; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);

      if (ch >= 0xFF01 && ch <= 0xFF5E)
        {
          g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_FORMAT,
                       _("Unified social credit code: “%s” contains the full-width character “%.*s”; type it with half-width (ASCII) characters"),
                       code, (int) (g_utf8_next_char (p) - p), p);
          return FALSE;
        }
    }

  n_chars = g_utf8_strlen (code, -1);
  if (n_chars != 18)
    {
      g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_FORMAT,
                   _("Unified social credit code: must be 18 characters, “%s” has %ld"), code, n_chars);
      return FALSE;
    }

  for (int i = 0; i < 18; i++)
    {
      if (value_of (code[i]) < 0)
        {
          if (code[i] == 'O' || code[i] == 'I')
            g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_FORMAT,
                         _("Unified social credit code: character %d is the letter “%c”, which codes never use; did you mean the digit “%c”?"),
                         i + 1, code[i], code[i] == 'O' ? '0' : '1');
          else
            g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_FORMAT,
                         _("Unified social credit code: character %d (“%c”) is not allowed; codes use digits and the letters A–Y without I, O, S, V and Z"),
                         i + 1, g_ascii_isprint (code[i]) ? code[i] : '?');
          return FALSE;
        }
    }

  if (sl_credit_code_check_char (code) != code[17])
    {
      g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_CHECK,
                   _("Unified social credit code: the check character (18th) of “%s” does not match; the code has a typing error"),
                   code);
      return FALSE;
    }

  if (sl_credit_code_org_check_char (code + 8) != code[16])
    warnings |= SL_CREDIT_CODE_WARN_ORG_CHECK;
  if (code[0] != '9' || code[1] != '1')
    warnings |= SL_CREDIT_CODE_WARN_NOT_ENTERPRISE;

  if (out_warnings)
    *out_warnings = warnings;
  if (out_normalized)
    *out_normalized = g_steal_pointer (&code);
  return TRUE;
}

/**
 * sl_credit_code_describe_warnings:
 *
 * Returns: (transfer full) (nullable): the warnings as one sentence each, or %NULL
 */
char *
sl_credit_code_describe_warnings (SlCreditCodeWarnings warnings)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();

  if (warnings & SL_CREDIT_CODE_WARN_ORG_CHECK)
    g_ptr_array_add (parts, _("The 17th character fails the organisation-code check; please confirm the code against the business licence."));
  if (warnings & SL_CREDIT_CODE_WARN_NOT_ENTERPRISE)
    g_ptr_array_add (parts, _("The code does not start with 91, so it is not an enterprise’s code."));
  if (parts->len == 0)
    return NULL;
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" ", (char **) parts->pdata);
}
