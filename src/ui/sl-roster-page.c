/* sl-roster-page.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-roster-page"

#include "config.h"

#include <glib/gi18n.h>

#include "sl-lookup.h"
#include "sl-roster-columns.h"
#include "sl-roster-item.h"
#include "sl-roster-page.h"
#include "sl-ui-utils.h"
#include "sl-util.h"

struct _SlRosterPage
{
  GtkWidget           parent_instance;

  SlStore            *store;
  gboolean            trash;
  guint               focus_tick;   /* the selected row to take the keyboard at the next frame */
  SlRosterModel      *model;
  GtkSingleSelection *selection;
  GtkColumnViewColumn *columns[SL_ROSTER_N_COLUMNS];

  /* The filters' choices, parallel to their dropdowns (index 0 = any). */
  GArray             *jurisdiction_ids;
  GArray             *chain_ids;
  GPtrArray          *tier_keys;
  GPtrArray          *honour_keys;

  GtkSearchEntry     *search_entry;
  GtkDropDown        *jurisdiction_dropdown;
  GtkDropDown        *tier_dropdown;
  GtkDropDown        *chain_dropdown;
  GtkDropDown        *honour_dropdown;
  GtkToggleButton    *expiring_button;
  GtkWidget          *filter_bar;
  GtkWidget          *trash_bar;
  GtkStack           *view_stack;
  GtkColumnView      *column_view;
  GtkLabel           *count_label;
  GtkLabel           *no_results_label;
  GtkImage           *no_results_image;
  GtkWidget          *clear_button;
  gboolean            loading_filters;
  gint64              total;            /* on the roster (or in the trash); counted after writes */
  GCancellable       *prefetch;
  char               *prefetch_key;     /* of the filters and ledger state it reads */
};

enum {
  PROP_0,
  PROP_STORE,
  PROP_TRASH,
  N_PROPS
};

enum {
  ENTERPRISE_ACTIVATED,
  ENTERPRISE_TRASHED,
  ENTERPRISE_RESTORED,
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (SlRosterPage, sl_roster_page, GTK_TYPE_WIDGET)

static gint64
selected_id (GArray     *ids,
             GtkDropDown *dropdown)
{
  guint i = gtk_drop_down_get_selected (dropdown);
  return i != GTK_INVALID_LIST_POSITION && i < ids->len ? g_array_index (ids, gint64, i) : 0;
}

static const char *
selected_key (GPtrArray   *keys,
              GtkDropDown *dropdown)
{
  guint i = gtk_drop_down_get_selected (dropdown);
  return i != GTK_INVALID_LIST_POSITION && i < keys->len ? keys->pdata[i] : NULL;
}

static gboolean
filters_active (SlRosterPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  return (text != NULL && *text != '\0')
         || gtk_drop_down_get_selected (self->jurisdiction_dropdown) > 0
         || gtk_drop_down_get_selected (self->tier_dropdown) > 0
         || gtk_drop_down_get_selected (self->chain_dropdown) > 0
         || gtk_drop_down_get_selected (self->honour_dropdown) > 0
         || gtk_toggle_button_get_active (self->expiring_button);
}

static void
update_count (SlRosterPage *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  gint64 total = self->total;
  g_autofree char *shown_s = g_strdup_printf ("%'u", shown);
  g_autofree char *total_s = g_strdup_printf ("%'" G_GINT64_FORMAT, total);
  g_autofree char *text = NULL;

  if (self->trash)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s enterprise in the trash",
                                         "%s enterprises in the trash", (gulong) total), total_s);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s of %s enterprise",
                                         "%s of %s enterprises", (gulong) total), shown_s, total_s);
  gtk_label_set_text (self->count_label, text);

  if (shown > 0)
    gtk_stack_set_visible_child_name (self->view_stack, "list");
  else if (!self->trash && total == 0)
    gtk_stack_set_visible_child_name (self->view_stack, "empty");
  else
    {
      gtk_label_set_text (self->no_results_label, self->trash && total == 0
                                                  ? _("The trash is empty")
                                                  : _("No enterprises match"));
      gtk_image_set_from_icon_name (self->no_results_image, self->trash && total == 0
                                                            ? "user-trash-symbolic" : "edit-find-symbolic");
      gtk_widget_set_visible (self->clear_button, filters_active (self));
      gtk_stack_set_visible_child_name (self->view_stack, "no-results");
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "roster.empty-trash", self->trash && total > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "roster.restore", self->trash && shown > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "roster.delete", !self->trash && shown > 0);
}

