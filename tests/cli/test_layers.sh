#!/bin/bash
# The layers' arrows point down only (README, "Layout"): core/ is the model
# (no curses, no widgets, no screens, no commands); forms/ knows nothing of
# XMPP; cli/ (the commands) and tui/ (the editor) know nothing of each
# other, and cli/ no curses. main.c alone knows both sides. Checked on the
# #include lines; an offending line is printed as FILE:LINE: text.
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh

CURSES='<(n?curses[w]?/)?(n?curses|term|panel|menu|form)\.h>'

# The #include lines of dir's sources that match the regex.
includes_matching() { # root dir regex
  grep -nE '^[[:space:]]*#[[:space:]]*include' -r --include='*.[ch]' "$1/$2" 2>/dev/null |
    sed "s|^$1/||" | grep -E ":[0-9]+:.*($3)"
}

# Every include that breaks a rule, in the tree under root.
layer_violations() { # root
  includes_matching "$1" core  "$CURSES|\"(\.\./)?(forms|tui|cli)/"
  includes_matching "$1" forms "\"(\.\./)?(core|tui|cli)/"
  includes_matching "$1" cli   "$CURSES|\"(\.\./)?(forms|tui)/"
  includes_matching "$1" tui   "\"(\.\./)?cli/"
}

test_layers_hold() {
  local bad
  bad=$(layer_violations .)
  [ -z "$bad" ] || fail "includes across the layers:
$bad"
}

# The check itself can fail: one planted include per rule, each reported.
test_planted_includes_are_reported() {
  local root="$TMP/tree" bad d inc
  mkdir -p "$root"
  cp -r core forms cli tui "$root"/
  [ -z "$(layer_violations "$root")" ] || fail "the copy breaks the rules already"
  for d in "core:#include <ncursesw/curses.h>" "core:#include \"tui/app.h\"" \
           "core:#include \"forms/form.h\"" "core:#include \"cli/cli.h\"" \
           "forms:#include \"core/partner.h\"" "forms:#include \"tui/app.h\"" \
           "cli:#include <curses.h>" "cli:#include \"tui/tui.h\"" \
           "cli:#include \"forms/form.h\"" "tui:#include \"cli/cli.h\""; do
    inc=${d#*:}
    printf '%s\n' "$inc" > "$root/${d%%:*}/planted.c"
    bad=$(layer_violations "$root")
    printf '%s' "$bad" | grep -qF "${d%%:*}/planted.c:1:$inc" ||
      fail "not reported: $inc in ${d%%:*}/ (got: $bad)"
    rm -f "$root/${d%%:*}/planted.c"
  done
  inc='#include "core/partner.h"'
  printf '%s\n' "$inc" > "$root/tui/planted.c"
  [ -z "$(layer_violations "$root")" ] || fail "tui/ may include core/"
}

# The files of tui/ and cli/, and main.c, that see libconfig.h, directly or
# through a header of core/ (the store is opaque: the tree stays in core/).
# By the preprocessor's own list of what each file includes (-M, not -MM:
# libconfig.h is a system header), printed as FILE: libconfig.h.
libconfig_users() { # root
  local f
  for f in "$1"/tui/*.c "$1"/cli/*.c "$1"/main.c; do
    [ -e "$f" ] || continue
    if ! ${CC:-cc} -M -std=c11 -D_GNU_SOURCE -I"$1" "$f" >"$TMP/deps" 2>&1; then
      echo "${f#"$1"/}: cannot list its includes: $(head -1 "$TMP/deps")"
    elif grep -qE '(^|[[:space:]/])libconfig\.h' "$TMP/deps"; then
      echo "${f#"$1"/}: libconfig.h"
    fi
  done
}

test_no_screen_or_command_sees_libconfig() {
  local bad
  bad=$(libconfig_users .)
  [ -z "$bad" ] || fail "libconfig.h reaches tui/, cli/ or main.c:
$bad"
}

# That check can fail too: libconfig.h planted directly, and through the
# store's private header.
test_planted_libconfig_is_reported() {
  local root="$TMP/lc" bad d inc
  mkdir -p "$root"
  cp -r core forms cli tui main.c "$root"/
  [ -z "$(libconfig_users "$root")" ] || fail "the copy sees libconfig already"
  for d in "tui:#include <libconfig.h>" "cli:#include <libconfig.h>" \
           "tui:#include \"core/store_impl.h\"" \
           "cli:#include \"core/store_tree.h\""; do
    inc=${d#*:}
    printf '%s\n' "$inc" > "$root/${d%%:*}/planted.c"
    bad=$(libconfig_users "$root")
    [ "$bad" = "${d%%:*}/planted.c: libconfig.h" ] ||
      fail "not reported alone: $inc in ${d%%:*}/ (got: $bad)"
    rm -f "$root/${d%%:*}/planted.c"
  done
}

run_tests
