/* sl-bulletins-page.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>

#include <glib/gi18n.h>
#include <math.h>

#include "sl-bulletin.h"
#include "sl-bulletins-page.h"
#include "sl-lookup.h"
#include "sl-ui-utils.h"
#include "sl-util.h"

/* The monthly bulletin: choose the month and scope, see its figures, and
 * export the workbook in a worker with a progress bar and Cancel; below,
 * the bulletins issued, each to export again or to find in its folder. */

#define MONTHS 24

struct _SlBulletinsPage
{
  GtkWidget       parent_instance;

  SlStore        *store;
  GSettings      *settings;
  GPtrArray      *periods;          /* "YYYY-MM", latest first */
  GPtrArray      *scopes;           /* jurisdiction names; NULL first: the whole ledger */
  GCancellable   *preview_cancellable;
  GCancellable   *export_cancellable;
  guint64         generation;
  gboolean        loading;

  GtkDropDown    *month_dropdown;
  GtkDropDown    *scope_dropdown;
  GtkSpinButton  *issue_spin;
  GtkLabel       *issue_hint;
  GtkSpinButton  *figures_year_spin;
  GtkTextView    *text_view;
  gboolean        text_edited;   /* the clerk changed the written part: keep it */
  gboolean        setting_text;
  GtkEntry       *unit_entry;
  GtkEntry       *compiler_entry;
  GtkRevealer    *progress_revealer;
  GtkProgressBar *progress_bar;
  GtkLabel       *outcome_label;
  GtkLabel       *preview_heading;
  GtkSpinner     *spinner;
  GtkGrid        *preview_grid;
  GtkListBox     *history_list;
  GtkLabel       *history_empty;
};

G_DEFINE_FINAL_TYPE (SlBulletinsPage, sl_bulletins_page, GTK_TYPE_WIDGET)

static const char *
chosen_period (SlBulletinsPage *self)
{
  guint i = gtk_drop_down_get_selected (self->month_dropdown);
  return i < self->periods->len ? self->periods->pdata[i] : NULL;
}

static const char *
chosen_scope (SlBulletinsPage *self)
{
  guint i = gtk_drop_down_get_selected (self->scope_dropdown);
  return i < self->scopes->len ? self->scopes->pdata[i] : NULL;
}

static void
clear_grid (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))))
    gtk_grid_remove (grid, child);
}

static GtkWidget *
cell (const char *text,
      float       xalign,
      const char *css)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  if (css)
    gtk_widget_add_css_class (label, css);
  return label;
}

static char *
figure_text (JsonObject *o,
             const char *member,
             gboolean    percent)
{
  JsonNode *n = o ? json_object_get_member (o, member) : NULL;

  if (n == NULL || JSON_NODE_HOLDS_NULL (n))
    return g_strdup ("—");
  if (percent)
    {
      /* One decimal, no space: 85.7%, as every rate the program shows. */
      return g_strdup_printf ("%.1f%%", json_node_get_double (n) * 100);
    }
  return sl_ui_format_number (json_node_get_double (n));
}

static void
show_preview (SlBulletinsPage *self,
              JsonNode        *figures)
{
  JsonObject *s = json_node_get_object (figures);
  JsonArray *tiers = json_object_get_array_member (s, "tiers");
  JsonObject *totals = json_object_get_object_member (s, "totals");
  const char *headers[] = { N_("Tier"), N_("Held at month end"), N_("New in the month"),
                            N_("New this year"), N_("Target"), N_("Completion rate") };
  const char *members[] = { "held", "new_in_month", "new_in_year", "target", "completion_rate" };
  g_autofree char *as_of = sl_ui_format_date (json_object_get_string_member_with_default (s, "as_of", ""));
  g_autofree char *heading = g_strdup_printf (_("Preview — as of %s"), as_of);

  gtk_label_set_text (self->preview_heading, heading);
  clear_grid (self->preview_grid);
  for (guint c = 0; c < G_N_ELEMENTS (headers); c++)
    gtk_grid_attach (self->preview_grid, cell (_(headers[c]), c ? 1 : 0, "heading"), (int) c, 0, 1, 1);
  for (guint t = 0; t < json_array_get_length (tiers); t++)
    {
      const char *key = json_array_get_string_element (tiers, t);
      JsonObject *o = json_object_get_object_member (totals, key);

      gtk_grid_attach (self->preview_grid, cell (sl_ui_tier_name (key, key), 0, NULL), 0, (int) t + 1, 1, 1);
      for (guint m = 0; m < G_N_ELEMENTS (members); m++)
        {
          g_autofree char *text = figure_text (o, members[m], m == 4);
          gtk_grid_attach (self->preview_grid, cell (text, 1, "numeric"), (int) m + 1, (int) t + 1, 1, 1);
        }
    }
}

