#!/bin/sh
# Runs every test: the cmocka unit and screen tests (plain build and the
# ASan+UBSan build), then the end-to-end tests of the real binary in tmux.
# Closes with one line: "N passed, N failed".
set -u
cd "$(dirname "$0")/.." || exit 1
passed=0
failed=0
skipped=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

count_cmocka() {
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -1)
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -1)
	passed=$((passed + ${p:-0}))
	failed=$((failed + ${f:-0}))
}

for dir in build/tests build/san/tests; do
	[ -d "$dir" ] || continue
	for t in "$dir"/test_*; do
		[ -x "$t" ] || continue
		echo "== $t"
		ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
		UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		"$t" >"$log" 2>&1
		rc=$?
		cat "$log"
		count_cmocka
		if [ $rc -ne 0 ] && ! grep -q '^\[  FAILED  \]' "$log"; then
			# crashed before cmocka could count: that is a failure
			echo "FAIL $t exited with $rc"
			failed=$((failed + 1))
		fi
	done
done

for t in tests/e2e/*.sh; do
	[ -f "$t" ] || continue
	for bin in ./bosak build/san/bosak; do
		[ -x "$bin" ] || continue
		echo "== $t ($bin)"
		BOSAK="$bin" sh "$t"
		case $? in
		0) passed=$((passed + 1)) ;;
		77) skipped=$((skipped + 1)) ;;
		*) echo "FAIL $t ($bin)"; failed=$((failed + 1)) ;;
		esac
	done
done

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
