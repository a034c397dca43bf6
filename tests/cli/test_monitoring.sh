#!/bin/bash
# Monitoring without a network (issue 12): the Nagios plugin's UNKNOWN
# answers and exit codes, the Prometheus exposition of partners whose names
# need escaping (checked by promtool), --output written atomically, the
# cert_warn_days setting, and the systemd units of contrib/systemd checked
# by systemd-analyze (no running systemd needed). Real partners are in
# tests/integration/test_probe.sh.
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
F=$XMPPFED_CONFIG

promtool_ok() { # FILE: promtool's parser and linter accept it
  local msg
  msg=$(promtool check metrics < "$1" 2>&1) || fail "promtool check metrics: $msg"
  [ -z "$msg" ] || fail "promtool check metrics: $msg"
}

test_nagios_unknown_when_file_cannot_be_read() {
  printf 'partners = ( { domain = "a.example" ' > "$F"   # a syntax error
  xf test --all --format nagios; expect_rc 3
  expect_out "^XMPPFED UNKNOWN - .*$F:1"
  [ "$(printf '%s\n' "$out" | wc -l)" = 1 ] || fail "one line wanted: $out"
  rm -f "$F"; mkdir "$F"                                 # not a file at all
  xf test --all --format nagios; expect_rc 3; expect_out "^XMPPFED UNKNOWN - "
  xf test --all; expect_rc 1                             # other formats: 1
  rmdir "$F"
  # a file its reader may not read (root reads everything: test as nobody)
  printf 'partners = ( { domain = "a.example"; } );\n' > "$F"; chmod 600 "$F"; chmod 755 "$TMP"
  run setpriv --reuid=65534 --regid=65534 --clear-groups "$XMPPFED" -f "$F" test --all --format nagios
  expect_rc 3; expect_out "^XMPPFED UNKNOWN - .*Permission denied"
}

test_nagios_unknown_on_bad_usage_and_nothing_to_test() {
  xf test --all --format nagios --timeout 0; expect_rc 3
  expect_out "^XMPPFED UNKNOWN - bad command line"; expect_err "--timeout"
  xf test --timeout 0 --format=nagios --all; expect_rc 3
  xf test --all --format nagios; expect_rc 3
  expect_out "^XMPPFED UNKNOWN - no partners in the file"
  xf test --all --format nagios --json --timeout 0; expect_rc 2   # the last format wins
  xf test --all --format bogus; expect_rc 2; expect_err "--format: text, json, nagios or prometheus"
  xf test --all --warn-days -1; expect_rc 2; expect_err "--warn-days"
  xf test --all --output ''; expect_rc 2
}

