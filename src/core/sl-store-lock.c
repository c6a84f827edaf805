/* sl-store-lock.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "sl-util.h"
#include "sl-store-private.h"

/*
 * Who holds a ledger, in the manner of LibreOffice's lock files: beside
 * `ledger.db` a file `.~lock.ledger.db#` holds one line per process that
 * has the ledger open for writing, "pid<TAB>host<TAB>user<TAB>since<TAB>role".
 * SQLite's own locks decide who may write; this file only lets a refused
 * writer, or a second window, say who is there and since when. The record
 * is a separate file, so flock() on it never touches the POSIX locks that
 * SQLite holds on the ledger.
 */

static char *
lock_path (const char *ledger)
{
  g_autofree char *dir = g_path_get_dirname (ledger);
  g_autofree char *base = g_path_get_basename (ledger);
  g_autofree char *name = g_strdup_printf (".~lock.%s#", base);

  return g_build_filename (dir, name, NULL);
}

void
sl_lock_holder_free (SlLockHolder *holder)
{
  if (holder == NULL)
    return;
  g_free (holder->host);
  g_free (holder->user);
  g_free (holder->since);
  g_free (holder->role);
  g_free (holder);
}

static gboolean
holder_alive (const SlLockHolder *holder)
{
  /* Another machine's process (a shared folder) cannot be asked: trust it. */
  if (!g_str_equal (holder->host, g_get_host_name ()))
    return TRUE;
  return kill ((pid_t) holder->pid, 0) == 0 || errno == EPERM;
}

static GPtrArray *
parse_holders (const char *text)
{
  GPtrArray *holders = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_lock_holder_free);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = g_strsplit (lines[i], "\t", 5);
      SlLockHolder *holder;
      gint64 pid;

      if (g_strv_length (f) != 5 || !g_ascii_string_to_signed (f[0], 10, 1, G_MAXINT, &pid, NULL))
        continue;
      holder = g_new0 (SlLockHolder, 1);
      holder->pid = (int) pid;
      holder->host = g_strdup (f[1]);
      holder->user = g_strdup (f[2]);
      holder->since = g_strdup (f[3]);
      holder->role = g_strdup (f[4]);
      g_ptr_array_add (holders, holder);
    }
  return holders;
}

static char *
format_holders (GPtrArray *holders)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < holders->len; i++)
    {
      SlLockHolder *h = holders->pdata[i];
      g_string_append_printf (out, "%d\t%s\t%s\t%s\t%s\n", h->pid, h->host, h->user, h->since, h->role);
    }
  return g_string_free (out, FALSE);
}

static gboolean
is_self (const SlLockHolder *holder)
{
  return holder->pid == (int) getpid () && g_str_equal (holder->host, g_get_host_name ());
}

/* This process's own line, and those of processes that are gone (killed
 * with the ledger open), are not holders to tell anyone about. */
static void
drop_self_and_dead (GPtrArray *holders)
{
  for (guint i = 0; i < holders->len; i++)
    if (is_self (holders->pdata[i]) || !holder_alive (holders->pdata[i]))
      g_ptr_array_remove_index (holders, i--);
}

/* Rewrites the lock file under flock(): drops dead holders and this
 * process's own line, then adds @role for it unless @role is %NULL. In a
 * folder that cannot be written (a read-only open) there is nothing to do. */
static void
update (const char *ledger,
        const char *role)
{
  g_autofree char *path = lock_path (ledger);
  g_autoptr(GPtrArray) holders = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *out = NULL;
  char buf[4096];
  ssize_t n;
  int fd;

  fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    return;
  while (flock (fd, LOCK_EX) != 0 && errno == EINTR)
    ;
  while ((n = read (fd, buf, sizeof buf)) > 0)
    g_string_append_len (text, buf, n);

  holders = parse_holders (text->str);
  drop_self_and_dead (holders);
  if (role != NULL)
    {
      g_autoptr(GDateTime) now = sl_now ();
      SlLockHolder *me = g_new0 (SlLockHolder, 1);

      me->pid = (int) getpid ();
      me->host = g_strdup (g_get_host_name ());
      me->user = g_strdup (g_get_user_name ());
      me->since = g_date_time_format_iso8601 (now);
      me->role = g_strdup (role);
      g_ptr_array_add (holders, me);
    }

  if (holders->len == 0)
    g_unlink (path);
  else
    {
      out = format_holders (holders);
      if (ftruncate (fd, 0) != 0 || pwrite (fd, out, strlen (out), 0) < 0)
        g_debug ("the lock record %s could not be written: %s", path, g_strerror (errno));
    }
  close (fd);   /* also releases the flock */
}

/**
 * _sl_store_lock_add:
 * @ledger: the ledger's path
 * @role: "window" or "command line"
 *
 * Records this process as a holder of @ledger.
 */
void
_sl_store_lock_add (const char *ledger,
                    const char *role)
{
  update (ledger, role);
}

void
_sl_store_lock_remove (const char *ledger)
{
  update (ledger, NULL);
}

/* Whether @ledger has a lock record, of a live holder or a dead one. */
gboolean
_sl_store_lock_exists (const char *ledger)
{
  g_autofree char *path = lock_path (ledger);

  return g_file_test (path, G_FILE_TEST_EXISTS);
}

/**
 * sl_store_lock_holders:
 * @ledger: the ledger's path
 *
 * Returns: (transfer full): the live processes other than this one that
 *   hold @ledger open for writing, oldest first
 */
GPtrArray *
sl_store_lock_holders (const char *ledger)
{
  g_autofree char *path = lock_path (ledger);
  g_autofree char *contents = NULL;
  GPtrArray *holders;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return g_ptr_array_new_with_free_func ((GDestroyNotify) sl_lock_holder_free);
  holders = parse_holders (contents);
  drop_self_and_dead (holders);
  return holders;
}

/**
 * sl_lock_holder_describe:
 *
 * Returns: (transfer full): "user on host (the window, process 1234, since
 *   14:02 on 2026-12-01)", for a message
 */
char *
sl_lock_holder_describe (const SlLockHolder *holder)
{
  g_autoptr(GDateTime) since = g_date_time_new_from_iso8601 (holder->since, NULL);
  /* The locale's date: 2026年12月1日 14:02 in zh_CN. */
  g_autofree char *when = since ? g_date_time_format (since, "%x %H:%M") : g_strdup (holder->since);
  const char *role = g_str_equal (holder->role, "window") ? _("in the window") : _("on the command line");

  /* TRANSLATORS: "zhang on pc-07 (in the window, process 4242, since 2026-12-01 14:02)" */
  return g_strdup_printf (_("%s on %s (%s, process %d, since %s)"),
                          holder->user, holder->host, role, holder->pid, when);
}

char *
_sl_store_lock_describe_all (GPtrArray *holders)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < holders->len; i++)
    {
      g_autofree char *one = sl_lock_holder_describe (holders->pdata[i]);

      if (out->len > 0)
        g_string_append (out, _("; "));
      g_string_append (out, one);
    }
  return g_strdup (out->str);
}
