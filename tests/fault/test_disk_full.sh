#!/bin/bash
# A full disk: write() fails with ENOSPC (after a short write) through an
# LD_PRELOAD shim, on the new file, on the backup, or on everything; and,
# where this machine lets a test mount, a real tmpfs filled up. Each time:
# a clear message, exit 1, the file and its backup byte for byte as they
# were, no temporary copy left, and the next save (disk freed) works.
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
. tests/fault/fault.sh
F=$XMPPFED_CONFIG
B=$(basename "$F")

# Two generations: FILE.bak holds the first, FILE the second.
seed() {
  build_shim
  cp examples/partners.conf "$F"; rm -f "$F.bak"
  xf -f "$F" set fabrikam.com --description "generation 2"; expect_rc 0
  cp "$F" "$TMP/file.before"; cp "$F.bak" "$TMP/bak.before"
}
unchanged() {
  cmp -s "$F" "$TMP/file.before" || fail "the file changed after a failed save"
  cmp -s "$F.bak" "$TMP/bak.before" || fail "FILE.bak changed after a failed save (the previous generation is gone)"
  [ -z "$(temps_of "$F")" ] || fail "temporary copies left: $(temps_of "$F")"
  xf -f "$F" show fabrikam.com; expect_out "^description +generation 2$"
}
failed_save() { # what a user must see
  expect_rc 1
  expect_err "No space left on device"
  expect_no_out "Saved|saved"
}
next_save_works() {
  xf -f "$F" set fabrikam.com --description "generation 3"; expect_rc 0
  xf -f "$F" show fabrikam.com; expect_out "^description +generation 3$"
  cmp -s "$F.bak" "$TMP/file.before" || fail "FILE.bak is not the previous generation after the next save"
}

test_new_file_write_fails() {
  seed
  xf_shim XF_FAULT_ENOSPC=".$B.??????" XF_FAULT_ROOM=100 -f "$F" set fabrikam.com --description "lost"
  failed_save; unchanged; next_save_works
}

# The backup may be a copy (written) or a hard link (nothing to write): a
# failed copy fails the save; a link makes it succeed with the backup right.
test_backup_write_fails() {
  seed
  xf_shim XF_FAULT_ENOSPC=".$B.bak.??????" XF_FAULT_ROOM=10 XF_FAULT_LOG="$TMP/fault.log" \
    -f "$F" set fabrikam.com --description "saved"
  if grep -q ENOSPC "$TMP/fault.log" 2>/dev/null; then
    failed_save; unchanged; next_save_works
  else
    expect_rc 0
    cmp -s "$F.bak" "$TMP/file.before" || fail "FILE.bak is not the previous generation"
    xf -f "$F" show fabrikam.com; expect_out "^description +saved$"
  fi
  rm -f "$TMP/fault.log"
}

test_every_write_fails() {
  seed
  xf_shim XF_FAULT_ENOSPC="*" -f "$F" add new.example --description "lost"
  failed_save; unchanged; next_save_works
}

test_fsync_fails() {
  seed
  xf_shim XF_FAULT_EIO=".$B.*" -f "$F" set fabrikam.com --description "lost"
  expect_rc 1; expect_err "Input/output error"
  unchanged; next_save_works
}

test_gateway_and_remove_on_full_disk() {
  seed
  xf_shim XF_FAULT_ENOSPC="*" -f "$F" gateway --test-timeout 42; failed_save; unchanged
  xf_shim XF_FAULT_ENOSPC="*" -f "$F" remove fabrikam.com; failed_save; unchanged
}

