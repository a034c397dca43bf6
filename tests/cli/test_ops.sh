#!/bin/bash
# Operations (issue 12): applying a change (after_save, --no-apply), the
# visudo-style edit, migration from Lync / Skype for Business (import,
# export powershell) and the edge-pool playbook run by ansible-playbook.
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
. tests/e2e/tmux.sh
F=$XMPPFED_CONFIG
ROOT=$PWD

seed() { cp examples/partners.conf "$F"; }

# A hook that records its arguments, prints something and exits with $1.
hook() {
  cat > "$TMP/hook" <<EOF
#!/bin/sh
printf '%s\n' "\$*" >> "$TMP/hook.log"
echo "reloading the gateway"
exit $1
EOF
  chmod +x "$TMP/hook"; rm -f "$TMP/hook.log"
}

# --- applying a change -------------------------------------------------

test_after_save_runs_after_each_save_with_the_path_last() {
  seed; hook 0
  xf gateway --after-save "$TMP/hook 'two words' --flag"; expect_rc 0
  expect_err 'applied: .*hook .two words. --flag` done: reloading the gateway'
  xf add northwind.example; expect_rc 0
  [ "$(tail -1 "$TMP/hook.log")" = "two words --flag $F" ] || fail "hook got: $(cat "$TMP/hook.log")"
  [ "$(wc -l < "$TMP/hook.log")" = 2 ] || fail "want 2 runs: $(cat "$TMP/hook.log")"
  xf gateway --json; expect_out '"after_save": ".*hook .two words. --flag"'
  # a refused change saves nothing and applies nothing
  xf add fabrikam.com; expect_rc 1
  [ "$(wc -l < "$TMP/hook.log")" = 2 ] || fail "a refused change ran the hook"
}

test_after_save_failure_is_shown_and_the_change_kept() {
  seed; hook 3
  xf --no-apply gateway --after-save "$TMP/hook"; expect_rc 0
  expect_err 'Saved; not applied \(--no-apply\)'
  [ -e "$TMP/hook.log" ] && fail "--no-apply ran the hook"
  xf set fabrikam.com --description changed; expect_rc 1
  expect_err "Saved; applying: \`$TMP/hook\` failed \(exit 3\): reloading the gateway"
  xf show fabrikam.com; expect_out 'description +changed'
  xf gateway --after-save "$TMP/nonexistent"; expect_rc 1
  expect_err 'failed \(exit 127\): cannot run .*nonexistent: No such file'
}

test_after_save_is_bounded_and_uses_no_shell() {
  seed
  xf --no-apply gateway --after-save "sh -c 'sleep 20' x"; expect_rc 0
  local t0=$SECONDS
  XMPPFED_APPLY_TIMEOUT=1 xf add a.example; expect_rc 1
  expect_err 'still running after 1 s: stopped'
  [ $((SECONDS - t0)) -le 4 ] || fail "took $((SECONDS - t0)) s"
  xf gateway --after-save "echo \$HOME;touch $TMP/pwned \`id\`"; expect_rc 0
  expect_err "done: \\\$HOME;touch $TMP/pwned \`id\` $F"
  [ -e "$TMP/pwned" ] && fail "a shell ran the command"
  cp "$F" "$TMP/before"
  xf gateway --after-save "reload 'unbalanced"; expect_rc 1; expect_err 'unbalanced single quote'
  expect_same "$F" "$TMP/before"
}

test_gateway_screen_edits_after_save() {
  seed; hook 3
  COLS=120 start
  keys g; expect_screen 'After save'
  # Tab to the field whose help says what it is, wherever it stands
  local i; for i in $(seq 12); do screen | grep -q 'Command run after each save' && break; keys Tab; sleep 0.05; done
  type_text "$TMP/hook 'a b'"; keys C-s
  expect_screen 'Saved the gateway settings; applying: .*failed \(exit 3\)'
  keys q; wait_exit
  xf gateway --json; expect_out "\"after_save\": \"$TMP/hook 'a b'\""
  [ "$(cat "$TMP/hook.log")" = "a b $F" ] || fail "hook got: $(cat "$TMP/hook.log")"
}

