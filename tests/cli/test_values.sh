#!/bin/bash
# Values from the file as they are: a value in error is shown as it is and
# marked (text, JSON), never replaced by a default or dropped; unknown
# settings are named by check; every value reaches the terminal escaped.
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
F=$XMPPFED_CONFIG
ESC=$'\033'

no_raw() { # TEXT WHERE: no escape, no bidi control reaches the terminal
  printf '%s' "$1" | grep -q "$ESC" && fail "raw ESC in $2: $(printf '%s' "$1" | od -c | head -5)"
  printf '%s' "$1" | grep -q $'\u202e' && fail "raw U+202E in $2"
  return 0
}

json_check() { # PYTHON-ASSERTIONS on the JSON in $out (as p)
  printf '%s' "$out" | python3 -c "import json,sys
p=json.load(sys.stdin)
$1" || fail "JSON: $out"
}

bad_tls_file() {
  cat > "$F" <<'CONF'
partners = (
  { domain = "a.com"; tls = "requried"; dialback = "maybe";
    connection_limit = 5000; partner_type = "fed"; },
  { domain = "b.com"; }
);
CONF
}

test_value_in_error_shown_as_in_file() {
  bad_tls_file
  xf list; expect_rc 1
  expect_out '^a.com +!fed +!requried +optional +!maybe '
  expect_out '^b.com +public-unverified +required '
  expect_err "$F:2: tls: 'requried' is not one of"
  expect_err "values in error are shown as they are in the file, marked '!'"
  xf show a.com; expect_rc 1
  expect_out "^tls +!requried +\(in error: tls: 'requried' is not one of"
  expect_out "^connection_limit +!5000 "
  expect_out '^matrix +unknown'
  expect_no_out '^tls +required'
  xf show b.com; expect_rc 0; expect_out '^tls +required$'
}

test_value_in_error_in_json() {
  bad_tls_file
  xf list --json; expect_rc 1
  json_check '
a=p[0]
assert a["tls"]=="requried" and a["dialback"]=="maybe" and a["connection_limit"]=="5000", a
assert a["partner_type"]=="fed" and a["matrix"]=="unknown", a
assert set(a["errors"])=={"tls","dialback","connection_limit","partner_type"}, a["errors"]
assert "requried" in a["errors"]["tls"], a
assert p[1]["errors"]=={} and p[1]["tls"]=="required" and p[1]["dialback"] is True, p[1]'
  xf show a.com --json; expect_rc 1; json_check 'assert p["tls"]=="requried"'
}

test_set_of_value_in_error_writes_it() {
  # the default held in place of the bad value is no reason to skip a write
  bad_tls_file
  xf set a.com --tls required; expect_rc 0
  expect_file 'tls = "required"' "$F"
  xf set a.com --description x; expect_rc 0
  expect_file 'dialback = "maybe"' "$F"
}

test_list_in_error_edited_only_whole() {
  # --add-domain on a list in error would write the bad items back (or
  # nothing at all): refused; --additional-domain replaces the whole list
  printf 'partners = ( { domain = "a.com"; additional_domains = ( "-x-.com", 5 ); } );\n' > "$F"
  cp "$F" "$TMP/before"
  xf set a.com --add-domain y.com; expect_rc 1; expect_err 'additional_domains is in error'
  expect_same "$F" "$TMP/before"
  xf set a.com --additional-domain y.com; expect_rc 0
  expect_file 'additional_domains = \[ "y.com" \]' "$F"
  xf show a.com; expect_rc 0; expect_out '^additional_domains +y.com$'
}

test_json_never_drops_non_utf8() {
  printf 'partners = (\n { domain = "a\xff.com"; proxy_fqdn = "p\xfe.example"; },\n { domain = "b.com"; additional_domains = [ "c\xfd.com" ]; description = "d\xfc"; },\n { domain = "ok.example"; }\n);\n' > "$F"
  xf list --json; expect_rc 1
  json_check '
assert len(p)==3, p
assert p[0]["domain"]=="a\\xFF.com" and p[0]["proxy_fqdn"]=="p\\xFE.example", p[0]
assert "domain" in p[0]["errors"] and "proxy_fqdn" in p[0]["errors"], p[0]
assert p[1]["additional_domains"]==["c\\xFD.com"] and p[1]["description"]=="d\\xFC", p[1]
assert "additional_domains" in p[1]["errors"] and "description" in p[1]["errors"], p[1]'
  xf show b.com --json; expect_rc 1
  [ -n "$out" ] || fail "show --json printed nothing"
  json_check 'assert p["domain"]=="b.com"'
  printf 'gateway = { ca_file = "/tmp/\xff.pem"; };\n' > "$F"
  xf gateway --json
  json_check 'assert p["ca_file"]=="/tmp/\\xFF.pem" and "ca_file" in p["errors"], p'
}

