#!/bin/bash
# Test-connect against real partners: Prosody in several configurations,
# dnsmasq for the SRV records, and a fake server for what none of them
# does. Loopback addresses only; every wait is bounded.
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
. tests/integration/env.sh
. tests/e2e/tmux.sh
F=$XMPPFED_CONFIG
CERT=(--cert "$TMP/pki/local.test.pem" --key "$TMP/pki/local.test.key")

srv() { # NAME ADDR [PORT [PRIORITY [xmpps]]]
  echo "--srv-host=_${5:-xmpp}-server._tcp.$1,xmpp.$1,${3:-5269},${4:-10},0 --host-record=xmpp.$1,$2"
}

setup() {
  make_ca
  for n in good.test direct.test opt.test proxied.test local.test secure.test; do make_cert $n 400; done
  make_cert other.test 400
  make_cert soon.test 10
  make_selfsigned selfsigned.test
  start_prosody good.test 127.0.0.11 good.test true
  start_prosody direct.test 127.0.0.12 direct.test true 5270
  start_prosody opt.test 127.0.0.13 opt.test false
  start_prosody plain.test 127.0.0.14 none false
  start_prosody wrongname.test 127.0.0.15 other.test true
  start_prosody selfsigned.test 127.0.0.16 selfsigned.test true
  start_prosody proxied.test 127.0.0.17 proxied.test true
  start_prosody soon.test 127.0.0.18 soon.test true
  start_prosody secure.test 127.0.0.19 secure.test true "" true
  local i=21
  for m in silent garbage endless doctype tlsabort notls trickle tlsfail; do start_fake $m 127.0.0.$i 5269; i=$((i+1)); done
  make_cert record.test 400
  start_fake record 127.0.0.30 5269 "$PKI/record.test.pem" "$PKI/record.test.key" "$TMP/record.log"
  # shellcheck disable=SC2046
  start_dns $(srv good.test 127.0.0.11) $(srv opt.test 127.0.0.13) $(srv plain.test 127.0.0.14) \
    $(srv wrongname.test 127.0.0.15) $(srv selfsigned.test 127.0.0.16) $(srv soon.test 127.0.0.18) \
    $(srv secure.test 127.0.0.19) \
    --srv-host=_xmpps-server._tcp.direct.test,xmpp.direct.test,5270,5,0 \
    --srv-host=_xmpp-server._tcp.direct.test,xmpp.direct.test,5269,10,0 \
    --host-record=xmpp.direct.test,127.0.0.12 \
    --srv-host=_xmpp-server._tcp.off.test,.,0,0,0 \
    --host-record=xmpp.dual.test,127.0.0.11,::1 \
    $(srv silent.test 127.0.0.21) $(srv garbage.test 127.0.0.22) $(srv endless.test 127.0.0.23) \
    $(srv doctype.test 127.0.0.24) $(srv tlsabort.test 127.0.0.25) $(srv notls.test 127.0.0.26) \
    $(srv trickle.test 127.0.0.27) $(srv tlsfail.test 127.0.0.28) \
    --srv-host=_xmpp-server._tcp.record.test,srv-target.example.net,5269,10,0 \
    --host-record=srv-target.example.net,127.0.0.30
  for a in 11 12 13 14 15 16 17 18 19; do wait_port 127.0.0.$a 5269; done
  wait_port 127.0.0.12 5270
  for a in 21 22 23 24 25 26 27 28 30; do wait_port 127.0.0.$a 5269; done
}

probe() { xf test "$@" --dns "127.0.0.1:$DNS_PORT" --ca-file "$TMP/pki/ca.pem" --from local.test --timeout 5; }
json_check() { printf '%s' "$out" | python3 -c "import json,sys; r=json.load(sys.stdin); $1" || fail "json: $1: $out"; }

test_tls_required_valid_cert_and_sasl_external() {
  xf add good.test --type federated --tls required --sasl optional
  probe good.test "${CERT[@]}"; expect_rc 0
  expect_out "^good.test: PASS via sasl-over-tls: TLSv1\.[23], certificate verified \(DNS-ID\), SASL EXTERNAL succeeded"
  expect_out "dns +ok +_xmpp-server._tcp.good.test: xmpp.good.test:5269"
  expect_out "connect +ok +127.0.0.11:5269 in [0-9]+ ms \(IPv4, STARTTLS"
  expect_out "stream +ok +features: starttls \(required\), dialback"
  expect_out "features +ok +after TLS: SASL EXTERNAL, dialback"
  expect_out "sasl +ok +EXTERNAL with our certificate: success"
}

