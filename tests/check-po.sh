#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The SRDI Ledger authors
# TAP: po/zh_CN.po is complete — no untranslated or fuzzy entry, and every
# translatable string of the sources listed in POTFILES.in has an entry.
set -u
src=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "1..4"

stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$src/po/zh_CN.po" 2>&1)
if [ $? -eq 0 ]; then echo "ok 1 zh_CN.po compiles"; else echo "not ok 1 zh_CN.po compiles"; echo "# $stats"; fi

case "$stats" in
  *untranslated*|*fuzzy*) echo "not ok 2 zh_CN.po has no untranslated or fuzzy entries"; echo "# $stats" ;;
  *) echo "ok 2 zh_CN.po has no untranslated or fuzzy entries # $stats" ;;
esac

grep -v '^#' "$src/po/POTFILES.in" | grep -v '^$' | sed 's/\[.*\] *//' > "$tmp/files"
(cd "$src" && xgettext --from-code=UTF-8 --add-comments --keyword=_ --keyword=N_ --keyword=C_:1c,2 \
   --keyword=NC_:1c,2 --keyword=g_dngettext:2,3 --keyword=ngettext:1,2 \
   -f "$tmp/files" -o "$tmp/all.pot" 2>"$tmp/err") || { echo "not ok 3 sources scan"; sed 's/^/# /' "$tmp/err"; exit 1; }
missing=$(LC_ALL=C msgcmp --use-untranslated "$src/po/zh_CN.po" "$tmp/all.pot" 2>&1 | grep -c 'this message is used but not defined')
if [ "$missing" -eq 0 ]; then echo "ok 3 every source string is in zh_CN.po"; else
  echo "not ok 3 every source string is in zh_CN.po ($missing missing)"
  LC_ALL=C msgcmp --use-untranslated "$src/po/zh_CN.po" "$tmp/all.pot" 2>&1 | grep -A1 'used but not defined' | sed 's/^/# /' | head -40
fi

# A source with translatable strings that POTFILES.in does not list would
# pass the check above unseen.
unlisted=$(cd "$src" && grep -l -E '_\("|N_\("|g_dngettext|translatable="yes"' src/*/*.c src/*.c ui/*.ui ui/*/*.ui 2>/dev/null \
  | while read -r f; do grep -qx "$f" po/POTFILES.in || echo "$f"; done)
if [ -z "$unlisted" ]; then echo "ok 4 every source with translatable strings is in POTFILES.in"; else
  echo "not ok 4 every source with translatable strings is in POTFILES.in"
  echo "$unlisted" | sed 's/^/# missing: /'
fi
