#!/bin/sh
# `bosak --help` lists every command of bosak(1)'s COMMANDS section with
# every option the man page gives it, and every option of OPTIONS, in
# both catalogues (bokmål and English), in 80 columns.
#
# The man page is read from its source: the tag line after each .TP or
# .TQ of COMMANDS is one command (or two, "A | B"); its leading lowercase
# words are the command, its --words the options.  In the help text an
# entry starts with two spaces and the command, and goes on over the
# lines indented more; the options must stand in that entry.
set -u
name=help_man
BOSAK=${BOSAK:-./bosak}
man=man/bosak.1
pass() { echo "PASS $name"; exit 0; }
fail() { echo "FAIL $name: $*"; exit 1; }

[ -x "$BOSAK" ] || fail "no binary $BOSAK"
[ -f "$man" ] || fail "no $man"
tmp=$(mktemp -d) || fail "mktemp"
trap 'rm -rf "$tmp"' EXIT

# tags SECTION: the tag lines of a section, with the roff taken out
tags() {
	awk -v sec="$1" '
		/^\.SH/ { on = ($0 ~ "^\\.SH \"?" sec "\"?$"); next }
		on && /^\.T[PQ]/ { want = 1; next }
		on && want { print; want = 0 }' "$man" |
	sed -e 's/^\.[A-Z][A-Z]* //' -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' \
	    -e 's/\\(dq//g' -e 's/"//g' -e 's/  */ /g'
}

tags COMMANDS | sed 's/ | /\n/g' >"$tmp/commands"
tags OPTIONS >"$tmp/options"
ncmd=$(wc -l <"$tmp/commands")
[ "$ncmd" -ge 15 ] || fail "read only $ncmd commands from $man: $(cat "$tmp/commands")"
grep -q -- '--config' "$tmp/options" || fail "no options read from $man"

for lang in nb en; do
	LANG=C.UTF-8 LANGUAGE=$lang LC_ALL= "$BOSAK" --help >"$tmp/help" 2>&1 ||
		fail "bosak --help ($lang) exited with $?"
	wide=$(LC_ALL=C.UTF-8 grep -nE '^.{81}' "$tmp/help")
	[ -z "$wide" ] || fail "--help ($lang) is wider than 80 columns: $wide"

	while read -r line; do
		cmd=$(echo "$line" | awk '{ c = ""; for (i = 1; i <= NF; i++) {
			if ($i !~ /^[a-z]+$/) break; c = c (c ? " " : "") $i }
			print c }')
		[ -n "$cmd" ] || fail "cannot read a command from the tag '$line'"
		# the entry: its first line and the lines indented more
		awk -v cmd="$cmd" '
			index($0, "  " cmd) == 1 &&
			  (length($0) == length(cmd) + 2 ||
			   substr($0, length(cmd) + 3, 1) == " ") { on = 1; print; next }
			on && /^    / { print; next }
			{ on = 0 }' "$tmp/help" >"$tmp/entry"
		[ -s "$tmp/entry" ] ||
			fail "--help ($lang) does not list '$cmd' (bosak(1): $line)"
		for opt in $(echo "$line" | grep -oE -- '--[a-z][a-z-]*'); do
			grep -qE -- "(^|[^a-z-])$opt([^a-z-]|\$)" "$tmp/entry" ||
				fail "--help ($lang) lists '$cmd' without $opt: $(cat "$tmp/entry")"
		done
	done <"$tmp/commands"

	for opt in $(grep -oE -- '(^| )--?[a-zA-Z][a-z-]*' "$tmp/options"); do
		grep -qE -- "(^|[^a-z-])$opt([^a-z-]|\$)" "$tmp/help" ||
			fail "--help ($lang) does not list the option $opt"
	done
done
pass