test_without_our_cert_external_is_inconclusive() {
  xf add good.test --tls required --sasl optional
  probe good.test; expect_rc 0
  expect_out "^good.test: PASS via tls-dialback"
  expect_out "EXTERNAL not offered \(inconclusive"
  xf set good.test --sasl required --dialback no
  probe good.test; expect_rc 0
  expect_out "^good.test: WARN via sasl-over-tls: SASL is required; .*inconclusive"
}

test_json_output() {
  xf add good.test --tls required
  probe good.test "${CERT[@]}" --json; expect_rc 0
  json_check 'p=r[0]; assert p["domain"]=="good.test" and p["verdict"]=="pass" and p["method"]=="sasl-over-tls", p
assert p["endpoint"]=="xmpp.good.test:5269" and p["address"]=="127.0.0.11:5269", p
assert p["tls"]["verified"] is True and p["tls"]["name_match"]=="DNS-ID" and p["tls"]["not_after"], p
assert p["features"]["before_tls"]["starttls_required"] is True, p
assert "EXTERNAL" in p["features"]["after_tls"]["sasl_mechanisms"], p
assert isinstance(p["elapsed_ms"], int) and p["reason"], p'
}

test_direct_tls_and_unconfigured_domain() {
  probe direct.test; expect_rc 0
  expect_out "^direct.test: PASS via tls-dialback"
  expect_out "not in the file: .*would work with --tls required --sasl optional --dialback yes"
  expect_out "dns +ok +_xmpps-server._tcp.direct.test: xmpp.direct.test:5270"
  expect_out "connect +ok +127.0.0.12:5270 .*direct TLS"
  expect_out "features +ok +after TLS: dialback"
}

test_tls_optional_with_dialback() {
  xf add opt.test --tls optional --sasl not-supported
  probe opt.test; expect_rc 0
  expect_out "^opt.test: PASS via tls-dialback"
  expect_out "features: starttls, dialback"
}

test_no_tls_at_all() {
  xf add plain.test --tls required
  probe plain.test; expect_rc 1
  expect_out "^plain.test: FAIL: TLS is required but the partner offers no STARTTLS"
  xf set plain.test --tls not-supported --sasl not-supported
  probe plain.test; expect_rc 0
  expect_out "^plain.test: PASS via tcp-dialback: dialback over plain TCP"
  xf set plain.test --tls optional
  probe plain.test; expect_rc 0
  expect_out "^plain.test: WARN via tcp-dialback: the partner offers no TLS"
}

test_certificate_for_another_name() {
  xf add wrongname.test --tls required
  probe wrongname.test; expect_rc 1
  expect_out "^wrongname.test: FAIL: TLS is required but the certificate is not valid for wrongname.test \(it names DNS:other.test"
  xf set wrongname.test --tls optional --sasl not-supported
  probe wrongname.test; expect_rc 0
  expect_out "^wrongname.test: WARN via tls-dialback: the certificate is not valid"
}

test_self_signed_certificate() {
  xf add selfsigned.test --tls required
  probe selfsigned.test; expect_rc 1
  expect_out "^selfsigned.test: FAIL: TLS is required but the certificate cannot be verified: self-signed certificate"
  xf set selfsigned.test --tls optional --sasl not-supported
  probe selfsigned.test; expect_rc 0
  expect_out "^selfsigned.test: WARN via tls-dialback: the certificate cannot be verified"
}

test_proxy_fqdn_without_srv() {
  xf add proxied.test --proxy-fqdn 127.0.0.17
  probe proxied.test; expect_rc 0
  expect_out "^proxied.test: PASS via tls-dialback"
  expect_out "dns +info +proxy_fqdn 127.0.0.17: no DNS SRV lookup"
  expect_no_out "_xmpp-server._tcp.proxied.test"
  # without the proxy the domain has no SRV record and no address
  xf set proxied.test --proxy-fqdn ''
  probe proxied.test; expect_rc 1
  expect_out "no SRV record: trying proxied.test:5269"
}

