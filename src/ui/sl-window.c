/* sl-window.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sl-application.h"
#include "sl-demo.h"
#include "sl-enterprise-editor.h"
#include "sl-ledger-settings.h"
#include "sl-overview-page.h"
#include "sl-bulletins-page.h"
#include "sl-import.h"
#include "sl-ledger.h"
#include "sl-pipeline-page.h"
#include "sl-projects-page.h"
#include "sl-roster-page.h"
#include "sl-ui-utils.h"
#include "sl-window.h"
#include "sl-window-private.h"

#define BANNER_SECONDS 10
#define DEMO_SIZE 200
/* How often the window asks whether another process changed the ledger. */
#define POLL_SECONDS 2

struct _SlWindow
{
  GtkApplicationWindow  parent_instance;

  SlStore              *store;
  GSettings            *settings;
  GArray               *trashed;       /* ids, last deleted last */
  guint                 banner_timeout;

  GtkStack             *stack;
  GtkStackSidebar      *sidebar;
  GtkLabel             *subtitle_label;
  GtkRevealer          *banner;
  GtkWidget            *read_only_bar;
  GtkLabel             *read_only_label;
  guint                 poll_id;
  GCancellable         *cancellable;
  GtkLabel             *banner_label;
  GtkWidget            *banner_undo;
  GMenu                *recent_menu;
  SlRosterPage         *roster_page;
  SlRosterPage         *trash_page;
  SlProjectsPage       *projects_page;
  SlPipelinePage       *pipeline_page;
  SlBulletinsPage      *bulletins_page;
  SlOverviewPage       *overview_page;
};

enum {
  PROP_0,
  PROP_STORE,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (SlWindow, sl_window, GTK_TYPE_APPLICATION_WINDOW)

static void
hide_banner (SlWindow *self)
{
  g_clear_handle_id (&self->banner_timeout, g_source_remove);
  gtk_revealer_set_reveal_child (self->banner, FALSE);
}

static gboolean
banner_timeout_cb (gpointer user_data)
{
  SlWindow *self = user_data;

  self->banner_timeout = 0;
  gtk_revealer_set_reveal_child (self->banner, FALSE);
  return G_SOURCE_REMOVE;
}

static void
update_undo (SlWindow *self)
{
  gboolean items = self->projects_page != NULL && sl_projects_page_can_undo (self->projects_page);
  gboolean move = self->pipeline_page != NULL && sl_pipeline_page_can_undo (self->pipeline_page);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", self->trashed->len > 0 || items || move);
}

/* Pages that count show what changed since they were last seen. */
static void
visible_page_cb (SlWindow *self)
{
  GtkWidget *page = gtk_stack_get_visible_child (self->stack);

  if (page != NULL && page == GTK_WIDGET (self->overview_page))
    sl_overview_page_refresh (self->overview_page);
  else if (page != NULL && page == GTK_WIDGET (self->projects_page))
    sl_projects_page_refresh (self->projects_page);
  else if (page != NULL && page == GTK_WIDGET (self->pipeline_page))
    sl_pipeline_page_refresh (self->pipeline_page);
  else if (page != NULL && page == GTK_WIDGET (self->bulletins_page))
    sl_bulletins_page_refresh (self->bulletins_page);
}

/* Undo Last Import is offered only when there is an import to undo. */
static void
update_undo_import (SlWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo-import",
                                 !sl_store_is_read_only (self->store) && sl_import_can_undo (self->store));
}

void
_sl_window_pages_changed (SlWindow *self)
{
  update_undo_import (self);
  sl_roster_page_reload (self->roster_page);
  sl_roster_page_reload (self->trash_page);
  sl_projects_page_reload (self->projects_page);
  visible_page_cb (self);
}

static void
editor_open_project_cb (SlWindow *self,
                        gint64    project_id)
{
  sl_projects_page_select (self->projects_page, project_id);
  gtk_stack_set_visible_child (self->stack, GTK_WIDGET (self->projects_page));
}

/* The in-window notification, for a while; @undo offers Undo in it. */
static void
show_banner (SlWindow   *self,
             const char *text,
             gboolean    undo)
{
  gtk_label_set_text (self->banner_label, text);
  gtk_widget_remove_css_class (GTK_WIDGET (self->banner_label), "error");
  gtk_widget_set_visible (self->banner_undo, undo);
  gtk_revealer_set_reveal_child (self->banner, TRUE);
  g_clear_handle_id (&self->banner_timeout, g_source_remove);
  self->banner_timeout = g_timeout_add_seconds (BANNER_SECONDS, banner_timeout_cb, self);
}

