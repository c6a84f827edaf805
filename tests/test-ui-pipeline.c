/* test-ui-pipeline.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <math.h>

#include "sl-figures.h"
#include "sl-move-form.h"
#include "sl-pipeline.h"
#include "sl-pipeline-card.h"
#include "sl-pipeline-column.h"
#include "sl-pipeline-page.h"
#include "sl-ui-test-util.h"
#include "sl-util.h"

static gboolean
counted (gpointer data)
{
  return !gtk_spinner_get_spinning (GTK_SPINNER (child (data, SL_TYPE_PIPELINE_PAGE, "spinner")));
}

static SlPipelinePage *
show_pipeline (Fixture *fx)
{
  SlPipelinePage *page = SL_PIPELINE_PAGE (sl_window_get_page (fx->window, "pipeline"));

  gtk_widget_activate_action (GTK_WIDGET (fx->window), "win.show-page", "s", "pipeline");
  spin_until (counted, page);
  g_assert_true (counted (page));
  return page;
}

static guint
n_cards (SlPipelinePage *page,
         const char     *tier)
{
  SlPipelineColumn *column = SL_PIPELINE_COLUMN (sl_pipeline_page_get_column (page, tier));
  return g_list_model_get_n_items (G_LIST_MODEL (sl_pipeline_column_get_model (column)));
}

static gboolean
in_column (SlPipelinePage *page,
           const char     *tier,
           gint64          id)
{
  SlPipelineColumn *column = SL_PIPELINE_COLUMN (sl_pipeline_page_get_column (page, tier));
  return sl_roster_model_find (sl_pipeline_column_get_model (column), id) >= 0;
}

static void
fill_form (SlMoveForm *form,
           const char *date)
{
  gtk_editable_set_text (GTK_EDITABLE (child (form, SL_TYPE_MOVE_FORM, "date_entry")), date);
  g_signal_emit_by_name (child (form, SL_TYPE_MOVE_FORM, "record_button"), "clicked");
}

static gboolean
form_open (SlPipelinePage *page)
{
  return gtk_revealer_get_reveal_child (GTK_REVEALER (child (page, SL_TYPE_PIPELINE_PAGE, "form_revealer")));
}

static const char *
outcome (SlPipelinePage *page)
{
  return gtk_label_get_text (GTK_LABEL (child (page, SL_TYPE_PIPELINE_PAGE, "outcome_label")));
}

static gboolean
focus_in (SlPipelinePage *page,
          const char     *tier)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (page)));

  return focus != NULL && gtk_widget_is_ancestor (focus, sl_pipeline_page_get_column (page, tier));
}

#define INNOVATIVE_TOP \
  "SELECT e.id FROM enterprise e WHERE e.deleted_at IS NULL" \
  " AND e.top_tier = (SELECT level FROM tier WHERE key = 'innovative')" \
  " AND NOT EXISTS (SELECT 1 FROM certification c WHERE c.enterprise_id = e.id AND c.status IN ('applying', 'publicised'))"

/* Columns by highest tier with their counts, then every move through the
 * cards' actions: refused ones change nothing and say why in the form,
 * recorded ones move the card at once. */
