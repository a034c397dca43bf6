#!/bin/bash
# The Russian man pages keep step with the English ones: section by section,
# every option, command, key, setting, file, variable and exit status the
# English page names is named in the Russian one too, in the same section;
# and man shows the Russian page under a Russian locale, the English one
# under C.
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
RU=ru_RU.UTF-8

# man_terms PAGE [flat]: one line per section (.Sh or .Ss, counted in order) and
# thing it names: "N<TAB>word" for the words of .Fl .Cm .Ic .Ev .Pa .Dv .Li
# .Xr (the fixed spellings, never translated; \% is left out, the Russian
# pages' ФАЙЛ.bak is FILE.bak), "N<TAB>It:3" for a numbered
# list item (an exit status), and "N<TAB>#Pp" and the like for the paragraphs,
# list items and displays, one line per occurrence. With flat, every
# section is 0: the whole page at once.
man_terms() {
  awk -v flat="${2:-}" '
    function macro(w) { return w ~ /^[A-Z][a-z][a-z]?$/ }
    /^\.(Sh|Ss)( |$)/ { if (!flat) sec++; next }
    /^\.(Pp|Bd|Dl|It|Bl)( |$)/ { n[sec "\t#" substr($1, 2)]++ }
    /^\.It [0-9]+( |$)/ { print sec "\tIt:" $2 }
    /^\./ {
      line = $0; gsub(/\\-/, "-", line); gsub(/\\&/, "", line)
      gsub(/\\%/, "", line); gsub(/ФАЙЛ/, "FILE", line)
      nw = split(substr(line, 2), w, /[ \t]+/); take = 0
      for (i = 1; i <= nw; i++) {
        if (w[i] ~ /^(Fl|Cm|Ic|Ev|Pa|Dv|Li|Xr)$/) { take = 1; continue }
        if (macro(w[i])) { take = 0; continue }
        if (take && w[i] !~ /^[][(){}.,:;|!?"]*$/) print sec "\t" w[i]
      }
    }
    END { for (k in n) for (i = 1; i <= n[k]; i++) print k }
  ' sec=0 "$1" | sort
}

# headings PAGE: the section headings, one a line
headings() { grep -E '^\.S[hs]( |$)' "$1"; }

# what the checks say goes through report (a test of the checks catches it)
report() { fail "$@"; }

# same_terms EN RU: fail for each thing EN names that RU lacks
same_terms() {
  local en=$1 ru=$2 missing ne nr flat=
  ne=$(headings "$en" | grep -c '^\.Sh'); nr=$(headings "$ru" | grep -c '^\.Sh')
  # sections that do not pair up: the pages are compared whole
  [ "$ne" = "$nr" ] || { report "$ru has $nr sections (.Sh), $en has $ne"; flat=1; }
  ne=$(headings "$en" | grep -c '^\.Ss'); nr=$(headings "$ru" | grep -c '^\.Ss')
  [ "$ne" = "$nr" ] || { report "$ru has $nr subsections (.Ss), $en has $ne"; flat=1; }
  # comm -23 on sorted lists with repeats: a paragraph fewer is a line left
  missing=$(comm -23 <(man_terms "$en" $flat) <(man_terms "$ru" $flat))
  [ -z "$missing" ] && return 0
  local sec what title
  while IFS=$'\t' read -r sec what; do
    case $what in '#'*) what="one .${what#\#} (paragraph, list, item or display)";; esac
    if [ -n "$flat" ]; then report "$ru lacks $what of $en"; continue; fi
    title=$(headings "$en" | sed -n "${sec}p")
    report "$ru lacks $what in section $sec (${title:-before the first heading}) of $en"
  done <<<"$missing"
}

# options PAGE: every --option of the page as rendered
options() { mandoc -Tutf8 "$1" | col -b | grep -oE -- '--[a-z][a-z-]+' | sort -u; }

same_options() {
  local o
  for o in $(comm -23 <(options "$1") <(options "$2")); do
    report "$o is in $1 but not in $2"
  done
}

test_russian_pages_lint_clean() {
  run mandoc -Tlint -W warning -K utf-8 man/ru/xmppfed.1 man/ru/xmppfed.conf.5
  expect_rc 0
  [ -z "$out" ] || fail "mandoc: $out"
}

test_xmppfed_1_names_what_the_english_page_names() {
  same_options man/xmppfed.1 man/ru/xmppfed.1
  same_terms man/xmppfed.1 man/ru/xmppfed.1
}

test_xmppfed_conf_5_names_what_the_english_page_names() {
  same_options man/xmppfed.conf.5 man/ru/xmppfed.conf.5
  same_terms man/xmppfed.conf.5 man/ru/xmppfed.conf.5
}

# The checks above can fail: a page with one option or one list entry left
# out is caught (the English page itself stands in for a translation, so
# that this holds whatever state the Russian one is in).
test_a_page_missing_an_option_or_an_entry_is_caught() {
  local caught="$TMP/caught"
  report() { printf '%s\n' "$*" >>"$caught"; }
  same_terms man/xmppfed.1 man/xmppfed.1
  same_options man/xmppfed.1 man/xmppfed.1
  [ ! -e "$caught" ] || fail "the page differs from itself: $(cat "$caught")"
  sed -e '/-jobs/d' man/xmppfed.1 >"$TMP/no-jobs.1"
  same_options man/xmppfed.1 "$TMP/no-jobs.1"
  same_terms man/xmppfed.1 "$TMP/no-jobs.1"
  # FILES without its FILE.log entry
  awk '/^\.Sh / { files = /FILES/ } files && /^\.It Pa FILE\.log/ { skip = 1; next }
       skip && /^\.(It|El)/ { skip = 0 } !skip' man/xmppfed.1 >"$TMP/no-log.1"
  same_terms man/xmppfed.1 "$TMP/no-log.1"
  report() { fail "$@"; }
  grep -q -- '^--jobs is in man/xmppfed.1 but not in' "$caught" ||
    fail "a page without --jobs passed the options check"
  grep -q -- 'lacks -jobs in section [0-9]* (.Sh TEST-CONNECT)' "$caught" ||
    fail "a page without --jobs passed the section check"
  grep -q -- 'lacks FILE.log in section [0-9]* (.Sh FILES)' "$caught" ||
    fail "a page without the FILE.log entry of FILES passed the section check"
}

test_man_shows_russian_under_a_russian_locale() {
  run make -s --no-print-directory install-man DESTDIR="$TMP/stage" PREFIX=/usr
  expect_rc 0
  local mp="$TMP/stage/usr/share/man"
  run env LC_ALL=$RU LANG=$RU LANGUAGE= MANPATH="$mp" MANPAGER=cat MANWIDTH=80 man xmppfed
  expect_rc 0
  out=$(printf '%s' "$out" | col -b)
  expect_out '^ОПИСАНИЕ'
  expect_out '^ИНТЕРАКТИВНЫЙ РЕДАКТОР'
  expect_no_out '^DESCRIPTION'
  run env LC_ALL=$RU LANG=$RU LANGUAGE= MANPATH="$mp" MANPAGER=cat MANWIDTH=80 man 5 xmppfed.conf
  out=$(printf '%s' "$out" | col -b)
  expect_out '^СОХРАНЕНИЕ'
  run env LC_ALL=C LANG=C LANGUAGE= MANPATH="$mp" MANPAGER=cat MANWIDTH=80 man xmppfed
  expect_rc 0
  out=$(printf '%s' "$out" | col -b)
  expect_out '^DESCRIPTION'
  expect_out '^INTERACTIVE EDITOR'
  expect_no_out 'ОПИСАНИЕ'
  run env LC_ALL=C LANG=C LANGUAGE= MANPATH="$mp" MANPAGER=cat MANWIDTH=80 man 5 xmppfed.conf
  out=$(printf '%s' "$out" | col -b)
  expect_out '^SAVING'
}

# render PAGE mandoc|groff: the page as mandoc or as man(1) (groff) shows it
render() {
  case $2 in
    mandoc) mandoc -Tutf8 "$1" ;;
    groff) env LC_ALL=$RU LANG=$RU MANWIDTH=${3:-80} MANPAGER=cat man -l "$1" 2>/dev/null ;;
  esac | col -b
}

