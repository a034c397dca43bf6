#!/bin/bash
# The command line of SPEC section 4: output and exit status of each
# command, and refused changes that leave the file byte for byte.
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
F=$XMPPFED_CONFIG

seed() { cp examples/partners.conf "$F"; }

test_help_and_version() {
  xf --help; expect_rc 0; expect_out '^Usage: xmppfed'; expect_out '--remove-domain'
  xf --version; expect_rc 0; expect_out '^xmppfed [0-9]'
  xf frobnicate; expect_rc 2; expect_err "unknown command 'frobnicate'"
  xf list --bogus; expect_rc 2
}

test_list_and_show() {
  seed
  xf list; expect_rc 0
  expect_out '^fabrikam.com +federated +required +optional +true +Fabrikam'
  [ "$(printf '%s\n' "$out" | wc -l)" = 4 ] || fail "want 4 lines: $out"
  xf show corp.fabrikam.com; expect_rc 0
  expect_out '^domain +fabrikam.com$'; expect_out 'additional_domains +corp.fabrikam.com, it.fabrikam.com'
  expect_out 'expected_authentication +sasl-over-tls, tls-dialback'
  xf show MÜNCHEN.example --json; expect_rc 0
  expect_out '"domain": "xn--mnchen-3ya.example"'; expect_out '"domain_unicode": "münchen.example"'
  xf show nosuch.example; expect_rc 1; expect_err 'no partner has the domain nosuch.example'
  xf show; expect_rc 2
}

test_list_json_is_valid() {
  seed
  xf list --json; expect_rc 0
  printf '%s' "$out" | python3 -c 'import json,sys; a=json.load(sys.stdin); assert len(a)==4 and a[0]["partner_type"]=="federated" and a[2]["dialback"] is False' \
    || fail "list --json: $out"
}

test_add_with_cmdlet_spellings() {
  xf add Northwind.COM --type PublicVerified --tls Required --sasl NotSupported --dialback '$true' \
     --description 'Northwind — Tōkyō' --additional-domain nw.example --additional-domain eu.nw.example \
     --proxy-fqdn GW.northwind.com:5270 --connection-limit 20 --keep-alive no
  expect_rc 0
  xf show northwind.com --json
  printf '%s' "$out" | python3 -c '
import json,sys; p=json.load(sys.stdin)
assert p["partner_type"]=="public-verified" and p["tls"]=="required" and p["sasl"]=="not-supported", p
assert p["dialback"] is True and p["keep_alive"] is False and p["connection_limit"]==20, p
assert p["additional_domains"]==["nw.example","eu.nw.example"], p
assert p["proxy_fqdn"]=="gw.northwind.com:5270" and p["description"]=="Northwind — Tōkyō", p' || fail "show after add: $out"
  [ "$(stat -c %a "$F")" = 640 ] || fail "new file mode $(stat -c %a "$F"), want 640"
}

test_refused_changes_leave_file() {
  seed; cp "$F" "$TMP/before"
  local long; long=$(printf 'a%.0s' $(seq 1 63)); long="$long.$long.$long.$long"
  xf add '' ; expect_rc 1; expect_err 'empty'
  xf add "$long"; expect_rc 1; expect_err '255 characters'
  xf add "$(printf 'b%.0s' $(seq 1 64)).com"; expect_rc 1; expect_err 'label of 64'
  xf add a..b; expect_rc 1; expect_err 'empty label'
  xf add -- -x-.com; expect_rc 1; expect_err 'hyphen'
  xf add x.com --description "$(printf 'esc\033[31mred')"; expect_rc 1; expect_err 'U\+001B'
  printf '%s' "$err" | grep -q $'\033' && fail "raw escape echoed to stderr"
  xf add x.com --tls maybe; expect_rc 1; expect_err "'maybe' is not one of"
  xf add x.com --type public; expect_rc 1
  xf add it.fabrikam.com; expect_rc 1; expect_err 'belongs to partner fabrikam.com'
  xf add fabrikam.com; expect_rc 1; expect_err 'already a partner'
  xf add x.com --tls not-supported --sasl required; expect_rc 1; expect_err 'SASL needs TLS'
  xf add x.com --sasl not-supported --dialback no; expect_rc 1; expect_err 'no authentication method'
  xf set fabrikam.com --remove-domain nope.fabrikam.com; expect_rc 1
  xf set fabrikam.com --connection-limit 1001; expect_rc 1
  xf set fabrikam.com --additional-domain fabrikam.com; expect_rc 1; expect_err 'primary'
  xf set fabrikam.com --add-domain chat.litware.net; expect_rc 1
  xf remove it.fabrikam.com; expect_rc 1; expect_err 'additional domain of partner fabrikam.com'
  xf remove nosuch.example; expect_rc 1
  expect_same "$F" "$TMP/before"
  [ -e "$F.bak" ] && fail "a refused change wrote a backup"
}

