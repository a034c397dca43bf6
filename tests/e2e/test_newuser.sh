#!/bin/bash
# The editor items of a new user's report (a Russian-speaking
# administrator trying the editor): each a trap found at the keyboard.
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
. tests/e2e/tmux.sh
F=$XMPPFED_CONFIG
seed() { cp examples/partners.conf "$F"; }

# A1: one entry "bad domain" is one invalid domain, never two.
test_domain_entry_with_space_refused() {
  start
  keys n; type_text "spaced.example"; keys Tab Tab
  keys Enter; type_text "bad domain"; keys Enter
  expect_screen "Additional domains!"
  expect_screen "Additional domains: .*not allowed"
  keys C-s; expect_screen "New partner"
  [ -e "$F" ] && fail "a domain with a space was written: $(cat "$F")"
  keys Up DC; expect_not_screen "Additional domains!"   # removed: fine again
}

# Blanks around an entry (pasted with it) are no part of it, as they were
# before entries were checked one by one: only a blank inside is refused.
test_domain_entry_blanks_around_are_dropped() {
  start
  keys n; type_text "blank.example"; keys Tab Tab
  keys Enter; type_text " trail.example "; keys Enter
  expect_not_screen "Additional domains!"
  keys C-s; expect_screen "Saved blank\.example"
  xf show blank.example; expect_out "^additional_domains +trail\.example$"
}

test_domain_entry_with_comma_refused() {
  start
  keys n; type_text "comma.example"; keys Tab Tab
  keys Enter; type_text "a.example,b.example"; keys Enter
  expect_screen "Additional domains!"
  keys C-s; expect_screen "New partner"
  [ -e "$F" ] && fail "a domain with a comma was written: $(cat "$F")"
  true
}

# A3: a too small terminal is no trap: q, Esc and F10 still leave.
small() { tm resize-window -t e2e -x 50 -y 12; expect_screen "terminal too small \(needs 60x15\); q quits"; }
test_too_small_q_quits_list() {
  seed; start; small
  keys q; wait_exit || fail "q did not quit at 50x12"
  [ "$(cat "$TMP/exit")" = 0 ] || fail "exit status $(cat "$TMP/exit")"
}

test_too_small_f10_and_esc_quit() {
  seed; start; small
  keys F10; wait_exit || fail "F10 did not quit at 50x12"
  seed; start; small
  keys Escape; wait_exit || fail "Esc did not quit at 50x12"
}

test_too_small_form_asks_then_leaves() {
  seed; start
  keys Enter; keys Tab; type_text "changed"; small
  keys q; expect_screen "Discard changes\?"; keys n
  expect_not_screen "Discard changes\?"
  keys Escape; expect_screen "Discard changes\?"; keys y
  tm resize-window -t e2e -x 80 -y 24; expect_screen "4 partners"
  xf show fabrikam.com; printf "%s" "$out" | grep -q changed && fail "the discarded change was saved"
  small; keys q; wait_exit || fail "q did not quit the list"
}

# A4: under TERM=vt100 (tmux, ssh clients send xterm's function keys
# whatever the entry says) the F-keys the bars offer act.
test_vt100_f6_sorts() {
  seed; XF_TERM=vt100 start
  expect_screen "F6 ?Sort"
  keys F6; expect_screen "│File order"
  keys Escape; expect_not_screen "│File order"
  keys F1; expect_screen "PARTNER LIST"
}

# B1: the list's values in the user's language; English keeps the ids.
LOCALES="XMPPFED_LOCALEDIR=$PWD/build/locale LANGUAGE= LC_ALL= LC_CTYPE= LC_MESSAGES="
RU="$LOCALES LANG=ru_RU.UTF-8" EN="$LOCALES LANG=C.UTF-8"
test_list_values_translated_wide() {
  seed; COLS=120 ROWS=30 start "$RU"
  expect_screen "Обр\. вызов"
  expect_screen "^fabrikam\.com +Федерат\. +Обязат\. +Необяз\. +да "
  expect_screen "^chat\.litware\.net +Непров\. +Обязат\. +Обязат\. +нет "
  seed; COLS=120 ROWS=30 start "$EN"
  expect_screen "^fabrikam\.com +federated +required +optional +true "
  expect_screen "Dialback"
}