static void
preview_ready_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(SlBulletinsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) figures = sl_bulletin_preview_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  gtk_spinner_stop (self->spinner);
  if (figures == NULL)
    {
      sl_ui_show_outcome (self->outcome_label, error->message, TRUE);
      return;
    }
  show_preview (self, figures);
  /* The written part from the month's figures, unless the clerk wrote it. */
  if (!self->text_edited)
    {
      g_autofree char *text = sl_bulletin_summary_text (self->store, figures);

      self->setting_text = TRUE;
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), text, -1);
      self->setting_text = FALSE;
    }
}

static void
text_changed_cb (SlBulletinsPage *self)
{
  if (!self->setting_text)
    self->text_edited = TRUE;
}

static void
update_preview (SlBulletinsPage *self)
{
  const char *period = chosen_period (self);

  if (period == NULL)
    return;
  g_cancellable_cancel (self->preview_cancellable);
  g_clear_object (&self->preview_cancellable);
  self->preview_cancellable = g_cancellable_new ();
  gtk_spinner_start (self->spinner);
  sl_bulletin_preview_async (self->store, period, chosen_scope (self), self->preview_cancellable,
                             preview_ready_cb, g_object_ref (self));
}

/* The month's issue, issued before: exported again, it is a correction. */
static void
issue_changed_cb (SlBulletinsPage *self)
{
  int revision;

  if (self->loading || chosen_period (self) == NULL)
    return;
  revision = sl_bulletin_revision_of (self->store, chosen_period (self), chosen_scope (self),
                                      gtk_spin_button_get_value_as_int (self->issue_spin));
  if (revision > 0)
    {
      /* TRANSLATORS: beside the issue number, when the month's issue was exported before */
      g_autofree char *text = g_strdup_printf (_("Issued before: this export is correction %d"), revision);
      gtk_label_set_text (self->issue_hint, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->issue_hint), revision > 0);
}

static void
choice_changed_cb (SlBulletinsPage *self)
{
  if (self->loading || chosen_period (self) == NULL)
    return;
  /* Another month or scope, another text. */
  self->text_edited = FALSE;
  /* A month's bulletin takes the year before's annual figures, unless the
   * clerk chooses another year. */
  gtk_adjustment_set_upper (gtk_spin_button_get_adjustment (self->figures_year_spin), atoi (chosen_period (self)));
  gtk_spin_button_set_value (self->figures_year_spin, atoi (chosen_period (self)) - 1);
  gtk_spin_button_set_value (self->issue_spin,
                             sl_bulletin_next_issue_no (self->store, chosen_period (self), chosen_scope (self)));
  issue_changed_cb (self);
  update_preview (self);
}

static char *
scope_label (const char *scope)
{
  return g_strdup (scope ? scope : _("Whole ledger"));
}