static void
prefetch_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!sl_roster_prefetch_finish (SL_STORE (source), result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Prefetching the roster's sorts failed: %s", error->message);
}

/* Runs the query for the current search, filters and sort. After a write
 * (@keep_place) the selection stays at its position, so Delete moves on to
 * the next firm; new terms start again at the top. */
static void
run_query (SlRosterPage *self,
           gboolean      keep_place)
{
  guint selected;
  guint n;

  g_autoptr(GError) error = NULL;
  SlRosterQuery q = { 0 };

  /* Columns leaving a disposed view still announce a sort change. */
  if (self->loading_filters || self->model == NULL || self->search_entry == NULL)
    return;

  q.trash = self->trash;
  q.search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  if (!self->trash)
    {
      q.jurisdiction_id = selected_id (self->jurisdiction_ids, self->jurisdiction_dropdown);
      q.chain_id = selected_id (self->chain_ids, self->chain_dropdown);
      q.tier_key = selected_key (self->tier_keys, self->tier_dropdown);
      q.honour_key = selected_key (self->honour_keys, self->honour_dropdown);
      q.expiring_days = gtk_toggle_button_get_active (self->expiring_button) ? 90 : 0;
      if (!sl_roster_columns_read_sort (self->column_view, &q.sort, &q.descending))
        q.sort = SL_ROSTER_SORT_NAME;
    }
  selected = gtk_single_selection_get_selected (self->selection);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  if (!sl_roster_model_set_query (self->model, &q, &error))
    g_warning ("Roster query failed: %s", error->message);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  if (!keep_place || selected == GTK_INVALID_LIST_POSITION)
    selected = 0;
  if (n > 0)
    gtk_single_selection_set_selected (self->selection, MIN (selected, n - 1));
  if (!keep_place)
    gtk_adjustment_set_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->column_view)), 0);
  update_count (self);

  /* The other sorts, read in the background for the first header click;
   * a search reads the same ones, so one under way goes on as the clerk types. */
  if (!self->trash)
    {
      g_autofree char *key = sl_roster_prefetch_key (self->store, &q);

      if (g_strcmp0 (key, self->prefetch_key) != 0)
        {
          g_cancellable_cancel (self->prefetch);
          g_clear_object (&self->prefetch);
          self->prefetch = g_cancellable_new ();
          sl_roster_prefetch_async (self->store, &q, self->prefetch, prefetch_done_cb, NULL);
          g_free (self->prefetch_key);
          self->prefetch_key = g_steal_pointer (&key);
        }
    }
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * sl_roster_page_reload:
 *
 * After a write: counts the roster again and reruns the query.
 */
void
sl_roster_page_reload (SlRosterPage *self)
{
  if (self->store == NULL)
    return;
  self->total = sl_roster_total (self->store, self->trash);
  run_query (self, TRUE);
}

static void
filters_changed_cb (SlRosterPage *self)
{
  run_query (self, FALSE);
}

static void
sort_changed_cb (GtkSorter       *sorter,
                 GtkSorterChange  change,
                 SlRosterPage    *self)
{
  run_query (self, FALSE);
}

static void
row_activated_cb (SlRosterPage *self,
                  guint         position)
{
  gint64 id = sl_roster_model_get_id (self->model, position);

  if (id > 0)
    g_signal_emit (self, signals[ENTERPRISE_ACTIVATED], 0, id);
}

gint64
sl_roster_page_get_selected (SlRosterPage *self)
{
  guint pos = gtk_single_selection_get_selected (self->selection);

  return pos == GTK_INVALID_LIST_POSITION ? 0 : sl_roster_model_get_id (self->model, pos);
}

/* The selected row takes the keyboard, and with it the list's own idea of
 * the focused row, once it is laid out (list.scroll-to-item brings it into
 * view but, in GTK 4.8, leaves the keyboard where it was). */
