/* sl-application.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-application"

#include "config.h"

#include <glib/gi18n.h>

#include "sl-application.h"
#include "sl-backup.h"
#include "sl-ledger.h"
#include "sl-restore-dialog.h"
#include "sl-store.h"
#include "sl-ui-utils.h"
#include "sl-window.h"

#define MAX_RECENT 8

struct _SlApplication
{
  GtkApplication  parent_instance;

  GSettings      *settings;
};

G_DEFINE_FINAL_TYPE (SlApplication, sl_application, GTK_TYPE_APPLICATION)

GSettings *
sl_application_get_settings (SlApplication *self)
{
  return self->settings;
}

/* The desktop's recent files (the file manager's Recent, the dock's
 * jump list) show the ledger too, as a ledger that this program opens. */
static void
add_to_desktop_recent (const char *path)
{
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  GtkRecentData data = {
    .display_name = NULL,
    .description = NULL,
    .mime_type = (char *) SL_LEDGER_MIME_TYPE,
    .app_name = (char *) "srdi-ledger",
    .app_exec = (char *) "srdi-ledger %f",
    .groups = NULL,
    .is_private = FALSE,
  };

  if (uri != NULL)
    gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
}

static void
remember_recent (SlApplication *self,
                 const char    *path)
{
  g_auto(GStrv) old = g_settings_get_strv (self->settings, "recent-ledgers");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) list = NULL;
  guint n = 1;

  g_strv_builder_add (builder, path);
  for (guint i = 0; old[i] && n < MAX_RECENT; i++)
    if (!g_str_equal (old[i], path))
      {
        g_strv_builder_add (builder, old[i]);
        n++;
      }
  list = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-ledgers", (const char * const *) list);
  add_to_desktop_recent (path);
}

static void
forget_recent (SlApplication *self,
               const char    *path)
{
  g_auto(GStrv) old = g_settings_get_strv (self->settings, "recent-ledgers");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) list = NULL;

  for (guint i = 0; old[i]; i++)
    if (!g_str_equal (old[i], path))
      g_strv_builder_add (builder, old[i]);
  list = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-ledgers", (const char * const *) list);
}

static void open_ledger (SlApplication *self, const char *path, const char *page, SlStoreOpenFlags flags);

enum { RESPONSE_READ_ONLY = 1, RESPONSE_RESTORE = 2 };

typedef struct
{
  SlApplication *app;
  char          *path;
  char          *page;
} Retry;

static void
retry_free (Retry *retry)
{
  g_object_unref (retry->app);
  g_free (retry->path);
  g_free (retry->page);
  g_free (retry);
}

static void
failed_open_response_cb (GtkDialog *dialog,
                         int        response,
                         gpointer   user_data)
{
  Retry *retry = user_data;

  if (response == RESPONSE_READ_ONLY)
    open_ledger (retry->app, retry->path, retry->page, SL_STORE_OPEN_READ_ONLY);
  else if (response == RESPONSE_RESTORE)
    sl_application_restore_backup (retry->app, retry->path);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* One message per cause, with what the clerk can do about it as a button. */
static void
explain_failed_open (SlApplication *self,
                     const char    *path,
                     const char    *page,
                     const GError  *error)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *dialog;
  Retry *retry = g_new0 (Retry, 1);

  g_message ("%s", error->message);
  if (g_error_matches (error, SL_STORE_ERROR, SL_STORE_ERROR_MISSING))
    forget_recent (self, path);

  dialog = gtk_message_dialog_new (parent, GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_ERROR, GTK_BUTTONS_NONE, "%s", _("The ledger could not be opened"));
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", error->message);
  if (g_error_matches (error, SL_STORE_ERROR, SL_STORE_ERROR_IN_USE))
    gtk_dialog_add_button (GTK_DIALOG (dialog), _("Open _Read-Only"), RESPONSE_READ_ONLY);
  if (g_error_matches (error, SL_STORE_ERROR, SL_STORE_ERROR_DAMAGED))
    {
      g_autoptr(GPtrArray) backups = sl_backup_list (path, FALSE);

      if (backups->len > 0)
        gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Restore from Backup…"), RESPONSE_RESTORE);
    }
  gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Close"), GTK_RESPONSE_CLOSE);
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_CLOSE);

  retry->app = g_object_ref (self);
  retry->path = g_strdup (path);
  retry->page = g_strdup (page);
  g_signal_connect_data (dialog, "response", G_CALLBACK (failed_open_response_cb), retry,
                         (GClosureNotify) (void (*) (void)) retry_free, 0);
  /* With no window yet, the message keeps the application running until it is read. */
  if (parent == NULL)
    gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWindow *
window_of (SlApplication *self,
           const char    *path)
{
  g_autofree char *abs = g_canonicalize_filename (path, NULL);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (SL_IS_WINDOW (l->data)
        && g_strcmp0 (sl_store_get_path (sl_window_get_store (l->data)), abs) == 0)
      return l->data;
  return NULL;
}

static gboolean
ledgers_dropped_cb (GtkDropTarget *target,
                    const GValue  *value,
                    double         x,
                    double         y,
                    gpointer       user_data)
{
  SlApplication *self = user_data;
  GSList *files = g_value_get_boxed (value);

  for (GSList *l = files; l; l = l->next)
    {
      g_autofree char *path = g_file_get_path (l->data);

      if (path != NULL)
        open_ledger (self, path, NULL, SL_STORE_OPEN_DEFAULT);
    }
  return files != NULL;
}

/* A ledger dropped on a window opens in its own window, as from Open. */
static void
accept_dropped_ledgers (SlApplication *self,
                        GtkWindow     *window)
{
  GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  g_signal_connect_object (target, "drop", G_CALLBACK (ledgers_dropped_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (window), GTK_EVENT_CONTROLLER (target));
}

static void
open_ledger (SlApplication    *self,
             const char       *path,
             const char       *page,
             SlStoreOpenFlags  flags)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) store = NULL;
  GtkWindow *window = window_of (self, path);

  if (window == NULL)
    {
      store = sl_ledger_open (path, flags | SL_STORE_OPEN_EXCLUSIVE, &error);
      if (store == NULL)
        {
          explain_failed_open (self, path, page, error);
          return;
        }
      window = GTK_WINDOW (sl_window_new (self, store, self->settings));
      accept_dropped_ledgers (self, window);
      remember_recent (self, sl_store_get_path (store));
    }
  if (page != NULL)
    sl_window_show_page (SL_WINDOW (window), page);
  gtk_window_present (window);
}

/**
 * sl_application_open_ledger:
 * @path: an existing ledger file
 * @page: (nullable): the page to show
 *
 * Presents the window of @path, opening it in a new window if no window
 * shows it yet. A ledger that cannot be opened is explained in a dialog,
 * with what can be done about it: a ledger that is gone is never created
 * anew in its place.
 */
void
sl_application_open_ledger (SlApplication *self,
                            const char    *path,
                            const char    *page)
{
  open_ledger (self, path, page, SL_STORE_OPEN_DEFAULT);
}

typedef struct
{
  SlApplication *app;
  char          *ledger;
} RestoreJob;

static void
restore_job_free (RestoreJob *job)
{
  g_object_unref (job->app);
  g_free (job->ledger);
  g_free (job);
}

/* The ledger's window lets go of the file first, so that nothing of this
 * process holds it while it is swapped; a window with unsaved edits asks,
 * and then nothing is restored. */
static gboolean
release_ledger (SlApplication *self,
                const char    *ledger)
{
  GtkWindow *window = window_of (self, ledger);
  SlStore *store;
  gint64 deadline;

  if (window == NULL)
    return TRUE;
  store = sl_window_get_store (SL_WINDOW (window));
  g_object_add_weak_pointer (G_OBJECT (store), (gpointer *) &store);
  gtk_window_close (window);
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (store != NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  if (store != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (store), (gpointer *) &store);
      return FALSE;
    }
  return TRUE;
}