/* Returns: (transfer full) (nullable): the bulletins listed, latest first */
static GPtrArray *
load_history (SlBulletinsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) issued = sl_bulletin_list (self->store, &error);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->history_list))))
    gtk_list_box_remove (self->history_list, child);
  if (issued == NULL)
    {
      sl_ui_show_outcome (self->outcome_label, error->message, TRUE);
      return NULL;
    }
  for (guint i = 0; i < issued->len; i++)
    {
      SlBulletinRecord *r = issued->pdata[i];
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *again = gtk_button_new_from_icon_name ("document-save-as-symbolic");
      GtkWidget *folder = gtk_button_new_from_icon_name ("folder-open-symbolic");
      g_autofree char *scope = scope_label (r->scope);
      g_autofree char *when = sl_time_display (r->generated_at);
      g_autofree char *title = NULL;
      g_autofree char *month = sl_month_display (r->period);
      g_autofree char *file = r->file ? g_filename_display_name (r->file) : g_strdup ("");
      GtkWidget *file_label = cell (file, 0, "dim-label");

      if (r->revision > 0)
        /* TRANSLATORS: a bulletin exported again: month, scope, issue number, which correction, when it was made */
        title = g_strdup_printf (_("%s · %s · issue %d, correction %d · made %s"), month, scope, r->issue_no, r->revision, when);
      else
        /* TRANSLATORS: a bulletin in the history: month, scope, issue number, when it was made */
        title = g_strdup_printf (_("%s · %s · issue %d · made %s"), month, scope, r->issue_no, when);
      gtk_label_set_ellipsize (GTK_LABEL (file_label), PANGO_ELLIPSIZE_MIDDLE);
      gtk_box_append (GTK_BOX (text), cell (title, 0, NULL));
      gtk_box_append (GTK_BOX (text), file_label);
      gtk_widget_set_hexpand (text, TRUE);
      gtk_box_append (GTK_BOX (box), text);

      gtk_widget_set_tooltip_text (again, _("Export these figures again…"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (again), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Export these figures again…"), -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (again), "bulletins.export-again");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (again), "x", r->id);
      gtk_widget_add_css_class (again, "flat");
      gtk_widget_set_tooltip_text (folder, _("Open the folder"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (folder), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Open the folder"), -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (folder), "bulletins.open-folder");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (folder), "s", r->file ? r->file : "");
      gtk_widget_add_css_class (folder, "flat");
      gtk_box_append (GTK_BOX (box), again);
      gtk_box_append (GTK_BOX (box), folder);
      gtk_widget_set_margin_start (box, 12);
      gtk_widget_set_margin_end (box, 6);
      gtk_widget_set_margin_top (box, 6);
      gtk_widget_set_margin_bottom (box, 6);
      gtk_list_box_append (self->history_list, box);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->history_list), issued->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->history_empty), issued->len == 0);
  return g_steal_pointer (&issued);
}

static void
load_choices (SlBulletinsPage *self)
{
  g_autoptr(GtkStringList) months = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) scopes = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) jurisdictions = sl_lookup_list (self->store, SL_LOOKUP_JURISDICTION, SL_LOOKUP_ACTIVE);
  g_autofree char *today = sl_today ();
  g_autofree char *last_unit = sl_store_get_setting (self->store, "bulletin_unit");
  g_autofree char *unit = last_unit && *last_unit ? g_strdup (last_unit) : sl_store_get_setting (self->store, "unit_name");
  g_autofree char *compiler = sl_store_get_setting (self->store, "bulletin_compiler");
  g_autofree char *period = g_strndup (today, 7);

  self->loading = TRUE;
  g_ptr_array_set_size (self->periods, 0);
  /* Last month first: the bulletin reports on the month just ended. */
  for (int i = 0; i < MONTHS; i++)
    {
      char *previous = sl_period_previous (period);

      g_free (period);
      period = previous;
      {
        g_autofree char *shown = sl_month_display (period);

        gtk_string_list_append (months, shown);
      }
      g_ptr_array_add (self->periods, g_strdup (period));
    }
  gtk_drop_down_set_model (self->month_dropdown, G_LIST_MODEL (months));
  gtk_drop_down_set_selected (self->month_dropdown, 0);

  g_ptr_array_set_size (self->scopes, 0);
  gtk_string_list_append (scopes, _("Whole ledger"));
  g_ptr_array_add (self->scopes, NULL);
  for (guint i = 0; jurisdictions && i < jurisdictions->len; i++)
    {
      SlLookupItem *j = jurisdictions->pdata[i];
      g_autofree char *name = j->parent_id ? g_strconcat ("    ", j->name, NULL) : g_strdup (j->name);

      gtk_string_list_append (scopes, name);
      g_ptr_array_add (self->scopes, g_strdup (j->name));
    }
  gtk_drop_down_set_model (self->scope_dropdown, G_LIST_MODEL (scopes));
  gtk_drop_down_set_selected (self->scope_dropdown, 0);
  gtk_editable_set_text (GTK_EDITABLE (self->unit_entry), unit ? unit : "");
  gtk_editable_set_text (GTK_EDITABLE (self->compiler_entry), compiler ? compiler : "");
  self->loading = FALSE;
}

/**
 * sl_bulletins_page_refresh:
 *
 * Called when the page is shown: the history, the next issue number and
 * the preview follow what changed in the ledger since.
 */
void
sl_bulletins_page_refresh (SlBulletinsPage *self)
{
  g_return_if_fail (SL_IS_BULLETINS_PAGE (self));

  if (self->periods->len == 0)
    load_choices (self);
  else if (self->generation == sl_store_get_generation (self->store))
    return;
  self->generation = sl_store_get_generation (self->store);
  {
    g_autoptr(GPtrArray) shown = load_history (self);
  }
  choice_changed_cb (self);
}