/* A move confirmed where it can be read, with Undo beside it. */
static void
pipeline_moved_cb (SlWindow   *self,
                   const char *message)
{
  show_banner (self, message, TRUE);
  update_undo (self);
}

static void
enterprise_trashed_cb (SlWindow     *self,
                       gint64        id,
                       const char   *name,
                       SlRosterPage *page)
{
  g_autofree char *text = g_strdup_printf (_("“%s” was moved to the trash."), name);

  g_array_append_val (self->trashed, id);
  sl_roster_page_reload (self->trash_page);
  show_banner (self, text, TRUE);
  update_undo (self);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  SlWindow *self = SL_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  gint64 id;

  /* On the Pipeline page, Ctrl+Z undoes the move recorded last. */
  if (gtk_stack_get_visible_child (self->stack) == GTK_WIDGET (self->pipeline_page)
      && sl_pipeline_page_can_undo (self->pipeline_page))
    {
      g_autofree char *text = NULL;
      gboolean undone = sl_pipeline_page_undo (self->pipeline_page, &text);

      show_banner (self, text, FALSE);
      if (!undone)
        gtk_widget_add_css_class (GTK_WIDGET (self->banner_label), "error");
      update_undo (self);
      return;
    }
  /* On the Projects page, Ctrl+Z puts back the item removed last. */
  if (gtk_stack_get_visible_child (self->stack) == GTK_WIDGET (self->projects_page)
      && sl_projects_page_undo (self->projects_page))
    return;
  if (self->trashed->len == 0)
    return;
  id = g_array_index (self->trashed, gint64, self->trashed->len - 1);
  g_array_set_size (self->trashed, self->trashed->len - 1);
  update_undo (self);
  hide_banner (self);
  /* Emptied from the trash since: nothing left to restore. */
  if (!sl_enterprise_restore (self->store, id, &error)
      && !g_error_matches (error, SL_STORE_ERROR, SL_STORE_ERROR_NOT_FOUND))
    sl_ui_show_error (GTK_WINDOW (self), _("The enterprise could not be restored"), error);
  _sl_window_pages_changed (self);
}

static void
dismiss_banner_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  hide_banner (SL_WINDOW (widget));
}

static void
editor_saved_cb (SlWindow *self)
{
  _sl_window_pages_changed (self);
}

static void
editor_open_other_cb (SlWindow *self,
                      gint64    id)
{
  sl_window_open_editor (self, id);
}

/**
 * sl_window_open_editor:
 * @enterprise_id: the firm to edit, or 0 for a new one
 *
 * Returns: (transfer none): the editor window, presented
 */
