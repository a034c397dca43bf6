# xmppfed: plain Makefile. `make` builds ./xmppfed; `make run` opens the
# editor on a demo file; `make check` runs every test, also on a build with
# AddressSanitizer and UBSan. Both install missing Debian packages first.

PREFIX   ?= /usr/local
BINDIR   ?= $(PREFIX)/bin
MANDIR   ?= $(PREFIX)/share/man
LOCALEDIR ?= $(PREFIX)/share/locale
VERSION  := 0.1.0

CC       ?= cc
PKGS     := ncursesw libconfig openssl expat libidn2 libcares jansson
CFLAGS   ?= -O2 -g
CFLAGS   += -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror=implicit-function-declaration \
            -DXF_VERSION='"$(VERSION)"' -DXF_LOCALEDIR='"$(LOCALEDIR)"' -I. $(shell pkg-config --cflags $(PKGS) 2>/dev/null) \
            -MMD -MP $(SAN)
# OpenSSL is not linked: core/tls_lib.c loads it when a test-connect needs it
LDLIBS   += $(shell pkg-config --libs $(filter-out openssl,$(PKGS)) 2>/dev/null) -lunistring -lpthread
# tests and fuzzers call OpenSSL themselves
SSL_LIBS := $(shell pkg-config --libs openssl 2>/dev/null)
LDFLAGS  += $(SAN)

# expat's reparse deferral (2.6, and backported by Debian) can be turned off
EXPAT_H  := $(shell pkg-config --variable=includedir expat 2>/dev/null || echo /usr/include)/expat.h
CFLAGS   += $(shell grep -q XML_SetReparseDeferralEnabled $(EXPAT_H) 2>/dev/null && echo -DXF_HAVE_REPARSE_DEFERRAL)

# Where objects go: build/release, or build/asan for the sanitizer build.
B        ?= build/release

