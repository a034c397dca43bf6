#!/bin/bash
# The editor shows the file's values as they are: a value in error marked
# (never its default), kept on a commit that leaves it alone; problems in
# the file in the header; invisible format characters escaped.
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
. tests/e2e/tmux.sh
F=$XMPPFED_CONFIG

bad_file() {
  cat > "$F" <<'CONF'
partners = (
  { domain = "a.example"; tls = "requried"; connection_limit = 5000; sals = "optional"; },
  { domain = "b.example"; }
);
CONF
}

test_value_in_error_in_list_and_header() {
  bad_file; start
  expect_screen "2 partners +2 errors, 1 warning \('xmppfed check'\)"
  expect_screen "^a.example +public-un… +!requri"   # issue 13: a cut value ends with …
  expect_not_screen "^a.example +public-un[a-z…-]* +required"
}

test_form_keeps_value_in_error() {
  bad_file; start
  keys Enter; expect_screen "Edit partner a.example"
  expect_screen "TLS negotiation! +\[requried"
  expect_screen "Connection limit! +5000"
  expect_screen "Kept as in the file, in error: tls: 'requried' is not one of"
  expect_screen "Unknown: a negotiation setting is in error"
  keys Tab; type_text "note"
  keys C-s
  expect_screen "Saved a.example; 2 values still in error, kept as in the file"
  expect_file 'tls = "requried"' "$F"
  expect_file 'connection_limit = 5000' "$F"
  expect_file 'description = "note"' "$F"
  expect_file 'sals = "optional"' "$F"
}

test_form_replaces_value_in_error_when_chosen() {
  bad_file; start
  keys Enter; expect_screen "Edit partner a.example"
  keys Tab Tab Tab Tab; keys Right     # TLS: requried -> required (cycles)
  expect_screen "TLS negotiation +\[required"
  keys Tab Tab Tab Tab; keys C-u; type_text "7"
  keys C-s
  expect_screen "TLS negotiation: requried → required"; keys y   # reviewed: a TLS change
  expect_screen "Saved a.example"
  expect_not_screen "still in error"
  expect_file 'tls = "required"' "$F"
  expect_file 'connection_limit = 7' "$F"
}

test_bidi_controls_escaped_in_editor() {
  printf 'partners = ( { domain = "x.example"; description = "abc\u202edef"; } );\n' > "$F"
  start
  expect_screen 'abc\\u202Edef'
  keys Enter; expect_screen "Edit partner x.example"
  expect_screen 'Description +\[?abc\\u202Edef'
  screen | grep -q $'\u202e' && fail "raw U+202E on the screen"
  return 0
}

test_t_refuses_a_policy_in_error() {
  # loopback only, should a test run at all
  cat > "$F" <<'CONF'
gateway = { dns_server = "127.0.0.1:9"; test_timeout = 3; };
partners = (
  { domain = "a.example"; tls = "requried"; proxy_fqdn = "127.0.0.1:9"; }
);
CONF
  start
  expect_screen "^a.example"
  keys t
  expect_screen "a.example: FAIL: tls: 'requried' is not one of"
  expect_screen "fix it first \\(not tested\\)"
  expect_not_screen "connect "
}

run_tests
