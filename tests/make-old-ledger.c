/* make-old-ledger.c
 *
 * Copyright 2026 The SRDI Ledger authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* make-old-ledger PATH N: a ledger of the first schema with N demo firms,
 * for the trials of a migration (tests/trial-faults.py). */

#include "config.h"

#include <stdlib.h>

#include "sl-demo.h"
#include "sl-ledger-private.h"
#include "sl-plan.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) plan = NULL;
  g_autoptr(SlStore) store = NULL;

  if (argc != 3)
    {
      g_printerr ("usage: make-old-ledger PATH N\n");
      return 2;
    }
  plan = sl_plan_get_bundled (&error);
  if (plan != NULL)
    store = _sl_ledger_open_full (argv[1], sl_migrations, 1, plan, SL_STORE_OPEN_CREATE, &error);
  if (store == NULL || !sl_demo_generate (store, g_ascii_strtoll (argv[2], NULL, 10), NULL, NULL, NULL, &error))
    {
      g_printerr ("make-old-ledger: %s\n", error->message);
      return 1;
    }
  return 0;
}
