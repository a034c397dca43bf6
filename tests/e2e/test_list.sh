#!/bin/bash
# The partner list (issue 13): sort by a column (F6), marks on partners
# with problems, the last test's log (l), cut values marked, the count
# while a filter is on, and the list box's scroll marks (issue 10).
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
. tests/e2e/tmux.sh
F=$XMPPFED_CONFIG
seed() { cp examples/partners.conf "$F"; }
row() { screen | sed -n "$1p"; }   # row N of the screen (1: the title)

test_sort_by_column() {
  seed; start
  expect_screen "F6 ?Sort"
  [[ "$(row 3)" == fabrikam.com* ]] || fail "file order first: $(screen)"
  keys F6; expect_screen "│File order"; expect_screen "│Last test"
  keys Down Enter                            # Domain
  expect_screen "Sorted by Domain"
  [[ "$(row 3)" == chat.litware.net* && "$(row 4)" == fabrikam.com* && \
     "$(row 5)" == jabber.example.org* ]] || fail "not by domain: $(screen)"
  keys ">"; expect_screen "│SASL"; keys Down Down Down Enter   # from Domain to SASL
  expect_screen "Sorted by SASL"
  [[ "$(row 3)" == chat.litware.net* && "$(row 4)" == fabrikam.com* ]] || fail "not by SASL: $(screen)"
  keys F6 Escape; expect_not_screen "│File order"     # Esc: the order stays
  [[ "$(row 3)" == chat.litware.net* ]] || fail "Esc changed the order: $(screen)"
  keys F6 Home Enter; expect_screen "Sorted by the order in the file"
  [[ "$(row 3)" == fabrikam.com* ]] || fail "not back in file order: $(screen)"
  keys F1; expect_screen "F6, >"; keys q
}

test_sort_keeps_selection() {
  seed; start
  keys Down; keys F6 Down Enter               # jabber selected, then by domain
  keys Enter; expect_screen "Edit partner jabber.example.org"
}

test_problem_marks() {
  cat > "$F" <<'CONF'
partners = (
  { domain = "ok.example"; tls = "required"; sasl = "optional"; dialback = true; },
  { domain = "warn.example"; tls = "optional"; sasl = "optional"; dialback = false; },
  { domain = "err.example"; tls = "not-supported"; sasl = "required"; },
  { domain = "bad.example"; tls = "requried"; }
);
CONF
  start
  expect_screen "Test ! Description"
  [[ "$(row 3)" =~ ^ok\.example.*\ -$ ]] || fail "ok marked: $(row 3)"
  [[ "$(row 4)" =~ ^warn\.example.*\ -\ +!$ ]] || fail "warning not marked: $(row 4)"
  [[ "$(row 5)" =~ ^err\.example.*\ -\ +!$ ]] || fail "error not marked: $(row 5)"
  [[ "$(row 6)" =~ ^bad\.example.*\ -\ +!$ ]] || fail "value in error not marked: $(row 6)"
  keys F1 End; expect_screen "! +the partner has an error"; expect_screen "DB +dialback"
}

test_last_test_log() {
  printf 'gateway = { local_domain = "contoso.com"; dns_server = "127.0.0.1:9"; test_timeout = 2; };\n' > "$F"
  sed -n '/^partners/,$p' examples/partners.conf >> "$F"
  start
  keys l; expect_screen "fabrikam.com was not tested yet: t tests it"
  keys t; expect_screen "Esc/Enter Close" 20
  keys Escape; expect_screen "F6 ?Sort"
  keys l; expect_screen "Last test: fabrikam.com"; expect_screen "^ +dns "
  expect_screen "fabrikam.com: FAIL"
  keys Escape; expect_screen "F6 ?Sort"
  keys Down l; expect_screen "jabber.example.org was not tested yet"
  keys Escape
  keys F6 End Enter; expect_screen "Sorted by Last test"
  [[ "$(row 3)" == fabrikam.com* ]] || fail "the failed test not first: $(screen)"
}

test_cut_values_marked() {
  long=partner10.really-long-subdomain.of-a-federated-organisation.example.com
  printf 'partners = ( { domain = "%s"; partner_type = "public-verified"; tls = "not-supported"; sasl = "not-supported"; }, { domain = "partner10.example.com"; } );\n' "$long" > "$F"
  start
  expect_screen "^partner10.example.com "              # whole: the domain first
  expect_screen "^partner10\.really-long-[a-z.-]*… +public-ve… +not-sup… +not-sup…"
  start LC_ALL=C                                         # no UTF-8: a plain ~
  expect_screen "^partner10\.really-long-[a-z.-]*~ +public-ve~ +not-sup~"
}

test_filter_count_in_header() {
  seed; start
  expect_screen " 4 partners"
  keys /; type_text "litw"; expect_screen "1 of 4 partners"
  keys Enter; expect_screen "1 of 4 partners"
  keys Escape; expect_screen " 4 partners"; expect_not_screen " of 4 partners"
}

many_partners() {
  for i in $(seq -w 1 "$1"); do printf '  { domain = "p%s.example"; },\n' "$i"; done > "$TMP/rows"
  { echo 'partners = ('; sed '$ s/,$//' "$TMP/rows"; echo ');'; } > "$F"
}

test_scroll_marks() {
  many_partners 60; start
  expect_screen "^p01\.example"
  [[ "$(row 22)" == *↓ ]] || fail "no mark below: $(row 22)"
  [[ "$(row 3)" != *↑ ]] || fail "a mark above at the top: $(row 3)"
  keys End; expect_screen "^p60\.example"
  [[ "$(row 3)" == *↑ ]] || fail "no mark above: $(row 3)"
  [[ "$(row 22)" != *↓ ]] || fail "a mark below at the end: $(row 22)"
  keys PPage; [[ "$(row 3)" == *↑ && "$(row 22)" == *↓ ]] || fail "marks in the middle: $(screen)"
  start LC_ALL=C                                         # no UTF-8: ASCII marks
  expect_screen "^p01\.example"
  [[ "$(row 22)" == *v ]] || fail "no ASCII mark below: $(row 22)"
}

test_help_scroll_marks() {
  seed; COLS=60 ROWS=15 start
  keys F1; expect_screen "PARTNER LIST"
  [[ "$(row 3)" != *↑ ]] || fail "a mark above at the top: $(row 3)"
  [[ "$(row 14)" == *↓ ]] || fail "no mark below: $(screen)"
  keys End; expect_screen "See man xmppfed"
  [[ "$(row 3)" == *↑ ]] || fail "no mark above at the end: $(screen)"
}

run_tests
