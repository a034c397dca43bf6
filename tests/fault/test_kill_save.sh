#!/bin/bash
# kill -9 at random moments during saves (XF_KILLS of them, 200 by
# default): after each, the file is the complete old or the complete new
# version and parses; the next writer is never held by a stale lock for
# longer than the lock wait (5 s); and a writer clears the temporary
# copies a killed one left behind.
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
. tests/fault/fault.sh
F=$XMPPFED_CONFIG
: "${XF_KILLS:=200}"
LOCK_WAIT=5
NPARTNERS=1500

# 1,500 partners (200 KB): a save takes long enough to be hit in the middle
# (a few milliseconds; starting sleep(1) takes about one).
seed_big() {
  python3 -c "
print('partners = (')
print(',\n'.join('  { domain = \"p%d.example\"; description = \"partner %d, a description long enough to make the file big\"; }' % (i, i) for i in range(1, $NPARTNERS + 1)))
print(');')" > "$F"
}
now_us() { local t=${EPOCHREALTIME/./}; echo "$t"; }

# One save, not killed: how long it takes, in microseconds.
timed_save() { # DESCRIPTION
  local t0; t0=$(now_us)
  timeout 30 "$XMPPFED" -f "$F" set p1.example --description "$1" >/dev/null 2>"$TMP/save.err"
  local rc=$?
  echo "$rc $(( $(now_us) - t0 ))"
}

# The file after a kill: the old version byte for byte, or a new one that
# is complete (all partners, the new description).
check_file() { # OLD-COPY NEW-DESC
  if cmp -s "$F" "$1"; then echo old; return; fi
  run "$XMPPFED" -f "$F" list
  local n; n=$(printf '%s\n' "$out" | grep -c '^p[0-9]*\.example ')
  if [ "$rc" != 0 ] || [ "$n" != $NPARTNERS ]; then
    echo "broken: list exit $rc, $n partners: $err"; return
  fi
  run "$XMPPFED" -f "$F" show p1.example
  if printf '%s\n' "$out" | grep -qE "^description +$2\$"; then echo new
  else echo "neither: $(printf '%s' "$out" | grep description)"; fi
}

test_kill_during_saves() {
  seed_big
  local span rc us i killed=0 done_=0 renamed=0 broken=0 state worst=0 left
  # the shortest of three saves: the first one also makes FILE.bak
  span=99999999
  for i in 1 2 3; do
    read -r rc us < <(timed_save "warm-up $i")
    [ "$rc" = 0 ] || { fail "a save failed: $(cat "$TMP/save.err")"; return; }
    (( us < span )) && span=$us
  done
  span=$(( span * 8 / 10 + 1000 ))   # starting sleep(1) takes a little too
  cp "$F" "$TMP/old"
  for ((i = 1; i <= XF_KILLS; i++)); do
    # a kill during the sanitizer's leak check at exit is no leak
    ASAN_OPTIONS="$ASAN_OPTIONS:detect_leaks=0" \
      "$XMPPFED" -f "$F" set p1.example --description "gen $i" >/dev/null 2>&1 &
    local pid=$!
    us=$(( (RANDOM * 32768 + RANDOM) % span ))
    sleep "$((us / 1000000)).$(printf '%06d' $((us % 1000000)))"
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null; rc=$?
    if [ "$rc" = 137 ]; then killed=$((killed + 1)); else done_=$((done_ + 1)); fi
    state=$(check_file "$TMP/old" "gen $i")
    case $state in
      old) ;;
      new) [ "$rc" = 137 ] && renamed=$((renamed + 1)); cp "$F" "$TMP/old" ;;
      *) fail "after kill $i (exit $rc): $state"; broken=$((broken + 1)); cp "$F" "$TMP/old" ;;
    esac
    [ "$rc" = 0 ] && [ "$state" != new ] && fail "save $i said done but the file is $state"
    if (( i % 10 == 0 )); then   # the next writer is not held by a stale lock
      read -r rc us < <(timed_save "check $i")
      [ "$rc" = 0 ] || fail "a save after kill $i failed: $(cat "$TMP/save.err")"
      (( us > worst )) && worst=$us
      (( us > LOCK_WAIT * 1000000 )) && fail "a save after kill $i took $((us / 1000)) ms"
      cp "$F" "$TMP/old"
    fi
  done
  left=$(temps_of "$F" | wc -l)
  echo "    $XF_KILLS saves: $killed killed ($renamed of them after the rename), $done_ finished" \
       "first; $broken broken files; $left temporary copies left; slowest next save $((worst / 1000)) ms"
  temps_of "$F" | xargs -r rm -f
  (( killed >= XF_KILLS / 4 )) || fail "only $killed of $XF_KILLS saves were killed: the kills came too late"
}

# What a killed writer leaves (.FILE.XXXXXX, .FILE.bak.XXXXXX) is cleared
# by the next writer, under the lock, without following links.
test_stale_temporaries_cleared() {
  cp examples/partners.conf "$F"
  temps_of "$F" | xargs -r rm -f
  local d b; d=$(dirname "$F") b=$(basename "$F")
  printf 'half a file' > "$d/.$b.Xy12Ab"; printf 'half a backup' > "$d/.$b.bak.Qw34Er"
  touch -d '10 minutes ago' "$d/.$b.Xy12Ab" "$d/.$b.bak.Qw34Er"
  printf 'the other file\n' > "$TMP/victim"; ln -s "$TMP/victim" "$d/.$b.Zz99Zz"
  xf -f "$F" set fabrikam.com --description "a writer"; expect_rc 0
  [ -z "$(temps_of "$F")" ] || fail "stale temporary copies still there: $(temps_of "$F")"
  [ "$(cat "$TMP/victim")" = "the other file" ] || fail "a link among the temporaries was followed"
  rm -f "$d/.$b.Zz99Zz"
}

run_tests
