#!/bin/bash
# The command line as administrators expect it (issue 13): usage errors in
# one form, check --json, list filters, a missing file, the plain-dialback
# remark, the connection limit, and test on text that is not UTF-8 or on a
# policy in error. Every test here stays on the loopback.
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
F=$XMPPFED_CONFIG

seed() { cp examples/partners.conf "$F"; }

# $err: first line "xmppfed: ...", last line the hint, exit status 2
expect_usage() {
  expect_rc 2
  [ "$(printf '%s\n' "$err" | head -1 | cut -c1-9)" = "xmppfed: " ] \
    || fail "usage error does not start with 'xmppfed: ': $err"
  [ "$(printf '%s\n' "$err" | tail -1)" = "Try 'xmppfed --help'." ] \
    || fail "usage error does not end with the hint: $err"
}

test_every_usage_error_says_xmppfed_and_the_hint() {
  seed
  local args
  while IFS= read -r args; do
    eval "xf $args"; expect_usage
  done <<'EOF'
--bogus
-x
-f
frobnicate
list --x
list --json=1
list extra
list --tls
list --tls maybe
list --type nope
show
show a.example --bogus
show a b
add
add a.example --tls
add a.example --frob
add a.example --add-domain x.example
set
set fabrikam.com
set fabrikam.com --zz
remove
remove a b --json
check --bogus
check --strict=1
check extra
gateway --frob
gateway extra
test
test --timeout
test --timeout 0
test --format xml a.example
test bad..domain
test --jobs 0 --all
import --bogus
import
import lync
import csv x.csv
export
export foo
export powershell --frob
edit extra
edit --frob
EOF
  xf list --x; [ "$(printf '%s\n' "$err" | head -1)" = "xmppfed: list: unknown option '--x'" ] \
    || fail "want \"xmppfed: list: unknown option '--x'\": $err"
  xf add a.example --tls; expect_err "^xmppfed: add: option '--tls' needs a value$"
}

test_check_json() {
  cat > "$F" <<'EOF'
version = 1;
colour = "x";
gateway = { ca_file = "/nonexistent/ca.pem"; };
partners = (
  { domain = "a.example"; tls = "requried"; sals = "x"; },
  { domain = "c.example";
    tls = "optional"; }
);
EOF
  xf check --json; expect_rc 1
  printf '%s' "$out" | python3 -c '
import json,sys; a=json.load(sys.stdin)
for p in a: assert set(p)=={"severity","line","partner","setting","message"}, p
def find(**kw): return [p for p in a if all(p[k]==v for k,v in kw.items())]
assert find(severity="error", line=5, partner="a.example", setting="tls"), a
assert find(severity="warning", line=5, partner="a.example", setting="sals"), a
assert find(severity="warning", line=2, partner=None, setting="colour"), a
assert find(severity="warning", line=6, partner="c.example"), a
assert find(severity="warning", line=None, setting="ca_file"), a
assert len(a)==5, a' || fail "check --json: $out"
  # warnings only: --strict decides the exit status, with --json too
  printf 'partners = ( { domain = "c.example"; tls = "optional"; } );\n' > "$F"
  xf check --json; expect_rc 0; expect_out '"severity": "warning"'
  xf check --json --strict; expect_rc 1; expect_out '"severity": "warning"'
  printf 'partners = ( { domain = "c.example"; } );\n' > "$F"
  xf check --json --strict; expect_rc 0
  [ "$(printf '%s' "$out" | tr -d ' \n')" = "[]" ] || fail "no problem: want [], got $out"
}

test_check_json_keeps_text_that_is_not_utf8() {
  printf 'partners = ( { domain = "b\xffx.example"; tls = "re\xffq"; } );\n' > "$F"
  xf check --json; expect_rc 1
  printf '%s' "$out" | python3 -c '
import json,sys; a=json.load(sys.stdin)
assert any(p["partner"]=="b\\xFFx.example" and p["setting"]=="domain" for p in a), a
assert any(p["setting"]=="tls" and "re\\xFFq" in p["message"] for p in a), a' \
    || fail "check --json with bytes that are not UTF-8: $out"
}

