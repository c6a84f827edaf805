/* sl-import-dialog.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sl-import.h"
#include "sl-import-dialog.h"
#include "sl-table-read.h"
#include "sl-ui-utils.h"

/* Importing a roster: the file's columns with the field each is read as
 * (the unmatched ones to assign or ignore), the dry run's report, and
 * Import once nothing is refused (or the refused rows are skipped). The
 * mapping is kept for the next file with the same headers; Undo Import
 * reverts the import exactly. */
struct _SlImportDialog
{
  GtkWindow       parent_instance;

  SlStore        *store;
  SlImportPlan   *plan;
  gboolean        imported;
  char           *path;
  GStrv           sheets;

  GtkLabel       *file_label;
  GtkWidget      *sheet_box;
  GtkDropDown    *sheet_dropdown;
  GtkSpinButton  *header_spin;
  GtkCheckButton *two_rows_check;
  GtkLabel       *summary_label;
  GtkGrid        *mapping_grid;
  GtkTextView    *report_view;
  GtkCheckButton *skip_check;
  GtkLabel       *outcome_label;
  GtkWidget      *undo_button;
  GtkWidget      *import_button;
};

G_DEFINE_FINAL_TYPE (SlImportDialog, sl_import_dialog, GTK_TYPE_WINDOW)

enum { IMPORTED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
update_buttons (SlImportDialog *self)
{
  guint refused = self->plan ? sl_import_plan_get_problems (self->plan)->len : 0;
  guint actions = self->plan ? sl_import_plan_get_actions (self->plan)->len : 0;
  gboolean can = self->plan != NULL && sl_import_plan_is_ready (self->plan) && !self->imported && actions > 0
                 && (refused == 0 || gtk_check_button_get_active (self->skip_check));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.apply", can);
  gtk_widget_set_visible (GTK_WIDGET (self->skip_check), refused > 0 && !self->imported);
}

static void
show_report (SlImportDialog *self)
{
  g_autofree char *report = sl_import_plan_report (self->plan);
  const char *newline = strchr (report, '\n');
  g_autofree char *first = newline ? g_strndup (report, newline - report) : g_strdup (report);

  gtk_label_set_text (self->summary_label, first);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->report_view), newline ? newline + 1 : "", -1);
  update_buttons (self);
}

/* The dry run, or, while the plan cannot be checked (no column holds the
 * credit code), why, with the file's first rows to choose the header from. */
static void
show_checked (SlImportDialog *self,
              const GError   *error)
{
  if (error == NULL)
    {
      sl_ui_show_outcome (self->outcome_label, NULL, FALSE);
      show_report (self);
      return;
    }
  {
    g_autofree char *preview = sl_import_plan_preview (self->plan, 25);

    sl_ui_show_outcome (self->outcome_label, error->message, TRUE);
    gtk_label_set_text (self->summary_label, _("The file's first rows, to find its header in:"));
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->report_view), preview, -1);
    update_buttons (self);
  }
}

static void build_mapping (SlImportDialog *self);
static void clear_mapping (SlImportDialog *self);

static void
header_changed_cb (SlImportDialog *self)
{
  guint row = (guint) gtk_spin_button_get_value_as_int (self->header_spin);
  gboolean two = gtk_check_button_get_active (self->two_rows_check);
  g_autoptr(GError) error = NULL;

  if (self->plan == NULL || self->imported)
    return;
  if (row == sl_import_plan_get_header_row (self->plan) && two == sl_import_plan_get_two_rows (self->plan))
    return;
  sl_import_plan_set_header_row (self->plan, row, two, &error);
  clear_mapping (self);
  build_mapping (self);
  show_checked (self, error);
}

static void
mapping_changed_cb (GtkDropDown    *dropdown,
                    GParamSpec     *pspec,
                    SlImportDialog *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dropdown), "sl-column"));
  g_autoptr(GError) error = NULL;

  sl_import_plan_set_mapping (self->plan, column, (SlImportField) gtk_drop_down_get_selected (dropdown));
  show_checked (self, sl_import_plan_check (self->plan, &error) ? NULL : error);
}