test_happy_eyeballs_reports_both_families() {
  # the name has an IPv6 address where nothing listens and an IPv4 one
  xf add good.test --proxy-fqdn xmpp.dual.test
  probe good.test; expect_rc 0
  expect_out "connect +ok +127.0.0.11:5269 in [0-9]+ ms \(IPv4, STARTTLS; 1 IPv6 and 1 IPv4 addresses: \[::1\]:5269 Connection refused; 127.0.0.11:5269 connected\)"
  expect_out "^good.test: PASS"
}

test_certificate_expiring_soon() {
  xf add soon.test --tls required
  probe soon.test; expect_rc 0
  expect_out "^soon.test: WARN via tls-dialback: certificate expires in 9 days"
}

# Prosody with s2s_secure_auth: after TLS it closes the stream on a server
# without a valid certificate. Never a PASS then (issue 8, item 20).
test_secure_auth_partner_needs_our_certificate() {
  xf add secure.test --tls required --sasl optional
  probe secure.test; expect_rc 0
  expect_out "^secure.test: WARN: the partner accepts only servers that present a valid certificate: after TLS it closed the stream with not-authorized: .*we presented none \(inconclusive: test again with --cert\)"
  expect_out "features +FAIL +the partner closed the stream with the error not-authorized"
  expect_no_out "PASS"
  probe secure.test "${CERT[@]}"; expect_rc 0
  expect_out "^secure.test: PASS via sasl-over-tls: TLSv1\.[23], certificate verified \(DNS-ID\), SASL EXTERNAL succeeded"
  expect_out "sasl +ok +EXTERNAL with our certificate: success"
  # a certificate the partner cannot validate (self-signed)
  probe secure.test --cert "$TMP/pki/selfsigned.test.pem" --key "$TMP/pki/selfsigned.test.key"
  expect_rc 1
  expect_out "^secure.test: FAIL: the partner refused our certificate: after TLS it closed the stream with not-authorized"
  xf set secure.test --tls optional
  probe secure.test --json; expect_rc 0
  json_check 'p=r[0]; assert p["verdict"]=="warn" and p["method"] is None and "--cert" in p["reason"], p
assert p["stream_error"].startswith("not-authorized"), p'
}

test_stream_error_reported() {
  xf add unknown.test --proxy-fqdn 127.0.0.11:5269
  probe unknown.test; expect_rc 1
  expect_out "^unknown.test: FAIL: the partner closed the stream with the error host-unknown: This host does not serve unknown.test"
}

test_srv_target_dot() {
  probe off.test; expect_rc 1
  expect_out "^off.test: FAIL: the SRV record of off.test says it has no server-to-server service"
}

test_silent_server_bounded() {
  run "$XMPPFED" test silent.test --dns "127.0.0.1:$DNS_PORT" --timeout 2 --json; expect_rc 1
  json_check 'p=r[0]; assert p["verdict"]=="fail" and "deadline" in p["reason"], p
assert p["elapsed_ms"] <= 3000, p["elapsed_ms"]'
}

test_garbage() {
  probe garbage.test; expect_rc 1
  expect_out "^garbage.test: FAIL: the partner sent bad XML"
}

test_endless_stream() {
  probe endless.test; expect_rc 1
  expect_out "^endless.test: FAIL: (the partner sent more than 256 KiB|waiting for the stream features: no answer before the deadline)"
}

test_doctype_refused() {
  probe doctype.test; expect_rc 1
  expect_out "^doctype.test: FAIL: the partner sent a DOCTYPE"
}

test_closed_in_tls_handshake() {
  xf add tlsabort.test --tls required
  probe tlsabort.test; expect_rc 1
  expect_out "^tlsabort.test: FAIL: TLS is required but TLS handshake failed"
}

test_features_trickled_byte_by_byte() {
  xf add trickle.test --tls not-supported --sasl not-supported
  probe trickle.test; expect_rc 0
  expect_out "^trickle.test: PASS via tcp-dialback"
}

test_to_and_sni_are_the_partner_domain() {
  # the SRV target is another name: 'to', SNI and the name check use the
  # partner's domain, never the target or the address
  xf add record.test --tls required --sasl not-supported
  probe record.test; expect_rc 0
  expect_out "^record.test: PASS via tls-dialback"
  expect_out "connect +ok +127.0.0.30:5269"
  expect_file "^header: .*<stream:stream xmlns='jabber:server' .*xmlns:db='jabber:server:dialback' to='record.test' from='local.test' version='1.0'>" "$TMP/record.log"
  expect_file "^sni: record.test$" "$TMP/record.log"
  expect_file "^restart: .*to='record.test'" "$TMP/record.log"
  grep -q "srv-target\|127.0.0.30" "$TMP/record.log" && fail "the target or address leaked into the stream"
  true
}

