/* sl-ledger-settings.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-ledger-settings"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "sl-ledger-settings.h"
#include "sl-lookup.h"
#include "sl-plan.h"
#include "sl-targets-editor.h"
#include "sl-ui-utils.h"
#include "sl-util.h"

/* One tab per editable list: its rows, the add form, the error line. */
typedef struct
{
  SlLedgerSettings *self;
  SlLookupKind      kind;
  GPtrArray        *items;
  GtkListBox       *list;
  GtkEntry         *entry;
  GtkDropDown      *parent;       /* jurisdictions only: where a town belongs */
  GArray           *parent_ids;
  GtkLabel         *message;
} ListTab;

struct _SlLedgerSettings
{
  GtkWindow   parent_instance;

  SlStore    *store;
  ListTab     tabs[3];

  GtkNotebook *notebook;
  GtkEntry    *unit_entry;
  GtkLabel    *unit_message;
  GtkLabel    *plan_label;
};

G_DEFINE_FINAL_TYPE (SlLedgerSettings, sl_ledger_settings, GTK_TYPE_WINDOW)

static void load_tab (ListTab *tab);

static void
show_result (GtkLabel     *label,
             const GError *error,
             const char   *done)
{
  sl_ui_show_outcome (label, error ? error->message : done, error != NULL);
}

static void
save_unit_cb (SlLedgerSettings *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->unit_entry))));

  if (*text == '\0')
    g_set_error (&error, SL_VALIDATION_ERROR, SL_VALIDATION_ERROR_REQUIRED, _("Unit name: required"));
  else
    sl_store_set_setting (self->store, "unit_name", text, &error);
  show_result (self->unit_message, error, _("Saved."));
}

/* The plan dialog belongs to the ledger's window, whose pages it changes:
 * this window closes and the window's action takes over. */
static void
load_plan_cb (SlLedgerSettings *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (parent == NULL)
    return;
  gtk_window_close (GTK_WINDOW (self));
  gtk_widget_activate_action (GTK_WIDGET (parent), "win.load-plan", NULL);
}

static void
show_plan (SlLedgerSettings *self)
{
  g_autofree char *title = sl_store_get_setting (self->store, "plan_title");
  g_autofree char *start = sl_store_get_setting (self->store, "plan_start_year");
  g_autofree char *end = sl_store_get_setting (self->store, "plan_end_year");
  g_autofree char *today = sl_today ();
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  name = sl_plan_display_name (title, start ? atoi (start) : 0, end ? atoi (end) : 0);
  if (end != NULL && atoi (today) > atoi (end))
    /* TRANSLATORS: Ledger Settings: the ledger's plan, and that its period is over */
    text = g_strdup_printf (_("%s: the plan period has ended."), name);
  else
    text = g_strdup (name);
  gtk_label_set_text (self->plan_label, text);
}

static void
rename_done_cb (GtkEditableLabel *label,
                GParamSpec       *pspec,
                ListTab          *tab)
{
  SlLookupItem *item = g_object_get_data (G_OBJECT (label), "sl-item");
  g_autoptr(GError) error = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (label));

  if (gtk_editable_label_get_editing (label) || g_strcmp0 (text, item->name) == 0)
    return;
  if (!sl_lookup_rename (tab->self->store, tab->kind, item, text, &error))
    {
      gtk_editable_set_text (GTK_EDITABLE (label), item->name);
      show_result (tab->message, error, NULL);
      return;
    }
  show_result (tab->message, NULL, _("Renamed."));
  g_free (item->name);
  item->name = g_strdup (text);
}

static void
retire_toggled_cb (GtkSwitch  *toggle,
                   GParamSpec *pspec,
                   ListTab    *tab)
{
  SlLookupItem *item = g_object_get_data (G_OBJECT (toggle), "sl-item");
  g_autoptr(GError) error = NULL;
  gboolean retired = !gtk_switch_get_active (toggle);

  if (retired == item->retired)
    return;
  if (!sl_lookup_set_retired (tab->self->store, tab->kind, item, retired, &error))
    {
      show_result (tab->message, error, NULL);
      return;
    }
  item->retired = retired;
  show_result (tab->message, NULL, retired ? _("Retired: no longer offered for new records; the firms that use it keep it.")
                                           : _("In use again."));
}

