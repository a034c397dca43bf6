#!/bin/bash
# The editor as an administrator meets it: messages that are read in full
# and belong to their moment, the same keys and words on every screen,
# small and odd terminals, and a header that says up front what is wrong.
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
. tests/e2e/tmux.sh
F=$XMPPFED_CONFIG
seed() { cp examples/partners.conf "$F"; }
# the last editor killed before the tmux server goes: a hang-up would keep
# a draft in the state folder while it is removed
kill_app() { [ -n "$(app_pid)" ] && kill -KILL "$(app_pid)" 2>/dev/null && wait_exit; }
CLEANUPS="kill_app $CLEANUPS"

# A message longer than a line wraps in the status area: its end is seen.
test_long_message_wraps() {
  seed; start
  keys n; type_text "refused-partner.example"; keys Tab Tab Tab Tab
  keys Right Right                   # TLS not-supported
  keys Tab; keys Left                # SASL optional -> required
  keys C-s
  expect_screen "Not saved: refused-partner.example: SASL needs TLS"
  expect_screen "or SASL to not-supported"
}

# A message belongs to the moment it was said: the next key clears it.
test_error_cleared_by_next_key() {
  seed; start
  keys n; type_text "refused.example"; keys Tab Tab Tab Tab
  keys Right Right; keys Tab; keys Left
  keys C-s; expect_screen "Not saved: refused.example"
  keys Right                         # SASL back to optional: the cause is gone
  expect_not_screen "Not saved"
}

test_saved_message_not_shown_again() {
  seed; start
  keys g; expect_screen "Gateway settings"
  keys Tab Tab Tab Tab Tab; keys C-u; type_text "7"; keys C-s
  expect_screen "Saved the gateway settings"
  keys '?'; expect_screen "PARTNER LIST"; keys Escape
  expect_screen "4 partners"
  expect_not_screen "Saved the gateway settings"
  keys g; expect_screen "Gateway settings"; keys Escape
  expect_screen "4 partners"; expect_not_screen "Saved the gateway"
}

# Longer than the status area's two lines: a dialog shows all of it.
test_very_long_message_opens_dialog() {
  seed; COLS=60 ROWS=15 start
  keys n; type_text "a-partner-with-a-long-name.subdomain.example"; keys Tab Tab Tab Tab
  keys Right Right; keys Tab; keys Left
  keys C-s
  expect_screen "│ *(.*SASL )?to not-supported"
  expect_screen "Enter.*close"
  keys Enter
  expect_screen "New partner"; expect_not_screen "close"
}

# At the smallest size the buttons stay on their row, above the verdict.
test_buttons_fit_at_60x15() {
  seed; COLS=60 ROWS=15 start
  keys Enter; expect_screen "Edit partner fabrikam.com"
  keys BTab; expect_screen "< Commit > +< Test[^>]*> +< Cancel >"
  expect_not_screen "^ *(ncel|ancel|el) *>"
  screen | grep -E "< Commit >" | grep -vq "Cancel" && fail "buttons cut: $(screen)"
  true
}

test_too_small_says_so_and_recovers() {
  seed; start
  tm resize-window -t e2e -x 50 -y 12
  expect_screen "terminal too small \(needs 60x15\)"
  keys n                             # not acted on blind
  expect_not_screen "New partner"
  tm resize-window -t e2e -x 80 -y 24
  expect_screen "4 partners"; expect_not_screen "New partner|too small"
  tm resize-window -t e2e -x 70 -y 10
  expect_screen "terminal too small"
  tm resize-window -t e2e -x 60 -y 15
  expect_screen "4 partners"
}

test_term_dumb_exits_with_message() {
  seed; XF_TERM=dumb start
  wait_exit || fail "still running with TERM=dumb: $(screen)"
  [ "$(cat "$TMP/exit")" = 2 ] || fail "exit status $(cat "$TMP/exit"), want 2"
  expect_screen "terminal type 'dumb' cannot show the editor"
  expect_screen "TERM=xterm-256color"
}

# Without colours (vt100 has none) the selection and focus still show.
test_no_colours_terminal() {
  seed; XF_TERM=vt100 start
  expect_screen "4 partners"
  tm capture-pane -p -e -t e2e | grep -E "fabrikam.com" | grep -q $'\033\\[[0-9;]*7[;m]' ||
    fail "the selected row is not shown in reverse: $(tm capture-pane -p -e -t e2e | head -4 | cat -v)"
  keys Enter; expect_screen "Edit partner fabrikam.com"
  keys Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab
  expect_screen "< Commit >"
}

# A syntax error at start names the line and the token, with what to do.
test_syntax_error_names_token() {
  printf 'version = 1;\npartners = (\n  { domain = "a.example"; tls = required; }\n);\n' > "$F"
  start
  expect_screen "partners.conf:3: syntax error near 'required'"
  expect_screen "needs quotes"
  keys x Enter; wait_exit || fail "x did not leave: $(screen)"
}

# The header says up front why a save cannot work (the folder case: in
# test_editor.sh, test_read_only_header).
test_header_lock_file_cannot_be_created() {
  seed; rm -f "$F.lock"; mkdir "$F.lock"
  start
  expect_screen "read-only: .*cannot be created \(it is a folder\)"
  rmdir "$F.lock"
}

