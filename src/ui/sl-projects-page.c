/* sl-projects-page.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-projects-page"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>

#include "sl-project.h"
#include "sl-date-entry.h"
#include "sl-projects-page.h"
#include "sl-ui-utils.h"
#include "sl-util.h"

#define BANNER_SECONDS 10

struct _SlProjectsPage
{
  GtkWidget         parent_instance;

  SlStore          *store;
  gboolean          stale;        /* the lists wait until the page is shown */
  GPtrArray        *projects;     /* SlProject, in list order */
  GPtrArray        *items;        /* SlChecklistItem of the selected project */
  GPtrArray        *units;        /* responsible units of the project, for the filter */
  gint64            project_id;
  gint64            units_for;    /* the project the unit filter was filled for */
  SlChecklistItem  *removed;      /* for undo */
  guint             banner_timeout;
  gboolean          loading;

  GtkListBox       *project_list;
  GtkListBox       *item_list;
  GtkLabel         *title_label;
  GtkLabel         *subtitle_label;
  GtkDropDown      *unit_dropdown;
  GtkProgressBar   *progress_bar;
  GtkWidget        *apply_box;
  GtkEntry         *new_item_entry;
  GtkEntry         *new_project_entry;
  GtkLabel         *message_label;
  GtkRevealer      *banner;
  GtkLabel         *banner_label;
};

G_DEFINE_FINAL_TYPE (SlProjectsPage, sl_projects_page, GTK_TYPE_WIDGET)

enum { UNDO_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void load_items (SlProjectsPage *self);

static void
show_message (SlProjectsPage *self,
              const char     *text,
              gboolean        error)
{
  sl_ui_show_outcome (self->message_label, text, error);
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), text != NULL);
}

static SlProject *
current_project (SlProjectsPage *self)
{
  for (guint i = 0; self->projects && i < self->projects->len; i++)
    if (((SlProject *) self->projects->pdata[i])->id == self->project_id)
      return self->projects->pdata[i];
  return NULL;
}

static const char *
kind_heading (const char *kind)
{
  if (g_strcmp0 (kind, "programme") == 0)
    return _("The plan’s eight programmes");
  if (g_strcmp0 (kind, "dossier") == 0)
    return _("Application dossiers");
  return _("County projects");
}

static void
header_func (GtkListBoxRow *row,
             GtkListBoxRow *before,
             gpointer       user_data)
{
  SlProjectsPage *self = user_data;
  SlProject *p = self->projects->pdata[gtk_list_box_row_get_index (row)];
  SlProject *q = before ? self->projects->pdata[gtk_list_box_row_get_index (before)] : NULL;
  GtkWidget *label;

  if (q != NULL && g_strcmp0 (p->kind, q->kind) == 0)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }
  label = gtk_label_new (kind_heading (p->kind));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_list_box_row_set_header (row, label);
}

static void
load_projects (SlProjectsPage *self)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *child;
  int select = -1;

  self->stale = FALSE;

  self->loading = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->project_list))))
    gtk_list_box_remove (self->project_list, child);
  g_clear_pointer (&self->projects, g_ptr_array_unref);
  self->projects = sl_project_list (self->store, NULL, &error);
  if (self->projects == NULL)
    {
      show_message (self, error->message, TRUE);
      self->projects = g_ptr_array_new ();
    }
  for (guint i = 0; i < self->projects->len; i++)
    {
      SlProject *p = self->projects->pdata[i];
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *title = gtk_label_new (p->title);
      g_autofree char *count = g_strdup_printf ("%d/%d", p->n_done, p->n_items);
      GtkWidget *progress = gtk_label_new (count);

      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_label_set_wrap (GTK_LABEL (title), TRUE);
      gtk_widget_set_hexpand (title, TRUE);
      gtk_widget_add_css_class (progress, "dim-label");
      gtk_widget_add_css_class (progress, "numeric");
      gtk_box_append (GTK_BOX (box), title);
      gtk_box_append (GTK_BOX (box), progress);
      gtk_list_box_append (self->project_list, box);
      if (p->id == self->project_id)
        select = (int) i;
    }
  if (select < 0 && self->projects->len > 0)
    select = 0;
  self->loading = FALSE;
  if (select >= 0)
    gtk_list_box_select_row (self->project_list, gtk_list_box_get_row_at_index (self->project_list, select));
}

