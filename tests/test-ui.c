/* test-ui.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <gtk/gtk.h>
#include <locale.h>

#include "sl-date-entry.h"
#include "sl-demo.h"
#include "sl-enterprise-editor.h"
#include "sl-figures.h"
#include "sl-figures-grid.h"
#include "sl-ledger-settings.h"
#include "sl-project.h"
#include "sl-projects-page.h"
#include "sl-roster-item.h"
#include "sl-pipeline.h"
#include "sl-overview-page.h"
#include "sl-reminders.h"
#include "sl-roster-page.h"
#include "sl-summary.h"
#include "sl-ui-utils.h"
#include "sl-util.h"
#include "sl-target.h"
#include "sl-targets-editor.h"

#include "sl-bulletins-page.h"
#include "sl-ui-test-util.h"

static guint
n_rows (SlRosterPage *page)
{
  return g_list_model_get_n_items (G_LIST_MODEL (sl_roster_page_get_model (page)));
}

static void
test_window_builds (Fixture       *fx,
                    gconstpointer  data)
{
  GtkLabel *count = GTK_LABEL (child (fx->roster, SL_TYPE_ROSTER_PAGE, "count_label"));
  GtkStack *stack = GTK_STACK (child (fx->roster, SL_TYPE_ROSTER_PAGE, "view_stack"));

  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (fx->roster)));
  g_assert_cmpuint (n_rows (fx->roster), ==, DEMO_N);
  g_assert_cmpuint (n_rows (fx->trash), ==, 0);
  g_assert_cmpstr (gtk_label_get_text (count), ==, "120 of 120 enterprises");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "list");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (child (fx->roster, SL_TYPE_ROSTER_PAGE, "column_view"))));
}

typedef struct
{
  SlRosterPage *page;
  guint         n;
} Change;

/* Setting a search entry's text clears it first, which GtkSearchEntry
 * announces at once; the search itself follows after its delay. */
static gboolean
rows_reached (gpointer data)
{
  Change *c = data;
  return n_rows (c->page) == c->n;
}

static void
test_search_narrows (Fixture       *fx,
                     gconstpointer  data)
{
  GtkEditable *search = GTK_EDITABLE (child (fx->roster, SL_TYPE_ROSTER_PAGE, "search_entry"));
  g_autoptr(SlRosterRow) first = sl_roster_row_load (fx->store, sl_roster_model_get_id (sl_roster_page_get_model (fx->roster), 7));
  g_autofree char *term = g_utf8_substring (first->name, 2, 5);   /* three characters of a real name */
  SlRosterQuery q = { .search = term };
  g_autoptr(GArray) expected = sl_roster_query (fx->store, &q, NULL);
  SlRosterQuery one = { .search = "瑞" };
  g_autoptr(GArray) expected_one = sl_roster_query (fx->store, &one, NULL);
  Change change = { fx->roster, expected->len };

  g_assert_cmpuint (expected->len, <, DEMO_N);
  g_assert_cmpuint (expected_one->len, <, DEMO_N);
  g_assert_cmpuint (expected_one->len, !=, expected->len);
  gtk_editable_set_text (search, term);
  spin_until (rows_reached, &change);
  g_assert_cmpuint (n_rows (fx->roster), ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    g_assert_cmpint (sl_roster_model_get_id (sl_roster_page_get_model (fx->roster), i), ==, g_array_index (expected, gint64, i));

  /* One Chinese character narrows too, and clearing brings all back. */
  change.n = expected_one->len;
  gtk_editable_set_text (search, "瑞");
  spin_until (rows_reached, &change);
  g_assert_cmpuint (n_rows (fx->roster), ==, expected_one->len);
  gtk_widget_activate_action (GTK_WIDGET (fx->roster), "roster.clear-filters", NULL);
  g_assert_cmpuint (n_rows (fx->roster), ==, DEMO_N);

  /* Esc in the search box (its stop-search) clears it, as the shortcuts window says. */
  change.n = expected_one->len;
  gtk_editable_set_text (search, "瑞");
  spin_until (rows_reached, &change);
  g_signal_emit_by_name (search, "stop-search");
  g_assert_cmpstr (gtk_editable_get_text (search), ==, "");
  change.n = DEMO_N;
  spin_until (rows_reached, &change);
  g_assert_cmpuint (n_rows (fx->roster), ==, DEMO_N);
}

static void
test_sort (Fixture       *fx,
           gconstpointer  data)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (child (fx->roster, SL_TYPE_ROSTER_PAGE, "column_view"));
  GListModel *columns = gtk_column_view_get_columns (view);
  g_autoptr(GtkColumnViewColumn) name = g_list_model_get_item (columns, 0);
  g_autoptr(GtkColumnViewColumn) revenue = g_list_model_get_item (columns, 5);
  SlRosterModel *model = sl_roster_page_get_model (fx->roster);
  gint64 first = sl_roster_model_get_id (model, 0);
  gint64 last = sl_roster_model_get_id (model, DEMO_N - 1);

  /* As a header click does: the same column again turns the order round. */
  gtk_column_view_sort_by_column (view, name, GTK_SORT_DESCENDING);
  g_assert_cmpint (sl_roster_model_get_id (model, 0), ==, last);
  g_assert_cmpint (sl_roster_model_get_id (model, DEMO_N - 1), ==, first);

  gtk_column_view_sort_by_column (view, revenue, GTK_SORT_DESCENDING);
  for (guint i = 1; i < DEMO_N; i++)
    {
      g_autoptr(SlRosterItem) a = g_list_model_get_item (G_LIST_MODEL (model), i - 1);
      g_autoptr(SlRosterItem) b = g_list_model_get_item (G_LIST_MODEL (model), i);
      g_assert_cmpint (sl_roster_item_get_row (a)->latest_revenue, >=, sl_roster_item_get_row (b)->latest_revenue);
    }
}

