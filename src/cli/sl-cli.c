/* sl-cli.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sl-backup.h"
#include "sl-cli.h"
#include "sl-options.h"
#include "sl-demo.h"
#include "sl-ledger.h"
#include "sl-store.h"
#include "sl-bulletin.h"
#include "sl-import.h"
#include "sl-merge.h"
#include "sl-plan.h"
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

/* No option asks for more than the summary. */
static gboolean
only_reads (const SlOptions *o)
{
  return o->backup == NULL && o->demo == G_MININT64 && o->import == NULL && o->merge == NULL && o->load_plan == NULL
         && o->template == NULL && !o->undo_import && o->export_roster == NULL && o->bulletin == NULL;
}

/* About 40,000 firms: their summary takes a tenth of a second warm. */
#define READER_MAX_BYTES (64 * 1024 * 1024)

static gboolean
short_read (const char *db)
{
  GStatBuf st;

  return g_stat (db, &st) == 0 && st.st_size < READER_MAX_BYTES;
}

/**
 * sl_cli_run:
 * @options: the parsed command line, asking for work without a window
 *
 * Does the work the options ask for, with no display.
 *
 * Returns: the process's exit status
 */
int
sl_cli_run (const SlOptions *o)
{
  g_autofree char *db = g_strdup (o->db);
  g_autofree char *summary = g_strdup (o->summary);
  SlStoreOpenFlags flags = SL_STORE_OPEN_DEFAULT;
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) store = NULL;

  if (o->help)
    {
      g_autofree char *help = sl_options_help ();

      g_print ("%s", help);
      return EXIT_SUCCESS;
    }
  if (o->files != NULL && o->files[0] != NULL)
    {
      g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("Unexpected argument “%s”: a ledger to work on without a window goes with --db"), o->files[0]);
      return fail (error);
    }
  if (o->page != NULL)
    {
      g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--page opens a window and goes with no option of the data or of import and export"));
      return fail (error);
    }
  if (o->version)
    {
      g_print ("srdi-ledger %s\n", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }
  if (o->scope != NULL && summary == NULL && o->bulletin == NULL)
    {
      g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--scope goes with --summary or --export-bulletin"));
      return fail (error);
    }
  if (((o->dry_run && o->merge == NULL && o->load_plan == NULL) || o->skip_bad_rows || o->sheet != NULL || o->header_row != NULL) && o->import == NULL)
    {
      g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--dry-run, --skip-bad-rows, --sheet and --header-row go with --import"));
      return fail (error);
    }
  if ((o->output != NULL || o->issue_no != 0) && o->bulletin == NULL)
    {
      g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--output and --issue-no go with --export-bulletin"));
      return fail (error);
    }
  if (o->bulletin != NULL && o->output == NULL)
    {
      g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--export-bulletin needs --output FILE"));
      return fail (error);
    }
  /* GOption takes any int: 2147483647 would wrap at the next number. */
  if (o->issue_no < 0 || o->issue_no > SL_ISSUE_NO_MAX)
    {
      g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--issue-no: expected a number from 1 to %d"), SL_ISSUE_NO_MAX);
      return fail (error);
    }
  if (o->figures_year != 0 && o->bulletin == NULL && summary == NULL)
    {
      g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--figures-year goes with --summary or --export-bulletin"));
      return fail (error);
    }
  if (o->figures_year != 0 && (o->figures_year < 2000 || o->figures_year > atoi (o->bulletin ? o->bulletin : summary)))
    {
      g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--figures-year: expected a year from 2000 to the month’s"));
      return fail (error);
    }
  if (o->bulletin != NULL && !sl_period_parse (o->bulletin, NULL, NULL, &error))
    return fail (error);
  if (summary != NULL && !sl_period_parse (summary, NULL, NULL, &error))
    return fail (error);

  if (o->demo != G_MININT64 && !sl_demo_check_count (o->demo, &error))
    return fail (error);

  /* A mistyped --db must not leave a new empty ledger behind: only the
   * default ledger, and the commands that fill one, create it. */
  if (db == NULL)
    {
      db = sl_store_default_path ();
      flags |= SL_STORE_OPEN_CREATE;
    }
  else if (o->demo != G_MININT64 || (o->import != NULL && !o->dry_run))
    flags |= SL_STORE_OPEN_CREATE;
  if (o->read_only)
    flags = SL_STORE_OPEN_READ_ONLY;

  if (o->restore != NULL)
    {
      g_autofree char *aside = NULL;
      g_autofree char *shown = g_filename_display_name (db);

      if (!sl_backup_restore (db, o->restore, &aside, &error))
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

  /* A summary only reads. As a reader it writes nothing (no switch to WAL
   * and back, no lock record, no daily backup), and a window's writes
   * wait for it: so only on a ledger small enough for the read to be
   * short, where the switch was most of the time. Where it cannot read so
   * (no file yet, an older format to upgrade, a journal to roll back),
   * the ordinary open. */
  if (!o->read_only && only_reads (o) && short_read (db))
    store = sl_ledger_open (db, SL_STORE_OPEN_READER, NULL);
  if (store == NULL)
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

  if (o->backup != NULL)
    {
      g_autofree char *shown = g_filename_display_name (o->backup);

      if (!sl_backup_write (store, o->backup, &error))
        return fail (error);
      g_print (_("Wrote a backup of the ledger to %s.\n"), shown);
      return EXIT_SUCCESS;
    }

  if (o->demo != G_MININT64)
    {
      if (!sl_demo_generate (store, o->demo, NULL, NULL, NULL, &error))
        return fail (error);
      if (summary == NULL)
        {
          g_autofree char *added = g_strdup_printf ("%" G_GINT64_FORMAT, o->demo);
          g_autofree char *total = g_strdup_printf ("%" G_GINT64_FORMAT, sl_store_count_enterprises (store));

          g_print (_("Added %s demo enterprises; the ledger now holds %s.\n"), added, total);
          return EXIT_SUCCESS;
        }
    }

  if (o->import != NULL)
    {
      g_autoptr(SlImportPlan) plan = NULL;
      g_autofree char *report = NULL;
      guint64 first = 0;
      gboolean two = FALSE;
      gboolean ok;

      if (o->header_row != NULL)
        {
          char *end = NULL;

          first = g_ascii_strtoull (o->header_row, &end, 10);
          two = *end == '-' && g_ascii_strtoull (end + 1, &end, 10) == first + 1;
          if (first < 1 || first > G_MAXUINT || *end != '\0')
            {
              g_set_error (&error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_FORMAT,
                           _("--header-row: “%s” is not a row (3) or two rows in a row (3-4)"), o->header_row);
              return fail (error);
            }
        }
      /* Applied at once, the import's one write is its trial too. */
      plan = sl_import_plan_read_at (store, o->import, o->sheet, (guint) first, two, !o->dry_run, &error);
      if (plan == NULL)
        return fail (error);
      if (o->dry_run)
        {
          report = sl_import_plan_report (plan);
          g_print ("%s", report);
          return sl_import_plan_get_problems (plan)->len ? EXIT_FAILURE : EXIT_SUCCESS;
        }
      ok = sl_import_apply (plan, o->skip_bad_rows, &error);
      /* The report after the write: it holds what only the write refused. */
      report = sl_import_plan_report (plan);
      g_print ("%s", report);
      if (!ok)
        return fail (error);
      g_print ("%s\n", _("Imported."));
      return sl_import_plan_get_problems (plan)->len ? EXIT_FAILURE : EXIT_SUCCESS;
    }
  if (o->merge != NULL)
    {
      g_autoptr(SlMergePlan) plan = sl_merge_plan_new (store, o->merge, &error);
      g_autofree char *report = NULL;

      if (plan == NULL)
        return fail (error);
      for (guint i = 0; i < sl_merge_plan_get_conflicts (plan)->len; i++)
        ((SlMergeConflict *) sl_merge_plan_get_conflicts (plan)->pdata[i])->take_theirs = o->take_theirs;
      report = sl_merge_plan_report (plan);
      g_print ("%s", report);
      if (o->dry_run)
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
  if (o->load_plan != NULL)
    {
      g_autoptr(SlPlanPreview) change = o->dry_run ? sl_plan_preview (store, o->load_plan, &error)
                                                   : sl_plan_load_next (store, o->load_plan, &error);

      if (change == NULL)
        return fail (error);
      for (guint i = 0; i < change->lines->len; i++)
        g_print ("%s\n", (char *) change->lines->pdata[i]);
      if (!o->dry_run)
        g_print ("%s\n", _("Loaded the next plan."));
      return EXIT_SUCCESS;
    }
  if (o->template != NULL)
    {
      g_autofree char *shown = g_filename_display_name (o->template);

      if (!sl_import_write_template (store, o->template, &error))
        return fail (error);
      g_print (_("Wrote the import template to %s.\n"), shown);
      return EXIT_SUCCESS;
    }
  if (o->undo_import)
    {
      g_autofree char *which = sl_import_describe_last (store);

      if (!sl_import_undo_last (store, &error))
        return fail (error);
      g_print (_("Undid the import of %s.\n"), which);
      return EXIT_SUCCESS;
    }
  if (o->export_roster != NULL)
    {
      g_autofree char *shown = g_filename_display_name (o->export_roster);

      if (!sl_roster_export_file (store, o->export_roster, &error))
        return fail (error);
      g_print (_("Wrote the roster to %s.\n"), shown);
      return EXIT_SUCCESS;
    }

  if (o->bulletin != NULL)
    {
      SlBulletinOptions options = { .period = (char *) o->bulletin, .scope = (char *) o->scope, .issue_no = o->issue_no, .figures_year = o->figures_year };
      gint64 id = sl_bulletin_export (store, &options, NULL, o->output, NULL, NULL, NULL, &error);
      g_autofree char *shown = g_filename_display_name (o->output);

      if (id == 0)
        return fail (error);
      g_print (_("Wrote the bulletin of %s to %s.\n"), o->bulletin, shown);
      return EXIT_SUCCESS;
    }

  /* Without an action, say what the ledger holds this month. */
  if (summary == NULL)
    summary = current_month ();

  {
    g_autoptr(JsonNode) node = sl_summary_compute_full (store, summary, o->scope, o->figures_year, &error);
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
