#!/bin/sh
# End to end, as two real Unix users: a NAV caseworker completes a case's
# checklist and hands it over; a member of the allocation group sees it
# in the queue with its score, matches it to a vacant dwelling (imported
# with `bosak import dwellings`) and issues the decision, saving the
# letter; the caseworker then finds the decision among the new ones and
# in the case.  The letter file holds every part a decision must have,
# and not the ID number.  Needs root to create the users; skipped
# otherwise.
set -u
. "$(dirname "$0")/tmux.lib"
name=allocation
[ "$(id -u)" = 0 ] || skip "needs root to create Unix users"
command -v useradd >/dev/null || skip "no useradd on this machine"

nav=bosake2ealnav
tild=bosake2ealtild
for u in $nav $tild; do
	id "$u" >/dev/null 2>&1 || useradd -M -N -s /bin/sh "$u" || fail "useradd $u"
done
dir=$(mktemp -d /tmp/bosak-e2e-XXXXXX)
chmod 777 "$dir"
trap 'cleanup_tmux; rm -rf "$dir"' EXIT
conf="$dir/bosak.ini"
printf '[municipality]\nname = Testkommune\n[database]\npath = %s/t.db\n[letters]\ndir = %s/conf/letters\n[demo]\nallow_synthetic_ids = yes\n' \
	"$dir" "$PWD" >"$conf"
chmod 644 "$conf"
B="$BOSAK -c $conf"
$B init >/dev/null || fail "init"
$B admin unit add SK "Servicekontoret" --kind desk || fail "unit SK"
$B admin unit add NAV "NAV Øst" --kind nav || fail "unit NAV"
$B admin unit add TILD "Tildelingsgruppen" --kind allocation || fail "unit TILD"
$B admin user add $nav "Åse Ødegård" && $B admin user grant $nav NAV caseworker || fail "user nav"
$B admin user add $tild "Tore Tildeling" && $B admin user grant $tild TILD allocation || fail "user tild"
$B admin user grant "$(id -un)" SK desk || fail "grant desk"

nid=$($BOSAK_TEST_NID 1985-06-15)
today=$(date +%d.%m.%Y)
printf 'fodselsnummer;fornavn;etternavn;mottatt;situasjon;enhet;samtykke;adresse;postnummer;poststed\n%s;Øystein;Ærlighetsen;%s;gata;NAV;NAV TILD;Storgata 1;2317;Hamar\n' \
	"$nid" "$today" >"$dir/in.csv"
$B import applicants "$dir/in.csv" >/dev/null || fail "import applicants"
# the register: one line bad, so nothing is imported ...
printf 'adresse;omrade;rom;kvm;etasje;heis\nTorget 2, H0101;Sentrum;1;34;0;nei\nTorget 2, H0102;Sentrum;null;34;0;nei\n' >"$dir/dw.csv"
out=$($B import dwellings "$dir/dw.csv" 2>&1) && fail "a bad line was imported: $out"
echo "$out" | grep -q "dw.csv:3: rom må være et tall fra 1 til 20" || fail "the bad line is not named: $out"
# ... until it is put right
sed -i 's/;null;/;2;/' "$dir/dw.csv"
$B import dwellings "$dir/dw.csv" >/dev/null || fail "import dwellings"
chmod 666 "$dir"/t.db*

# the caseworker: the checklist first, then the handover
start_as $nav "$B" || fail "start as $nav"
wait_for "Mine saker" || fail "no home screen for $nav: $(screen)"
keys / && type_text "ærlig"
wait_for "Ærlighetsen, Øystein" || fail "the case is not found: $(screen)"
keys Enter
wait_for "o Overfør" || fail "no handover offered: $(screen)"
keys o
wait_for "Ikke ennå: mangler" || fail "the handover was not refused: $(screen)"
screen | grep -q "legitimasjon" || fail "the missing identity is not named: $(screen)"
keys c
wait_for "Sjekklisten for overføring" || fail "no checklist screen: $(screen)"
keys Space Down Space
wait_for "Komplett: saken kan overføres" || fail "the checklist is not complete: $(screen)"
keys Escape
keys G
wait_for "Sjekklisten er komplett" || fail "the case does not say it is complete: $(screen)"
keys o
wait_for "Sammendrag for tildelingsgruppen" || fail "no summary asked for: $(screen)"
type_text "Sover ute, trenger bolig straks."
keys Enter
wait_for "overført til tildelingsgruppen" || fail "not handed over: $(screen)"
stop_tmux

# the allocation group: the queue with the score, the meeting view, the
# decision and its letter
start_as $tild "$B" || fail "start as $tild"
wait_for "Tildelingskø" || fail "no allocation queue for $tild: $(screen)"
keys Enter
wait_for "$(date +%Y)-000001  Ærlighetsen" || fail "the case is not in the queue: $(screen)"
screen | grep -q "Prioritet 40 = bostedsløs 40" || fail "no score explained: $(screen)"
keys m
wait_for "Torget 2, H0101" || fail "no suitable dwelling shown: $(screen)"
keys b
wait_for "Konklusjon" || fail "no decision form: $(screen)"
type_text "Du får tildelt kommunal utleiebolig i Torget 2."
keys Tab Tab Tab
type_text "Søker er bostedsløs og kan ikke skaffe bolig selv."
keys C-w
wait_for "VEDTAK – TILDELING AV KOMMUNAL BOLIG" || fail "no letter to review: $(screen)"
keys C-w
wait_for "Fatte vedtaket" || fail "not asked to confirm: $(screen)"
keys j
wait_for "Filnavn" || fail "not asked where the letter goes: $(screen)"
keys C-u && type_text "$dir/vedtak.txt" && keys Enter
wait_for "Brevet er skrevet" || fail "the letter was not written: $(screen)"
stop_tmux

# the caseworker sees the decision at once
start_as $nav "$B" || fail "start as $nav again"
wait_for "Nye vedtak" || fail "no list of new decisions: $(screen)"
screen | grep -E -q "Nye vedtak +1" || fail "the decision is not among the new: $(screen)"
keys / && type_text "ærlig"
wait_for "Ærlighetsen, Øystein" || fail "the case is not found again: $(screen)"
keys Enter
wait_for "Husstand" || fail "the case does not open: $(screen)"
keys G
wait_for "Vedtak " || fail "the decision is not in the case: $(screen)"
screen | grep -q "tildelt bolig, Torget 2, H0101" || fail "the decision is not shown: $(screen)"
stop_tmux

# the letter holds every part, and not the ID number
letter="$dir/vedtak.txt"
[ -f "$letter" ] || fail "no letter file"
for part in "VEDTAK – TILDELING AV KOMMUNAL BOLIG" \
	"Du får tildelt kommunal utleiebolig i Torget 2." \
	"Regelverket vedtaket bygger på" "Vedtaket er gjort etter" \
	"Fakta i saken" "Vår vurdering" "Søker er bostedsløs" \
	"Dette får du" "Bolig:          Torget 2, H0101" "Størrelse:      1 rom, 34 m²" \
	"Etasje:         på bakkeplan" "Leiekontrakt:   36 måneder" \
	"tildelingen bort" "Du har rett til å klage" "Klagefristen er" \
	"Slik klager du" "Klagenemnda i kommunen" \
	"rett til å se dokumentene" "Øystein Ærlighetsen" "Storgata 1" \
	"2317 Hamar" "Tore Tildeling" "Kopi til: NAV Øst"; do
	grep -qF -- "$part" "$letter" || fail "the letter lacks '$part': $(cat "$letter")"
done
grep -q "$nid" "$letter" && fail "the ID number is in the letter"
pass