static void
restore_chosen_cb (SlRestoreDialog *dialog,
                   const char      *backup,
                   const char      *date,
                   gpointer         user_data)
{
  RestoreJob *job = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *aside = NULL;
  GtkWindow *window;

  if (!release_ledger (job->app, job->ledger))
    {
      g_set_error (&error, SL_STORE_ERROR, SL_STORE_ERROR_BUSY,
                   _("The ledger’s window is still open: save or discard its changes and close it, then restore."));
      sl_restore_dialog_show_error (dialog, error);
      return;
    }
  if (!sl_backup_restore (job->ledger, backup, &aside, &error))
    {
      sl_restore_dialog_show_error (dialog, error);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (dialog));
  open_ledger (job->app, job->ledger, NULL, SL_STORE_OPEN_DEFAULT);
  window = window_of (job->app, job->ledger);
  if (window != NULL)
    {
      g_autofree char *day = sl_ui_format_date (date);
      g_autofree char *aside_shown = aside ? g_filename_display_name (aside) : NULL;
      g_autofree char *text = aside
        ? g_strdup_printf (_("Restored the backup of %s. The file it replaced was saved as %s."), day, aside_shown)
        : g_strdup_printf (_("Restored the backup of %s."), day);

      sl_window_show_message (SL_WINDOW (window), text);
    }
}

/**
 * sl_application_restore_backup:
 * @ledger: the ledger whose backups to offer
 *
 * Shows the backups of @ledger; the chosen one replaces it, the current
 * file being saved aside, and the ledger opens again.
 */
void
sl_application_restore_backup (SlApplication *self,
                               const char    *ledger)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  SlRestoreDialog *dialog = sl_restore_dialog_new (parent, ledger);
  RestoreJob *job = g_new0 (RestoreJob, 1);

  job->app = g_object_ref (self);
  job->ledger = g_canonicalize_filename (ledger, NULL);
  g_signal_connect_data (dialog, "chosen", G_CALLBACK (restore_chosen_cb), job,
                         (GClosureNotify) (void (*) (void)) restore_job_free, 0);
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
new_chosen_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(SlApplication) self = user_data;
  g_autofree char *path = sl_ui_choose_file_finish (result, NULL);

  if (path != NULL)
    open_ledger (self, path, NULL, SL_STORE_OPEN_CREATE);
}

static void
open_chosen_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(SlApplication) self = user_data;
  g_autofree char *path = sl_ui_choose_file_finish (result, NULL);

  if (path != NULL)
    sl_application_open_ledger (self, path, NULL);
}

static void
new_ledger_action (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  SlApplication *self = user_data;

  sl_ui_choose_file_async (gtk_application_get_active_window (GTK_APPLICATION (self)),
                           _("New Ledger"), _("_Create"), GTK_FILE_CHOOSER_ACTION_SAVE, SL_UI_FILES_LEDGER,
                           _("ledger.db"), self->settings, new_chosen_cb, g_object_ref (self));
}

static void
open_ledger_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  SlApplication *self = user_data;

  sl_ui_choose_file_async (gtk_application_get_active_window (GTK_APPLICATION (self)),
                           _("Open Ledger"), _("_Open"), GTK_FILE_CHOOSER_ACTION_OPEN, SL_UI_FILES_LEDGER,
                           NULL, self->settings, open_chosen_cb, g_object_ref (self));
}

