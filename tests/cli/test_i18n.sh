#!/bin/bash
# Languages (SPEC section 8): under a Russian locale what a person reads is
# Russian, under C it is English; what a program reads (--json, --format,
# the file) is the same byte for byte in both.
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
export XMPPFED_LOCALEDIR="$PWD/build/locale"
unset LANGUAGE
RU=ru_RU.UTF-8 EN=C.UTF-8

# ru CMD... / en CMD...: xf under that locale
ru() { LC_ALL=$RU xf "$@"; }
en() { LC_ALL=$EN xf "$@"; }

test_setup_has_the_russian_locale_and_catalogue() {
  locale -a | grep -qi '^ru_RU.utf8$' || fail "no ru_RU.UTF-8 locale: run 'make test-deps'"
  [ -f build/locale/ru/LC_MESSAGES/xmppfed.mo ] || fail "no build/locale/ru/LC_MESSAGES/xmppfed.mo: run 'make'"
}

test_refused_add_reason() {
  ru add a.example --tls not-supported --sasl required
  expect_rc 1
  expect_err 'SASL требует TLS: задайте для TLS «Обязательный»'
  expect_err 'ничего не изменено'
  [ ! -e "$XMPPFED_CONFIG" ] || fail "a refused add wrote the file"
  en add a.example --tls not-supported --sasl required
  expect_rc 1
  expect_err 'SASL needs TLS: set TLS to required or optional'
  expect_err 'nothing was changed'
}

test_check_lines() {
  en add w.example --tls optional --sasl required
  expect_rc 0
  ru check
  expect_rc 0
  expect_out 'предупреждение: .*: партнер w\.example: tls=optional sasl=required dialback=true: SASL требует TLS; если TLS лишь'
  expect_err ': 1 партнер, 0 ошибок, 1 предупреждение$'
  en check
  expect_out 'warning: .*: partner w\.example: tls=optional sasl=required dialback=true: SASL needs TLS'
  expect_err ': 1 partner, 0 errors, 1 warning$'
}

test_check_counts_take_russian_plurals() {
  local d
  for d in a b c d e; do en add $d.example; done
  ru check
  expect_err ': 5 партнеров, 0 ошибок, 0 предупреждений$'
  en remove e.example; en remove d.example
  ru check
  expect_err ': 3 партнера, 0 ошибок, 0 предупреждений$'
}

test_usage_errors() {
  ru frobnicate
  expect_rc 2
  expect_err "xmppfed: неизвестная команда 'frobnicate'"
  expect_err "См. 'xmppfed --help'\."
  ru list --bogus
  expect_rc 2
  expect_err "list: неизвестный параметр '--bogus'"
  en frobnicate
  expect_err "xmppfed: unknown command 'frobnicate'"
  expect_err "Try 'xmppfed --help'\."
}

test_help_text() {
  ru --help
  expect_rc 0
  expect_out '^Использование: xmppfed \[-f ФАЙЛ\]'
  expect_out 'Управление федеративными партнерами XMPP'
  expect_out '--warn-days N'
  # the layout holds in Russian: no line wider than the 80-column terminal
  local w
  w=$(printf '%s\n' "$out" | LC_ALL=$RU wc -L)
  [ "$w" -le 79 ] || fail "Russian --help has a line of $w columns"
  en --help
  expect_out '^Usage: xmppfed \[-f FILE\]'
  expect_out "else /etc/xmppfed/partners.conf\)"
}

# a closed port on the loopback: the test fails at once, and says why
closed_partner() {
  en add closed.example --proxy-fqdn 127.0.0.1:9
  expect_rc 0
}

test_test_connect_verdict() {
  closed_partner
  ru test closed.example --timeout 5
  expect_rc 1
  expect_out '^closed\.example: FAIL: не удается подключиться к 127\.0\.0\.1:9'
  expect_out 'proxy_fqdn 127\.0\.0\.1:9: без поиска DNS SRV'
  # --format text is for a person too
  ru test closed.example --timeout 5 --format=text
  expect_out '^closed\.example: FAIL: не удается подключиться к 127\.0\.0\.1:9'
  en test closed.example --timeout 5
  expect_rc 1
  expect_out '^closed\.example: FAIL: cannot connect to 127\.0\.0\.1:9'
}

# The same output under both locales, once what the clock decides is out.
untimed() {
  sed -E -e 's/"elapsed_ms": [0-9]+/"elapsed_ms": T/' \
         -e 's/time=[0-9.]+s/time=Ts/' -e 's/ in [0-9]+ ms / in T ms /' \
         -e '/^xmppfed_(partner_probe_duration|test_timestamp)_seconds/d'
}