test_editor_status_says_whether_applied() {
  seed; hook 3
  xf --no-apply gateway --after-save "$TMP/hook"
  start
  keys Down; keys e; expect_screen 'Primary domain'
  keys Tab; type_text " changed"   # a commit with no change writes nothing
  keys C-s; expect_screen 'applying: .*failed \(exit 3\)'
  [ "$(wc -l < "$TMP/hook.log")" = 1 ] || fail "hook runs: $(cat "$TMP/hook.log" 2>/dev/null)"
  # the gateway screen shows and edits the command
  keys g; expect_screen "After save +.*hook"
  keys Escape; keys q; wait_exit
}

# --- edit ----------------------------------------------------------------

# A scripted $EDITOR: each run applies the next line of $TMP/steps (a sed
# script) to the file, and notes the modes of the copy and its folder.
editor() {
  printf '%s\n' "$@" > "$TMP/steps"; rm -f "$TMP/steps.n" "$TMP/modes"
  cat > "$TMP/ed" <<EOF
#!/bin/sh
n=\$(cat "$TMP/steps.n" 2>/dev/null || echo 0); n=\$((n+1)); echo \$n > "$TMP/steps.n"
stat -c '%a %n' "\$(dirname "\$1")" "\$1" >> "$TMP/modes"
sed -n "\${n}p" "$TMP/steps" > "$TMP/step"
sed -i -f "$TMP/step" "\$1"
EOF
  chmod +x "$TMP/ed"; export VISUAL="$TMP/ed" TMPDIR="$TMP/tmpdir"; rm -rf "$TMPDIR"; mkdir -p "$TMPDIR"
}
edit_runs() { cat "$TMP/steps.n" 2>/dev/null || echo 0; }

test_edit_saves_a_good_change_through_the_store() {
  seed; hook 0; xf --no-apply gateway --after-save "$TMP/hook"; cp "$F" "$TMP/before"
  editor 's/Fabrikam Inc\./Fabrikam Ltd./'
  EDITOR=/bin/false xf edit; expect_rc 0
  xf show fabrikam.com; expect_out 'description +Fabrikam Ltd\.'
  expect_same "$F.bak" "$TMP/before"
  [ "$(stat -c %a "$F")" = 644 ] || [ "$(stat -c %a "$F")" = "$(stat -c %a "$TMP/before")" ] || fail "mode changed"
  grep -q '^700 ' "$TMP/modes" || fail "folder of the copy: $(cat "$TMP/modes")"
  grep -q '^600 .*/partners.conf$' "$TMP/modes" || fail "the copy: $(cat "$TMP/modes")"
  [ -z "$(ls -A "$TMPDIR")" ] || fail "left behind: $(ls -A "$TMPDIR")"
  expect_file "$F" "$TMP/hook.log"
}

test_edit_syntax_error_asks_and_never_saves_it() {
  seed; cp "$F" "$TMP/before"
  editor '0,/tls = "required";/s//tls = = "required";/'
  run sh -c "printf 'Q\nx\n' | $XMPPFED edit"; expect_rc 1
  expect_err "error: $F:[0-9]+: syntax error"
  expect_err 'What now\? \(e\)dit again, e\(x\)it without saving Only warnings'
  expect_same "$F" "$TMP/before"
  [ -e "$F.bak" ] && fail "wrote a backup"
  # edit again: the second run fixes it, the file is saved
  editor '0,/tls = "required";/s//tls = = "required";/' 's/tls = = "required";/tls = "required";/;s/Fabrikam Inc\./Fixed/'
  run sh -c "printf 'e\n' | $XMPPFED edit"; expect_rc 0
  [ "$(edit_runs)" = 2 ] || fail "editor ran $(edit_runs) times"
  xf show fabrikam.com; expect_out '^description +Fixed'
  [ -z "$(ls -A "$TMPDIR")" ] || fail "left behind: $(ls -A "$TMPDIR")"
}