static void
build_mapping (SlImportDialog *self)
{
  g_autoptr(GtkStringList) fields = gtk_string_list_new (NULL);

  for (int f = SL_IMPORT_IGNORE; f < SL_IMPORT_N_FIELDS; f++)
    gtk_string_list_append (fields, sl_import_field_name ((SlImportField) f));
  for (guint c = 0; c < sl_import_plan_n_columns (self->plan); c++)
    {
      const char *header = sl_import_plan_header (self->plan, c);
      GtkWidget *label = gtk_label_new (header && *header ? header : "—");
      GtkWidget *dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (fields)), NULL);
      SlImportField field = sl_import_plan_get_mapping (self->plan, c);

      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_label_set_mnemonic_widget (GTK_LABEL (label), dropdown);
      /* A column the ledger did not recognise stands out until assigned. */
      if (field == SL_IMPORT_IGNORE)
        gtk_widget_add_css_class (label, "warning");
      gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), field);
      g_object_set_data (G_OBJECT (dropdown), "sl-column", GUINT_TO_POINTER (c));
      gtk_accessible_update_relation (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
      g_signal_connect (dropdown, "notify::selected", G_CALLBACK (mapping_changed_cb), self);
      gtk_grid_attach (self->mapping_grid, label, (int) (c % 2) * 2, (int) (c / 2), 1, 1);
      gtk_grid_attach (self->mapping_grid, dropdown, (int) (c % 2) * 2 + 1, (int) (c / 2), 1, 1);
    }
}

static void
clear_mapping (SlImportDialog *self)
{
  GtkWidget *c;

  while ((c = gtk_widget_get_first_child (GTK_WIDGET (self->mapping_grid))))
    gtk_grid_remove (self->mapping_grid, c);
}

/* Reads the file (the chosen sheet of a workbook) and shows its dry run. */
static void
load (SlImportDialog *self,
      const char     *sheet)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->plan, sl_import_plan_free);
  clear_mapping (self);
  gtk_label_set_text (self->summary_label, "");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->report_view), "", -1);
  self->plan = sl_import_plan_read_any (self->store, self->path, sheet, &error);
  if (self->plan == NULL)
    sl_ui_show_outcome (self->outcome_label, error->message, TRUE);
  else
    {
      g_autoptr(GError) problem = NULL;

      /* Set before the signals are connected: no second check. */
      g_signal_handlers_block_by_func (self->header_spin, header_changed_cb, self);
      g_signal_handlers_block_by_func (self->two_rows_check, header_changed_cb, self);
      gtk_spin_button_set_range (self->header_spin, 1, MAX (1, sl_import_plan_n_file_rows (self->plan)));
      gtk_spin_button_set_value (self->header_spin, sl_import_plan_get_header_row (self->plan));
      gtk_check_button_set_active (self->two_rows_check, sl_import_plan_get_two_rows (self->plan));
      g_signal_handlers_unblock_by_func (self->header_spin, header_changed_cb, self);
      g_signal_handlers_unblock_by_func (self->two_rows_check, header_changed_cb, self);
      build_mapping (self);
      if (!sl_import_plan_is_ready (self->plan))
        sl_import_plan_check (self->plan, &problem);
      show_checked (self, problem);
    }
  update_buttons (self);
}

static void
sheet_changed_cb (SlImportDialog *self)
{
  guint i = gtk_drop_down_get_selected (self->sheet_dropdown);

  if (self->sheets != NULL && i < g_strv_length (self->sheets) && !self->imported)
    load (self, self->sheets[i]);
}

static void
apply_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  SlImportDialog *self = SL_IMPORT_DIALOG (widget);
  g_autoptr(GError) error = NULL;

  if (!sl_import_apply (self->plan, gtk_check_button_get_active (self->skip_check), &error))
    {
      sl_ui_show_outcome (self->outcome_label, error->message, TRUE);
      return;
    }
  /* The mapping is kept only for an import that went through. */
  sl_import_plan_remember_mapping (self->plan, NULL);
  self->imported = TRUE;
  sl_ui_show_outcome (self->outcome_label, _("Imported. Undo Import reverts it exactly."), FALSE);
  gtk_widget_set_visible (self->undo_button, TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->mapping_grid), FALSE);
  update_buttons (self);
  g_signal_emit (self, signals[IMPORTED], 0);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  SlImportDialog *self = SL_IMPORT_DIALOG (widget);
  g_autoptr(GError) error = NULL;

  if (!sl_import_undo_last (self->store, &error))
    {
      sl_ui_show_outcome (self->outcome_label, error->message, TRUE);
      return;
    }
  sl_ui_show_outcome (self->outcome_label, _("The import was undone: the ledger is as it was."), FALSE);
  gtk_widget_set_visible (self->undo_button, FALSE);
  g_signal_emit (self, signals[IMPORTED], 0);
}

