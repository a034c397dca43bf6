# Shared by the shell tests: assertions that count, and a summary line.
# Each test file sources this, defines test_* functions and calls run_tests.
: "${XMPPFED:=./xmppfed}"
PASS=0 FAIL=0 CUR=""
TMP=$(mktemp -d /tmp/xf-test-XXXXXX)
export XMPPFED_CONFIG="$TMP/partners.conf"
# Sanitizer reports go to files: any file there is a failed test.
export ASAN_OPTIONS="log_path=$TMP/asan:halt_on_error=1:detect_leaks=1"
export UBSAN_OPTIONS="log_path=$TMP/ubsan:halt_on_error=1:print_stacktrace=1"
export LC_ALL=C.UTF-8
trap 'cleanup_all' EXIT

cleanup_all() {
  for f in ${CLEANUPS:-}; do $f >/dev/null 2>&1; done
  rm -rf "$TMP"
}

fail() { echo "  FAIL [$CUR]: $*"; CUR_FAILED=1; }

# run CMD...: sets $out, $err, $rc
run() {
  out=$("$@" 2>"$TMP/stderr"); rc=$?
  err=$(cat "$TMP/stderr")
}
xf() { run "$XMPPFED" "$@"; }

expect_rc() { [ "$rc" = "$1" ] || fail "exit status $rc, want $1 (stderr: $err)"; }
expect_out() { printf '%s' "$out" | grep -qE -- "$1" || fail "stdout lacks /$1/: $out"; }
expect_no_out() { printf '%s' "$out" | grep -qE -- "$1" && fail "stdout has /$1/: $out"; }
expect_err() { printf '%s' "$err" | grep -qE -- "$1" || fail "stderr lacks /$1/: $err"; }
expect_file() { grep -qE -- "$1" "$2" || fail "$2 lacks /$1/"; }
expect_same() { cmp -s "$1" "$2" || fail "$1 and $2 differ"; }

sanitizer_clean() {
  local f
  for f in "$TMP"/asan* "$TMP"/ubsan*; do
    [ -e "$f" ] || continue
    fail "sanitizer report: $(head -20 "$f")"; rm -f "$f"
  done
}

run_tests() {
  local t
  for t in $(declare -F | awk '{print $3}' | grep "^${ONLY:-test_}"); do
    CUR=$t CUR_FAILED=0
    rm -f "$XMPPFED_CONFIG" "$XMPPFED_CONFIG".bak
    $t
    sanitizer_clean
    if [ $CUR_FAILED = 0 ]; then PASS=$((PASS+1)); echo "  ok   $t"; else FAIL=$((FAIL+1)); fi
  done
  echo "$(basename "$0"): $PASS passed, $FAIL failed"
  [ $FAIL = 0 ]
}
