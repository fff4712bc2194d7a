#!/bin/sh
# End to end (issue 6): a supervisor (the user running the test, made
# supervisor of NAV and nothing else) opens the overview from the home
# screen, opens the overdue referrals, opens one case, and sees the read
# in the case's access log as a supervisor's.  The figures on the screen
# agree with `bosak report deadlines`.
set -u
. "$(dirname "$0")/tmux.lib"
name=supervisor
command -v sqlite3 >/dev/null || skip "no sqlite3"
me=$(id -un)
dir=$(mktemp -d /tmp/bosak-e2e-XXXXXX)
trap 'cleanup_tmux; rm -rf "$dir"' EXIT
conf="$dir/bosak.ini"
printf '[municipality]\nname = Testkommune\n[database]\npath = %s/t.db\n[letters]\ndir = %s/conf/letters\n[demo]\nallow_synthetic_ids = yes\n' \
	"$dir" "$PWD" >"$conf"
B="$BOSAK -c $conf"
$B demo --persons 400 --seed 3 --quiet >/dev/null || fail "demo"
$B demo --register-me >/dev/null || fail "register-me"
# a supervisor only: the case is read as a supervisor's
$B admin user revoke "$me" NAV caseworker >/dev/null || fail "revoke caseworker"
$B admin user revoke "$me" SK desk >/dev/null || fail "revoke desk"
$B admin user revoke "$me" TILD allocation >/dev/null || fail "revoke allocation"
db="$dir/t.db"
nav=$(sqlite3 "$db" "SELECT id FROM unit WHERE code = 'NAV'")
today=$(date -u +%F)
overdue=$(sqlite3 "$db" "SELECT coalesce(sum(n), 0) FROM ov_deadline WHERE unit_id = $nav AND kind = 'referral' AND due < '$today'")
[ "$overdue" -gt 0 ] || skip "the demo data has no overdue referral in NAV"
# the report counts the same overdue referrals (the answers NAV owes
# other units are a kind of their own)
inreport=$($B report deadlines --format csv | grep -c ';svar på henvisning;')
[ "$inreport" = "$overdue" ] || fail "report lists $inreport overdue referrals, the counts say $overdue"
# rows before "referral answer" under the overdue deadlines: each status
# with cases, "open cases", then the interim reply and decision promised
statuses=$(sqlite3 "$db" "SELECT count(*) FROM (SELECT status FROM ov_case WHERE unit_id = $nav GROUP BY status HAVING sum(n) > 0)")
downs=$((statuses + 3))

start "$B" || fail "start"
wait_for "Oversikt: køer, frister, ventetider" || fail "no overview on the home screen: $(screen)"
# the overview is the line above the glass openings, the last line
keys End Up Enter
wait_for "Passerte frister" || fail "the overview does not open: $(screen)"
i=0
while [ $i -lt $downs ]; do keys Down; i=$((i + 1)); done
keys Enter
wait_for "Fristen er passert: svar på henvisning" 5 || fail "the overdue referrals do not open: $(screen)"
screen | grep -qE '[0-9]{4}-[0-9]{6}' || fail "no case in the list: $(screen)"
keys Enter
wait_for "Husstand" || fail "the case does not open: $(screen)"
reads=$(sqlite3 "$db" "SELECT count(*) FROM access_log a JOIN staff s ON s.id = a.staff_id WHERE s.login = '$me' AND a.reason = 'supervisor'")
[ "$reads" -ge 1 ] || fail "the read is not logged as a supervisor's"
keys q
wait_for "Fristen er passert" || fail "back to the list: $(screen)"
keys w
wait_for "Hvem har sett saken" || fail "no access log: $(screen)"
# the reason in the reader's language (access_render): "leder: åpnet saken"
screen | grep -q "leder: åpnet saken" || fail "the access log does not show the read: $(screen)"
keys W
wait_for "Hvem har sett personen" || fail "no access log for the person: $(screen)"
keys q
wait_for "Fristen er passert" || fail "back to the list again: $(screen)"
# the same log from the case view
keys Enter
wait_for "Husstand" || fail "the case does not open again: $(screen)"
keys w
wait_for "Hvem har sett saken" || fail "no access log from the case view: $(screen)"
pass