static void
open_recent_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  sl_application_open_ledger (user_data, g_variant_get_string (param, NULL), NULL);
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  SlApplication *self = user_data;
  const char *authors[] = { _("The SRDI Ledger authors"), NULL };

  gtk_show_about_dialog (gtk_application_get_active_window (GTK_APPLICATION (self)),
                         "program-name", _("SRDI Ledger"),
                         "logo-icon-name", APP_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("The roster, tier pipeline, checklists and monthly bulletin of an SRDI enterprise-cultivation workgroup"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "copyright", _("© 2026 The SRDI Ledger authors"),
                         /* The homepage of the AppStream metainfo. */
                         "website", "https://github.com/srdiledger/srdi-ledger",
                         "authors", authors,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

/* The user guide in Yelp; where no help viewer is installed, the
 * shortcuts window is the help there is. */
static void
help_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  SlApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autoptr(GAppInfo) viewer = g_app_info_get_default_for_uri_scheme ("help");

  if (viewer != NULL)
    gtk_show_uri (window, "help:srdi-ledger", GDK_CURRENT_TIME);
  else if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  SlApplication *self = user_data;
  /* A copy: closing a window takes it out of the application's list. */
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Each window asks about unsaved edits before it goes. */
  for (GList *l = windows; l; l = l->next)
    g_object_ref (l->data);
  for (GList *l = windows; l; l = l->next)
    gtk_window_close (l->data);
  g_list_free_full (windows, g_object_unref);
}

static const GActionEntry app_actions[] = {
  { "new-ledger", new_ledger_action },
  { "open-ledger", open_ledger_action },
  { "open-recent", open_recent_action, "s" },
  { "help", help_action },
  { "about", about_action },
  { "quit", quit_action },
};

static void
sl_application_startup (GApplication *app)
{
  SlApplication *self = SL_APPLICATION (app);
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();
  const struct { const char *action; const char *accels[3]; } accels[] = {
    { "app.new-ledger", { "<Control><Shift>n", NULL } },
    { "app.open-ledger", { "<Control>o", NULL } },
    { "app.quit", { "<Control>q", NULL } },
    { "window.close", { "<Control>w", NULL } },
    { "win.search", { "<Control>f", NULL } },
    { "win.new-enterprise", { "<Control>n", NULL } },
    { "win.undo", { "<Control>z", NULL } },
    { "win.ledger-settings", { "<Control>comma", NULL } },
    { "app.help", { "F1", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
    { "win.show-page('overview')", { "<Alt>1", NULL } },
    { "win.show-page('roster')", { "<Alt>2", NULL } },
    { "win.show-page('pipeline')", { "<Alt>3", NULL } },
    { "win.show-page('projects')", { "<Alt>4", NULL } },
    { "win.show-page('bulletins')", { "<Alt>5", NULL } },
    { "win.import-roster", { "<Control>i", NULL } },
    { "win.show-page('trash')", { "<Alt>6", NULL } },
  };

  G_APPLICATION_CLASS (sl_application_parent_class)->startup (app);

  gtk_css_provider_load_from_resource (css, RESOURCE_BASE "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  gtk_window_set_default_icon_name (APP_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action, accels[i].accels);
}

static int
sl_application_command_line (GApplication            *app,
                             GApplicationCommandLine *cmdline)
{
  SlApplication *self = SL_APPLICATION (app);
  GVariantDict *options = g_application_command_line_get_options_dict (cmdline);
  g_autofree char *db = NULL;
  g_autofree char *page = NULL;
  g_autofree char *path = NULL;

  g_variant_dict_lookup (options, "db", "^ay", &db);
  g_variant_dict_lookup (options, "page", "s", &page);

  /* srdi-ledger FILE…, as a file manager or a terminal gives them: each
   * ledger named opens (none made where it is missing). */
  {
    int argc = 0;
    g_auto(GStrv) argv = g_application_command_line_get_arguments (cmdline, &argc);

    if (argc > 1)
      {
        for (int i = 1; i < argc; i++)
          {
            g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (cmdline, argv[i]);
            g_autofree char *one = g_file_get_path (file);

            if (one != NULL)
              open_ledger (self, one, page, SL_STORE_OPEN_DEFAULT);
          }
        return EXIT_SUCCESS;
      }
  }
  if (db != NULL)
    {
      g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (cmdline, db);
      path = g_file_get_path (file);
    }
  else
    {
      /* The default ledger is made on first start; any other comes from New Ledger…. */
      path = sl_store_default_path ();
      open_ledger (self, path, page, SL_STORE_OPEN_CREATE);
      return EXIT_SUCCESS;
    }

  open_ledger (self, path, page, SL_STORE_OPEN_DEFAULT);
  return EXIT_SUCCESS;
}

/* Ledgers handed over by the desktop (a file manager's Open, `gio open`)
 * or by g_application_open(); @hint may name the page to show. */
static void
sl_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  SlApplication *self = SL_APPLICATION (app);

  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *path = g_file_get_path (files[i]);

      if (path != NULL)
        open_ledger (self, path, hint && *hint ? hint : NULL, SL_STORE_OPEN_DEFAULT);
    }
}

static void
sl_application_dispose (GObject *object)
{
  SlApplication *self = SL_APPLICATION (object);

  g_clear_object (&self->settings);
  G_OBJECT_CLASS (sl_application_parent_class)->dispose (object);
}

static void
sl_application_class_init (SlApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = sl_application_dispose;
  app_class->startup = sl_application_startup;
  app_class->command_line = sl_application_command_line;
  app_class->open = sl_application_open;
}

static void
sl_application_init (SlApplication *self)
{
  self->settings = g_settings_new (APP_ID);
}

SlApplication *
sl_application_new (void)
{
  return g_object_new (SL_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}