static void
fill_units (SlProjectsPage *self)
{
  g_autoptr(GPtrArray) all = sl_checklist_list (self->store, self->project_id, NULL, NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  g_ptr_array_set_size (self->units, 0);
  gtk_string_list_append (names, _("All units"));
  g_ptr_array_add (self->units, g_strdup (""));
  for (guint i = 0; all && i < all->len; i++)
    {
      const char *resp = ((SlChecklistItem *) all->pdata[i])->responsible;
      g_auto(GStrv) parts = g_strsplit (resp ? resp : "", "、", -1);

      for (guint k = 0; parts[k]; k++)
        if (*parts[k] && !g_hash_table_contains (seen, parts[k]))
          {
            char *unit = g_strdup (parts[k]);
            g_hash_table_add (seen, unit);
            g_ptr_array_add (self->units, unit);
            gtk_string_list_append (names, unit);
          }
    }
  self->loading = TRUE;
  gtk_drop_down_set_model (self->unit_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->unit_dropdown, 0);
  self->loading = FALSE;
}

static void
project_selected_cb (SlProjectsPage *self,
                     GtkListBoxRow  *row)
{
  if (row == NULL || self->loading)
    return;
  self->project_id = ((SlProject *) self->projects->pdata[gtk_list_box_row_get_index (row)])->id;
  if (self->units_for != self->project_id)
    {
      fill_units (self);
      self->units_for = self->project_id;
    }
  show_message (self, NULL, FALSE);
  load_items (self);
}

static void
unit_changed_cb (SlProjectsPage *self)
{
  if (!self->loading)
    load_items (self);
}

static SlChecklistItem *
item_at (SlProjectsPage *self,
         GtkWidget      *widget)
{
  SlChecklistItem *item = g_object_get_data (G_OBJECT (widget), "sl-item");

  g_assert (item != NULL);
  return item;
}

static void
after_write (SlProjectsPage *self)
{
  load_projects (self);
}

static void
done_toggled_cb (GtkCheckButton *check,
                 SlProjectsPage *self)
{
  g_autoptr(SlChecklistItem) copy = sl_checklist_item_copy (item_at (self, GTK_WIDGET (check)));
  g_autoptr(GError) error = NULL;

  if (self->loading)
    return;
  g_clear_pointer (&copy->done_on, g_free);
  if (gtk_check_button_get_active (check))
    copy->done_on = sl_today ();
  if (!sl_checklist_item_save (self->store, copy, &error))
    show_message (self, error->message, TRUE);
  after_write (self);
}

static void
hide_banner (SlProjectsPage *self)
{
  g_clear_handle_id (&self->banner_timeout, g_source_remove);
  gtk_revealer_set_reveal_child (self->banner, FALSE);
}

static gboolean
banner_timeout_cb (gpointer user_data)
{
  SlProjectsPage *self = user_data;

  self->banner_timeout = 0;
  gtk_revealer_set_reveal_child (self->banner, FALSE);
  return G_SOURCE_REMOVE;
}

static void
remove_clicked_cb (GtkButton      *button,
                   SlProjectsPage *self)
{
  SlChecklistItem *item = item_at (self, GTK_WIDGET (button));
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_clear_pointer (&self->removed, sl_checklist_item_free);
  self->removed = sl_checklist_item_copy (item);
  if (!sl_checklist_item_remove (self->store, item->id, &error))
    {
      show_message (self, error->message, TRUE);
      g_clear_pointer (&self->removed, sl_checklist_item_free);
      return;
    }
  text = g_strdup_printf (_("“%s” was removed."), self->removed->title);
  gtk_label_set_text (self->banner_label, text);
  gtk_revealer_set_reveal_child (self->banner, TRUE);
  g_clear_handle_id (&self->banner_timeout, g_source_remove);
  self->banner_timeout = g_timeout_add_seconds (BANNER_SECONDS, banner_timeout_cb, self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "projects.undo", TRUE);
  g_signal_emit (self, signals[UNDO_CHANGED], 0);
  after_write (self);
}

/**
 * sl_projects_page_undo:
 *
 * Returns: %TRUE if a removed item was put back
 */
gboolean
sl_projects_page_undo (SlProjectsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlChecklistItem) removed = g_steal_pointer (&self->removed);

  hide_banner (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "projects.undo", FALSE);
  g_signal_emit (self, signals[UNDO_CHANGED], 0);
  if (removed == NULL)
    return FALSE;
  if (!sl_checklist_item_restore (self->store, removed, &error))
    show_message (self, error->message, TRUE);
  self->project_id = removed->project_id;
  after_write (self);
  return TRUE;
}

