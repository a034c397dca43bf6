#!/bin/bash
# The editor speaks the user's language (SPEC section 8): under
# LANG=ru_RU.UTF-8 the list, the key bar, the help, a refused commit and
# a test-connect verdict are Russian and fit at 80x24; under LANG=C they
# are English; a partner made through the Russian form is written to the
# file exactly as through the English one.
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
. tests/e2e/tmux.sh
F=$XMPPFED_CONFIG
LOCALES="XMPPFED_LOCALEDIR=$PWD/build/locale LANGUAGE= LC_ALL= LC_CTYPE= LC_MESSAGES="
RU="$LOCALES LANG=ru_RU.UTF-8" EN="$LOCALES LANG=C"
# English with UTF-8: a Cyrillic description cannot be typed under LANG=C
EN_UTF8="$LOCALES LANG=C.UTF-8"
seed() { cp examples/partners.conf "$F"; }
row() { screen | sed -n "$(($1 + 1))p"; }

test_setup_has_the_russian_locale_and_catalogue() {
  locale -a | grep -qi '^ru_RU.utf8$' || fail "no ru_RU.UTF-8 locale: run 'make test-deps'"
  [ -f build/locale/ru/LC_MESSAGES/xmppfed.mo ] || fail "no build/locale/ru/LC_MESSAGES/xmppfed.mo: run 'make'"
}

