/* sl-merge-dialog.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sl-merge.h"
#include "sl-merge-dialog.h"
#include "sl-ui-utils.h"

/* Merging another ledger: what it would add and complete, and each
 * conflict with both values and a choice, before one transaction. */
struct _SlMergeDialog
{
  GtkWindow    parent_instance;

  SlStore     *store;
  SlMergePlan *plan;
  gboolean     merged;

  GtkLabel    *file_label;
  GtkLabel    *summary_label;
  GtkListBox  *conflict_list;
  GtkLabel    *outcome_label;
  GtkDropDown *field_dropdown;
  GtkLabel    *chosen_label;
  GtkWidget   *choices_box;
  GPtrArray   *checks;      /* one GtkCheckButton per conflict, in the plan's order */
  GPtrArray   *fields;      /* the fields the filter offers; index 0: every field */
};

G_DEFINE_FINAL_TYPE (SlMergeDialog, sl_merge_dialog, GTK_TYPE_WINDOW)

enum { MERGED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* Told before Merge is pressed, as the command line's dry run tells it. */
static void
check_plan (SlMergeDialog *self)
{
  g_autoptr(GError) error = NULL;

  if (sl_merge_plan_check (self->plan, &error))
    {
      sl_ui_show_outcome (self->outcome_label, NULL, FALSE);
      return;
    }
  g_prefix_error (&error, _("The merge would fail: "));
  sl_ui_show_outcome (self->outcome_label, error->message, TRUE);
}

/* "12 of 224 conflicts take the other ledger's value". */
static void
show_chosen (SlMergeDialog *self)
{
  GPtrArray *conflicts = sl_merge_plan_get_conflicts (self->plan);
  guint theirs = 0;
  g_autofree char *n = NULL;
  g_autofree char *total = NULL;
  g_autofree char *text = NULL;

  for (guint i = 0; i < conflicts->len; i++)
    theirs += ((SlMergeConflict *) conflicts->pdata[i])->take_theirs;
  n = g_strdup_printf ("%'u", theirs);
  total = g_strdup_printf ("%'u", conflicts->len);
  /* TRANSLATORS: how many of the merge's conflicts the clerk chose to settle with the other ledger's value */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s of %s conflict takes the other ledger’s value",
                                       "%s of %s conflicts take the other ledger’s value", conflicts->len), n, total);
  gtk_label_set_text (self->chosen_label, text);
}

static void
take_toggled_cb (GtkCheckButton  *check,
                 SlMergeConflict *conflict)
{
  SlMergeDialog *self = SL_MERGE_DIALOG (gtk_widget_get_ancestor (GTK_WIDGET (check), SL_TYPE_MERGE_DIALOG));

  conflict->take_theirs = gtk_check_button_get_active (check);
  if (self != NULL && !self->merged)
    {
      show_chosen (self);
      check_plan (self);
    }
}

static gboolean
shown (SlMergeDialog   *self,
       SlMergeConflict *conflict)
{
  guint chosen = gtk_drop_down_get_selected (self->field_dropdown);

  return chosen == 0 || chosen >= self->fields->len || g_str_equal (conflict->field, self->fields->pdata[chosen]);
}

/* The field filter shows only that field's conflicts. */
static void
field_chosen_cb (SlMergeDialog *self)
{
  GPtrArray *conflicts = sl_merge_plan_get_conflicts (self->plan);

  for (guint i = 0; i < conflicts->len && i < self->checks->len; i++)
    gtk_widget_set_visible (gtk_widget_get_ancestor (self->checks->pdata[i], GTK_TYPE_LIST_BOX_ROW),
                            shown (self, conflicts->pdata[i]));
}

/* Take theirs, or keep mine, for every conflict the filter shows. */
static void
choose_all (SlMergeDialog *self,
            gboolean       theirs)
{
  GPtrArray *conflicts = sl_merge_plan_get_conflicts (self->plan);

  for (guint i = 0; i < conflicts->len && i < self->checks->len; i++)
    if (shown (self, conflicts->pdata[i]))
      {
        g_signal_handlers_block_by_func (self->checks->pdata[i], take_toggled_cb, conflicts->pdata[i]);
        gtk_check_button_set_active (self->checks->pdata[i], theirs);
        g_signal_handlers_unblock_by_func (self->checks->pdata[i], take_toggled_cb, conflicts->pdata[i]);
        ((SlMergeConflict *) conflicts->pdata[i])->take_theirs = theirs;
      }
  show_chosen (self);
  check_plan (self);
}

static void
take_all_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  choose_all (SL_MERGE_DIALOG (widget), TRUE);
}

static void
keep_all_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  choose_all (SL_MERGE_DIALOG (widget), FALSE);
}