static void
test_pipeline_moves (Fixture       *fx,
                     gconstpointer  data)
{
  SlPipelinePage *page = show_pipeline (fx);
  SlMoveForm *form = sl_pipeline_page_get_form (page);
  GtkLabel *error_label = GTK_LABEL (child (form, SL_TYPE_MOVE_FORM, "error_label"));
  GtkWidget *innovative = sl_pipeline_page_get_column (page, "innovative");
  g_autofree char *firm_sql = g_strdup (INNOVATIVE_TOP " ORDER BY e.id LIMIT 1");
  gint64 firm = sl_test_query_int (fx->store, firm_sql);
  gint64 certs = sl_test_query_int_printf (fx->store, "SELECT count(*) FROM certification WHERE enterprise_id = %" G_GINT64_FORMAT, firm);
  gint64 highest = sl_test_query_int_printf (fx->store, "SELECT count(*) FROM enterprise WHERE deleted_at IS NULL AND top_tier = 1");
  gint64 held = sl_test_query_int_printf (fx->store,
    "SELECT count(DISTINCT enterprise_id) FROM certification WHERE tier_key = 'innovative'"
    " AND status IN ('certified', 'under_review', 'expired', 'revoked') AND valid_from <= '2026-11-25'"
    " AND ifnull (valid_until, '9999-12-31') >= '2026-11-25'");
  g_autofree char *counts = g_strdup_printf ("Highest tier of %" G_GINT64_FORMAT " · held by %" G_GINT64_FORMAT, highest, held);
  g_autoptr(SlRosterRow) row = NULL;

  g_assert_cmpint (firm, >, 0);
  g_assert_cmpuint (n_cards (page, "innovative"), ==, highest);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (innovative, SL_TYPE_PIPELINE_COLUMN, "counts_label"))), ==, counts);
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (child (innovative, SL_TYPE_PIPELINE_COLUMN, "target_label"))), "Target 1000 · "));

  /* An application, with a date that does not exist first. */
  gtk_widget_activate_action (GTK_WIDGET (page), "pipeline.record-application", "x", firm);
  g_assert_true (form_open (page));
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (child (form, SL_TYPE_MOVE_FORM, "tier_dropdown"))), ==, 2);
  gtk_editable_set_text (GTK_EDITABLE (child (form, SL_TYPE_MOVE_FORM, "batch_entry")), "2026年第二批");
  fill_form (form, "2026-02-30");
  g_assert_true (form_open (page));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_assert_nonnull (strstr (gtk_label_get_text (error_label), "not a date"));
  g_assert_cmpint (sl_test_query_int_printf (fx->store, "SELECT count(*) FROM certification WHERE enterprise_id = %" G_GINT64_FORMAT, firm), ==, certs);
  fill_form (form, "2026-11-20");
  g_assert_false (form_open (page));
  g_assert_cmpint (sl_test_query_int_printf (fx->store, "SELECT count(*) FROM certification WHERE enterprise_id = %" G_GINT64_FORMAT
                              " AND status = 'applying' AND tier_key = 'srdi' AND batch = '2026年第二批'", firm), ==, 1);
  /* Confirmed in the window's banner, with Undo beside it. */
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (child (fx->window, SL_TYPE_WINDOW, "banner_label"))),
                                   "Recorded the application of "));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (child (fx->window, SL_TYPE_WINDOW, "banner_undo"))));
  g_assert_cmpstr (outcome (page), ==, "");
  row = sl_roster_row_load (fx->store, firm);
  g_assert_cmpstr (row->pending_tier, ==, "srdi");
  g_clear_pointer (&row, sl_roster_row_free);

  /* The result: certified before the application is refused, then on time. */
  gtk_widget_activate_action (GTK_WIDGET (page), "pipeline.record-result", "x", firm);
  g_assert_true (form_open (page));
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (child (form, SL_TYPE_MOVE_FORM, "outcome_dropdown"))), ==, 0);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (child (form, SL_TYPE_MOVE_FORM, "doc_box"))));
  gtk_editable_set_text (GTK_EDITABLE (child (form, SL_TYPE_MOVE_FORM, "doc_entry")), "苏工信中小〔2026〕9号");
  fill_form (form, "2026-11-10");
  g_assert_true (form_open (page));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_assert_true (in_column (page, "innovative", firm));
  fill_form (form, "2026-11-24");
  g_assert_false (form_open (page));
  g_assert_true (in_column (page, "srdi", firm));
  g_assert_false (in_column (page, "innovative", firm));
  /* The keyboard goes on from the moved card, selected in its new column. */
  {
    SlPipelineColumn *srdi = SL_PIPELINE_COLUMN (sl_pipeline_page_get_column (page, "srdi"));
    GtkListView *list = GTK_LIST_VIEW (child (srdi, SL_TYPE_PIPELINE_COLUMN, "list_view"));
    GtkWidget *focus;

    /* A frame or two: the card's row is laid out first. */
    spin_for (1000);
    focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (page)));
    g_assert_true (focus_in (page, "srdi"));
    g_assert_cmpint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (gtk_list_view_get_model (list))), ==,
                     sl_roster_model_find (sl_pipeline_column_get_model (srdi), firm));
    g_assert_nonnull (focus);
    row = sl_roster_row_load (fx->store, firm);
    g_assert_true (row_shows (focus, row->name));
    g_clear_pointer (&row, sl_roster_row_free);
  }
  g_assert_cmpint (sl_test_query_int_printf (fx->store, "SELECT count(*) FROM certification WHERE enterprise_id = %" G_GINT64_FORMAT
                              " AND status = 'certified' AND tier_key = 'srdi' AND doc_no = '苏工信中小〔2026〕9号'", firm), ==, 1);
  g_assert_cmpint (sl_test_query_int_printf (fx->store, "SELECT count(*) FROM audit_log WHERE entity = 'certification'"), >, 0);

  /* A result with no application waiting: said on the page, no form. */
  gtk_widget_activate_action (GTK_WIDGET (page), "pipeline.record-result", "x", firm);
  g_assert_false (form_open (page));
  g_assert_nonnull (strstr (outcome (page), "no application waiting"));

  /* A re-review passed extends the validity by the tier's years. */
  gtk_widget_activate_action (GTK_WIDGET (page), "pipeline.record-review", "x", firm);
  g_assert_true (form_open (page));
  fill_form (form, "2026-11-20");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  fill_form (form, "2026-11-25");
  g_assert_false (form_open (page));
  g_assert_cmpint (sl_test_query_int_printf (fx->store, "SELECT count(*) FROM certification WHERE enterprise_id = %" G_GINT64_FORMAT
                              " AND status = 'certified' AND tier_key = 'srdi' AND valid_until > '2031-01-01'", firm), ==, 1);

  /* Revoked, held last yesterday: the card leaves the SRDI column for the
   * tier the firm still holds. */
  gtk_widget_activate_action (GTK_WIDGET (page), "pipeline.mark-ended", "x", firm);
  g_assert_true (form_open (page));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (child (form, SL_TYPE_MOVE_FORM, "outcome_dropdown")), 1);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (child (form, SL_TYPE_MOVE_FORM, "doc_box"))));
  fill_form (form, "2026-11-24");
  g_assert_false (form_open (page));
  row = sl_roster_row_load (fx->store, firm);
  g_assert_cmpstr (row->tier_key, !=, "srdi");
  g_assert_false (in_column (page, "srdi", firm));
  g_assert_true (in_column (page, row->tier_key, firm));
  g_assert_cmpint (sl_test_query_int_printf (fx->store, "SELECT count(*) FROM certification WHERE enterprise_id = %" G_GINT64_FORMAT
                              " AND status = 'revoked' AND tier_key = 'srdi'", firm), ==, 1);

  /* Ctrl+Z undoes the revocation: certified again, the card back in its
   * column, the undo audited and said; then there is no move to undo. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->window), "win.undo", NULL));
  g_assert_cmpint (sl_test_query_int_printf (fx->store, "SELECT count(*) FROM certification WHERE enterprise_id = %" G_GINT64_FORMAT
                              " AND status = 'certified' AND tier_key = 'srdi' AND valid_until > '2031-01-01'", firm), ==, 1);
  g_assert_true (in_column (page, "srdi", firm));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (child (fx->window, SL_TYPE_WINDOW, "banner_label"))),
                                   "Undone: Recorded that "));
  g_assert_cmpint (sl_test_query_int (fx->store, "SELECT count(*) FROM audit_log WHERE entity = 'certification' AND action = 'undo'"), ==, 1);
  g_assert_false (sl_pipeline_page_can_undo (page));
}

/* Dragging a card: onto a higher column starts its application for that
 * tier; onto its own column it stays, with a word on why. */