static GtkWidget *
item_row (ListTab      *tab,
          SlLookupItem *item)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *name = gtk_editable_label_new (item->name);
  GtkWidget *info = gtk_label_new (NULL);
  GtkWidget *active = gtk_switch_new ();
  g_autofree char *uses = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d enterprise", "%d enterprises",
                                                        (gulong) item->use_count), (int) item->use_count);
  g_autofree char *a11y = g_strdup_printf (_("“%s” in use"), item->name);

  gtk_widget_set_margin_start (row, 12);
  gtk_widget_set_margin_end (row, 12);
  gtk_widget_set_margin_top (row, 6);
  gtk_widget_set_margin_bottom (row, 6);
  if (item->parent_id)
    gtk_widget_set_margin_start (name, 24);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_set_tooltip_text (name, _("Click to rename"));
  gtk_label_set_text (GTK_LABEL (info), uses);
  gtk_widget_add_css_class (info, "dim-label");
  gtk_switch_set_active (GTK_SWITCH (active), !item->retired);
  gtk_widget_set_valign (active, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (active, _("Offered for new records"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (active), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
  g_object_set_data (G_OBJECT (name), "sl-item", item);
  g_object_set_data (G_OBJECT (active), "sl-item", item);
  g_signal_connect (name, "notify::editing", G_CALLBACK (rename_done_cb), tab);
  g_signal_connect (active, "notify::active", G_CALLBACK (retire_toggled_cb), tab);
  gtk_box_append (GTK_BOX (row), name);
  gtk_box_append (GTK_BOX (row), info);
  gtk_box_append (GTK_BOX (row), active);
  return row;
}

static void
load_tab (ListTab *tab)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (tab->list))))
    gtk_list_box_remove (tab->list, child);
  g_clear_pointer (&tab->items, g_ptr_array_unref);
  tab->items = sl_lookup_list (tab->self->store, tab->kind, SL_LOOKUP_INCLUDE_RETIRED | SL_LOOKUP_COUNT_USES);
  for (guint i = 0; i < tab->items->len; i++)
    gtk_list_box_append (tab->list, item_row (tab, tab->items->pdata[i]));

  if (tab->parent != NULL)
    {
      g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

      g_array_set_size (tab->parent_ids, 0);
      for (guint i = 0; i < tab->items->len; i++)
        {
          SlLookupItem *item = tab->items->pdata[i];
          if (item->parent_id != 0 || item->retired)
            continue;
          gtk_string_list_append (names, item->name);
          g_array_append_val (tab->parent_ids, item->id);
        }
      gtk_drop_down_set_model (tab->parent, G_LIST_MODEL (names));
    }
}

static void
add_cb (GtkWidget *button,
        ListTab   *tab)
{
  g_autoptr(GError) error = NULL;
  gint64 parent = 0;

  if (tab->parent != NULL)
    {
      guint i = gtk_drop_down_get_selected (tab->parent);
      parent = i < tab->parent_ids->len ? g_array_index (tab->parent_ids, gint64, i) : 0;
    }
  if (!sl_lookup_add (tab->self->store, tab->kind, gtk_editable_get_text (GTK_EDITABLE (tab->entry)), parent, &error))
    {
      show_result (tab->message, error, NULL);
      return;
    }
  show_result (tab->message, NULL, _("Added."));
  gtk_editable_set_text (GTK_EDITABLE (tab->entry), "");
  load_tab (tab);
}