test_check_json_syntax_error() {
  printf 'partners = ( { domain = "x" \n' > "$F"
  xf check --json; expect_rc 1
  printf '%s' "$out" | python3 -c '
import json,sys; a=json.load(sys.stdin)
assert len(a)==1 and a[0]["severity"]=="error" and a[0]["line"]==2, a' || fail "$out"
}

test_list_filters() {
  seed
  xf list --tls Optional; expect_rc 0
  [ "$(printf '%s\n' "$out" | cut -d' ' -f1)" = xn--mnchen-3ya.example ] || fail "--tls Optional: $out"
  xf list --type PublicVerified --sasl NotSupported; expect_rc 0
  [ "$(printf '%s\n' "$out" | cut -d' ' -f1)" = jabber.example.org ] || fail "combined: $out"
  xf list --type public-unverified --sasl not-supported --tls REQUIRED; expect_rc 0
  [ -z "$out" ] || fail "no partner matches all three: $out"
  xf list --type federated --json; expect_rc 0
  printf '%s' "$out" | python3 -c 'import json,sys; a=json.load(sys.stdin); assert [p["domain"] for p in a]==["fabrikam.com"], a' \
    || fail "list --type --json: $out"
  xf list --sasl not-supported; [ "$(printf '%s\n' "$out" | wc -l)" = 2 ] || fail "--sasl: $out"
  # a value in error is none of the values: never listed by a filter on it
  printf 'partners = ( { domain = "a.example"; tls = "requried"; }, { domain = "b.example"; } );\n' > "$F"
  xf list --tls required; expect_rc 0
  [ "$(printf '%s\n' "$out" | cut -d' ' -f1)" = b.example ] || fail "value in error: $out"
  xf list --tls maybe; expect_usage; expect_err "'maybe' is not one of"
}

test_missing_file_for_readers_but_add_creates_it() {
  local nofile="$TMP/nosuch.conf"
  xf -f "$nofile" list; expect_rc 1; expect_err 'nosuch.conf: the file does not exist'
  xf -f "$nofile" list --json; expect_rc 1; [ -z "$out" ] || fail "list --json printed: $out"
  xf -f "$nofile" show a.example; expect_rc 1; expect_err 'does not exist'
  xf -f "$nofile" check; expect_rc 1; expect_out '^error: .*nosuch.conf: the file does not exist'
  xf -f "$nofile" check --json; expect_rc 1; expect_out '"message": ".*does not exist"'
  XMPPFED_CONFIG="$nofile" run "$XMPPFED" list; expect_rc 1; expect_err 'does not exist'
  [ -e "$nofile" ] && fail "a reader created $nofile"
  xf -f "$nofile" add a.example; expect_rc 0
  [ -e "$nofile" ] || fail "add did not create $nofile"
  xf -f "$nofile" list; expect_rc 0; expect_out '^a.example'
}

test_plain_dialback_remark_alike_everywhere() {
  # the matrix says ok, with a remark: a note in add, set, check and JSON
  xf add a.example --tls not-supported --sasl not-supported; expect_rc 0
  expect_err '^note: a.example: dialback over plain TCP is the only method'
  xf add b.example; xf set b.example --tls NotSupported --sasl NotSupported; expect_rc 0
  expect_err '^note: b.example: dialback over plain TCP'
  xf check; expect_rc 0; expect_out '^note: .*:[0-9]+: partner a.example: .*weakest trust'
  expect_err '2 notes'
  xf check --strict; expect_rc 0
  xf check --json; expect_rc 0
  printf '%s' "$out" | python3 -c 'import json,sys; a=json.load(sys.stdin); assert [p["severity"] for p in a]==["note","note"] and a[0]["partner"]=="a.example", a' \
    || fail "check --json: $out"
  xf show a.example --json
  printf '%s' "$out" | python3 -c 'import json,sys; p=json.load(sys.stdin); assert p["matrix"]=="ok" and "weakest" in p["matrix_reason"], p' \
    || fail "show --json: $out"
  xf show a.example; expect_out '^matrix +ok: dialback over plain TCP'
  # a real warning stays a warning
  xf set b.example --tls optional --sasl optional; expect_rc 0; expect_err '^warning: b.example: SASL needs TLS'
  xf check --strict; expect_rc 1
}