static void
test_editor_refuses_bad_code (Fixture       *fx,
                              gconstpointer  data)
{
  gint64 id = sl_roster_model_get_id (sl_roster_page_get_model (fx->roster), 3);
  gint64 other = sl_roster_model_get_id (sl_roster_page_get_model (fx->roster), 4);
  g_autoptr(SlEnterprise) before = sl_enterprise_load (fx->store, id, NULL);
  g_autoptr(SlEnterprise) other_e = sl_enterprise_load (fx->store, other, NULL);
  g_autoptr(SlEnterprise) after = NULL;
  GtkWindow *editor = sl_window_open_editor (fx->window, id);
  SlEnterpriseEditor *ed = SL_ENTERPRISE_EDITOR (editor);
  GtkEditable *code = GTK_EDITABLE (sl_enterprise_editor_get_field (ed, "credit_code"));
  GtkEditable *name = GTK_EDITABLE (sl_enterprise_editor_get_field (ed, "name"));
  gint64 audits = sl_test_query_int (fx->store, "SELECT count(*) FROM audit_log");
  g_autofree char *bad = g_strdup (before->credit_code);

  g_assert_cmpstr (gtk_editable_get_text (code), ==, before->credit_code);
  g_assert_null (sl_enterprise_editor_get_message (ed, "credit_code"));

  /* A typo in the check character: the message stands beside the field at once. */
  bad[17] = bad[17] == '0' ? '1' : '0';
  gtk_editable_set_text (name, "改过的名字有限公司");
  gtk_editable_set_text (code, bad);
  g_assert_nonnull (strstr (sl_enterprise_editor_get_message (ed, "credit_code"), "check character"));
  /* Save is offered and refuses, the reason beside the field. */
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (ed), SL_TYPE_ENTERPRISE_EDITOR, "save_button"))));
  g_assert_false (sl_enterprise_editor_save (ed));

  /* Another firm's code: named, and refused as well. */
  gtk_editable_set_text (code, other_e->credit_code);
  g_assert_nonnull (strstr (sl_enterprise_editor_get_message (ed, "credit_code"), other_e->name));
  g_assert_false (sl_enterprise_editor_save (ed));

  after = sl_enterprise_load (fx->store, id, NULL);
  g_assert_cmpstr (after->credit_code, ==, before->credit_code);
  g_assert_cmpstr (after->name, ==, before->name);
  g_assert_cmpint (sl_test_query_int (fx->store, "SELECT count(*) FROM audit_log"), ==, audits);

  /* A good change saves, with its audit row. */
  gtk_editable_set_text (code, before->credit_code);
  g_assert_null (sl_enterprise_editor_get_message (ed, "credit_code"));
  g_assert_true (sl_enterprise_editor_save (ed));
  g_clear_pointer (&after, sl_enterprise_free);
  after = sl_enterprise_load (fx->store, id, NULL);
  g_assert_cmpstr (after->name, ==, "改过的名字有限公司");
  g_assert_cmpint (sl_test_query_int (fx->store, "SELECT count(*) FROM audit_log"), ==, audits + 1);
  gtk_window_destroy (editor);
}

static double
field_y (GtkWidget *widget,
         GtkWindow *window)
{
  double x, y;

  g_assert_true (gtk_widget_translate_coordinates (widget, GTK_WIDGET (window), 0, 0, &x, &y));
  return y;
}

static GtkWidget *
find_label (GtkWidget  *widget,
            const char *prefix)
{
  if (GTK_IS_LABEL (widget) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), prefix))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_label (c, prefix);

      if (found)
        return found;
    }
  return NULL;
}

/* A firm with no change recorded says so on its history tab, in view. */
static void
test_editor_empty_history (Fixture       *fx,
                           gconstpointer  data)
{
  gint64 id = sl_test_query_int (fx->store, "SELECT min (id) FROM enterprise WHERE id NOT IN"
                                            " (SELECT entity_id FROM audit_log WHERE entity = 'enterprise')");
  GtkWindow *editor = sl_window_open_editor (fx->window, id);
  GtkWidget *label;

  g_assert_cmpint (id, >, 0);
  spin_until (window_mapped, editor);
  gtk_notebook_set_current_page (GTK_NOTEBOOK (gtk_window_get_child (editor)), 4);
  spin_for (200);
  label = find_label (GTK_WIDGET (editor), "No changes recorded for this enterprise.");
  g_assert_nonnull (label);
  g_assert_true (gtk_widget_get_mapped (label));
  g_assert_cmpint (gtk_widget_get_height (label), >, 0);
  gtk_window_destroy (editor);
}

/* A new firm's jurisdiction is chosen, never preselected: saving without
 * one is refused beside the field, and nothing is written. */