machine_same() { # FILE-STEM CMD...: output under ru and en byte-identical
  local stem=$1; shift
  LC_ALL=$RU "$XMPPFED" "$@" 2>/dev/null | untimed >"$TMP/$stem.ru"
  LC_ALL=$EN "$XMPPFED" "$@" 2>/dev/null | untimed >"$TMP/$stem.en"
  [ -s "$TMP/$stem.en" ] || fail "$*: no output"
  cmp -s "$TMP/$stem.ru" "$TMP/$stem.en" ||
    fail "$* differs: $(diff "$TMP/$stem.en" "$TMP/$stem.ru" | head -10)"
}

test_machine_output_is_never_translated() {
  closed_partner
  en add w.example --tls optional --sasl required
  en add n.example --tls not-supported --sasl not-supported --dialback yes
  machine_same list list --json
  machine_same show show w.example --json
  machine_same check check --json
  machine_same gateway gateway --json
  machine_same json test closed.example --json --timeout 5
  machine_same fjson test closed.example --format=json --timeout 5
  machine_same nagios test closed.example --format nagios --timeout 5
  machine_same prom test closed.example --format prometheus --timeout 5
  machine_same export export powershell
  machine_same log log --json
  # and the English words are there, not only the same in both
  grep -q '"reason": "cannot connect to 127.0.0.1:9' "$TMP/json.en" ||
    fail "test --json reason not English: $(grep reason "$TMP/json.en")"
  grep -q 'no DNS SRV lookup' "$TMP/json.en" || fail "test --json steps not English"
  grep -q 'SASL needs TLS' "$TMP/check.en" || fail "check --json message not English"
  grep -q 'cannot connect to' "$TMP/nagios.en" || fail "nagios text not English"
}

test_file_written_the_same_in_both_languages() {
  local lc f
  for lc in $RU $EN; do
    f="$TMP/written.$lc"
    rm -f "$f" "$f.bak" "$f.log"
    LC_ALL=$lc "$XMPPFED" -f "$f" add a.example --description 'Партнер A' \
      --tls required --sasl optional --dialback no --additional-domain b.example 2>/dev/null
    LC_ALL=$lc "$XMPPFED" -f "$f" add c.example --type public-verified \
      --tls optional --sasl required --connection-limit 20 2>/dev/null
    LC_ALL=$lc "$XMPPFED" -f "$f" set a.example --keep-alive no --add-domain d.example 2>/dev/null
    LC_ALL=$lc "$XMPPFED" -f "$f" gateway --local-domain our.example --test-timeout 7 2>/dev/null
    LC_ALL=$lc "$XMPPFED" -f "$f" add bad.example --tls not-supported --sasl required 2>/dev/null
  done
  [ -s "$TMP/written.$EN" ] || fail "nothing written"
  grep -q 'c.example' "$TMP/written.$EN" || fail "the adds did not happen"
  expect_same "$TMP/written.$RU" "$TMP/written.$EN"
}

test_every_message_has_a_russian_translation() {
  run make -s --no-print-directory po-check
  expect_rc 0
  [ "$rc" = 0 ] || fail "$out $err"
  run msgfmt --check --statistics -o /dev/null po/ru.po
  expect_rc 0
  printf '%s' "$err" | grep -qE 'untranslated|fuzzy' && fail "po/ru.po: $err"
}

test_russian_man_pages() {
  run mandoc -Tlint -W warning man/ru/xmppfed.1 man/ru/xmppfed.conf.5
  expect_rc 0
  run make -s --no-print-directory install-man DESTDIR="$TMP/stage" PREFIX=/usr
  expect_rc 0
  # MANPATH as the system's manpath is searched: man-db adds the locale's
  # folders (ru/) to it, which it does not do for -M
  local mp="$TMP/stage/usr/share/man"
  run env LC_ALL=$RU LANG=$RU MANPATH="$mp" man -w xmppfed
  expect_out '/ru/man1/xmppfed\.1$'
  run env LC_ALL=$RU LANG=$RU MANPATH="$mp" man -w 5 xmppfed.conf
  expect_out '/ru/man5/xmppfed\.conf\.5$'
  run env LC_ALL=$EN LANG=$EN MANPATH="$mp" man -w xmppfed
  expect_out '/man1/xmppfed\.1$'
  expect_no_out '/ru/'
  run mandoc -Tutf8 man/ru/xmppfed.1
  printf '%s' "$out" | col -b | grep -q 'ОПИСАНИЕ' || fail "xmppfed(1) in Russian lacks ОПИСАНИЕ"
}

test_russian_man_page_names_every_option_of_help() {
  local man o
  man=$(mandoc -Tutf8 man/ru/xmppfed.1 | col -b)
  en --help
  for o in $(printf '%s' "$out" | grep -oE -- '--[a-z][a-z-]+' | sort -u); do
    printf '%s' "$man" | grep -q -- "$o" || fail "$o is in --help but not in man/ru/xmppfed.1"
  done
}

run_tests
