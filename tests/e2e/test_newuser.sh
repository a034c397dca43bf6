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

test_domain_entry_with_comma_refused() {
  start
  keys n; type_text "comma.example"; keys Tab Tab
  keys Enter; type_text "a.example,b.example"; keys Enter
  expect_screen "Additional domains!"
  keys C-s; expect_screen "New partner"
  [ -e "$F" ] && fail "a domain with a comma was written: $(cat "$F")"
  true
}

run_tests