static void
test_new_firm_chooses_jurisdiction (Fixture       *fx,
                                    gconstpointer  data)
{
  GtkWindow *editor = sl_window_open_editor (fx->window, 0);
  SlEnterpriseEditor *ed = SL_ENTERPRISE_EDITOR (editor);
  GtkDropDown *jurisdiction = GTK_DROP_DOWN (sl_enterprise_editor_get_field (ed, "jurisdiction"));
  gint64 firms = sl_store_count_enterprises (fx->store);
  const char *code = "91320700MA1MXYW8KY";
  double jurisdiction_y;
  gint64 id;

  g_assert_cmpint (sl_enterprise_find_by_code (fx->store, code), ==, 0);
  g_assert_cmpuint (gtk_drop_down_get_selected (jurisdiction), ==, GTK_INVALID_LIST_POSITION);
  /* A new form opens with the name to type into and no red. */
  g_assert_true (gtk_widget_has_focus (sl_enterprise_editor_get_field (ed, "name"))
                 || gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (editor)), sl_enterprise_editor_get_field (ed, "name")));
  g_assert_null (sl_enterprise_editor_get_message (ed, "credit_code"));
  gtk_editable_set_text (GTK_EDITABLE (sl_enterprise_editor_get_field (ed, "name")), "未选地区的新公司");
  /* The name typed, the code not yet: still no red until Save. */
  g_assert_null (sl_enterprise_editor_get_message (ed, "credit_code"));
  spin_until (window_mapped, editor);
  spin_for (100);
  jurisdiction_y = field_y (GTK_WIDGET (jurisdiction), editor);
  g_assert_false (sl_enterprise_editor_save (ed));
  g_assert_nonnull (sl_enterprise_editor_get_message (ed, "credit_code"));
  /* The message stands below the form: the fields under the code stay put. */
  spin_for (100);
  g_assert_cmpfloat (field_y (GTK_WIDGET (jurisdiction), editor), ==, jurisdiction_y);
  g_assert_true (gtk_widget_has_css_class (sl_enterprise_editor_get_field (ed, "credit_code"), "error"));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (editor)), sl_enterprise_editor_get_field (ed, "credit_code")));
  gtk_editable_set_text (GTK_EDITABLE (sl_enterprise_editor_get_field (ed, "credit_code")), code);
  g_assert_false (sl_enterprise_editor_save (ed));
  g_assert_nonnull (sl_enterprise_editor_get_message (ed, "jurisdiction"));
  g_assert_nonnull (strstr (sl_enterprise_editor_get_message (ed, "jurisdiction"), "required"));
  /* One message at a time: the code's has gone, and its mark with it. */
  g_assert_null (sl_enterprise_editor_get_message (ed, "credit_code"));
  g_assert_false (gtk_widget_has_css_class (sl_enterprise_editor_get_field (ed, "credit_code"), "error"));
  spin_for (100);
  g_assert_cmpfloat (field_y (GTK_WIDGET (jurisdiction), editor), ==, jurisdiction_y);
  g_assert_cmpint (sl_store_count_enterprises (fx->store), ==, firms);

  gtk_drop_down_set_selected (jurisdiction, 2);
  /* A day as a clerk types it, saved as the day it is. */
  gtk_editable_set_text (GTK_EDITABLE (sl_enterprise_editor_get_field (ed, "founded_on")), "2018年3月5日");
  g_assert_true (sl_enterprise_editor_save (ed));
  id = sl_enterprise_find_by_code (fx->store, code);
  g_assert_cmpint (sl_test_query_int_printf (fx->store, "SELECT founded_on = '2018-03-05' FROM enterprise WHERE id = %" G_GINT64_FORMAT, id), ==, 1);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (sl_test_query_int_printf (fx->store, "SELECT jurisdiction_id FROM enterprise WHERE id = %" G_GINT64_FORMAT, id), ==,
                   sl_test_query_int (fx->store, "SELECT id FROM jurisdiction WHERE retired = 0 ORDER BY position, id LIMIT 1 OFFSET 2"));
  gtk_window_destroy (editor);
}

static GtkDialog *
find_dialog (void)
{
  g_autoptr(GList) windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l; l = l->next)
    if (GTK_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static void
test_editor_asks_before_losing_changes (Fixture       *fx,
                                        gconstpointer  data)
{
  gint64 id = sl_roster_model_get_id (sl_roster_page_get_model (fx->roster), 2);
  g_autoptr(SlEnterprise) before = sl_enterprise_load (fx->store, id, NULL);
  g_autoptr(SlEnterprise) after = NULL;
  GtkWindow *editor = sl_window_open_editor (fx->window, id);
  g_autoptr(GtkWindow) keep = g_object_ref (editor);
  GtkDialog *dialog;

  gtk_editable_set_text (GTK_EDITABLE (sl_enterprise_editor_get_field (SL_ENTERPRISE_EDITOR (editor), "contact")), "新联系人");
  g_assert_true (sl_enterprise_editor_is_dirty (SL_ENTERPRISE_EDITOR (editor)));
  gtk_window_close (editor);

  /* Still open, asking; discarding closes it and writes nothing. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  gtk_dialog_response (dialog, GTK_RESPONSE_REJECT);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (editor)));
  after = sl_enterprise_load (fx->store, id, NULL);
  g_assert_cmpstr (after->contact, ==, before->contact);
  g_clear_pointer (&after, sl_enterprise_free);

  /* Saving from the prompt writes the change and closes, with no critical
   * (the suite runs with fatal criticals). */
  editor = sl_window_open_editor (fx->window, id);
  g_clear_object (&keep);
  keep = g_object_ref (editor);
  gtk_editable_set_text (GTK_EDITABLE (sl_enterprise_editor_get_field (SL_ENTERPRISE_EDITOR (editor), "contact")), "新联系人");
  gtk_window_close (editor);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  gtk_dialog_response (dialog, GTK_RESPONSE_ACCEPT);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (editor)));
  after = sl_enterprise_load (fx->store, id, NULL);
  g_assert_cmpstr (after->contact, ==, "新联系人");
}

static void
test_ledger_settings (Fixture       *fx,
                      gconstpointer  data)
{
  GtkWindow *dialog = GTK_WINDOW (sl_ledger_settings_new (fx->store));
  GtkEditable *unit = GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (dialog), SL_TYPE_LEDGER_SETTINGS, "unit_entry"));
  GtkLabel *message = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (dialog), SL_TYPE_LEDGER_SETTINGS, "unit_message"));
  g_autofree char *stored = NULL;

  gtk_window_present (dialog);
  g_assert_cmpstr (gtk_editable_get_text (unit), ==, "连云港市专精特新企业培育工作专班");

  /* Empty is refused beside the field; a name is kept, with its audit row. */
  gtk_editable_set_text (unit, "  ");
  g_signal_emit_by_name (unit, "activate");
  g_assert_true (g_str_has_prefix (gtk_label_get_text (message), "Unit name"));
  gtk_editable_set_text (unit, "东海县专精特新培育工作专班");
  g_signal_emit_by_name (unit, "activate");
  stored = sl_store_get_setting (fx->store, "unit_name");
  g_assert_cmpstr (stored, ==, "东海县专精特新培育工作专班");
  g_assert_cmpint (sl_test_query_int (fx->store, "SELECT count(*) FROM audit_log WHERE entity = 'setting'"), ==, 1);
  gtk_window_destroy (dialog);

  /* From the window: the plan and that its period is over (today is
   * 2026-11-25); closed, the pages are built anew, with no critical. */
  gtk_widget_activate_action (GTK_WIDGET (fx->window), "win.ledger-settings", NULL);
  dialog = NULL;
  {
    GListModel *toplevels = gtk_window_get_toplevels ();

    for (guint i = 0; i < g_list_model_get_n_items (toplevels) && dialog == NULL; i++)
      {
        g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

        if (SL_IS_LEDGER_SETTINGS (w))
          dialog = GTK_WINDOW (w);
      }
  }
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (dialog), SL_TYPE_LEDGER_SETTINGS, "plan_label"))), ==,
                   "连云港市专精特新企业培育三年行动计划（2023—2025年）: the plan period has ended.");
  gtk_window_close (dialog);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_nonnull (sl_window_get_page (fx->window, "roster"));
  g_assert_nonnull (sl_window_get_page (fx->window, "pipeline"));
}