# B2: the security review speaks the form's words, not the file's.
test_review_in_form_words() {
  seed; start "$RU"
  keys j j; keys Enter; keys Tab Tab Tab Tab; keys Right   # TLS required -> optional
  keys F10; expect_screen "Сохранить все равно|\(y\)"; keys y
  expect_screen "Согласование TLS: Обязательный → Необязательный"
}

# B3: the expected authentication in words, Russian ones under Russian.
test_methods_in_words() {
  start "$RU"
  keys n; type_text "words.example"; keys Tab Tab Tab Tab
  expect_screen "SASL поверх TLS, dialback по TLS"
  keys Right Right; keys Tab; keys Right; keys Tab; keys Space   # TLS, SASL not-supported, no dialback
  expect_screen "Ожидаемая проверка подлинности: нет"
}

# C2: a long header cuts the path at the left at a folder, with "…";
# whatever is cut is marked.
test_header_path_cut_at_folder() {
  sed '0,/tls = "required"/s//tls = "sometimes"/' examples/partners.conf > "$F"
  start
  expect_screen "1 error, 0 warnings \('xmppfed check'\)   …/partners\.conf"
  screen | head -1 | grep -q '\.\.\.' && fail "ASCII ... in the header: $(screen | head -1)"
  tm resize-window -t e2e -x 60 -y 20
  keys /; type_text "fab"; keys Enter; expect_screen "Filter: fab"
  screen | head -1 | grep -qE '…$' || fail "the cut header has no marker: '$(screen | head -1)'"
}

# C4: the gateway screen's help and errors wrap to two lines.
test_gateway_help_wraps() {
  seed; COLS=60 ROWS=20 start
  keys g; expect_screen "Gateway settings"; keys Tab
  expect_screen "PEM bundle of trusted CAs"
  expect_screen "^ +(.* )?for the system store\.$"
  keys BTab; type_text "bad domain"
  expect_screen "Local domain: character . . is not allowed"
  expect_screen "letters, digits and hyphens only\)$"
}

# F: the sort pop-up says what it is for.
test_sort_popup_titled() {
  seed; start
  keys F6; expect_screen "Sort by"; expect_screen "│File order"
  keys Escape; expect_not_screen "Sort by"
}

# F: the help says every command key works on the Russian layout, and
# how a too small terminal is left.
test_help_keyboard_any_command_key() {
  seed; start "$RU"
  keys F1; expect_screen "СПИСОК|ПАРТНЕР"; keys End PPage
  expect_screen "любая командная клавиша"
  expect_screen "q, Esc и F10 — выход"
}

# B5: under a locale that cannot show it (LANG=C) a Unicode domain is shown
# as its A-label, never as '?' for each letter; the form reads it back as
# the same name.
test_unicode_domain_as_alabel_under_c() {
  seed; start "$LOCALES LANG=C"
  expect_screen "xn--mnchen-3ya\.example"
  expect_not_screen "m\?nchen"
  keys End Enter; expect_screen "xn--mnchen-3ya\.example"
  keys Tab; type_text "x"; keys C-s; expect_screen "partners"
  xf show xn--mnchen-3ya.example
  printf '%s\n' "$out" | grep -q "^description .*x$" || fail "the edit was not saved: $out"
  start; expect_screen "münchen\.example"   # a UTF-8 locale: Unicode again
}

# A1 through a draft: the entry "bad domain" kept by a hang-up comes back
# as the one refused entry, not as two valid-looking domains.
test_domain_entry_with_space_kept_whole_in_draft() {
  seed; start
  keys Enter; keys Tab Tab; keys Enter; type_text "bad domain"; keys Enter
  expect_screen "Additional domains!"
  kill -HUP "$(app_pid)"; wait_exit || fail "no exit on SIGHUP"
  rm -f "$TMP/pid"; KEEP_STATE=1 start
  expect_screen "A draft was kept"; keys o
  expect_screen "Additional domains!"; expect_screen "bad domain"
  keys C-s; expect_not_screen "Saved"
  xf show fabrikam.com
  printf '%s\n' "$out" | grep -qE '(^| )(bad|domain)(,|$)' && fail "the entry was split and saved: $out"
  true
}

# N11: the columns stay where they are while a filter is typed.
test_columns_stay_while_filtering() {
  seed; start
  local before after
  before=$(screen | sed -n 2p)
  keys /; type_text "fab"; expect_screen "1 of 4 partners"
  after=$(screen | sed -n 2p)
  [ "$before" = "$after" ] || fail "the header moved: '$before' -> '$after'"
}

run_tests
