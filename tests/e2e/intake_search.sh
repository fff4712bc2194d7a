#!/bin/sh
# A complete intake typed as a desk worker would, with æøå in the names,
# registered for NAV; then a second registered user of NAV (another Unix
# user: needs root) finds it by search and opens it.  Without root, the
# same user searches, and the script says so.
set -u
. "$(dirname "$0")/tmux.lib"
. "$(dirname "$0")/intake.lib"
name=intake_search
setup
start "$B" || fail "start"
wait_for "Ny søknad" || fail "no home screen: $(screen)"
type_applicant "$(nid 1990-02-01 200)"
field ""                       # birth date: from the number
field "Storgata 1"
field "2317"
field "Hamar"
field "99 88 77 66"
field "ase@example.no"
field "somali"
keys Space Tab                 # interpreter needed
field "Bjørn Ødegård"          # household: a spouse
keys Tab
field "03.04.1988"
keys PgDn                      # to the situation section
keys Right Right               # institution
keys Tab
field "01.12.2026"
keys Space Tab                 # adapted dwelling
keys C-w
wait_for "er registrert" 10 || fail "not registered: $(screen)"
number=$(screen | sed -n 's/.*Sak \([0-9]\{4\}-[0-9]\{6\}\) er registrert.*/\1/p' | head -1)
[ -n "$number" ] || fail "no case number shown: $(screen)"
screen | grep -q "Dette mangler fortsatt" || fail "what is missing is not shown: $(screen)"
keys Enter
wait_for "Ødegård, Åse Marie" || fail "the case does not open: $(screen)"
screen | grep -q "Bjørn Ødegård" || fail "the household is not in the case: $(screen)"
stop_tmux

who="$me"
if [ "$(id -u)" = 0 ] && command -v useradd >/dev/null; then
	who=bosake2enav2
	id "$who" >/dev/null 2>&1 || useradd -M -N -s /bin/sh "$who" || fail "useradd"
	$B admin user add "$who" "Åsmund Ærlig" || fail "user add"
	$B admin user grant "$who" NAV caseworker || fail "grant"
	chmod 666 "$dir"/t.db*
	chmod 777 "$dir"
	start_as "$who" "$B" || fail "start as $who"
else
	echo "note: not root, the same user searches" >&2
	start "$B" || fail "restart"
fi
wait_for "Hjem" || fail "no home screen for $who: $(screen)"
keys /
type_text "ødeg"
wait_for "$number" || fail "$who cannot find the case by name: $(screen)"
keys Enter
wait_for "Husstand" || fail "$who cannot open the case: $(screen)"
pass