# section_body N: the indented lines under the Nth unindented line (the
# header line is 1, NAME 2, the synopsis 3)
section_body() { awk -v want="$1" '/^[^ \t]/ { n++; next } n == want && NF'; }

# The synopsis is not a section named SYNOPSIS in the Russian page, where
# neither mandoc nor groff starts a line at each .Nm: every form still gets
# its own line, as in the English page.
test_russian_synopsis_gives_each_form_a_line() {
  local r en ru
  for r in mandoc groff; do
    en=$(render man/xmppfed.1 $r | section_body 3)
    ru=$(render man/ru/xmppfed.1 $r | section_body 3)
    [ "$(grep -c '^ *xmppfed ' <<<"$en")" -ge 3 ] || fail "$r: English synopsis: $en"
    [ "$(grep -c '^ *xmppfed ' <<<"$ru")" = "$(grep -c '^ *xmppfed ' <<<"$en")" ] ||
      fail "$r: the Russian synopsis has other lines than the English one: $ru"
    grep -q 'xmppfed .*xmppfed' <<<"$ru" && fail "$r: two forms on a line: $ru"
  done
}

# hyphen_splits PAGE WIDTH: the words man(1) splits at the end of a line,
# joined again ("START‐" and "TLS," give STARTTLS)
hyphen_splits() {
  render "$1" groff "$2" | awk '
    cut != "" { sub(/^[ \t]+/, ""); split($0, w, /[ \t]+/); word = cut w[1]
                gsub(/^[(“‘«]+|[).,:;”’»]+$/, "", word); print word; cut = "" }
    /‐$/ { n = split($0, w, /[ \t]+/); cut = w[n]; sub(/‐$/, "", cut) }'
}

