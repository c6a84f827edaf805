/* sl-import-report.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sl-import-private.h"
#include "sl-util.h"

/* The dry run in words: what each row will do, what is refused and why,
 * what is skipped, ignored or hidden, for the window and the command line
 * alike. */

/* "A", "Z", "AA": a column as a spreadsheet names it. */
static char *
column_letter (guint c)
{
  char buf[8];
  int i = (int) sizeof buf - 1;

  buf[i] = '\0';
  for (c++; c > 0 && i > 0; c = (c - 1) / 26)
    buf[--i] = (char) ('A' + (c - 1) % 26);
  return g_strdup (buf + i);
}

/**
 * sl_import_plan_report:
 *
 * Returns: (transfer full): the dry run's report as text, in the UI language
 */
char *
sl_import_plan_report (SlImportPlan *plan)
{
  g_autoptr(GString) s = g_string_new (NULL);
  guint adds = 0, updates = 0;

  for (guint i = 0; i < plan->actions->len; i++)
    {
      SlImportAction *a = plan->actions->pdata[i];
      adds += !a->update;
      updates += a->update;
    }
  g_string_append_printf (s, _("%u rows: %u to add, %u to update, %u unchanged, %u refused\n"),
                          sl_import_plan_n_rows (plan), adds, updates, plan->n_unchanged, sl_import_plan_n_refused (plan));
  if (plan->header_row > 0 || plan->two_rows)
    g_string_append_printf (s, plan->two_rows ? _("The header is rows %u and %u; the rows above it are not read\n")
                                              : _("The header is row %u; the rows above it are not read\n"),
                            plan->header_row + 1, plan->header_row + 2);
  for (guint c = 0; c < plan->headers->len; c++)
    if (g_array_index (plan->mapping, SlImportField, c) == SL_IMPORT_IGNORE)
      {
        g_autofree char *heading = sl_text_escaped (plan->headers->pdata[c]);

        if (*heading && _sl_import_column_hidden (plan, c))
          ;   /* told below, with the hidden columns */
        else if (*heading && _sl_import_field_of_heading (plan->headers->pdata[c]) != SL_IMPORT_IGNORE)
          g_string_append_printf (s, _("Column “%s” names a field that an earlier column has; it is ignored\n"), heading);
        else if (*heading)
          g_string_append_printf (s, _("Column “%s” is not one the ledger knows; it is ignored\n"), heading);
        else if (_sl_import_column_has_data (plan, c))
          {
            g_autofree char *letter = column_letter (c);
            /* TRANSLATORS: %s is a spreadsheet column letter such as "F" */
            g_string_append_printf (s, _("Column %s has no heading; it is ignored\n"), letter);
          }
      }
  for (guint i = 0; i < plan->skipped->len; i++)
    g_string_append_printf (s, _("%s: skipped, no firm\n"), (char *) plan->skipped->pdata[i]);
  for (guint i = 0; plan->hidden && i < plan->hidden->len; i++)
    {
      guint c = g_array_index (plan->hidden, guint, i);
      g_autofree char *letter = column_letter (c);

      if (c >= plan->headers->len || !_sl_import_column_has_data (plan, c))
        continue;
      if (g_array_index (plan->mapping, SlImportField, c) != SL_IMPORT_IGNORE)
        /* TRANSLATORS: a spreadsheet column letter */
        g_string_append_printf (s, _("Column %s is hidden in the workbook; it is read\n"), letter);
      else
        g_string_append_printf (s, _("Column %s is hidden in the workbook and not read\n"), letter);
    }
  if (plan->n_hidden_rows > 0)
    g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, "%u row is hidden in the workbook; it is read like the others\n",
                                            "%u rows are hidden in the workbook; they are read like the others\n",
                                            plan->n_hidden_rows), plan->n_hidden_rows);
  for (guint i = 0; i < plan->actions->len; i++)
    {
      SlImportAction *a = plan->actions->pdata[i];

      g_autofree char *code = sl_text_escaped (a->credit_code);
      g_autofree char *name = sl_text_escaped (a->name);
      g_autofree char *changes = sl_text_escaped (a->changes);

      if (a->update)
        g_string_append_printf (s, _("Row %u: update %s %s: %s\n"), a->row, code, name, changes);
      else if (a->tier_key != NULL)
        /* TRANSLATORS: row, credit code, name, the tier the firm will hold */
        g_string_append_printf (s, _("Row %u: add %s %s as %s\n"), a->row, code, name, sl_tier_name (a->tier_key, a->tier_key));
      else
        g_string_append_printf (s, _("Row %u: add %s %s\n"), a->row, code, name);
    }
  for (guint i = 0; i < plan->problems->len; i++)
    {
      SlImportProblem *p = plan->problems->pdata[i];
      g_autofree char *column = sl_text_escaped (p->column);
      g_autofree char *reason = sl_text_escaped (p->reason);

      if (p->column)
        g_string_append_printf (s, _("Row %u, column “%s”: %s\n"), p->row, column, reason);
      else
        g_string_append_printf (s, _("Row %u: %s\n"), p->row, reason);
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}