gboolean
sl_projects_page_can_undo (SlProjectsPage *self)
{
  return self->removed != NULL;
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  sl_projects_page_undo (SL_PROJECTS_PAGE (widget));
}

/* "" for no value; "%g" would write a million as "1e+06". */
static char *
number_text (double value)
{
  return isnan (value) ? g_strdup ("") : sl_ui_format_number (value);
}

/* The edit popover: one entry per field, saved together. */
static void
save_edit_cb (GtkButton      *button,
              SlProjectsPage *self)
{
  GtkWidget *grid = g_object_get_data (G_OBJECT (button), "sl-grid");
  g_autoptr(SlChecklistItem) copy = sl_checklist_item_copy (item_at (self, GTK_WIDGET (button)));
  GtkLabel *error_label = g_object_get_data (G_OBJECT (grid), "sl-error");
  g_autoptr(GError) error = NULL;
  const char *keys[] = { "title", "responsible", "due_on", "target", "unit", "current", "note" };
  char **texts[] = { &copy->title, &copy->responsible, &copy->due_on, NULL, &copy->unit, NULL, &copy->note };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      GtkEditable *entry = g_object_get_data (G_OBJECT (grid), keys[i]);
      const char *text = gtk_editable_get_text (entry);

      if (texts[i] != NULL)
        {
          g_free (*texts[i]);
          *texts[i] = SL_IS_DATE_ENTRY (entry) ? sl_date_entry_get_iso (SL_DATE_ENTRY (entry)) : g_strdup (text);
        }
      else if (gtk_widget_get_sensitive (GTK_WIDGET (entry))
               && !sl_ui_parse_number (text, i == 3 ? &copy->target_value : &copy->current_value))
        {
          g_autofree char *msg = g_strdup_printf (_("%s: “%s” is not a number"),
                                                  i == 3 ? _("Target") : _("Current value"), text);
          gtk_label_set_text (error_label, msg);
          gtk_widget_set_visible (GTK_WIDGET (error_label), TRUE);
          return;
        }
    }
  if (!sl_checklist_item_save (self->store, copy, &error))
    {
      gtk_label_set_text (error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (error_label), TRUE);
      return;
    }
  gtk_popover_popdown (GTK_POPOVER (gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_POPOVER)));
  after_write (self);
}

static GtkWidget *
edit_popover (SlProjectsPage  *self,
              SlChecklistItem *item)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *error_label = gtk_label_new (NULL);
  GtkWidget *save = gtk_button_new_with_mnemonic (_("_Save"));
  g_autofree char *target = number_text (item->target_value);
  g_autofree char *current = number_text (item->current_value);
  const struct { const char *key; const char *label; const char *value; gboolean editable; } fields[] = {
    { "title", N_("_Item"), item->title, TRUE },
    { "responsible", N_("_Responsible unit"), item->responsible, TRUE },
    { "due_on", N_("_Due on"), item->due_on, TRUE },
    { "target", N_("_Target"), target, TRUE },
    { "unit", N_("U_nit"), item->unit, TRUE },
    { "current", N_("_Current value"), current, item->metric_key == NULL || isnan (item->current_value) },
    { "note", N_("N_ote"), item->note, TRUE },
  };

  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      GtkWidget *label = gtk_label_new_with_mnemonic (_(fields[i].label));
      GtkWidget *entry = g_str_equal (fields[i].key, "due_on") ? sl_date_entry_new () : gtk_entry_new ();

      gtk_editable_set_text (GTK_EDITABLE (entry), fields[i].value ? fields[i].value : "");
      gtk_editable_set_width_chars (GTK_EDITABLE (entry), 28);
      gtk_widget_set_sensitive (entry, fields[i].editable);
      if (!fields[i].editable)
        gtk_widget_set_tooltip_text (entry, _("Counted from the ledger"));
      gtk_label_set_mnemonic_widget (GTK_LABEL (label), entry);
      gtk_label_set_xalign (GTK_LABEL (label), 1.0);
      gtk_grid_attach (GTK_GRID (grid), label, 0, (int) i, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), entry, 1, (int) i, 1, 1);
      g_object_set_data (G_OBJECT (grid), fields[i].key, entry);
    }
  gtk_label_set_wrap (GTK_LABEL (error_label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (error_label), 40);
  gtk_widget_add_css_class (error_label, "error");
  gtk_widget_set_visible (error_label, FALSE);
  gtk_grid_attach (GTK_GRID (grid), error_label, 0, (int) G_N_ELEMENTS (fields), 2, 1);
  gtk_widget_add_css_class (save, "suggested-action");
  gtk_widget_set_halign (save, GTK_ALIGN_END);
  gtk_grid_attach (GTK_GRID (grid), save, 1, (int) G_N_ELEMENTS (fields) + 1, 1, 1);
  g_object_set_data (G_OBJECT (grid), "sl-error", error_label);
  g_object_set_data (G_OBJECT (save), "sl-grid", grid);
  g_object_set_data (G_OBJECT (save), "sl-item", item);
  g_signal_connect (save, "clicked", G_CALLBACK (save_edit_cb), self);
  gtk_popover_set_child (GTK_POPOVER (popover), grid);
  gtk_popover_set_default_widget (GTK_POPOVER (popover), save);
  return popover;
}

