/* sl-enterprise-editor-actions.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-enterprise-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "sl-certification.h"
#include "sl-enterprise-editor-private.h"
#include "sl-date-entry.h"
#include "sl-figures.h"
#include "sl-lookup.h"
#include "sl-pipeline.h"
#include "sl-project.h"
#include "sl-ui-utils.h"

enum { C_TIER, C_STATUS, C_RULE, C_BATCH, C_DOC, C_APPLIED, C_CERTIFIED, C_FROM, C_UNTIL, N_CERT_FIELDS };

static const char *statuses[] = {
  "applying", "publicised", "certified", "rejected", "expired", "revoked", "under_review", NULL
};

static const char *cert_labels[N_CERT_FIELDS] = {
  N_("T_ier"), N_("St_atus"), N_("Ru_le version"), N_("_Batch"), N_("Document nu_mber"),
  N_("A_pplied on"), N_("Certified _on"), N_("Valid _from"), N_("Valid _until"),
};

void
_sl_editor_build_cert_form (SlEnterpriseEditor *self)
{
  g_autoptr(GtkStringList) status_list = gtk_string_list_new (NULL);

  for (guint i = 0; statuses[i]; i++)
    gtk_string_list_append (status_list, sl_status_name (statuses[i]));

  for (int i = 0; i < N_CERT_FIELDS; i++)
    {
      GtkWidget *label = gtk_label_new_with_mnemonic (_(cert_labels[i]));
      GtkWidget *widget;

      if (i == C_TIER)
        widget = _sl_editor_dropdown_from (self->tiers, NULL, TRUE);
      else if (i == C_STATUS)
        widget = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (status_list)), NULL);
      else if (i == C_RULE)
        widget = _sl_editor_dropdown_from (self->rule_versions, NULL, FALSE);
      else
        {
          widget = i >= C_APPLIED ? sl_date_entry_new () : gtk_entry_new ();
          if (i == C_UNTIL)
            gtk_entry_set_placeholder_text (GTK_ENTRY (widget), _("From the tier’s validity"));
        }
      gtk_widget_set_hexpand (widget, TRUE);
      gtk_label_set_mnemonic_widget (GTK_LABEL (label), widget);
      gtk_label_set_xalign (GTK_LABEL (label), 1.0);
      /* Two columns of label and field. */
      gtk_grid_attach (self->cert_grid, label, (i % 2) * 2, i / 2, 1, 1);
      gtk_grid_attach (self->cert_grid, widget, (i % 2) * 2 + 1, i / 2, 1, 1);
      self->cert_fields[i] = widget;
    }
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->cert_fields[C_STATUS]), 2);
}

static void
set_entry (GtkWidget  *entry,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), text ? text : "");
}

static guint
index_of_key (GPtrArray  *items,
              const char *key)
{
  for (guint i = 0; key && i < items->len; i++)
    if (g_strcmp0 (((SlLookupItem *) items->pdata[i])->key, key) == 0)
      return i;
  return 0;
}

static void
fill_cert_form (SlEnterpriseEditor    *self,
                const SlCertification *c)
{
  guint status = 2;

  for (guint i = 0; c && statuses[i]; i++)
    if (g_str_equal (statuses[i], c->status))
      status = i;
  self->cert_id = c ? c->id : 0;
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->cert_fields[C_TIER]), index_of_key (self->tiers, c ? c->tier_key : NULL));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->cert_fields[C_STATUS]), status);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->cert_fields[C_RULE]),
                              c ? index_of_key (self->rule_versions, c->rule_version) : self->rule_versions->len - 1);
  set_entry (self->cert_fields[C_BATCH], c ? c->batch : NULL);
  set_entry (self->cert_fields[C_DOC], c ? c->doc_no : NULL);
  set_entry (self->cert_fields[C_APPLIED], c ? c->applied_on : NULL);
  set_entry (self->cert_fields[C_CERTIFIED], c ? c->certified_on : NULL);
  set_entry (self->cert_fields[C_FROM], c ? c->valid_from : NULL);
  set_entry (self->cert_fields[C_UNTIL], c ? c->valid_until : NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->cert_error), FALSE);
}

