# bosak - a hand-written Makefile after git's and tig's: PREFIX, DESTDIR,
# BINDIR, MANDIR, SYSCONFDIR, LOCALEDIR; -MMD -MP; V=1 for the full commands.
#
#   make            build ./bosak
#   make run        install missing packages, build, demo database, start
#   make check      every test, also under ASan+UBSan; closes "N passed, N failed"
#   make bench      measurements on a municipal-scale database
#   make fuzz       libFuzzer targets, FUZZ_SECONDS each
#   make install    PREFIX=/usr/local DESTDIR=

PREFIX     ?= /usr/local
BINDIR     ?= $(PREFIX)/bin
DATADIR    ?= $(PREFIX)/share
MANDIR     ?= $(DATADIR)/man
LOCALEDIR  ?= $(DATADIR)/locale
SYSCONFDIR ?= $(PREFIX)/etc
DESTDIR    ?=

VERSION    := 0.1.0
B          ?= build
CC         ?= cc
PKGS       := ncursesw formw sqlite3
PKG_CFLAGS  = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS    = $(shell pkg-config --libs $(PKGS) 2>/dev/null)

WARN     := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
            -Wmissing-prototypes -Wno-unused-parameter -Wformat=2 -Wvla
# snprintf into fixed fields truncates on purpose; gcc's guess that it
# might is noise (clang has no such warning)
ifeq ($(findstring clang,$(CC)),)
WARN     += -Wno-format-truncation
endif
CFLAGS   ?= -O2 -g
SAN      ?=
ALL_CFLAGS = -std=c11 -D_DEFAULT_SOURCE \
	-DBOSAK_VERSION='"$(VERSION)"' \
	-DBOSAK_SYSCONFDIR='"$(SYSCONFDIR)"' -DBOSAK_LOCALEDIR='"$(LOCALEDIR)"' \
	-DBOSAK_DATADIR='"$(DATADIR)"' \
	$(WARN) $(CFLAGS) $(SAN) $(PKG_CFLAGS) -MMD -MP
LIBS      = $(PKG_LIBS) -liniparser -lpthread -lm

ifeq ($(V),1)
Q :=
else
Q := @
endif