test_usage_errors_exit_2() {
  seed; cp "$F" "$TMP/before"
  xf add; expect_rc 2
  xf add x.com --frob; expect_rc 2
  xf add x.com --add-domain y.com; expect_rc 2
  xf set fabrikam.com; expect_rc 2; expect_err 'nothing to change'
  xf remove; expect_rc 2
  xf remove a.com b.com; expect_rc 2
  xf check extra; expect_rc 2
  expect_same "$F" "$TMP/before"
}

test_warning_goes_to_stderr() {
  xf add x.com --tls optional --sasl optional; expect_rc 0
  expect_err '^warning: x.com: SASL needs TLS; with TLS only optional'
  [ -z "$out" ] || fail "stdout not empty: $out"
}

test_set_edits() {
  seed
  xf set fabrikam.com --add-domain hr.fabrikam.com --remove-domain it.fabrikam.com --sasl required --dialback no
  expect_rc 0
  xf show fabrikam.com
  expect_out 'additional_domains +corp.fabrikam.com, hr.fabrikam.com$'; expect_out '^sasl +required'
  xf set corp.fabrikam.com --additional-domain only.fabrikam.com; expect_rc 0
  xf show fabrikam.com; expect_out 'additional_domains +only.fabrikam.com$'
  xf set fabrikam.com --connection-limit ''; expect_rc 0
  xf show fabrikam.com; expect_out 'connection_limit +unset \(gateway default: 3\)'
}

test_set_unchanged_does_not_write() {
  seed
  xf set fabrikam.com --tls required; expect_rc 0
  expect_err "nothing changed: .* was not written"
  [ -e "$F.bak" ] && fail "an unchanged set rewrote the file"
  local ino; ino=$(stat -c %i "$F")
  xf gateway --test-timeout 10; expect_rc 0
  expect_err "nothing changed: .* was not written"
  [ -e "$F.bak" ] && fail "an unchanged gateway rewrote the file"
  [ "$(stat -c %i "$F")" = "$ino" ] || fail "an unchanged gateway replaced the file"
}

test_remove() {
  seed
  xf remove chat.litware.net; expect_rc 0
  xf list; expect_no_out 'litware'
  expect_file 'litware' "$F.bak"
}

test_check() {
  seed
  xf check; expect_rc 0; expect_err '4 partners, 0 errors'
  cat > "$F" <<'CONF'
partners = (
  { domain = "a.com"; tls = "optional"; sasl = "optional"; },
  { domain = "b.com"; additional_domains = [ "a.com" ]; },
  { domain = "c.com"; tls = "not-supported"; sasl = "required"; }
);
CONF
  xf check; expect_rc 1
  expect_out "^warning: $F:2: partner a.com"
  expect_out "^error: $F:3: partner b.com: additional domain a.com already belongs"
  expect_out "^error: $F:4: partner c.com: .*SASL needs TLS"
  printf 'partners = ( { domain = "a.com" ) );\n' > "$F"
  xf check; expect_rc 1; expect_out "^error: $F:1: syntax error"
  # the token of the line, and what to write instead, for every command
  printf 'version = 1;\npartners = ( { domain = "a.com"; tls = required; } );\n' > "$F"
  xf check; expect_rc 1
  expect_out "^error: $F:2: syntax error near 'required': a text value needs quotes"
  xf list; expect_rc 1; expect_err "$F:2: syntax error near 'required'"
}

test_broken_file_never_overwritten() {
  printf 'partners = (\n  { domain = "a.com"; tls = ; }\n);\n' > "$F"; cp "$F" "$TMP/before"
  xf add b.com; expect_rc 1; expect_err "$F:2: "
  xf list; expect_rc 1
  xf set a.com --tls optional; expect_rc 1
  expect_same "$F" "$TMP/before"
  [ -e "$F.bak" ] && fail "a broken file was written"
}

test_values_in_error_are_kept() {
  # A value xmppfed cannot read is reported and left as it is; a change
  # to something else goes through and writes only what it changes.
  cat > "$F" <<'CONF'
partners = (
  { domain = "a.com"; tls = "maybe"; description = "esc\x1b[31m"; partner_type = "PublicVerified"; },
  { domain = "b.com"; }
);
CONF
  xf set b.com --description fixed; expect_rc 0
  expect_err "$F:2: tls: 'maybe'"; expect_err "only what this command changes is written"
  expect_file 'tls = "maybe"' "$F"
  expect_file 'description = "esc\\x1b\[31m"' "$F"   # as written: untouched
  expect_file 'partner_type = "PublicVerified"' "$F"
  expect_file 'description = "fixed"' "$F"
  xf list; expect_rc 1; expect_out '!esc\^\[\[31m'   # shown as in the file, marked
  printf '%s' "$out" | grep -q $'\033' && fail "raw escape in list output"
  xf set a.com --tls optional; expect_rc 0
  expect_file 'tls = "optional"' "$F"
  xf check; expect_rc 1; expect_out 'description holds control character U\+001B'
  xf set a.com --description ok; expect_rc 0
  xf check; expect_rc 0
}

