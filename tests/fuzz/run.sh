#!/bin/sh
# Runs libFuzzer targets for a bounded time each.
#
#   sh tests/fuzz/run.sh SECONDS target...     e.g. run.sh 60 nid date csv
#
# Target NAME is tests/fuzz/fuzz_NAME.c.  It is linked with the pure core
# sources (no SQL, no curses) plus whatever its "Needs" comment names
# (core/*.c files and -l libraries).  Everything is built under build/fuzz/.
# The seeds in tests/fuzz/corpus/NAME/ are read, and new inputs go to
# build/fuzz/corpus/NAME/ so that the repository stays clean.  A crash is
# written to tests/fuzz/crashes/NAME-crash-... and makes the exit status 1.
set -u

if [ $# -lt 2 ]; then
	echo "usage: $0 SECONDS target..." >&2
	exit 2
fi
seconds=$1
shift
case $seconds in
*[!0-9]* | '') echo "$0: SECONDS must be a number" >&2; exit 2 ;;
esac

cd "$(dirname "$0")/../.." || exit 2
CC=${FUZZ_CC:-clang}
B=build/fuzz
CFLAGS="-std=c11 -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE -I. -g -O1 \
 -fno-omit-frame-pointer -fno-sanitize-recover=all"
BASE="core/err.c core/i18n.c core/text.c core/date.c core/nid.c \
 core/amount.c core/csv.c"
CRASHES=tests/fuzz/crashes
mkdir -p "$B/obj" "$CRASHES" || exit 2

# The core/*.c (and pure tui/*.c) files and -l flags a target's header
# comment names; a pattern (core/*.c db/*.c) is expanded.  A target that
# names db/ files gets the migrations compiled in too (the importers
# run on a real, in-memory database).
needs() {
	sed -n '1,20p' "$1" | grep -i -A1 'needs' | grep -o '\(core\|tui\|db\)/[a-z_0-9*]*\.c' || true
}
needs_libs() {
	sed -n '1,20p' "$1" | grep -i -A1 'needs' | grep -o -- '-l[a-z0-9_]*' || true
}

# Core objects carry coverage instrumentation but no fuzzer main.
object() {
	src=$1
	obj=$B/obj/$(echo "${src%.c}" | tr / _).o
	if [ ! -f "$obj" ] || [ "$src" -nt "$obj" ] || [ core/core.h -nt "$obj" ] ||
	   [ db/db.h -nt "$obj" ]; then
		$CC $CFLAGS -fsanitize=fuzzer-no-link,address,undefined \
			-c -o "$obj" "$src" || return 1
	fi
	echo "$obj"
}

status=0
for t in "$@"; do
	src=tests/fuzz/fuzz_$t.c
	if [ ! -f "$src" ]; then
		echo "fuzz: no target $src" >&2
		status=1
		continue
	fi
	objs=""
	failed=0
	extra=""
	if needs "$src" | grep -q '^db/'; then
		sh tools/sql2c.sh "$B/migrations.c" db/migrations/*.sql || failed=1
		extra="$B/migrations.c"
	fi
	# (the words of the for list are expanded: core/*.c is every file)
	files=$(for w in $BASE $(needs "$src"); do echo "$w"; done | sort -u)
	for s in $files $extra; do
		o=$(object "$s") || { failed=1; break; }
		objs="$objs $o"
	done
	bin=$B/fuzz_$t
	if [ $failed = 0 ]; then
		$CC $CFLAGS -fsanitize=fuzzer,address,undefined -o "$bin" \
			"$src" $objs $(needs_libs "$src") || failed=1
	fi
	if [ $failed = 1 ]; then
		echo "fuzz $t: BUILD FAILED"
		status=1
		continue
	fi

	work=$B/corpus/$t
	seeds=tests/fuzz/corpus/$t
	mkdir -p "$work" "$seeds"
	before=$(ls "$CRASHES" | grep -c "^$t-" || true)
	"./$bin" -max_total_time="$seconds" -timeout=10 -print_final_stats=1 \
		-artifact_prefix="$CRASHES/$t-" "$work" "$seeds" \
		>"$B/$t.log" 2>&1
	rc=$?
	after=$(ls "$CRASHES" | grep -c "^$t-" || true)
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$B/$t.log")
	if [ $rc -ne 0 ] || [ "$after" -gt "$before" ]; then
		echo "fuzz $t: CRASH after ${runs:-?} runs (exit $rc); see $B/$t.log and $CRASHES/"
		grep -m 5 -E 'ERROR|runtime error|SUMMARY' "$B/$t.log"
		status=1
	else
		echo "fuzz $t: ok, ${runs:-?} runs in ${seconds}s, no crash"
	fi
done
exit $status
