#!/bin/sh
# Installed setgid bosak (issue 7): `bosak admin setup` makes the group,
# the data directory 2770 root:bosak and the database 0660 root:bosak;
# SQLite's -wal and -shm get the database's mode; a caseworker cannot
# read the file with the sqlite3 tool; -c and --db are for administrators
# only (and then read with the user's own rights); the environment does
# not reach the program; files written for the user (backup, print
# command) have the user's rights, never the group's.
set -u
. "$(dirname "$0")/tmux.lib"
. "$(dirname "$0")/setgid.lib"
name=setgid
sg_need_root
adm=bosake2esgadm
cw=bosake2esgcw
setgid_install $adm
sg_user $cw

# 1. what setup made
[ "$(mode_of "$datadir")" = "2770 root bosak" ] || fail "data directory: $(mode_of "$datadir")"
[ "$(mode_of "$db")" = "660 root bosak" ] || fail "database: $(mode_of "$db")"
[ "$(mode_of "$SB")" = "2755 root bosak" ] || fail "binary: $(mode_of "$SB")"
grep -q "$adm" "$prefix/setup.out" || fail "setup did not name the administrator: $(cat "$prefix/setup.out")"
# running it again changes nothing and says so
"$SB" admin setup $adm >"$prefix/setup2.out" 2>&1 || fail "setup again: $(cat "$prefix/setup2.out")"
grep -q "bosak admin user add" "$prefix/setup2.out" || fail "second setup: $(cat "$prefix/setup2.out")"
# only root sets up
sg_as $cw "$SB" admin setup $cw >/dev/null 2>&1 && fail "a user ran admin setup"

# `make install` (into a staging DESTDIR) installs it setgid bosak too
case "$BOSAK" in
*/build/san/*) ;;
*)	make -s install DESTDIR="$prefix/dest" >"$prefix/install.out" 2>&1 ||
		fail "make install: $(tail -3 "$prefix/install.out")"
	m=$(mode_of "$(find "$prefix/dest" -path '*/bin/bosak')")
	[ "$m" = "2755 root bosak" ] || fail "make install: the binary is $m" ;;
esac

# 2. the administrator works through the program
sg_as $adm "$SB" admin unit add NAV "NAV Øst" --kind nav || fail "unit add as $adm"
sg_as $adm "$SB" admin user add $cw "Åse Ødegård" || fail "user add"
sg_as $adm "$SB" admin user grant $cw NAV caseworker || fail "grant"
sg_as $adm "$SB" admin user grant $cw NAV desk || fail "grant desk"

# retention, through the command line: the administrator's only
today=$(date +%d.%m.%Y)
sg_as $adm "$SB" admin purge --before "$today" --dry-run >"$prefix/purge.out" 2>&1 ||
	fail "purge dry run: $(cat "$prefix/purge.out")"
grep -q "Ingenting ble endret" "$prefix/purge.out" || fail "dry run: $(cat "$prefix/purge.out")"
sg_as $adm "$SB" admin purge --before "$today" >"$prefix/purge.out" 2>&1 ||
	fail "purge: $(cat "$prefix/purge.out")"
[ "$(sqlite3 "$db" "SELECT count(*) FROM purge_run WHERE state = 'done'")" = 1 ] ||
	fail "the purge run is not kept"
sg_as $cw "$SB" admin purge --before "$today" --dry-run >/dev/null 2>&1 &&
	fail "a caseworker purged"

# 3. a caseworker's session holds the database open: -wal and -shm exist
#    and have the database's owner group and mode
start_as $cw "$SB" || fail "start as $cw"
wait_for "Mine saker" || fail "no home screen for $cw: $(screen)"
sg_as $adm "$SB" admin unit add HELSE "Pleie og omsorg" --kind health || fail "a write while open"
for f in "$db-wal" "$db-shm"; do
	[ -e "$f" ] || fail "$f does not exist while the program runs"
	m=$(stat -c '%a %G' "$f")
	[ "$m" = "660 bosak" ] || fail "$f: $m, not the database's 660 bosak"