test_unknown_settings_named_by_check() {
  cat > "$F" <<'CONF'
version = 1;
owner = "netops";
gateway = { local_domian = "contoso.com"; };
partners = (
  { domain = "fabrikam.com"; sals = "not-supported"; ticket = "CHG-1"; TLS = "optional"; }
);
CONF
  cp "$F" "$TMP/before"
  xf check; expect_rc 0
  expect_out "^warning: $F:5: unknown setting 'sals' in partner fabrikam.com \(did you mean 'sasl'\?\)$"
  expect_out "^warning: $F:5: unknown setting 'ticket' in partner fabrikam.com$"
  expect_out "unknown setting 'TLS' in partner fabrikam.com \(did you mean 'tls'\?\)"
  expect_out "^warning: $F:3: unknown setting 'local_domian' in the gateway section \(did you mean 'local_domain'\?\)$"
  expect_out "^warning: $F:2: unknown setting 'owner' at the top level$"
  expect_err '0 errors, 5 warnings'
  xf check --strict; expect_rc 1
  xf check --bogus; expect_rc 2
  xf show fabrikam.com; expect_out '^sasl +optional$'
  xf set fabrikam.com --description kept; expect_rc 0
  expect_file 'sals = "not-supported"' "$F"; expect_file 'ticket = "CHG-1"' "$F"
  expect_file 'owner = "netops"' "$F"; expect_file 'local_domian' "$F"
  cp examples/partners.conf "$F"
  xf check --strict; expect_rc 0
}

test_file_values_escaped_everywhere() {
  local long rlo=$'\u202e'; long=$(printf 'a%.0s' $(seq 1 70))
  cat > "$F" <<CONF
gateway = { dns_server = "127.0.0.1:9"; test_timeout = 2; };
partners = (
  { domain = "-\\x1b[2J-.com"; },
  { domain = "\\x1b[31m${long}.com"; tls = "\\x1b[5m"; },
  { domain = "x.com"; description = "ab${rlo}cd"; }
);
CONF
  xf list; no_raw "$out$err" list
  expect_out '^!-\^\[\[2J-.com '
  xf check; expect_rc 1; no_raw "$out$err" check
  expect_out "label '-\^\[\[2j-' begins or ends with a hyphen"
  expect_out "tls: '\^\[\[5m' is not one of"
  expect_out "label of 75 characters \(at most 63\): '\^\[\[31maaa"
  xf show x.com; no_raw "$out$err" show
  expect_out '^description +ab\\u202Ecd$'
  xf test --all --timeout 2; no_raw "$out$err" test
  expect_out '^-\^\[\[2J-.com: FAIL'
}

test_bidi_controls_escaped() {
  local c
  for c in 200e 200f 202a 202b 202c 202d 202e 2066 2067 2068 2069 061c feff 200b; do
    # libconfig has no \u escape: write the character itself
    printf 'partners = ( { domain = "x.com"; description = "a%bb"; } );\n' "\\u$c" > "$F"
    xf list; expect_out "a\\\\u${c^^}b"
  done
  printf 'partners = ( { domain = "x.com"; description = "a\u200db"; } );\n' > "$F"
  xf list; expect_out $'a\u200db'   # a joiner is part of scripts and emoji: kept
}

test_alabels_in_canonical_form_only() {
  xf add xn--a.example; expect_rc 1; expect_err 'xn--a'
  xf add xn--86ak0aa92e.com; expect_rc 1; expect_err 'xn--96ai3aa42e'
  xf add xn--96ai3aa42e.com; expect_rc 0
  # decodes to a label ending with a hyphen, which typed in Unicode is refused
  xf add xn--n--mnche; expect_rc 1; expect_err 'hyphen'
  expect_err "^xmppfed: add: 'xn--n--mnche' is not"   # the value named once
  xf add XN--MNCHEN-3YA.example; expect_rc 0
  xf show münchen.example; expect_out '^domain +xn--mnchen-3ya.example$'
  printf 'partners = ( { domain = "xn--86ak0aa92e.com"; } );\n' > "$F"
  xf check; expect_rc 1; expect_out 'xn--86ak0aa92e'
}

run_tests
