#!/bin/bash
# The editor in a real terminal: the whole workflow of the Lync page with
# the keyboard alone, at 80x24.
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
. tests/e2e/tmux.sh
F=$XMPPFED_CONFIG
seed() { cp examples/partners.conf "$F"; }

test_list_shows_partners() {
  seed; start
  expect_screen "4 partners"
  expect_screen "^fabrikam.com +federated +required +optional +yes"
  expect_screen "münchen.example"
  expect_screen "n ?New .*q ?Quit"
  keys q; wait_exit || fail "q did not quit"
  [ "$(cat "$TMP/exit")" = 0 ] || fail "exit status $(cat "$TMP/exit")"
}

test_empty_hint() {
  start
  expect_screen "No partners yet: press n"
  expect_screen "0 partners \(new file\)"
}

test_create_with_dropdowns() {
  start
  keys n; expect_screen "New partner"
  type_text "northwind.com"; keys Tab
  type_text "Northwind — 東京 office"; keys Tab
  keys Enter; type_text "nw.example"; keys Enter; type_text "eu.nw.example"; keys Enter
  keys Tab
  # partner type: open the list, it shows the three choices in spec order
  keys Enter; expect_screen "│federated"
  screen | grep -A3 '│federated' | grep -q 'public-unverified' || fail "choices: $(screen)"
  keys Up Enter                      # public-unverified -> public-verified
  expect_screen "Partner type +\[public-verified"
  keys Tab; keys Right Right         # TLS: required -> optional -> not-supported
  expect_screen "TLS negotiation +\[not-supported"
  keys Left                          # back to optional
  keys Tab; keys Enter Down Down Enter   # SASL: optional -> not-supported
  expect_screen "SASL negotiation +\[not-supported"
  expect_screen "Expected authentication: dialback over TLS, dialback over TCP"
  keys Tab Tab; type_text "gw.northwind.com:5270"
  keys Tab; type_text "25"; keys Tab; keys Space   # keep-alive false
  keys C-s
  expect_screen "Saved northwind.com"
  expect_screen "1 partner "
  xf show northwind.com --json
  printf '%s' "$out" | python3 -c '
import json,sys; p=json.load(sys.stdin)
assert p["partner_type"]=="public-verified", p
assert p["tls"]=="optional" and p["sasl"]=="not-supported" and p["dialback"] is True, p
assert p["additional_domains"]==["nw.example","eu.nw.example"], p
assert p["description"]=="Northwind — 東京 office", p
assert p["proxy_fqdn"]=="gw.northwind.com:5270" and p["connection_limit"]==25, p
assert p["keep_alive"] is False, p' || fail "saved partner: $out"
}

test_edit_existing() {
  seed; start
  keys j j; keys Enter; expect_screen "Edit partner chat.litware.net"
  keys Tab; keys C-u; type_text "Litware, renamed"
  keys Tab Tab Tab; keys Enter; expect_screen "│required"
  keys Down Enter                    # TLS required -> optional
  keys F10
  expect_screen "Commit anyway\?"; keys y   # SASL required, TLS optional
  expect_screen "Review the change"; expect_screen "TLS negotiation: required → optional"
  keys y                             # a security change is shown first
  expect_screen "Saved chat.litware.net"
  xf show chat.litware.net
  expect_out "^description +Litware, renamed$"; expect_out "^tls +optional$"
  expect_out "^keep_alive +false$"   # untouched fields stay
}

test_unchanged_commit_writes_nothing() {
  seed; start
  local ino; ino=$(stat -c %i "$F")
  keys Enter; expect_screen "Edit partner fabrikam.com"
  keys F10; expect_screen "Nothing changed in fabrikam.com: the file was not written"
  [ "$(stat -c %i "$F")" = "$ino" ] || fail "an unchanged commit replaced the file"
  [ -e "$F.bak" ] && fail "an unchanged commit wrote a backup"
}

test_dropdown_esc_leaves_value() {
  seed; start
  keys Enter; keys Tab Tab Tab; keys Enter; expect_screen "│federated"
  keys Down Down; keys Escape
  expect_screen "Partner type +\[federated"
  keys Escape; expect_screen "4 partners"   # nothing changed: no question
  expect_not_screen "Discard"
}

test_cancel_asks_when_changed() {
  seed; cp "$F" "$TMP/before"; start
  keys Enter; keys Tab; type_text " changed"; keys Escape
  expect_screen "Discard changes\?"
  keys n; expect_screen "Edit partner fabrikam.com"
  keys Escape; expect_screen "Discard changes\?"; keys y
  expect_screen "4 partners"
  expect_same "$F" "$TMP/before"
}

