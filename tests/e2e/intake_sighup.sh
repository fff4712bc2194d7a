#!/bin/sh
# A dropped connection (SIGHUP) in the middle of the form loses nothing:
# closing the terminal hangs bosak up, and a restart lists the draft on the
# home screen and continues it where it stopped.
set -u
. "$(dirname "$0")/tmux.lib"
. "$(dirname "$0")/intake.lib"
name=intake_sighup
setup
start "$B" || fail "start"
wait_for "Ny søknad" || fail "no home screen: $(screen)"
nid=$(nid 1979-12-24)
type_applicant "$nid"
field ""
type_text "Kirkeg"
sleep 0.2
pid=$(T display-message -p -t e2e '#{pane_pid}')
# the pane's shell runs bosak; hang up the whole terminal as sshd would
stop_tmux
i=0
while kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
start "$B" || fail "restart"
wait_for "Åse Marie Ødegård" || fail "the draft is not on the home screen: $(screen)"
keys End Enter
wait_for "Utkastet er åpnet" || fail "the draft does not open: $(screen)"
for t in "$nid" "Åse Marie" "Ødegård" "24.12.1979" "Kirkeg"; do
	screen | grep -qF "$t" || fail "the draft lost '$t': $(screen)"
done
type_text "ata 2"
wait_for "Kirkegata 2" || fail "not continued in the same field: $(screen)"
pass