static GtkWidget *
two_line_row (const char *title,
              const char *subtitle)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *t = gtk_label_new (title);
  GtkWidget *s = gtk_label_new (subtitle);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_label_set_xalign (GTK_LABEL (t), 0);
  gtk_label_set_xalign (GTK_LABEL (s), 0);
  gtk_label_set_wrap (GTK_LABEL (s), TRUE);
  gtk_widget_add_css_class (s, "dim-label");
  gtk_box_append (GTK_BOX (box), t);
  gtk_box_append (GTK_BOX (box), s);
  return box;
}

static void
clear_list (GtkListBox *list)
{
  GtkListBoxRow *row;

  /* The rows only: the placeholder is a child too, and must stay. */
  while ((row = gtk_list_box_get_row_at_index (list, 0)))
    gtk_list_box_remove (list, GTK_WIDGET (row));
}

/* The next tier's hard thresholds against the stored figures: hints for
 * the clerk, never a verdict, so a figure not in the ledger says so. */
static void
load_hints (SlEnterpriseEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *next = sl_pipeline_next_tier (self->store, self->id, &error);
  g_autoptr(GPtrArray) checks = NULL;
  g_autofree char *heading = NULL;
  GtkWidget *child;
  GtkWidget *label;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->hints_box))))
    gtk_box_remove (self->hints_box, child);
  if (next != NULL)
    checks = sl_pipeline_check_thresholds (self->store, self->id, next, NULL, &error);
  if (checks == NULL)
    {
      if (error != NULL)
        g_warning ("%s", error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->hints_box), FALSE);
      return;
    }

  heading = checks->len
    ? g_strdup_printf (_("Hard thresholds for %s, from the latest yearly figures"), sl_ui_tier_name (next, next))
    : g_strdup_printf (_("The rules in force set no hard thresholds for %s."), sl_ui_tier_name (next, next));
  label = gtk_label_new (heading);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, checks->len ? "heading" : "dim-label");
  gtk_box_append (self->hints_box, label);

  for (guint i = 0; i < checks->len; i++)
    {
      SlThresholdCheck *c = checks->pdata[i];
      gboolean lower = !isnan (c->at_least);
      g_autofree char *bound = sl_ui_format_number (lower ? c->at_least : c->at_most);
      g_autofree char *rule = g_strdup_printf ("%s %s %s %s", c->name, lower ? "≥" : "≤", bound, c->unit ? c->unit : "");
      g_autofree char *value = c->met >= 0 ? sl_ui_format_number (c->value) : NULL;
      g_autofree char *now = value ? g_strdup_printf ("%s %s", value, c->unit ? c->unit : "") : NULL;
      g_autofree char *line = NULL;

      if (c->met == 1)
        line = g_strdup_printf (_("✓ Meets: %s (now %s)"), rule, now);
      else if (c->met == 0)
        line = g_strdup_printf (_("✗ Misses: %s (now %s)"), rule, now);
      else
        line = g_strdup_printf (_("? Not known: %s (not in the figures)"), rule);
      label = gtk_label_new (line);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, c->met == 1 ? "success" : c->met == 0 ? "error" : "dim-label");
      gtk_box_append (self->hints_box, label);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->hints_box), TRUE);
}