gboolean
sl_bulletins_page_is_busy (SlBulletinsPage *self)
{
  return self->export_cancellable != NULL;
}

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  SlBulletinsPage *self = user_data;

  if (self->export_cancellable != NULL)
    gtk_progress_bar_set_fraction (self->progress_bar, fraction);
}

static void
exported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(SlBulletinsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 id = sl_bulletin_export_finish (result, &error);

  g_clear_object (&self->export_cancellable);
  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "bulletins.export", TRUE);
  if (id == 0)
    {
      sl_ui_show_outcome (self->outcome_label,
                          g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                          ? _("Export cancelled; nothing was written") : error->message, TRUE);
      return;
    }
  self->generation = sl_store_get_generation (self->store);
  {
    g_autoptr(GPtrArray) issued = load_history (self);
    SlBulletinRecord *r = issued && issued->len ? issued->pdata[0] : NULL;
    g_autofree char *shown = r && r->file ? g_filename_display_name (r->file) : g_strdup ("");
    g_autofree char *month = sl_month_display (r ? r->period : NULL);
    g_autofree char *text = r && r->revision > 0
      ? g_strdup_printf (_("Correction %d of issue %d of %s saved as %s"), r->revision, r->issue_no, month, shown)
      : g_strdup_printf (_("Issue %d of %s saved as %s"), r ? r->issue_no : 0, month, shown);

    sl_ui_show_outcome (self->outcome_label, text, FALSE);
  }
  gtk_spin_button_set_value (self->issue_spin,
                             sl_bulletin_next_issue_no (self->store, chosen_period (self), chosen_scope (self)));
  issue_changed_cb (self);
}

/* Returns: (nullable): the written part as the clerk left it; NULL, to be
 * written from the figures, when empty or for an export from the history */
static char *
written_part (SlBulletinsPage *self,
              gint64           again_id)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  if (again_id != 0)
    return NULL;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  return *g_strstrip (text) != '\0' ? g_steal_pointer (&text) : NULL;
}

/**
 * sl_bulletins_page_export_to:
 * @again_id: a bulletin to export again with its figures, or 0 for the
 *   month and scope chosen
 *
 * Exports in a worker; the progress bar and Cancel show meanwhile.
 */
void
sl_bulletins_page_export_to (SlBulletinsPage *self,
                             const char      *path,
                             gint64           again_id)
{
  g_autofree char *text = written_part (self, again_id);
  SlBulletinOptions options = {
    .period = (char *) chosen_period (self),
    .scope = (char *) chosen_scope (self),
    .issue_no = again_id ? 0 : gtk_spin_button_get_value_as_int (self->issue_spin),
    .figures_year = gtk_spin_button_get_value_as_int (self->figures_year_spin),
    .text = text,
    .unit = (char *) gtk_editable_get_text (GTK_EDITABLE (self->unit_entry)),
    .compiler = (char *) gtk_editable_get_text (GTK_EDITABLE (self->compiler_entry)),
  };

  if (self->export_cancellable != NULL || options.period == NULL)
    return;
  self->export_cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "bulletins.export", FALSE);
  sl_ui_show_outcome (self->outcome_label, _("Exporting…"), FALSE);
  sl_bulletin_export_async (self->store, &options, again_id, path, self->export_cancellable,
                            progress_cb, self, exported_cb, g_object_ref (self));
}

typedef struct
{
  SlBulletinsPage *self;
  gint64           again_id;
} Chosen;

static void
file_chosen_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Chosen *chosen = user_data;
  g_autofree char *path = sl_ui_choose_file_finish (result, NULL);

  if (path != NULL)
    sl_bulletins_page_export_to (chosen->self, path, chosen->again_id);
  g_object_unref (chosen->self);
  g_free (chosen);
}

static void
choose_file (SlBulletinsPage *self,
             const char      *period,
             const char      *scope,
             gint64           again_id)
{
  g_autofree char *name = sl_bulletin_file_name (period, scope);
  Chosen *chosen = g_new0 (Chosen, 1);

  chosen->self = g_object_ref (self);
  chosen->again_id = again_id;
  sl_ui_choose_file_async (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), _("Export Bulletin"), _("_Export"),
                           GTK_FILE_CHOOSER_ACTION_SAVE, SL_UI_FILES_WORKBOOK, name, self->settings, file_chosen_cb, chosen);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  SlBulletinsPage *self = SL_BULLETINS_PAGE (widget);

  if (self->export_cancellable == NULL && chosen_period (self) != NULL)
    choose_file (self, chosen_period (self), chosen_scope (self), 0);
}