static char *
value_text (const SlChecklistItem *item)
{
  g_autofree char *current = number_text (item->current_value);
  g_autofree char *target = number_text (item->target_value);

  if (isnan (item->target_value) && isnan (item->current_value))
    return NULL;
  return g_strdup_printf ("%s / %s %s", *current ? current : "—", *target ? target : "—",
                          item->unit ? item->unit : "");
}

static GdkContentProvider *
drag_prepare_cb (GtkDragSource *source,
                 double         x,
                 double         y,
                 GtkWidget     *row)
{
  SlChecklistItem *item = g_object_get_data (G_OBJECT (row), "sl-item");
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, item->id);

  return gdk_content_provider_new_typed (G_TYPE_STRING, id);
}

static gboolean
drop_cb (GtkDropTarget  *target,
         const GValue   *value,
         double          x,
         double          y,
         SlProjectsPage *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  gint64 id = g_ascii_strtoll (g_value_get_string (value), NULL, 10);
  g_autoptr(GError) error = NULL;

  if (!sl_checklist_item_move (self->store, id, gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)), &error))
    show_message (self, error->message, TRUE);
  after_write (self);
  return TRUE;
}

static GtkWidget *
item_row (SlProjectsPage  *self,
          SlChecklistItem *item,
          const char      *today)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *title = gtk_label_new (item->title);
  GtkWidget *detail = gtk_label_new (NULL);
  GtkWidget *value = gtk_label_new (NULL);
  GtkWidget *edit = gtk_menu_button_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *due = sl_ui_format_date (item->due_on);
  g_autofree char *values = value_text (item);
  g_autoptr(GString) info = g_string_new (item->responsible ? item->responsible : "");
  gboolean overdue = sl_checklist_item_is_overdue (item, today);
  g_autofree char *a11y_done = g_strdup_printf (_("“%s” done"), item->title);
  GtkDragSource *source = gtk_drag_source_new ();
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_MOVE);

  if (*due)
    g_string_append_printf (info, "%s%s %s", info->len ? " · " : "", _("due"), due);
  if (overdue)
    g_string_append_printf (info, " · %s", _("overdue"));
  if (item->done_on)
    {
      g_autofree char *done = sl_ui_format_date (item->done_on);
      g_string_append_printf (info, " · %s %s", _("done"), done);
    }
  gtk_label_set_text (GTK_LABEL (detail), info->str);
  gtk_label_set_text (GTK_LABEL (value), values ? values : "");

  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), item->done_on != NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y_done, -1);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_wrap (GTK_LABEL (detail), TRUE);
  gtk_widget_add_css_class (detail, overdue ? "error" : "dim-label");
  if (item->done_on)
    gtk_widget_add_css_class (title, "dim-label");
  gtk_widget_add_css_class (value, "numeric");
  gtk_widget_set_valign (value, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (edit), "document-edit-symbolic");
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (edit), edit_popover (self, item));
  gtk_widget_set_tooltip_text (edit, _("Edit item"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (edit), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Edit item"), -1);
  gtk_widget_set_tooltip_text (remove, _("Remove item"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove item"), -1);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_valign (edit, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);

  g_object_set_data (G_OBJECT (check), "sl-item", item);
  g_object_set_data (G_OBJECT (remove), "sl-item", item);
  g_object_set_data (G_OBJECT (row), "sl-item", item);
  g_signal_connect (check, "toggled", G_CALLBACK (done_toggled_cb), self);
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_clicked_cb), self);

  /* Drag a row onto another to move it there. */
  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (drag_prepare_cb), row);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (source));
  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (target));

  gtk_box_append (GTK_BOX (text), title);
  gtk_box_append (GTK_BOX (text), detail);
  gtk_box_append (GTK_BOX (box), check);
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), value);
  gtk_box_append (GTK_BOX (box), edit);
  gtk_box_append (GTK_BOX (box), remove);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static void
