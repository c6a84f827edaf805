/* sl-restore-dialog.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sl-backup.h"
#include "sl-restore-dialog.h"
#include "sl-ui-utils.h"

/* The ledger's daily backups, newest first, each with its date, firms and
 * size; the clerk picks one and the application puts it in place. */
struct _SlRestoreDialog
{
  GtkWindow     parent_instance;

  char         *ledger;
  GPtrArray    *backups;
  GCancellable *cancellable;

  GtkLabel     *file_label;
  GtkLabel     *intro_label;
  GtkListBox   *backup_list;
  GtkLabel     *outcome_label;
  GtkWidget    *restore_button;
};

G_DEFINE_FINAL_TYPE (SlRestoreDialog, sl_restore_dialog, GTK_TYPE_WINDOW)

enum { CHOSEN, N_SIGNALS };
static guint signals[N_SIGNALS];

static char *
describe (const SlBackup *b)
{
  g_autofree char *date = sl_ui_format_date (b->date);
  g_autofree char *size = g_format_size (b->size);
  g_autofree char *firms = g_strdup_printf ("%'" G_GINT64_FORMAT, b->firms);

  if (b->firms < 0)
    /* TRANSLATORS: a backup that could not be read: its date and size */
    return g_strdup_printf (_("%s — cannot be read (%s)"), date, size);
  /* TRANSLATORS: a backup: its date, how many enterprises it holds, its size */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s — %s enterprise (%s)", "%s — %s enterprises (%s)", b->firms),
                          date, firms, size);
}

static void
fill (SlRestoreDialog *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->backup_list))) != NULL)
    gtk_list_box_remove (self->backup_list, child);
  for (guint i = 0; i < self->backups->len; i++)
    {
      g_autofree char *text = describe (self->backups->pdata[i]);
      GtkWidget *label = gtk_label_new (text);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_set_margin_start (label, 12);
      gtk_widget_set_margin_end (label, 12);
      gtk_widget_set_margin_top (label, 8);
      gtk_widget_set_margin_bottom (label, 8);
      gtk_list_box_append (self->backup_list, label);
    }
  if (self->backups->len == 0)
    {
      GtkWidget *label = gtk_label_new (_("No backups yet. One is made on the first open of each day."));

      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_set_margin_top (label, 24);
      gtk_widget_set_margin_bottom (label, 24);
      gtk_list_box_set_placeholder (self->backup_list, label);
    }
  else
    {
      GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->backup_list, 0);

      /* From the keyboard: arrows choose, Enter restores. */
      gtk_list_box_select_row (self->backup_list, first);
      gtk_widget_grab_focus (GTK_WIDGET (first));
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "restore.apply", self->backups->len > 0);
}

static void
list_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  g_task_return_pointer (task, sl_backup_list (task_data, TRUE), (GDestroyNotify) g_ptr_array_unref);
}

static void
listed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GPtrArray *backups = g_task_propagate_pointer (G_TASK (result), NULL);
  SlRestoreDialog *self;

  if (backups == NULL)
    return;
  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    {
      g_ptr_array_unref (backups);
      return;
    }
  self = SL_RESTORE_DIALOG (source);
  g_clear_pointer (&self->backups, g_ptr_array_unref);
  self->backups = backups;
  fill (self);
}

static void
apply_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  SlRestoreDialog *self = SL_RESTORE_DIALOG (widget);
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->backup_list);
  SlBackup *b;

  if (row == NULL || self->backups == NULL)
    return;
  b = self->backups->pdata[gtk_list_box_row_get_index (row)];
  g_signal_emit (self, signals[CHOSEN], 0, b->path, b->date);
}

static void
row_activated_cb (SlRestoreDialog *self,
                  GtkListBoxRow   *row)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "restore.apply", NULL);
}

void
sl_restore_dialog_show_error (SlRestoreDialog *self,
                              const GError    *error)
{
  sl_ui_show_outcome (self->outcome_label, error->message, TRUE);
}

guint
sl_restore_dialog_get_n_backups (SlRestoreDialog *self)
{
  return self->backups ? self->backups->len : 0;
}

gboolean
sl_restore_dialog_select (SlRestoreDialog *self,
                          guint            index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->backup_list, (int) index);

  if (row == NULL)
    return FALSE;
  gtk_list_box_select_row (self->backup_list, row);
  return TRUE;
}

static void
sl_restore_dialog_dispose (GObject *object)
{
  SlRestoreDialog *self = SL_RESTORE_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), SL_TYPE_RESTORE_DIALOG);
  G_OBJECT_CLASS (sl_restore_dialog_parent_class)->dispose (object);
}

static void
sl_restore_dialog_finalize (GObject *object)
{
  SlRestoreDialog *self = SL_RESTORE_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->backups, g_ptr_array_unref);
  g_free (self->ledger);
  G_OBJECT_CLASS (sl_restore_dialog_parent_class)->finalize (object);
}

static void
sl_restore_dialog_class_init (SlRestoreDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_restore_dialog_dispose;
  object_class->finalize = sl_restore_dialog_finalize;

  /**
   * SlRestoreDialog::chosen:
   * @path: the backup to restore
   * @date: the day it was made
   */
  signals[CHOSEN] = g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/sl-restore-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SlRestoreDialog, file_label);
  gtk_widget_class_bind_template_child (widget_class, SlRestoreDialog, intro_label);
  gtk_widget_class_bind_template_child (widget_class, SlRestoreDialog, backup_list);
  gtk_widget_class_bind_template_child (widget_class, SlRestoreDialog, outcome_label);
  gtk_widget_class_bind_template_child (widget_class, SlRestoreDialog, restore_button);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_install_action (widget_class, "restore.apply", NULL, apply_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sl_restore_dialog_init (SlRestoreDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  g_signal_connect_swapped (self->backup_list, "row-activated", G_CALLBACK (row_activated_cb), self);
}

/**
 * sl_restore_dialog_new:
 * @ledger: the ledger whose backups to list
 *
 * The backups are read in a worker: counting a million firms in each of
 * eleven files takes a moment.
 */
SlRestoreDialog *
sl_restore_dialog_new (GtkWindow  *parent,
                       const char *ledger)
{
  SlRestoreDialog *self = g_object_new (SL_TYPE_RESTORE_DIALOG, "transient-for", parent, NULL);
  g_autofree char *shown = g_filename_display_name (ledger);
  g_autofree char *folder = sl_backup_folder (ledger);
  g_autofree char *folder_shown = g_filename_display_name (folder);
  g_autofree char *intro = g_strdup_printf (_("A backup is made on the first open of each day, into %s; the 7 newest and one of each of the 4 weeks before them are kept. The current file is saved aside before the chosen backup takes its place."),
                                            folder_shown);
  g_autoptr(GTask) task = NULL;

  self->ledger = g_strdup (ledger);
  gtk_label_set_text (self->file_label, shown);
  gtk_label_set_text (self->intro_label, intro);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "restore.apply", FALSE);

  task = g_task_new (self, self->cancellable, listed_cb, NULL);
  g_task_set_task_data (task, g_strdup (ledger), g_free);
  g_task_run_in_thread (task, list_thread);
  return self;
}