test_edit_warning_may_be_saved_anyway_error_not() {
  seed; cp "$F" "$TMP/before"
  # tls optional + sasl required: a warning of the matrix
  editor '/domain = "jabber.example.org"/,/}/s/sasl = "not-supported"/sasl = "required"/;/domain = "jabber.example.org"/,/}/s/tls = "required"/tls = "optional"/'
  run sh -c "printf 'Q\n' | $XMPPFED edit"; expect_rc 0
  expect_err 'warning: .*jabber.example.org.*SASL needs TLS'
  expect_err '\(Q\)uit and save anyway'
  xf show jabber.example.org; expect_out '^sasl +required'
  # an error of the rules (SASL without TLS): no Q
  cp "$F" "$TMP/before"
  editor '/domain = "jabber.example.org"/,/}/s/tls = "optional"/tls = "not-supported"/'
  run sh -c "printf 'Q\nx\n' | $XMPPFED edit"; expect_rc 1
  expect_err 'error: .*SASL'; expect_err 'Only warnings can be saved anyway'
  expect_same "$F" "$TMP/before"
}

test_edit_no_change_and_failed_editor_leave_the_file() {
  seed; cp "$F" "$TMP/before"
  editor ''
  xf edit; expect_rc 0; expect_err 'no change'
  VISUAL=/bin/false xf edit; expect_rc 1; expect_err 'editor /bin/false failed'
  VISUAL="rm -f" xf edit; expect_rc 1; expect_err 'the edited copy is gone'
  expect_same "$F" "$TMP/before"
  [ -e "$F.bak" ] && fail "wrote a backup"
  [ -z "$(ls -A "$TMPDIR")" ] || fail "left behind: $(ls -A "$TMPDIR")"
}

test_edit_creates_a_new_file_and_repairs_a_broken_one() {
  editor ''
  rm -f "$F"
  # an editor that writes the file whole
  cat > "$TMP/ed" <<EOF
#!/bin/sh
printf 'version = 1;\npartners = ( { domain = "new.example"; } );\n' > "\$1"
EOF
  xf edit; expect_rc 0
  [ "$(stat -c %a "$F")" = 640 ] || fail "new file mode $(stat -c %a "$F")"
  xf list; expect_out '^new.example '
  printf 'partners = ( {' > "$F"; cp "$F" "$TMP/broken"
  xf edit; expect_rc 0
  expect_same "$F.bak" "$TMP/broken"
  xf check; expect_rc 0
}

test_edit_holds_the_lock_and_detects_a_change_behind_it() {
  seed
  # the editor tries a change with xmppfed (refused: locked), then one
  # behind xmppfed's back (detected at save: the copy is kept)
  editor 's/Fabrikam Inc\./Mine/'
  cat > "$TMP/ed2" <<EOF
#!/bin/sh
$XMPPFED -f "$F" add other.example 2> "$TMP/locked.err"; echo \$? > "$TMP/locked.rc"
sed -i 's/Litware chat/Theirs/' "$F"
exec "$TMP/ed" "\$@"
EOF
  chmod +x "$TMP/ed2"
  VISUAL="$TMP/ed2" xf edit; expect_rc 1
  [ "$(cat "$TMP/locked.rc")" = 1 ] || fail "a change during the edit: rc $(cat "$TMP/locked.rc")"
  grep -q 'is locked by process' "$TMP/locked.err" || fail "$(cat "$TMP/locked.err")"
  expect_err 'changed by someone else.*your edited copy is kept: .*partners.conf'
  expect_file 'Theirs' "$F"
  local kept; kept=$(printf '%s' "$err" | grep -oE 'kept: .*' | cut -d' ' -f2)
  grep -q 'Mine' "$kept" || fail "the kept copy lacks the edit: $kept"
}

test_editor_offers_repair_of_a_file_that_does_not_parse() {
  seed; xf set fabrikam.com --description v2   # makes a .bak that parses
  printf 'partners = ( { domain = "x.example" \n' > "$F"; cp "$F" "$TMP/broken"
  start
  expect_screen "$F:2: syntax error"
  expect_screen "What now\? \(e\)dit the file, \(r\)estore $F.bak"
  keys r Enter
  expect_screen 'fabrikam.com'
  keys q; wait_exit
  expect_same "$F.bak" "$TMP/broken"
  xf check; expect_rc 0
  # and with x it exits, the file as it was
  cp "$TMP/broken" "$F"; rm -f "$F.bak"
  start
  expect_screen 'What now\? \(e\)dit the file, e\(x\)it'
  keys x Enter; wait_exit
  [ "$(cat "$TMP/exit")" = 1 ] || fail "exit status $(cat "$TMP/exit")"
  expect_same "$F" "$TMP/broken"
}

