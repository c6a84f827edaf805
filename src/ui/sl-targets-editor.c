/* sl-targets-editor.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>

#include "sl-lookup.h"
#include "sl-target.h"
#include "sl-targets-editor.h"
#include "sl-ui-utils.h"
#include "sl-util.h"

struct _SlTargetsEditor
{
  GtkBox       parent_instance;

  SlStore     *store;
  GArray      *jurisdiction_ids;   /* dropdown position -> id, 0 the whole ledger */
  GPtrArray   *targets;            /* SlTarget, in the list's order */
  GHashTable  *entries;            /* metric key -> GtkEntry */
  gboolean     reloading;          /* rows going away: their focus leaving is no edit */
  gboolean     figures;            /* typed figures rather than targets */

  GtkSpinButton *year_spin;
  GtkDropDown   *jurisdiction_dropdown;
  GtkListBox    *list;
  GtkLabel      *hint;
  GtkLabel      *message;
};

G_DEFINE_FINAL_TYPE (SlTargetsEditor, sl_targets_editor, GTK_TYPE_BOX)

static gint64
selected_jurisdiction (SlTargetsEditor *self)
{
  guint i = gtk_drop_down_get_selected (self->jurisdiction_dropdown);

  return i < self->jurisdiction_ids->len ? g_array_index (self->jurisdiction_ids, gint64, i) : 0;
}

static SlTarget *
target_of (SlTargetsEditor *self,
           const char      *key)
{
  for (guint i = 0; self->targets && i < self->targets->len; i++)
    if (g_str_equal (((SlTarget *) self->targets->pdata[i])->metric_key, key))
      return self->targets->pdata[i];
  return NULL;
}

/* Writes what the entry holds: a number sets the target, nothing clears
 * it. A bad value stays in the entry, marked, with the rule said below. */
static gboolean
commit (SlTargetsEditor *self,
        GtkEntry        *entry)
{
  const char *key = g_object_get_data (G_OBJECT (entry), "metric-key");
  SlTarget *t = target_of (self, key);
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  g_autoptr(GError) error = NULL;
  g_autofree char *shown = NULL;
  int year = gtk_spin_button_get_value_as_int (self->year_spin);
  gint64 jurisdiction = selected_jurisdiction (self);
  double value = NAN;

  if (t == NULL || self->reloading)
    return FALSE;
  if (!sl_ui_parse_number (text, &value))
    g_set_error (&error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_FORMAT,
                 _("Target: “%s” is not a number"), text);
  if (error == NULL && (isnan (value) ? isnan (t->own) : value == t->own))
    return TRUE;   /* unchanged: nothing to write */
  if (error == NULL)
    {
      if (self->figures)
        sl_typed_figure_set (self->store, key, jurisdiction, year, value, &error);
      else if (isnan (value))
        sl_target_clear (self->store, key, jurisdiction, year, &error);
      else
        sl_target_set (self->store, key, jurisdiction, year, value, &error);
    }
  if (error != NULL)
    {
      g_autofree char *line = g_strdup_printf ("%s — %s", t->name, error->message);

      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      sl_ui_show_outcome (self->message, line, TRUE);
      return FALSE;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  t->own = value;
  if (isnan (value))
    shown = self->figures ? g_strdup_printf (_("%s: removed; the ledger’s own count applies."), t->name)
                          : g_strdup_printf (_("%s: cleared; the reference applies."), t->name);
  else
    {
      g_autofree char *number = sl_ui_format_number (value);
      shown = self->figures ? g_strdup_printf (_("%s: %s %s typed."), t->name, number, t->unit)
                            : g_strdup_printf (_("%s: target set to %s %s."), t->name, number, t->unit);
    }
  sl_ui_show_outcome (self->message, shown, FALSE);
  return TRUE;
}

static void
entry_activate_cb (GtkEntry        *entry,
                   SlTargetsEditor *self)
{
  commit (self, entry);
}

static void
entry_leave_cb (GtkEventControllerFocus *focus,
                SlTargetsEditor         *self)
{
  commit (self, GTK_ENTRY (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (focus))));
}