test_delete_with_confirmation() {
  seed; start
  keys j; keys d; expect_screen "Remove partner jabber.example.org"
  keys n; expect_screen "4 partners"
  keys Delete; expect_screen "Remove partner jabber.example.org"; keys y
  expect_screen "Removed jabber.example.org"; expect_screen "3 partners"
  xf show jabber.example.org; expect_rc 1
}

test_refused_commit_keeps_form() {
  seed; cp "$F" "$TMP/before"; start
  keys n; type_text "refused.example"; keys Tab Tab Tab Tab
  keys Right Right                   # TLS not-supported
  keys Tab; keys Left                # SASL optional -> required
  expect_screen "Refused: SASL needs TLS"
  keys C-s
  expect_screen "Not saved: refused.example: SASL needs TLS"
  expect_screen "New partner"        # the form stays open
  expect_same "$F" "$TMP/before"
}

test_warning_commit_after_confirmation() {
  seed; start
  keys n; type_text "warn.example"; keys Tab Tab Tab Tab; keys Right   # TLS optional
  expect_screen "Warning: SASL needs TLS; with TLS only optional"
  keys C-s; expect_screen "Commit anyway\?"
  keys n; expect_screen "New partner"
  xf show warn.example; expect_rc 1
  keys C-s; expect_screen "Commit anyway\?"; keys y
  expect_screen "Saved warn.example with a warning"
  xf show warn.example; expect_rc 0
}

test_invalid_field_marked() {
  start
  keys n; type_text "bad..name"; keys Tab
  expect_screen "Primary domain: empty label"
  expect_screen "Primary domain!"
  keys C-s; expect_screen "New partner"
  [ -e "$F" ] && fail "an invalid partner was written"
}

test_filter() {
  seed; start
  keys /; type_text "litw"
  expect_screen "chat.litware.net"; expect_not_screen "fabrikam.com +federated"
  keys Enter; expect_screen "Filter: litw"
  keys Escape; expect_screen "fabrikam.com +federated"
  keys /; type_text "Stadtwerke"; expect_screen "münchen.example"; expect_not_screen "litware"
  keys Escape; keys /; type_text "zzz"; expect_screen "No partner matches the filter"
  # case does not matter beyond ASCII either
  keys Escape; keys /; type_text "MÜNCHEN"; expect_screen "münchen.example"; expect_not_screen "litware"
}

test_resize() {
  seed; start
  tm resize-window -t e2e -x 120 -y 30
  expect_screen "public-unverified"        # full names when wide
  expect_screen "Dialback"
  tm resize-window -t e2e -x 60 -y 15
  expect_screen "fabrikam"; expect_screen "^nNe.* F1Hel qQui"   # every key, cut labels
  keys Enter; expect_screen "Edit partner"
  tm resize-window -t e2e -x 80 -y 24
  expect_screen "Primary domain +fabrikam.com"
}

test_escape_sequence_shown_visibly() {
  printf 'partners = ( { domain = "evil.example"; description = "x\\x1b]0;pwned\\x07\\x1b[31mRED"; } );\n' > "$F"
  start
  expect_screen 'x\^\[\]0;pwned\^G\^\[\[31m'
  expect_screen "1 error in the file"
  tm capture-pane -p -e -t e2e | grep -q 'pwned' || fail "no description"
  # the raw OSC would have set the pane title
  [ "$(tm display-message -p -t e2e '#{pane_title}')" = pwned ] && fail "escape sequence reached the terminal"
}

test_no_color() {
  seed; start
  tm capture-pane -p -e -t e2e | grep -qE $'\033\\[[0-9;]*(3[0-7]|4[0-7]|38;5|48;5)' || fail "no colour without NO_COLOR"
  start NO_COLOR=1
  tm capture-pane -p -e -t e2e | grep -qE $'\033\\[[0-9;]*(3[0-7]|4[0-7]|38;5|48;5)' && fail "colour with NO_COLOR"
  expect_screen "4 partners"
}

test_vt100() {
  seed; XF_TERM=vt100 start
  expect_screen "4 partners"
  keys Enter; expect_screen "Edit partner fabrikam.com"
  keys Tab Tab Tab; keys Enter; expect_screen "federated"
  keys Escape Escape; expect_screen "4 partners"
}