load_items (SlProjectsPage *self)
{
  SlProject *p = current_project (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *today = sl_today ();
  g_autofree char *progress = NULL;
  guint unit = gtk_drop_down_get_selected (self->unit_dropdown);
  const char *filter = unit > 0 && unit < self->units->len ? self->units->pdata[unit] : NULL;
  GtkWidget *child;
  int selected = -1;
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->item_list);

  if (row != NULL)
    selected = gtk_list_box_row_get_index (row);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->item_list))))
    gtk_list_box_remove (self->item_list, child);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  if (p == NULL)
    return;

  self->items = sl_checklist_list (self->store, p->id, filter, &error);
  if (self->items == NULL)
    {
      show_message (self, error->message, TRUE);
      return;
    }
  self->loading = TRUE;
  for (guint i = 0; i < self->items->len; i++)
    gtk_list_box_append (self->item_list, item_row (self, self->items->pdata[i], today));
  self->loading = FALSE;
  if (selected >= 0 && (guint) selected < self->items->len)
    gtk_list_box_select_row (self->item_list, gtk_list_box_get_row_at_index (self->item_list, selected));

  gtk_label_set_text (self->title_label, p->title);
  gtk_label_set_text (self->subtitle_label, p->responsible ? p->responsible : "");
  progress = g_strdup_printf (_("%d of %d done"), p->n_done, p->n_items);
  gtk_progress_bar_set_text (self->progress_bar, progress);
  gtk_progress_bar_set_fraction (self->progress_bar, p->n_items ? (double) p->n_done / p->n_items : 0);
  gtk_widget_set_visible (self->apply_box, g_str_equal (p->kind, "dossier") && p->n_items > 0 && p->n_done == p->n_items);
}

static void
add_item_cb (SlProjectsPage *self)
{
  g_autoptr(SlChecklistItem) item = sl_checklist_item_new ();
  g_autoptr(GError) error = NULL;

  if (self->project_id == 0)
    return;
  item->project_id = self->project_id;
  item->title = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->new_item_entry)));
  if (!sl_checklist_item_save (self->store, item, &error))
    {
      show_message (self, error->message, TRUE);
      return;
    }
  show_message (self, NULL, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->new_item_entry), "");
  after_write (self);
}

static void
new_project_cb (SlProjectsPage *self)
{
  g_autoptr(GError) error = NULL;
  gint64 id = sl_project_create_custom (self->store, gtk_editable_get_text (GTK_EDITABLE (self->new_project_entry)),
                                        NULL, &error);

  if (id == 0)
    {
      show_message (self, error->message, TRUE);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->new_project_entry), "");
  sl_projects_page_select (self, id);
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  SlProjectsPage *self = SL_PROJECTS_PAGE (widget);
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->item_list);
  g_autoptr(GError) error = NULL;
  int index, to;

  if (row == NULL)
    return;
  index = gtk_list_box_row_get_index (row);
  to = index + (g_str_equal (action_name, "projects.move-up") ? -1 : 1);
  if (to < 0 || to >= (int) self->items->len)
    return;
  if (!sl_checklist_item_move (self->store, ((SlChecklistItem *) self->items->pdata[index])->id, to, &error))
    show_message (self, error->message, TRUE);
  after_write (self);
  gtk_list_box_select_row (self->item_list, gtk_list_box_get_row_at_index (self->item_list, to));
  gtk_widget_grab_focus (GTK_WIDGET (gtk_list_box_get_row_at_index (self->item_list, to)));
}