static gboolean
focus_row_tick (GtkWidget     *list,
                GdkFrameClock *clock,
                gpointer       data)
{
  SlRosterPage *self = data;
  guint pos = gtk_single_selection_get_selected (self->selection);

  self->focus_tick = 0;
  for (GtkWidget *row = gtk_widget_get_first_child (list); row; row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *cell = gtk_widget_get_first_child (row);
      GtkWidget *inscription = cell ? gtk_widget_get_first_child (cell) : NULL;
      GtkListItem *item = inscription ? g_object_get_data (G_OBJECT (inscription), "sl-list-item") : NULL;

      if (item != NULL && gtk_list_item_get_position (item) == pos)
        {
          gtk_widget_grab_focus (row);
          break;
        }
    }
  return G_SOURCE_REMOVE;
}

/* The keyboard stays in the list, on the row that took the deleted one's
 * place: the row it was on is gone, and GTK would otherwise hand the
 * focus to the first button of the window. */
static void
focus_selected (SlRosterPage *self)
{
  guint pos = gtk_single_selection_get_selected (self->selection);

  if (pos == GTK_INVALID_LIST_POSITION)
    return;
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self->column_view)); c; c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_LIST_VIEW (c))
      {
        gtk_widget_activate_action (c, "list.scroll-to-item", "u", pos);
        if (self->focus_tick == 0)
          self->focus_tick = gtk_widget_add_tick_callback (c, focus_row_tick, self, NULL);
      }
}

/* Tab (or Shift+Tab) into the list lands on the selected row, where GTK
 * puts the keyboard on the row it was last on, or the first; a click goes
 * where it is clicked. */
static void
focus_enter_cb (GtkEventControllerFocus *controller,
                SlRosterPage            *self)
{
  GdkEvent *event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (controller));
  GdkEventType type = event != NULL ? gdk_event_get_event_type (event) : GDK_EVENT_LAST;

  if (self->focus_tick != 0 || type == GDK_BUTTON_PRESS || type == GDK_BUTTON_RELEASE || type == GDK_TOUCH_BEGIN)
    return;
  focus_selected (self);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  SlRosterPage *self = SL_ROSTER_PAGE (widget);
  gint64 id = sl_roster_page_get_selected (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(SlRosterRow) row = NULL;

  if (id == 0)
    return;
  row = sl_roster_row_load (self->store, id);
  if (!sl_enterprise_trash (self->store, id, &error))
    {
      sl_ui_show_error (GTK_WINDOW (gtk_widget_get_root (widget)), _("The enterprise could not be moved to the trash"), error);
      return;
    }
  sl_roster_page_reload (self);
  g_signal_emit (self, signals[ENTERPRISE_TRASHED], 0, id, row ? row->name : "");
  focus_selected (self);
}

static void
restore_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  SlRosterPage *self = SL_ROSTER_PAGE (widget);
  gint64 id = sl_roster_page_get_selected (self);
  g_autoptr(GError) error = NULL;

  if (id == 0)
    return;
  if (!sl_enterprise_restore (self->store, id, &error))
    sl_ui_show_error (GTK_WINDOW (gtk_widget_get_root (widget)), _("The enterprise could not be restored"), error);
  sl_roster_page_reload (self);
  g_signal_emit (self, signals[ENTERPRISE_RESTORED], 0, id);
}

static void
empty_trash_response_cb (GtkDialog    *dialog,
                         int           response,
                         SlRosterPage *self)
{
  g_autoptr(GError) error = NULL;

  gtk_window_destroy (GTK_WINDOW (dialog));
  if (response != GTK_RESPONSE_ACCEPT)
    return;
  if (!sl_roster_empty_trash (self->store, NULL, &error))
    sl_ui_show_error (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), _("The trash could not be emptied"), error);
  sl_roster_page_reload (self);
}