static GtkWidget *
target_row (SlTargetsEditor *self,
            SlTarget        *t)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *name = gtk_label_new (t->name);
  GtkWidget *reference;
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *unit = gtk_label_new (t->unit);
  GtkEventController *focus = gtk_event_controller_focus_new ();
  g_autofree char *ref_number = isnan (t->reference) ? NULL : sl_ui_format_number (t->reference);
  g_autofree char *ref_text = NULL;

  if (self->figures)
    ref_text = ref_number ? g_strdup_printf (_("Checklists: %s %s"), ref_number, t->unit)
                          : g_strdup (_("Without it: the ledger’s own firms"));
  else
    ref_text = ref_number
      ? g_strdup_printf (_("Reference %s %s %s"), sl_comparison_sign (t->comparison), ref_number, t->unit)
      : g_strdup (_("No reference"));

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_wrap (GTK_LABEL (name), TRUE);
  gtk_widget_set_hexpand (name, TRUE);
  reference = gtk_label_new (ref_text);
  gtk_widget_add_css_class (reference, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (reference), 1);

  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 8);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (entry), 8);
  gtk_entry_set_alignment (GTK_ENTRY (entry), 1);
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_NUMBER);
  if (ref_number)
    gtk_entry_set_placeholder_text (GTK_ENTRY (entry), ref_number);
  if (!isnan (t->own))
    {
      g_autofree char *own = sl_ui_format_number (t->own);
      gtk_editable_set_text (GTK_EDITABLE (entry), own);
    }
  g_object_set_data_full (G_OBJECT (entry), "metric-key", g_strdup (t->metric_key), g_free);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, name, NULL,
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, reference, NULL,
                                  -1);
  gtk_widget_set_tooltip_text (entry, ref_text);
  g_signal_connect (entry, "activate", G_CALLBACK (entry_activate_cb), self);
  g_signal_connect (focus, "leave", G_CALLBACK (entry_leave_cb), self);
  gtk_widget_add_controller (entry, focus);
  g_hash_table_insert (self->entries, g_strdup (t->metric_key), entry);

  gtk_widget_set_size_request (unit, 36, -1);
  gtk_label_set_xalign (GTK_LABEL (unit), 0);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), reference);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), unit);
  return box;
}

static void
reload_cb (SlTargetsEditor *self)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  if (self->store == NULL)
    return;
  self->reloading = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))))
    gtk_list_box_remove (self->list, child);
  self->reloading = FALSE;
  g_hash_table_remove_all (self->entries);
  g_clear_pointer (&self->targets, g_ptr_array_unref);
  self->targets = (self->figures ? sl_typed_figure_list : sl_target_list)
    (self->store, selected_jurisdiction (self), gtk_spin_button_get_value_as_int (self->year_spin), &error);
  if (self->targets == NULL)
    {
      sl_ui_show_outcome (self->message, error->message, TRUE);
      return;
    }
  for (guint i = 0; i < self->targets->len; i++)
    gtk_list_box_append (self->list, target_row (self, self->targets->pdata[i]));
  gtk_label_set_text (self->message, "");
}

static void
fill_jurisdictions (SlTargetsEditor *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) items = sl_lookup_list (self->store, SL_LOOKUP_JURISDICTION, SL_LOOKUP_ACTIVE);
  gint64 none = 0;

  gtk_string_list_append (names, _("Whole ledger"));
  g_array_append_val (self->jurisdiction_ids, none);
  /* Targets are set for districts, counties and zones; towns count under them. */
  for (guint i = 0; items && i < items->len; i++)
    {
      SlLookupItem *item = items->pdata[i];

      if (item->parent_id != 0)
        continue;
      gtk_string_list_append (names, item->name);
      g_array_append_val (self->jurisdiction_ids, item->id);
    }
  gtk_drop_down_set_model (self->jurisdiction_dropdown, G_LIST_MODEL (names));
}

