#!/bin/bash
# make run's demo: a scratch copy, offered fresh when an earlier run changed
# it, and a gateway whose DNS server is on the loopback (t never asks out).
. "$(dirname "$0")/../lib.sh"
D="$TMP/demo"
printf '#!/bin/sh\necho "ran: $*"\n' > "$TMP/fake"; chmod +x "$TMP/fake"

test_first_run_copies_the_example() {
  rm -rf "$D"; run examples/run-demo "$D" "$TMP/fake" </dev/null
  expect_rc 0; expect_out "ran: -f $D/partners.conf"
  expect_same examples/partners.conf "$D/partners.conf"
}

test_changed_demo_offered_fresh() {
  rm -rf "$D"; examples/run-demo "$D" "$TMP/fake" </dev/null >/dev/null
  echo '# mine' >> "$D/partners.conf"
  run env XF_DEMO_ASK=1 examples/run-demo "$D" "$TMP/fake" <<<n
  expect_out "was changed"; expect_out "keeping your changes"
  expect_file '# mine' "$D/partners.conf"
  run env XF_DEMO_ASK=1 examples/run-demo "$D" "$TMP/fake" <<<y
  expect_rc 0; expect_out "fresh demo"; expect_out "ran: -f"
  expect_same examples/partners.conf "$D/partners.conf"
}

test_changed_demo_kept_without_a_terminal() {
  rm -rf "$D"; examples/run-demo "$D" "$TMP/fake" </dev/null >/dev/null
  echo '# mine' >> "$D/partners.conf"
  run examples/run-demo "$D" "$TMP/fake" <<<y
  expect_out "keeping your changes"; expect_file '# mine' "$D/partners.conf"
}

test_demo_dns_stays_on_the_loopback() {
  run "$XMPPFED" -f examples/partners.conf gateway --json
  expect_rc 0; expect_out '"dns_server": "127\.0\.0\.1:9"'
  run "$XMPPFED" -f examples/partners.conf check --strict
  expect_rc 0
}

run_tests