GtkWindow *
sl_window_open_editor (SlWindow *self,
                       gint64    enterprise_id)
{
  GtkWindow *editor = GTK_WINDOW (sl_enterprise_editor_new (self->store, enterprise_id));

  gtk_window_set_transient_for (editor, GTK_WINDOW (self));
  gtk_window_set_modal (editor, TRUE);
  g_signal_connect_object (editor, "saved", G_CALLBACK (editor_saved_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (editor, "open-enterprise", G_CALLBACK (editor_open_other_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (editor, "open-project", G_CALLBACK (editor_open_project_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (editor);
  return editor;
}

static void
enterprise_activated_cb (SlWindow     *self,
                         gint64        id,
                         SlRosterPage *page)
{
  sl_window_open_editor (self, id);
}

static void
new_enterprise_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  sl_window_open_editor (SL_WINDOW (widget), 0);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  SlWindow *self = SL_WINDOW (widget);
  GtkWidget *page = gtk_stack_get_visible_child (self->stack);

  /* Search is the roster's (or the trash's): from another page, go there. */
  if (!SL_IS_ROSTER_PAGE (page))
    {
      page = GTK_WIDGET (self->roster_page);
      gtk_stack_set_visible_child (self->stack, page);
    }
  sl_roster_page_focus_search (SL_ROSTER_PAGE (page));
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  sl_window_show_page (SL_WINDOW (widget), g_variant_get_string (param, NULL));
}

static void
settings_closed_cb (SlWindow *self)
{
  g_autoptr(SlRosterPage) roster = g_object_ref (self->roster_page);
  g_autoptr(SlRosterPage) trash = g_object_ref (self->trash_page);

  /* The lists behind the filters may have changed: build the pages anew.
   * The sidebar lets go of the stack meanwhile: GTK 4.8's sidebar, told of
   * each removal, disconnects from the page already freed (a critical
   * per page). */
  gtk_stack_sidebar_set_stack (self->sidebar, NULL);
  gtk_stack_remove (self->stack, GTK_WIDGET (self->roster_page));
  gtk_stack_remove (self->stack, GTK_WIDGET (self->pipeline_page));
  gtk_stack_remove (self->stack, GTK_WIDGET (self->projects_page));
  gtk_stack_remove (self->stack, GTK_WIDGET (self->bulletins_page));
  gtk_stack_remove (self->stack, GTK_WIDGET (self->trash_page));
  /* Gone with the stack's references: none is looked at until built anew
   * (the visible page's handler compares with them as the first is added). */
  self->roster_page = NULL;
  self->pipeline_page = NULL;
  self->projects_page = NULL;
  self->bulletins_page = NULL;
  self->trash_page = NULL;
  gtk_stack_sidebar_set_stack (self->sidebar, self->stack);
  sl_window_show_page (self, NULL);
  sl_overview_page_refresh (self->overview_page);
}

static void
ledger_settings_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  SlWindow *self = SL_WINDOW (widget);
  GtkWindow *dialog = GTK_WINDOW (sl_ledger_settings_new (self->store));

  gtk_window_set_transient_for (dialog, GTK_WINDOW (self));
  gtk_window_set_modal (dialog, TRUE);
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (settings_closed_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (dialog);
}

static void
load_demo (SlWindow *self)
{
  g_autoptr(GError) error = NULL;

  /* Two hundred firms take a few milliseconds: no progress to show. */
  if (!sl_demo_generate (self->store, DEMO_SIZE, NULL, NULL, NULL, &error))
    sl_ui_show_error (GTK_WINDOW (self), _("Demo data could not be loaded"), error);
  _sl_window_pages_changed (self);
}

static void
demo_response_cb (GtkDialog *dialog,
                  int        response,
                  SlWindow  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    load_demo (self);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Demo firms in a real ledger would count in its bulletins: on a ledger
 * that holds firms, the clerk is asked first. */
static void
load_demo_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  SlWindow *self = SL_WINDOW (widget);
  gint64 n = sl_store_count_enterprises (self->store);
  GtkWidget *dialog;
  g_autofree char *count = NULL;

  if (n == 0)
    {
      load_demo (self);
      return;
    }
  count = g_strdup_printf ("%'" G_GINT64_FORMAT, n);
  dialog = gtk_message_dialog_new (GTK_WINDOW (self), GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_WARNING, GTK_BUTTONS_NONE,
                                   "%s", _("Add demo firms to a ledger in use?"));
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog),
                                            g_dngettext (GETTEXT_PACKAGE,
                                                         "This ledger holds %s enterprise. %d made-up firms would be added beside it, and they would count in its bulletins and figures until deleted.",
                                                         "This ledger holds %s enterprises. %d made-up firms would be added beside them, and they would count in its bulletins and figures until deleted.",
                                                         n),
                                            count, DEMO_SIZE);
  gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL);
  gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Add Demo Firms"), GTK_RESPONSE_ACCEPT);
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  g_signal_connect_object (dialog, "response", G_CALLBACK (demo_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
restore_backup_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  SlWindow *self = SL_WINDOW (widget);
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  /* The application closes this window and opens the restored file. */
  if (SL_IS_APPLICATION (app))
    sl_application_restore_backup (SL_APPLICATION (app), sl_store_get_path (self->store));
}

/**
 * sl_window_show_message:
 *
 * Says @text in the window's banner for a while.
 */
GSettings *
_sl_window_get_settings (SlWindow *self)
{
  return self->settings;
}

void
sl_window_show_message (SlWindow   *self,
                        const char *text)
{
  show_banner (self, text, FALSE);
}

/* Another process (the command line, a second program) or a worker of
 * this one committed: every page shows the ledger as it is now. */
static gboolean
poll_cb (gpointer user_data)
{
  SlWindow *self = user_data;

  if (sl_store_poll_changes (self->store))
    _sl_window_pages_changed (self);
  return G_SOURCE_CONTINUE;
}

static void show_read_only (SlWindow *self);

/* The day's check and backup, in a worker: at a million firms they read
 * every page for seconds. A damaged file stops every write at once. */
static void
cared_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  SlWindow *self;

  if (sl_ledger_care_finish (result, &error) || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = SL_WINDOW (user_data);
  g_message ("%s", error->message);
  if (g_error_matches (error, SL_STORE_ERROR, SL_STORE_ERROR_DAMAGED))
    {
      sl_store_set_read_only (self->store, _("the file is damaged; restore it from a backup"));
      show_read_only (self);
    }
  show_banner (self, error->message, FALSE);
}

/* A read-only ledger says so, and what would write is not offered. */
static void
show_read_only (SlWindow *self)
{
  static const char *writes[] = { "win.new-enterprise", "win.load-demo", "win.import-roster",
                                  "win.merge-ledger", "win.undo-import", "win.ledger-settings", "win.load-plan" };
  g_autofree char *text = NULL;

  if (!sl_store_is_read_only (self->store))
    return;
  text = g_strdup_printf (_("Read-only: %s. You can look, search and export, but nothing can be changed."),
                          sl_store_get_read_only_reason (self->store));
  gtk_label_set_text (self->read_only_label, text);
  gtk_widget_set_visible (self->read_only_bar, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (writes); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), writes[i], FALSE);
}

static void
fill_recent_menu (SlWindow *self)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-ledgers");

  g_menu_remove_all (self->recent_menu);
  for (guint i = 0; recent[i]; i++)
    {
      g_autoptr(GMenuItem) item = NULL;
      g_autofree char *label = g_filename_display_name (recent[i]);

      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target (item, "app.open-recent", "s", recent[i]);
      g_menu_append_item (self->recent_menu, item);
    }
}

static SlRosterPage *
add_page (SlWindow   *self,
          gboolean    trash)
{
  GtkWidget *page = sl_roster_page_new (self->store, trash);
  GtkStackPage *stack_page;

  stack_page = gtk_stack_add_titled (self->stack, page, trash ? "trash" : "roster",
                                     trash ? _("Trash") : _("Roster"));
  gtk_stack_page_set_icon_name (stack_page, trash ? "user-trash-symbolic" : "view-list-symbolic");
  g_signal_connect_object (page, "enterprise-activated", G_CALLBACK (enterprise_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (page, "enterprise-trashed", G_CALLBACK (enterprise_trashed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (page, "enterprise-restored", G_CALLBACK (_sl_window_pages_changed), self, G_CONNECT_SWAPPED);
  return SL_ROSTER_PAGE (page);
}

/**
 * sl_window_show_page:
 * @page: (nullable): `overview`, `roster`, `pipeline`, `projects`, `bulletins` or `trash`; %NULL rebuilds the pages
 */
void
sl_window_show_page (SlWindow   *self,
                     const char *page)
{
  if (gtk_stack_get_child_by_name (self->stack, "roster") == NULL)
    {
      GtkStackPage *projects;
      GtkStackPage *pipeline;
      GtkStackPage *bulletins;

      /* The overview stays when the other pages are built anew. */
      if (self->overview_page == NULL)
        {
          GtkStackPage *overview;

          self->overview_page = SL_OVERVIEW_PAGE (sl_overview_page_new (self->store));
          overview = gtk_stack_add_titled (self->stack, GTK_WIDGET (self->overview_page), "overview", _("Overview"));
          gtk_stack_page_set_icon_name (overview, "view-grid-symbolic");
          g_signal_connect_object (self->overview_page, "open-enterprise", G_CALLBACK (sl_window_open_editor), self, G_CONNECT_SWAPPED);
          g_signal_connect_object (self->overview_page, "open-project", G_CALLBACK (editor_open_project_cb), self, G_CONNECT_SWAPPED);
        }
      self->roster_page = add_page (self, FALSE);
      self->pipeline_page = SL_PIPELINE_PAGE (sl_pipeline_page_new (self->store));
      pipeline = gtk_stack_add_titled (self->stack, GTK_WIDGET (self->pipeline_page), "pipeline", _("Pipeline"));
      gtk_stack_page_set_icon_name (pipeline, "view-dual-symbolic");
      g_signal_connect_object (self->pipeline_page, "open-enterprise", G_CALLBACK (sl_window_open_editor), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->pipeline_page, "changed", G_CALLBACK (_sl_window_pages_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->pipeline_page, "moved", G_CALLBACK (pipeline_moved_cb), self, G_CONNECT_SWAPPED);
      self->projects_page = SL_PROJECTS_PAGE (sl_projects_page_new (self->store));
      projects = gtk_stack_add_titled (self->stack, GTK_WIDGET (self->projects_page), "projects", _("Projects"));
      gtk_stack_page_set_icon_name (projects, "view-list-bullet-symbolic");
      g_signal_connect_object (self->projects_page, "undo-changed", G_CALLBACK (update_undo), self, G_CONNECT_SWAPPED);
      self->bulletins_page = SL_BULLETINS_PAGE (sl_bulletins_page_new (self->store, self->settings));
      bulletins = gtk_stack_add_titled (self->stack, GTK_WIDGET (self->bulletins_page), "bulletins", _("Bulletins"));
      gtk_stack_page_set_icon_name (bulletins, "x-office-spreadsheet-symbolic");
      self->trash_page = add_page (self, TRUE);
    }
  if (page != NULL && gtk_stack_get_child_by_name (self->stack, page) != NULL)
    gtk_stack_set_visible_child_name (self->stack, page);
}

GtkWidget *
sl_window_get_page (SlWindow   *self,
                    const char *page)
{
  return gtk_stack_get_child_by_name (self->stack, page);
}

static void
sl_window_constructed (GObject *object)
{
  SlWindow *self = SL_WINDOW (object);
  g_autofree char *display = g_filename_display_basename (sl_store_get_path (self->store));

  G_OBJECT_CLASS (sl_window_parent_class)->constructed (object);

  gtk_label_set_text (self->subtitle_label, display);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->subtitle_label), sl_store_get_path (self->store));
  {
    /* What docks, task bars and window switchers name the window by. */
    /* TRANSLATORS: the window's title: the ledger's file name, then the program's */
    g_autofree char *title = g_strdup_printf (_("%s — %s"), display, _("SRDI Ledger"));
    gtk_window_set_title (GTK_WINDOW (self), title);
  }
  /* A ledger with no firm yet opens on the roster's welcome: add, import or try. */
  sl_window_show_page (self, sl_store_count_enterprises (self->store) > 0 ? "overview" : "roster");
  show_read_only (self);
  update_undo_import (self);
  self->poll_id = g_timeout_add_seconds (POLL_SECONDS, poll_cb, self);
  self->cancellable = g_cancellable_new ();
  if (!sl_store_is_read_only (self->store))
    sl_ledger_care_async (sl_store_get_path (self->store), self->cancellable, cared_cb, self);

  if (self->settings != NULL)
    {
      g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
      g_signal_connect_object (self->settings, "changed::recent-ledgers",
                               G_CALLBACK (fill_recent_menu), self, G_CONNECT_SWAPPED);
      fill_recent_menu (self);
    }
  update_undo (self);
}

static void
sl_window_dispose (GObject *object)
{
  SlWindow *self = SL_WINDOW (object);

  g_clear_handle_id (&self->banner_timeout, g_source_remove);
  g_clear_handle_id (&self->poll_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), SL_TYPE_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (sl_window_parent_class)->dispose (object);
}

static void
sl_window_finalize (GObject *object)
{
  SlWindow *self = SL_WINDOW (object);

  g_clear_pointer (&self->trashed, g_array_unref);
  G_OBJECT_CLASS (sl_window_parent_class)->finalize (object);
}

static void
sl_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  SlWindow *self = SL_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  SlWindow *self = SL_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_window_class_init (SlWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sl_window_constructed;
  object_class->dispose = sl_window_dispose;
  object_class->finalize = sl_window_finalize;
  object_class->set_property = sl_window_set_property;
  object_class->get_property = sl_window_get_property;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, SL_TYPE_STORE,
                                                G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTINGS] = g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                                                   G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/sl-window.ui");
  gtk_widget_class_bind_template_callback (widget_class, visible_page_cb);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, banner);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, banner_undo);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, recent_menu);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, read_only_bar);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, read_only_label);

  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.dismiss-banner", NULL, dismiss_banner_action);
  gtk_widget_class_install_action (widget_class, "win.new-enterprise", NULL, new_enterprise_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_install_action (widget_class, "win.ledger-settings", NULL, ledger_settings_action);
  gtk_widget_class_install_action (widget_class, "win.load-demo", NULL, load_demo_action);
  _sl_window_files_install_actions (widget_class);
  gtk_widget_class_install_action (widget_class, "win.restore-backup", NULL, restore_backup_action);
}

static void
sl_window_init (SlWindow *self)
{
  self->trashed = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_widget_init_template (GTK_WIDGET (self));
}

SlWindow *
sl_window_new (gpointer   application,
               SlStore   *store,
               GSettings *settings)
{
  return g_object_new (SL_TYPE_WINDOW,
                       "application", application,
                       "store", store,
                       "settings", settings,
                       NULL);
}

SlStore *
sl_window_get_store (SlWindow *self)
{
  g_return_val_if_fail (SL_IS_WINDOW (self), NULL);
  return self->store;
}