static void
test_projects_page (Fixture       *fx,
                    gconstpointer  data)
{
  SlProjectsPage *page = SL_PROJECTS_PAGE (sl_window_get_page (fx->window, "projects"));
  GtkListBox *items = GTK_LIST_BOX (child (page, SL_TYPE_PROJECTS_PAGE, "item_list"));
  GtkListBox *projects = GTK_LIST_BOX (child (page, SL_TYPE_PROJECTS_PAGE, "project_list"));
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  gint64 project;
  GtkWidget *row;
  GtkWidget *check;

  sl_window_show_page (fx->window, "projects");
  /* The eight programmes come first; the first is shown. */
  g_assert_nonnull (gtk_list_box_get_row_at_index (projects, 7));
  project = sl_projects_page_get_project (page);
  g_assert_cmpint (project, >, 0);
  g_assert_cmpuint (sl_projects_page_get_n_items (page), ==, 5);

  /* Ticking an item done stores today's date. */
  before = sl_checklist_list (fx->store, project, NULL, NULL);
  row = GTK_WIDGET (gtk_list_box_get_row_at_index (items, 1));
  check = gtk_widget_get_first_child (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row)));
  g_assert_true (GTK_IS_CHECK_BUTTON (check));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  after = sl_checklist_list (fx->store, project, NULL, NULL);
  g_assert_cmpstr (((SlChecklistItem *) after->pdata[1])->done_on, ==, "2026-11-25");

  /* Alt+Down's action moves the selected item one place down. */
  gtk_list_box_select_row (items, gtk_list_box_get_row_at_index (items, 0));
  gtk_widget_activate_action (GTK_WIDGET (page), "projects.move-down", NULL);
  g_clear_pointer (&after, g_ptr_array_unref);
  after = sl_checklist_list (fx->store, project, NULL, NULL);
  g_assert_cmpstr (((SlChecklistItem *) after->pdata[1])->title, ==, ((SlChecklistItem *) before->pdata[0])->title);

  /* Remove, and Ctrl+Z (the window's undo) puts it back. */
  row = GTK_WIDGET (gtk_list_box_get_row_at_index (items, 4));
  g_signal_emit_by_name (gtk_widget_get_last_child (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row))), "clicked");
  g_assert_cmpuint (sl_projects_page_get_n_items (page), ==, 4);
  gtk_widget_activate_action (GTK_WIDGET (fx->window), "win.undo", NULL);
  g_assert_cmpuint (sl_projects_page_get_n_items (page), ==, 5);
}

static void
test_dossier_from_editor (Fixture       *fx,
                          gconstpointer  data)
{
  gint64 id = sl_roster_model_get_id (sl_roster_page_get_model (fx->roster), 0);
  GtkWindow *editor = sl_window_open_editor (fx->window, id);
  SlProjectsPage *page = SL_PROJECTS_PAGE (sl_window_get_page (fx->window, "projects"));
  GtkListBox *dossiers = GTK_LIST_BOX (gtk_widget_get_template_child (GTK_WIDGET (editor), SL_TYPE_ENTERPRISE_EDITOR, "dossier_list"));
  g_autoptr(GPtrArray) list = NULL;

  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.new-dossier", NULL);
  list = sl_project_list_for_enterprise (fx->store, id, NULL);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_nonnull (gtk_list_box_get_row_at_index (dossiers, 0));
  /* Activating it shows it on the Projects page. */
  g_signal_emit_by_name (dossiers, "row-activated", gtk_list_box_get_row_at_index (dossiers, 0));
  g_assert_cmpint (sl_projects_page_get_project (page), ==, ((SlProject *) list->pdata[0])->id);
  g_assert_cmpuint (sl_projects_page_get_n_items (page), ==, ((SlProject *) list->pdata[0])->n_items);
  gtk_window_destroy (editor);
}

static void
test_threshold_hints (Fixture       *fx,
                      gconstpointer  data)
{
  gint64 id = sl_test_query_int (fx->store,
    "SELECT id FROM enterprise WHERE top_tier = (SELECT level FROM tier WHERE key = 'innovative') ORDER BY id LIMIT 1");
  g_autofree char *next = sl_pipeline_next_tier (fx->store, id, NULL);
  g_autoptr(GPtrArray) checks = sl_pipeline_check_thresholds (fx->store, id, "srdi", NULL, NULL);
  GtkWindow *editor = sl_window_open_editor (fx->window, id);
  GtkWidget *box = GTK_WIDGET (child (editor, SL_TYPE_ENTERPRISE_EDITOR, "hints_box"));
  GtkWidget *line;
  guint i = 0;

  g_assert_cmpint (id, >, 0);
  g_assert_cmpstr (next, ==, "srdi");
  g_assert_cmpuint (checks->len, >, 0);
  g_assert_true (gtk_widget_get_visible (box));
  /* A heading, then one line per threshold: met in green, missed in red,
   * unknown dimmed, each saying so in words too. */
  for (line = gtk_widget_get_next_sibling (gtk_widget_get_first_child (box)); line; line = gtk_widget_get_next_sibling (line), i++)
    {
      SlThresholdCheck *c = checks->pdata[i];
      const char *text = gtk_label_get_text (GTK_LABEL (line));

      g_assert_nonnull (strstr (text, c->name));
      g_assert_true (gtk_widget_has_css_class (line, c->met == 1 ? "success" : c->met == 0 ? "error" : "dim-label"));
      g_assert_true (g_str_has_prefix (text, c->met == 1 ? "✓" : c->met == 0 ? "✗" : "?"));
    }
  g_assert_cmpuint (i, ==, checks->len);
  gtk_window_destroy (editor);
}