static void
show_plan (SlMergeDialog *self)
{
  g_autofree char *report = sl_merge_plan_report (self->plan);
  const char *newline = strchr (report, '\n');
  g_autofree char *first = newline ? g_strndup (report, newline - report) : g_strdup (report);
  GPtrArray *conflicts = sl_merge_plan_get_conflicts (self->plan);

  g_autoptr(GtkStringList) fields = gtk_string_list_new (NULL);

  gtk_label_set_text (self->summary_label, first);
  gtk_string_list_append (fields, _("Every field"));
  g_ptr_array_add (self->fields, g_strdup (""));
  for (guint i = 0; i < conflicts->len; i++)
    {
      SlMergeConflict *c = conflicts->pdata[i];
      gboolean known = FALSE;

      for (guint f = 1; f < self->fields->len && !known; f++)
        known = g_str_equal (self->fields->pdata[f], c->field);
      if (!known)
        {
          gtk_string_list_append (fields, c->field);
          g_ptr_array_add (self->fields, g_strdup (c->field));
        }
    }
  gtk_drop_down_set_model (self->field_dropdown, G_LIST_MODEL (fields));
  gtk_widget_set_visible (self->choices_box, conflicts->len > 0);
  for (guint i = 0; i < conflicts->len; i++)
    {
      SlMergeConflict *c = conflicts->pdata[i];
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      g_autofree char *title = g_strdup_printf ("%s %s — %s", c->credit_code, c->name, c->field);
      g_autofree char *ours = g_strdup_printf (_("This ledger: %s"), c->ours);
      g_autofree char *theirs = g_strdup_printf (_("The other: %s"), c->theirs);
      GtkWidget *label = gtk_label_new (title);
      /* No mnemonic: the same label stands once per conflict. */
      GtkWidget *check = gtk_check_button_new_with_label (_("Take the other ledger’s value"));

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "heading");
      gtk_box_append (GTK_BOX (box), label);
      label = gtk_label_new (ours);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_box_append (GTK_BOX (box), label);
      label = gtk_label_new (theirs);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_box_append (GTK_BOX (box), label);
      g_signal_connect (check, "toggled", G_CALLBACK (take_toggled_cb), c);
      g_ptr_array_add (self->checks, check);
      gtk_box_append (GTK_BOX (box), check);
      gtk_widget_set_margin_start (box, 12);
      gtk_widget_set_margin_top (box, 6);
      gtk_widget_set_margin_bottom (box, 6);
      gtk_list_box_append (self->conflict_list, box);
    }
  g_signal_connect_object (self->field_dropdown, "notify::selected", G_CALLBACK (field_chosen_cb), self, G_CONNECT_SWAPPED);
  show_chosen (self);
  check_plan (self);
  if (conflicts->len == 0)
    {
      GtkWidget *none = gtk_label_new (_("No conflicts"));
      gtk_widget_add_css_class (none, "dim-label");
      gtk_widget_set_margin_top (none, 12);
      gtk_widget_set_margin_bottom (none, 12);
      gtk_list_box_append (self->conflict_list, none);
    }
}

static void
apply_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  SlMergeDialog *self = SL_MERGE_DIALOG (widget);
  g_autoptr(GError) error = NULL;

  if (self->plan == NULL || self->merged)
    return;
  if (!sl_merge_apply (self->plan, &error))
    {
      /* One transaction: nothing of the merge was written. */
      sl_ui_show_outcome (self->outcome_label, error->message, TRUE);
      return;
    }
  self->merged = TRUE;
  sl_ui_show_outcome (self->outcome_label, _("Merged."), FALSE);
  gtk_widget_action_set_enabled (widget, "merge.apply", FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->conflict_list), FALSE);
  gtk_widget_set_sensitive (self->choices_box, FALSE);
  g_signal_emit (self, signals[MERGED], 0);
}

static void
sl_merge_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SL_TYPE_MERGE_DIALOG);
  G_OBJECT_CLASS (sl_merge_dialog_parent_class)->dispose (object);
}

static void
sl_merge_dialog_finalize (GObject *object)
{
  SlMergeDialog *self = SL_MERGE_DIALOG (object);

  g_clear_pointer (&self->plan, sl_merge_plan_free);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (sl_merge_dialog_parent_class)->finalize (object);
}

static void
sl_merge_dialog_class_init (SlMergeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_merge_dialog_dispose;
  object_class->finalize = sl_merge_dialog_finalize;

  /**
   * SlMergeDialog::merged:
   *
   * The other ledger was merged into this one.
   */
  signals[MERGED] = g_signal_new ("merged", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/sl-merge-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SlMergeDialog, file_label);
  gtk_widget_class_bind_template_child (widget_class, SlMergeDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, SlMergeDialog, conflict_list);
  gtk_widget_class_bind_template_child (widget_class, SlMergeDialog, outcome_label);
  gtk_widget_class_bind_template_child (widget_class, SlMergeDialog, field_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SlMergeDialog, chosen_label);
  gtk_widget_class_bind_template_child (widget_class, SlMergeDialog, choices_box);
  gtk_widget_class_install_action (widget_class, "merge.apply", NULL, apply_action);
  gtk_widget_class_install_action (widget_class, "merge.take-all", NULL, take_all_action);
  gtk_widget_class_install_action (widget_class, "merge.keep-all", NULL, keep_all_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sl_merge_dialog_init (SlMergeDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->checks = g_ptr_array_new ();
  self->fields = g_ptr_array_new_with_free_func (g_free);
}

/**
 * sl_merge_dialog_new:
 * @path: the other ledger's file
 *
 * Reads the other ledger and shows the merge; a file that is not a ledger
 * says so in the window, with nothing to merge.
 */
GtkWidget *
sl_merge_dialog_new (SlStore    *store,
                     const char *path)
{
  SlMergeDialog *self = g_object_new (SL_TYPE_MERGE_DIALOG, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *shown = g_filename_display_name (path);

  self->store = g_object_ref (store);
  gtk_label_set_text (self->file_label, shown);
  self->plan = sl_merge_plan_new (store, path, &error);
  if (self->plan == NULL)
    {
      sl_ui_show_outcome (self->outcome_label, error->message, TRUE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "merge.apply", FALSE);
    }
  else
    show_plan (self);
  return GTK_WIDGET (self);
}
