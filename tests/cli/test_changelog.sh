#!/bin/bash
# The change log (SPEC section 8, issue 13): every save appends a line per
# changed setting to FILE.log; `xmppfed log [DOMAIN] [--json]` reads it.
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
F=$XMPPFED_CONFIG

test_every_save_is_logged() {
  rm -f "$F" "$F.log"
  LOGNAME=bob xf add a.example --tls optional; expect_rc 0
  SUDO_USER=alice LOGNAME=root xf set a.example --tls required --description 'first one'
  expect_rc 0
  LOGNAME=bob xf gateway --local-domain me.example; expect_rc 0
  LOGNAME=bob xf remove a.example; expect_rc 0
  [ "$(stat -c %a "$F.log")" = 640 ] || fail "log mode $(stat -c %a "$F.log"), want 640"
  xf log; expect_rc 0
  expect_out '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z  bob  a\.example  partner: absent → present$'
  expect_out '  bob  a\.example  tls: required → optional$'
  expect_out '  alice  a\.example  tls: optional → required$'
  expect_out '  alice  a\.example  description: "" → first one$'
  expect_out '  bob  gateway  local_domain: "" → me\.example$'
  expect_out '  bob  a\.example  partner: present → absent$'
  [ "$(printf '%s\n' "$out" | wc -l)" = 6 ] || fail "want 6 lines: $out"
}

test_log_of_one_partner_and_json() {
  rm -f "$F" "$F.log"
  xf add a.example; xf add b.example --sasl required; xf set b.example --dialback no
  xf log B.EXAMPLE; expect_rc 0
  expect_no_out 'a\.example'; expect_out 'b\.example  dialback: true → false'
  xf log b.example --json; expect_rc 0
  printf '%s' "$out" | python3 -c '
import json,sys; a=json.load(sys.stdin)
assert all(e["partner"]=="b.example" for e in a), a
assert {"setting":"dialback","old":"true","new":"false"}.items() <= a[-1].items(), a
assert set(a[0]) == {"time","user","partner","setting","old","new"}, a' || fail "log --json: $out"
}

test_unchanged_save_and_refused_change_log_nothing() {
  rm -f "$F" "$F.log"
  xf add a.example; cp "$F.log" "$TMP/log"
  xf set a.example --tls bogus; expect_rc 1
  xf set a.example --tls required; expect_rc 0    # the default already
  expect_same "$F.log" "$TMP/log"
}

test_a_log_that_cannot_be_written_does_not_undo_the_save() {
  rm -f "$F" "$F.log"; mkdir "$F.log"
  xf add a.example; expect_rc 0
  expect_err "the change log .*\.log was not written"
  xf show a.example; expect_rc 0
  rmdir "$F.log"
  ln -s "$TMP/elsewhere" "$F.log"
  xf set a.example --tls optional; expect_rc 0
  expect_err "the change log .*\.log was not written"
  [ -e "$TMP/elsewhere" ] && fail "the log followed a symbolic link"
  rm -f "$F.log"
}

test_log_usage_and_no_log() {
  rm -f "$F" "$F.log"
  xf log; expect_rc 0; expect_err 'no change logged yet'
  xf log --json; expect_rc 0; expect_out '^\[\]$'
  xf log a.example b.example; expect_rc 2; expect_err "unexpected argument 'b.example'"
  xf log --bogus; expect_rc 2
  xf log 'a..b'; expect_rc 2
}

test_edit_is_logged_too() {
  rm -f "$F" "$F.log"
  xf add a.example
  printf '#!/bin/sh\nsed -i "s/public-unverified/federated/" "$1"\n' > "$TMP/ed.sh"
  chmod +x "$TMP/ed.sh"
  EDITOR="$TMP/ed.sh" VISUAL= xf edit < /dev/null; expect_rc 0
  xf log; expect_out '  a\.example  partner_type: public-unverified → federated$'
}

run_tests
