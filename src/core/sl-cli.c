/* sl-cli.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sl-backup.h"
#include "sl-cli.h"
#include "sl-demo.h"
#include "sl-ledger.h"
#include "sl-store.h"
#include "sl-bulletin.h"
#include "sl-import.h"
#include "sl-merge.h"
#include "sl-summary.h"
#include "sl-util.h"

#define SL_ISSUE_NO_MAX 9999

/* One line on standard error, whatever the message holds: a name's line
 * breaks and escape sequences are shown, not obeyed. */
static void
say (const GError *error)
{
  g_autofree char *line = sl_text_escaped (error->message);

  g_printerr ("srdi-ledger: %s\n", line);
}

static int
fail (const GError *error)
{
  say (error);
  return EXIT_FAILURE;
}

static char *
current_month (void)
{
  g_autofree char *today = sl_today ();
  return g_strndup (today, 7);
}

/**
 * sl_cli_wanted:
 *
 * Returns: %TRUE if @argv asks for work without a window (`--demo`,
 *   `--summary`, `--scope`, `--export-bulletin`, `--version`)
 */
gboolean
sl_cli_wanted (int    argc,
               char **argv)
{
  static const char *options[] = { "--demo", "--summary", "--scope", "--version", "--export-bulletin",
                                   "--output", "--issue-no", "--figures-year", "--import", "--dry-run", "--skip-bad-rows",
                                   "--sheet", "--header-row", "--export-roster", "--undo-import", "--import-template", "--merge", "--take-theirs",
                                   "--backup", "--restore", "--read-only" };

  for (int i = 1; i < argc; i++)
    for (guint o = 0; o < G_N_ELEMENTS (options); o++)
      {
        gsize len = strlen (options[o]);
        if (strncmp (argv[i], options[o], len) == 0 && (argv[i][len] == '\0' || argv[i][len] == '='))
          return TRUE;
      }
  return FALSE;
}

/**
 * sl_cli_run:
 *
 * The command line that works without a display: `--db`, `--demo`,
 * `--summary` and `--scope`.
 *
 * Returns: the process's exit status
 */