# groff hyphenates with English patterns: in the Russian pages these split
# only the Latin terms (START‐TLS, WARN‐ING), in the English ones they must
# not split a name (STARTTLS, PowerShell, node_exporter, and the hyphenated
# names the page gives as such, tcp-dialback; English words may be split).
test_man_pages_never_hyphenate_a_term() {
  local w p split names
  for w in $(seq 60 4 120); do
    for p in man/ru/xmppfed.1 man/ru/xmppfed.conf.5; do
      split=$(hyphen_splits $p $w | sort -u | tr '\n' ' ')
      [ -z "$split" ] || fail "$p at $w columns hyphenates: $split"
    done
    for p in man/xmppfed.1 man/xmppfed.conf.5; do
      names=$(man_terms $p flat | cut -f2 | grep -E '^[a-z]+-[a-z]')
      [ -n "$names" ] || names=-
      split=$(hyphen_splits $p $w | grep -E "[A-Z].*[A-Z]|_|^(${names//$'\n'/|})\$" |
              sort -u | tr '\n' ' ')
      [ -z "$split" ] || fail "$p at $w columns hyphenates: $split"
    done
  done
}

# tr_ru MSGID [MSGID_PLURAL N]: the program's Russian text for a message
tr_ru() {
  if [ $# -gt 1 ]; then
    TEXTDOMAINDIR=build/locale LANGUAGE=ru LC_ALL=$RU ngettext -d xmppfed "$@"
  else
    TEXTDOMAINDIR=build/locale LANGUAGE=ru LC_ALL=$RU gettext -d xmppfed "$1"
  fi
}

# flat PAGE: the page as mandoc shows it, on one line, blanks squeezed
flat() { mandoc -Tutf8 "$1" | col -b | tr -s ' \n\t' '   '; }

# quoted EN RU: the English page quotes EN, the Russian one RU
quoted() {
  [[ $en_page == *"$1"* ]] || fail "man/xmppfed.1 does not quote: $1"
  [[ $ru_page == *"$2"* ]] || fail "man/ru/xmppfed.1 does not quote: $2"
}

# A message the English page quotes is quoted in the Russian one as the
# program shows it under a Russian locale (its msgstr in po/ru.po).
test_russian_page_quotes_messages_as_the_program_says_them() {
  [ -f build/locale/ru/LC_MESSAGES/xmppfed.mo ] || { fail "no catalogue: run make"; return; }
  local en_page ru_page f
  en_page=$(flat man/xmppfed.1); ru_page=$(flat man/ru/xmppfed.1)
  f='terminal too small (needs %dx%d); q quits'
  quoted "$(printf "$f" 60 15)" "$(printf "$(tr_ru "$f")" 60 15)"
  f=$(tr_ru '%zu of %zu partner' '%zu of %zu partners' 4)
  quoted "1 of 4 partners" "$(printf "${f//%zu/%d}" 1 4)"
  f='read-only: %s %s'
  quoted "$(printf "$f" /etc/xmppfed 'is not writable; run with sudo')" \
    "$(printf "$(tr_ru "$f")" /etc/xmppfed "$(tr_ru 'is not writable; run with sudo')")"
  quoted 'is on a read-only file system' "$(tr_ru 'is on a read-only file system')"
  f='read-only: the lock file %s cannot be created (%s)'
  quoted "$(printf "$f" FILE.lock 'it is a folder')" \
    "$(printf "$(tr_ru "$f")" ФАЙЛ.lock "$(tr_ru 'it is a folder')")"
  f="unknown setting '%s' %s (did you mean '%s'?)"
  quoted "warning: FILE:5: $(printf "$f" sals 'in partner fabrikam.com' sasl)" \
    "$(tr_ru warning): ФАЙЛ:5: $(printf "$(tr_ru "$f")" sals \
       "$(printf "$(tr_ru 'in partner %s')" fabrikam.com)" sasl)"
  f="near '%s': a text value needs quotes (\"%s\")"
  quoted "partners.conf:3: syntax error $(printf "$f" required required)" \
    "partners.conf:3: $(tr_ru 'syntax error') $(printf "$(tr_ru "$f")" required required)"
  f='`systemctl reload xmpp-gateway`'
  quoted "Saved; applying: $f failed (exit 1)" \
    "$(printf "$(tr_ru 'Saved; %s')" \
       "$(printf "$(tr_ru 'applying: %s')" "$f $(printf "$(tr_ru 'failed (exit %d)')" 1)")")"
  f="'%s' is not one of %s"
  quoted "a.example: FAIL: tls: $(printf "$f" requried 'required, optional, not-supported'): fix it first (not tested)" \
    "a.example: FAIL: $(printf "$(tr_ru '%s: fix it first (not tested)')" \
       "tls: $(printf "$(tr_ru "$f")" requried 'required, optional, not-supported')")"
  # Commit is the button's name on the screens, in the help and the key bar
  quoted "Commit" "«$(tr_ru Commit)» (Commit)"
  grep -nE '[Пп]риня(ть|тие|тии|тое)' man/ru/xmppfed.1 &&
    fail "man/ru/xmppfed.1 says «принять» where the program says «$(tr_ru Commit)»"
  # your file is ФАЙЛ there, as in -f ФАЙЛ
  for f in man/ru/xmppfed.1 man/ru/xmppfed.conf.5; do
    mandoc -Tutf8 "$f" | col -b | grep -nE '(^|[^A-Z_])FILE([^A-Z_]|$)' &&
      fail "$f says FILE where it means ФАЙЛ"
  done
}

run_tests
