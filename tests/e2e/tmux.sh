# tmux helpers for the end-to-end tests: the real binary in a real
# terminal, driven with send-keys and read with capture-pane. A private
# tmux server per test file; LC_ALL, TERM and the size are pinned.
SOCK="xf-e2e-$$" NSTART=0
: "${XF_TERM:=xterm-256color}"
tm() { tmux -L "$SOCK" "$@"; }
stop_tmux() { tm kill-server 2>/dev/null; }
stop_all_tmux() { local i; for ((i = 0; i <= NSTART; i++)); do tmux -L "xf-e2e-$$-$i" kill-server 2>/dev/null; done; }
CLEANUPS="${CLEANUPS:-} stop_all_tmux"
export XDG_STATE_HOME="$TMP/state"

# start [ENV=VAL...]: runs xmppfed -f $F in an 80x24 window. Its exit
# status lands in $TMP/exit when it ends. The wrapper shell ignores
# SIGINT so that Ctrl-C reaches only xmppfed, which sets its own handler.
start() {
  # the previous app: killed outright, so that no hang-up leaves a draft;
  # its wrapper writes the exit status before it is removed, not after
  [ -n "$(app_pid)" ] && kill -KILL "$(app_pid)" 2>/dev/null && wait_exit
  stop_tmux; rm -f "$TMP/exit" "$TMP/pid"
  [ -n "${KEEP_STATE:-}" ] || rm -rf "$XDG_STATE_HOME"
  NSTART=$((NSTART + 1)); SOCK="xf-e2e-$$-$NSTART"   # a fresh server each time
  local envs="$*"
  tm new-session -d -s e2e -x "${COLS:-80}" -y "${ROWS:-24}" \
    "trap '' INT; env LC_ALL=C.UTF-8 TERM=$XF_TERM $envs sh -c 'echo \$\$ > $TMP/pid; exec $XMPPFED -f $F'; echo \$? > $TMP/exit.new; mv $TMP/exit.new $TMP/exit; sleep 600"
  wait_for "xmppfed|draft" 5 || fail "the editor did not start: $(screen)"
}
screen() { tm capture-pane -p -t e2e 2>/dev/null; }
keys() { tm send-keys -t e2e "$@"; }
# type TEXT: literal text, no key names
type_text() { tm send-keys -t e2e -l "$1"; }
# wait_for REGEX [SECONDS]: polls the screen; false on timeout.
wait_for() {
  local i n=$(( ${2:-5} * 20 ))
  for ((i = 0; i < n; i++)); do
    screen | grep -qE -- "$1" && return 0
    sleep 0.05
  done
  return 1
}
expect_screen() { wait_for "$1" "${2:-5}" || fail "screen lacks /$1/:
$(screen)"; }
expect_not_screen() { sleep 0.2; screen | grep -qE -- "$1" && fail "screen has /$1/:
$(screen)"; }
app_pid() { cat "$TMP/pid" 2>/dev/null; }
wait_exit() {
  local i; for ((i = 0; i < 100; i++)); do [ -e "$TMP/exit" ] && return 0; sleep 0.05; done
  return 1
}
