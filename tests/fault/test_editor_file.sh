#!/bin/bash
# The file deleted or replaced under a form of a running editor (tmux):
# the editor neither crashes nor silently overwrites; it asks (reload,
# overwrite, cancel) and does what was chosen; nothing typed is lost
# unless a reload was chosen. (The list itself reads a changed file again
# while idle: tests/e2e/test_history.sh.)
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
. tests/e2e/tmux.sh
. tests/fault/fault.sh
F=$XMPPFED_CONFIG
seed() { cp examples/partners.conf "$F"; }
alive() { [ ! -e "$TMP/exit" ] || fail "the editor ended (exit $(cat "$TMP/exit"))"; }
edit_description() { # TEXT: opens fabrikam.com and types it, no commit
  keys Home; keys Enter; expect_screen "Edit partner fabrikam.com"
  keys Tab; keys C-u; type_text "$1"
}

test_deleted_then_cancel_and_overwrite() {
  seed; start; expect_screen "4 partners"
  edit_description "mine"; rm -f "$F"; keys C-s
  expect_screen "The file was changed"; expect_screen "deleted"; alive
  keys c; expect_screen "Not saved"
  [ -e "$F" ] && fail "cancel wrote the file"
  expect_screen "Description +mine"          # still in the form
  keys C-s; expect_screen "The file was changed"
  keys o; expect_screen "Saved fabrikam.com"; alive
  xf show fabrikam.com; expect_out "^description +mine$"
  xf list; expect_out "chat.litware.net"    # the whole list, not one partner
}

test_deleted_then_reload() {
  seed; start; expect_screen "4 partners"
  edit_description "mine after reload"; rm -f "$F"; keys C-s
  expect_screen "The file was changed"; keys r; alive
  expect_screen "Reloaded"; expect_screen "0 partners"   # the file as it is
  [ -e "$F" ] && fail "a reload wrote the file"
  expect_not_screen "Edit partner"                        # the form is closed
}

test_replaced_by_another_file() {
  seed; start; expect_screen "4 partners"
  printf 'partners = ( { domain = "theirs.example"; } );\n' > "$TMP/theirs"
  edit_description "mine over theirs"
  mv "$TMP/theirs" "$F"                       # a new inode, other content
  keys C-s
  expect_screen "The file was changed"; keys r; alive
  expect_screen "Reloaded"; expect_screen "theirs.example"
  xf show theirs.example; expect_rc 0        # their file is kept
  xf show fabrikam.com; expect_rc 1
}

# Replaced by a file that does not parse: never overwritten unless chosen.
test_replaced_by_broken_file() {
  seed; start; expect_screen "4 partners"
  printf 'partners = ( { domain = "broken.example" \n' > "$TMP/broken"
  cp "$TMP/broken" "$TMP/broken.orig"
  edit_description "mine"; mv "$TMP/broken" "$F"; keys C-s
  expect_screen "Not saved"; expect_screen "line|syntax|parse|:[0-9]+"; alive
  expect_same "$F" "$TMP/broken.orig"
  keys C-s; sleep 0.3; alive
  expect_same "$F" "$TMP/broken.orig"
  expect_screen "Description +mine"          # the form and its text kept
}

# The folder itself removed under the editor.
test_folder_removed() {
  local d="$TMP/gone"; mkdir -p "$d"; cp examples/partners.conf "$d/p.conf"
  local keepF=$F; F="$d/p.conf"
  start; expect_screen "4 partners"
  edit_description "mine"; rm -rf "$d"; keys C-s; sleep 0.5; alive
  expect_screen "The file was changed"; keys c; alive
  expect_screen "Description +mine"          # still there, nothing lost
  [ -e "$d/p.conf" ] && fail "a file was written without asking"
  F=$keepF
}

run_tests
