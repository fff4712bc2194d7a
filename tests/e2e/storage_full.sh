#!/bin/sh
# A real full disk and a real read-only file system (issue 7): the
# database on a small tmpfs.  The disk fills while a note is being
# written: the note is refused with a clear sentence and stays typed in
# the prompt; with room again the same Enter saves it.  Remounted
# read-only, bosak says so at start.  The file passes integrity_check.
# Needs root and mount(8) (CI runs as root); skipped otherwise.
# tests/test_storage.c does the same with injected errors everywhere.
set -u
. "$(dirname "$0")/tmux.lib"
. "$(dirname "$0")/intake.lib"
name=storage_full
[ "$(id -u)" = 0 ] || skip "needs root to mount a small file system"
dir=$(mktemp -d /tmp/bosak-e2e-XXXXXX)
mnt="$dir/mnt"
mkdir -p "$mnt"
mount -t tmpfs -o size=3m tmpfs "$mnt" 2>/dev/null || { rm -rf "$dir"; skip "mount is not permitted here"; }
trap 'cleanup_tmux; umount "$mnt" 2>/dev/null; rm -rf "$dir"' EXIT
conf="$dir/bosak.ini"
printf '[municipality]\nname = Testkommune\n[database]\npath = %s/t.db\n[letters]\ndir = %s/conf/letters\n[demo]\nallow_synthetic_ids = yes\n' \
	"$mnt" "$PWD" >"$conf"
B="$BOSAK -c $conf"
me=$(id -un)
$B init >/dev/null || fail "init"
$B admin unit add NAV "NAV Øst" --kind nav >/dev/null || fail "unit"
$B admin user grant "$me" NAV desk && $B admin user grant "$me" NAV caseworker || fail "grant"
printf 'fodselsnummer;fornavn;etternavn;mottatt;situasjon;enhet;samtykke\n%s;Fylt;Disksen;01.11.2026;gata;NAV;NAV\n' \
	"$(nid 1985-06-15)" >"$dir/in.csv"
$B import applicants "$dir/in.csv" >/dev/null || fail "import"

start "$B" || fail "start"
wait_for "Hjem" || fail "no home screen: $(screen)"
keys / && type_text "disksen"
wait_for "Disksen, Fylt" || fail "not found: $(screen)"
keys Enter
wait_for "Husstand" || fail "the case does not open: $(screen)"
# the disk fills up
dd if=/dev/zero of="$mnt/filler" bs=16k >/dev/null 2>&1
keys a
type_text "Ringte utleier om nøkkel"
keys Enter
wait_for "Disken er full" || fail "no word of the full disk: $(screen)"
screen | grep -q "Ringte utleier om nøkkel" || fail "the typed note is gone: $(screen)"
# room again: the same Enter saves what was typed
rm -f "$mnt/filler"
keys Enter
wait_for "Notatet er skrevet i journalen" || fail "not saved with room again: $(screen)"
stop_tmux
sleep 0.3
ok=$(sqlite3 "$mnt/t.db" "PRAGMA integrity_check")
[ "$ok" = ok ] || fail "integrity_check: $ok"
n=$(sqlite3 "$mnt/t.db" "SELECT count(*) FROM journal WHERE text = 'Ringte utleier om nøkkel'")
[ "$n" = 1 ] || fail "the note is there $n times"

# read-only: a clear sentence at start, nothing else happens
mount -o remount,ro "$mnt" || fail "remount read-only"
out=$($B export cases 2>&1) && fail "ran on a read-only file system: $out"
echo "$out" | grep -q "skrive" || fail "no word of read-only: $out"
mount -o remount,rw "$mnt"
ok=$(sqlite3 "$mnt/t.db" "PRAGMA integrity_check")
[ "$ok" = ok ] || fail "integrity_check after read-only: $ok"
pass
