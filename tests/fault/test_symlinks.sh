#!/bin/bash
# FILE.bak, FILE.lock and the temporary names planted as symlinks to
# another file: never followed, the other file is untouched (contents,
# mode, owner and inode).
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
. tests/fault/fault.sh
F=$XMPPFED_CONFIG
V="$TMP/victim"
cleanup_links() { find "$TMP" -maxdepth 1 -type l -delete; }

seed() {
  rm -f "$F.lock"; cleanup_links
  cp examples/partners.conf "$F"
  printf 'the other file\n' > "$V"; chmod 600 "$V"
  stat -c '%i %a %u %s %Y' "$V" > "$TMP/victim.stat"
  cp "$V" "$TMP/victim.orig"
}
victim_untouched() {
  [ -f "$V" ] && [ ! -L "$V" ] || { fail "the other file was replaced or removed"; return; }
  cmp -s "$V" "$TMP/victim.orig" || fail "the other file was written: $(head -c 200 "$V")"
  [ "$(stat -c '%i %a %u %s %Y' "$V")" = "$(cat "$TMP/victim.stat")" ] ||
    fail "the other file changed: $(stat -c '%i %a %u %s %Y' "$V") was $(cat "$TMP/victim.stat")"
}

test_bak_symlink_replaced_not_followed() {
  seed; ln -s "$V" "$F.bak"
  xf -f "$F" set fabrikam.com --description "after the link"; expect_rc 0
  victim_untouched
  [ -L "$F.bak" ] && fail "FILE.bak is still the symlink"
  grep -q '"Fabrikam' "$F.bak" || fail "FILE.bak is not the previous version"
  xf -f "$F" show fabrikam.com; expect_out "^description +after the link$"
  cleanup_links
}

test_lock_symlink_not_followed() {
  seed; ln -s "$V" "$F.lock"
  cp "$F" "$TMP/before"
  xf -f "$F" set fabrikam.com --description "with a planted lock"
  victim_untouched
  if [ "$rc" = 0 ]; then
    xf -f "$F" show fabrikam.com; expect_out "^description +with a planted lock$"
  else # refused: say why, change nothing
    expect_rc 1; expect_err "lock"
    expect_same "$F" "$TMP/before"
  fi
  cleanup_links
}

# The names a temporary copy would take are planted first: with the shim,
# mkstemp tries AAAAAA, AAAAAB, ... in turn, as an attacker who guessed
# them would plant; also names a save might use if it named them itself.
test_temp_names_planted() {
  seed; build_shim
  local d b n; d=$(dirname "$F") b=$(basename "$F")
  for n in AAAAAA AAAAAB AAAAAC; do
    ln -s "$V" "$d/.$b.$n"; ln -s "$V" "$d/.$b.bak.$n"
  done
  for n in "$b.tmp" "$b.new" ".$b.tmp" "$b~" "$b.bak.tmp" "$b.swp"; do ln -s "$V" "$d/$n"; done
  xf_shim XF_FAULT_TEMPNAMES=1 XF_FAULT_LOG="$TMP/fault.log" -f "$F" set fabrikam.com --description "planted temps"
  expect_rc 0
  victim_untouched
  # the save met a planted name, or cleared them first as stale temporaries
  grep -q EEXIST "$TMP/fault.log" 2>/dev/null || [ ! -L "$d/.$b.AAAAAA" ] ||
    fail "the planted names were neither met nor cleared (log: $(cat "$TMP/fault.log" 2>/dev/null))"
  xf -f "$F" show fabrikam.com; expect_out "^description +planted temps$"
  [ -z "$(temps_of "$F")" ] || fail "temporary copies left: $(temps_of "$F")"
  # a second save, as the next writer that may clear stale temporaries
  xf -f "$F" set fabrikam.com --description "again"; expect_rc 0
  victim_untouched
  cleanup_links
}

# The planted links all at once, and several saves: still untouched.
test_all_links_many_saves() {
  seed; build_shim
  local d b i; d=$(dirname "$F") b=$(basename "$F")
  ln -s "$V" "$F.lock.tmp"; ln -s "$V" "$d/.$b.AAAAAA"; ln -s "$V" "$d/.$b.bak.AAAAAA"
  for i in 1 2 3 4 5; do
    xf_shim XF_FAULT_TEMPNAMES=1 -f "$F" set fabrikam.com --description "save $i"; expect_rc 0
    ln -sfn "$V" "$F.bak"   # planted again after every save
  done
  victim_untouched
  xf -f "$F" show fabrikam.com; expect_out "^description +save 5$"
  cleanup_links
}

run_tests
