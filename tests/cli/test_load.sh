#!/bin/bash
# The load's shortcuts for the common case (issue 9: a plain array of
# valid additional domains is read without the join and split, a plain
# name checked in one pass) read every file as the general path does:
# the names, their order, and the messages of what is wrong.
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
F=tests/data/additional_forms.conf

additional() { # DOMAIN: its additional domains, one line, from show --json
  xf -f "$F" show "$1" --json
  printf '%s' "$out" | python3 -c 'import json,sys; print(" ".join(json.load(sys.stdin)["additional_domains"]))'
}

test_additional_domains_read_as_written() {
  [ "$(additional a1.example)" = "x.example b.example" ] || fail "a1: $(additional a1.example)"
  [ "$(additional a2.example)" = "c.example d.example" ] || fail "a2: $(additional a2.example)"
  [ "$(additional a3.example)" = "e.example" ] || fail "a3: $(additional a3.example)"
  [ "$(additional a4.example)" = "f g.example" ] || fail "a4: $(additional a4.example)"
  [ "$(additional a8.example)" = "" ] || fail "a8: $(additional a8.example)"
  [ "$(additional a12.example)" = "j.example" ] || fail "a12: $(additional a12.example)"
  [ "$(additional a13.example)" = "xn--mnchen-3ya.example xn--mnchen-3ya.test" ] ||
    fail "a13: $(additional a13.example)"
  sanitizer_clean
}

test_additional_domains_in_error_named() {
  xf -f "$F" check
  expect_rc 1
  expect_out ":7: additional_domains: character '_' is not allowed"
  expect_out ":8: additional_domains: element 1 is not a string"
  expect_out ":9: additional_domains: 'xn--zz.com' holds a punycode label that does not decode"
  expect_out ":11: additional_domains: element 2 is not a string"
  expect_out ":12: additional_domains: expected a list of strings"
  expect_out ":13: partner a11.example: additional domain b.example already belongs to partner a1.example"
  sanitizer_clean
}

run_tests