test_nagios_lists_failures_with_perfdata() {
  # domains that break the rules fail without any network
  printf 'partners = ( { domain = "a|b.example"; }, { domain = "c d.example"; } );\n' > "$F"
  xf test --all --format nagios; expect_rc 2
  local first; first=$(printf '%s\n' "$out" | head -1)
  [[ $first =~ ^XMPPFED\ CRITICAL\ -\ 2\ of\ 2\ partners\ fail:\ a\\x7cb.example\ \(the\ partner\'s\ domain\ is\ not\ a\ valid\ DNS\ name ]] \
    || fail "status line: $first"
  # exactly one '|': the performance data after it, per the guidelines
  [ "$(printf '%s' "$first" | tr -cd '|' | wc -c)" = 1 ] || fail "one | wanted: $first"
  [[ $first =~ \|\ fail=2\;\;0\;0\;2\ warn=0\;0\;\;0\;2\ pass=0\;\;\;0\;2\ time=[0-9]+\.[0-9]{3}s\;\;\;0$ ]] \
    || fail "perfdata: $first"
  expect_out "^c d.example: FAIL: the partner's domain is not a valid DNS name"
}

test_prometheus_escapes_labels_and_passes_promtool() {
  printf 'partners = ( { domain = "q\\"uote.example"; }, { domain = "back\\\\slash.example"; },\n  { domain = "bad\\xff.example"; }, { domain = "new\\nline.example"; } );\n' > "$F"
  LC_NUMERIC=de_DE.UTF-8 xf test --all --format prometheus; expect_rc 1
  printf '%s\n' "$out" > "$TMP/out.prom"; promtool_ok "$TMP/out.prom"
  expect_out '^xmppfed_partner_verdict\{domain="q\\"uote.example",verdict="fail"\} 2$'
  expect_out '^xmppfed_partner_verdict\{domain="back\\\\slash.example",verdict="fail"\} 2$'
  expect_out '^xmppfed_partner_verdict\{domain="bad\\\\xFF.example",verdict="fail"\} 2$'
  expect_out '^xmppfed_partner_verdict\{domain="new\^Jline.example",verdict="fail"\} 2$'
  expect_out '^xmppfed_partner_method_info\{domain="q\\"uote.example",method="none"\} 1$'
  expect_out '^xmppfed_partner_probe_duration_seconds\{domain="q\\"uote.example"\} [0-9]+\.[0-9]{3}$'
  expect_out '^# TYPE xmppfed_partner_cert_expiry_seconds gauge$'
  expect_no_out '^xmppfed_partner_cert_expiry_seconds\{'          # no certificate seen
  expect_out '^xmppfed_cert_warn_threshold_seconds 1209600$'      # 14 days
  expect_out '^xmppfed_test_timestamp_seconds [0-9]{10}$'
  # no partner at all: still valid metrics, for the textfile collector
  rm -f "$F"; xf test --all --format prometheus; expect_rc 0
  printf '%s\n' "$out" > "$TMP/empty.prom"; promtool_ok "$TMP/empty.prom"
}

test_output_written_atomically() {
  printf 'partners = ( { domain = "bad..example"; } );\n' > "$F"
  mkdir -p "$TMP/textfile"
  local target="$TMP/textfile/xmppfed.prom"
  echo "old" > "$target"; chmod 640 "$target"
  local inode; inode=$(stat -c %i "$target")
  exec 7< "$target"                         # a reader of the old file
  xf test --all --format prometheus --output "$target"; expect_rc 1
  [ -z "$out" ] || fail "stdout not empty: $out"
  [ "$(cat <&7)" = old ] || fail "the old file was written in place"
  exec 7<&-
  [ "$(stat -c %i "$target")" != "$inode" ] || fail "not replaced by a rename"
  [ "$(stat -c %a "$target")" = 640 ] || fail "mode not kept: $(stat -c %a "$target")"
  promtool_ok "$target"
  grep -q 'domain="bad..example"' "$target" || fail "content: $(cat "$target")"
  [ "$(ls -A "$TMP/textfile")" = xmppfed.prom ] || fail "left behind: $(ls -A "$TMP/textfile")"
  rm "$target"; (umask 022; xf test --all --format json --output "$target"); expect_rc 1
  [ "$(stat -c %a "$target")" = 644 ] || fail "a new file for the collector: 0644"
  python3 -c 'import json,sys; assert json.load(open(sys.argv[1]))[0]["verdict"]=="fail"' "$target" \
    || fail "json output: $(cat "$target")"
  xf test --all --format nagios --output "$TMP/nosuch/dir/x.prom"; expect_rc 3
  expect_err "cannot write $TMP/nosuch/dir/x.prom"
  xf test --all --output "$TMP/nosuch/dir/x.prom"; expect_rc 1
}

test_json_synonym_and_text() {
  printf 'partners = ( { domain = "bad..example"; } );\n' > "$F"
  xf test --all --json; local a=$out
  xf test --all --format json; expect_rc 1
  [ "$(printf '%s' "$a" | sed 's/"elapsed_ms": [0-9]*/E/')" = "$(printf '%s' "$out" | sed 's/"elapsed_ms": [0-9]*/E/')" ] \
    || fail "--json and --format json differ"
  xf test --all --format text; expect_rc 1; expect_out "^bad..example: FAIL"
}

test_cert_warn_days_setting() {
  xf gateway; expect_out "^cert_warn_days +14$"
  xf gateway --json; expect_out '"cert_warn_days": 14'
  xf gateway --cert-warn-days 30; expect_rc 0
  expect_file "cert_warn_days = 30;" "$F"
  xf gateway; expect_out "^cert_warn_days +30$"
  cp "$F" "$TMP/before"
  xf gateway --cert-warn-days 4000; expect_rc 1; expect_err "^xmppfed: --cert-warn-days: '4000' is not a number from 0 to 3650"
  expect_same "$F" "$TMP/before"
  printf 'partners = ( { domain = "bad..example"; } );\n' >> "$F"
  xf test --all --format prometheus; expect_out '^xmppfed_cert_warn_threshold_seconds 2592000$'
  xf test --all --format prometheus --warn-days 7; expect_out '^xmppfed_cert_warn_threshold_seconds 604800$'
}

test_systemd_units_verify() {
  # systemd-analyze checks ExecStart's program: point it at this build
  local d="$TMP/units" bin; bin=$(readlink -f "$XMPPFED")
  mkdir -p "$d/man/man1"; cp man/xmppfed.1 "$d/man/man1/"
  sed "s|/usr/local/bin/xmppfed|$bin|" contrib/systemd/xmppfed-test.service > "$d/xmppfed-test.service"
  cp contrib/systemd/xmppfed-test.timer "$d/"
  grep -q "^ExecStart=$bin .*test --all --format prometheus --output " "$d/xmppfed-test.service" \
    || fail "ExecStart: $(grep ExecStart "$d/xmppfed-test.service")"
  expect_file "^OnCalendar=hourly$" "$d/xmppfed-test.timer"
  local man=no; command -v man >/dev/null && man=yes   # Documentation=man:xmppfed(1)
  run env MANPATH="$d/man" systemd-analyze verify --man=$man "$d/xmppfed-test.timer" "$d/xmppfed-test.service"
  expect_rc 0; [ -z "$out$err" ] || fail "systemd-analyze verify: $out$err"
  # and it does find a mistake
  sed -i 's/^OnCalendar=/OnCalender=/' "$d/xmppfed-test.timer"
  run systemd-analyze verify --man=no "$d/xmppfed-test.timer" "$d/xmppfed-test.service"
  [ "$rc" != 0 ] || fail "a broken timer passed systemd-analyze verify"
}

run_tests
