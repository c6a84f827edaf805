/* sl-error.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sl-error.h"

G_DEFINE_QUARK (sl-store-error-quark, sl_store_error)
G_DEFINE_QUARK (sl-validation-error-quark, sl_validation_error)
G_DEFINE_QUARK (sl-plan-error-quark, sl_plan_error)

/**
 * sl_check_text_limits:
 * @out_failed: (out) (optional): the index of the text that is too long
 *
 * Every free text of a record has a limit: a spreadsheet cell holds
 * 32,767 characters, and one 100 KB text would stop every export of the
 * ledger. The message names the field and the limit.
 *
 * Returns: %TRUE if every text is within its limit
 */
gboolean
sl_check_text_limits (const SlTextLimit  *limits,
                      guint               n,
                      guint              *out_failed,
                      GError            **error)
{
  for (guint i = 0; i < n; i++)
    if (limits[i].text != NULL && g_utf8_strlen (limits[i].text, -1) > limits[i].max)
      {
        /* TRANSLATORS: "Contact: at most 50 characters" */
        g_set_error (error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_RANGE,
                     _("%s: at most %d characters"), limits[i].label, limits[i].max);
        if (out_failed)
          *out_failed = i;
        return FALSE;
      }
  return TRUE;
}
