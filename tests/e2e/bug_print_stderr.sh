#!/bin/sh
# Bug: a print command that fails wrote its own words ("sh: 1: lpr: not
# found") over the screen.  Its output must not reach the terminal; the
# user reads one clean sentence on the message line instead.
set -u
. "$(dirname "$0")/tmux.lib"
. "$(dirname "$0")/intake.lib"
name=bug_print_stderr
setup
printf '[interface]\nprint_command = bosak-e2e-no-such-printer\n' >>"$conf"
start "$B" || fail "start"
wait_for "Ny søknad" || fail "no home screen: $(screen)"
type_applicant "$(nid 1990-02-01 300)"
keys C-w
wait_for "er registrert" 10 || fail "not registered: $(screen)"
keys r
wait_for "Filnavn" || fail "no file name question: $(screen)"
keys C-u Enter                   # empty: the print command
wait_for "Fant ikke utskriftskommandoen" || fail "no clean error: $(screen)"
sleep 0.3
screen | grep -q "not found" && fail "the command's stderr reached the screen: $(screen)"
screen | head -1 | grep -q "Testkommune" || fail "the title line was overwritten: $(screen)"
pass
