/* sl-options.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-options"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sl-options.h"

/* The pages by the names the window shows them under, so that --page takes
 * what the clerk sees (梯度培育) as well as the id. */
static const struct { const char *id; const char *title; } pages[] = {
  { "overview", N_("Overview") },
  { "roster", N_("Roster") },
  { "pipeline", N_("Pipeline") },
  { "projects", N_("Projects") },
  { "bulletins", N_("Bulletins") },
  { "trash", N_("Trash") },
};

/* What a second launch hands to the first: the window's options, with no
 * storage, so that GApplication keeps them in its options dictionary. */
static const GOptionEntry window_entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Open the ledger at PATH instead of the default one"), N_("PATH") },
  { "page", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Open on a page (see below)"), N_("NAME") },
  { NULL }
};

SlOptions *
sl_options_new (void)
{
  SlOptions *options = g_new0 (SlOptions, 1);

  options->demo = G_MININT64;
  return options;
}

void
sl_options_free (SlOptions *options)
{
  if (options == NULL)
    return;
  g_free (options->db);
  g_free (options->page);
  g_strfreev (options->files);
  g_free (options->summary);
  g_free (options->scope);
  g_free (options->merge);
  g_free (options->backup);
  g_free (options->restore);
  g_free (options->import);
  g_free (options->sheet);
  g_free (options->header_row);
  g_free (options->template);
  g_free (options->export_roster);
  g_free (options->bulletin);
  g_free (options->output);
  g_free (options);
}

/**
 * sl_options_window_entries:
 *
 * Returns: the window's options as GApplication keeps them for a second
 *   launch (no storage): `--db` and `--page`
 */
const GOptionEntry *
sl_options_window_entries (void)
{
  return window_entries;
}

/**
 * sl_options_page_id:
 * @name: a page's id or the title the window shows it under, in the
 *   current language or in English
 *
 * Returns: (nullable): the page's id, or %NULL for no page
 */
const char *
sl_options_page_id (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    if (g_ascii_strcasecmp (name, pages[i].id) == 0
        || g_strcmp0 (name, _(pages[i].title)) == 0
        || g_ascii_strcasecmp (name, pages[i].title) == 0)
      return pages[i].id;
  return NULL;
}

/**
 * sl_options_page_names:
 *
 * Returns: (transfer full): the pages as `--help` lists them, "总览 (overview), …"
 */
char *
sl_options_page_names (void)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    g_string_append_printf (text, "%s%s (%s)", i ? ", " : "", _(pages[i].title), pages[i].id);
  return g_string_free (text, FALSE);
}

