#!/bin/bash
# valgrind memcheck on the release build: a CLI save, and a test-connect
# (STARTTLS, the certificate checked) against tests/integration/fakexmpp.py
# on a loopback port of its own. Any error, or a leak, fails. Skipped on
# a sanitizer build, which valgrind cannot run.
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
. tests/fault/fault.sh
F=$XMPPFED_CONFIG
# 127.0.0.1, ports 45000-49999: tests/integration uses 127.0.0.x:5269 and
# 127.0.0.1:20000-39999 (env.sh)
PORT=$((45000 + $$ % 5000))
VG=(valgrind --quiet --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect
    --errors-for-leak-kinds=definite,indirect --track-origins=yes --child-silent-after-fork=yes)
FAKE=""
stop_fake() { [ -n "$FAKE" ] && kill "$FAKE" 2>/dev/null; }
CLEANUPS="${CLEANUPS:-} stop_fake"

usable() {
  command -v valgrind >/dev/null || { echo "  skip: no valgrind"; return 1; }
  if ldd "$XMPPFED" 2>/dev/null | grep -q -e libasan -e libubsan; then
    echo "  skip: $XMPPFED is a sanitizer build (valgrind runs on the release build)"
    return 1
  fi
}
memcheck() { # LOG CMD...: sets $rc, $out, $err like run
  run "${VG[@]}" --log-file="$1" "${@:2}"
  [ "$rc" = 99 ] && fail "valgrind: $(head -40 "$1")"
  [ -s "$1" ] && fail "valgrind said: $(head -40 "$1")"
}

test_cli_save_memcheck() {
  usable || return
  cp examples/partners.conf "$F"
  memcheck "$TMP/vg-set.log" "$XMPPFED" -f "$F" set fabrikam.com --description "under valgrind" \
    --add-domain vg.fabrikam.com --tls optional
  expect_rc 0
  memcheck "$TMP/vg-add.log" "$XMPPFED" -f "$F" add münchen2.example --proxy-fqdn "[::1]:5270"
  expect_rc 0
  xf -f "$F" show fabrikam.com; expect_out "^description +under valgrind$"
}

# list, show and check leave their store to the exit (xf_store_free_at_exit):
# still reachable, never a leak
test_read_commands_memcheck() {
  usable || return
  cp examples/partners.conf "$F"
  memcheck "$TMP/vg-list.log" "$XMPPFED" -f "$F" list
  expect_rc 0; expect_out "fabrikam.com"
  memcheck "$TMP/vg-show.log" "$XMPPFED" -f "$F" show fabrikam.com --json
  expect_rc 0; expect_out '"domain": "fabrikam.com"'
  memcheck "$TMP/vg-check.log" "$XMPPFED" -f "$F" check
  expect_rc 0
}

test_test_connect_memcheck() {
  usable || return
  local pki="$TMP/pki"; mkdir -p "$pki"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$pki/vg.key" \
    -out "$pki/vg.pem" -days 400 -subj "/CN=vg.test" \
    -addext "subjectAltName=DNS:vg.test,otherName:1.3.6.1.5.5.7.8.5;UTF8:vg.test" 2>/dev/null ||
    { fail "openssl could not make a certificate"; return; }
  python3 tests/integration/fakexmpp.py record 127.0.0.1 "$PORT" "$pki/vg.pem" "$pki/vg.key" \
    "$TMP/record.log" >"$TMP/fake.out" 2>&1 &
  FAKE=$!
  local i; for ((i = 0; i < 100; i++)); do
    (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break; sleep 0.1
  done
  printf 'partners = ( { domain = "vg.test"; proxy_fqdn = "127.0.0.1:%d"; tls = "required"; } );\n' \
    "$PORT" > "$F"
  memcheck "$TMP/vg-test.log" "$XMPPFED" -f "$F" test vg.test --ca-file "$pki/vg.pem" \
    --from local.test --timeout 30
  expect_out "tls .*TLSv1"            # the handshake was made, under valgrind
  expect_out "cert +ok +chain verified; DNS-ID"
  grep -q "sni: vg.test" "$TMP/record.log" || fail "the fake server saw no handshake: $(cat "$TMP/record.log")"
  stop_fake; FAKE=""
}

run_tests
