#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The SRDI Ledger authors
# TAP: srdi-ledger is the command line without GTK, and becomes the
# window program when a window is wanted (the same process, so the
# desktop's launch and its pid hold).
#   check-launcher.sh PROGRAM WINDOW-PROGRAM PKGLIBEXECDIR
set -u
program=$1
window=$2
libexecdir=$3
tmp=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
n=0
ok() { n=$((n + 1)); echo "ok $n $1"; }
bad() { n=$((n + 1)); echo "not ok $n $1"; }
skip() { n=$((n + 1)); echo "ok $n $1 # SKIP $2"; }
echo "1..4"

if ldd "$program" | grep -q 'libgtk'; then bad "the command line links no GTK"; ldd "$program" | sed 's/^/# /'; else ok "the command line links no GTK"; fi

if env -u DISPLAY -u WAYLAND_DISPLAY "$program" --db "$tmp/county.db" --demo 3 >"$tmp/out" 2>&1; then
  ok "work without a window needs no display"
else
  bad "work without a window needs no display"; sed 's/^/# /' "$tmp/out"
fi

# The window opens the ledger as the window: its lock record names the pid.
"$program" --db "$tmp/county.db" >"$tmp/window.log" 2>&1 &
pid=$!
lock="$tmp/.~lock.county.db#"
for _ in $(seq 200); do
  grep -q "^$pid	.*	window\$" "$lock" 2>/dev/null && break
  sleep 0.1
done
exe=$(readlink "/proc/$pid/exe" 2>/dev/null)
if grep -q "^$pid	.*	window\$" "$lock" 2>/dev/null && [ "$exe" = "$(readlink -f "$window")" ]; then
  ok "a window is the window program, in the same process"
else
  bad "a window is the window program, in the same process"
  echo "# process $pid runs ${exe:-nothing}; lock record:"; sed 's/^/# /' "$lock" 2>/dev/null; sed 's/^/# /' "$tmp/window.log"
fi
kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; pid=

# Alone, without the window program beside it or installed, it says so.
if [ -e "$libexecdir/srdi-ledger-window" ]; then
  skip "without the window program, a message and a failure" "one is installed in $libexecdir"
else
  mkdir "$tmp/bin" && cp "$program" "$tmp/bin/"
  if "$tmp/bin/srdi-ledger" --db "$tmp/county.db" >"$tmp/out" 2>&1; then
    bad "without the window program, a message and a failure"
  elif grep -q "window could not be started" "$tmp/out"; then
    ok "without the window program, a message and a failure"
  else
    bad "without the window program, a message and a failure"; sed 's/^/# /' "$tmp/out"
  fi
fi
