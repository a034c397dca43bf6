#!/bin/bash
# A folder that cannot be written: as another user (root passes permission
# checks), and as root on a read-only mount. A change is refused with a
# clear message, nothing is written, and the editor says so before anyone
# types (issue 8, item 2).
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
. tests/fault/fault.sh
. tests/e2e/tmux.sh
D="$TMP/ro"
F="$D/partners.conf"

# The folder root's, 0755; the file nobody's own, 0644: nobody may write
# the file but not create the lock or the temporary copy beside it.
seed_ro() {
  nobody_setup
  rm -rf "$D"; mkdir -p "$D"; chmod 755 "$D"
  cp examples/partners.conf "$F"; chown 65534:65534 "$F"; chmod 644 "$F"
  cp "$F" "$TMP/before"
}
nothing_written() {
  expect_same "$F" "$TMP/before"
  local extra; extra=$(ls -A "$D" | grep -vx partners.conf)
  [ -z "$extra" ] || fail "files created in the read-only folder: $extra"
}

test_cli_refuses_in_readonly_folder() {
  need_root || return
  seed_ro
  xf_nobody -f "$F" set fabrikam.com --description "changed"
  expect_rc 1; expect_err "Permission denied"; expect_err "$D"
  nothing_written
  xf_nobody -f "$F" add new.example; expect_rc 1; nothing_written
  xf_nobody -f "$F" gateway --test-timeout 9; expect_rc 1; nothing_written
  # reading still works
  xf_nobody -f "$F" show fabrikam.com; expect_rc 0; expect_out "^description +Fabrikam"
  xf_nobody -f "$F" check; expect_rc 0
  nobody_clean
}

test_cli_refuses_on_readonly_mount() {
  can_mount || { skip "no mount namespace here"; return; }
  rm -rf "$D"; mkdir -p "$D"; cp examples/partners.conf "$F"; cp "$F" "$TMP/before"
  local out2
  out2=$(unshare -m sh -c 'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" &&
    "$2" -f "$1/partners.conf" set fabrikam.com --description changed; echo "rc=$?"' \
    sh "$D" "$(realpath "$XMPPFED")" 2>&1)
  case $out2 in *rc=1*) ;; *) fail "on a read-only mount: $out2";; esac
  case $out2 in *"Read-only file system"*) ;; *) fail "no clear message: $out2";; esac
  nothing_written
}

# The editor as nobody: the header says the folder cannot be written
# before anyone types; a commit is refused and the list and the file keep
# the truth of the file.
test_editor_readonly_folder() {
  need_root || return
  seed_ro
  local xfbin=$XMPPFED
  XMPPFED="${NOBODY[*]} $(realpath "$xfbin")" \
    start ASAN_OPTIONS=log_path=$TMP/nlogs/asan:detect_leaks=0 UBSAN_OPTIONS=log_path=$TMP/nlogs/ubsan
  XMPPFED=$xfbin
  expect_screen "4 partners"
  expect_screen "read-only|not writable"
  keys Enter; expect_screen "Edit partner fabrikam.com"
  keys Tab; keys C-u; type_text "never saved"; keys C-s
  expect_screen "Permission denied|cannot|not writable|read-only"
  nothing_written
  keys Escape; sleep 0.3; keys y 2>/dev/null; sleep 0.3
  expect_not_screen "never saved"
  keys q; keys y; wait_exit || fail "did not quit"
  nothing_written
  nobody_clean
}

run_tests
