#!/bin/bash
# A refused value is named once: the setting (or its option) once, the
# value once, never "--x 'v': x: 'v' is ...".
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
F=$XMPPFED_CONFIG

count() { # NEEDLE TEXT: how many times NEEDLE is in TEXT
  printf '%s' "$2" | grep -oF -- "$1" | wc -l
}

once() { # NEEDLE TEXT
  local n
  n=$(count "$1" "$2")
  [ "$n" = 1 ] || fail "'$1' is there $n times, want once: $2"
}

test_partner_option_names_value_once() {
  xf add x.com --keep-alive sometimes; expect_rc 1
  expect_err "^xmppfed: --keep-alive: 'sometimes' is not one of true, false; nothing was changed$"
  xf add x.com --tls bogus; expect_rc 1
  once bogus "$err"; once tls "$err"
}

# named as typed, the option, as set and add do (not the file's key)
test_gateway_option_names_value_once() {
  xf gateway --test-timeout abc; expect_rc 1
  expect_err "^xmppfed: --test-timeout: 'abc' is not a number from 1 to 600; nothing was changed$"
  once abc "$err"; once test-timeout "$err"
  xf gateway --test-timeout 0; expect_rc 1
  expect_err "^xmppfed: --test-timeout: '0' is not a number from 1 to 600; nothing was changed$"
  xf gateway --after-save "x 'y"; expect_rc 1
  once after-save "$err"
}

test_gateway_file_value_names_key_once() {
  printf 'gateway = { test_timeout = "abc"; cert_warn_days = 9999; };\n' > "$F"
  xf check; expect_rc 1
  expect_out "^error: $F:1: gateway: test_timeout: 'abc' is not a number from 1 to 600$"
  once test_timeout "$out"
  once cert_warn_days "$out"
}

test_import_names_column_once() {
  printf '"Identity","TlsNegotiation"\r\n"a.example","Sometimes"\r\n' > "$TMP/p.csv"
  xf import lync "$TMP/p.csv"; expect_rc 1
  expect_out "^refused +line 2 a.example: TlsNegotiation: 'Sometimes' is not one of"
  once Sometimes "$out"
}

run_tests