CORE_SRC  := $(wildcard core/*.c)
FORMS_SRC := $(wildcard forms/*.c)
TUI_SRC   := $(wildcard tui/*.c)
CLI_SRC   := $(wildcard cli/*.c)
CORE_OBJ  := $(CORE_SRC:%.c=$(B)/%.o)
FORMS_OBJ := $(FORMS_SRC:%.c=$(B)/%.o)
TUI_OBJ   := $(TUI_SRC:%.c=$(B)/%.o)
CLI_OBJ   := $(CLI_SRC:%.c=$(B)/%.o)
MAIN_OBJ  := $(B)/main.o
UNIT_SRC  := $(wildcard tests/unit/test_*.c)
UNIT_BIN  := $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)
# The sources xgettext reads: every one that says something to a person.
I18N_SRC  := main.c $(sort $(CLI_SRC) $(CORE_SRC) $(TUI_SRC) $(FORMS_SRC))
PO        := $(wildcard po/*.po)
LANGS     := $(PO:po/%.po=%)
MO        := $(LANGS:%=build/locale/%/LC_MESSAGES/xmppfed.mo)

# Packages: to build, and in addition to run the tests.
BUILD_DEBS := gcc make pkg-config libncurses-dev libconfig-dev libssl-dev \
              libexpat1-dev libidn2-dev libc-ares-dev libjansson-dev libunistring-dev \
              libxxhash-dev gettext
TEST_DEBS  := libcmocka-dev tmux prosody dnsmasq-base openssl mandoc python3 \
              ncurses-term procps util-linux bsdextrautils prometheus systemd \
              ansible-core locales man-db groff-base gettext-base
TEST_DEBS  += valgrind
SAN_FLAGS  := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

.PHONY: all run check deps test-deps unit asan install install-man install-mo \
        clean bench lint-man fuzz fuzz-bins fuzz-replay pot po-check FORCE

all: xmppfed

# by rename: a running ./xmppfed (in a test's tmux) is not "busy"
xmppfed: $(B)/xmppfed $(MO)
	cp $< $@.tmp && mv -f $@.tmp $@

# The catalogue's folder is compiled in: core/i18n.o is rebuilt when it
# changes (make install PREFIX=/usr after a plain make).
$(B)/localedir.stamp: FORCE
	@mkdir -p $(B)
	@echo '$(LOCALEDIR)' | cmp -s - $@ || echo '$(LOCALEDIR)' > $@
$(B)/core/i18n.o: $(B)/localedir.stamp
FORCE:

# Translations (po/): `make pot` extracts the messages, `make` compiles each
# language into build/locale, where XMPPFED_LOCALEDIR=build/locale finds it.
$(MO): build/locale/%/LC_MESSAGES/xmppfed.mo: po/%.po
	@mkdir -p $(dir $@)
	msgfmt --check -o $@ $<

XGETTEXT := xgettext --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ \
	    --keyword=NC_:1c,2 \
	    --keyword=ngettext:1,2 --add-comments=TRANSLATORS: \
	    --package-name=xmppfed --package-version=$(VERSION) \
	    --msgid-bugs-address=
pot:
	$(XGETTEXT) -o po/xmppfed.pot $(I18N_SRC)
	for po in $(PO); do msgmerge -q -U --backup=none $$po po/xmppfed.pot; done

# Every message of the sources translated in every language, none fuzzy
# (tests/cli/test_i18n.sh): msgcmp fails on a msgid the .po lacks.
po-check:
	@mkdir -p build
	@$(XGETTEXT) -o build/xmppfed.pot $(I18N_SRC) 2>/dev/null
	@for po in $(PO); do \
	  msgcmp $$po build/xmppfed.pot || exit 1; \
	  stats=$$(LC_ALL=C msgfmt --check --statistics -o /dev/null $$po 2>&1) || \
	    { echo "$$stats"; exit 1; }; \
	  case $$stats in *untranslated*|*fuzzy*) echo "$$po: $$stats"; exit 1;; esac; \
	done

$(B)/xmppfed: $(MAIN_OBJ) $(CLI_OBJ) $(TUI_OBJ) $(FORMS_OBJ) $(CORE_OBJ)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(B)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c -o $@ $<

$(B)/tests/%: tests/unit/%.c $(FORMS_OBJ) $(CORE_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(filter %.c %.o,$^) $(LDLIBS) $(SSL_LIBS) -lcmocka

# Install what is missing, only what is missing: apt-get is slow.
define apt_install
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  if [ "$$(id -u)" != 0 ]; then echo "run as root, or install:$$missing" >&2; exit 1; fi; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi
endef

deps:
	$(call apt_install,$(BUILD_DEBS))

test-deps: deps
	$(call apt_install,$(TEST_DEBS))
	@locale -a | grep -qi '^ru_RU.utf8$$' || { \
	  grep -q '^ru_RU.UTF-8 UTF-8' /etc/locale.gen 2>/dev/null || \
	    echo 'ru_RU.UTF-8 UTF-8' >> /etc/locale.gen; \
	  locale-gen ru_RU.UTF-8 >/dev/null; }

DEMO_DIR ?= $(or $(TMPDIR),/tmp)/xmppfed-demo
run: deps
	$(MAKE) xmppfed
	@examples/run-demo $(DEMO_DIR) ./xmppfed

unit: $(UNIT_BIN)
	@tests/run-unit $(UNIT_BIN)

asan:
	$(MAKE) B=build/asan SAN="$(SAN_FLAGS)" build/asan/xmppfed unit-bins-asan

unit-bins-asan: $(UNIT_BIN)

check: test-deps
	$(MAKE) xmppfed $(UNIT_BIN) fuzz-replay
	$(MAKE) B=build/asan SAN="$(SAN_FLAGS)" build/asan/xmppfed unit-bins-asan fuzz-replay
	tests/run-all ./xmppfed build/release build/asan/xmppfed build/asan

bench: xmppfed
	bench/run ./xmppfed

# Fuzzing (README.md, "Fuzzing and fault injection"). `make fuzz` builds
# the libFuzzer targets with clang and runs each for FUZZ_SECONDS; `make
# check` replays the corpus and the crash reproducers through the same
# targets built with $(CC).
FUZZ_TARGETS := $(patsubst fuzz/fuzz_%.c,%,$(wildcard fuzz/fuzz_*.c))
FUZZ_SECONDS ?= 60
FUZZ_CC      ?= clang
FUZZ_DEBS    := clang libclang-rt-dev
FUZZ_SAN     := -fsanitize=fuzzer-no-link,address,undefined \
                -fno-omit-frame-pointer -fno-sanitize-recover=all

fuzz: deps
	$(call apt_install,$(FUZZ_DEBS))
	$(MAKE) B=build/fuzz CC=$(FUZZ_CC) SAN="$(FUZZ_SAN)" fuzz-bins
	fuzz/run $(FUZZ_SECONDS) $(FUZZ_TARGETS)

fuzz-bins: $(FUZZ_TARGETS:%=$(B)/fuzzers/%)
.SECONDARY: $(FUZZ_TARGETS:%=$(B)/fuzz/fuzz_%.o) $(B)/fuzz/replay.o

$(B)/fuzzers/%: $(B)/fuzz/fuzz_%.o $(FORMS_OBJ) $(CORE_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -fsanitize=fuzzer -o $@ $^ $(LDLIBS) $(SSL_LIBS)

fuzz-replay: $(FUZZ_TARGETS:%=$(B)/replay/%)

$(B)/replay/%: $(B)/fuzz/fuzz_%.o $(B)/fuzz/replay.o $(FORMS_OBJ) $(CORE_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS) $(SSL_LIBS)

lint-man:
	mandoc -Tlint -W warning man/xmppfed.1 man/xmppfed.conf.5
	mandoc -Tlint -W warning -K utf-8 man/ru/xmppfed.1 man/ru/xmppfed.conf.5

# install-man and install-mo build nothing: a test stages the pages alone.
install: xmppfed install-man install-mo
	install -d $(DESTDIR)$(BINDIR)
	install -m 0755 xmppfed $(DESTDIR)$(BINDIR)/xmppfed

install-man:
	install -d $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 \
	  $(DESTDIR)$(MANDIR)/ru/man1 $(DESTDIR)$(MANDIR)/ru/man5
	install -m 0644 man/xmppfed.1 $(DESTDIR)$(MANDIR)/man1/xmppfed.1
	install -m 0644 man/xmppfed.conf.5 $(DESTDIR)$(MANDIR)/man5/xmppfed.conf.5
	install -m 0644 man/ru/xmppfed.1 $(DESTDIR)$(MANDIR)/ru/man1/xmppfed.1
	install -m 0644 man/ru/xmppfed.conf.5 $(DESTDIR)$(MANDIR)/ru/man5/xmppfed.conf.5

install-mo: $(MO)
	for l in $(LANGS); do \
	  install -d $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES && \
	  install -m 0644 build/locale/$$l/LC_MESSAGES/xmppfed.mo \
	    $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/xmppfed.mo || exit 1; \
	done

clean:
	rm -rf build xmppfed

-include $(shell find build -name '*.d' 2>/dev/null)