static void
test_targets_editor (Fixture       *fx,
                     gconstpointer  data)
{
  SlTargetsEditor *editor = SL_TARGETS_EDITOR (g_object_ref_sink (sl_targets_editor_new (fx->store)));
  gint64 county = sl_jurisdiction_find (fx->store, "东海县");
  GtkEditable *entry;
  gint64 audits = sl_test_query_int (fx->store, "SELECT count(*) FROM audit_log WHERE entity = 'target'");

  /* A county's own share, typed and confirmed with Enter. */
  sl_targets_editor_select (editor, county, 2025);
  entry = sl_targets_editor_get_entry (editor, "srdi_count");
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "");
  g_assert_cmpstr (gtk_entry_get_placeholder_text (GTK_ENTRY (entry)), ==, "200");
  gtk_editable_set_text (entry, "35");
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpint (sl_test_query_int (fx->store,
    "SELECT value FROM target WHERE metric_key = 'srdi_count' AND jurisdiction_id IS NOT NULL AND year = 2025"), ==, 35);
  g_assert_cmpint (sl_test_query_int (fx->store, "SELECT count(*) FROM audit_log WHERE entity = 'target'"), ==, audits + 1);

  /* Not a number: said below, kept in the entry, nothing written. */
  gtk_editable_set_text (entry, "三十");
  g_signal_emit_by_name (entry, "activate");
  g_assert_nonnull (strstr (sl_targets_editor_get_message (editor), "三十"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (entry), "error"));
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "三十");
  g_assert_cmpint (sl_test_query_int (fx->store, "SELECT count(*) FROM audit_log WHERE entity = 'target'"), ==, audits + 1);

  /* Emptied: the county's own value goes, the city's applies again. */
  gtk_editable_set_text (entry, "");
  g_signal_emit_by_name (entry, "activate");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (entry), "error"));
  g_assert_cmpint (sl_test_query_int (fx->store,
    "SELECT count(*) FROM target WHERE metric_key = 'srdi_count' AND jurisdiction_id IS NOT NULL"), ==, 0);

  /* The whole ledger's row shows the plan's value as its own. */
  sl_targets_editor_select (editor, 0, 2025);
  g_assert_cmpstr (gtk_editable_get_text (sl_targets_editor_get_entry (editor, "srdi_count")), ==, "200");
  g_object_unref (editor);
}

/* Typed figures: a county's own count of a manual indicator and the
 * statistics bureau's whole of a share, written with an audit row each,
 * and what the bulletin's summary then takes. */
static void
test_typed_figures_editor (Fixture       *fx,
                           gconstpointer  data)
{
  SlTargetsEditor *editor = SL_TARGETS_EDITOR (g_object_ref_sink (sl_targets_editor_new_full (fx->store, TRUE)));
  gint64 county = sl_jurisdiction_find (fx->store, "东海县");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) summary = NULL;
  GtkEditable *entry;
  JsonArray *indicators;

  sl_targets_editor_select (editor, county, 2025);
  /* Only figures taken typed have a row. */
  g_assert_null (sl_targets_editor_get_entry (editor, "srdi_count"));
  entry = sl_targets_editor_get_entry (editor, "cluster_count");
  g_assert_nonnull (entry);
  gtk_editable_set_text (entry, "4");
  g_signal_emit_by_name (entry, "activate");
  g_assert_nonnull (strstr (sl_targets_editor_get_message (editor), "4"));
  entry = sl_targets_editor_get_entry (editor, "main_revenue_share.whole");
  gtk_editable_set_text (entry, "-5");
  g_signal_emit_by_name (entry, "activate");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (entry), "error"));
  gtk_editable_set_text (entry, "123456.5");
  g_signal_emit_by_name (entry, "activate");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (entry), "error"));
  g_assert_cmpint (sl_test_query_int (fx->store, "SELECT count(*) FROM audit_log WHERE entity = 'typed_figure'"), ==, 2);
  g_assert_cmpint (sl_test_query_int (fx->store,
    "SELECT 10 * value FROM typed_figure WHERE figure_key = 'main_revenue_share.whole' AND year = 2025"), ==, 1234565);

  summary = sl_summary_compute (fx->store, "2025-12", "东海县", &error);
  g_assert_no_error (error);
  indicators = json_object_get_array_member (json_node_get_object (summary), "indicators");
  for (guint i = 0; i < json_array_get_length (indicators); i++)
    {
      JsonObject *ind = json_array_get_object_element (indicators, i);

      if (g_str_equal (json_object_get_string_member (ind, "metric"), "cluster_count"))
        {
          g_assert_false (json_object_get_boolean_member (ind, "ledger_wide"));
          g_assert_cmpfloat (json_object_get_double_member (ind, "value"), ==, 4);
        }
    }
  g_object_unref (editor);
}

static gboolean
overview_loaded (gpointer data)
{
  return !sl_overview_page_is_loading (data);
}