test_connection_limit_blanks_and_message() {
  seed
  xf set fabrikam.com --connection-limit ' 5 '; expect_rc 0
  xf show fabrikam.com --json; expect_out '"connection_limit": 5'
  xf set fabrikam.com --connection-limit $'\t7'; expect_rc 0
  xf show fabrikam.com --json; expect_out '"connection_limit": 7'
  xf set fabrikam.com --connection-limit ' '; expect_rc 0
  xf show fabrikam.com; expect_out 'connection_limit +unset'
  cp "$F" "$TMP/before"
  xf set fabrikam.com --connection-limit 'x5'; expect_rc 1
  expect_err "^xmppfed: --connection-limit: 'x5' is not a number from 1 to 1000; nothing was changed$"
  [ "$(printf '%s' "$err" | grep -o "'x5'" | wc -l)" = 1 ] || fail "the value more than once: $err"
  expect_same "$F" "$TMP/before"
  printf 'partners = ( { domain = "a.example"; connection_limit = "many"; } );\n' > "$F"
  xf check; expect_rc 1
  expect_out "^error: .*:1: connection_limit: 'many' is not a number from 1 to 1000$"
  xf add x.example --tls maybe; expect_rc 1
  expect_err "^xmppfed: --tls: 'maybe' is not one of required, optional, not-supported; nothing was changed$"
}

# Two partners that fail fast on the loopback: one refused connection, one
# domain that is not UTF-8 (a value in error, never sent anywhere).
two_partners() {
  printf 'gateway = { dns_server = "127.0.0.1:9"; test_timeout = 3; };\n' > "$F"
  printf 'partners = ( { domain = "a.example"; proxy_fqdn = "127.0.0.1:9"; },\n' >> "$F"
  printf '  { domain = "b\xffx.example"; proxy_fqdn = "127.0.0.1:9"; } );\n' >> "$F"
}

test_test_outputs_keep_a_domain_that_is_not_utf8() {
  two_partners
  xf test --all --json; expect_rc 1
  printf '%s' "$out" | python3 -c '
import json,sys; a=json.load(sys.stdin)
assert [r["domain"] for r in a]==["a.example","b\\xFFx.example"], a
assert all(r["verdict"]=="fail" for r in a), a' || fail "test --json: $out"
  xf test --all --format nagios; expect_rc 2
  expect_out '^XMPPFED CRITICAL - 2 of 2 partners fail'; expect_out '^b\\xFFx.example: FAIL'
  xf test --all --format prometheus; expect_rc 1
  expect_out '^xmppfed_partner_verdict\{domain="b\\\\xFFx.example",verdict="fail"\} 2$'
}

test_test_refuses_a_policy_in_error() {
  printf 'gateway = { dns_server = "127.0.0.1:9"; test_timeout = 3; };\n' > "$F"
  printf 'partners = ( { domain = "a.example"; tls = "requried"; proxy_fqdn = "127.0.0.1:9"; },\n' >> "$F"
  printf '  { domain = "b.example"; dialback = "maybe"; proxy_fqdn = "127.0.0.1:9"; } );\n' >> "$F"
  xf test a.example; expect_rc 1
  expect_out "^a.example: FAIL: tls: 'requried' is not one of required, optional, not-supported: fix it first"
  expect_no_out 'connect'
  xf test --all --json; expect_rc 1
  printf '%s' "$out" | python3 -c '
import json,sys; a=json.load(sys.stdin)
assert "fix it first" in a[0]["reason"] and "dialback: " in a[1]["reason"], a
assert all([s["step"] for s in r["steps"]]==["policy"] for r in a), a' || fail "test --json: $out"
}

run_tests