static void
load_certs (SlEnterpriseEditor *self)
{
  g_clear_pointer (&self->certs, g_ptr_array_unref);
  self->certs = sl_certification_list (self->store, self->id, NULL);
  clear_list (self->cert_list);
  for (guint i = 0; self->certs && i < self->certs->len; i++)
    {
      SlCertification *c = self->certs->pdata[i];
      g_autofree char *title = g_strdup_printf ("%s · %s", sl_ui_tier_name (c->tier_key, c->tier_key),
                                                sl_status_name (c->status));
      g_autofree char *from = sl_ui_format_date (c->valid_from);
      g_autofree char *until = sl_ui_format_date (c->valid_until);
      g_autofree char *applied = sl_ui_format_date (c->applied_on);
      g_autofree char *sub = c->valid_from
        ? g_strdup_printf (_("Valid %s – %s  %s %s"), from, *until ? until : "…", c->batch ? c->batch : "", c->doc_no ? c->doc_no : "")
        : g_strdup_printf (_("Applied on %s  %s"), applied, c->batch ? c->batch : "");

      gtk_list_box_append (self->cert_list, two_line_row (title, sub));
    }
  load_hints (self);
}

static void
load_dossiers (SlEnterpriseEditor *self)
{
  clear_list (self->dossier_list);
  g_clear_pointer (&self->dossiers, g_ptr_array_unref);
  self->dossiers = sl_project_list_for_enterprise (self->store, self->id, NULL);
  for (guint i = 0; self->dossiers && i < self->dossiers->len; i++)
    {
      SlProject *p = self->dossiers->pdata[i];
      g_autofree char *progress = g_strdup_printf (_("%d of %d done · open it on the Projects page"), p->n_done, p->n_items);

      gtk_list_box_append (self->dossier_list, two_line_row (p->title, progress));
    }
}

void
_sl_editor_dossier_activated_cb (SlEnterpriseEditor *self,
                                 GtkListBoxRow      *row)
{
  SlProject *p = self->dossiers->pdata[gtk_list_box_row_get_index (row)];

  g_signal_emit (self, _sl_enterprise_editor_signals[_SL_EDITOR_OPEN_PROJECT], 0, p->id);
}

void
_sl_editor_new_dossier_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *param)
{
  SlEnterpriseEditor *self = SL_ENTERPRISE_EDITOR (widget);
  guint tier = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->cert_fields[C_TIER]));
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (tier >= self->tiers->len)
    return;
  id = sl_dossier_create (self->store, self->id, ((SlLookupItem *) self->tiers->pdata[tier])->key, NULL, &error);
  if (id == 0)
    {
      gtk_label_set_text (self->cert_error, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->cert_error), TRUE);
      return;
    }
  load_dossiers (self);
  g_signal_emit (self, _sl_enterprise_editor_signals[_SL_EDITOR_SAVED], 0);
}

static void
load_honours (SlEnterpriseEditor *self)
{
  g_autoptr(GPtrArray) list = sl_enterprise_list_honours (self->store, self->id);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  clear_list (self->honour_list);
  for (guint i = 0; i < list->len; i++)
    {
      SlHonourEntry *h = list->pdata[i];
      g_autofree char *year = g_strdup_printf ("%d", h->year);
      g_autofree char *a11y = g_strdup_printf (_("Remove “%s” (%d)"), h->name, h->year);
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *text = two_line_row (h->name, year);
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

      gtk_widget_set_hexpand (text, TRUE);
      gtk_widget_set_tooltip_text (remove, _("Remove honour"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "(si)", h->key, h->year);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "editor.remove-honour");
      gtk_box_append (GTK_BOX (row), text);
      gtk_box_append (GTK_BOX (row), remove);
      gtk_list_box_append (self->honour_list, row);
    }
  for (guint i = 0; i < self->honours->len; i++)
    gtk_string_list_append (names, ((SlLookupItem *) self->honours->pdata[i])->name);
  gtk_drop_down_set_model (self->honour_dropdown, G_LIST_MODEL (names));
}

