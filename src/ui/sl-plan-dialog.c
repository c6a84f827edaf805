/* sl-plan-dialog.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sl-plan.h"
#include "sl-plan-dialog.h"
#include "sl-ui-utils.h"

/* The next plan: what loading the file would change, read before one
 * transaction; a file that cannot follow this ledger's plan says why. */
struct _SlPlanDialog
{
  GtkWindow   parent_instance;

  SlStore    *store;
  char       *path;
  gboolean    loaded;

  GtkLabel   *file_label;
  GtkListBox *change_list;
  GtkLabel   *outcome_label;
  GtkWidget  *load_button;
};

G_DEFINE_FINAL_TYPE (SlPlanDialog, sl_plan_dialog, GTK_TYPE_WINDOW)

enum { LOADED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
show_changes (SlPlanDialog  *self,
              SlPlanPreview *change)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->change_list))))
    gtk_list_box_remove (self->change_list, child);
  for (guint i = 0; i < change->lines->len; i++)
    {
      GtkWidget *line = gtk_label_new (change->lines->pdata[i]);

      gtk_label_set_xalign (GTK_LABEL (line), 0);
      gtk_label_set_wrap (GTK_LABEL (line), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (line), PANGO_WRAP_WORD_CHAR);
      gtk_widget_set_margin_start (line, 12);
      gtk_widget_set_margin_end (line, 12);
      gtk_widget_set_margin_top (line, 6);
      gtk_widget_set_margin_bottom (line, 6);
      if (i == 0)
        gtk_widget_add_css_class (line, "heading");
      gtk_list_box_append (self->change_list, line);
    }
}

static void
load_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  SlPlanDialog *self = SL_PLAN_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(SlPlanPreview) change = NULL;

  if (self->loaded)
    return;
  change = sl_plan_load_next (self->store, self->path, &error);
  if (change == NULL)
    {
      /* One transaction: nothing of the plan was written. */
      sl_ui_show_outcome (self->outcome_label, error->message, TRUE);
      return;
    }
  self->loaded = TRUE;
  show_changes (self, change);
  sl_ui_show_outcome (self->outcome_label, _("Loaded the next plan."), FALSE);
  gtk_widget_action_set_enabled (widget, "plan.load", FALSE);
  g_signal_emit (self, signals[LOADED], 0);
}

static void
sl_plan_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SL_TYPE_PLAN_DIALOG);
  G_OBJECT_CLASS (sl_plan_dialog_parent_class)->dispose (object);
}

static void
sl_plan_dialog_finalize (GObject *object)
{
  SlPlanDialog *self = SL_PLAN_DIALOG (object);

  g_free (self->path);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (sl_plan_dialog_parent_class)->finalize (object);
}

static void
sl_plan_dialog_class_init (SlPlanDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_plan_dialog_dispose;
  object_class->finalize = sl_plan_dialog_finalize;

  /**
   * SlPlanDialog::loaded:
   *
   * The next plan was loaded into the ledger.
   */
  signals[LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/sl-plan-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SlPlanDialog, file_label);
  gtk_widget_class_bind_template_child (widget_class, SlPlanDialog, change_list);
  gtk_widget_class_bind_template_child (widget_class, SlPlanDialog, outcome_label);
  gtk_widget_class_bind_template_child (widget_class, SlPlanDialog, load_button);
  gtk_widget_class_install_action (widget_class, "plan.load", NULL, load_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sl_plan_dialog_init (SlPlanDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * sl_plan_dialog_new:
 * @path: the next plan's file
 *
 * Checks the file and shows what loading it would change; a file that is
 * no plan, or cannot follow this ledger's, says why, with nothing to load.
 */
GtkWidget *
sl_plan_dialog_new (SlStore    *store,
                    const char *path)
{
  SlPlanDialog *self = g_object_new (SL_TYPE_PLAN_DIALOG, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SlPlanPreview) change = NULL;
  g_autofree char *shown = g_filename_display_name (path);

  self->store = g_object_ref (store);
  self->path = g_strdup (path);
  gtk_label_set_text (self->file_label, shown);
  change = sl_plan_preview (store, path, &error);
  if (change == NULL)
    {
      sl_ui_show_outcome (self->outcome_label, error->message, TRUE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.load", FALSE);
    }
  else
    show_changes (self, change);
  return GTK_WIDGET (self);
}
