#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The SRDI Ledger authors
# TAP: what the desktop reads of the program. The ledger MIME type is
# installed into a scratch database and must name a demo ledger (and only
# a ledger); the desktop file opens ledgers; the manual pages render and
# list every option --help prints; the user guide validates in both
# languages; the release is one version everywhere.
#   check-desktop.sh SRCDIR BUILDDIR PROGRAM
set -u
src=$1
build=$2
program=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
ok() { n=$((n + 1)); echo "ok $n $1"; }
bad() { n=$((n + 1)); echo "not ok $n $1"; }
skip() { n=$((n + 1)); echo "ok $n $1 # SKIP $2"; }
check() {
  label=$1; shift
  if "$@" >"$tmp/out" 2>&1; then ok "$label"; else bad "$label"; sed 's/^/# /' "$tmp/out"; fi
}
echo "1..14"

mime="$build/data/io.github.srdiledger.SrdiLedger.xml"
check "the MIME type is well-formed XML" xmllint --noout "$mime"
mkdir -p "$tmp/share/mime/packages"
cp /usr/share/mime/packages/freedesktop.org.xml "$mime" "$tmp/share/mime/packages/"
check "update-mime-database takes the MIME type" update-mime-database "$tmp/share/mime"
SL_TODAY=2026-11-30 "$program" --db "$tmp/county.db" --demo 3 >/dev/null 2>&1
sqlite3 "$tmp/other.db" "CREATE TABLE t (a); INSERT INTO t VALUES (1);"
type_of() { XDG_DATA_HOME="$tmp/share" XDG_DATA_DIRS="$tmp/share" gio info -a standard::content-type "$1" | sed -n 's/.*content-type: //p'; }
t=$(type_of "$tmp/county.db")
if [ "$t" = application/x-srdi-ledger ]; then ok "a demo ledger is application/x-srdi-ledger"; else bad "a demo ledger is application/x-srdi-ledger (got $t)"; fi
t=$(type_of "$tmp/other.db")
if [ "$t" = application/vnd.sqlite3 ]; then ok "another SQLite file stays application/vnd.sqlite3"; else bad "another SQLite file stays application/vnd.sqlite3 (got $t)"; fi

desktop="$build/data/io.github.srdiledger.SrdiLedger.desktop"
check "the desktop file opens ledgers" grep -qx 'MimeType=application/x-srdi-ledger;' "$desktop"
check "the desktop file takes files" grep -qx 'Exec=srdi-ledger %F' "$desktop"
check "the MIME type's icon exists" test -f "$src/icons/hicolor/scalable/mimetypes/application-x-srdi-ledger.svg"

for page in "$src/man/srdi-ledger.1" "$src/man/zh_CN/srdi-ledger.1"; do
  name=${page#"$src"/}
  if MANWIDTH=80 LC_ALL=C.UTF-8 man --warnings -l "$page" >"$tmp/man.txt" 2>"$tmp/man.err" && [ ! -s "$tmp/man.err" ] && [ -s "$tmp/man.txt" ]; then
    ok "$name renders without warnings"
  else
    bad "$name renders without warnings"; sed 's/^/# /' "$tmp/man.err"
  fi
done

missing=""
for option in $("$program" --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
  for page in "$src/man/srdi-ledger.1" "$src/man/zh_CN/srdi-ledger.1"; do
    # groff writes a hyphen in an option as \-.
    grep -q -- "$(printf '%s' "$option" | sed 's/-/\\\\-/g')" "$page" || missing="$missing ${page#"$src"/}:$option"
  done
done
if [ -z "$missing" ]; then ok "both manual pages describe every option of --help"; else bad "both manual pages describe every option of --help (missing:$missing)"; fi

if command -v yelp-check >/dev/null; then
  check "the English user guide validates" sh -c "cd '$src/help/C' && yelp-check validate *.page"
  check "the Chinese user guide validates" sh -c "cd '$src/help/zh_CN' && yelp-check validate *.page"
else
  skip "the English user guide validates" "yelp-check is not installed"
  skip "the Chinese user guide validates" "yelp-check is not installed"
fi
c=$(cd "$src/help/C" && ls *.page)
z=$(cd "$src/help/zh_CN" && ls *.page)
if [ "$c" = "$z" ]; then ok "the guide has the same pages in both languages"; else bad "the guide has the same pages in both languages"; fi

version=$("$program" --version | sed 's/^srdi-ledger //')
metainfo=$(sed -n 's/.*<release version="\([^"]*\)".*/\1/p' "$src/data/io.github.srdiledger.SrdiLedger.metainfo.xml.in" | head -1)
news=$(grep -m1 -o '^[0-9][0-9.]* (' "$src/NEWS" | sed 's/ ($//')
man_en=$(sed -n 's/^\.TH .*"srdi-ledger \([^"]*\)".*/\1/p' "$src/man/srdi-ledger.1")
man_zh=$(sed -n 's/^\.TH .*"srdi-ledger \([^"]*\)".*/\1/p' "$src/man/zh_CN/srdi-ledger.1")
deb=$(sed -n '1s/^srdi-ledger (\([^-)]*\).*/\1/p' "$src/debian/changelog" 2>/dev/null)
if [ "$version" = "$metainfo" ] && [ "$version" = "$news" ] && [ "$version" = "$man_en" ] && [ "$version" = "$man_zh" ] && [ "$version" = "$deb" ]; then
  ok "one version everywhere: $version"
else
  bad "one version everywhere (program $version, metainfo $metainfo, NEWS $news, man $man_en/$man_zh, debian $deb)"
fi