static void
load_history (SlEnterpriseEditor *self)
{
  g_autoptr(GPtrArray) list = sl_audit_history (self->store, self->id);
  const struct { const char *action; const char *label; } actions[] = {
    { "create", N_("Created") }, { "update", N_("Changed") }, { "delete", N_("Removed") },
    { "trash", N_("Moved to the trash") }, { "restore", N_("Restored") },
  };
  const struct { const char *entity; const char *label; } entities[] = {
    { "enterprise", N_("record") }, { "annual_figures", N_("yearly figures") },
    { "certification", N_("certification") }, { "enterprise_honour", N_("honour") },
  };

  clear_list (self->history_list);
  for (guint i = 0; i < list->len; i++)
    {
      SlAuditEntry *e = list->pdata[i];
      const char *action = e->action, *entity = e->entity;
      g_autofree char *when = sl_time_display (e->at);
      g_autofree char *what = sl_audit_describe (self->store, e);
      g_autofree char *title = NULL;

      for (guint a = 0; a < G_N_ELEMENTS (actions); a++)
        if (g_str_equal (actions[a].action, e->action))
          action = _(actions[a].label);
      for (guint a = 0; a < G_N_ELEMENTS (entities); a++)
        if (g_str_equal (entities[a].entity, e->entity))
          entity = _(entities[a].label);
      title = g_strdup_printf ("%s · %s · %s %s", when, e->user, action, entity);
      gtk_list_box_append (self->history_list, two_line_row (title, what));
    }
}

static void
set_placeholder (GtkListBox *list,
                 const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_top (label, 18);
  gtk_widget_set_margin_bottom (label, 18);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_list_box_set_placeholder (list, label);
}

void
_sl_editor_load_tabs (SlEnterpriseEditor *self)
{
  gboolean stored = self->id != 0;

  set_placeholder (self->cert_list, _("No certifications yet. Record an application or a certification below."));
  set_placeholder (self->honour_list, _("No honours recorded."));
  set_placeholder (self->history_list, _("No changes recorded for this enterprise. Firms loaded in bulk (demo data or an import) have one entry for the whole load in the ledger’s log."));
  g_clear_pointer (&self->figures, g_array_unref);
  self->figures = stored ? sl_figures_list (self->store, self->id, NULL) : NULL;
  if (self->figures == NULL)
    self->figures = g_array_new (FALSE, TRUE, sizeof (SlFigures));
  sl_figures_grid_set_figures (self->figures_grid, self->figures);
  for (int page = 2; page <= 4; page++)
    gtk_widget_set_visible (gtk_notebook_get_nth_page (self->notebook, page), stored);
  if (!stored)
    {
      load_honours (self);
      return;
    }
  load_certs (self);
  fill_cert_form (self, NULL);
  load_honours (self);
  load_history (self);
  load_dossiers (self);
}

void
_sl_editor_cert_selected_cb (SlEnterpriseEditor *self,
                             GtkListBoxRow      *row)
{
  if (row == NULL || self->certs == NULL)
    return;
  fill_cert_form (self, self->certs->pdata[gtk_list_box_row_get_index (row)]);
}

typedef struct
{
  SlEnterprise *record;
  GArray       *figures;
  GArray       *stored;
} SaveAll;

static gboolean
unchanged (GArray          *stored,
           const SlFigures *f)
{
  for (guint i = 0; stored && i < stored->len; i++)
    if (sl_figures_equal (&g_array_index (stored, SlFigures, i), f))
      return TRUE;
  return FALSE;
}

/* The record and every year of figures in one transaction: all or nothing. */
static gboolean
save_all_cb (SlStore  *store,
             gpointer  user_data,
             GError  **error)
{
  SaveAll *all = user_data;

  if (all->record->id == 0 ? !sl_enterprise_insert (store, all->record, error)
                           : !sl_enterprise_update (store, all->record, error))
    return FALSE;
  for (guint i = 0; i < all->figures->len; i++)
    {
      SlFigures *f = &g_array_index (all->figures, SlFigures, i);

      f->enterprise_id = all->record->id;
      if (unchanged (all->stored, f))
        continue;
      if (!sl_figures_save (store, f, error))
        {
          g_prefix_error (error, "%d: ", f->year);
          return FALSE;
        }
    }
  return TRUE;
}

