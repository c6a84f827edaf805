#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The SRDI Ledger authors
# The two commands of the README:
#   build-aux/dev.sh run    install what is missing, build, open the default ledger
#   build-aux/dev.sh test   install what is missing, build, run every test suite,
#                           then build, lint, install, try and remove the .deb
#   build-aux/dev.sh deb    install what is missing, build the .deb into build/deb
# Idempotent, and quiet when nothing is missing.
set -euo pipefail

cd "$(dirname "$0")/.."
top=$(pwd)
build="$top/build"

# Debian 12 packages: the build, the tests (display, fonts, validators), and
# dconf, without which a bare system keeps no settings between runs.
packages=(
  build-essential pkg-config meson ninja-build gettext
  libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev libsqlite3-dev libjson-glib-dev libxlsxwriter-dev
  libminizip-dev libxml2-dev libcsv-dev libfreexl-dev libicu-dev
  sqlite3 xvfb xauth dbus desktop-file-utils appstream libxml2-utils librsvg2-common
  fonts-wqy-microhei imagemagick locales xdotool
  dconf-gsettings-backend
  libglib2.0-bin shared-mime-info man-db yelp-tools
  libreoffice-calc-nogui poppler-utils
  debhelper dpkg-dev fakeroot lintian pkgconf python3
)