test_starttls_failure_answer() {
  xf add tlsfail.test --tls required
  probe tlsfail.test; expect_rc 1
  expect_out "^tlsfail.test: FAIL: TLS is required but the partner answered STARTTLS with <failure/>"
}

test_no_method_left() {
  xf add notls.test --tls optional --sasl not-supported
  probe notls.test; expect_rc 1
  expect_out "^notls.test: FAIL: no authentication method would work: the partner offers no dialback"
}

test_all_runs_concurrently() {
  for d in s1 s2 s3 s4; do xf add $d.test --proxy-fqdn 127.0.0.21; done
  xf add good.test
  local t0 t1; t0=$(date +%s%N)
  run "$XMPPFED" test --all --timeout 2 --ca-file "$TMP/pki/ca.pem" --dns "127.0.0.1:$DNS_PORT" --json
  t1=$(date +%s%N)
  expect_rc 1
  json_check 'v=[p["verdict"] for p in r]; assert v==["fail"]*4+["pass"], v'
  # four silent partners of 2 s each: together, not one after the other
  [ $(( (t1 - t0) / 1000000 )) -lt 6000 ] || fail "test --all took $(( (t1 - t0) / 1000000 )) ms"
}

test_invalid_domain_from_file_goes_nowhere() {
  # a value that breaks the rules is kept in the file; the probe must not
  # put it into a stream header or an SNI
  printf "partners = ( { domain = \"a'b<x>.example\"; } );\n" > "$F"
  probe --all; expect_rc 1
  expect_out "^a'b<x>.example: FAIL: the partner's domain is not a valid DNS name"
  expect_no_out "connect "
}

test_unreadable_ca_file_said_for_each() {
  xf add good.test; xf add opt.test
  xf test --all --ca-file "$TMP/nonexistent.pem" --dns "127.0.0.1:$DNS_PORT" --timeout 2; expect_rc 1
  expect_out "^good.test: FAIL: CA file $TMP/nonexistent.pem: .*No such file"
  expect_out "^opt.test: FAIL: CA file $TMP/nonexistent.pem: .*No such file"
}

# --- monitoring (issue 12) -------------------------------------------------

test_nagios_states_and_perfdata() {
  xf add good.test; xf add soon.test; xf add plain.test
  probe --all --format nagios; expect_rc 2
  expect_out "^XMPPFED CRITICAL - 1 of 3 partners fail: plain.test \(TLS is required but the partner offers no STARTTLS\); 1 warn \| fail=1;;0;0;3 warn=1;0;;0;3 pass=1;;;0;3 time=[0-9]+\.[0-9]{3}s;;;0 cert_min_days=9;14:;;$"
  expect_out "^soon.test: WARN via tls-dialback: certificate expires in 9 days$"
  expect_out "^good.test: PASS via tls-dialback: "
  xf remove plain.test
  probe --all --format nagios; expect_rc 1
  expect_out "^XMPPFED WARNING - 1 of 2 partners warn: soon.test \(certificate expires in 9 days\) \| fail=0;;0;0;2 warn=1;0;;0;2 pass=1;;;0;2 "
  probe --all --format nagios --warn-days 5; expect_rc 0
  expect_out "^XMPPFED OK - 2 partners pass \| fail=0;;0;0;2 warn=0;0;;0;2 pass=2;;;0;2 time=[0-9.]+s;;;0 cert_min_days=9;5:;;$"
  xf gateway --cert-warn-days 5                 # the gateway's default
  probe --all --format nagios; expect_rc 0; expect_out "^XMPPFED OK"
  probe --all --format nagios --warn-days 20; expect_rc 1   # the option wins
}