static void
test_overview (Fixture       *fx,
               gconstpointer  data)
{
  SlOverviewPage *page = SL_OVERVIEW_PAGE (sl_window_get_page (fx->window, "overview"));
  GtkListBox *targets = GTK_LIST_BOX (child (page, SL_TYPE_OVERVIEW_PAGE, "targets_list"));
  GtkListBox *reminders = GTK_LIST_BOX (child (page, SL_TYPE_OVERVIEW_PAGE, "reminders_list"));
  g_autofree char *today = sl_today ();
  g_autoptr(JsonNode) summary = sl_summary_compute_at (fx->store, today, NULL, NULL);
  JsonArray *indicators = json_object_get_array_member (json_node_get_object (summary), "indicators");
  g_autoptr(GPtrArray) due = sl_reminders_list (fx->store, today, 0, NULL);
  gint64 opened = 0;
  gint64 opened_project = 0;
  guint activated = 0;
  guint n = 0;

  /* The first page, counted in the background on its own connection. */
  sl_window_show_page (fx->window, "overview");
  spin_until (overview_loaded, page);
  g_assert_false (sl_overview_page_is_loading (page));

  /* Every target of the plan, with today's value as --summary computes it. */
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (targets)); row; row = gtk_widget_get_next_sibling (row), n++)
    {
      JsonObject *ind = json_array_get_object_element (indicators, n);
      GtkWidget *box = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));
      GtkWidget *name = gtk_widget_get_first_child (box);
      GtkWidget *bar = gtk_widget_get_next_sibling (name);
      GtkWidget *text = gtk_widget_get_next_sibling (bar);
      JsonNode *value = json_object_get_member (ind, "value");
      JsonNode *met = json_object_get_member (ind, "met");

      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (name)), ==, json_object_get_string_member (ind, "name"));
      if (!JSON_NODE_HOLDS_NULL (value))
        {
          g_autofree char *number = sl_ui_format_number (json_node_get_double (value));
          g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (text)), number));
        }
      if (!JSON_NODE_HOLDS_NULL (met) && json_node_get_boolean (met))
        {
          g_assert_true (gtk_widget_has_css_class (bar, "target-met"));
          g_assert_cmpfloat (gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (bar)), ==, 1.0);
        }
    }
  g_assert_cmpuint (n, ==, json_array_get_length (indicators));

  /* The reminders, soonest first; activating one about a firm opens it. */
  g_assert_cmpuint (due->len, >, 0);
  g_assert_nonnull (gtk_list_box_get_row_at_index (reminders, MIN (due->len, 15) - 1));
  g_assert_null (gtk_list_box_get_row_at_index (reminders, MIN (due->len, 15)));
  g_signal_connect_swapped (page, "open-enterprise", G_CALLBACK (capture_id), &opened);
  g_signal_connect_swapped (page, "open-project", G_CALLBACK (capture_id), &opened_project);
  for (guint i = 0; i < MIN (due->len, 15); i++)
    {
      SlReminder *r = due->pdata[i];

      if (r->kind == SL_REMINDER_DATA_UPDATE)
        continue;
      g_signal_emit_by_name (reminders, "row-activated", gtk_list_box_get_row_at_index (reminders, i));
      if (r->kind == SL_REMINDER_OVERDUE_ITEM)
        g_assert_cmpint (opened_project, ==, r->project_id);
      else
        g_assert_cmpint (opened, ==, r->enterprise_id);
      activated++;
    }
  g_assert_cmpuint (activated, >, 0);
  g_assert_cmpint (opened + opened_project, >, 0);

  /* A change elsewhere makes the overview count again when shown (Alt+2,
   * Alt+1: the pages' shortcuts). */
  gtk_widget_activate_action (GTK_WIDGET (fx->window), "win.show-page", "s", "roster");
  g_assert_true (gtk_stack_get_visible_child (GTK_STACK (gtk_widget_get_parent (GTK_WIDGET (fx->roster))))
                 == GTK_WIDGET (fx->roster));
  g_assert_true (sl_target_set (fx->store, "srdi_count", 0, 2026, 321, NULL));
  gtk_widget_activate_action (GTK_WIDGET (fx->window), "win.show-page", "s", "overview");
  g_assert_true (sl_overview_page_is_loading (page));
  spin_until (overview_loaded, page);
}

static void
test_delete_undo (Fixture       *fx,
                  gconstpointer  data)
{
  GtkRevealer *banner = GTK_REVEALER (child (fx->window, SL_TYPE_WINDOW, "banner"));
  gint64 id = sl_roster_page_get_selected (fx->roster);
  g_autoptr(SlEnterprise) e = sl_enterprise_load (fx->store, id, NULL);

  g_assert_cmpint (id, >, 0);
  gtk_widget_grab_focus (GTK_WIDGET (child (fx->roster, SL_TYPE_ROSTER_PAGE, "search_entry")));
  gtk_widget_activate_action (GTK_WIDGET (fx->roster), "roster.delete", NULL);
  g_assert_cmpuint (n_rows (fx->roster), ==, DEMO_N - 1);
  /* The keyboard goes on in the list, at the row now in the deleted one's place. */
  {
    GtkWidget *list = GTK_WIDGET (child (fx->roster, SL_TYPE_ROSTER_PAGE, "column_view"));
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (fx->window));

    g_assert_nonnull (focus);
    g_assert_true (focus == list || gtk_widget_is_ancestor (focus, list));
    g_assert_cmpint (sl_roster_page_get_selected (fx->roster), >, 0);
    g_assert_cmpint (sl_roster_page_get_selected (fx->roster), !=, id);
    {
      /* On the selected row itself: its name is in the focused row. */
      g_autoptr(SlEnterprise) next = sl_enterprise_load (fx->store, sl_roster_page_get_selected (fx->roster), NULL);
      g_assert_true (row_shows (focus, next->name));
    }
  }
  g_assert_cmpuint (n_rows (fx->trash), ==, 1);
  g_assert_cmpint (sl_roster_model_find (sl_roster_page_get_model (fx->roster), id), ==, -1);
  g_assert_true (gtk_revealer_get_reveal_child (banner));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (child (fx->window, SL_TYPE_WINDOW, "banner_label"))), e->name));

  gtk_widget_activate_action (GTK_WIDGET (fx->window), "win.undo", NULL);
  g_assert_cmpuint (n_rows (fx->roster), ==, DEMO_N);
  g_assert_cmpuint (n_rows (fx->trash), ==, 0);
  g_assert_cmpint (sl_roster_model_find (sl_roster_page_get_model (fx->roster), id), >=, 0);
  g_assert_false (gtk_revealer_get_reveal_child (banner));
  g_assert_cmpint (sl_test_query_int (fx->store, "SELECT count(*) FROM audit_log WHERE action IN ('trash', 'restore')"), ==, 2);

  /* From the Trash view: delete, restore there, and empty for good. */
  gtk_widget_activate_action (GTK_WIDGET (fx->roster), "roster.delete", NULL);
  gtk_widget_activate_action (GTK_WIDGET (fx->trash), "roster.restore", NULL);
  g_assert_cmpuint (n_rows (fx->roster), ==, DEMO_N);
  g_assert_cmpuint (sl_store_count_enterprises (fx->store), ==, DEMO_N);
}

/* Tab from the search box into the list lands on the selected row, not
 * on the first (or the one the keyboard was last on). */
static void
test_tab_into_roster (Fixture       *fx,
                      gconstpointer  data)
{
  GtkWidget *list = GTK_WIDGET (child (fx->roster, SL_TYPE_ROSTER_PAGE, "column_view"));
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_column_view_get_model (GTK_COLUMN_VIEW (list)));
  g_autoptr(SlEnterprise) e = NULL;
  GtkWidget *focus = NULL;

  gtk_single_selection_set_selected (selection, 7);
  e = sl_enterprise_load (fx->store, sl_roster_page_get_selected (fx->roster), NULL);
  g_assert_nonnull (e);
  gtk_widget_grab_focus (GTK_WIDGET (child (fx->roster, SL_TYPE_ROSTER_PAGE, "search_entry")));
  for (guint i = 0; i < 30; i++)
    {
      focus = gtk_root_get_focus (GTK_ROOT (fx->window));
      if (focus != NULL && gtk_widget_is_ancestor (focus, list))
        break;
      gtk_widget_child_focus (GTK_WIDGET (fx->window), GTK_DIR_TAB_FORWARD);
    }
  while (g_main_context_iteration (NULL, FALSE))
    ;
  focus = gtk_root_get_focus (GTK_ROOT (fx->window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, list));
  g_assert_true (row_shows (focus, e->name));
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 7);
}