install_missing() {
  local missing=() p
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "dev.sh: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
    sudo="sudo"
  fi
  echo "dev.sh: installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# The tests and screenshots run the program in Chinese.
ensure_locale() {
  locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\?8$' && return 0
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo localedef -i zh_CN -f UTF-8 zh_CN.UTF-8
}

build_tree() {
  if [ ! -f "$build/build.ninja" ]; then
    meson setup "$build" --buildtype=debugoptimized >/dev/null
  fi
  ninja -C "$build" >/dev/null
}

# Counts the TAP results of one meson log: "passed failed".
count_results() {
  python3 - "$1" <<'PY'
import json, re, sys
passed = failed = 0
try:
    lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
except FileNotFoundError:
    lines = []
for line in lines:
    t = json.loads(line)
    out = t.get("stdout") or ""
    ok = len(re.findall(r"^ok \d+", out, re.M))
    bad = len(re.findall(r"^not ok \d+", out, re.M))
    good_result = t["result"] in ("OK", "SKIP", "EXPECTEDFAIL")
    if not good_result and bad == 0:
        bad = 1
    if good_result and ok == 0 and bad == 0:
        ok = 1   # a plain (non-TAP) test counts once
    passed += ok
    failed += bad
print(passed, failed)
PY
}

run_tests() {
  local status=0 passed=0 failed=0 p f suite
  for suite in core; do
    meson test -C "$build" --suite "$suite" --logbase "testlog-$suite" --print-errorlogs --num-processes 2 || status=1
  done
  if meson introspect "$build" --tests | grep -q ':ui"'; then
    dbus-run-session -- xvfb-run -a -s "-screen 0 1400x900x24" \
      meson test -C "$build" --suite ui --logbase testlog-ui --print-errorlogs --num-processes 1 || status=1
  fi
  if meson introspect "$build" --tests | grep -q ':data"'; then
    meson test -C "$build" --suite data --logbase testlog-data --print-errorlogs || status=1
  fi
  check_deb || status=1
  for log in "$build"/meson-logs/testlog-*.json; do
    [ -f "$log" ] || continue
    read -r p f < <(count_results "$log")
    passed=$((passed + p)); failed=$((failed + f))
  done
  p=$(grep -c '^ok' "$build/meson-logs/testlog-deb.txt" || true)
  f=$(grep -c '^not ok' "$build/meson-logs/testlog-deb.txt" || true)
  passed=$((passed + p)); failed=$((failed + f))
  echo "$passed passed, $failed failed"
  [ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
}

version() {
  sed -n "s/^  version: '\\(.*\\)',$/\\1/p" "$top/meson.build"
}

# The .deb, built by dpkg-buildpackage (every suite runs inside it) from a
# copy of the tree as git sees it, so that nothing of build/ goes in.
build_deb() {
  local v dir
  v=$(version)
  dir="$build/deb/srdi-ledger-$v"
  rm -rf "$build/deb"
  mkdir -p "$dir"
  (cd "$top" && git ls-files -z --cached --others --exclude-standard) |
    (cd "$top" && xargs -0 cp --parents -t "$dir" 2>/dev/null || true)
  (cd "$dir" && DEB_BUILD_OPTIONS="parallel=2" dpkg-buildpackage -us -uc -b >"$build/deb/build.log" 2>&1) || {
    tail -40 "$build/deb/build.log" >&2
    return 1
  }
  ls "$build"/deb/srdi-ledger_"$v"_*.deb
}

# TAP lines for the .deb, counted with the suites: it builds with its
# tests, lintian finds nothing, and the installed program works from the
# installed files alone, in English and in Chinese.
check_deb() {
  local log="$build/meson-logs/testlog-deb.txt" deb home n=0 sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  : >"$log"
  step() {
    n=$((n + 1))
    if "$@" >>"$build/deb/steps.log" 2>&1; then echo "ok $n $label" >>"$log"; return 0; fi
    echo "not ok $n $label" >>"$log"; tail -20 "$build/deb/steps.log" >&2; return 1
  }
  mkdir -p "$build/deb"
  : >"$build/deb/steps.log"
  label="dpkg-buildpackage builds the .deb, its test suites passing"
  if ! deb=$(build_deb); then echo "not ok 1 $label" >>"$log"; cat "$log"; return 1; fi
  echo "ok 1 $label" >>"$log"; n=1
  label="lintian --pedantic: no error, no warning"
  step lintian --pedantic --fail-on error,warning "$deb"
  label="the .deb installs"
  step $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$deb"
  home=$(mktemp -d)
  label="the installed srdi-ledger --version says $(version)"
  step sh -c "env -i PATH=/usr/bin:/bin HOME=$home /usr/bin/srdi-ledger --version | grep -qx 'srdi-ledger $(version)'"
  label="the installed program makes a demo ledger and prints its summary"
  step sh -c "env -i PATH=/usr/bin:/bin HOME=$home SL_TODAY=2026-11-30 /usr/bin/srdi-ledger --db $home/demo.db --demo 200 &&
    env -i PATH=/usr/bin:/bin HOME=$home SL_TODAY=2026-11-30 /usr/bin/srdi-ledger --db $home/demo.db --summary 2026-11 | grep -q '\"period\" : \"2026-11\"'"
  label="the installed translations: --help in Chinese"
  step sh -c "env -i PATH=/usr/bin:/bin HOME=$home LANG=zh_CN.UTF-8 /usr/bin/srdi-ledger --help | grep -q '台账数据选项'"
  # Read from the package itself: a system may keep no manual pages (path-exclude).
  label="the .deb carries the manual pages, the guide, the MIME type and the translations"
  step sh -c "dpkg-deb -c '$deb' > '$build/deb/contents.txt' &&
    for f in man/man1/srdi-ledger.1.gz man/zh_CN/man1/srdi-ledger.1.gz help/C/srdi-ledger/index.page \
             help/zh_CN/srdi-ledger/index.page mime/packages/io.github.srdiledger.SrdiLedger.xml \
             locale/zh_CN/LC_MESSAGES/srdi-ledger.mo; do grep -q \"/usr/share/\$f\$\" '$build/deb/contents.txt' || exit 1; done"
  label="the .deb removes cleanly"
  step $sudo env DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq srdi-ledger
  rm -rf "$home"
  cat "$log"
  ! grep -q '^not ok' "$log"
}

cmd=${1:-}
case "$cmd" in
  run)
    install_missing
    ensure_locale
    build_tree
    shift
    # Uninstalled: the settings schema and translations come from the build.
    export GSETTINGS_SCHEMA_DIR="$build/data" SL_LOCALEDIR="$build/po"
    exec "$build/src/srdi-ledger" "$@"
    ;;
  test)
    install_missing
    ensure_locale
    rm -f "$build"/meson-logs/testlog-*.json "$build"/meson-logs/testlog-deb.txt
    build_tree
    run_tests
    ;;
  deb)
    install_missing
    build_deb
    ;;
  *)
    echo "usage: build-aux/dev.sh run|test|deb" >&2
    exit 2
    ;;
esac
