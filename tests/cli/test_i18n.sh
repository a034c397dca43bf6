#!/bin/bash
# Languages (SPEC section 8): under a Russian locale what a person reads is
# Russian, under C it is English; what a program reads (--json, --format,
# the file) is the same byte for byte in both.
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
. tests/e2e/tmux.sh
F=$XMPPFED_CONFIG
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
  expect_err "xmppfed: неизвестная команда «frobnicate»"
  expect_err "См. «xmppfed --help»\."
  ru list --bogus
  expect_rc 2
  expect_err "list: неизвестный параметр «--bogus»"
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

# The field table's --help lines: translated text, translated argument
# names, and the column kept in terminal cells, not bytes.
test_help_field_options() {
  ru --help
  expect_out '^  --description ТЕКСТ        произвольный текст, UTF-8, не более 1024 байт$'
  expect_out '^  --tls РЕЖИМ                required \| optional \| not-supported$'
  expect_out '^  --dialback yes\|no          принимать обратный вызов \(dialback, XEP-0220\)$'
  expect_out '^  --add-domain ДОМЕН         \(set\) добавить один дополнительный домен$'
  expect_out '^                             в set заменяет весь список\)$'
  expect_out '^  --after-save КОМАНДА       выполнять после каждого сохранения'
  expect_out '^  --local-domain ДОМЕН  --ca-file PEM'
  en --help
  expect_out '^  --description TEXT         free text, UTF-8, at most 1024 bytes$'
  expect_out '^  --add-domain D             \(set\) add one additional domain$'
}

# A value the core refuses, through set: the core's own words in Russian,
# the option and the value as typed.
test_refused_set_values() {
  en add a.example
  expect_rc 0
  cp "$XMPPFED_CONFIG" "$TMP/before"
  ru set a.example --tls not-supported --sasl required
  expect_rc 1
  expect_err 'SASL требует TLS: задайте для TLS «Обязательный»'
  ru set a.example --connection-limit 5000
  expect_rc 1
  expect_err "«5000»: нужно число от 1 до 1000"
  ru set a.example --additional-domain 'b..example'
  expect_rc 1
  expect_err 'пустая метка \(две точки подряд'
  ru set a.example --proxy-fqdn 'gw.example:99999'
  expect_rc 1
  expect_err "порт «99999»: нужно число от 1 до 65535"
  expect_same "$XMPPFED_CONFIG" "$TMP/before"
  en set a.example --connection-limit 5000
  expect_err "'5000' is not a number from 1 to 1000"
}

# A file that does not parse: libconfig's message and our hint in Russian,
# with the file and the line; --json the same in both languages, English.
test_broken_file_message() {
  printf 'version = 1;\npartners = ( { domain = "a.example";\n  tls = required; } );\n' >"$XMPPFED_CONFIG"
  ru check
  expect_rc 1
  expect_out "^ошибка: $XMPPFED_CONFIG:3: синтаксическая ошибка рядом с «required»: текстовое значение пишется в кавычках \(\"required\"\)"
  ru list
  expect_rc 1
  expect_err "$XMPPFED_CONFIG:3: синтаксическая ошибка"
  en check
  expect_out "^error: $XMPPFED_CONFIG:3: syntax error near 'required': a text value needs quotes"
  printf 'version = 1;\npartners = ( { domain = "a.example"; tlss = "required";\n  connection_limit = 0; } );\n' >"$XMPPFED_CONFIG"
  ru check
  expect_out "$XMPPFED_CONFIG:2: неизвестный параметр «tlss» в партнере a\.example \(может быть, «tls»\?\)"
  expect_out "$XMPPFED_CONFIG:3: .*«0»: нужно число от 1 до 1000"
  machine_same badcheck check --json
  grep -q "unknown setting 'tlss' in partner a.example" "$TMP/badcheck.en" ||
    fail "check --json not English: $(cat "$TMP/badcheck.en")"
  grep -q '"setting": "tlss"' "$TMP/badcheck.en" ||
    fail "check --json lost the setting: $(cat "$TMP/badcheck.en")"
}