test_sighup_keeps_draft() {
  seed; start
  keys Enter; keys Tab; keys C-u; type_text "draft text 東京"
  keys Tab Tab Tab; keys Right             # TLS: required -> optional
  expect_screen "TLS negotiation +\[optional"
  kill -HUP "$(app_pid)"; wait_exit || fail "no exit on SIGHUP"
  [ "$(cat "$TMP/exit")" = 129 ] || fail "exit status $(cat "$TMP/exit"), want 129"
  ls "$XDG_STATE_HOME"/xmppfed/draft-*.conf >/dev/null 2>&1 || fail "no draft kept"
  rm -f "$TMP/pid"; KEEP_STATE=1 start
  expect_screen "A draft was kept"; expect_screen "partner fabrikam.com"
  keys o; expect_screen "Description +draft text 東京"
  expect_screen "TLS negotiation +\[optional"
  keys C-s; expect_screen "Commit anyway\?"; keys y   # TLS optional warns
  expect_screen "Review the change"; keys y          # and is reviewed
  expect_screen "Saved fabrikam.com"
  xf show fabrikam.com; expect_out "^description +draft text 東京$"; expect_out "^tls +optional$"
  ls "$XDG_STATE_HOME"/xmppfed/draft-*.conf >/dev/null 2>&1 && fail "draft not removed"
  true
}

test_sigterm_restores_terminal() {
  seed; start
  kill -TERM "$(app_pid)"; wait_exit || fail "no exit on SIGTERM"
  [ "$(cat "$TMP/exit")" = 143 ] || fail "exit status $(cat "$TMP/exit"), want 143"
  # the alternate screen was left: the shell's screen is back
  expect_not_screen "n ?New .*q ?Quit"
}

# The terminal's modes as the shell had them: canonical input, echo, flow
# control, CR to NL (curses turns them off).
expect_shell_modes() {
  local modes; modes=$(stty -a -F "$(tm display -p -t e2e '#{pane_tty}')" | tr ' ;' '\n\n')
  local m; for m in icanon echo ixon icrnl; do
    printf '%s\n' "$modes" | grep -qx -- "$m" || fail "terminal left with -$m"
  done
}

# A crash gives the terminal back with async-signal-safe calls only, then
# hands the signal on: the release build dies of it, the sanitizer build
# (whose handler was there first) writes its report and exits as it does.
test_crash_restores_terminal() {
  seed; start
  kill -SEGV "$(app_pid)"; wait_exit || fail "no exit on SIGSEGV"
  if grep -qa __asan_init "$XMPPFED"; then
    local report; report=$(cat "$TMP"/asan.* 2>/dev/null); rm -f "$TMP"/asan.*
    printf '%s' "$report" | grep -q "AddressSanitizer: SEGV" || fail "no ASan report: $report"
    [ "$(cat "$TMP/exit")" = 1 ] || fail "exit status $(cat "$TMP/exit"), want ASan's 1"
  else
    [ "$(cat "$TMP/exit")" = 139 ] || fail "exit status $(cat "$TMP/exit"), want 139 (died of SIGSEGV)"
  fi
  expect_not_screen "n ?New .*q ?Quit"
  expect_shell_modes
}

test_help_and_gateway() {
  seed; start
  keys F1; expect_screen "PARTNER LIST"; expect_screen "Ctrl-S, F10"
  keys q; expect_screen "4 partners"
  keys '?'; expect_screen "EDIT FORM"; keys Escape
  keys g; expect_screen "Gateway settings"; expect_screen "Local domain +contoso.com"
  keys Tab Tab Tab Tab Tab; keys C-u; type_text "7"; keys C-s
  expect_screen "Saved the gateway settings"
  xf gateway; expect_out "^test_timeout +7$"
}

# Issue 13: a change someone else made to another partner is merged, not
# asked about; the same partner changed on both sides is, showing theirs.
test_conflict_other_partner_merges() {
  seed; start
  keys Enter; keys Tab; keys C-u; type_text "mine"
  xf add theirs.example; expect_rc 0          # someone else changes the file
  keys C-s; expect_screen "Saved fabrikam.com; merged with the change someone else made"
  expect_not_screen "The file was changed"
  xf show theirs.example; expect_rc 0         # their change is kept
  xf show fabrikam.com; expect_out "^description +mine$"
}

test_conflict_reload_takes_theirs() {
  seed; start
  keys Enter; keys Tab; keys C-u; type_text "mine"
  xf set fabrikam.com --description theirs --connection-limit 7; expect_rc 0
  keys C-s; expect_screen "The file was changed"
  expect_screen "fabrikam.com: Description: Fabrikam"   # their change, in the form's words
  expect_screen "partner → theirs"
  expect_screen "fabrikam.com: Connection limit: \"\" → 7"
  keys r; expect_screen "Reloaded .*their change is shown"
  expect_screen "^fabrikam.com .*theirs"      # the form is closed: the list
  keys Enter; expect_screen "Description +theirs"   # never the old values
  keys C-s; expect_screen "Nothing changed in fabrikam.com"
  xf show fabrikam.com; expect_out "^description +theirs$"
}

