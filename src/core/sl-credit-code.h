/* sl-credit-code.h
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * SECTION:sl-credit-code
 *
 * The unified social credit code (统一社会信用代码, GB 32100-2015): 18
 * characters from `0-9A-HJ-NPQRTUWXY`. A wrong 18th (check) character is an
 * error. A wrong 17th character (the organisation-code check of GB 11714) is
 * only a warning, since some codes issued before full validation carry one,
 * and so is a prefix other than `91` (the code is not an enterprise's).
 * Input is trimmed and upper-cased, never otherwise corrected.
 */

/**
 * SlCreditCodeWarnings:
 * @SL_CREDIT_CODE_OK: no warning
 * @SL_CREDIT_CODE_WARN_ORG_CHECK: the 17th character fails the organisation-code check
 * @SL_CREDIT_CODE_WARN_NOT_ENTERPRISE: the code does not start with 91
 */
typedef enum {
  SL_CREDIT_CODE_OK = 0,
  SL_CREDIT_CODE_WARN_ORG_CHECK = 1 << 0,
  SL_CREDIT_CODE_WARN_NOT_ENTERPRISE = 1 << 1,
} SlCreditCodeWarnings;

gboolean  sl_credit_code_validate          (const char            *input,
                                            char                 **out_normalized,
                                            SlCreditCodeWarnings  *out_warnings,
                                            GError               **error);
char     *sl_credit_code_describe_warnings (SlCreditCodeWarnings   warnings);
char      sl_credit_code_check_char        (const char            *first17);
char      sl_credit_code_org_check_char    (const char            *body8);

G_END_DECLS
