#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The SRDI Ledger authors
# Screenshots of the window in Chinese, over a fresh demo ledger, for the
# README, the AppStream metainfo and a look before a release:
#   build-aux/screenshot.sh [OUTDIR]      (default: data/screenshots)
# Needs a build (build-aux/dev.sh test or run) and runs under xvfb-run.
set -euo pipefail
cd "$(dirname "$0")/.."
top=$(pwd)
out=${1:-$top/data/screenshots}
mkdir -p "$out"

if [ -z "${SL_SCREENSHOT_INNER:-}" ]; then
  export SL_SCREENSHOT_INNER=1
  exec dbus-run-session -- xvfb-run -a -s "-screen 0 1360x820x24" "$0" "$out"
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8
export GSETTINGS_SCHEMA_DIR="$top/build/data" GSETTINGS_BACKEND=memory
export SL_LOCALEDIR="$top/build/po" GSK_RENDERER=cairo GDK_BACKEND=x11 SL_TODAY=2026-11-25
bin="$top/build/src/srdi-ledger"

"$bin" --db "$tmp/demo.db" --demo 2000 >/dev/null

# Opens the demo ledger on a page, at the screenshots' size; sets $pid.
open_on() {
  "$bin" --db "$tmp/demo.db" --page "$1" &
  pid=$!
  sleep 3
  wid=$(xdotool search --sync --onlyvisible --class srdi-ledger | head -n 1)
  xdotool windowsize "$wid" 1340 800 windowmove "$wid" 10 10
  sleep 2
}

close_app() {
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

# Every page, the editor's tabs, the new-firm form, the pipeline with an
# application recorded, the import and merge dialogs, and a first run, at
# the two screens a clerk has: drawn by the windows' own renderers.
for size in 1400x900 1024x700; do
  "$top/build/tests/shoot-windows" "$out" "${size%x*}" "${size#*x}" >/dev/null
done

open_on roster
# Search as a clerk would type it.
xdotool type --delay 60 "连云港恒"
sleep 1
import -window root "$out/search-zh_CN.png"
close_app

# The pipeline, and a card's menu.
open_on pipeline
# The first innovative card's menu.
xdotool mousemove 628 229 click 1
sleep 1
import -window root -crop 1360x820+0+0 "$out/pipeline-menu-zh_CN.png"
close_app
# The workbook's first page as LibreOffice prints it, when LibreOffice
# is there.
"$bin" --db "$tmp/demo.db" --export-bulletin 2026-10 --output "$tmp/2026年10月专精特新企业培育工作通报.xlsx" >/dev/null
if command -v soffice >/dev/null && command -v pdftoppm >/dev/null; then
  (cd "$tmp" && soffice --headless --convert-to pdf "2026年10月专精特新企业培育工作通报.xlsx" >/dev/null 2>&1 || true)
  pdf="$tmp/2026年10月专精特新企业培育工作通报.pdf"
  [ -f "$pdf" ] && pdftoppm -r 80 -png -f 1 -l 1 -singlefile "$pdf" "$out/bulletin-workbook-zh_CN"
fi
# A ledger another window holds: the message, then Open Read-Only (Alt+R)
# and the window with its read-only bar. The holder is a lock record of a
# live process of this script.
export XDG_DATA_HOME="$tmp/xdg"
sleep 120 & holder=$!
printf '%d\t%s\t张三\t2026-11-25T08:47:00+08:00\twindow\n' "$holder" "$(hostname)" > "$tmp/.~lock.demo.db#"
"$bin" --db "$tmp/demo.db" &
pid=$!
sleep 3
import -window root -crop 520x160+0+0 "$out/in-use-zh_CN.png"
xdotool key alt+r
sleep 3
wid=$(xdotool search --sync --onlyvisible --class srdi-ledger | head -n 1)
xdotool windowsize "$wid" 1340 800 windowmove "$wid" 10 10
sleep 2
import -window root -crop 1360x820+0+0 "$out/read-only-zh_CN.png"
close_app
kill "$holder" 2>/dev/null || true
rm -f "$tmp/.~lock.demo.db#"

# Restore from Backup…: two earlier days' backups and today's, from the main menu.
for day in 2026-11-20 2026-11-23; do
  SL_TODAY=$day "$bin" --db "$tmp/demo.db" --summary 2026-10 >/dev/null
done
open_on overview
xdotool key F10
sleep 1
xdotool key Down Down Down Down Down Return
sleep 3
import -window root -crop 1360x820+0+0 "$out/restore-zh_CN.png"
close_app
echo "screenshots in $out"