test_conflict_overwrite_and_cancel() {
  seed; start
  keys Enter; keys Tab; keys C-u; type_text "mine"
  xf set fabrikam.com --description theirs; xf add theirs.example
  keys C-s; expect_screen "The file was changed"
  keys c; expect_screen "Not saved"
  expect_screen "Description +mine"           # the form stays open
  xf show fabrikam.com; expect_out "^description +theirs$"
  keys C-s; expect_screen "The file was changed"   # asked again, not overwritten
  keys o; expect_screen "Saved fabrikam.com"
  expect_screen "overwrote the change someone else made to it meanwhile"
  expect_not_screen "merged"
  xf show fabrikam.com; expect_out "^description +mine$"
  xf show theirs.example; expect_rc 0         # an unrelated partner is never overwritten
}

test_ctrl_c_restores_terminal() {
  seed; start
  keys C-c; wait_exit || fail "no exit on Ctrl-C"
  [ "$(cat "$TMP/exit")" = 130 ] || fail "exit status $(cat "$TMP/exit"), want 130"
  expect_not_screen "n ?New .*q ?Quit"
  expect_shell_modes
}

# Ctrl-C in a form with changes ends the editor as a hang-up does: the
# form is kept as a draft, and the terminal says so.
test_ctrl_c_in_form_keeps_draft() {
  seed; start
  keys Enter; keys Tab; type_text " edited"; expect_screen "Description.* edited"
  keys C-c; wait_exit || fail "no exit on Ctrl-C"
  [ "$(cat "$TMP/exit")" = 130 ] || fail "exit status $(cat "$TMP/exit"), want 130"
  expect_screen "partner fabrikam.com are kept as a draft"
  rm -f "$TMP/pid"; KEEP_STATE=1 start
  expect_screen "A draft was kept"; keys o
  expect_screen "Description +Fabrikam.* edited"
}

test_gateway_hangup_keeps_draft() {
  seed; start
  keys g; keys Tab Tab Tab Tab Tab; keys C-u; type_text "7"
  expect_screen "Test timeout +7"
  kill -HUP "$(app_pid)"; wait_exit || fail "no exit on SIGHUP"
  [ "$(cat "$TMP/exit")" = 129 ] || fail "exit status $(cat "$TMP/exit"), want 129"
  rm -f "$TMP/pid"; KEEP_STATE=1 start
  expect_screen "A draft was kept"; expect_screen "the gateway settings"
  keys o; expect_screen "Test timeout +7"
  keys C-s; expect_screen "Saved the gateway settings"
  xf gateway; expect_out "^test_timeout +7$"
  ls "$XDG_STATE_HOME"/xmppfed/draft-*.conf >/dev/null 2>&1 && fail "draft not removed"
  true
}

