#!/bin/sh
# SIGTERM (the system shutting down) and SIGINT (Ctrl-C) in the middle of
# the intake form keep what was typed as a draft and give the terminal
# back as it was: the normal screen, the cursor shown, the line settings
# restored (the shell reads a line again).  A crash (SIGSEGV) gives the
# terminal back too.  SIGHUP has its own test (intake_sighup.sh).
set -u
. "$(dirname "$0")/tmux.lib"
. "$(dirname "$0")/intake.lib"
name=intake_signals
setup

# the program in a shell that stays, so the terminal can be looked at
# after bosak is gone
start_shell() {
	sleep 0.3
	T -f /dev/null new-session -d -s e2e -x 80 -y 24 "env LANG=C.UTF-8 LANGUAGE= PS1='$ ' sh"
	sleep 0.2
	type_text "$B; echo EXIT=\$?"
	keys Enter
}
bosak_pid() {
	pgrep -P "$(T display-message -p -t e2e '#{pane_pid}')" | head -1
}
terminal_back() {
	[ "$(T display-message -p -t e2e '#{alternate_on}')" = 0 ] ||
		fail "$1: still on the alternate screen: $(screen)"
	[ "$(T display-message -p -t e2e '#{cursor_flag}')" = 1 ] ||
		fail "$1: the cursor is hidden"
	# cooked mode again: a typed line reaches the shell with its echo
	type_text "echo LINE-OK"
	keys Enter
	wait_for "LINE-OK" || fail "$1: the terminal is not in line mode: $(screen)"
}
draft_kept() {
	# a new server on the same socket right after kill-server can lose
	# the race with the old one's exit: give it a moment, and a retry
	sleep 0.3
	start "$B" || { sleep 1; start "$B"; } || fail "$1: restart"
	wait_for "Åse Marie Ødegård" ||
		fail "$1: the draft is not on the home screen: $(screen)"
	stop_tmux
}

for sig in TERM INT; do
	start_shell
	wait_for "Ny søknad" || fail "$sig: no home screen: $(screen)"
	type_applicant "$(nid 1979-12-24)"
	field ""
	type_text "Kirkeg"
	sleep 0.2
	if [ $sig = INT ]; then
		keys C-c
	else
		pid=$(bosak_pid)
		[ -n "$pid" ] || fail "no bosak process"
		kill -TERM "$pid"
	fi
	# (the typed command line has "EXIT=$?": wait for a number)
	wait_for "EXIT=1" 5 || fail "$sig: bosak did not end: $(screen)"
	case $sig in TERM) code=143 ;; INT) code=130 ;; esac
	screen | grep -q "EXIT=$code" ||
		fail "$sig: exit status: $(screen | grep EXIT=)"
	screen | grep -q "utkast" || fail "$sig: no word of the draft: $(screen)"
	terminal_back $sig
	stop_tmux
	draft_kept $sig
	# the next round starts from a fresh form: drop this draft
	rm -f "$dir"/t.db*
	$B init >/dev/null || fail "init again"
	$B admin unit add SK "Servicekontoret" --kind desk >/dev/null
	$B admin unit add NAV "NAV Øst" --kind nav >/dev/null
	$B admin user grant "$me" NAV desk
	$B admin user grant "$me" NAV caseworker
done

# a crash: no draft can be written from a signal handler, but the
# terminal is given back
start_shell
wait_for "Ny søknad" || fail "SEGV: no home screen: $(screen)"
keys n
wait_for "Fødselsnummer" || fail "SEGV: no form: $(screen)"
kill -SEGV "$(bosak_pid)"
wait_for "EXIT=1" 5 || fail "SEGV: bosak did not end: $(screen)"
terminal_back SEGV
pass