test_prometheus_with_real_partners() {
  xf add good.test; xf add soon.test; xf add plain.test
  mkdir -p "$TMP/textfile"
  probe --all --format prometheus --output "$TMP/textfile/xmppfed.prom"; expect_rc 1
  [ -z "$out" ] || fail "stdout: $out"
  out=$(cat "$TMP/textfile/xmppfed.prom")
  local msg; msg=$(promtool check metrics < "$TMP/textfile/xmppfed.prom" 2>&1) || fail "promtool: $msg"
  [ -z "$msg" ] || fail "promtool: $msg"
  expect_out '^xmppfed_partner_verdict\{domain="good.test",verdict="pass"\} 0$'
  expect_out '^xmppfed_partner_verdict\{domain="soon.test",verdict="warn"\} 1$'
  expect_out '^xmppfed_partner_verdict\{domain="plain.test",verdict="fail"\} 2$'
  expect_out '^xmppfed_partner_method_info\{domain="good.test",method="tls-dialback"\} 1$'
  expect_out '^xmppfed_partner_method_info\{domain="plain.test",method="none"\} 1$'
  expect_no_out 'cert_expiry_seconds\{domain="plain.test"'
  # soon.test's certificate: 10 days from its making, a little less now
  local s; s=$(printf '%s\n' "$out" | sed -n 's/^xmppfed_partner_cert_expiry_seconds{domain="soon.test"} //p')
  [ -n "$s" ] && [ "$s" -gt $((9 * 86400)) ] && [ "$s" -le $((10 * 86400)) ] || fail "soon.test expiry: '$s'"
  s=$(printf '%s\n' "$out" | sed -n 's/^xmppfed_partner_cert_expiry_seconds{domain="good.test"} //p')
  [ -n "$s" ] && [ "$s" -gt $((399 * 86400)) ] || fail "good.test expiry: '$s'"
  expect_out '^xmppfed_partner_probe_duration_seconds\{domain="good.test"\} [0-9]+\.[0-9]{3}$'
}

test_usage_errors() {
  xf test; expect_rc 2
  xf test good.test --timeout 0; expect_rc 2
  xf test good.test --jobs x; expect_rc 2
  xf test 'bad..name'; expect_rc 2
}

# --- the editor's test view ------------------------------------------------

gateway_for_tests() {
  xf gateway --dns-server "127.0.0.1:$DNS_PORT" --ca-file "$TMP/pki/ca.pem" \
    --local-domain local.test --test-timeout "${1:-5}"
}

test_tui_test_selected_partner() {
  gateway_for_tests; xf add good.test --tls required
  start
  keys t
  expect_screen "Test connection: good.test"
  expect_screen "connect +127.0.0.11:5269"
  expect_screen "good.test: PASS via tls-dialback"
  expect_screen "Esc/Enter Close"
  keys Enter; expect_screen "^good.test +public-un(v|…) +required +optional +yes +PASS"
}

test_tui_test_all_fills_column() {
  gateway_for_tests 3; xf add good.test; xf add plain.test; xf add silent.test
  start
  keys T; expect_screen "Test all partners \(3\)"
  expect_screen "3/3 done" 10
  expect_screen "plain.test: FAIL: TLS is required but the partner offers no STARTTLS"
  expect_screen "silent.test: FAIL"
  keys Escape
  expect_screen "^good.test .* PASS"; expect_screen "^plain.test .* FAIL"
}

test_tui_cancel_running_test() {
  gateway_for_tests 30; xf add silent.test
  start
  keys t; expect_screen "testing... Esc cancels"
  local t0; t0=$(date +%s%N)
  keys Escape; expect_screen "Test cancelled" 3
  [ $(( ($(date +%s%N) - t0) / 1000000 )) -lt 3000 ] || fail "cancel took too long"
  expect_screen "^silent.test +public-un(v|…) +required +optional +yes +-"   # a cancelled test says nothing
}

test_tui_cert_warn_days_on_gateway_screen() {
  gateway_for_tests; xf add soon.test
  start
  keys g; expect_screen "Certificate warning days +14"
  keys Escape; expect_screen "^soon.test "
  keys t; expect_screen "soon.test: WARN via tls-dialback: certificate expires in 9 days"
  keys Enter
  keys g; keys Tab Tab Tab Tab Tab Tab Tab; keys C-u; type_text "5"; keys C-s
  expect_screen "Saved the gateway settings"
  expect_file "cert_warn_days = 5;" "$F"
  keys t; expect_screen "soon.test: PASS via tls-dialback"
}

test_tui_test_unsaved_form_values() {
  gateway_for_tests; cp "$F" "$TMP/before"
  start
  keys n; type_text "plain.test"
  keys Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Right   # to "Test connection"
  keys Enter
  expect_screen "plain.test: FAIL: TLS is required but the partner offers no STARTTLS"
  keys Enter; expect_screen "New partner"
  expect_same "$F" "$TMP/before"
}

setup
run_tests