static void
sl_import_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SL_TYPE_IMPORT_DIALOG);
  G_OBJECT_CLASS (sl_import_dialog_parent_class)->dispose (object);
}

static void
sl_import_dialog_finalize (GObject *object)
{
  SlImportDialog *self = SL_IMPORT_DIALOG (object);

  g_clear_pointer (&self->plan, sl_import_plan_free);
  g_clear_object (&self->store);
  g_free (self->path);
  g_strfreev (self->sheets);
  G_OBJECT_CLASS (sl_import_dialog_parent_class)->finalize (object);
}

static void
sl_import_dialog_class_init (SlImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_import_dialog_dispose;
  object_class->finalize = sl_import_dialog_finalize;

  /**
   * SlImportDialog::imported:
   *
   * The ledger changed: an import was written or undone.
   */
  signals[IMPORTED] = g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/sl-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SlImportDialog, file_label);
  gtk_widget_class_bind_template_child (widget_class, SlImportDialog, sheet_box);
  gtk_widget_class_bind_template_child (widget_class, SlImportDialog, sheet_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SlImportDialog, header_spin);
  gtk_widget_class_bind_template_child (widget_class, SlImportDialog, two_rows_check);
  gtk_widget_class_bind_template_child (widget_class, SlImportDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, SlImportDialog, mapping_grid);
  gtk_widget_class_bind_template_child (widget_class, SlImportDialog, report_view);
  gtk_widget_class_bind_template_child (widget_class, SlImportDialog, skip_check);
  gtk_widget_class_bind_template_child (widget_class, SlImportDialog, outcome_label);
  gtk_widget_class_bind_template_child (widget_class, SlImportDialog, undo_button);
  gtk_widget_class_bind_template_child (widget_class, SlImportDialog, import_button);
  gtk_widget_class_bind_template_callback (widget_class, update_buttons);
  gtk_widget_class_install_action (widget_class, "import.apply", NULL, apply_action);
  gtk_widget_class_install_action (widget_class, "import.undo", NULL, undo_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sl_import_dialog_init (SlImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * sl_import_dialog_new:
 * @path: the .xlsx or .csv file
 *
 * Reads the file and shows its dry run; a file that cannot be read says
 * so in the window, with nothing to import.
 */
GtkWidget *
sl_import_dialog_new (SlStore    *store,
                      const char *path)
{
  SlImportDialog *self = g_object_new (SL_TYPE_IMPORT_DIALOG, NULL);
  g_autofree char *shown = g_filename_display_name (path);

  self->store = g_object_ref (store);
  self->path = g_strdup (path);
  gtk_label_set_text (self->file_label, shown);
  g_signal_connect_swapped (self->header_spin, "value-changed", G_CALLBACK (header_changed_cb), self);
  g_signal_connect_swapped (self->two_rows_check, "toggled", G_CALLBACK (header_changed_cb), self);
  /* A workbook of several sheets: the first is read, the others offered. */
  self->sheets = sl_table_list_sheets (path);
  if (self->sheets != NULL && g_strv_length (self->sheets) > 1)
    {
      g_autoptr(GtkStringList) names = gtk_string_list_new ((const char * const *) self->sheets);

      gtk_drop_down_set_model (self->sheet_dropdown, G_LIST_MODEL (names));
      gtk_widget_set_visible (self->sheet_box, TRUE);
      g_signal_connect_swapped (self->sheet_dropdown, "notify::selected", G_CALLBACK (sheet_changed_cb), self);
    }
  load (self, self->sheets && self->sheets[0] ? self->sheets[0] : NULL);
  return GTK_WIDGET (self);
}