# A real file system that is full: a 256 KiB tmpfs in a private mount
# namespace, filled to the last block, then a save.
test_tmpfs_full() {
  build_shim
  can_mount || { skip "no mount namespace here"; return; }
  local d="$TMP/small" out
  mkdir -p "$d"
  out=$(unshare -m bash -c '
    d=$1 xmppfed=$2 example=$3
    mount -t tmpfs -o size=256k tmpfs "$d" || exit 90
    cp "$example" "$d/p.conf"
    "$xmppfed" -f "$d/p.conf" set fabrikam.com --description "generation 2" || exit 91
    cp "$d/p.conf" /dev/shm/xf-fault-$$.file; cp "$d/p.conf.bak" /dev/shm/xf-fault-$$.bak
    dd if=/dev/zero of="$d/filler" bs=4k 2>/dev/null
    "$xmppfed" -f "$d/p.conf" set fabrikam.com --description "$(head -c 1000 /dev/zero | tr "\0" x)"
    echo "rc=$?"
    cmp -s "$d/p.conf" /dev/shm/xf-fault-$$.file && echo "file same"
    cmp -s "$d/p.conf.bak" /dev/shm/xf-fault-$$.bak && echo "bak same"
    ls -A "$d" | grep -v -x -e p.conf -e p.conf.bak -e p.conf.lock -e p.conf.log -e filler | sed "s/^/left: /"
    grep -q xxxxxxxx "$d/p.conf.log" 2>/dev/null && echo "logged a failed save"
    rm -f /dev/shm/xf-fault-$$.*
    rm -f "$d/filler"
    "$xmppfed" -f "$d/p.conf" set fabrikam.com --description "generation 3" && echo "then saved"
    umount "$d"
  ' sh "$d" "$(realpath "$XMPPFED")" "$(realpath examples/partners.conf)" 2>"$TMP/tmpfs.err")
  case $out in *rc=1*) ;; *) fail "a save on a full disk: $out $(head -c 300 "$TMP/tmpfs.err")";; esac
  grep -q "No space left on device" "$TMP/tmpfs.err" || fail "no clear message: $(head -c 300 "$TMP/tmpfs.err")"
  case $out in *"file same"*) ;; *) fail "the file changed on a full disk: $out";; esac
  case $out in *"bak same"*) ;; *) fail "FILE.bak changed on a full disk: $out";; esac
  case $out in *left:*) fail "temporary copies left: $out";; esac
  case $out in *"logged a failed save"*) fail "the change log has a save that failed: $out";; esac
  case $out in *"then saved"*) ;; *) fail "no save once space was freed: $out";; esac
}

# A disk with room for the file as libconfig renders it, but not for the
# file with its comments (the spliced text, written first): the save
# fails with the reason and changes nothing; it never falls back to a
# whole rewrite that drops every comment the administrator wrote.
test_tmpfs_nearly_full_keeps_comments() {
  build_shim
  can_mount || { skip "no mount namespace here"; return; }
  local d="$TMP/small" out
  mkdir -p "$d"
  python3 -c '
print("# partners of the edge server, by hand")
print("partners = (")
print(",\n".join("  { domain = \"p%d.example\";  # %s\n  }" % (i, "why " * 15) for i in range(1, 1500)))
print(");")' > "$TMP/commented.conf"
  out=$(unshare -m bash -c '
    d=$1 xmppfed=$2 conf=$3
    mount -t tmpfs -o size=1m tmpfs "$d" || exit 90
    cp "$conf" "$d/p.conf"
    size=$(stat -c %s "$d/p.conf")
    avail=$(df -B1 --output=avail "$d" | tail -1)
    head -c $((avail - size * 60 / 100)) /dev/zero > "$d/filler"
    "$xmppfed" -f "$d/p.conf" set p2.example --description changed
    echo "rc=$?"
    cmp -s "$d/p.conf" "$conf" && echo "file same"
    ls -A "$d" | grep -v -x -e p.conf -e p.conf.bak -e p.conf.lock -e p.conf.log -e filler | sed "s/^/left: /"
    rm -f "$d/filler"
    "$xmppfed" -f "$d/p.conf" set p2.example --description again >/dev/null && echo "then saved"
    echo "comments: $(grep -c "why why" "$d/p.conf")"
    umount "$d"
  ' sh "$d" "$(realpath "$XMPPFED")" "$TMP/commented.conf" 2>"$TMP/tmpfs.err")
  case $out in *rc=1*) ;; *) fail "a save that fits only without comments: $out $(head -c 300 "$TMP/tmpfs.err")";; esac
  grep -q "No space left on device" "$TMP/tmpfs.err" || fail "no clear message: $(head -c 300 "$TMP/tmpfs.err")"
  case $out in *"file same"*) ;; *) fail "the file changed on a full disk: $out";; esac
  case $out in *left:*) fail "temporary copies left: $out";; esac
  # the changed partner alone is rendered again, its comment with it
  case $out in *"then saved"*"comments: 1498"*) ;; *) fail "comments lost, or no save once space was freed: $out";; esac
}

run_tests