int
sl_cli_run (int    argc,
            char **argv)
{
  g_autofree char *db = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *scope = NULL;
  g_autofree char *bulletin = NULL;
  g_autofree char *output = NULL;
  int issue_no = 0;
  int figures_year = 0;
  g_autofree char *import = NULL;
  g_autofree char *sheet = NULL;
  g_autofree char *header_row = NULL;
  g_autofree char *export_roster = NULL;
  g_autofree char *template = NULL;
  g_autofree char *merge = NULL;
  gboolean take_theirs = FALSE;
  g_autofree char *backup = NULL;
  g_autofree char *restore = NULL;
  gboolean read_only = FALSE;
  SlStoreOpenFlags flags = SL_STORE_OPEN_DEFAULT;
  gboolean dry_run = FALSE, skip_bad_rows = FALSE, undo_import = FALSE;
  gint64 demo = G_MININT64;   /* not given */
  gboolean version = FALSE;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) store = NULL;
  g_auto(GStrv) args = g_strdupv (argv);
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_("Open the ledger at PATH instead of the default one"), N_("PATH") },
    { "demo", 0, 0, G_OPTION_ARG_INT64, &demo, N_("Add N realistic demo enterprises to the ledger"), N_("N") },
    { "summary", 0, 0, G_OPTION_ARG_STRING, &summary, N_("Print the bulletin’s figures for a month as JSON"), N_("YYYY-MM") },
    { "scope", 0, 0, G_OPTION_ARG_STRING, &scope, N_("Limit the figures to one jurisdiction"), N_("NAME") },
    { "export-bulletin", 0, 0, G_OPTION_ARG_STRING, &bulletin, N_("Write the month’s bulletin as an Excel workbook"), N_("YYYY-MM") },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, &output, N_("The workbook to write"), N_("FILE") },
    { "issue-no", 0, 0, G_OPTION_ARG_INT, &issue_no, N_("The bulletin’s issue number (default: the next of the year)"), N_("N") },
    { "figures-year", 0, 0, G_OPTION_ARG_INT, &figures_year, N_("The year of the annual figures the indicators take (default: the year before the month’s)"), N_("YYYY") },
    { "import", 0, 0, G_OPTION_ARG_FILENAME, &import, N_("Import a roster from an .xlsx or .csv file"), N_("FILE") },
    { "sheet", 0, 0, G_OPTION_ARG_STRING, &sheet, N_("The workbook's sheet to import (default: the first)"), N_("NAME") },
    { "header-row", 0, 0, G_OPTION_ARG_STRING, &header_row, N_("The roster's header row, where the one found is not it; N-M for a header of two rows"), N_("N") },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, N_("Report what the import would do, and write nothing"), NULL },
    { "skip-bad-rows", 0, 0, G_OPTION_ARG_NONE, &skip_bad_rows, N_("Import the good rows even when others are refused"), NULL },
    { "import-template", 0, 0, G_OPTION_ARG_FILENAME, &template, N_("Write an import template (.xlsx) with lists to choose from"), N_("FILE") },
    { "merge", 0, 0, G_OPTION_ARG_FILENAME, &merge, N_("Merge another ledger (a county's) into this one; with --dry-run, only report"), N_("LEDGER") },
    { "take-theirs", 0, 0, G_OPTION_ARG_NONE, &take_theirs, N_("In a merge's conflicts, take the other ledger's values"), NULL },
    { "undo-import", 0, 0, G_OPTION_ARG_NONE, &undo_import, N_("Undo the last import"), NULL },
    { "export-roster", 0, 0, G_OPTION_ARG_FILENAME, &export_roster, N_("Write the roster to an .xlsx or .csv file in the import's columns"), N_("FILE") },
    { "backup", 0, 0, G_OPTION_ARG_FILENAME, &backup, N_("Write a consistent copy of the ledger to FILE, a new file"), N_("FILE") },
    { "restore", 0, 0, G_OPTION_ARG_FILENAME, &restore, N_("Put the backup FILE in place of the ledger, saving the current file aside"), N_("FILE") },
    { "read-only", 0, 0, G_OPTION_ARG_NONE, &read_only, N_("Open the ledger read-only: write nothing to it"), NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, N_("Show the program’s version"), NULL },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("SRDI Ledger keeps the roster, tiers and checklists of an SRDI enterprise-cultivation workgroup."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse_strv (context, &args, &error))
    return fail (error);
  if (g_strv_length (args) > 1)
    {
      g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("Unexpected argument “%s”; see --help"), args[1]);
      return fail (error);
    }
  if (version)
    {
      g_print ("srdi-ledger %s\n", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }
  if (scope != NULL && summary == NULL && bulletin == NULL)
    {
      g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--scope goes with --summary or --export-bulletin"));
      return fail (error);
    }
  if (((dry_run && merge == NULL) || skip_bad_rows || sheet != NULL || header_row != NULL) && import == NULL)
    {
      g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--dry-run, --skip-bad-rows, --sheet and --header-row go with --import"));
      return fail (error);
    }
  if ((output != NULL || issue_no != 0) && bulletin == NULL)
    {
      g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--output and --issue-no go with --export-bulletin"));
      return fail (error);
    }
  if (bulletin != NULL && output == NULL)
    {
      g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--export-bulletin needs --output FILE"));
      return fail (error);
    }
  /* GOption takes any int: 2147483647 would wrap at the next number. */
  if (issue_no < 0 || issue_no > SL_ISSUE_NO_MAX)
    {
      g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--issue-no: expected a number from 1 to %d"), SL_ISSUE_NO_MAX);
      return fail (error);
    }
  if (figures_year != 0 && bulletin == NULL && summary == NULL)
    {
      g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--figures-year goes with --summary or --export-bulletin"));
      return fail (error);
    }
  if (figures_year != 0 && (figures_year < 2000 || figures_year > atoi (bulletin ? bulletin : summary)))
    {
      g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--figures-year: expected a year from 2000 to the month’s"));
      return fail (error);
    }
  if (bulletin != NULL && !sl_period_parse (bulletin, NULL, NULL, &error))
    return fail (error);
  if (summary != NULL && !sl_period_parse (summary, NULL, NULL, &error))
    return fail (error);

  if (demo != G_MININT64 && !sl_demo_check_count (demo, &error))
    return fail (error);

  /* A mistyped --db must not leave a new empty ledger behind: only the
   * default ledger, and the commands that fill one, create it. */
  if (db == NULL)
    {
      db = sl_store_default_path ();
      flags |= SL_STORE_OPEN_CREATE;
    }
  else if (demo != G_MININT64 || (import != NULL && !dry_run))
    flags |= SL_STORE_OPEN_CREATE;
  if (read_only)
    flags = SL_STORE_OPEN_READ_ONLY;

  if (restore != NULL)
    {
      g_autofree char *aside = NULL;
      g_autofree char *shown = g_filename_display_name (db);

      if (!sl_backup_restore (db, restore, &aside, &error))
        return fail (error);
      if (aside != NULL)
        {
          g_autofree char *aside_shown = g_filename_display_name (aside);
          g_print (_("Restored %s; the file it replaced was saved as %s.\n"), shown, aside_shown);
        }
      else
        g_print (_("Restored %s.\n"), shown);
      return EXIT_SUCCESS;
    }

  store = sl_ledger_open (db, flags, &error);
  if (store == NULL)
    return fail (error);
  if (!sl_store_is_read_only (store) && !sl_ledger_care (db, NULL, &error))
    {
      if (g_error_matches (error, SL_STORE_ERROR, SL_STORE_ERROR_DAMAGED))
        return fail (error);
      /* The work asked for goes on; the missing backup is said. */
      say (error);
      g_clear_error (&error);
    }

  if (backup != NULL)
    {
      g_autofree char *shown = g_filename_display_name (backup);

      if (!sl_backup_write (store, backup, &error))
        return fail (error);
      g_print (_("Wrote a backup of the ledger to %s.\n"), shown);
      return EXIT_SUCCESS;
    }

  if (demo != G_MININT64)
    {
      if (!sl_demo_generate (store, demo, NULL, NULL, NULL, &error))
        return fail (error);
      if (summary == NULL)
        {
          g_autofree char *added = g_strdup_printf ("%" G_GINT64_FORMAT, demo);
          g_autofree char *total = g_strdup_printf ("%" G_GINT64_FORMAT, sl_store_count_enterprises (store));

          g_print (_("Added %s demo enterprises; the ledger now holds %s.\n"), added, total);
          return EXIT_SUCCESS;
        }
    }

  if (import != NULL)
    {
      g_autoptr(SlImportPlan) plan = NULL;
      g_autofree char *report = NULL;
      guint64 first = 0;
      gboolean two = FALSE;
      gboolean ok;

      if (header_row != NULL)
        {
          char *end = NULL;

          first = g_ascii_strtoull (header_row, &end, 10);
          two = *end == '-' && g_ascii_strtoull (end + 1, &end, 10) == first + 1;
          if (first < 1 || first > G_MAXUINT || *end != '\0')
            {
              g_set_error (&error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_FORMAT,
                           _("--header-row: “%s” is not a row (3) or two rows in a row (3-4)"), header_row);
              return fail (error);
            }
        }
      /* Applied at once, the import's one write is its trial too. */
      plan = sl_import_plan_read_at (store, import, sheet, (guint) first, two, !dry_run, &error);
      if (plan == NULL)
        return fail (error);
      if (dry_run)
        {
          report = sl_import_plan_report (plan);
          g_print ("%s", report);
          return sl_import_plan_get_problems (plan)->len ? EXIT_FAILURE : EXIT_SUCCESS;
        }
      ok = sl_import_apply (plan, skip_bad_rows, &error);
      /* The report after the write: it holds what only the write refused. */
      report = sl_import_plan_report (plan);
      g_print ("%s", report);
      if (!ok)
        return fail (error);
      g_print ("%s\n", _("Imported."));
      return sl_import_plan_get_problems (plan)->len ? EXIT_FAILURE : EXIT_SUCCESS;
    }
  if (merge != NULL)
    {
      g_autoptr(SlMergePlan) plan = sl_merge_plan_new (store, merge, &error);
      g_autofree char *report = NULL;

      if (plan == NULL)
        return fail (error);
      for (guint i = 0; i < sl_merge_plan_get_conflicts (plan)->len; i++)
        ((SlMergeConflict *) sl_merge_plan_get_conflicts (plan)->pdata[i])->take_theirs = take_theirs;
      report = sl_merge_plan_report (plan);
      g_print ("%s", report);
      if (dry_run)
        {
          if (!sl_merge_plan_check (plan, &error))
            {
              g_prefix_error (&error, _("The merge would fail: "));
              return fail (error);
            }
          return EXIT_SUCCESS;
        }
      if (!sl_merge_apply (plan, &error))
        return fail (error);
      g_print ("%s\n", _("Merged."));
      return EXIT_SUCCESS;
    }
  if (template != NULL)
    {
      g_autofree char *shown = g_filename_display_name (template);

      if (!sl_import_write_template (store, template, &error))
        return fail (error);
      g_print (_("Wrote the import template to %s.\n"), shown);
      return EXIT_SUCCESS;
    }
  if (undo_import)
    {
      g_autofree char *which = sl_import_describe_last (store);

      if (!sl_import_undo_last (store, &error))
        return fail (error);
      g_print (_("Undid the import of %s.\n"), which);
      return EXIT_SUCCESS;
    }
  if (export_roster != NULL)
    {
      g_autofree char *shown = g_filename_display_name (export_roster);

      if (!sl_roster_export_file (store, export_roster, &error))
        return fail (error);
      g_print (_("Wrote the roster to %s.\n"), shown);
      return EXIT_SUCCESS;
    }

  if (bulletin != NULL)
    {
      SlBulletinOptions options = { .period = bulletin, .scope = scope, .issue_no = issue_no, .figures_year = figures_year };
      gint64 id = sl_bulletin_export (store, &options, NULL, output, NULL, NULL, NULL, &error);
      g_autofree char *shown = g_filename_display_name (output);

      if (id == 0)
        return fail (error);
      g_print (_("Wrote the bulletin of %s to %s.\n"), bulletin, shown);
      return EXIT_SUCCESS;
    }

  /* Without an action, say what the ledger holds this month. */
  if (summary == NULL)
    summary = current_month ();

  {
    g_autoptr(JsonNode) node = sl_summary_compute_full (store, summary, scope, figures_year, &error);
    g_autoptr(JsonGenerator) gen = NULL;
    g_autofree char *text = NULL;

    if (node == NULL)
      return fail (error);
    gen = json_generator_new ();
    json_generator_set_pretty (gen, TRUE);
    json_generator_set_indent (gen, 2);
    json_generator_set_root (gen, node);
    text = json_generator_to_data (gen, NULL);
    g_print ("%s\n", text);
  }
  return EXIT_SUCCESS;
}