static void
test_pipeline_drop (Fixture       *fx,
                    gconstpointer  data)
{
  SlPipelinePage *page = show_pipeline (fx);
  SlMoveForm *form = sl_pipeline_page_get_form (page);
  g_autofree char *firm_sql = g_strdup (INNOVATIVE_TOP " ORDER BY e.id DESC LIMIT 1");
  gint64 firm = sl_test_query_int (fx->store, firm_sql);
  gint64 certs = sl_test_query_int_printf (fx->store, "SELECT count(*) FROM certification");

  sl_pipeline_page_drop_card (page, firm, "innovative");
  g_assert_false (form_open (page));
  g_assert_nonnull (strstr (outcome (page), "already holds this tier"));

  sl_pipeline_page_drop_card (page, firm, "little_giant");
  g_assert_true (form_open (page));
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (child (form, SL_TYPE_MOVE_FORM, "tier_dropdown"))), ==, 3);
  /* Skipping SRDI is against the plan's rules: refused, nothing written. */
  fill_form (form, "2026-11-25");
  g_assert_true (form_open (page));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (child (form, SL_TYPE_MOVE_FORM, "error_label"))), "Tier"));
  g_assert_cmpint (sl_test_query_int_printf (fx->store, "SELECT count(*) FROM certification"), ==, certs);
  g_signal_emit_by_name (child (form, SL_TYPE_MOVE_FORM, "cancel_button"), "clicked");
  g_assert_false (form_open (page));
  g_assert_cmpint (sl_test_query_int_printf (fx->store, "SELECT count(*) FROM certification"), ==, certs);
}

