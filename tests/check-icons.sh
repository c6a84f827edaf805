#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The SRDI Ledger authors
# TAP: the app icon, scalable and symbolic, is well-formed SVG of the right size.
set -u
dir=$1
n=0
check() {
  n=$((n + 1))
  if "$@" >/dev/null 2>&1; then echo "ok $n $label"; else echo "not ok $n $label"; fi
}
echo "1..4"
app="$dir/hicolor/scalable/apps/io.github.srdiledger.SrdiLedger.svg"
sym="$dir/hicolor/symbolic/apps/io.github.srdiledger.SrdiLedger-symbolic.svg"
label="scalable icon is well-formed XML"; check xmllint --noout "$app"
label="scalable icon is 128×128"; check grep -q 'viewBox="0 0 128 128"' "$app"
label="symbolic icon is well-formed XML"; check xmllint --noout "$sym"
label="symbolic icon is 16×16"; check grep -q 'viewBox="0 0 16 16"' "$sym"
