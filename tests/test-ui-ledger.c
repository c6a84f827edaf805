/* test-ui-ledger.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The window and the ledger file: a read-only ledger, changes made by
 * another process, the backups to restore, demo data in a ledger in use. */

#include "config.h"

#include "sl-application.h"

#include "sl-backup.h"
#include "sl-ledger.h"
#include "sl-restore-dialog.h"
#include "sl-ui-test-util.h"

static GtkWidget *
find_by_action (GtkWidget  *root,
                const char *action)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (GTK_IS_ACTIONABLE (c) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (c)), action) == 0)
        return c;
      if ((found = find_by_action (c, action)) != NULL)
        return found;
    }
  return NULL;
}

static void
test_read_only (void)
{
  g_autofree char *path = sl_test_temp_path ("ledger.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) store = sl_ledger_open (path, SL_STORE_OPEN_CREATE, &error);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  SlWindow *window;
  GtkWidget *bar, *add;

  g_assert_no_error (error);
  g_assert_true (sl_demo_generate (store, 30, NULL, NULL, NULL, &error));
  g_clear_object (&store);
  store = sl_ledger_open (path, SL_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);

  window = sl_window_new (NULL, store, settings);
  gtk_window_present (GTK_WINDOW (window));
  spin_until (window_mapped, window);
  bar = GTK_WIDGET (child (window, SL_TYPE_WINDOW, "read_only_bar"));
  g_assert_true (gtk_widget_get_visible (bar));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (child (window, SL_TYPE_WINDOW, "read_only_label"))),
                            "you chose to open it read-only"));
  /* What would write is not offered: the header bar's Add button is off. */
  add = find_by_action (gtk_window_get_titlebar (GTK_WINDOW (window)), "win.new-enterprise");
  g_assert_nonnull (add);
  g_assert_false (gtk_widget_is_sensitive (add));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.load-demo", NULL);
  g_assert_cmpint (sl_store_count_enterprises (store), ==, 30);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

typedef struct
{
  GtkLabel   *label;
  const char *expected;
} LabelWait;

static gboolean
label_is (gpointer data)
{
  LabelWait *w = data;
  return g_str_has_prefix (gtk_label_get_text (w->label), w->expected);
}

/* The command line adds firms while the window is open: the roster shows
 * them within the poll, with no error and no stale count. */
static GtkWidget *
find_of_type (GtkWidget *root,
              GType      type)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (c, type))
        return c;
      if ((found = find_of_type (c, type)) != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_model_button (GtkWidget  *root,
                   const char *text)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;
      g_autofree char *label = NULL;

      if (g_type_is_a (G_OBJECT_TYPE (c), g_type_from_name ("GtkModelButton")))
        {
          g_object_get (c, "text", &label, NULL);
          if (g_strcmp0 (label, text) == 0)
            return c;
        }
      if ((found = find_model_button (c, text)) != NULL)
        return found;
    }
  return NULL;
}

/* The main menu's item labelled @text, as the clerk would find it. */
static gboolean
menu_item_sensitive (SlWindow   *window,
                     const char *text)
{
  GtkWidget *button = find_of_type (gtk_window_get_titlebar (GTK_WINDOW (window)), GTK_TYPE_MENU_BUTTON);
  GtkWidget *item;
  gboolean sensitive;

  g_assert_nonnull (button);
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  item = find_model_button (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button))), text);
  g_assert_nonnull (item);
  sensitive = gtk_widget_is_sensitive (item);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
  return sensitive;
}