done

# 4. the caseworker cannot read the file around the program
out=$(sg_as $cw sqlite3 "$db" "SELECT count(*) FROM access_log" 2>&1) &&
	fail "sqlite3 as $cw read the database: $out"
sg_as $cw cat "$db" >/dev/null 2>&1 && fail "$cw can read the file"
sg_as $cw ls "$datadir" >/dev/null 2>&1 && fail "$cw can list the data directory"

# 5. -c, --db and init are the administrator's
sg_as $cw "$SB" -c /tmp/nonexistent.ini admin unit list >"$prefix/c.out" 2>&1
[ $? = 77 ] || fail "-c as a caseworker: $(cat "$prefix/c.out")"
grep -q -- "-c" "$prefix/c.out" || fail "no reason for refusing -c: $(cat "$prefix/c.out")"
sg_as $cw "$SB" --db /tmp/other.db export cases >/dev/null 2>&1
[ $? = 77 ] || fail "--db as a caseworker was not refused"
sg_as $cw "$SB" init >/dev/null 2>&1 && fail "init as a caseworker"
#    an administrator's own database is theirs, with their own rights
mkdir -p "$prefix/home" && chown $adm "$prefix/home"
sg_as $adm "$SB" --db "$prefix/home/own.db" init >/dev/null || fail "--db init as admin"
m=$(stat -c '%U %G' "$prefix/home/own.db")
[ "$m" = "$adm $(id -gn $adm)" ] || fail "the admin's own database is $m, not the admin's"

# 6. the backup is the administrator's file, never the group's, and
#    cannot be put into the data directory
sg_as $adm "$SB" backup "$prefix/home/b.db" >/dev/null || fail "backup"
m=$(stat -c '%a %U %G' "$prefix/home/b.db")
[ "$m" = "600 $adm $(id -gn $adm)" ] || fail "backup file: $m"
sg_as $adm "$SB" backup "$datadir/copy.db" >/dev/null 2>&1 && fail "backup into the data directory"
[ -e "$datadir/copy.db" ] && fail "a file was made in the data directory"

# 7. the print command runs with the user's rights and a clean
#    environment: a receipt printed from the case view
stop_tmux
tmux_user=$cw
start "env SECRET_OF_USER=1 TMPDIR=/nonexistent SQLITE_TMPDIR=/nonexistent TERMINFO=/nonexistent $SB" ||
	fail "start with a hostile environment"
wait_for "Mine saker" || fail "no home screen with a hostile environment: $(screen)"
keys n
wait_for "Fødselsnummer" || fail "no intake form: $(screen)"
type_text "$($BOSAK_TEST_NID 1985-06-15)"; keys Tab
type_text "Kari"; keys Tab
type_text "Nordmann"; keys Tab
sleep 0.3
keys C-w
wait_for "er registrert" 10 || fail "not registered: $(screen)"
keys Enter
wait_for "Nordmann, Kari" || fail "the case does not open: $(screen)"
keys r
sleep 0.5
keys C-u Enter
i=0
while [ ! -s "$prefix/out/print.$cw" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
[ -s "$prefix/out/print.$cw" ] || fail "the print command did not run: $(screen)"
p="$prefix/out/print.$cw"
grep -q "^gid $(id -g $cw) " "$p" || fail "printed with another group: $(head -1 "$p")"
grep -q "groups.* $(getent group bosak | cut -d: -f3)\b" "$p" && fail "the print command has the group: $(head -1 "$p")"
grep -qx "PATH=/usr/bin:/bin" "$p" || fail "PATH not fixed: $(grep PATH "$p")"
grep -qx "0" "$p" || fail "the user's environment reached the print command"
grep -qx "DB-CLOSED" "$p" || fail "the print command could read the database"
grep -q "Nordmann" "$p" || fail "the receipt is not what was printed"
stop_tmux
pass