/* A refused save shows its message below the form and puts the cursor in
 * the field it names. */
static void
focus_message_field (SlEnterpriseEditor *self)
{
  gtk_notebook_set_current_page (self->notebook, 0);
  if (self->message_key != NULL)
    gtk_widget_grab_focus (_sl_editor_field (self, self->message_key));
}

/**
 * sl_enterprise_editor_save:
 *
 * Returns: %TRUE if everything was written; otherwise nothing was, and the
 *   message stands below the form and the cursor in the field at fault
 */
gboolean
sl_enterprise_editor_save (SlEnterpriseEditor *self)
{
  g_autoptr(SlEnterprise) e = _sl_editor_collect (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) figures = NULL;
  SaveAll all = { e, NULL, self->figures };

  gtk_widget_set_visible (GTK_WIDGET (self->figures_error), FALSE);
  self->show_all = TRUE;
  if (!_sl_editor_validate (self))
    {
      focus_message_field (self);
      return FALSE;
    }
  figures = sl_figures_grid_collect (self->figures_grid, self->id, &error);
  if (figures == NULL)
    goto figures_failed;
  all.figures = figures;
  if (!sl_store_write (self->store, save_all_cb, &all, &error))
    {
      if (error->domain == SL_VALIDATION_ERROR && g_regex_match_simple ("^[0-9]{4}: ", error->message, 0, 0))
        goto figures_failed;
      if (!_sl_editor_validate (self))
        focus_message_field (self);
      else
        sl_ui_show_error (GTK_WINDOW (self), _("The enterprise could not be saved"), error);
      return FALSE;
    }

  self->dirty = FALSE;
  g_signal_emit (self, _sl_enterprise_editor_signals[_SL_EDITOR_SAVED], 0);
  return TRUE;

figures_failed:
  gtk_label_set_text (self->figures_error, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->figures_error), TRUE);
  gtk_notebook_set_current_page (self->notebook, 1);
  return FALSE;
}

void
_sl_editor_save_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  if (sl_enterprise_editor_save (SL_ENTERPRISE_EDITOR (widget)))
    gtk_window_destroy (GTK_WINDOW (widget));
}

void
_sl_editor_add_year_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  SlEnterpriseEditor *self = SL_ENTERPRISE_EDITOR (widget);

  if (!sl_figures_grid_add_year (self->figures_grid, gtk_spin_button_get_value_as_int (self->year_spin)))
    {
      gtk_label_set_text (self->figures_error, _("Year: this year is in the table already"));
      gtk_widget_set_visible (GTK_WIDGET (self->figures_error), TRUE);
    }
}

void
_sl_editor_new_cert_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  SlEnterpriseEditor *self = SL_ENTERPRISE_EDITOR (widget);

  gtk_list_box_unselect_all (self->cert_list);
  fill_cert_form (self, NULL);
  gtk_widget_grab_focus (self->cert_fields[C_TIER]);
}

static char *
cert_text (SlEnterpriseEditor *self,
           int                 i)
{
  if (SL_IS_DATE_ENTRY (self->cert_fields[i]))
    return sl_date_entry_get_iso (SL_DATE_ENTRY (self->cert_fields[i]));
  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->cert_fields[i])));
}

