#!/bin/sh
# An invalid ID number is refused when leaving the field: the reason is
# shown and the typed text is kept, marked, for the desk to correct.
set -u
. "$(dirname "$0")/tmux.lib"
. "$(dirname "$0")/intake.lib"
name=intake_invalid_nid
setup
start "$B" || fail "start"
wait_for "Ny søknad" || fail "no home screen: $(screen)"
keys n
wait_for "Fødselsnummer" || fail "no intake form: $(screen)"
field "12345678901"
wait_for "kontrollsiffer" || fail "no reason shown: $(screen)"
screen | grep -q "! 12345678901" || fail "the text is not kept and marked: $(screen)"
# correcting it clears the mark
keys BTab C-u
type_text "$(nid 1990-02-01)"
keys Tab
sleep 0.3
screen | grep -q "kontrollsiffer" && fail "the reason stays after correcting: $(screen)"
screen | grep -q "01.02.1990" || fail "the birth date is not taken from the number: $(screen)"
pass
