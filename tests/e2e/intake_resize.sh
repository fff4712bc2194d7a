#!/bin/sh
# A resize from 120x40 to 80x24 in the middle of the form loses nothing:
# every field typed is still there, typing goes on in the same field,
# and the application registers.
set -u
. "$(dirname "$0")/tmux.lib"
. "$(dirname "$0")/intake.lib"
name=intake_resize
setup
start "$B" 120 40 || fail "start"
wait_for "Ny søknad" || fail "no home screen: $(screen)"
nid=$(nid 1985-03-15)
type_applicant "$nid"
field ""
type_text "Storg"
sleep 0.2
T resize-window -t e2e -x 80 -y 24 || fail "resize-window"
sleep 0.5
[ "$(screen | wc -l)" -le 24 ] || fail "the window did not shrink"
for t in "$nid" "Åse Marie" "Ødegård" "15.03.1985" "Storg"; do
	screen | grep -qF "$t" || fail "lost '$t' in the resize: $(screen)"
done
type_text "ata 1"
wait_for "Storgata 1" || fail "typing did not go on in the field: $(screen)"
# smaller than 80x24: a clear message; larger again: the form is back
T resize-window -t e2e -x 60 -y 20
wait_for "bosak trenger minst 80×24" || fail "no message when too small: $(screen)"
T resize-window -t e2e -x 80 -y 24
wait_for "Storgata 1" || fail "the form did not come back: $(screen)"
keys C-w
wait_for "er registrert" 10 || fail "not registered: $(screen)"
pass