void
_sl_editor_save_cert_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *param)
{
  SlEnterpriseEditor *self = SL_ENTERPRISE_EDITOR (widget);
  g_autoptr(SlCertification) c = sl_certification_new ();
  g_autoptr(GError) error = NULL;
  guint tier = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->cert_fields[C_TIER]));
  guint status = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->cert_fields[C_STATUS]));
  guint rule = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->cert_fields[C_RULE]));

  c->id = self->cert_id;
  c->enterprise_id = self->id;
  c->tier_key = g_strdup (tier < self->tiers->len ? ((SlLookupItem *) self->tiers->pdata[tier])->key : NULL);
  c->status = g_strdup (status < g_strv_length ((char **) statuses) ? statuses[status] : NULL);
  c->rule_version = g_strdup (rule < self->rule_versions->len ? ((SlLookupItem *) self->rule_versions->pdata[rule])->key : NULL);
  c->batch = cert_text (self, C_BATCH);
  c->doc_no = cert_text (self, C_DOC);
  c->applied_on = cert_text (self, C_APPLIED);
  c->certified_on = cert_text (self, C_CERTIFIED);
  c->valid_from = cert_text (self, C_FROM);
  c->valid_until = cert_text (self, C_UNTIL);

  if (!sl_certification_save (self->store, c, &error))
    {
      gtk_label_set_text (self->cert_error, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->cert_error), TRUE);
      return;
    }
  load_certs (self);
  fill_cert_form (self, NULL);
  load_history (self);
  g_signal_emit (self, _sl_enterprise_editor_signals[_SL_EDITOR_SAVED], 0);
}

void
_sl_editor_add_honour_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  SlEnterpriseEditor *self = SL_ENTERPRISE_EDITOR (widget);
  guint i = gtk_drop_down_get_selected (self->honour_dropdown);
  g_autoptr(GError) error = NULL;

  if (i >= self->honours->len)
    return;
  if (!sl_enterprise_add_honour (self->store, self->id, ((SlLookupItem *) self->honours->pdata[i])->key,
                                 gtk_spin_button_get_value_as_int (self->honour_year_spin), &error))
    {
      gtk_label_set_text (self->honour_error, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->honour_error), TRUE);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->honour_error), FALSE);
  load_honours (self);
  load_history (self);
  g_signal_emit (self, _sl_enterprise_editor_signals[_SL_EDITOR_SAVED], 0);
}

void
_sl_editor_remove_honour_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *param)
{
  SlEnterpriseEditor *self = SL_ENTERPRISE_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  const char *key;
  int year;

  g_variant_get (param, "(&si)", &key, &year);
  if (!sl_enterprise_remove_honour (self->store, self->id, key, year, &error))
    sl_ui_show_error (GTK_WINDOW (self), _("The honour could not be removed"), error);
  load_honours (self);
  load_history (self);
  g_signal_emit (self, _sl_enterprise_editor_signals[_SL_EDITOR_SAVED], 0);
}

static void
unsaved_response_cb (GtkDialog          *dialog,
                     int                 response,
                     SlEnterpriseEditor *self)
{
  gtk_window_destroy (GTK_WINDOW (dialog));
  if (response == GTK_RESPONSE_REJECT)
    gtk_window_destroy (GTK_WINDOW (self));
  else if (response == GTK_RESPONSE_ACCEPT && sl_enterprise_editor_save (self))
    gtk_window_destroy (GTK_WINDOW (self));
}

void
_sl_editor_ask_unsaved (SlEnterpriseEditor *self)
{
  GtkWidget *dialog;
  const char *name = self->record->name ? self->record->name : _("the new enterprise");

  dialog = gtk_message_dialog_new (GTK_WINDOW (self), GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE,
                                   _("Save changes to “%s”?"), name);
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s",
                                            _("Your changes are lost if you close without saving."));
  gtk_dialog_add_buttons (GTK_DIALOG (dialog), _("_Discard"), GTK_RESPONSE_REJECT,
                          _("_Cancel"), GTK_RESPONSE_CANCEL, _("_Save"), GTK_RESPONSE_ACCEPT, NULL);
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  gtk_widget_add_css_class (gtk_dialog_get_widget_for_response (GTK_DIALOG (dialog), GTK_RESPONSE_REJECT),
                            "destructive-action");
  g_signal_connect_object (dialog, "response", G_CALLBACK (unsaved_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