# --- import from Lync / Skype for Business --------------------------------

HDR='"Identity","AdditionalDomains","ConnectionLimit","Description","EnableKeepAlive","PartnerType","ProxyFqdn","SaslNegotiation","SupportDialbackNegotiation","TlsNegotiation"'

# ps_csv FILE utf8|bom|utf16 LINE...: a CSV as Export-Csv writes it:
# CRLF line ends; a UTF-8 BOM, or UTF-16LE with its BOM (PowerShell 5's
# -Encoding Unicode).
ps_csv() {
  local file=$1 enc=$2; shift 2
  printf '%s\r\n' "$@" > "$file.u8"
  case $enc in
    utf8) mv "$file.u8" "$file" ;;
    bom) { printf '\xef\xbb\xbf'; cat "$file.u8"; } > "$file"; rm "$file.u8" ;;
    utf16) { printf '\xff\xfe'; iconv -f UTF-8 -t UTF-16LE "$file.u8"; } > "$file"; rm "$file.u8" ;;
  esac
}

good_rows() {
  ps_csv "$TMP/p.csv" "$1" "$HDR" \
    '"fabrikam.com","corp.fabrikam.com it.fabrikam.com","","Fabrikam, ""the"" Inc.","True","Federated","","Optional","True","Required"' \
    '"Adatum.COM","","20","Adatum — Zürich","False","PublicVerified","gw.adatum.com:5270","NotSupported","True","Optional"'
}

test_import_lync_utf16_dry_run_then_real() {
  seed; cp "$F" "$TMP/before"
  good_rows utf16
  xf import lync "$TMP/p.csv" --dry-run; expect_rc 0
  expect_out '^change +fabrikam.com \(description\)$'   # the rest as it was
  expect_out '^add +adatum.com$'
  expect_err '0 unchanged, 0 refused'; expect_err 'dry-run: nothing was written'
  expect_same "$F" "$TMP/before"
  xf import lync "$TMP/p.csv"; expect_rc 0
  xf show adatum.com --json
  printf '%s' "$out" | python3 -c '
import json,sys; p=json.load(sys.stdin)
assert p["partner_type"]=="public-verified" and p["tls"]=="optional" and p["sasl"]=="not-supported", p
assert p["connection_limit"]==20 and p["keep_alive"] is False and p["proxy_fqdn"]=="gw.adatum.com:5270", p
assert p["description"]=="Adatum — Zürich", p' || fail "adatum: $out"
  xf show fabrikam.com; expect_out 'description +Fabrikam, "the" Inc\.'
  # again: nothing to do, the file untouched
  cp "$F" "$TMP/after"
  xf import lync "$TMP/p.csv"; expect_rc 0; expect_out '^unchanged +adatum.com'
  expect_err 'nothing to change'; expect_same "$F" "$TMP/after"
}

test_import_lync_utf8_with_and_without_bom_any_column_order() {
  local enc
  for enc in utf8 bom; do
    rm -f "$F"
    ps_csv "$TMP/p.csv" $enc '"TlsNegotiation","Identity","PartnerType","Element"' \
      '"Optional","a.example","PublicUnverified","<x/>"' '"Required","b.example","Federated",""'
    xf import lync "$TMP/p.csv"; expect_rc 0
    expect_err 'ignored column \(no xmppfed setting\): Element'
    xf list; expect_out '^a.example +public-unverified +optional'
    expect_out '^b.example +federated +required'
  done
}

test_import_lync_refuses_type_names_and_bad_rows() {
  seed; cp "$F" "$TMP/before"
  ps_csv "$TMP/p.csv" bom "$HDR" \
    '"new.example","System.Collections.Generic.List`1[System.String]","","","True","Federated","","Optional","True","Required"' \
    '"ok.example","","","fine","True","Federated","","Optional","True","Required"' \
    '"bad.example","","","","True","Federated","","Required","True","NotSupported"' \
    '"it.fabrikam.com","","","","True","Federated","","Optional","True","Required"' \
    '"ok.example","","","twice","True","Federated","","Optional","True","Required"'
  xf import lync "$TMP/p.csv"; expect_rc 1
  expect_out '^refused +line 2 new.example: AdditionalDomains is a type name'
  expect_out '^refused +line 4 bad.example: .*SASL'
  expect_out '^refused +line 5 it.fabrikam.com: .*belongs to partner fabrikam.com'
  expect_out '^refused +line 6 ok.example: ok.example is on an earlier row'
  expect_err "Select-Object Identity,@\{Name='AdditionalDomains';Expression=\{\\\$_.AdditionalDomains -join ' '\}\}"
  expect_err 'nothing was written'
  expect_same "$F" "$TMP/before"
  xf import lync "$TMP/p.csv" --dry-run --skip-invalid; expect_rc 0; expect_same "$F" "$TMP/before"
  xf import lync "$TMP/p.csv" --skip-invalid; expect_rc 0
  xf show ok.example; expect_out 'description +fine'
  xf show new.example; expect_rc 1
}