test_header_file_marked_read_only() {
  seed; chmod 444 "$F"
  start
  expect_screen "read-only: .*444\); a save replaces it"
  keys g; expect_screen "read-only: .*444\); a save replaces it"
  chmod 644 "$F"
}

test_header_read_only_file_system() {
  seed
  local dir; dir=$(dirname "$F")
  if ! unshare -m --propagation private true 2>/dev/null; then
    echo "  skip test_header_read_only_file_system: no mount namespace"; return
  fi
  cat > "$TMP/rofs" <<EOS
#!/bin/sh
exec unshare -m --propagation private sh -c 'mount --bind "\$1" "\$1" && mount -o remount,bind,ro "\$1" && d=\$1 && shift && exec "\$@"' sh "$dir" $XMPPFED "\$@"
EOS
  chmod +x "$TMP/rofs"
  XMPPFED="$TMP/rofs" start
  expect_screen "read-only: .*is on a read-only file system"
}

# The key bars list every key the screen takes, also at 60 columns.
test_keybars_list_every_key() {
  seed; start
  # the list's keys all fit at 80 columns: whole labels, the keys set off by style
  expect_screen "^nNew EnterEdit dDel t/TTest uUndo lLog /Filter F6Sort gGateway F1Help qQuit"
  tm resize-window -t e2e -x 120 -y 30
  expect_screen "Enter Edit .* u Undo .* g Gateway F1 Help q Quit"
  tm resize-window -t e2e -x 80 -y 24
  keys Enter; expect_screen "Edit partner fabrikam.com"
  expect_screen "\\^S/F10 Commit .*F1 Help"
  keys Escape; keys g; expect_screen "Gateway settings"
  expect_screen "\\^S/F10 Commit .*F1 Help"
  keys F1; expect_screen "xmppfed help"
  keys Escape; expect_screen "Gateway settings"   # back where F1 was pressed
  COLS=60 ROWS=15 start
  keys Enter; expect_screen "Edit partner"; expect_screen "\\^S/F10 Commit .*F1 Help"
}

# Every screen, the marks and the column titles are in the help; the
# help and the man page close the test view alike.
test_help_covers_every_screen() {
  seed; ROWS=70 start
  keys F1; expect_screen "PARTNER LIST"
  expect_screen "EDIT FORM"; expect_screen "GATEWAY SETTINGS"; expect_screen "TEST VIEW"
  expect_screen "^ +DB +dialback"
  expect_screen "^ +! +the partner has an error"
  expect_screen "^ +! +after a label: the field's value is not valid"
  expect_screen "any other key closes \\(Esc, Enter\\)"
  grep -q "any other key (Esc, Enter) closes it" <(tr '\n' ' ' < man/xmppfed.1 | sed 's/  */ /g') ||
    fail "the man page closes the test view otherwise"
}

# One spelling of a domain: Unicode, with the A-label in brackets where
# it matters (messages, dialogs, the test view).
test_domain_one_spelling() {
  seed; start
  local both="münchen.example \\(xn--mnchen-3ya.example\\)"
  keys End; keys d; expect_screen "Remove partner $both"; keys n
  keys Enter; expect_screen "Edit partner $both"
  keys Tab; type_text "!"; keys C-s; expect_screen "Saved $both"
  # a refusal from the model names it the same way in the status line
  keys Enter; expect_screen "Edit partner $both"
  keys Tab Tab Tab Tab; keys Right; keys Tab; keys Left Left   # TLS not-supported, SASL required
  keys C-s; expect_screen "Not saved: $both: SASL needs TLS"
  keys Escape; expect_screen "Discard changes"; keys y
  keys t; expect_screen "Test connection: $both"
  expect_screen "^ $both: (FAIL|WARN|PASS)" 15
  expect_not_screen "^xn--mnchen"
}

# The gateway screen checks each field as it is typed, like the form.
test_gateway_live_validation() {
  seed; start
  keys g; expect_screen "Gateway settings"
  keys Tab Tab Tab Tab Tab; keys C-u; type_text "abc"       # test timeout
  expect_screen "Test timeout!"
  expect_screen "Test timeout: 'abc' is not a number"
  keys C-u; type_text "7"
  expect_not_screen "Test timeout!|is not a number"
}

test_gateway_warns_of_missing_files() {
  seed; start
  keys g; expect_screen "Gateway settings"
  keys Tab; keys C-u; type_text "$TMP/nowhere/ca.pem"
  expect_screen "Warning: CA file .*/nowhere/ca.pem: does not exist"
  keys C-u; type_text "$F"                                     # readable
  expect_not_screen "Warning: CA file"
  keys Tab; type_text "$TMP/cert.pem"; : > "$TMP/cert.pem"
  keys Tab; type_text "x"; keys BSpace                          # key still empty
  expect_screen "Warning: the certificate and the key go together"
  type_text "$TMP/key.pem"
  expect_screen "Warning: Key .*/key.pem: does not exist"
  keys C-s; expect_screen "Saved the gateway settings"         # a warning does not stop it
}

# F1 on the gateway screen opens the help (and the key bar says so).
test_gateway_f1_help() {
  seed; start
  keys g; expect_screen "F1 Help"
  keys F1; expect_screen "GATEWAY SETTINGS|xmppfed help"
  keys Escape; expect_screen "Gateway settings"
}

run_tests