static void
build_tab (SlLedgerSettings *self,
           ListTab          *tab,
           SlLookupKind      kind,
           const char       *title,
           const char       *entry_label,
           const char       *add_label)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *form = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new_with_mnemonic (entry_label);
  GtkWidget *add = gtk_button_new_with_mnemonic (add_label);
  GtkWidget *tab_label = gtk_label_new_with_mnemonic (title);

  tab->self = self;
  tab->kind = kind;
  tab->list = GTK_LIST_BOX (gtk_list_box_new ());
  tab->entry = GTK_ENTRY (gtk_entry_new ());
  tab->message = GTK_LABEL (gtk_label_new (NULL));
  gtk_list_box_set_selection_mode (tab->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (tab->list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (tab->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gtk_label_get_text (GTK_LABEL (tab_label)), -1);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (tab->list));
  gtk_widget_set_margin_start (box, 24);
  gtk_widget_set_margin_end (box, 24);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);

  if (kind == SL_LOOKUP_JURISDICTION)
    {
      GtkWidget *in_label = gtk_label_new_with_mnemonic (_("_In"));

      tab->parent_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      tab->parent = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
      gtk_label_set_mnemonic_widget (GTK_LABEL (in_label), GTK_WIDGET (tab->parent));
      gtk_box_append (GTK_BOX (form), in_label);
      gtk_box_append (GTK_BOX (form), GTK_WIDGET (tab->parent));
    }
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (tab->entry));
  gtk_widget_set_hexpand (GTK_WIDGET (tab->entry), TRUE);
  g_signal_connect (tab->entry, "activate", G_CALLBACK (add_cb), tab);
  g_signal_connect (add, "clicked", G_CALLBACK (add_cb), tab);
  gtk_box_append (GTK_BOX (form), label);
  gtk_box_append (GTK_BOX (form), GTK_WIDGET (tab->entry));
  gtk_box_append (GTK_BOX (form), add);

  gtk_label_set_xalign (tab->message, 0);
  gtk_label_set_wrap (tab->message, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (tab->message), "caption");
  gtk_box_append (GTK_BOX (box), scroller);
  gtk_box_append (GTK_BOX (box), form);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (tab->message));
  gtk_notebook_append_page (self->notebook, box, tab_label);
  load_tab (tab);
}

static void
sl_ledger_settings_finalize (GObject *object)
{
  SlLedgerSettings *self = SL_LEDGER_SETTINGS (object);

  for (guint i = 0; i < G_N_ELEMENTS (self->tabs); i++)
    {
      g_clear_pointer (&self->tabs[i].items, g_ptr_array_unref);
      g_clear_pointer (&self->tabs[i].parent_ids, g_array_unref);
    }
  g_clear_object (&self->store);
  G_OBJECT_CLASS (sl_ledger_settings_parent_class)->finalize (object);
}

static void
sl_ledger_settings_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SL_TYPE_LEDGER_SETTINGS);
  G_OBJECT_CLASS (sl_ledger_settings_parent_class)->dispose (object);
}

static void
sl_ledger_settings_class_init (SlLedgerSettingsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_ledger_settings_dispose;
  object_class->finalize = sl_ledger_settings_finalize;
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/sl-ledger-settings.ui");
  gtk_widget_class_bind_template_child (widget_class, SlLedgerSettings, unit_entry);
  gtk_widget_class_bind_template_child (widget_class, SlLedgerSettings, unit_message);
  gtk_widget_class_bind_template_child (widget_class, SlLedgerSettings, plan_label);
  gtk_widget_class_bind_template_callback (widget_class, save_unit_cb);
  gtk_widget_class_bind_template_callback (widget_class, load_plan_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sl_ledger_settings_init (SlLedgerSettings *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->notebook = GTK_NOTEBOOK (gtk_window_get_child (GTK_WINDOW (self)));
}

GtkWidget *
sl_ledger_settings_new (SlStore *store)
{
  SlLedgerSettings *self = g_object_new (SL_TYPE_LEDGER_SETTINGS, NULL);
  g_autofree char *unit = sl_store_get_setting (store, "unit_name");

  self->store = g_object_ref (store);
  gtk_editable_set_text (GTK_EDITABLE (self->unit_entry), unit ? unit : "");
  show_plan (self);
  build_tab (self, &self->tabs[0], SL_LOOKUP_JURISDICTION, _("_Jurisdictions"), _("Town _name"), _("_Add Town"));
  build_tab (self, &self->tabs[1], SL_LOOKUP_CHAIN, _("Industrial _Chains"), _("Chain _name"), _("_Add Chain"));
  build_tab (self, &self->tabs[2], SL_LOOKUP_HONOUR, _("_Honours"), _("Honour _name"), _("_Add Honour"));
  gtk_notebook_append_page (self->notebook, sl_targets_editor_new (store),
                            gtk_label_new_with_mnemonic (_("_Targets")));
  gtk_notebook_append_page (self->notebook, sl_targets_editor_new_full (store, TRUE),
                            gtk_label_new_with_mnemonic (_("Typed _Figures")));
  return GTK_WIDGET (self);
}