test_import_bad_csv_is_refused_with_its_line() {
  seed; cp "$F" "$TMP/before"
  printf '"Identity","Description"\r\n"a.example","open\r\n' > "$TMP/p.csv"
  xf import lync "$TMP/p.csv"; expect_rc 1; expect_err 'line 2: the quoted field never ends'
  printf '"Name"\r\n"a.example"\r\n' > "$TMP/p.csv"
  xf import lync "$TMP/p.csv"; expect_rc 1; expect_err 'no Identity column'
  printf '"Identity"\r\n"caf\xe9.example"\r\n' > "$TMP/p.csv"
  xf import lync "$TMP/p.csv"; expect_rc 1; expect_err 'not UTF-8'
  xf import lync "$TMP/none.csv"; expect_rc 1
  xf import lync; expect_rc 2
  xf import sametime "$TMP/p.csv"; expect_rc 2; expect_err "unknown source 'sametime'"
  expect_same "$F" "$TMP/before"
}

test_import_lync_gateway() {
  seed
  ps_csv "$TMP/g.csv" utf16 '"Identity","ConnectionLimit","DialbackPassphrase","EnableLoggingAllMessageBodies","KeepAliveInterval","PartnerConnectionLimit","StreamEstablishmentTimeout","StreamInactivityTimeout","SubscriptionRefreshInterval"' \
    '"Global","1000","s3cret-passphrase","False","300","7","20","600","86400"'
  xf import lync-gateway "$TMP/g.csv" --dry-run; expect_rc 0
  expect_out '^change +partner_connection_limit = 7 \(was 3\)'
  expect_err 'ignored columns .*DialbackPassphrase'
  printf '%s%s' "$out" "$err" | grep -q s3cret && fail "printed the dialback passphrase"
  xf gateway --json; expect_out '"partner_connection_limit": 3'
  xf import lync-gateway "$TMP/g.csv"; expect_rc 0
  xf gateway --json; expect_out '"partner_connection_limit": 7'
}

# --- export powershell -----------------------------------------------------

test_export_powershell_quotes_for_powershell() {
  seed
  xf set fabrikam.com --description "O'Brien’s ‘x’ \$env:HOME \`n"
  xf export powershell; expect_rc 0
  expect_out "^New-CsXmppAllowedPartner -Identity 'fabrikam.com' -PartnerType Federated -TlsNegotiation Required -SaslNegotiation Optional -SupportDialbackNegotiation \\\$true -EnableKeepAlive \\\$true -Description 'O''Brien’’s ‘‘x’’ \\\$env:HOME \`n' -AdditionalDomains 'corp.fabrikam.com','it.fabrikam.com'$"
  expect_out "-Identity 'chat.litware.net' .*-SupportDialbackNegotiation \\\$false -EnableKeepAlive \\\$false .*-ProxyFqdn 'xmpp-gw.litware.net:5269'"
  expect_out "-Identity 'jabber.example.org' .* -ConnectionLimit 10$"
  [ "$(printf '%s\n' "$out" | grep -c '^New-CsXmppAllowedPartner')" = 4 ] || fail "want 4 commands"
}