# The terminal closed under the editor (as the tests' own clean-up does):
# it ends, every time. The sanitizer build used to spin for ever in one
# exit of four: the SIGCONT that follows a hang-up cancelled the stop its
# leak checker needs.
test_closed_terminal_leaves_no_process() {
  seed; local i j pid
  for i in 1 2 3 4 5 6; do
    start; pid=$(app_pid); stop_tmux
    for ((j = 0; j < 60; j++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
      fail "run $i: still running 6 s after its terminal closed"; kill -KILL "$pid"
    fi
    rm -f "$TMP/pid"
  done
}

# The predictable name of the draft of $F.
draft_name() {
  python3 -c 'import hashlib,os,sys; print("draft-" + hashlib.sha256(os.path.realpath(sys.argv[1]).encode()).hexdigest()[:12] + ".conf")' "$F"
}

# Issue 8, 11: the draft name planted as a link in a folder others can
# write; the hang-up of a root editor must not write through it.
test_draft_folder_others_can_write() {
  seed; local d="$XDG_STATE_HOME/xmppfed"
  rm -rf "$XDG_STATE_HOME"; mkdir -p "$d"; chmod 1777 "$d"
  echo "victim" > "$TMP/victim"; ln -s "$TMP/victim" "$d/$(draft_name)"
  KEEP_STATE=1 start
  expect_screen "No drafts: .*xmppfed can be written by other users"
  keys Enter; keys Tab; type_text " edited"; expect_screen "Description.* edited"
  kill -HUP "$(app_pid)"; wait_exit || fail "no exit on SIGHUP"
  [ "$(cat "$TMP/victim")" = victim ] || fail "the link was followed: $(cat "$TMP/victim")"
  [ -L "$d/$(draft_name)" ] || fail "the planted link was replaced in a shared folder"
}

# In the user's own folder, a link at the name is replaced, not followed.
test_draft_link_replaced() {
  seed; local d="$XDG_STATE_HOME/xmppfed"
  rm -rf "$XDG_STATE_HOME"; mkdir -p "$d"; chmod 700 "$XDG_STATE_HOME" "$d"
  echo "victim" > "$TMP/victim"; ln -s "$TMP/victim" "$d/$(draft_name)"
  KEEP_STATE=1 start
  expect_screen "A draft was ignored: .*symbolic link"
  keys Enter; keys Tab; type_text " edited"; expect_screen "Description.* edited"
  kill -HUP "$(app_pid)"; wait_exit || fail "no exit on SIGHUP"
  [ "$(cat "$TMP/victim")" = victim ] || fail "the link was followed: $(cat "$TMP/victim")"
  [ -f "$d/$(draft_name)" ] && [ ! -L "$d/$(draft_name)" ] || fail "no draft file"
  [ "$(stat -c %a "$d/$(draft_name)")" = 600 ] || fail "draft mode $(stat -c %a "$d/$(draft_name)")"
}

test_foreign_draft_not_offered() {
  seed; local d="$XDG_STATE_HOME/xmppfed"
  rm -rf "$XDG_STATE_HOME"; mkdir -p "$d"; chmod 700 "$XDG_STATE_HOME" "$d"
  printf 'partner = "fabrikam.com";\nform = { description = "planted"; };\n' > "$d/$(draft_name)"
  chown 65534:65534 "$d/$(draft_name)"
  KEEP_STATE=1 start
  expect_screen "A draft was ignored: .*belongs to another user"
  expect_not_screen "A draft was kept"
  expect_screen "4 partners"
}

test_paging_long_list() {
  for i in $(seq -w 1 60); do printf '  { domain = "p%s.example"; },\n' "$i"; done > "$TMP/rows"
  { echo 'partners = ('; sed '$ s/,$//' "$TMP/rows"; echo ');'; } > "$F"
  start
  expect_screen "60 partners"; expect_screen "^p01.example"
  keys End; expect_screen "^p60.example"; expect_not_screen "^p01.example"
  keys Home; expect_screen "^p01.example"
  keys NPage; keys Enter; expect_screen "Edit partner p(2[0-9])\.example"
}

# --- issue 8 item 4: keys that terminfo lacks (TERM=vt100 under tmux) ----
# tmux sends xterm sequences whatever the pane's TERM; vt100's terminfo
# has no kcbt, kdch1, kpp/knp, kich1, and F10 there is ESC O x.
test_vt100_shift_tab_moves_back() {
  seed; XF_TERM=vt100 start
  keys Enter; expect_screen "Edit partner fabrikam.com"
  keys Tab Tab; keys BTab                 # back to the description
  expect_screen "Edit partner fabrikam.com"
  type_text "Z"; expect_screen "Description +Fabrikam Inc\. — manufacturing partnerZ"
}

test_vt100_delete_removes_domain() {
  seed; XF_TERM=vt100 start
  keys Enter; keys Tab Tab; expect_screen "corp\.fabrikam\.com"
  keys Delete
  expect_screen "Edit partner fabrikam.com"
  expect_not_screen "corp\.fabrikam\.com"; expect_screen "it\.fabrikam\.com"
}

test_vt100_f10_commits() {
  seed; XF_TERM=vt100 start
  keys Enter; keys Tab; type_text " X"; keys F10
  expect_screen "Saved fabrikam.com"
  xf show fabrikam.com; expect_out "^description +Fabrikam Inc\. — manufacturing partner X$"
}

test_vt100_pages() {
  for i in $(seq -w 1 60); do printf '  { domain = "p%s.example"; },\n' "$i"; done > "$TMP/rows"
  { echo 'partners = ('; sed '$ s/,$//' "$TMP/rows"; echo ');'; } > "$F"
  XF_TERM=vt100 start
  expect_screen "^p01.example"
  keys NPage; keys NPage; keys PPage; keys Enter
  expect_screen "Edit partner p(2[0-9])\.example"
}

# F1 as ESC [ 11 ~ (PuTTY, rxvt) and Insert: keys, never an Esc
test_vt100_other_sequences() {
  seed; XF_TERM=vt100 start
  tm send-keys -t e2e -H 1b 5b 31 31 7e; expect_screen "PARTNER LIST"
  keys q; expect_screen "4 partners"
  keys F1; expect_screen "PARTNER LIST"; keys q      # ESC O P
  keys Enter; keys Tab; type_text " X"
  keys IC; expect_screen "Edit partner fabrikam.com"; expect_not_screen "Discard"
  tm send-keys -t e2e -H 1b 5b 31 31 7e; expect_screen "PARTNER LIST"
}

# --- issue 8 item 14: Backspace joined stray bytes with the cursor inside
# the character; narrowed, the field's scroll passed the cursor (SIGSEGV)
test_text_field_joined_bytes_narrow() {
  printf 'partners = ( { domain = "j.example"; description = "\\xc3X\\x82"; } );\n' > "$F"
  start
  keys e; expect_screen "Edit partner j.example"
  keys Tab Left BSpace
  expect_screen "Description +Â"
  tm resize-window -t e2e -x 26 -y 24; sleep 0.3
  tm resize-window -t e2e -x 80 -y 24
  expect_screen "Description +Â"; [ -e "$TMP/exit" ] && fail "the editor died: $(cat "$TMP/exit")"
  type_text "é"; expect_screen "Description +éÂ"
  keys C-s; expect_screen "Saved j.example"
  xf show j.example; expect_out "^description +éÂ$"
}

# --- issue 8 item 7: after a resize every view fills the window ---------
many_partners() {   # many_partners N [GATEWAY SETTINGS]
  for i in $(seq -w 1 "$1"); do printf '  { domain = "p%s.example"; },\n' "$i"; done > "$TMP/rows"
  { [ -n "${2:-}" ] && echo "gateway = { $2 };"
    echo 'partners = ('; sed '$ s/,$//' "$TMP/rows"; echo ');'; } > "$F"
}
rows_matching() { screen | grep -cE -- "$1"; }
wait_rows() {   # wait_rows REGEX N: until N rows of the screen match
  local i; for ((i = 0; i < 100; i++)); do
    [ "$(rows_matching "$1")" = "$2" ] && return 0; sleep 0.05; done
  return 1
}

test_resize_list_fills_window() {
  many_partners 60; COLS=60 ROWS=15 start
  keys End; expect_screen "^p60.example"
  tm resize-window -t e2e -x 200 -y 60
  expect_screen "^p05.example"; expect_screen "^p60.example"
  [ "$(rows_matching '^p[0-9]+\.example')" = 56 ] || fail "not a full page: $(screen)"
  tm resize-window -t e2e -x 60 -y 15        # and back: the selection shows
  expect_screen "^p60.example"; expect_not_screen "^p05.example"
}

test_resize_form_fills_window() {
  seed; COLS=60 ROWS=15 start
  keys Enter; expect_screen "Edit partner fabrikam.com"
  keys BTab; expect_screen "Cancel"          # the last widget: the form scrolls
  expect_not_screen "Primary domain"
  tm resize-window -t e2e -x 200 -y 60
  expect_screen "Primary domain +fabrikam.com"; expect_screen "< Cancel >"
}

test_resize_help_fills_window() {
  seed; COLS=60 ROWS=15 start
  keys F1; expect_screen "PARTNER LIST"
  for _ in $(seq 80); do keys Down; done
  expect_screen "See man xmppfed"; expect_not_screen "PARTNER LIST"
  tm resize-window -t e2e -x 200 -y 70
  expect_screen "PARTNER LIST"; expect_screen "See man xmppfed"
}

test_resize_domain_list_fills_box() {
  printf 'partners = ( { domain = "d.example"; additional_domains = [ "a1.example", "a2.example", "a3.example", "a4.example" ]; } );\n' > "$F"
  start
  keys Enter; keys Tab Tab; keys Down Down Down Down Up    # a4, after a scroll
  expect_screen "a4\.example"; expect_not_screen "a1\.example"
  keys Delete; expect_not_screen "a4\.example"
  # three rows: a2, a3 and the add row; none left empty
  expect_screen "a2\.example"; expect_screen "a3\.example"
}

# The test view: T on 40 partners whose DNS server (loopback, nothing
# listening) refuses at once; scrolled past the end at 60x15, then grown.
test_resize_test_view_fills_window() {
  many_partners 40 'local_domain = "contoso.com"; dns_server = "127.0.0.1:9"; test_timeout = 2;'
  COLS=60 ROWS=15 start
  keys T; expect_screen "40/40 done" 30
  for _ in $(seq 60); do keys Down; done
  wait_rows '^ *p[0-9]+\.example: ' 10 || fail "scrolled past the end: $(screen)"
  tm resize-window -t e2e -x 200 -y 60
  wait_rows '^ *p[0-9]+\.example: ' 40 || fail "not every verdict shown: $(screen)"
}

# --- issue 13, the widget layer -------------------------------------------
test_domain_box_marks_hidden_above() {
  printf 'partners = ( { domain = "d.example"; additional_domains = [ "a1.example", "a2.example", "a3.example", "a4.example" ]; } );\n' > "$F"
  start
  keys Enter; keys Tab Tab
  expect_screen "a1\.example"; expect_not_screen "↑"; expect_screen "↓"
  keys Down Down Down Down                   # the add row: a1, a2 hidden above
  expect_screen "a3\.example +↑"; expect_not_screen "↓"
}

test_cut_text_ends_with_marker() {
  long=$(printf 'label%02d.' $(seq 12))example   # 103 characters
  printf 'partners = ( { domain = "d.example"; additional_domains = [ "%s" ]; } );\n' "$long" > "$F"
  start
  keys Enter; expect_screen "Additional domains +label01\.label02\..*…$"
  start LC_ALL=C                             # no UTF-8: a plain ~
  keys Enter; expect_screen "Additional domains +label01\.label02\..*~$"
}

test_enter_in_text_field_moves_on() {
  start
  keys n; type_text "enter.example"; keys Enter
  type_text "typed after Enter"; keys Enter    # Description -> the domains box
  expect_screen "Description +typed after Enter"
  expect_screen "Primary domain +enter\.example$"
  keys C-s; expect_screen "Saved enter.example"
  xf show enter.example; expect_out "^description +typed after Enter$"
}

# bracketed paste (tmux paste-buffer -p): a Tab or newline inside pasted
# text is a blank, never a key; a paste past the field's limit says so
paste_text() { tm set-buffer -b xf -- "$1"; tm paste-buffer -p -b xf -t e2e; }

test_paste_tab_stays_in_field() {
  start
  keys n; type_text "paste.example"; keys Tab
  paste_text $'first\tsecond\n'
  expect_screen "Description +first second$"
  type_text "X"; expect_screen "Description +first secondX$"
  expect_not_screen "Additional domains +second"
  keys C-s; expect_screen "Saved paste.example"
  xf show paste.example; expect_out "^description +first secondX$"; expect_out "^additional_domains +$"
}

test_paste_past_limit_says_cut() {
  seed; start
  keys Enter; keys Tab; keys C-u
  paste_text "$(printf 'x%.0s' $(seq 1100))"
  expect_screen "The pasted text was cut"
  expect_screen "Edit partner fabrikam.com"
  keys C-s; expect_screen "Saved fabrikam.com"
  xf show fabrikam.com --json
  printf '%s' "$out" | python3 -c 'import json,sys; d=json.load(sys.stdin)["description"]; assert d=="x"*1024, len(d)' || fail "description: $out"
}

test_paste_never_answers_a_question() {
  seed; start
  keys d; expect_screen "Remove partner fabrikam.com"
  paste_text "y"; sleep 0.3
  expect_screen "Remove partner fabrikam.com"
  keys n; expect_screen "4 partners"
  xf show fabrikam.com; expect_rc 0
}

# --- trust at the edges (issue 8) ------------------------------------------

# Someone else saves while the editor removes a partner: the list under the
# dialog is never drawn from freed partners, and each choice loses nothing.
# A change to another partner merges; one to the same partner is asked.
test_conflict_on_remove() {
  seed; start
  keys End; keys d; expect_screen "Remove partner xn--mnchen|Remove partner münchen"
  xf set jabber.example.org --connection-limit 5; expect_rc 0
  keys y; expect_screen "Removed "; expect_screen "3 partners"
  xf show münchen.example; expect_rc 1
  xf show jabber.example.org; expect_out "^connection_limit +5$"   # theirs kept
  keys End; keys d; expect_screen "Remove partner chat.litware.net"
  xf set chat.litware.net --description theirs; expect_rc 0
  keys y; expect_screen "The file was changed"
  expect_screen "chat.litware.net"            # the list behind, intact
  keys c; expect_screen "Not saved"
  xf show chat.litware.net; expect_out "^description +theirs$"
  expect_screen "Changed on disk by someone else: the list shows the file"   # idle: read again
  expect_screen "chat.litware.net .*theirs"
  keys End; keys d; expect_screen "Remove partner chat.litware.net"
  xf set chat.litware.net --description twice; expect_rc 0
  keys y; expect_screen "The file was changed"
  keys r; expect_screen "Reloaded"; expect_screen "3 partners"
  expect_screen "chat.litware.net .*twice"
  xf show chat.litware.net; expect_rc 0
  keys End; keys d; expect_screen "Remove partner chat.litware.net"
  xf set chat.litware.net --description again; xf add theirs.example
  keys y; expect_screen "The file was changed"
  keys o; expect_screen "Removed chat.litware.net"; expect_screen "3 partners"
  xf show chat.litware.net; expect_rc 1       # overwritten, as chosen
  xf show theirs.example; expect_rc 0         # and nothing else
  kill -0 "$(app_pid)" 2>/dev/null || fail "the editor died"
  true
}

# A save that fails leaves the editor showing the file as it is.
test_failed_remove_rolls_back() {
  seed; cp "$F" "$TMP/before"; rm -f "$F.lock"; mkdir "$F.lock"   # the lock cannot be created
  start
  keys j; keys d; keys y
  expect_screen "cannot create lock file"
  expect_screen "4 partners"; expect_screen "^jabber.example.org"
  expect_same "$F" "$TMP/before"
  keys q; expect_screen "not saved"          # q asks: the change was lost
  keys n; expect_screen "4 partners"
  kill -0 "$(app_pid)" 2>/dev/null || fail "q quit without a word"
  keys q; expect_screen "not saved"; keys y; wait_exit || fail "no exit"
  rmdir "$F.lock"
}

test_failed_edit_keeps_form() {
  seed; cp "$F" "$TMP/before"; rm -f "$F.bak"; mkdir "$F.bak"   # the backup cannot be written
  start
  keys Enter; keys Tab; keys C-u; type_text "not written"; keys C-s
  expect_screen "cannot write"
  expect_screen "Description +not written"      # the form stays, as typed
  keys Escape; expect_screen "Discard changes\?"; keys y
  expect_screen "Fabrikam Inc"; expect_not_screen "not written"
  expect_same "$F" "$TMP/before"
  rmdir "$F.bak"
}

test_failed_gateway_save_rolls_back() {
  seed; cp "$F" "$TMP/before"; rm -f "$F.lock"; mkdir "$F.lock"
  start
  keys g; expect_screen "Test timeout +10"
  keys Tab Tab Tab Tab Tab; keys C-u; type_text "7"; keys C-s
  expect_screen "cannot create lock file"
  expect_screen "Gateway settings"            # the form stays open
  keys Escape; expect_screen "Discard changes\?"; keys y
  keys g; expect_screen "Test timeout +10"     # the model is the file's
  expect_same "$F" "$TMP/before"
  rmdir "$F.lock"
}

# As a user who cannot write the folder: said before anyone types.
test_read_only_header() {
  local ro="$TMP/ro"; mkdir -p "$ro" "$TMP/nstate"; chmod 755 "$ro"
  cp examples/partners.conf "$ro/partners.conf"; chmod 644 "$ro/partners.conf"
  chown 65534:65534 "$TMP/nstate"
  chmod 1777 "$TMP"   # for the sanitizer's report, if any
  F="$ro/partners.conf" XMPPFED="setpriv --reuid=65534 --regid=65534 --clear-groups $XMPPFED" \
    start XDG_STATE_HOME="$TMP/nstate"
  expect_screen "read-only: .*ro is not writable; run with sudo"
  keys g; expect_screen "read-only: .*ro is not writable"
  keys Escape; keys d; keys y; expect_screen "4 partners"
  keys q; keys y; wait_exit
  chmod 700 "$TMP"
}

# The terminal goes away without a SIGHUP (a wrapper ignores it): the
# editor ends as after a hang-up, the draft kept, and never spins.
test_tty_gone_without_sighup() {
  seed; rm -rf "$XDG_STATE_HOME"
  # as start() does: the previous editor killed, its exit status gone
  [ -n "$(app_pid)" ] && kill -KILL "$(app_pid)" 2>/dev/null && wait_exit
  stop_tmux; rm -f "$TMP/exit" "$TMP/pid"
  NSTART=$((NSTART + 1)); SOCK="xf-e2e-$$-$NSTART"
  tm new-session -d -s e2e -x 80 -y 24 \
    "sh -c 'trap \"\" HUP; echo \$\$ > $TMP/outer; env LC_ALL=C.UTF-8 TERM=$XF_TERM sh -c \"echo \\\$\\\$ > $TMP/pid; exec $XMPPFED -f $F\"; echo \$? > $TMP/exit.new; mv $TMP/exit.new $TMP/exit; sleep 100'"
  expect_screen "4 partners"
  keys Enter; keys Tab; type_text " edited"; expect_screen "Description.*edited"
  local pid; pid=$(app_pid)
  stop_tmux
  local i; for ((i = 0; i < 50; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then
    local t0 t1; t0=$(awk '{print $14 + $15}' "/proc/$pid/stat"); sleep 1
    t1=$(awk '{print $14 + $15}' "/proc/$pid/stat")
    fail "still running 5 s after the terminal went away ($((t1 - t0)) ticks of CPU in 1 s)"
    kill -KILL "$pid"
  fi
  wait_exit || fail "no exit status"
  [ "$(cat "$TMP/exit" 2>/dev/null)" = 129 ] || fail "exit status $(cat "$TMP/exit" 2>/dev/null), want 129"
  ls "$XDG_STATE_HOME"/xmppfed/draft-*.conf >/dev/null 2>&1 || fail "no draft kept"
  kill -KILL -- "-$(cat "$TMP/outer")" 2>/dev/null   # the wrapper's group: sh, sleep
  true
}

run_tests