static void
test_outside_change (Fixture       *fx,
                     gconstpointer  data)
{
  const char *cli = g_getenv ("SL_CLI");
  const char *argv[] = { cli, "--db", sl_store_get_path (fx->store), "--demo", "25", NULL };
  g_auto(GStrv) env = sl_test_cli_environ ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  LabelWait w = { GTK_LABEL (child (fx->roster, SL_TYPE_ROSTER_PAGE, "count_label")), NULL };
  int status = 0;

  g_assert_nonnull (cli);
  g_assert_true (g_str_has_prefix (gtk_label_get_text (w.label), "120 of 120"));
  g_assert_true (g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  w.expected = "145 of 145";
  spin_until (label_is, &w);
  g_assert_cmpstr (gtk_label_get_text (w.label), ==, "145 of 145 enterprises");

  /* Undo Last Import is offered once there is an import to undo: here one
   * made by another process. */
  g_assert_false (menu_item_sensitive (fx->window, "Undo Last Import"));
  {
    g_autofree char *csv = sl_test_temp_path ("one.csv");
    const char *import[] = { cli, "--db", sl_store_get_path (fx->store), "--import", csv, NULL };

    g_assert_true (g_file_set_contents (csv, "企业名称,统一社会信用代码,所属地区\n连云港测试导入有限公司,91320700123456788B,海州区\n", -1, NULL));
    g_assert_true (g_spawn_sync (NULL, (char **) import, env, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, &error));
    g_assert_no_error (error);
  }
  w.expected = "146 of 146";
  spin_until (label_is, &w);
  g_assert_true (menu_item_sensitive (fx->window, "Undo Last Import"));
  gtk_widget_activate_action (GTK_WIDGET (fx->window), "win.undo-import", NULL);
  g_assert_cmpstr (gtk_label_get_text (w.label), ==, "145 of 145 enterprises");
  g_assert_false (menu_item_sensitive (fx->window, "Undo Last Import"));
}

static gboolean
has_backups (gpointer data)
{
  return sl_restore_dialog_get_n_backups (data) == 4;
}

static void
chosen_cb (SlRestoreDialog *dialog,
           const char      *path,
           const char      *date,
           char           **out)
{
  *out = g_strdup (date);
}

static void
test_restore_dialog (Fixture       *fx,
                     gconstpointer  data)
{
  const char *days[] = { "2026-11-20", "2026-11-23", "2026-11-24" };
  g_autoptr(GError) error = NULL;
  g_autofree char *chosen = NULL;
  SlRestoreDialog *dialog;
  GtkListBox *list;
  GtkListBoxRow *row;
  const char *text;

  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    {
      g_setenv ("SL_TODAY", days[i], TRUE);
      g_assert_true (sl_ledger_care (sl_store_get_path (fx->store), NULL, &error));
      g_assert_no_error (error);
    }
  g_setenv ("SL_TODAY", "2026-11-25", TRUE);

  dialog = sl_restore_dialog_new (GTK_WINDOW (fx->window), sl_store_get_path (fx->store));
  g_signal_connect (dialog, "chosen", G_CALLBACK (chosen_cb), &chosen);
  gtk_window_present (GTK_WINDOW (dialog));
  spin_until (has_backups, dialog);
  /* The three, and today's that the window made when it opened. */
  g_assert_cmpuint (sl_restore_dialog_get_n_backups (dialog), ==, 4);

  /* Newest first, each with its firms. */
  list = GTK_LIST_BOX (child (dialog, SL_TYPE_RESTORE_DIALOG, "backup_list"));
  row = gtk_list_box_get_row_at_index (list, 0);
  text = gtk_label_get_text (GTK_LABEL (gtk_list_box_row_get_child (row)));
  g_assert_nonnull (strstr (text, "120 enterprises"));
  g_assert_true (gtk_list_box_get_selected_row (list) == row);

  g_assert_true (sl_restore_dialog_select (dialog, 3));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "restore.apply", NULL);
  g_assert_cmpstr (chosen, ==, "2026-11-20");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static GtkWindow *
find_message (void)
{
  GListModel *tops = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (tops); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (tops, i);

      if (GTK_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return w;
    }
  return NULL;
}

/* In a ledger that holds firms, demo data is added only when the clerk says so. */
static void
test_demo_asks (Fixture       *fx,
                gconstpointer  data)
{
  GtkWindow *message;

  gtk_widget_activate_action (GTK_WIDGET (fx->window), "win.load-demo", NULL);
  message = find_message ();
  g_assert_nonnull (message);
  g_assert_cmpint (sl_store_count_enterprises (fx->store), ==, DEMO_N);
  gtk_dialog_response (GTK_DIALOG (message), GTK_RESPONSE_CANCEL);
  g_assert_cmpint (sl_store_count_enterprises (fx->store), ==, DEMO_N);

  gtk_widget_activate_action (GTK_WIDGET (fx->window), "win.load-demo", NULL);
  message = find_message ();
  g_assert_nonnull (message);
  gtk_dialog_response (GTK_DIALOG (message), GTK_RESPONSE_ACCEPT);
  g_assert_cmpint (sl_store_count_enterprises (fx->store), ==, DEMO_N + 200);
}

/* Quit quits: with two ledger windows open, Ctrl+Q's action closes both
 * (it used to walk the application's list while closing took windows out
 * of it); each window is named after its ledger. */
static void
test_quit_closes_all (void)
{
  g_autofree char *a_path = sl_test_temp_path ("county-a.db");
  g_autofree char *b_path = sl_test_temp_path ("county-b.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(SlStore) a = sl_ledger_open (a_path, SL_STORE_OPEN_CREATE, &error);
  g_autoptr(SlStore) b = sl_ledger_open (b_path, SL_STORE_OPEN_CREATE, &error);
  g_autoptr(SlApplication) app = sl_application_new ();
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  SlWindow *one, *two;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  one = sl_window_new (app, a, settings);
  two = sl_window_new (app, b, settings);
  gtk_window_present (GTK_WINDOW (one));
  gtk_window_present (GTK_WINDOW (two));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (one)), ==, "county-a.db — SRDI Ledger");
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 2);
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
  (void) two;
}

static gboolean
quit_when_shown (gpointer data)
{
  GApplication *app = data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  if (windows == NULL)
    return G_SOURCE_CONTINUE;
  g_object_set_data_full (G_OBJECT (app), "sl-test-title", g_strdup (gtk_window_get_title (windows->data)), g_free);
  g_object_set_data (G_OBJECT (app), "sl-test-windows", GUINT_TO_POINTER (g_list_length (windows)));
  g_application_quit (app);
  return G_SOURCE_REMOVE;
}