# What PowerShell would do with the exported commands and then
# Get-CsXmppAllowedPartner | Export-Csv -NoTypeInformation -Encoding Unicode:
# each command's parameters (single-quoted strings, quotes doubled) become
# a row, every field quoted, CRLF, UTF-16LE with a BOM.
ps_roundtrip() {
  python3 - "$1" "$2" <<'EOF'
import re, sys
cols = ["Identity","AdditionalDomains","ConnectionLimit","Description","EnableKeepAlive",
        "PartnerType","ProxyFqdn","SaslNegotiation","SupportDialbackNegotiation","TlsNegotiation"]
Q = "'\u2018\u2019\u201a\u201b"
def words(line):
    i, out = 0, []
    while i < len(line):
        c = line[i]
        if c == ' ': i += 1; continue
        if c in Q:
            s, i = '', i + 1
            while True:
                if line[i] in Q and i + 1 < len(line) and line[i+1] in Q: s += line[i]; i += 2
                elif line[i] in Q: i += 1; break
                else: s += line[i]; i += 1
            if out and isinstance(out[-1], list) and out[-1][1]: out[-1][0].append(s); out[-1][1] = False
            else: out.append([[s], False])
        elif c == ',': out[-1][1] = True; i += 1
        else:
            j = line.find(' ', i); j = len(line) if j < 0 else j
            out.append(line[i:j]); i = j
    return out
rows = []
for line in open(sys.argv[1], encoding="utf-8"):
    line = line.rstrip("\n")
    if not line.startswith("New-CsXmppAllowedPartner"): continue
    w = words(line)[1:]; row = {c: "" for c in cols}
    row.update(EnableKeepAlive="True", SupportDialbackNegotiation="True")
    for k in range(0, len(w), 2):
        name, v = w[k][1:], w[k+1]
        v = " ".join(v[0]) if isinstance(v, list) else {"$true": "True", "$false": "False"}.get(v, v)
        row[name] = v
    rows.append(row)
q = lambda s: '"' + s.replace('"', '""') + '"'
text = ",".join(map(q, cols)) + "\r\n" + "".join(",".join(q(r[c]) for c in cols) + "\r\n" for r in rows)
open(sys.argv[2], "wb").write(b"\xff\xfe" + text.encode("utf-16-le"))
EOF
}

test_export_import_round_trip() {
  seed
  xf set fabrikam.com --description "O'Brien’s \"quoted\", with comma"
  xf list --json; local before=$out
  xf export powershell; printf '%s\n' "$out" > "$TMP/export.ps1"
  ps_roundtrip "$TMP/export.ps1" "$TMP/rt.csv" || fail "round trip script"
  head -c 2 "$TMP/rt.csv" | od -An -tx1 | grep -q 'ff fe' || fail "not UTF-16LE"
  rm -f "$F"
  xf import lync "$TMP/rt.csv"; expect_rc 0
  xf list --json
  [ "$out" = "$before" ] || fail "round trip differs:
$(diff <(printf '%s\n' "$before") <(printf '%s\n' "$out"))"
}

# --- the edge pool: the playbook, with ansible-playbook -------------------

# Runs contrib/ansible/edge-pool.yml against localhost with two edge
# folders. The test step is skipped: it would reach the partners.
play() { # SRC [EXTRA ARGS]
  local src=$1 bin; shift
  bin=$(cd "$(dirname "$XMPPFED")" && pwd)/$(basename "$XMPPFED")
  run env ANSIBLE_NOCOLOR=1 ANSIBLE_RETRY_FILES_ENABLED=0 ANSIBLE_LOCAL_TEMP="$TMP/ans" \
    ANSIBLE_HOME="$TMP/ans" ANSIBLE_PYTHON_INTERPRETER=/usr/bin/python3 \
    ansible-playbook -i "$TMP/inventory.yml" contrib/ansible/edge-pool.yml \
    -e "partners_src=$src" -e "xmppfed_bin=$bin" "$@"
}

# Two edges in folders of their own. check --strict and --format: as soon
# as this xmppfed has them (group variables, so that a host may differ).
pool_inventory() {
  local check=check output=--json
  "$XMPPFED" --help | grep -q -- '--strict' && check="check --strict"
  "$XMPPFED" --help | grep -q -- '--format' && output="--format json"
  mkdir -p "$TMP/edge1" "$TMP/edge2" "$TMP/results"
  cat > "$TMP/inventory.yml" <<EOF
edges:
  hosts:
    edge1: { partners_file: "$TMP/edge1/partners.conf" }
    edge2: { partners_file: "$TMP/edge2/partners.conf" }
  vars:
    ansible_connection: local
    results_dir: "$TMP/results"
    xmppfed_check: "$check"
    test_output: "$output"
EOF
}