static void
empty_trash_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  SlRosterPage *self = SL_ROSTER_PAGE (widget);
  gint64 n = sl_roster_total (self->store, TRUE);
  GtkWidget *dialog;

  /* Removing records for good cannot be undone: this one asks first. */
  dialog = gtk_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                   GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_WARNING, GTK_BUTTONS_NONE,
                                   g_dngettext (GETTEXT_PACKAGE, "Remove %d enterprise for good?",
                                                "Remove %d enterprises for good?", (gulong) n), (int) n);
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s",
    _("Their figures, certifications and honours are removed from the ledger. The audit log keeps a copy of each record."));
  gtk_dialog_add_buttons (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL,
                          _("_Empty Trash"), GTK_RESPONSE_ACCEPT, NULL);
  gtk_widget_add_css_class (gtk_dialog_get_widget_for_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT),
                            "destructive-action");
  g_signal_connect_object (dialog, "response", G_CALLBACK (empty_trash_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Esc in the search box: the entry takes the key before the page's
 * binding, so it clears what it holds itself. */
static void
stop_search_cb (SlRosterPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  SlRosterPage *self = SL_ROSTER_PAGE (widget);

  self->loading_filters = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_drop_down_set_selected (self->jurisdiction_dropdown, 0);
  gtk_drop_down_set_selected (self->tier_dropdown, 0);
  gtk_drop_down_set_selected (self->chain_dropdown, 0);
  gtk_drop_down_set_selected (self->honour_dropdown, 0);
  gtk_toggle_button_set_active (self->expiring_button, FALSE);
  self->loading_filters = FALSE;
  run_query (self, FALSE);
}

static void
load_filters (SlRosterPage *self)
{
  g_autoptr(GPtrArray) jurisdictions = sl_lookup_list (self->store, SL_LOOKUP_JURISDICTION, SL_LOOKUP_ACTIVE);
  g_autoptr(GPtrArray) chains = sl_lookup_list (self->store, SL_LOOKUP_CHAIN, SL_LOOKUP_ACTIVE);
  g_autoptr(GPtrArray) tiers = sl_lookup_list (self->store, SL_LOOKUP_TIER, SL_LOOKUP_ACTIVE);
  g_autoptr(GPtrArray) honours = sl_lookup_list (self->store, SL_LOOKUP_HONOUR, SL_LOOKUP_ACTIVE);

  for (guint i = 0; i < tiers->len; i++)
    {
      SlLookupItem *t = tiers->pdata[i];
      const char *name = sl_ui_tier_name (t->key, t->name);
      g_free (t->name);
      t->name = g_strdup (name);
    }

  self->loading_filters = TRUE;
  g_array_set_size (self->jurisdiction_ids, 0);
  g_array_set_size (self->chain_ids, 0);
  g_ptr_array_set_size (self->tier_keys, 0);
  g_ptr_array_set_size (self->honour_keys, 0);
  sl_ui_fill_dropdown (self->jurisdiction_dropdown, _("All jurisdictions"), jurisdictions, self->jurisdiction_ids, NULL, TRUE);
  sl_ui_fill_dropdown (self->chain_dropdown, _("All chains"), chains, self->chain_ids, NULL, FALSE);
  sl_ui_fill_dropdown (self->tier_dropdown, _("All tiers"), tiers, NULL, self->tier_keys, FALSE);
  sl_ui_fill_dropdown (self->honour_dropdown, _("All honours"), honours, NULL, self->honour_keys, FALSE);
  self->loading_filters = FALSE;
}

static void
sl_roster_page_constructed (GObject *object)
{
  SlRosterPage *self = SL_ROSTER_PAGE (object);

  G_OBJECT_CLASS (sl_roster_page_parent_class)->constructed (object);

  self->model = sl_roster_model_new (self->store);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  sl_roster_columns_build (self->column_view, self->trash, self->columns);

  gtk_widget_set_visible (self->filter_bar, TRUE);
  gtk_widget_set_visible (self->trash_bar, self->trash);
  gtk_widget_set_visible (GTK_WIDGET (self->jurisdiction_dropdown), !self->trash);
  gtk_widget_set_visible (GTK_WIDGET (self->tier_dropdown), !self->trash);
  gtk_widget_set_visible (GTK_WIDGET (self->chain_dropdown), !self->trash);
  gtk_widget_set_visible (GTK_WIDGET (self->honour_dropdown), !self->trash);
  gtk_widget_set_visible (GTK_WIDGET (self->expiring_button), !self->trash);

  load_filters (self);
  self->loading_filters = TRUE;
  if (!self->trash)
    gtk_column_view_sort_by_column (self->column_view, self->columns[0], GTK_SORT_ASCENDING);
  self->loading_filters = FALSE;
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (sort_changed_cb), self, 0);
  sl_roster_page_reload (self);
}

static void
sl_roster_page_dispose (GObject *object)
{
  SlRosterPage *self = SL_ROSTER_PAGE (object);
  GtkWidget *child;

  g_cancellable_cancel (self->prefetch);
  g_clear_object (&self->prefetch);
  gtk_widget_dispose_template (GTK_WIDGET (self), SL_TYPE_ROSTER_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (sl_roster_page_parent_class)->dispose (object);
}

static void
sl_roster_page_finalize (GObject *object)
{
  SlRosterPage *self = SL_ROSTER_PAGE (object);

  g_clear_pointer (&self->jurisdiction_ids, g_array_unref);
  g_clear_pointer (&self->chain_ids, g_array_unref);
  g_clear_pointer (&self->tier_keys, g_ptr_array_unref);
  g_clear_pointer (&self->honour_keys, g_ptr_array_unref);
  g_free (self->prefetch_key);
  G_OBJECT_CLASS (sl_roster_page_parent_class)->finalize (object);
}

static void
sl_roster_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  SlRosterPage *self = SL_ROSTER_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_TRASH:
      self->trash = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_roster_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SlRosterPage *self = SL_ROSTER_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_TRASH:
      g_value_set_boolean (value, self->trash);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_roster_page_class_init (SlRosterPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sl_roster_page_constructed;
  object_class->dispose = sl_roster_page_dispose;
  object_class->finalize = sl_roster_page_finalize;
  object_class->set_property = sl_roster_page_set_property;
  object_class->get_property = sl_roster_page_get_property;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, SL_TYPE_STORE,
                                                G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TRASH] = g_param_spec_boolean ("trash", NULL, NULL, FALSE,
                                                 G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[ENTERPRISE_ACTIVATED] = g_signal_new ("enterprise-activated", G_TYPE_FROM_CLASS (klass),
                                                G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[ENTERPRISE_TRASHED] = g_signal_new ("enterprise-trashed", G_TYPE_FROM_CLASS (klass),
                                              G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                              G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_STRING);
  signals[ENTERPRISE_RESTORED] = g_signal_new ("enterprise-restored", G_TYPE_FROM_CLASS (klass),
                                               G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                               G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/sl-roster-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SlRosterPage, search_entry);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_child (widget_class, SlRosterPage, jurisdiction_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SlRosterPage, tier_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SlRosterPage, chain_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SlRosterPage, honour_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SlRosterPage, expiring_button);
  gtk_widget_class_bind_template_child (widget_class, SlRosterPage, filter_bar);
  gtk_widget_class_bind_template_child (widget_class, SlRosterPage, trash_bar);
  gtk_widget_class_bind_template_child (widget_class, SlRosterPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, SlRosterPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, SlRosterPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, SlRosterPage, no_results_label);
  gtk_widget_class_bind_template_child (widget_class, SlRosterPage, no_results_image);
  gtk_widget_class_bind_template_child (widget_class, SlRosterPage, clear_button);
  gtk_widget_class_bind_template_callback (widget_class, filters_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_install_action (widget_class, "roster.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "roster.restore", NULL, restore_action);
  gtk_widget_class_install_action (widget_class, "roster.empty-trash", NULL, empty_trash_action);
  gtk_widget_class_install_action (widget_class, "roster.clear-filters", NULL, clear_filters_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "roster.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "roster.clear-filters", NULL);
}

static void
sl_roster_page_init (SlRosterPage *self)
{
  self->jurisdiction_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->chain_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->tier_keys = g_ptr_array_new_with_free_func (g_free);
  self->honour_keys = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
  {
    GtkEventController *focus = gtk_event_controller_focus_new ();

    g_signal_connect (focus, "enter", G_CALLBACK (focus_enter_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self->column_view), focus);
  }
}

GtkWidget *
sl_roster_page_new (SlStore  *store,
                    gboolean  trash)
{
  return g_object_new (SL_TYPE_ROSTER_PAGE, "store", store, "trash", trash, NULL);
}

void
sl_roster_page_focus_search (SlRosterPage *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

SlRosterModel *
sl_roster_page_get_model (SlRosterPage *self)
{
  return self->model;
}
