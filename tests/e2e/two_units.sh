#!/bin/sh
# End to end, as two real Unix users of two units: a case registered for
# NAV is found by a NAV caseworker's search and opened; a caseworker of an
# unrelated unit (HELSE) searching for the same name finds nothing, and the
# refusal to open it by number is the same answer as for no case at all.
# Needs root to create the users (CI runs as root); skipped otherwise.
set -u
. "$(dirname "$0")/tmux.lib"
name=two_units
[ "$(id -u)" = 0 ] || skip "needs root to create Unix users"
command -v useradd >/dev/null || skip "no useradd on this machine"

nav=bosake2enav
helse=bosake2ehelse
for u in $nav $helse; do
	id "$u" >/dev/null 2>&1 || useradd -M -N -s /bin/sh "$u" || fail "useradd $u"
done
dir=$(mktemp -d /tmp/bosak-e2e-XXXXXX)
chmod 755 "$dir"
trap 'cleanup_tmux; rm -rf "$dir"' EXIT
conf="$dir/bosak.ini"
printf '[municipality]\nname = Testkommune\n[database]\npath = %s/t.db\n[letters]\ndir = %s/conf/letters\n[demo]\nallow_synthetic_ids = yes\n' \
	"$dir" "$PWD" >"$conf"
chmod 644 "$conf"
B="$BOSAK -c $conf"
$B init >/dev/null || fail "init"
$B admin unit add NAV "NAV Øst" --kind nav || fail "unit NAV"
$B admin unit add HELSE "Pleie og omsorg" --kind health || fail "unit HELSE"
$B admin user add $nav "Åse Ødegård" && $B admin user grant $nav NAV caseworker || fail "user nav"
$B admin user add $helse "Helga Helse" && $B admin user grant $helse HELSE caseworker || fail "user helse"
$B admin user grant root NAV desk || fail "grant root desk"
cat >"$dir/in.csv" <<'CSV'
fodselsnummer;fornavn;etternavn;mottatt;situasjon;enhet;samtykke
15868512345;Øystein;Ærlighetsen;01.11.2026;gata;NAV;NAV
CSV
# a valid synthetic number for 15.06.1985
nid=$($BOSAK_TEST_NID 1985-06-15)
sed -i "s/15868512345/$nid/" "$dir/in.csv"
$B import applicants "$dir/in.csv" >/dev/null || fail "import"
# the file and its WAL are shared by the users (issue 7 makes this a group)
chmod 666 "$dir"/t.db*
chmod 777 "$dir"

# NAV's caseworker finds the case by a prefix of the family name
start_as $nav "$B" || fail "start as $nav"
wait_for "Mine saker" || fail "no home screen for $nav: $(screen)"
keys / && type_text "ærlig" && sleep 0.5
wait_for "Ærlighetsen, Øystein" || fail "NAV caseworker cannot find the case: $(screen)"
keys Enter
wait_for "Husstand" || fail "the case does not open: $(screen)"
stop_tmux

# HELSE's caseworker finds nothing by name, and cannot open it by number
start_as $helse "$B" || fail "start as $helse"
wait_for "Hjem" || fail "no home screen for $helse: $(screen)"
keys / && type_text "ærlig"
wait_for "Søk: ærlig" || fail "the search did not take the text: $(screen)"
sleep 0.5
screen | grep -q "Ærlighetsen" && fail "HELSE sees NAV's case: $(screen)"
number="$(date +%Y)-000001"
keys C-u && type_text "$number"
wait_for "Søk: $number" || fail "the search did not take the number: $(screen)"
sleep 0.5
screen | grep -q "Ærlighetsen" && fail "HELSE finds the case by number: $(screen)"
stop_tmux

# and the access log has the NAV read and nothing for HELSE but refusals
log=$(sqlite3 -cmd ".timeout 5000" "$dir/t.db" "SELECT s.login || ':' || a.reason FROM access_log a JOIN staff s ON s.id = a.staff_id")
echo "$log" | grep -q "^$nav:own$" || fail "the NAV read is not in the access log: $log"
echo "$log" | grep -q "^$helse:own$" && fail "HELSE read the case: $log"
pass