test_ansible_edge_pool_good_file_reaches_every_edge() {
  command -v ansible-playbook >/dev/null || { fail "ansible-playbook missing: make test-deps (ansible-core)"; return; }
  pool_inventory; seed
  play "$F" -e run_tests=false; expect_rc 0
  expect_same "$TMP/edge1/partners.conf" "$F"; expect_same "$TMP/edge2/partners.conf" "$F"
  expect_out 'edge1 +: ok=.*failed=0'; expect_out 'edge2 +: ok=.*failed=0'
}

test_ansible_edge_pool_bad_file_reaches_no_edge() {
  command -v ansible-playbook >/dev/null || { fail "ansible-playbook missing: make test-deps (ansible-core)"; return; }
  pool_inventory; seed
  play "$F" -e run_tests=false; expect_rc 0
  cp "$F" "$TMP/good"
  sed '/jabber.example.org/,/}/s/dialback = true;/dialback = false;/' "$F" > "$TMP/bad.conf"
  play "$TMP/bad.conf" -e run_tests=false; [ "$rc" != 0 ] || fail "the play passed with a bad file"
  expect_out 'error: [^"]*bad.conf:[0-9]+: partner jabber.example.org: .*dialback=false'
  expect_same "$TMP/edge1/partners.conf" "$TMP/good"; expect_same "$TMP/edge2/partners.conf" "$TMP/good"
  # with check --strict (the default), a warning is refused too
  sed 's|ca_file = .*|ca_file = "/nonexistent/ca.pem";|' "$F" > "$TMP/warn.conf"
  play "$TMP/warn.conf" -e run_tests=false; [ "$rc" != 0 ] || fail "the play passed with a warning"
  expect_out 'warning: [^"]*warn.conf: gateway: ca_file /nonexistent/ca.pem cannot be read'
  expect_same "$TMP/edge1/partners.conf" "$TMP/good"; expect_same "$TMP/edge2/partners.conf" "$TMP/good"
}

test_ansible_one_edge_refusing_stops_the_whole_pool() {
  command -v ansible-playbook >/dev/null || { fail "ansible-playbook missing: make test-deps (ansible-core)"; return; }
  pool_inventory; seed
  play "$F" -e run_tests=false; expect_rc 0
  cp "$F" "$TMP/good"
  # a file with a warning (a CA file that cannot be read): the pool takes
  # warnings, edge2 alone refuses them; the control node and edge1 accept it
  sed -i 's|^    xmppfed_check: .*|    xmppfed_check: "check"|' "$TMP/inventory.yml"
  sed -i "s|^    edge2: { |    edge2: { xmppfed_check: 'check --strict', |" "$TMP/inventory.yml"
  sed 's|ca_file = .*|ca_file = "/nonexistent/ca.pem";|' "$F" > "$TMP/warn.conf"
  play "$TMP/warn.conf" -e run_tests=false; [ "$rc" != 0 ] || fail "the play passed"
  expect_out 'fatal: \[edge2\]'
  expect_same "$TMP/edge1/partners.conf" "$TMP/good"; expect_same "$TMP/edge2/partners.conf" "$TMP/good"
}

test_ansible_edge_pool_gathers_test_results() {
  command -v ansible-playbook >/dev/null || { fail "ansible-playbook missing: make test-deps (ansible-core)"; return; }
  pool_inventory
  # a partner behind a closed port on the loopback: the test fails fast,
  # nothing leaves the machine
  printf 'version = 1;\ngateway = { test_timeout = 2; };\npartners = ( { domain = "closed.example"; proxy_fqdn = "127.0.0.1:9"; } );\n' > "$TMP/closed.conf"
  play "$TMP/closed.conf"; expect_rc 0
  local h; for h in edge1 edge2; do
    python3 -c 'import json,sys; a=json.load(open(sys.argv[1])); assert a[0]["domain"]=="closed.example" and a[0]["verdict"]=="fail", a' \
      "$TMP/results/$h.json" || fail "$h results: $(cat "$TMP/results/$h.json" 2>&1)"
  done
  expect_out 'closed.example.*fail'
}

run_tests
