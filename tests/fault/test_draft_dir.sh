#!/bin/bash
# The draft folder when another user can write it (issue 8, item 11): a
# hang-up with a form open never writes through a planted symlink, never
# leaves a draft in a folder others can write, and a draft owned by
# someone else is never offered.
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
. tests/e2e/tmux.sh
. tests/fault/fault.sh
F=$XMPPFED_CONFIG
S="$XDG_STATE_HOME/xmppfed"
V="$TMP/victim"
seed() {
  cp examples/partners.conf "$F"
  printf 'the other file\n' > "$V"; chmod 644 "$V"; cp "$V" "$TMP/victim.orig"
}
draft_name() { printf '%s' "$(realpath "$F")" | sha256sum | cut -c1-12 | sed 's/^/draft-/; s/$/.conf/'; }
victim_untouched() {
  [ -f "$V" ] && [ ! -L "$V" ] && cmp -s "$V" "$TMP/victim.orig" ||
    fail "the other file was written: $(head -c 200 "$V" 2>/dev/null)"
}
# A form with changes, then the terminal hangs up.
hang_up_in_form() {
  KEEP_STATE=1 start
  keys Enter; expect_screen "Edit partner fabrikam.com"
  keys Tab; keys C-u; type_text "draft text"
  kill -HUP "$(app_pid)"; wait_exit || fail "no exit on SIGHUP"
  [ "$(cat "$TMP/exit")" = 129 ] || fail "exit status $(cat "$TMP/exit"), want 129"
}
# A regular draft may stay in the folder only if the folder is (now) the
# user's own and private.
no_draft_in_shared_folder() {
  local f
  for f in "$S"/draft-*; do
    [ -f "$f" ] && [ ! -L "$f" ] || continue
    [ "$(stat -c '%u' "$S")" = "$(id -u)" ] && [ $(( 0$(stat -c '%a' "$S") & 022 )) = 0 ] ||
      fail "a draft was left in a folder others can write: $(stat -c '%a %U' "$S") $f"
  done
}

test_planted_symlink_in_world_writable_folder() {
  seed; rm -rf "$XDG_STATE_HOME"; mkdir -p "$S"; chmod 1777 "$S"
  ln -s "$V" "$S/$(draft_name)"
  hang_up_in_form
  victim_untouched
  no_draft_in_shared_folder
}

test_world_writable_folder_without_link() {
  seed; rm -rf "$XDG_STATE_HOME"; mkdir -p "$S"; chmod 777 "$S"
  hang_up_in_form
  no_draft_in_shared_folder
}

test_folder_of_another_user() {
  need_root || return
  seed; rm -rf "$XDG_STATE_HOME"; mkdir -p "$S"; chown 65534:65534 "$S"; chmod 755 "$S"
  ln -s "$V" "$S/$(draft_name)"
  hang_up_in_form
  victim_untouched
  local f
  for f in "$S"/draft-*; do
    [ -f "$f" ] && [ ! -L "$f" ] && fail "a draft was written into another user's folder: $f"
  done
}

test_draft_of_another_user_not_offered() {
  need_root || return
  seed; rm -rf "$XDG_STATE_HOME"
  hang_up_in_form
  local d; d="$S/$(draft_name)"
  [ -f "$d" ] || { fail "no draft kept in a private folder"; return; }
  chown 65534:65534 "$d"          # now someone else's
  rm -f "$TMP/pid"; KEEP_STATE=1 start
  wait_for "4 partners|A draft was kept"
  expect_not_screen "A draft was kept"
  xf show fabrikam.com; expect_out "^description +Fabrikam"
}

# The control: a private folder of ours keeps the draft and offers it.
test_private_folder_keeps_draft() {
  seed; rm -rf "$XDG_STATE_HOME"
  hang_up_in_form
  rm -f "$TMP/pid"; KEEP_STATE=1 start
  expect_screen "A draft was kept"
  keys o; expect_screen "Description +draft text"
}

run_tests