static void
collect_entry_texts (GtkWidget *widget,
                     GPtrArray *texts)
{
  if (GTK_IS_ENTRY (widget))
    g_ptr_array_add (texts, g_strdup (gtk_editable_get_text (GTK_EDITABLE (widget))));
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    collect_entry_texts (c, texts);
}

/* Amounts in 万元 read with two decimals, and with four where the yuan
 * need them; saving gives back the same yuan, never rounded. */
static void
test_figures_grid_amounts (void)
{
  g_autoptr(GArray) figures = g_array_new (FALSE, FALSE, sizeof (SlFigures));
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) back = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *grid = g_object_ref_sink (sl_figures_grid_new ());
  SlFigures f;

  sl_figures_init (&f, 1, 2025);
  f.revenue = 165789000;       /* 16578.9 万元 */
  f.rd_expense = 168201300;    /* 16820.13 万元 */
  f.main_revenue = 12345678;   /* 1234.5678 万元 */
  f.net_profit = 50000000;     /* 5000 万元 */
  g_array_append_val (figures, f);
  sl_figures_grid_set_figures (SL_FIGURES_GRID (grid), figures);
  collect_entry_texts (grid, texts);
  g_assert_true (g_ptr_array_find_with_equal_func (texts, "16578.90", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (texts, "16820.13", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (texts, "1234.5678", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (texts, "5000.00", g_str_equal, NULL));
  back = sl_figures_grid_collect (SL_FIGURES_GRID (grid), 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->len, ==, 1);
  g_assert_cmpint (g_array_index (back, SlFigures, 0).revenue, ==, 165789000);
  g_assert_cmpint (g_array_index (back, SlFigures, 0).main_revenue, ==, 12345678);
  g_assert_cmpint (g_array_index (back, SlFigures, 0).net_profit, ==, 50000000);
  g_object_unref (grid);
}

static void
test_empty_state (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) store = sl_ledger_open (":memory:", SL_STORE_OPEN_CREATE, &error);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  SlWindow *window = sl_window_new (NULL, store, settings);
  SlRosterPage *page = SL_ROSTER_PAGE (sl_window_get_page (window, "roster"));
  GtkStack *stack = GTK_STACK (child (page, SL_TYPE_ROSTER_PAGE, "view_stack"));

  gtk_window_present (GTK_WINDOW (window));
  /* A new ledger opens where the welcome is, not on an overview of zeros. */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (window, SL_TYPE_WINDOW, "stack"))), ==, "roster");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  /* An empty trash and no bulletin yet say so, each in its own words. */
  {
    SlRosterPage *trash = SL_ROSTER_PAGE (sl_window_get_page (window, "trash"));
    GtkWidget *bulletins = GTK_WIDGET (sl_window_get_page (window, "bulletins"));
    const char *icon = gtk_image_get_icon_name (GTK_IMAGE (child (trash, SL_TYPE_ROSTER_PAGE, "no_results_image")));

    g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (trash, SL_TYPE_ROSTER_PAGE, "view_stack"))), ==, "no-results");
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (trash, SL_TYPE_ROSTER_PAGE, "no_results_label"))), ==, "The trash is empty");
    g_assert_cmpstr (icon, ==, "user-trash-symbolic");
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "bulletins");
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (child (bulletins, SL_TYPE_BULLETINS_PAGE, "history_empty"))));
    g_assert_false (gtk_widget_get_visible (GTK_WIDGET (child (bulletins, SL_TYPE_BULLETINS_PAGE, "history_list"))));
  }
  gtk_widget_activate_action (GTK_WIDGET (window), "win.load-demo", NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "list");
  g_assert_cmpuint (n_rows (page), ==, 200);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_chinese (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) store = sl_ledger_open (":memory:", SL_STORE_OPEN_CREATE, &error);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  SlWindow *window;
  SlRosterPage *page;

  /* build-aux/dev.sh installs the locale; elsewhere the test says why it
   * did not run rather than failing. */
  if (setlocale (LC_ALL, "zh_CN.UTF-8") == NULL)
    {
      g_test_skip ("the zh_CN.UTF-8 locale is not installed (locale-gen zh_CN.UTF-8)");
      return;
    }
  sl_demo_generate (store, 30, NULL, NULL, NULL, NULL);
  window = sl_window_new (NULL, store, settings);
  page = SL_ROSTER_PAGE (sl_window_get_page (window, "roster"));
  gtk_window_present (GTK_WINDOW (window));

  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (page, SL_TYPE_ROSTER_PAGE, "count_label"))), ==, "30 / 30 家企业");
  /* Counts grouped as Chinese writes them, everywhere they are shown. */
  {
    g_autofree char *count = sl_ui_format_number (1331);
    g_autofree char *figure = sl_ui_format_number (16578.9);

    g_assert_cmpstr (count, ==, "1,331");
    g_assert_cmpstr (figure, ==, "16,578.9");
  }
  /* A day's field shows a day as every page does, and gives it back whole. */
  {
    SlDateEntry *day = SL_DATE_ENTRY (g_object_ref_sink (sl_date_entry_new ()));
    g_autofree char *iso = NULL;

    gtk_editable_set_text (GTK_EDITABLE (day), "2018-03-05");
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (day)), ==, "2018年3月5日");
    iso = sl_date_entry_get_iso (day);
    g_assert_cmpstr (iso, ==, "2018-03-05");
    g_assert_cmpstr (gtk_entry_get_placeholder_text (GTK_ENTRY (day)), ==, "例如 2025年12月1日");
    g_object_unref (day);
  }
  /* Months as Chinese writes them: the Bulletins page's months and history. */
  {
    g_autofree char *month = sl_month_display ("2026-11");
    g_autofree char *not_month = sl_month_display ("2026-13");

    g_assert_cmpstr (month, ==, "2026年11月");
    g_assert_cmpstr (not_month, ==, "2026-13");
  }
  {
    g_autofree char *placeholder = NULL;
    g_object_get (child (page, SL_TYPE_ROSTER_PAGE, "search_entry"), "placeholder-text", &placeholder, NULL);
    g_assert_cmpstr (placeholder, ==, "搜索企业名称、信用代码、联系人或产品");
  }
  g_assert_cmpstr (gtk_stack_page_get_title (gtk_stack_get_page (GTK_STACK (child (window, SL_TYPE_WINDOW, "stack")), GTK_WIDGET (page))), ==, "企业名册");
  {
    GListModel *columns = gtk_column_view_get_columns (GTK_COLUMN_VIEW (child (page, SL_TYPE_ROSTER_PAGE, "column_view")));
    g_autoptr(GtkColumnViewColumn) first = g_list_model_get_item (columns, 0);
    g_assert_cmpstr (gtk_column_view_column_get_title (first), ==, "企业名称");
  }
  gtk_window_destroy (GTK_WINDOW (window));
  setlocale (LC_ALL, "C.UTF-8");
}

