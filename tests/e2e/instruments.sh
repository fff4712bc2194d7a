#!/bin/sh
# End to end, as a real Unix user at 80x24: a NAV caseworker opens a case,
# opens its housing instruments panel with one key (every instrument on
# one screen), moves the housing allowance along with the one key (to be
# applied for, then applied today at NAV), marks the start loan not
# relevant with a reason, and sends follow-up in the home to the health
# unit as a referral for a service in one step.  The journal holds one
# line per change and the referral is in the health unit's inbox.  Needs
# root to create the user; skipped otherwise.
set -u
. "$(dirname "$0")/tmux.lib"
name=instruments
[ "$(id -u)" = 0 ] || skip "needs root to create Unix users"
command -v useradd >/dev/null || skip "no useradd on this machine"

nav=bosake2einnav
id "$nav" >/dev/null 2>&1 || useradd -M -N -s /bin/sh "$nav" || fail "useradd $nav"
dir=$(mktemp -d /tmp/bosak-e2e-XXXXXX)
chmod 777 "$dir"
trap 'cleanup_tmux; rm -rf "$dir"' EXIT
conf="$dir/bosak.ini"
printf '[municipality]\nname = Testkommune\n[database]\npath = %s/t.db\n[letters]\ndir = %s/conf/letters\n[demo]\nallow_synthetic_ids = yes\n[instruments]\nfollow_up = HELSE\nrequired = yes\n' \
	"$dir" "$PWD" >"$conf"
chmod 644 "$conf"
B="$BOSAK -c $conf"
$B init >/dev/null || fail "init"
$B admin unit add SK "Servicekontoret" --kind desk || fail "unit SK"
$B admin unit add NAV "NAV Øst" --kind nav || fail "unit NAV"
$B admin unit add HELSE "Pleie og omsorg" --kind health || fail "unit HELSE"
$B admin user add $nav "Åse Ødegård" && $B admin user grant $nav NAV caseworker || fail "user nav"
$B admin user grant "$(id -un)" SK desk || fail "grant desk"

nid=$($BOSAK_TEST_NID 1985-06-15)
today=$(date +%d.%m.%Y)
printf 'fodselsnummer;fornavn;etternavn;mottatt;situasjon;enhet;samtykke;adresse;postnummer;poststed\n%s;Øystein;Ærlighetsen;%s;gata;NAV;NAV HELSE;Storgata 1;2317;Hamar\n' \
	"$nid" "$today" >"$dir/in.csv"
$B import applicants "$dir/in.csv" >/dev/null || fail "import applicants"
chmod 666 "$dir"/t.db*

start_as $nav "$B" || fail "start as $nav"
wait_for "Mine saker" || fail "no home screen for $nav: $(screen)"
keys / && type_text "ærlig"
wait_for "Ærlighetsen, Øystein" || fail "the case is not found: $(screen)"
keys Enter
wait_for "Husstand" || fail "the case does not open: $(screen)"
keys I
wait_for "Boligsosiale virkemidler, sak" || fail "no panel: $(screen)"
# every instrument offered on one screen of 80x24, none considered yet
for label in "Bostøtte" "Startlån" "Tilskudd til etablering" \
	"Tilskudd til tilpasning" "Depositumsgaranti eller -lån" \
	"Økonomisk rådgivning og gjeldsrådgivning" "Booppfølging" \
	"Kommunal utleiebolig" "Hjelp til bolig på det private markedet"; do
	screen | grep -q "$label" || fail "$label is not on the panel: $(screen)"
done
screen | grep -q "Kommunal bostøtte" && fail "an instrument not offered is shown: $(screen)"
[ "$(screen | grep -c "ikke vurdert ennå")" -ge 9 ] || fail "not every instrument starts unconsidered: $(screen)"

# the one key: to be applied for, then applied today at NAV
keys Space
wait_for "Bostøtte: skal søkes" || fail "the key did not move it along: $(screen)"
keys Space
wait_for "Bostøtte: søkt" || fail "not applied: $(screen)"
screen | grep "Bostøtte" | grep -q "$today *NAV" || fail "no day and unit: $(screen)"

# the start loan is not relevant, with the reason
keys Down x
wait_for "Startlån er ikke aktuelt fordi:" || fail "no reason asked: $(screen)"
type_text "Har ikke betjeningsevne nå."
keys Enter
wait_for "Startlån: ikke aktuelt" || fail "not marked not relevant: $(screen)"
wait_for "Begrunnelse: Har ikke betjeningsevne nå." || fail "the reason is not shown: $(screen)"

# follow-up in the home is the health unit's: one key sends it there
keys Down Down Down Down Down
wait_for "Booppfølging behandles av Pleie og omsorg (HELSE)" || fail "not on follow-up: $(screen)"
keys h
wait_for "Booppfølging er sendt til Pleie og omsorg som henvisning" || fail "not sent: $(screen)"
screen | grep "Booppfølging" | grep -q "søkt.*HELSE" || fail "not applied at HELSE: $(screen)"
keys q
wait_for "Husstand" || fail "not back on the case: $(screen)"
stop_tmux

n=$(sqlite3 -cmd ".timeout 5000" "$dir/t.db" "SELECT count(*) FROM journal WHERE kind = 'instrument'")
[ "$n" = 4 ] || fail "the journal has $n instrument lines, not 4"
n=$(sqlite3 -cmd ".timeout 5000" "$dir/t.db" "SELECT count(*) FROM referral r JOIN unit u ON u.id = r.to_unit_id WHERE u.code = 'HELSE' AND r.kind = 'service'")
[ "$n" = 1 ] || fail "no referral to HELSE ($n)"
st=$(sqlite3 -cmd ".timeout 5000" "$dir/t.db" "SELECT group_concat(code || '=' || state, ' ') FROM (SELECT code, state FROM case_instrument ORDER BY code)")
[ "$st" = "follow_up=applied housing_allowance=applied start_loan=not_relevant" ] || fail "stored states: $st"
pass