test_gateway() {
  xf gateway --local-domain Contoso.com --dns-server 127.0.0.1:5353 --test-timeout 5 --partner-connection-limit 7
  expect_rc 0
  xf gateway; expect_out '^local_domain +contoso.com$'; expect_out '^test_timeout +5$'
  xf gateway --json
  printf '%s' "$out" | python3 -c 'import json,sys; g=json.load(sys.stdin); assert g["dns_server"]=="127.0.0.1:5353" and g["partner_connection_limit"]==7' || fail "$out"
  cp "$F" "$TMP/before"
  xf gateway --test-timeout 0; expect_rc 1
  xf gateway --dns-server 'a..b'; expect_rc 1
  expect_same "$F" "$TMP/before"
}

test_environment_and_default_path() {
  xf add env.example; expect_rc 0
  [ -e "$XMPPFED_CONFIG" ] || fail "XMPPFED_CONFIG not used"
  run "$XMPPFED" -f "$TMP/other.conf" add f.example; expect_rc 0
  [ -e "$TMP/other.conf" ] || fail "-f not used"
  grep -q f.example "$XMPPFED_CONFIG" && fail "-f ignored"
  # an empty -f (a script's unset variable) is an error, not the default
  run "$XMPPFED" -f '' add g.example; expect_rc 2; expect_err '-f: the file name is empty'
  grep -q g.example "$XMPPFED_CONFIG" && fail "-f '' fell back to the default"
}

test_unwritable_file_refused() {
  seed; chmod 644 "$F"; chmod 755 "$TMP"; cp "$F" "$TMP/before"
  run setpriv --reuid=65534 --regid=65534 --clear-groups "$XMPPFED" add z.example
  expect_rc 1; expect_err 'Permission denied'
  expect_same "$F" "$TMP/before"
}

test_sections_of_the_wrong_type() {
  # reported, refused with a clear message when a change needs them, never
  # a crash; what is no partner stays as it is
  printf 'partners = "oops";\n' > "$F"; cp "$F" "$TMP/before"
  xf add a.example; expect_rc 1; expect_err "'partners' on line 1 is not a list"
  expect_same "$F" "$TMP/before"
  printf 'gateway = 5;\n' > "$F"; cp "$F" "$TMP/before"
  xf gateway --test-timeout 7; expect_rc 1; expect_err "'gateway' on line 1 is not a group"
  expect_same "$F" "$TMP/before"
  xf add ok.example; expect_rc 0            # the gateway is not touched
  expect_file '^gateway = 5;' "$F"
  printf 'partners = ( 5, { domain = "b.example"; }, { domain = "c.example"; } );\n' > "$F"
  xf set c.example --tls optional; expect_rc 0
  xf remove b.example; expect_rc 0
  expect_file 'partners = \( 5, \{' "$F"
  [ "$(grep -c '{' "$F")" = 1 ] || fail "partners rewritten wrongly: $(cat "$F")"
  xf show c.example; expect_out '^tls +optional$'
  printf 'partners = [];\n' > "$F"
  xf add d.example; expect_rc 0
  xf list; expect_out '^d.example '
}

test_parallel_sets() {
  # writers at once: each waits for the lock, none loses another's change,
  # and no FILE.lock stays behind (it is removed when let go)
  printf 'version = 1;\n# kept\npartners = (\n' > "$F"
  for i in 1 2 3 4 5 6 7 8; do
    printf '  { domain = "p%d.example"; },\n' "$i" >> "$F"
  done
  printf '  { domain = "last.example"; }\n);\n' >> "$F"
  for round in 1 2 3; do
    pids=""
    for i in 1 2 3 4 5 6 7 8; do
      "$XMPPFED" -f "$F" set "p$i.example" --description "r$round" \
        > "$TMP/par$i.out" 2>&1 &
      pids="$pids $!"
    done
    for p in $pids; do wait "$p" || fail "a parallel set failed: $(cat "$TMP"/par*.out)"; done
  done
  [ "$(grep -c 'description = "r3"' "$F")" = 8 ] || fail "lost update: $(cat "$F")"
  expect_file '^# kept$' "$F"
  [ -e "$F.lock" ] && fail "$F.lock left behind"
  return 0
}

test_editor_without_terminal() {
  seed
  run "$XMPPFED" < /dev/null; expect_rc 2
  expect_err "the editor needs a terminal \(for ssh: ssh -t\)"
}

run_tests
