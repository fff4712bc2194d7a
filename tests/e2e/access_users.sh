#!/bin/sh
# Two units, real Unix users, bosak installed setgid (issue 7): a
# caseworker of HELSE cannot list, search, open or export a case of NAV,
# through any screen or command, nor read the database with the sqlite3
# tool; every refused attempt is in the access log.  Breaking the glass
# opens it only with a stated reason, logged and shown to NAV's
# supervisor.
set -u
. "$(dirname "$0")/tmux.lib"
. "$(dirname "$0")/setgid.lib"
name=access_users
sg_need_root
adm=bosake2eacadm
nav=bosake2eacnav
helse=bosake2eachelse
sup=bosake2eacsup
setgid_install $adm
for u in $nav $helse $sup; do sg_user $u; done
A="sg_as $adm $SB"
$A admin unit add NAV "NAV Øst" --kind nav >/dev/null || fail "unit NAV"
$A admin unit add HELSE "Pleie og omsorg" --kind health >/dev/null || fail "unit HELSE"
$A admin user add $nav "Åse Ødegård" && $A admin user grant $nav NAV caseworker || fail "user nav"
$A admin user add $helse "Helga Helse" && $A admin user grant $helse HELSE caseworker || fail "user helse"
$A admin user add $sup "Sunniva Leder" && $A admin user grant $sup NAV supervisor || fail "user sup"
$A admin user grant $adm NAV desk || fail "grant desk"
nid=$($BOSAK_TEST_NID 1985-06-15)
printf 'fodselsnummer;fornavn;etternavn;mottatt;situasjon;enhet;samtykke\n%s;Øystein;Ærlighetsen;01.11.2026;gata;NAV;NAV\n' \
	"$nid" >"$prefix/out/in.csv"
chmod 644 "$prefix/out/in.csv"
$A import applicants "$prefix/out/in.csv" >/dev/null || fail "import"
number=$(sqlite3 "$db" "SELECT number FROM case_file")
[ -n "$number" ] || fail "no case was imported"
denied() {
	sqlite3 -cmd ".timeout 5000" "$db" "SELECT count(*) FROM access_log a JOIN staff s ON s.id = a.staff_id WHERE s.login = '$helse' AND a.reason = 'denied'"
}

# the file: not through the sqlite3 tool, not at all
sg_as $helse sqlite3 "$db" "SELECT * FROM person" >/dev/null 2>&1 && fail "sqlite3 as $helse read the database"
sg_as $helse sqlite3 "file:$db?mode=ro" "SELECT 1" >/dev/null 2>&1 && fail "sqlite3 read-only as $helse"

# commands: export has none of it, and asking for NAV's is refused
out=$(sg_as $helse "$SB" export cases 2>&1)
echo "$out" | grep -q "Ærlighetsen\|$number" && fail "export shows NAV's case: $out"
before=$(denied)
sg_as $helse "$SB" export cases --unit NAV >/dev/null 2>&1 && fail "export --unit NAV as $helse"
[ "$(denied)" -gt "$before" ] || fail "the refused export is not in the access log"
for cmd in "backup $prefix/out/x.db" "admin purge --before 01.01.2026 --dry-run" \
	"glass"; do
	sg_as $helse "$SB" $cmd >/dev/null 2>&1 && fail "'$cmd' as $helse"
done
# who works where: refused like the other admin commands (77), naming nobody
sg_as $helse "$SB" admin user list >"$prefix/out/users" 2>&1
rc=$?
[ $rc = 77 ] || fail "admin user list as $helse: exit $rc: $(cat "$prefix/out/users")"
grep -q "Bare en administrator eller en leder" "$prefix/out/users" ||
	fail "admin user list: no clear refusal: $(cat "$prefix/out/users")"
grep -q "Ødegård\|Helse\|$adm" "$prefix/out/users" &&
	fail "the refusal names someone: $(cat "$prefix/out/users")"

# screens: no queue lists it, no search finds it
start_as $helse "$SB" || fail "start as $helse"
wait_for "Hjem" || fail "no home screen for $helse: $(screen)"
screen | grep -q "Ærlighetsen" && fail "the home screen shows NAV's case"
keys Enter
sleep 0.5
screen | grep -q "Ærlighetsen" && fail "a queue lists NAV's case: $(screen)"
keys Escape
keys /
type_text "ærlig"
wait_for "Søk: ærlig" || fail "no search: $(screen)"
sleep 0.5
screen | grep -q "Ærlighetsen" && fail "search by name finds it: $(screen)"
before=$(denied)
for q in "$number" "$nid"; do
	keys C-u && type_text "$q"
	wait_for "Søk: $q" || fail "the search did not take $q: $(screen)"
	sleep 0.5
	screen | grep -q "Ærlighetsen" && fail "search by $q finds it: $(screen)"
done
[ "$(denied)" -ge $((before + 2)) ] || fail "the refused searches are not logged: $(denied) after $before"

# break the glass: not without a reason ...
keys C-u && type_text "$number"
keys C-o
wait_for "$number" || fail "no prompt for the case number: $(screen)"
keys Enter
sleep 0.3
keys Escape
sleep 0.3
screen | grep -q "Ærlighetsen" && fail "opened without a reason: $(screen)"
# ... with one: opened, logged, and NAV's supervisor sees it
keys C-o
sleep 0.3
keys Enter
sleep 0.3
type_text "Pasient innlagt, trenger boligstatus"
keys Enter
wait_for "Ærlighetsen, Øystein" || fail "breaking the glass did not open the case: $(screen)"
stop_tmux
n=$(sqlite3 -cmd ".timeout 5000" "$db" "SELECT count(*) FROM access_log WHERE reason = 'break_glass' AND detail = 'Pasient innlagt, trenger boligstatus'")
[ "$n" = 1 ] || fail "the reason is not logged: $n"
out=$(sg_as $sup "$SB" glass 2>&1) || fail "glass as the supervisor: $out"
echo "$out" | grep -q "$helse" || fail "the supervisor is not shown the opening: $out"
echo "$out" | grep -q "Pasient innlagt" || fail "the supervisor is not shown the reason: $out"
id=$(echo "$out" | awk 'NR == 1 { print $1 }')
[ -n "$id" ] || fail "no opening id: $out"
# ... and on the home screen, where it is reviewed
start_as $sup "$SB" || fail "start as $sup"
wait_for "bryte glasset, til gjennomgang" || fail "not on the supervisor's home screen: $(screen)"
screen | grep "bryte glasset, til gjennomgang" | grep -q " 1 *$" || fail "not counted: $(screen)"
keys End Enter
wait_for "Pasient innlagt, trenger boligstatus" || fail "the glass list: $(screen)"
keys m
wait_for "Merket som gjennomgått" || fail "not marked reviewed: $(screen)"
stop_tmux
out=$(sg_as $sup "$SB" glass 2>&1)
echo "$out" | grep -q "$helse" && fail "still pending after review: $out"
sg_as $sup "$SB" glass reviewed "$id" >/dev/null 2>&1 && fail "reviewed twice"
sg_as $sup "$SB" glass --all | grep -q "Sunniva Leder" || fail "the review is not shown"

# NAV's own caseworker does see it (the separation is by unit, not a
# broken setup)
start_as $nav "$SB" || fail "start as $nav"
wait_for "Hjem" || fail "no home screen for $nav: $(screen)"
keys / && type_text "ærlig"
wait_for "Ærlighetsen, Øystein" || fail "$nav cannot find the case: $(screen)"
pass