/* The filter agrees with the hints the editor shows, firm by firm; and the
 * cards style their end dates by today. */
static void
meet_srdi (SlStore *store,
           gint64   id)
{
  g_autoptr(SlEnterprise) e = sl_enterprise_load (store, id, NULL);
  g_autoptr(GError) error = NULL;
  SlFigures f;

  /* Exactly at every bound of the 2026 rules. */
  e->niche_since = 2023;
  g_assert_true (sl_enterprise_update (store, e, &error));
  sl_figures_init (&f, id, 2026);
  f.revenue = 15000000;
  f.main_revenue = 12000000;
  f.rd_expense = 1000000;
  f.total_assets = 10000000;
  f.total_liabilities = 8000000;
  g_assert_true (sl_figures_save (store, &f, &error));
  g_assert_no_error (error);
}

/* The page's own key @accel, run as the key would run it. */
static gboolean
press (SlPipelinePage *page,
       const char     *accel)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (page));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (c))
        continue;
      for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (c)); k++)
        {
          g_autoptr(GtkShortcut) sc = g_list_model_get_item (G_LIST_MODEL (c), k);
          g_autofree char *trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (sc));

          if (g_str_equal (trigger, accel))
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (sc), 0, GTK_WIDGET (page),
                                                 gtk_shortcut_get_arguments (sc));
        }
    }
  g_error ("no key %s on the pipeline", accel);
}


/* Left, Right, Tab and Shift+Tab move between the columns, not from card
 * to card of one; past them Tab goes on to the filters. */
static void
test_pipeline_keyboard (Fixture       *fx,
                        gconstpointer  data)
{
  SlPipelinePage *page = show_pipeline (fx);
  GtkWidget *pool = sl_pipeline_page_get_column (page, "pool");
  const char *tiers[] = { "pool", "innovative", "srdi", "little_giant", "champion" };
  const char *last = "champion";

  g_assert_true (gtk_widget_child_focus (pool, GTK_DIR_TAB_FORWARD));
  g_assert_true (focus_in (page, "pool"));
  g_assert_true (press (page, "Right"));
  g_assert_true (focus_in (page, "innovative"));
  g_assert_true (press (page, "Tab"));
  g_assert_true (focus_in (page, "srdi"));
  g_assert_true (press (page, "<Shift>Tab"));
  g_assert_true (press (page, "Left"));
  g_assert_true (focus_in (page, "pool"));
  /* At the first column Left stays; Shift+Tab leaves for the filters. */
  g_assert_true (press (page, "Left"));
  g_assert_true (focus_in (page, "pool"));
  g_assert_true (press (page, "<Shift>Tab"));
  g_assert_false (focus_in (page, "pool"));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (page))), GTK_WIDGET (page)));
  /* Outside the columns the keys are the other widgets' own. */
  g_assert_false (press (page, "Right"));
  /* Tab from the last column with cards goes back to the filters. */
  for (guint i = 0; i < G_N_ELEMENTS (tiers); i++)
    if (n_cards (page, tiers[i]) > 0)
      last = tiers[i];
  g_assert_true (gtk_widget_child_focus (sl_pipeline_page_get_column (page, last), GTK_DIR_TAB_FORWARD));
  g_assert_true (press (page, "Right") || TRUE);
  if (g_str_equal (last, "champion"))
    {
      g_assert_true (press (page, "Tab"));
      g_assert_false (focus_in (page, last));
    }
}