CORE_SRC := $(wildcard core/*.c)
DB_SRC   := $(wildcard db/*.c)
TUI_SRC  := $(filter-out tui/main.c,$(wildcard tui/*.c))
MIGRATIONS := $(sort $(wildcard db/migrations/*.sql))

CORE_OBJ := $(CORE_SRC:%.c=$(B)/%.o)
DB_OBJ   := $(DB_SRC:%.c=$(B)/%.o) $(B)/db/migrations.o
TUI_OBJ  := $(TUI_SRC:%.c=$(B)/%.o)
LIBCORE  := $(B)/libbosakcore.a
LIBDB    := $(B)/libbosakdb.a
LIBTUI   := $(B)/libbosaktui.a

UNIT_TESTS := $(patsubst tests/%.c,$(B)/tests/%,$(wildcard tests/test_*.c))
PO_FILES   := $(sort $(wildcard po/nb/*.po))
MO_NB      := $(B)/locale/nb/LC_MESSAGES/bosak.mo

.PHONY: all deps run check check-build check-layers check-man check-po \
	bench fuzz install uninstall clean demo-db
.DEFAULT_GOAL := all

all: bosak

# ---------------------------------------------------------------- packages
# Debian package names, and a file each proves it is installed.
DEPS := libncurses-dev:/usr/include/ncursesw/curses.h \
	libsqlite3-dev:/usr/include/sqlite3.h \
	libiniparser-dev:/usr/include/iniparser/iniparser.h \
	libcmocka-dev:/usr/include/cmocka.h \
	gettext:/usr/bin/msgfmt \
	tmux:/usr/bin/tmux \
	clang:/usr/bin/clang \
	libclang-rt-dev:/usr/bin/clang \
	sqlite3:/usr/bin/sqlite3 \
	man-db:/usr/bin/man \
	groff-base:/usr/bin/groff \
	pkg-config:/usr/bin/pkg-config

deps:
	@missing=""; for d in $(DEPS); do pkg=$${d%%:*}; f=$${d#*:}; \
	  if [ ! -e "$$f" ] || ! dpkg -s "$$pkg" >/dev/null 2>&1; then \
	    missing="$$missing $$pkg"; fi; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  SUDO=; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

# ------------------------------------------------------------------- build
bosak: $(B)/tui/main.o $(LIBTUI) $(LIBCORE) $(LIBDB) $(MO_NB)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $(B)/tui/main.o $(LIBTUI) $(LIBCORE) $(LIBDB) $(LIBS)

# Objects are rebuilt when the flags change (PREFIX is compiled in), as
# git's Makefile does with GIT-CFLAGS.
.PHONY: FORCE
$(B)/cflags: FORCE
	$(shell mkdir -p $(B))
	$(file >$@.new,$(ALL_CFLAGS) $(CC))
	@cmp -s $@.new $@ || mv $@.new $@; rm -f $@.new

$(B)/%.o: %.c $(B)/cflags
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(B)/db/migrations.c: $(MIGRATIONS) tools/sql2c.sh
	@mkdir -p $(dir $@)
	$(Q)sh tools/sql2c.sh $@ $(MIGRATIONS)

$(B)/db/migrations.o: $(B)/db/migrations.c $(B)/cflags
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(LIBCORE): $(CORE_OBJ)
	$(Q)rm -f $@ && ar rcs $@ $^
$(LIBDB): $(DB_OBJ)
	$(Q)rm -f $@ && ar rcs $@ $^
$(LIBTUI): $(TUI_OBJ)
	$(Q)rm -f $@ && ar rcs $@ $^

$(MO_NB): $(PO_FILES)
	@mkdir -p $(dir $@)
	$(Q)msgcat --force-po --use-first -o $(B)/nb.po $(PO_FILES)
	$(Q)msgfmt --check -o $@ $(B)/nb.po

$(B)/tests/%: tests/%.c $(B)/tests/testlib.o $(LIBTUI) $(LIBCORE) $(LIBDB) $(B)/cflags
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  TEST    $@")
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< $(B)/tests/testlib.o $(LIBTUI) $(LIBCORE) $(LIBDB) $(LIBS) -lcmocka -lutil

$(B)/tests/testlib.o: tests/testlib.c $(B)/cflags
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

# -------------------------------------------------------------------- run
DEMO_CONF ?= conf/demo.ini
DEMO_PERSONS ?= 2000
run: deps bosak
	@[ -f demo.db ] || ./bosak -c $(DEMO_CONF) demo --persons $(DEMO_PERSONS) --seed 1
	@./bosak -c $(DEMO_CONF) demo --register-me >/dev/null
	./bosak -c $(DEMO_CONF)

# ------------------------------------------------------------------ check
check: deps
	@$(MAKE) --no-print-directory check-build
	@sh tests/run.sh

# Everything the tests need, in the plain build and the sanitizer build.
check-build: check-layers check-man check-po
	$(Q)$(MAKE) --no-print-directory bosak tests-bin
	$(Q)$(MAKE) --no-print-directory B=build/san CC=clang \
	  SAN="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer" \
	  CFLAGS="-O1 -g" bosak-san tests-bin

.PHONY: tests-bin bosak-san
tests-bin: $(UNIT_TESTS) $(B)/tests/nidgen
bosak-san: $(B)/tui/main.o $(LIBTUI) $(LIBCORE) $(LIBDB) $(MO_NB)
	$(Q)$(CC) $(ALL_CFLAGS) -o $(B)/bosak $(B)/tui/main.o $(LIBTUI) $(LIBCORE) $(LIBDB) $(LIBS)

# tui -> core -> db, never back.
check-layers:
	@bad=$$(grep -lE '#include *[<"](sqlite3|n?curses|ncursesw/curses|form|menu)\.h' core/*.[ch]); \
	  [ -z "$$bad" ] || { echo "layers: core/ includes sqlite3 or curses: $$bad"; exit 1; }
	@bad=$$(grep -lE '#include *[<"](n?curses|ncursesw/curses|form|menu|.*core)\.h' db/*.[ch]); \
	  [ -z "$$bad" ] || { echo "layers: db/ includes curses or core: $$bad"; exit 1; }
	@bad=$$(grep -lE 'sqlite3|db_[a-z_]+\(' tui/*.c); \
	  [ -z "$$bad" ] || { echo "layers: tui/ calls SQLite or db/ directly: $$bad"; exit 1; }

check-man:
	@for m in man/*.[0-9]; do \
	  out=$$(LC_ALL=C.UTF-8 MANROFFSEQ='' groff -ww -z -man -K utf8 "$$m" 2>&1); \
	  [ -z "$$out" ] || { echo "man: $$m: $$out"; exit 1; }; \
	  out=$$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$$m" 2>&1 >/dev/null); \
	  [ -z "$$out" ] || { echo "man: $$m: $$out"; exit 1; }; done

# Every string marked for translation has a bokmål translation.
check-po: $(MO_NB)
	$(Q)mkdir -p $(B)
	$(Q)xgettext --from-code=UTF-8 -k_ -kN_ -o $(B)/bosak.pot core/*.[ch] db/*.[ch] tui/*.[ch] 2>/dev/null || \
	  xgettext --from-code=UTF-8 -k_ -kN_ -o $(B)/bosak.pot core/*.[ch] tui/*.[ch]
	$(Q)msgcmp $(B)/nb.po $(B)/bosak.pot || { echo "po: the strings above have no bokmål translation in po/nb/"; exit 1; }

# ------------------------------------------------------------------ bench
bench: deps bosak
	@sh tests/bench.sh

# ------------------------------------------------------------------- fuzz
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
fuzz: deps
	@sh tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# ---------------------------------------------------------------- install
install: bosak
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 \
	  $(DESTDIR)$(SYSCONFDIR)/bosak/letters $(DESTDIR)$(LOCALEDIR)/nb/LC_MESSAGES
	@# setgid bosak: only the program reaches the database, whose directory
	@# and file are the group's (bosak admin setup makes them, as root).
	@# As root the group is made when missing; not as root (a package
	@# being built) the binary is 0755 and the note says what is left.
	@if [ "$$(id -u)" = 0 ]; then \
	  getent group bosak >/dev/null || groupadd --system bosak || exit 1; \
	  echo "install -m 2755 -g bosak bosak $(DESTDIR)$(BINDIR)/bosak"; \
	  install -m 2755 -g bosak bosak $(DESTDIR)$(BINDIR)/bosak || exit 1; \
	else \
	  install -m 755 bosak $(DESTDIR)$(BINDIR)/bosak || exit 1; \
	  echo "note: $(DESTDIR)$(BINDIR)/bosak must be setgid bosak: as root," \
	    "groupadd --system bosak; chgrp bosak $(BINDIR)/bosak;" \
	    "chmod 2755 $(BINDIR)/bosak; then bosak admin setup LOGIN"; \
	fi
	install -m 644 man/bosak.1 $(DESTDIR)$(MANDIR)/man1/bosak.1
	install -m 644 man/bosak.ini.5 $(DESTDIR)$(MANDIR)/man5/bosak.ini.5
	install -m 644 $(MO_NB) $(DESTDIR)$(LOCALEDIR)/nb/LC_MESSAGES/bosak.mo
	install -m 644 conf/bosak.ini $(DESTDIR)$(SYSCONFDIR)/bosak/bosak.ini.example
	[ -e $(DESTDIR)$(SYSCONFDIR)/bosak/bosak.ini ] || \
	  install -m 644 conf/bosak.ini $(DESTDIR)$(SYSCONFDIR)/bosak/bosak.ini
	for f in conf/letters/*; do install -m 644 $$f $(DESTDIR)$(SYSCONFDIR)/bosak/letters/; done

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/bosak $(DESTDIR)$(MANDIR)/man1/bosak.1 \
	  $(DESTDIR)$(MANDIR)/man5/bosak.ini.5 $(DESTDIR)$(LOCALEDIR)/nb/LC_MESSAGES/bosak.mo

clean:
	rm -rf build bosak demo.db demo.db-wal demo.db-shm demo.db-wlock

-include $(shell find $(B) -name '*.d' 2>/dev/null)
