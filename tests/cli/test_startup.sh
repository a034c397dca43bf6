#!/bin/bash
# What a command loads at its start (issue 9): OpenSSL only when it
# test-connects (core/tls_lib.c), so that list, show and check start
# without its libraries; the test-connect then loads and uses them.
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
F=$XMPPFED_CONFIG

loaded_ssl() { # the dynamic loader's trace of the last run names libssl
  grep -qE 'calling init: .*libssl\.so' "$TMP/ld.log"
}

test_read_commands_do_not_load_openssl() {
  cp examples/partners.conf "$F"
  local c
  for c in "list" "show fabrikam.com" "check"; do
    # shellcheck disable=SC2086
    run env LD_DEBUG=libs LD_DEBUG_OUTPUT="$TMP/trace" "$XMPPFED" -f "$F" $c
    expect_rc 0
    cat "$TMP"/trace.* > "$TMP/ld.log"; rm -f "$TMP"/trace.*
    grep -q 'calling init' "$TMP/ld.log" || fail "no loader trace for $c"
    loaded_ssl && fail "$c loaded OpenSSL"
  done
  sanitizer_clean
}

test_test_connect_loads_openssl() {
  # port 1 on the loopback: refused at once, after the TLS set-up
  printf 'partners = ( { domain = "ssl.test"; proxy_fqdn = "127.0.0.1:1"; tls = "required"; } );\n' > "$F"
  run env LD_DEBUG=libs LD_DEBUG_OUTPUT="$TMP/trace" "$XMPPFED" -f "$F" test ssl.test --timeout 5
  cat "$TMP"/trace.* > "$TMP/ld.log"; rm -f "$TMP"/trace.*
  expect_rc 1
  expect_out "ssl.test: FAIL: cannot connect to 127.0.0.1:1"
  loaded_ssl || fail "test did not load OpenSSL"
  sanitizer_clean
}

run_tests