static void
test_pipeline_filter_and_cards (Fixture       *fx,
                                gconstpointer  data)
{
  g_autofree char *first = g_strdup (INNOVATIVE_TOP " ORDER BY e.id LIMIT 1");
  g_autofree char *second = g_strdup (INNOVATIVE_TOP " ORDER BY e.id LIMIT 1 OFFSET 1");
  SlPipelinePage *page;
  GtkWidget *column;
  GtkWidget *list;
  SlRosterQuery q = { .top_tier_key = "innovative" };
  g_autoptr(GArray) all = sl_roster_query (fx->store, &q, NULL);
  g_autofree char *today = sl_today ();
  g_autofree char *soon = sl_date_add_days (today, 90);
  guint meeting = 0;
  guint checked = 0, pending_seen = 0;
  gint64 opened = 0;
  g_autoptr(GError) error = NULL;

  meet_srdi (fx->store, sl_test_query_int (fx->store, first));
  meet_srdi (fx->store, sl_test_query_int (fx->store, second));
  /* The first card waits for a result: its line is drawn below. */
  g_assert_cmpint (sl_pipeline_record_application (fx->store, sl_test_query_int (fx->store, first), "srdi", NULL, "2026-11-20", &error), >, 0);
  g_assert_no_error (error);
  page = show_pipeline (fx);
  column = sl_pipeline_page_get_column (page, "innovative");
  list = GTK_WIDGET (child (column, SL_TYPE_PIPELINE_COLUMN, "list_view"));
  for (guint i = 0; i < all->len; i++)
    {
      g_autoptr(GPtrArray) checks = sl_pipeline_check_thresholds (fx->store, g_array_index (all, gint64, i), "srdi", NULL, NULL);
      guint met = 0;

      for (guint j = 0; j < checks->len; j++)
        met += ((SlThresholdCheck *) checks->pdata[j])->met == 1;
      meeting += checks->len > 0 && met == checks->len;
    }

  /* Every card on screen: "valid until" warns within 90 days, errs once past. */
  for (GtkWidget *w = gtk_widget_get_first_child (list); w; w = gtk_widget_get_next_sibling (w))
    {
      GtkWidget *card = gtk_widget_get_first_child (w);
      g_autoptr(SlRosterRow) row = NULL;
      GtkWidget *until;

      if (card == NULL || !SL_IS_PIPELINE_CARD (card) || sl_pipeline_card_get_id (SL_PIPELINE_CARD (card)) <= 0)
        continue;
      row = sl_roster_row_load (fx->store, sl_pipeline_card_get_id (SL_PIPELINE_CARD (card)));
      until = GTK_WIDGET (child (card, SL_TYPE_PIPELINE_CARD, "until_label"));
      g_assert_cmpstr (row->tier_key, ==, "innovative");
      g_assert_nonnull (row->tier_until);
      g_assert_true (gtk_widget_has_css_class (until, "error") == (strcmp (row->tier_until, today) < 0));
      g_assert_true (gtk_widget_has_css_class (until, "warning")
                     == (strcmp (row->tier_until, today) >= 0 && strcmp (row->tier_until, soon) <= 0));
      /* A waiting application reads in the theme's selection blue, not in
       * white (a rule over a colour GTK 4.8's theme lacks draws white). */
      {
        GtkWidget *pending = GTK_WIDGET (child (card, SL_TYPE_PIPELINE_CARD, "pending_label"));
        GdkRGBA color;

        G_GNUC_BEGIN_IGNORE_DEPRECATIONS
        gtk_style_context_get_color (gtk_widget_get_style_context (pending), &color);
        G_GNUC_END_IGNORE_DEPRECATIONS
        if (gtk_widget_get_visible (pending) && !(gtk_widget_get_state_flags (w) & GTK_STATE_FLAG_SELECTED))
          {
            g_assert_true (color.blue > color.red + 0.2 && color.red < 0.5);
            pending_seen++;
          }
      }
      checked++;

      /* The card's menu acts on the firm it shows now. */
      if (checked == 1)
        {
          g_signal_connect_swapped (page, "open-enterprise", G_CALLBACK (capture_id), &opened);
          g_assert_true (gtk_widget_activate_action (card, "card.open", NULL));
          g_assert_cmpint (opened, ==, row->id);
          g_assert_true (gtk_widget_activate_action (card, "card.record-application", NULL));
          g_assert_true (form_open (page));
          g_assert_cmpint (sl_move_form_get_enterprise (sl_pipeline_page_get_form (page)), ==, row->id);
        }
    }
  g_assert_cmpuint (checked, >, 0);
  g_assert_cmpuint (pending_seen, >, 0);

  gtk_check_button_set_active (GTK_CHECK_BUTTON (child (page, SL_TYPE_PIPELINE_PAGE, "meets_check")), TRUE);
  spin_until (counted, page);
  g_assert_cmpuint (n_cards (page, "innovative"), ==, meeting);
  g_assert_cmpuint (meeting, >=, 2);
  g_assert_cmpuint (meeting, <, all->len);
  /* No next tier carries thresholds for the pool under these rules. */
  g_assert_cmpuint (n_cards (page, "pool"), ==, 0);

  /* A jurisdiction narrows the columns and their counts. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (child (page, SL_TYPE_PIPELINE_PAGE, "meets_check")), FALSE);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (child (page, SL_TYPE_PIPELINE_PAGE, "jurisdiction_dropdown")), 1);
  spin_until (counted, page);
  g_assert_cmpuint (n_cards (page, "innovative"), <, all->len);
}

/* Contrast of a text colour against white, as WCAG counts it. */
static double
contrast_on_white (const GdkRGBA *c)
{
  double channel[3] = { c->red, c->green, c->blue };
  double l;

  for (int i = 0; i < 3; i++)
    channel[i] = channel[i] <= 0.03928 ? channel[i] / 12.92 : pow ((channel[i] + 0.055) / 1.055, 2.4);
  l = 0.2126 * channel[0] + 0.7152 * channel[1] + 0.0722 * channel[2];
  return 1.05 / (l + 0.05);
}

static GdkRGBA
until_colour (SlPipelinePage *page,
              gint64          id,
              gboolean       *out_selected)
{
  GtkWidget *list = GTK_WIDGET (child (sl_pipeline_page_get_column (page, "innovative"), SL_TYPE_PIPELINE_COLUMN, "list_view"));
  GdkRGBA colour = { 0 };

  for (GtkWidget *w = gtk_widget_get_first_child (list); w; w = gtk_widget_get_next_sibling (w))
    {
      GtkWidget *card = gtk_widget_get_first_child (w);
      GtkWidget *until;

      if (card == NULL || !SL_IS_PIPELINE_CARD (card) || sl_pipeline_card_get_id (SL_PIPELINE_CARD (card)) != id)
        continue;
      until = GTK_WIDGET (child (card, SL_TYPE_PIPELINE_CARD, "until_label"));
      g_assert_true (gtk_widget_has_css_class (until, "warning"));
      G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      gtk_style_context_get_color (gtk_widget_get_style_context (until), &colour);
      G_GNUC_END_IGNORE_DEPRECATIONS
      *out_selected = (gtk_widget_get_state_flags (w) & GTK_STATE_FLAG_SELECTED) != 0;
      return colour;
    }
  g_error ("no card on screen for firm %" G_GINT64_FORMAT, id);
}

/* A date that warns reads on a card: darker than the theme's orange on a
 * plain card (3:1 at least), and in the selection's white on a selected
 * one, in a focused window or one in the background. */
static void
test_pipeline_card_colours (Fixture       *fx,
                            gconstpointer  data)
{
  gint64 id = sl_test_query_int (fx->store,
    "SELECT e.id FROM enterprise e WHERE e.deleted_at IS NULL"
    " AND e.top_tier = (SELECT level FROM tier WHERE key = 'innovative') ORDER BY e.name_key, e.id LIMIT 1");
  g_autofree char *today = sl_today ();
  g_autofree char *soon = sl_date_add_days (today, 20);
  g_autofree char *sql = g_strdup_printf ("UPDATE certification SET valid_until = '%s'"
                                          " WHERE enterprise_id = %" G_GINT64_FORMAT " AND tier_key = 'innovative'", soon, id);
  SlPipelinePage *page;
  gboolean selected = TRUE;
  GdkRGBA colour;

  g_assert_cmpint (sqlite3_exec (_sl_store_get_db (fx->store), sql, NULL, NULL, NULL), ==, SQLITE_OK);
  page = show_pipeline (fx);
  colour = until_colour (page, id, &selected);
  g_assert_false (selected);
  g_test_message ("warning on a card: %.2f:1", contrast_on_white (&colour));
  g_assert_cmpfloat (contrast_on_white (&colour), >=, 3.0);

  sl_pipeline_column_focus_firm (SL_PIPELINE_COLUMN (sl_pipeline_page_get_column (page, "innovative")), id);
  spin_for (300);
  for (int backdrop = 0; backdrop <= 1; backdrop++)
    {
      if (backdrop)
        {
          gtk_widget_set_state_flags (GTK_WIDGET (fx->window), GTK_STATE_FLAG_BACKDROP, FALSE);
          spin_for (100);
        }
      colour = until_colour (page, id, &selected);
      g_assert_true (selected);
      g_assert_cmpfloat (colour.red, >, 0.95);
      g_assert_cmpfloat (colour.green, >, 0.95);
      g_assert_cmpfloat (colour.blue, >, 0.95);
    }
  gtk_widget_unset_state_flags (GTK_WIDGET (fx->window), GTK_STATE_FLAG_BACKDROP);
}

static GListModel *
shown_cards (SlPipelinePage *page,
             const char     *tier)
{
  GtkListView *list = GTK_LIST_VIEW (child (sl_pipeline_page_get_column (page, tier), SL_TYPE_PIPELINE_COLUMN, "list_view"));

  return G_LIST_MODEL (gtk_list_view_get_model (list));
}

static gboolean
all_shown (gpointer data)
{
  SlPipelinePage *page = data;

  return g_list_model_get_n_items (shown_cards (page, "pool")) == n_cards (page, "pool");
}

/* A column lists its first 40 cards until it is scrolled near their end,
 * then all of them. */
static void
test_pipeline_first_cards_scroll (Fixture       *fx,
                                  gconstpointer  data)
{
  SlPipelinePage *page = show_pipeline (fx);
  GtkScrollable *list = GTK_SCROLLABLE (child (sl_pipeline_page_get_column (page, "pool"), SL_TYPE_PIPELINE_COLUMN, "list_view"));
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (list);

  g_assert_cmpuint (n_cards (page, "pool"), >, 40);
  spin_for (100);
  g_assert_cmpuint (g_list_model_get_n_items (shown_cards (page, "pool")), ==, 40);
  /* A little way down: still the first 40. */
  g_assert_cmpfloat (gtk_adjustment_get_page_size (adjustment), >, 0);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_page_size (adjustment) / 2);
  spin_for (50);
  g_assert_cmpuint (g_list_model_get_n_items (shown_cards (page, "pool")), ==, 40);
  /* Near their end: all. */
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment));
  spin_until (all_shown, page);
  g_assert_true (all_shown (page));
}