/* A day's field: typed days tidied to one form on Enter, what is no day
 * kept for the record's check to name, and a calendar behind the icon. */
static void
test_date_entry (void)
{
  GtkWidget *window = gtk_window_new ();
  SlDateEntry *entry = SL_DATE_ENTRY (sl_date_entry_new ());
  GtkWidget *popover = NULL;
  g_autofree char *typed = NULL;

  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (entry));
  gtk_window_present (GTK_WINDOW (window));
  spin_until (window_mapped, window);
  g_assert_true (gtk_widget_get_mapped (window));
  /* The surface on its monitor, as a popover needs. */
  {
    gint64 end = g_get_monotonic_time () + G_USEC_PER_SEC / 2;
    while (g_get_monotonic_time () < end)
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
  }
  g_assert_nonnull (gtk_entry_get_placeholder_text (GTK_ENTRY (entry)));
  g_assert_nonnull (gtk_entry_get_icon_tooltip_text (GTK_ENTRY (entry), GTK_ENTRY_ICON_SECONDARY));
  gtk_editable_set_text (GTK_EDITABLE (entry), "2018/3/5");
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "2018-03-05");
  gtk_editable_set_text (GTK_EDITABLE (entry), "明天");
  g_signal_emit_by_name (entry, "activate");
  typed = sl_date_entry_get_iso (entry);
  g_assert_cmpstr (typed, ==, "明天");

  gtk_editable_set_text (GTK_EDITABLE (entry), "20240229");
  g_signal_emit_by_name (entry, "icon-press", GTK_ENTRY_ICON_SECONDARY);
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (entry)); c; c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_POPOVER (c) && gtk_widget_get_visible (c))
      popover = c;
  g_assert_nonnull (popover);
  {
    GtkCalendar *calendar = GTK_CALENDAR (gtk_popover_get_child (GTK_POPOVER (popover)));
    g_autoptr(GDateTime) shown = gtk_calendar_get_date (calendar);
    g_autoptr(GDateTime) day = g_date_time_new_local (2024, 3, 1, 0, 0, 0);

    /* It opens on the day typed, and a day chosen is the field's. */
    g_assert_cmpint (g_date_time_get_month (shown), ==, 2);
    g_assert_cmpint (g_date_time_get_day_of_month (shown), ==, 29);
    gtk_calendar_select_day (calendar, day);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "2024-03-01");
    g_assert_false (gtk_widget_get_visible (popover));
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  sl_ui_test_init (&argc, &argv);

  g_test_add ("/ui/window-builds", Fixture, NULL, fixture_set_up, test_window_builds, fixture_tear_down);
  g_test_add ("/ui/search-narrows", Fixture, NULL, fixture_set_up, test_search_narrows, fixture_tear_down);
  g_test_add ("/ui/sort", Fixture, NULL, fixture_set_up, test_sort, fixture_tear_down);
  g_test_add ("/ui/editor-refuses-bad-code", Fixture, NULL, fixture_set_up, test_editor_refuses_bad_code, fixture_tear_down);
  g_test_add ("/ui/new-firm-chooses-jurisdiction", Fixture, NULL, fixture_set_up, test_new_firm_chooses_jurisdiction, fixture_tear_down);
  g_test_add ("/ui/editor-empty-history", Fixture, NULL, fixture_set_up, test_editor_empty_history, fixture_tear_down);
  g_test_add ("/ui/editor-asks-before-losing-changes", Fixture, NULL, fixture_set_up, test_editor_asks_before_losing_changes, fixture_tear_down);
  g_test_add ("/ui/ledger-settings", Fixture, NULL, fixture_set_up, test_ledger_settings, fixture_tear_down);
  g_test_add ("/ui/projects-page", Fixture, NULL, fixture_set_up, test_projects_page, fixture_tear_down);
  g_test_add ("/ui/dossier-from-editor", Fixture, NULL, fixture_set_up, test_dossier_from_editor, fixture_tear_down);
  g_test_add ("/ui/threshold-hints", Fixture, NULL, fixture_set_up, test_threshold_hints, fixture_tear_down);
  g_test_add ("/ui/targets-editor", Fixture, NULL, fixture_set_up, test_targets_editor, fixture_tear_down);
  g_test_add ("/ui/typed-figures-editor", Fixture, NULL, fixture_set_up, test_typed_figures_editor, fixture_tear_down);
  g_test_add ("/ui/overview", Fixture, NULL, fixture_set_up, test_overview, fixture_tear_down);
  g_test_add ("/ui/delete-undo", Fixture, NULL, fixture_set_up, test_delete_undo, fixture_tear_down);
  g_test_add ("/ui/tab-into-roster", Fixture, NULL, fixture_set_up, test_tab_into_roster, fixture_tear_down);
  g_test_add_func ("/ui/figures-grid-amounts", test_figures_grid_amounts);
  g_test_add_func ("/ui/empty-state", test_empty_state);
  g_test_add_func ("/ui/date-entry", test_date_entry);
  g_test_add_func ("/ui/chinese", test_chinese);

  return g_test_run ();
}