/* srdi-ledger FILE opens that ledger, not the default one. */
static void
test_open_named_ledger (void)
{
  g_autofree char *path = sl_test_temp_path ("named.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(SlApplication) app = sl_application_new ();
  char *argv[] = { (char *) "srdi-ledger", path, NULL };

  {
    g_autoptr(SlStore) store = sl_ledger_open (path, SL_STORE_OPEN_CREATE, &error);
    g_assert_no_error (error);
  }
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
  g_timeout_add (50, quit_when_shown, app);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 2, argv), ==, 0);
  g_assert_cmpstr (g_object_get_data (G_OBJECT (app), "sl-test-title"), ==, "named.db — SRDI Ledger");
  g_assert_cmpuint (GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (app), "sl-test-windows")), ==, 1);
}

static GtkDropTarget *
drop_target_of (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) c = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (c))
        return GTK_DROP_TARGET (c);
    }
  return NULL;
}

static SlWindow *
window_of_file (GtkApplication *app,
                const char     *path)
{
  for (GList *l = gtk_application_get_windows (app); l; l = l->next)
    if (SL_IS_WINDOW (l->data) && g_strcmp0 (sl_store_get_path (sl_window_get_store (l->data)), path) == 0)
      return l->data;
  return NULL;
}

/* What the desktop does: g_application_open() with a page as the hint, a
 * ledger dropped on the window, F1 with no help viewer installed. */
static void
test_open_through_gapplication (void)
{
  g_autofree char *a_path = sl_test_temp_path ("opened-a.db");
  g_autofree char *b_path = sl_test_temp_path ("opened-b.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(SlApplication) app = sl_application_new ();
  g_autoptr(GFile) a = g_file_new_for_path (a_path);
  g_autoptr(GFile) b = g_file_new_for_path (b_path);
  g_autoptr(GAppInfo) viewer = g_app_info_get_default_for_uri_scheme ("help");
  GValue value = G_VALUE_INIT;
  GSList *dropped = NULL;
  GtkDropTarget *target;
  SlWindow *window;
  gboolean taken = FALSE;

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(SlStore) store = sl_ledger_open (i ? b_path : a_path, SL_STORE_OPEN_CREATE, &error);
      g_assert_no_error (error);
    }
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_HANDLES_OPEN
                           | G_APPLICATION_NON_UNIQUE);
  /* An id of its own: the earlier tests' applications still hold the bus path of theirs. */
  g_application_set_application_id (G_APPLICATION (app), APP_ID ".TestOpen");
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  g_application_open (G_APPLICATION (app), &a, 1, "pipeline");
  window = window_of_file (GTK_APPLICATION (app), a_path);
  g_assert_nonnull (window);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "opened-a.db — SRDI Ledger");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (window, SL_TYPE_WINDOW, "stack"))), ==, "pipeline");
  /* Opened again, the ledger's window comes forward: no second window. */
  g_application_open (G_APPLICATION (app), &a, 1, "");
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 1);

  target = drop_target_of (GTK_WIDGET (window));
  g_assert_nonnull (target);
  dropped = g_slist_append (dropped, b);
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_set_boxed (&value, dropped);
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &taken);
  g_assert_true (taken);
  g_assert_nonnull (window_of_file (GTK_APPLICATION (app), b_path));
  g_value_unset (&value);
  g_slist_free (dropped);

  if (viewer == NULL)
    {
      GtkWindow *overlay;

      gtk_window_present (GTK_WINDOW (window));
      spin_until (window_mapped, window);
      g_action_group_activate_action (G_ACTION_GROUP (app), "help", NULL);
      overlay = GTK_WINDOW (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)))));
      g_assert_nonnull (overlay);
      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (overlay)));
      gtk_widget_set_visible (GTK_WIDGET (overlay), FALSE);
    }
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
}

int
main (int   argc,
      char *argv[])
{
  sl_ui_test_init (&argc, &argv);

  g_test_add_func ("/ui-ledger/read-only", test_read_only);
  /* Before the quit test: one application a process, as in the program. */
  g_test_add_func ("/ui-ledger/open-named-ledger", test_open_named_ledger);
  g_test_add_func ("/ui-ledger/quit-closes-all", test_quit_closes_all);
  g_test_add ("/ui-ledger/outside-change", Fixture, NULL, fixture_set_up, test_outside_change, fixture_tear_down);
  g_test_add ("/ui-ledger/restore-dialog", Fixture, NULL, fixture_set_up, test_restore_dialog, fixture_tear_down);
  g_test_add ("/ui-ledger/demo-asks", Fixture, NULL, fixture_set_up, test_demo_asks, fixture_tear_down);
  g_test_add_func ("/ui-ledger/open-through-gapplication", test_open_through_gapplication);

  return g_test_run ();
}