/* A card beyond the first 40, asked for (after a move, say), lists them
 * all and is selected. */
static void
test_pipeline_first_cards_focus (Fixture       *fx,
                                 gconstpointer  data)
{
  SlPipelinePage *page = show_pipeline (fx);
  SlPipelineColumn *column = SL_PIPELINE_COLUMN (sl_pipeline_page_get_column (page, "pool"));
  guint all = n_cards (page, "pool");
  gint64 last = sl_roster_model_get_id (sl_pipeline_column_get_model (column), all - 1);
  GListModel *shown = shown_cards (page, "pool");

  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 40);
  g_assert_true (sl_pipeline_column_focus_firm (column, last));
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, all);
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (shown)), ==, all - 1);
}

/* End, pressed on the first cards, goes to the column's last card: the
 * key as the window delivers it, first to the controllers that capture
 * it, then to the list view's own binding. */
static void
test_pipeline_first_cards_end (Fixture       *fx,
                               gconstpointer  data)
{
  SlPipelinePage *page = show_pipeline (fx);
  GtkWidget *list = GTK_WIDGET (child (sl_pipeline_page_get_column (page, "pool"), SL_TYPE_PIPELINE_COLUMN, "list_view"));
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (list);
  GListModel *shown = shown_cards (page, "pool");
  guint all = n_cards (page, "pool");
  gboolean bound = FALSE;

  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 40);
  g_assert_true (gtk_widget_child_focus (list, GTK_DIR_TAB_FORWARD));
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);
      gboolean handled = FALSE;

      if (GTK_IS_EVENT_CONTROLLER_KEY (c) && gtk_event_controller_get_propagation_phase (c) == GTK_PHASE_CAPTURE)
        g_signal_emit_by_name (c, "key-pressed", GDK_KEY_End, 0, 0, &handled);
      g_assert_false (handled);
    }
  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !bound; i++)
    {
      g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (c))
        continue;
      for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (c)) && !bound; k++)
        {
          g_autoptr(GtkShortcut) sc = g_list_model_get_item (G_LIST_MODEL (c), k);
          g_autofree char *trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (sc));

          if (g_str_equal (trigger, "End"))
            bound = gtk_shortcut_action_activate (gtk_shortcut_get_action (sc), 0, list, gtk_shortcut_get_arguments (sc));
        }
    }
  g_assert_true (bound);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, all);
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (shown)), ==, all - 1);
}

