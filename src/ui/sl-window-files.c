/* sl-window-files.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sl-import.h"
#include "sl-import-dialog.h"
#include "sl-merge-dialog.h"
#include "sl-plan-dialog.h"
#include "sl-roster.h"
#include "sl-ui-utils.h"
#include "sl-window.h"
#include "sl-window-private.h"

/* The window's work with files: a roster or a ledger to read through the
 * dialog that shows what reading it would do (import, merge), a roster or
 * a template to write, and Undo Last Import. */

typedef GtkWidget *(*DialogNew) (SlStore *store, const char *path);

typedef struct
{
  SlWindow   *self;
  DialogNew   make;
  const char *changed;   /* the dialog's signal that the ledger changed */
} OpenDialog;

static void
dialog_chosen_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  OpenDialog *open = user_data;
  g_autoptr(SlWindow) self = open->self;
  g_autofree char *path = sl_ui_choose_file_finish (result, NULL);
  GtkWindow *dialog;

  if (path != NULL)
    {
      dialog = GTK_WINDOW (open->make (sl_window_get_store (self), path));
      gtk_window_set_transient_for (dialog, GTK_WINDOW (self));
      gtk_window_set_modal (dialog, TRUE);
      g_signal_connect_object (dialog, open->changed, G_CALLBACK (_sl_window_pages_changed), self, G_CONNECT_SWAPPED);
      gtk_window_present (dialog);
    }
  g_free (open);
}

/* A file to read, then the dialog that shows what reading it would do. */
static void
choose_and_open (SlWindow   *self,
                 const char *title,
                 const char *accept,
                 SlUiFiles   files,
                 DialogNew   make,
                 const char *changed)
{
  OpenDialog *open = g_new0 (OpenDialog, 1);

  open->self = g_object_ref (self);
  open->make = make;
  open->changed = changed;
  sl_ui_choose_file_async (GTK_WINDOW (self), title, accept, GTK_FILE_CHOOSER_ACTION_OPEN, files,
                           NULL, _sl_window_get_settings (self), dialog_chosen_cb, open);
}

static void
import_roster_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  choose_and_open (SL_WINDOW (widget), _("Import Roster"), _("_Open"), SL_UI_FILES_ROSTER, sl_import_dialog_new, "imported");
}

typedef gboolean (*WriteFile) (SlStore *store, const char *path, GError **error);

static void
write_chosen_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(SlWindow) self = user_data;
  g_autofree char *path = sl_ui_choose_file_finish (result, NULL);
  WriteFile write = g_object_steal_data (G_OBJECT (self), "sl-write");
  g_autoptr(GError) error = NULL;

  if (path == NULL || write == NULL)
    return;
  if (!write (sl_window_get_store (self), path, &error))
    sl_ui_show_error (GTK_WINDOW (self), _("The file could not be written"), error);
  else
    {
      g_autofree char *shown = g_filename_display_name (path);
      g_autofree char *text = g_strdup_printf (_("Saved as %s"), shown);
      sl_window_show_message (self, text);
    }
}

static void
choose_and_write (SlWindow   *self,
                  const char *title,
                  SlUiFiles   files,
                  const char *name,
                  WriteFile   write)
{
  g_object_set_data (G_OBJECT (self), "sl-write", write);
  sl_ui_choose_file_async (GTK_WINDOW (self), title, _("_Save"), GTK_FILE_CHOOSER_ACTION_SAVE, files,
                           name, _sl_window_get_settings (self), write_chosen_cb, g_object_ref (self));
}

static void
export_roster_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  choose_and_write (SL_WINDOW (widget), _("Export Roster"), SL_UI_FILES_ROSTER, _("Roster.xlsx"), sl_roster_export_file);
}

static void
import_template_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  choose_and_write (SL_WINDOW (widget), _("Save Import Template"), SL_UI_FILES_WORKBOOK, _("Roster import template.xlsx"), sl_import_write_template);
}

static void
merge_ledger_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  choose_and_open (SL_WINDOW (widget), _("Merge Another Ledger"), _("_Merge"), SL_UI_FILES_LEDGER, sl_merge_dialog_new, "merged");
}

static void
undo_import_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  SlWindow *self = SL_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *which = sl_import_describe_last (sl_window_get_store (self));
  g_autofree char *text = NULL;

  if (!sl_import_undo_last (sl_window_get_store (self), &error))
    {
      sl_window_show_message (self, error->message);
      return;
    }
  text = g_strdup_printf (_("Undid the import of %s."), which);
  sl_window_show_message (self, text);
  _sl_window_pages_changed (self);
}

static void
load_plan_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  choose_and_open (SL_WINDOW (widget), _("Load the Next Plan"), _("_Open"), SL_UI_FILES_PLAN, sl_plan_dialog_new, "loaded");
}

/* Called from the window's class_init. */
void
_sl_window_files_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.import-roster", NULL, import_roster_action);
  gtk_widget_class_install_action (widget_class, "win.export-roster", NULL, export_roster_action);
  gtk_widget_class_install_action (widget_class, "win.import-template", NULL, import_template_action);
  gtk_widget_class_install_action (widget_class, "win.merge-ledger", NULL, merge_ledger_action);
  gtk_widget_class_install_action (widget_class, "win.load-plan", NULL, load_plan_action);
  gtk_widget_class_install_action (widget_class, "win.undo-import", NULL, undo_import_action);
}