static void
export_again_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  SlBulletinsPage *self = SL_BULLETINS_PAGE (widget);
  gint64 id = g_variant_get_int64 (param);
  SlBulletinOptions stored = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) figures = sl_bulletin_load_figures (self->store, id, &stored, &error);

  if (figures == NULL)
    sl_ui_show_outcome (self->outcome_label, error->message, TRUE);
  else
    choose_file (self, stored.period, stored.scope, id);
  sl_bulletin_options_clear (&stored);
}

static void
open_folder_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  g_autofree char *dir = g_path_get_dirname (g_variant_get_string (param, NULL));
  g_autoptr(GFile) file = g_file_new_for_path (dir);
  g_autofree char *uri = g_file_get_uri (file);

  gtk_show_uri (GTK_WINDOW (gtk_widget_get_root (widget)), uri, GDK_CURRENT_TIME);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  SlBulletinsPage *self = SL_BULLETINS_PAGE (widget);

  if (self->export_cancellable != NULL)
    g_cancellable_cancel (self->export_cancellable);
}

static void
sl_bulletins_page_dispose (GObject *object)
{
  SlBulletinsPage *self = SL_BULLETINS_PAGE (object);

  if (self->preview_cancellable)
    g_cancellable_cancel (self->preview_cancellable);
  if (self->export_cancellable)
    g_cancellable_cancel (self->export_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (object), SL_TYPE_BULLETINS_PAGE);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (object)));)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (sl_bulletins_page_parent_class)->dispose (object);
}

static void
sl_bulletins_page_finalize (GObject *object)
{
  SlBulletinsPage *self = SL_BULLETINS_PAGE (object);

  g_clear_object (&self->preview_cancellable);
  g_clear_object (&self->export_cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->periods, g_ptr_array_unref);
  g_clear_pointer (&self->scopes, g_ptr_array_unref);
  G_OBJECT_CLASS (sl_bulletins_page_parent_class)->finalize (object);
}

static void
sl_bulletins_page_class_init (SlBulletinsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_bulletins_page_dispose;
  object_class->finalize = sl_bulletins_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/sl-bulletins-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SlBulletinsPage, month_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SlBulletinsPage, scope_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SlBulletinsPage, issue_spin);
  gtk_widget_class_bind_template_child (widget_class, SlBulletinsPage, issue_hint);
  gtk_widget_class_bind_template_child (widget_class, SlBulletinsPage, figures_year_spin);
  gtk_widget_class_bind_template_child (widget_class, SlBulletinsPage, text_view);
  gtk_widget_class_bind_template_child (widget_class, SlBulletinsPage, unit_entry);
  gtk_widget_class_bind_template_child (widget_class, SlBulletinsPage, compiler_entry);
  gtk_widget_class_bind_template_child (widget_class, SlBulletinsPage, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, SlBulletinsPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, SlBulletinsPage, outcome_label);
  gtk_widget_class_bind_template_child (widget_class, SlBulletinsPage, preview_heading);
  gtk_widget_class_bind_template_child (widget_class, SlBulletinsPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, SlBulletinsPage, preview_grid);
  gtk_widget_class_bind_template_child (widget_class, SlBulletinsPage, history_list);
  gtk_widget_class_bind_template_child (widget_class, SlBulletinsPage, history_empty);
  gtk_widget_class_bind_template_callback (widget_class, choice_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, issue_changed_cb);

  gtk_widget_class_install_action (widget_class, "bulletins.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "bulletins.export-again", "x", export_again_action);
  gtk_widget_class_install_action (widget_class, "bulletins.open-folder", "s", open_folder_action);
  gtk_widget_class_install_action (widget_class, "bulletins.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "bulletins.export", NULL);
}

static void
sl_bulletins_page_init (SlBulletinsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (gtk_text_view_get_buffer (self->text_view), "changed",
                           G_CALLBACK (text_changed_cb), self, G_CONNECT_SWAPPED);
  self->periods = g_ptr_array_new_with_free_func (g_free);
  self->scopes = g_ptr_array_new_with_free_func (g_free);
}

GtkWidget *
sl_bulletins_page_new (SlStore   *store,
                       GSettings *settings)
{
  SlBulletinsPage *self = g_object_new (SL_TYPE_BULLETINS_PAGE, NULL);

  self->store = g_object_ref (store);
  self->settings = settings ? g_object_ref (settings) : NULL;
  return GTK_WIDGET (self);
}
