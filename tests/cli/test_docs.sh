#!/bin/bash
# The documentation says what the program does: the man pages lint clean,
# and every option of --help is in xmppfed(1).
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh

test_man_pages_lint_clean() {
  run mandoc -Tlint -W warning man/xmppfed.1 man/xmppfed.conf.5
  expect_rc 0
}

test_every_help_option_in_man_page() {
  local man o
  man=$(mandoc -Tascii man/xmppfed.1 | col -b)
  xf --help
  for o in $(printf '%s' "$out" | grep -oE -- '--[a-z][a-z-]+' | sort -u); do
    printf '%s' "$man" | grep -q -- "$o" || fail "$o is in --help but not in xmppfed(1)"
  done
}

test_every_man_option_in_help() {
  local o
  xf --help
  for o in $(mandoc -Tascii man/xmppfed.1 | col -b | grep -oE -- '--[a-z][a-z-]+' | sort -u); do
    printf '%s' "$out" | grep -q -- "$o" || fail "$o is in xmppfed(1) but not in --help"
  done
}

test_every_setting_in_conf_page() {
  local page k
  page=$(mandoc -Tascii man/xmppfed.conf.5 | col -b)
  for k in domain description additional_domains partner_type tls sasl dialback \
           proxy_fqdn connection_limit keep_alive local_domain ca_file certificate \
           key dns_server test_timeout partner_connection_limit cert_warn_days; do
    printf '%s' "$page" | grep -qw -- "$k" || fail "setting $k is not in xmppfed.conf(5)"
  done
}

test_readme_starts_with_the_two_commands() {
  grep -q '^make run' README.md || fail "README lacks make run"
  grep -q '^make check' README.md || fail "README lacks make check"
}

run_tests