# key_bar KEY...: the bar on the last row lists every KEY, in order, each
# with its label (one word here; a blank between key and label or not:
# without it the key's own style sets it off, as in mc). The labels land
# in LABELS.
LIST_KEYS=(n Enter d t/T u l / F6 g F1 q)
key_bar() {
  local bar re="^" k; bar=$(screen | tail -1)
  for k in "$@"; do re+="${k//^/\\^} ?([^ ]+) "; done
  LABELS=()
  [[ "$bar" =~ ${re% } ]] || { fail "the key bar lacks a key of '$*': '$bar'"; return 1; }
  LABELS=("${BASH_REMATCH[@]:1}")
}
# labels_readable N: every label has at least N letters and no cut mark.
labels_readable() {
  local l
  for l in "${LABELS[@]}"; do
    [[ "$l" != *…* && ${#l} -ge $1 ]] || fail "label '$l' is not readable: '$(screen | tail -1)'"
  done
}
keybar_whole() { key_bar "${LIST_KEYS[@]}" && labels_readable 3; }

test_list_header_and_key_bar() {
  seed; start "$RU"
  expect_screen "^ xmppfed   4 партнера   "
  expect_screen "^Домен +Тип +TLS +SASL +DB +Тест ! Описание"
  expect_screen "^fabrikam\.com +Федерат\. +Обязат\. +Необяз\. +да"
  expect_screen "q ?Выход"
  keybar_whole
  keys q; wait_exit || fail "q did not quit"
  seed; start "$EN"
  expect_screen "^ xmppfed   4 partners   "
  expect_screen "^Domain +Type +TLS +SASL +DB +Test ! Description"
  expect_screen "^fabrikam\.com +federated +required +optional +yes"
  expect_screen "q ?Quit"
  keybar_whole
  key_bar "${LIST_KEYS[@]}"
  [ "${LABELS[*]}" = "New Edit Del Test Undo Log Filter Sort Gateway Help Quit" ] ||
    fail "English labels cut: '$(screen | tail -1)'"
}

# The l key is the last test's report, not a log (that is the change
# log's word); in the form, dialback keeps both terms in its label, and
# an allowed combination says so in Russian.
test_report_key_and_form_words() {
  seed; start "$RU"
  key_bar "${LIST_KEYS[@]}"
  [ "${LABELS[5]}" = "Отчет" ] || fail "l's label: '$(screen | tail -1)'"
  keys n; expect_screen "Dialback \(обр\. вызов\)"
  expect_screen "Допустимо"
  expect_not_screen "(^| )OK( |$)"
}

# Every screen's key bar at 80 and at 60 columns in both languages: every
# key listed; at 80 columns every label readable (3 letters at least, no
# cut mark); at 60 the list's labels keep 2 letters, the others whole.
key_bars_at() {
  local cols=$1 min=$2; shift 2
  seed; COLS=$cols start "$*"
  key_bar "${LIST_KEYS[@]}" && labels_readable "$min"
  keys /; sleep 0.2; key_bar Enter && labels_readable 3; keys Escape
  keys Enter; expect_screen "^ [^ ].*fabrikam"; sleep 0.2
  key_bar Tab/S-Tab Enter ^S/F10 Esc F1 && labels_readable 3
  keys Escape; sleep 0.2; keys g; sleep 0.3
  key_bar Tab/S-Tab ^S/F10 Esc F1 && labels_readable 3
  keys Escape; sleep 0.2; keys F1; sleep 0.3
  key_bar Up/Down PgUp/PgDn && labels_readable 3
  keys q; sleep 0.2; keys t; expect_screen "Esc/Enter" 20
  key_bar Up/Down Esc/Enter && labels_readable 3
}

test_key_bars_readable_at_80_and_60() {
  key_bars_at 80 3 "$RU"; key_bars_at 80 3 "$EN"
  key_bars_at 60 2 "$RU"; key_bars_at 60 2 "$EN"
}

test_header_counts_take_russian_plurals() {
  start "$RU"
  expect_screen "0 партнеров \(новый файл\)"
  expect_screen "Партнеров пока нет: n — добавить, F1 — справка\."
  seed; start "$RU"
  keys /; type_text "zzz"
  expect_screen "Фильтр: zzz"
  expect_screen "xmppfed   0 из 4 партнеров"
  expect_screen "Ни один партнер не подходит под фильтр"
  keys BSpace BSpace BSpace; type_text "fab"
  expect_screen "xmppfed   1 из 4 партнеров"
}

# Every page of the help: Russian, and no line cut at the right edge
# (a cut line ends with … in the last column of the text).
test_help() {
  seed; start "$RU"
  keys F1; expect_screen "Справка xmppfed"
  expect_screen "СПИСОК ПАРТНЕРОВ"
  expect_screen "любая другая закрыть"
  local page
  for page in 1 2 3 4; do
    screen | grep -qE '^.{78}…' && fail "a help line is cut: $(screen | grep -E '^.{78}…')"
    keys NPage; sleep 0.2
  done
  expect_screen "СТОЛБЦЫ СПИСКА"
  keys q
  seed; start "$EN"
  keys F1; expect_screen "xmppfed help"; expect_screen "PARTNER LIST"
  expect_screen "any other key Back"
}

# A new partner a.example with TLS not-supported and SASL required (its
# label in the form's language: $2): the form says why it is refused,
# and a commit says so again.
refused_form() {
  keys n; expect_screen "$1"
  type_text "a.example"; keys Tab Tab Tab Tab
  keys Right Right   # TLS: required -> optional -> not-supported
  keys Tab Left      # SASL: optional -> required
  expect_screen "\[$2 +v\]"
  keys C-s
}

test_refused_commit_reason() {
  start "$RU"
  refused_form "Новый партнер" "Обязательный"
  expect_screen "Отклонено: SASL требует TLS"
  expect_screen "Ошибка"
  expect_screen "Не сохранено: a\.example: SASL требует TLS"
  expect_screen "\(Enter\) закрыть"
  keys Enter; expect_not_screen "Не сохранено"
  [ ! -e "$F" ] || fail "a refused commit wrote the file"
  start "$EN"
  refused_form "New partner" "required"
  expect_screen "Refused: SASL needs TLS"
  expect_screen "Not saved: a\.example: SASL needs TLS"
  [ ! -e "$F" ] || fail "a refused commit wrote the file"
  keys Escape; expect_screen "Discard changes\?"; keys y   # no draft left
  expect_screen "0 partners"
}

# A closed port on the loopback: the test fails at once, and says why.
closed_partner() {
  cat > "$F" <<'EOF'
gateway = { local_domain = "contoso.com"; dns_server = "127.0.0.1:9"; test_timeout = 3; };
partners = ( { domain = "closed.example"; proxy_fqdn = "127.0.0.1:9"; } );
EOF
}

test_test_connect_verdict() {
  closed_partner; start "$RU"
  keys t
  expect_screen "Проверка подключения: closed\.example"
  expect_screen "Esc/Enter Закрыть" 20
  expect_screen "готово 1/1"
  expect_screen "closed\.example: FAIL: не удается подключиться к 127\.0\.0\.1:9"
  keys Escape; expect_screen "q ?Выход"
  closed_partner; start "$EN"
  keys t
  expect_screen "Test connection: closed\.example"
  expect_screen "Esc/Enter Close" 20
  expect_screen "1/1 done"
  expect_screen "closed\.example: FAIL: cannot connect to 127\.0\.0\.1:9"
}

# The same keys in either language: domain, description, an additional
# domain, the drop-downs by keys, commit. What the file gets is the same.
fill_partner() {
  keys n; expect_screen "$1"
  type_text "northwind.example"; keys Tab
  type_text "Northwind — Северный"; keys Tab
  keys Enter; type_text "nw.example"; keys Enter; keys Tab
  keys Enter Up Enter                 # type: public-unverified -> public-verified
  keys Tab Right                      # TLS: required -> optional
  keys Tab Enter Down Enter           # SASL: optional -> not-supported
  keys Tab Tab; type_text "gw.northwind.example:5270"
  keys Tab; type_text "25"; keys Tab Space   # keep-alive false
  keys C-s
  expect_screen "$2"
}

test_partner_from_russian_form_is_written_as_from_english() {
  start "$RU"; fill_partner "Новый партнер" "northwind\.example сохранен"
  expect_screen "1 партнер "
  cp "$F" "$TMP/ru.conf"; rm -f "$F" "$F.bak" "$F.log"
  start "$EN_UTF8"; fill_partner "New partner" "Saved northwind\.example"
  cp "$F" "$TMP/en.conf"
  grep -q 'partner_type = "public-verified"' "$TMP/en.conf" || fail "the form's choices not written: $(cat "$TMP/en.conf")"
  grep -q 'nw.example' "$TMP/en.conf" || fail "the additional domain not written"
  expect_same "$TMP/ru.conf" "$TMP/en.conf"
}

test_terminal_too_small_and_dumb() {
  seed; start "$RU"
  tm resize-window -t e2e -x 50 -y 12
  expect_screen "терминал слишком мал \(нужно 60x15\)"
  XF_TERM=dumb start "$RU"
  expect_screen "не может показать редактор"
  XF_TERM=dumb start "$EN"
  expect_screen "cannot show the editor"
}

# Under LANG=C the terminal's bytes cannot be decoded: a typed Cyrillic
# letter is refused with a message and a beep, the session goes on, and
# nothing typed before or after it lands in another field.
test_undecodable_key_is_refused_not_a_hangup() {
  start "$EN"
  keys n; expect_screen "New partner"
  type_text "ab"; type_text "фыв"
  expect_screen "This terminal's locale \\(ANSI_X3\\.4-1968\\) cannot encode that"
  type_text "c"
  [ ! -e "$TMP/exit" ] || fail "the editor ended (status $(cat "$TMP/exit")): $(screen)"
  expect_screen "Primary domain +abc$"
  keys Tab; type_text "ж"; type_text "d"; keys Tab
  [ ! -e "$TMP/exit" ] || fail "the editor ended at the second field"
  keys BTab; expect_screen "Description +d$"
  keys BTab; expect_screen "Primary domain +abc$"
  keys Escape; expect_screen "Discard changes\\?"; keys y
  expect_screen "0 partners"
  type_text "й"; expect_screen "cannot encode that character"
  keys q; wait_exit || fail "q did not quit"
  [ "$(cat "$TMP/exit")" = 0 ] || fail "exit status $(cat "$TMP/exit"), want 0"
  ls "$XDG_STATE_HOME"/xmppfed/draft* 2>/dev/null && fail "a draft was left"
}

# The Russian keyboard layout: the command keys are the letters on the
# same key caps (т is n, в is d, н is y, й is q); a text field takes
# them as text.
test_russian_layout_command_keys() {
  seed; start "$RU"
  expect_screen "4 партнера"
  type_text "т"; expect_screen "Новый партнер"
  type_text "пример"; expect_screen "Основной домен +пример$"
  keys Escape; expect_screen "Отбросить изменения\\?"; type_text "н"
  expect_screen "4 партнера"
  type_text "в"; expect_screen "Удалить партнера"
  type_text "т"; expect_not_screen "Удалить партнера"
  expect_screen "4 партнера"
  type_text "в"; expect_screen "Удалить партнера"
  type_text "н"; expect_screen "3 партнера"
  type_text "о"; type_text "."; expect_screen "Фильтр:"
  type_text "ыы"; expect_screen "Фильтр: ыы"   # the filter is text
  keys Escape; expect_not_screen "Фильтр:"
  type_text "й"; wait_exit || fail "й did not quit: $(screen)"
  [ "$(cat "$TMP/exit")" = 0 ] || fail "exit status $(cat "$TMP/exit"), want 0"
}

# A terminal that does not send UTF-8 under a UTF-8 locale (Latin-1 é):
# the byte is refused with a message that says which side to change.
test_terminal_not_utf8_under_utf8_locale() {
  start "$RU"
  keys n; expect_screen "Новый партнер"
  type_text "ab"; keys -H e9; type_text "c"
  expect_screen "Основной домен +abc$"
  keys -H e9
  expect_screen "Терминал прислал символ не в UTF-8"
  [ ! -e "$TMP/exit" ] || fail "the editor ended (status $(cat "$TMP/exit"))"
  keys Escape; expect_screen "Отбросить изменения\\?"; type_text "н"
  expect_screen "0 партнеров"
}

# An after_save command that fails with a long answer in Russian (as
# systemctl gives it under ru_RU): the message ends before a letter, never
# in the middle of one, which the screen would show as a stray \xD1.
test_after_save_output_cut_before_a_letter() {
  seed
  printf 'i=0; while [ $i -lt 1500 ]; do printf "\\321\\217"; i=$((i+1)); done; exit 1\n' > "$TMP/hook"
  xf -f "$F" --no-apply gateway --after-save "sh $TMP/hook"
  expect_rc 0
  start "$RU"
  expect_screen "4 партнера"
  keys d; expect_screen "Удалить партнера"; keys y
  expect_screen "сбой \(код возврата 1\):"
  expect_screen "\(Enter\) закрыть"
  expect_not_screen '\\x'
}

run_tests