int
main (int   argc,
      char *argv[])
{
  sl_ui_test_init (&argc, &argv);

  g_test_add ("/ui/pipeline/moves", Fixture, NULL, fixture_set_up, test_pipeline_moves, fixture_tear_down);
  g_test_add ("/ui/pipeline/drop", Fixture, NULL, fixture_set_up, test_pipeline_drop, fixture_tear_down);
  g_test_add ("/ui/pipeline/keyboard", Fixture, NULL, fixture_set_up, test_pipeline_keyboard, fixture_tear_down);
  g_test_add ("/ui/pipeline/filter-and-cards", Fixture, NULL, fixture_set_up, test_pipeline_filter_and_cards, fixture_tear_down);
  g_test_add ("/ui/pipeline/first-cards-scroll", Fixture, NULL, fixture_set_up, test_pipeline_first_cards_scroll, fixture_tear_down);
  g_test_add ("/ui/pipeline/first-cards-focus", Fixture, NULL, fixture_set_up, test_pipeline_first_cards_focus, fixture_tear_down);
  g_test_add ("/ui/pipeline/first-cards-end", Fixture, NULL, fixture_set_up, test_pipeline_first_cards_end, fixture_tear_down);
  g_test_add ("/ui/pipeline/card-colours", Fixture, NULL, fixture_set_up, test_pipeline_card_colours, fixture_tear_down);

  return g_test_run ();
}
