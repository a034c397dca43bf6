# Shared by the fault-injection tests (sourced after tests/lib.sh): the
# LD_PRELOAD shim, another user to run as, and a private mount namespace.
SHIM="$TMP/faultshim.so"
build_shim() {
  [ -e "$SHIM" ] || ${CC:-cc} -shared -fPIC -O2 -o "$SHIM" tests/fault/faultshim.c -ldl ||
    { echo "cannot build the fault shim" >&2; exit 2; }
}
# A sanitizer runtime wants to be first in the library list; the shim is
# preloaded before it, which is fine for what it wraps.
export ASAN_OPTIONS="$ASAN_OPTIONS:verify_asan_link_order=0"

# with_shim VAR=VALUE... -- CMD...: runs CMD with the shim preloaded
with_shim() {
  local envs=()
  while [ "$1" != -- ]; do envs+=("$1"); shift; done; shift
  env LD_PRELOAD="$SHIM" "${envs[@]}" "$@"
}

# xf_shim VAR=VALUE... : the xf of lib.sh (sets $out $err $rc), with faults
xf_shim() {
  local envs=()
  while [ "$#" -gt 0 ] && [[ $1 == XF_FAULT_* ]]; do envs+=("$1"); shift; done
  run env LD_PRELOAD="$SHIM" "${envs[@]}" "$XMPPFED" "$@"
}

# Temporary copies the store may leave beside FILE: .FILE.XXXXXX and
# .FILE.bak.XXXXXX (stale ones are removed by the next writer).
temps_of() { # FILE
  local d b; d=$(dirname "$1") b=$(basename "$1")
  find "$d" -maxdepth 1 -name ".$b.*" ! -type l 2>/dev/null
}

# Root passes permission checks: a read-only folder is only read-only to
# another user. NOBODY runs a command as uid/gid 65534.
NOBODY=(setpriv --reuid=65534 --regid=65534 --clear-groups)
# The test's folder must be reachable by that user, and sanitizer reports
# writable: a world-writable log folder, checked by nobody_clean.
nobody_setup() {
  chmod 711 "$TMP"
  mkdir -p "$TMP/nlogs"; chmod 1777 "$TMP/nlogs"
}
nobody_clean() {
  local f
  for f in "$TMP"/nlogs/*; do [ -e "$f" ] && { fail "sanitizer report: $(head -20 "$f")"; rm -f "$f"; }; done
}
xf_nobody() {
  run env ASAN_OPTIONS="log_path=$TMP/nlogs/asan:halt_on_error=1:detect_leaks=1" \
    UBSAN_OPTIONS="log_path=$TMP/nlogs/ubsan:halt_on_error=1:print_stacktrace=1" \
    "${NOBODY[@]}" "$XMPPFED" "$@"
}

# Can this machine give a test its own mounts (a tmpfs, a read-only bind)?
can_mount() {
  unshare -m sh -c "mount -t tmpfs -o size=64k tmpfs '$TMP' && umount '$TMP'" 2>/dev/null
}
skip() { echo "  skip $CUR: $*"; }
# Another user's files and setpriv need root.
need_root() { [ "$(id -u)" = 0 ] || { skip "needs root"; return 1; }; }

# Every fault test file ends within FAULT_LIMIT seconds (300): past that,
# the watchdog ends what the test is waiting for, by process id, and then
# the test, which fails and cleans up as usual.
: "${FAULT_LIMIT:=300}"
on_time_limit() { echo "  FAIL: time limit of $FAULT_LIMIT s reached"; exit 124; }
trap on_time_limit USR1
(
  sleep "$FAULT_LIMIT" & sp=$!
  trap 'kill $sp 2>/dev/null; exit 0' TERM
  wait $sp
  for c in $(ps -o pid= --ppid $$); do [ "$c" != "$BASHPID" ] && kill -KILL "$c" 2>/dev/null; done
  kill -USR1 $$
) &
WATCHDOG=$!
stop_watchdog() { kill "$WATCHDOG" 2>/dev/null; }
CLEANUPS="${CLEANUPS:-} stop_watchdog"