static GOptionContext *
context_new (SlOptions *o)
{
  GOptionEntry window[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &o->db, window_entries[0].description, window_entries[0].arg_description },
    { "page", 0, 0, G_OPTION_ARG_STRING, &o->page, window_entries[1].description, window_entries[1].arg_description },
    { "help", 'h', 0, G_OPTION_ARG_NONE, &o->help, N_("Show every option"), NULL },
    { "help-all", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &o->help, NULL, NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, &o->version, N_("Show the program’s version"), NULL },
    { NULL }
  };
  GOptionEntry remaining[] = {
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &o->files, NULL, N_("[LEDGER…]") },
    { NULL }
  };
  GOptionEntry data[] = {
    { "demo", 0, 0, G_OPTION_ARG_INT64, &o->demo, N_("Add N realistic demo enterprises to the ledger"), N_("N") },
    { "summary", 0, 0, G_OPTION_ARG_STRING, &o->summary, N_("Print the bulletin’s figures for a month as JSON"), N_("YYYY-MM") },
    { "scope", 0, 0, G_OPTION_ARG_STRING, &o->scope, N_("Limit the figures to one jurisdiction"), N_("NAME") },
    { "figures-year", 0, 0, G_OPTION_ARG_INT, &o->figures_year, N_("The year of the annual figures the indicators take (default: the year before the month’s)"), N_("YYYY") },
    { "merge", 0, 0, G_OPTION_ARG_FILENAME, &o->merge, N_("Merge another ledger (a county's) into this one; with --dry-run, only report"), N_("LEDGER") },
    { "take-theirs", 0, 0, G_OPTION_ARG_NONE, &o->take_theirs, N_("In a merge's conflicts, take the other ledger's values"), NULL },
    { "load-plan", 0, 0, G_OPTION_ARG_FILENAME, &o->load_plan, N_("Load the next plan file (JSON), keeping the firms and their history; with --dry-run, only report"), N_("FILE") },
    { "backup", 0, 0, G_OPTION_ARG_FILENAME, &o->backup, N_("Write a consistent copy of the ledger to FILE, a new file"), N_("FILE") },
    { "restore", 0, 0, G_OPTION_ARG_FILENAME, &o->restore, N_("Put the backup FILE in place of the ledger, saving the current file aside"), N_("FILE") },
    { "read-only", 0, 0, G_OPTION_ARG_NONE, &o->read_only, N_("Open the ledger read-only: write nothing to it"), NULL },
    { NULL }
  };
  GOptionEntry transfer[] = {
    { "import", 0, 0, G_OPTION_ARG_FILENAME, &o->import, N_("Import a roster from an .xlsx or .csv file"), N_("FILE") },
    { "sheet", 0, 0, G_OPTION_ARG_STRING, &o->sheet, N_("The workbook's sheet to import (default: the first)"), N_("NAME") },
    { "header-row", 0, 0, G_OPTION_ARG_STRING, &o->header_row, N_("The roster's header row, where the one found is not it; N-M for a header of two rows"), N_("N") },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &o->dry_run, N_("Report what the import would do, and write nothing"), NULL },
    { "skip-bad-rows", 0, 0, G_OPTION_ARG_NONE, &o->skip_bad_rows, N_("Import the good rows even when others are refused"), NULL },
    { "undo-import", 0, 0, G_OPTION_ARG_NONE, &o->undo_import, N_("Undo the last import"), NULL },
    { "import-template", 0, 0, G_OPTION_ARG_FILENAME, &o->template, N_("Write an import template (.xlsx) with lists to choose from"), N_("FILE") },
    { "export-roster", 0, 0, G_OPTION_ARG_FILENAME, &o->export_roster, N_("Write the roster to an .xlsx or .csv file in the import's columns"), N_("FILE") },
    { "export-bulletin", 0, 0, G_OPTION_ARG_STRING, &o->bulletin, N_("Write the month’s bulletin as an Excel workbook"), N_("YYYY-MM") },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, &o->output, N_("The workbook to write"), N_("FILE") },
    { "issue-no", 0, 0, G_OPTION_ARG_INT, &o->issue_no, N_("The bulletin’s issue number (default: the next of the year)"), N_("N") },
    { NULL }
  };
  GOptionContext *context = g_option_context_new (NULL);
  GOptionGroup *group;
  g_autofree char *names = sl_options_page_names ();
  g_autofree char *pages_line = g_strdup_printf (_("Pages: %s."), names);
  g_autofree char *description = g_strconcat (pages_line, "\n", _("Without an option of the data or of import and export, the program opens a window."), NULL);

  /* The --help handled here lists every group, not only the window's. */
  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_set_summary (context, _("SRDI Ledger keeps the roster, tiers and checklists of an SRDI enterprise-cultivation workgroup."));
  g_option_context_set_description (context, description);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  /* The ledgers named go in the main group, which alone takes them; it
   * lists nothing, so the groups show in this order. */
  g_option_context_add_main_entries (context, remaining, GETTEXT_PACKAGE);

  group = g_option_group_new ("window", _("Window Options:"), _("Show the window’s options"), NULL, NULL);
  g_option_group_add_entries (group, window);
  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  g_option_context_add_group (context, group);

  group = g_option_group_new ("data", _("Ledger Data Options:"), _("Show the options for the ledger’s data"), NULL, NULL);
  g_option_group_add_entries (group, data);
  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  g_option_context_add_group (context, group);

  group = g_option_group_new ("transfer", _("Import and Export Options:"), _("Show the options to import and export"), NULL, NULL);
  g_option_group_add_entries (group, transfer);
  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  g_option_context_add_group (context, group);
  return context;
}

/**
 * sl_options_parse:
 * @argv: the program's arguments; not changed
 *
 * Parses every option of the program into @options. A `--page` is
 * turned into the page's id.
 */
gboolean
sl_options_parse (SlOptions  *options,
                  int         argc,
                  char      **argv,
                  GError    **error)
{
  g_autoptr(GOptionContext) context = context_new (options);
  g_auto(GStrv) args = g_new0 (char *, argc + 1);

  for (int i = 0; i < argc; i++)
    args[i] = g_strdup (argv[i]);
  if (!g_option_context_parse_strv (context, &args, error))
    return FALSE;
  if (options->page != NULL)
    {
      const char *id = sl_options_page_id (options->page);

      if (id == NULL)
        {
          g_autofree char *names = sl_options_page_names ();

          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("--page: “%s” is not a page; the pages are %s"), options->page, names);
          return FALSE;
        }
      g_free (options->page);
      options->page = g_strdup (id);
    }
  return TRUE;
}

/**
 * sl_options_help:
 *
 * Returns: the text of `--help`: every option, by group
 */
char *
sl_options_help (void)
{
  g_autoptr(SlOptions) scratch = sl_options_new ();
  g_autoptr(GOptionContext) context = context_new (scratch);

  return g_option_context_get_help (context, FALSE, NULL);
}

/**
 * sl_options_wants_window:
 *
 * Returns: %TRUE if no option asks for work without a window
 */
gboolean
sl_options_wants_window (const SlOptions *o)
{
  return !(o->help || o->version || o->demo != G_MININT64 || o->summary || o->scope || o->figures_year
           || o->merge || o->load_plan || o->take_theirs || o->backup || o->restore || o->read_only
           || o->import || o->sheet || o->header_row || o->dry_run || o->skip_bad_rows || o->undo_import
           || o->template || o->export_roster || o->bulletin || o->output || o->issue_no);
}