static void
sl_targets_editor_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SL_TYPE_TARGETS_EDITOR);
  G_OBJECT_CLASS (sl_targets_editor_parent_class)->dispose (object);
}

static void
sl_targets_editor_finalize (GObject *object)
{
  SlTargetsEditor *self = SL_TARGETS_EDITOR (object);

  g_clear_pointer (&self->targets, g_ptr_array_unref);
  g_clear_pointer (&self->entries, g_hash_table_unref);
  g_clear_pointer (&self->jurisdiction_ids, g_array_unref);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (sl_targets_editor_parent_class)->finalize (object);
}

static void
sl_targets_editor_class_init (SlTargetsEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_targets_editor_dispose;
  object_class->finalize = sl_targets_editor_finalize;
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/sl-targets-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, SlTargetsEditor, year_spin);
  gtk_widget_class_bind_template_child (widget_class, SlTargetsEditor, jurisdiction_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SlTargetsEditor, list);
  gtk_widget_class_bind_template_child (widget_class, SlTargetsEditor, hint);
  gtk_widget_class_bind_template_child (widget_class, SlTargetsEditor, message);
  gtk_widget_class_bind_template_callback (widget_class, reload_cb);
}

static void
sl_targets_editor_init (SlTargetsEditor *self)
{
  self->jurisdiction_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * sl_targets_editor_new:
 *
 * The targets of the plan's metrics for one year and jurisdiction, opening
 * on the whole ledger and the current year.
 */
GtkWidget *
sl_targets_editor_new (SlStore *store)
{
  return sl_targets_editor_new_full (store, FALSE);
}

/**
 * sl_targets_editor_new_full:
 * @figures: edit the figures typed from outside (a manual indicator's
 *   count, the statistics bureau's whole of a share) rather than targets
 */
GtkWidget *
sl_targets_editor_new_full (SlStore  *store,
                            gboolean  figures)
{
  SlTargetsEditor *self = g_object_new (SL_TYPE_TARGETS_EDITOR, NULL);
  g_autofree char *today = sl_today ();

  self->store = g_object_ref (store);
  self->figures = figures;
  if (figures)
    gtk_label_set_text (self->hint,
      _("Figures the ledger cannot count itself, as the statistics bureau or the workgroup reports them for the year. "
        "Type a value and press Enter; an empty value leaves the ledger’s own count. A county’s figure is its own in its bulletin."));
  fill_jurisdictions (self);
  gtk_spin_button_set_value (self->year_spin, atoi (today));
  reload_cb (self);
  return GTK_WIDGET (self);
}

/**
 * sl_targets_editor_select:
 * @jurisdiction_id: a district, county or zone, or 0 for the whole ledger
 *
 * Shows the targets of @jurisdiction_id for @year.
 */
void
sl_targets_editor_select (SlTargetsEditor *self,
                          gint64           jurisdiction_id,
                          int              year)
{
  g_return_if_fail (SL_IS_TARGETS_EDITOR (self));

  gtk_spin_button_set_value (self->year_spin, year);
  for (guint i = 0; i < self->jurisdiction_ids->len; i++)
    if (g_array_index (self->jurisdiction_ids, gint64, i) == jurisdiction_id)
      gtk_drop_down_set_selected (self->jurisdiction_dropdown, i);
  reload_cb (self);
}

/**
 * sl_targets_editor_get_entry:
 *
 * Returns: (transfer none) (nullable): the entry of @metric_key's target
 */
GtkEditable *
sl_targets_editor_get_entry (SlTargetsEditor *self,
                             const char      *metric_key)
{
  return g_hash_table_lookup (self->entries, metric_key);
}

/**
 * sl_targets_editor_get_message:
 *
 * Returns: the last outcome shown under the list: saved, or what was wrong
 */
const char *
sl_targets_editor_get_message (SlTargetsEditor *self)
{
  return gtk_label_get_text (self->message);
}