static void
record_application_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  SlProjectsPage *self = SL_PROJECTS_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (sl_dossier_record_application (self->store, self->project_id, &error) == 0)
    show_message (self, error->message, TRUE);
  else
    show_message (self, _("The application was recorded on the enterprise’s certifications."), FALSE);
}

static void
sl_projects_page_dispose (GObject *object)
{
  SlProjectsPage *self = SL_PROJECTS_PAGE (object);
  GtkWidget *child;

  g_clear_handle_id (&self->banner_timeout, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), SL_TYPE_PROJECTS_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (sl_projects_page_parent_class)->dispose (object);
}

static void
sl_projects_page_finalize (GObject *object)
{
  SlProjectsPage *self = SL_PROJECTS_PAGE (object);

  g_clear_pointer (&self->projects, g_ptr_array_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->units, g_ptr_array_unref);
  g_clear_pointer (&self->removed, sl_checklist_item_free);
  G_OBJECT_CLASS (sl_projects_page_parent_class)->finalize (object);
}

static void
sl_projects_page_class_init (SlProjectsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_projects_page_dispose;
  object_class->finalize = sl_projects_page_finalize;

  signals[UNDO_CHANGED] = g_signal_new ("undo-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/sl-projects-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SlProjectsPage, project_list);
  gtk_widget_class_bind_template_child (widget_class, SlProjectsPage, item_list);
  gtk_widget_class_bind_template_child (widget_class, SlProjectsPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, SlProjectsPage, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, SlProjectsPage, unit_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SlProjectsPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, SlProjectsPage, apply_box);
  gtk_widget_class_bind_template_child (widget_class, SlProjectsPage, new_item_entry);
  gtk_widget_class_bind_template_child (widget_class, SlProjectsPage, new_project_entry);
  gtk_widget_class_bind_template_child (widget_class, SlProjectsPage, message_label);
  gtk_widget_class_bind_template_child (widget_class, SlProjectsPage, banner);
  gtk_widget_class_bind_template_child (widget_class, SlProjectsPage, banner_label);
  gtk_widget_class_bind_template_callback (widget_class, project_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, unit_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_item_cb);
  gtk_widget_class_bind_template_callback (widget_class, new_project_cb);

  gtk_widget_class_install_action (widget_class, "projects.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "projects.move-up", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "projects.move-down", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "projects.record-application", NULL, record_application_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "projects.move-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "projects.move-down", NULL);
}

static void
sl_projects_page_init (SlProjectsPage *self)
{
  self->units = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_box_set_header_func (self->project_list, header_func, self, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "projects.undo", FALSE);
}

GtkWidget *
sl_projects_page_new (SlStore *store)
{
  SlProjectsPage *self = g_object_new (SL_TYPE_PROJECTS_PAGE, NULL);

  /* The programmes' bound values take seconds to count on a large ledger:
   * not at start-up, only once the page is shown. */
  self->store = g_object_ref (store);
  self->stale = TRUE;
  return GTK_WIDGET (self);
}

/**
 * sl_projects_page_reload:
 *
 * After a change elsewhere (a new dossier, a firm's honours).
 */
void
sl_projects_page_reload (SlProjectsPage *self)
{
  self->stale = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    load_projects (self);
}

/**
 * sl_projects_page_refresh:
 *
 * Loads the lists if a change since they were loaded left them stale; the
 * window calls it when the page is shown.
 */
void
sl_projects_page_refresh (SlProjectsPage *self)
{
  if (self->stale)
    load_projects (self);
}

void
sl_projects_page_select (SlProjectsPage *self,
                         gint64          project_id)
{
  self->project_id = project_id;
  load_projects (self);
}

gint64
sl_projects_page_get_project (SlProjectsPage *self)
{
  return self->project_id;
}

guint
sl_projects_page_get_n_items (SlProjectsPage *self)
{
  sl_projects_page_refresh (self);
  return self->items ? self->items->len : 0;
}