# The labels the Russian form shows are accepted on the command line under
# a Russian locale, as the cmdlets' spellings are; the file gets the ids.
test_russian_choice_labels_accepted() {
  ru add a.example --tls 'Обязательный' --sasl 'не поддерживается' \
    --type 'Общедоступный проверенный' --dialback 'Да' --keep-alive 'нет'
  expect_rc 0
  ru add b.example --tls 'Необязательный' --sasl 'Не поддерживается'
  expect_rc 0
  en show a.example
  expect_out '^tls +required$'; expect_out '^sasl +not-supported$'
  expect_out '^partner_type +public-verified$'; expect_out '^dialback +true$'
  expect_out '^keep_alive +false$'
  grep -q 'Обязательный\|проверенный' "$XMPPFED_CONFIG" && fail "a label reached the file"
  ru list --tls 'обязательный'
  expect_out '^a\.example'; expect_no_out '^b\.example'
  ru set a.example --tls 'Всегда'
  expect_rc 1
  expect_err "«Всегда» не входит в число допустимых значений: required, optional, not-supported"
  # the file and scripts under C keep to the ids and the cmdlet spellings
  en set a.example --tls 'Обязательный'
  expect_rc 1
}

# import --dry-run: what it would refuse, in Russian; the file untouched.
test_import_dry_run() {
  en add a.example
  cp "$XMPPFED_CONFIG" "$TMP/before"
  printf '"Identity","TlsNegotiation"\r\n"b.example","Sometimes"\r\n"c..example","Required"\r\n' >"$TMP/p.csv"
  ru import lync "$TMP/p.csv" --dry-run
  expect_rc 1
  expect_out "TlsNegotiation: «Sometimes» не входит в число допустимых значений"
  expect_out 'c\.\.example: пустая метка'
  expect_same "$XMPPFED_CONFIG" "$TMP/before"
}

# The form shows the field table in Russian (label, help, choice labels);
# a draft kept there is restored in English with the same choice, as the
# draft holds ids, never labels.
test_form_in_russian_and_its_draft_in_english() {
  cp examples/partners.conf "$F"
  start LC_ALL=$RU
  keys Enter; expect_screen "Основной домен +fabrikam\.com"
  expect_screen "Домен XMPP партнера, например fabrikam\.com"
  expect_screen "Тип партнера +\[Федеративный"
  keys Tab Tab Tab Tab; expect_screen "Согласование TLS +\[Обязательный"
  keys Right; expect_screen "Согласование TLS +\[Необязательный"
  kill -HUP "$(app_pid)"; wait_exit || fail "no exit on SIGHUP"
  rm -f "$TMP/pid"; KEEP_STATE=1 start
  expect_screen "A draft was kept"; keys o
  expect_screen "TLS negotiation +\[optional"
  expect_screen "Partner type +\[federated"
  keys C-s; expect_screen "Commit anyway\?"; keys y
  expect_screen "Review the change"; keys y
  expect_screen "Saved fabrikam.com"
  en show fabrikam.com
  expect_out '^tls +optional$'; expect_out '^partner_type +federated$'
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

# A DNS server that does not answer (a closed port on the loopback): the
# verdict says so, in Russian, and not that the SRV records do not exist;
# the steps are ours, not c-ares' English; the time is a Russian word too.
test_test_connect_dns_server_silent() {
  en add fabrikam.com
  ru test fabrikam.com --dns 127.0.0.1:9 --timeout 5
  expect_rc 1
  expect_out '^fabrikam\.com: FAIL: DNS-сервер не ответил$'
  expect_out 'dns +warn +_xmpps-server\._tcp\.fabrikam\.com: не удалось связаться с DNS-серверами'
  expect_out '^  затрачено +[0-9]+ мс$'
  expect_no_out 'Could not contact|записи SRV в DNS|elapsed'
  en test fabrikam.com --dns 127.0.0.1:9 --timeout 5
  expect_out '^fabrikam\.com: FAIL: the DNS server did not answer$'
  expect_out '_xmpp-server\._tcp\.fabrikam\.com: could not contact the DNS servers'
  expect_out '^  elapsed +[0-9]+ ms$'
  # a program reads the English words, whatever the locale
  ru test fabrikam.com --dns 127.0.0.1:9 --timeout 5 --json
  expect_out '"reason": "the DNS server did not answer"'
}

# show is key-value lines: keys, values and the verdict word are the file's
# (a script reads them) in every language; the remarks are for a person
test_show_keys_stay_the_files_remarks_translate() {
  en add w.example --tls optional --sasl required
  ru show w.example
  expect_out '^tls +optional$'
  expect_out '^connection_limit +не задано'
  expect_out '^matrix +warning: SASL требует TLS'
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
  machine_same logtext log
  machine_same gwtext gateway
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
