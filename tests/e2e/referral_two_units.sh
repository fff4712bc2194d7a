#!/bin/sh
# End to end, as three real Unix users of three units: a NAV caseworker
# refers a case to the property unit (recording the person's consent to
# it when the program offers that) and starts an individual plan; the
# property caseworker finds the referral in the unit's inbox, declines it
# without a reason (refused), then accepts it; the NAV caseworker sees
# the acceptance on the case.  A caseworker of an unrelated unit (HELSE)
# can neither find the case nor open its plan, and the access log holds
# nothing of theirs but refusals.  Needs root to create the users (CI
# runs as root); skipped otherwise.
set -u
. "$(dirname "$0")/tmux.lib"
name=referral_two_units
[ "$(id -u)" = 0 ] || skip "needs root to create Unix users"
command -v useradd >/dev/null || skip "no useradd on this machine"

nav=bosakrefnav
eie=bosakrefeie
helse=bosakrefhelse
for u in $nav $eie $helse; do
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
$B admin unit add EIE "Eiendom" --kind property || fail "unit EIE"
$B admin unit add HELSE "Pleie og omsorg" --kind health || fail "unit HELSE"
$B admin user add $nav "Åse Ødegård" && $B admin user grant $nav NAV caseworker || fail "user nav"
$B admin user add $eie "Eirik Eie" && $B admin user grant $eie EIE caseworker || fail "user eie"
$B admin user add $helse "Helga Helse" && $B admin user grant $helse HELSE caseworker || fail "user helse"
$B admin user grant root NAV desk || fail "grant root desk"
# consent to NAV only: sharing with EIE needs the consent first
cat >"$dir/in.csv" <<'CSV'
fodselsnummer;fornavn;etternavn;mottatt;situasjon;enhet;samtykke
15868512345;Øystein;Ærlighetsen;01.11.2026;gata;NAV;NAV
CSV
nid=$($BOSAK_TEST_NID 1985-06-15)
sed -i "s/15868512345/$nid/" "$dir/in.csv"
$B import applicants "$dir/in.csv" >/dev/null || fail "import"
chmod 666 "$dir"/t.db*
chmod 777 "$dir"

# press KEY until the screen shows TEXT (at most N times)
until_shows() {
	i=0
	while ! screen | grep -qF -- "$1"; do
		[ $i -lt "${3:-20}" ] || return 1
		keys "$2"
		sleep 0.1
		i=$((i + 1))
	done
}

# NAV: open the case, refer it to EIE, record the consent when offered
start_as $nav "$B" || fail "start as $nav"
wait_for "Mine saker" || fail "no home screen for $nav: $(screen)"
keys / && type_text "ærlig"
wait_for "Ærlighetsen, Øystein" || fail "NAV cannot find the case: $(screen)"
keys Enter
wait_for "Husstand" || fail "the case does not open: $(screen)"
keys h
wait_for "Henvisning av sak" || fail "no referral form: $(screen)"
until_shows "< Eiendom >" Right 10 || fail "EIE is not offered: $(screen)"
keys Tab Tab
type_text "Vurdering av egnet kommunal bolig."
keys Tab
type_text "Trenger bolig på bakkeplan."
keys C-w
wait_for "Registrere samtykke til Eiendom nå?" || fail "no consent offer: $(screen)"
screen | grep -q "har ikke samtykket" || fail "the missing consent is not said: $(screen)"
keys j
wait_for "Henvisningen til Eiendom er sendt" || fail "not sent: $(screen)"
# and a plan for the person, to show that HELSE cannot open it
keys p
wait_for "Ingen plan ennå. Starte en?" || fail "no offer of a plan: $(screen)"
keys j
wait_for "Individuell plan · Ærlighetsen, Øystein" || fail "no plan: $(screen)"
stop_tmux

# EIE: the inbox, a decline without a reason (refused), then accept
start_as $eie "$B" || fail "start as $eie"
wait_for "Henvisninger til min enhet" || fail "no inbox for $eie: $(screen)"
keys Down Down Enter
wait_for "Ærlighetsen" || fail "the inbox does not list it: $(screen)"
screen | grep -q "venter på svar" || fail "not waiting for an answer: $(screen)"
keys Enter
wait_for "Henvisning til Eiendom" || fail "the referral does not open: $(screen)"
keys d
wait_for "Hvorfor avslås henvisningen?" || fail "no reasons to choose: $(screen)"
keys Enter
wait_for "Begrunn avslaget:" || fail "no question for the text: $(screen)"
keys Enter
wait_for "Et avslag må begrunnes" || fail "a decline without a reason went through: $(screen)"
screen | grep -q "venter på svar" || fail "the refused decline changed it: $(screen)"
keys a
wait_for "Hvem tar henvisningen?" || fail "no choice of caseworker: $(screen)"
keys Enter
wait_for "Henvisningen er godtatt; Eirik Eie tar den." || fail "not accepted: $(screen)"
stop_tmux

# NAV: the acceptance is on the case
start_as $nav "$B" || fail "start as $nav again"
wait_for "Mine saker" || fail "no home screen for $nav: $(screen)"
keys / && type_text "ærlig"
wait_for "Ærlighetsen, Øystein" || fail "NAV lost the case: $(screen)"
keys Enter
wait_for "Husstand" || fail "the case does not open again: $(screen)"
until_shows "Godtatt av Eirik Eie" Down 40 || fail "NAV does not see the acceptance: $(screen)"
stop_tmux

# HELSE: finds nothing by name or number, has no plan to open
start_as $helse "$B" || fail "start as $helse"
wait_for "Hjem" || fail "no home screen for $helse: $(screen)"
screen | grep -q "Planer jeg koordinerer" && fail "HELSE is offered plans: $(screen)"
keys / && type_text "ærlig"
wait_for "Søk: ærlig" || fail "the search did not take the text: $(screen)"
sleep 0.5
screen | grep -q "Ærlighetsen" && fail "HELSE finds the case: $(screen)"
number="$(date +%Y)-000001"
keys C-u && type_text "$number"
wait_for "Søk: $number" || fail "the search did not take the number: $(screen)"
sleep 0.5
screen | grep -q "Ærlighetsen" && fail "HELSE finds the case by number: $(screen)"
stop_tmux

log=$(sqlite3 -cmd ".timeout 5000" "$dir/t.db" "SELECT s.login || ':' || a.reason || ':' || a.detail FROM access_log a JOIN staff s ON s.id = a.staff_id")
echo "$log" | grep -q "^$eie:referral:referral" || fail "the EIE read is not logged: $log"
echo "$log" | grep -q "^$nav:own:plan" || fail "the plan read is not logged: $log"
echo "$log" | grep "^$helse:" | grep -qv ":denied:" && fail "HELSE read something: $log"
state=$(sqlite3 -cmd ".timeout 5000" "$dir/t.db" "SELECT status || ':' || (SELECT count(*) FROM deadline WHERE kind = 'referral' AND done_at IS NULL) FROM referral")
[ "$state" = "accepted:0" ] || fail "the referral is $state in the database"
pass
