#!/bin/sh
# make bench: a municipal-scale demo database, then the measurements of
# tests/bench.c (time and bytes per key, start-up) beside the raw SQLite
# cost of the same work.  BENCH_PERSONS sets the size (default 200000).
set -eu
cd "$(dirname "$0")/.."
persons=${BENCH_PERSONS:-200000}
db=build/bench-$persons.db
conf=build/bench.ini
mkdir -p build
printf '[municipality]\nname = Benk kommune\n[database]\npath = %s\n[letters]\ndir = %s/conf/letters\n[demo]\nallow_synthetic_ids = yes\n' \
	"$PWD/$db" "$PWD" > "$conf"
if [ ! -f "$db" ]; then
	echo "building $db ($persons persons) ..."
	start=$(date +%s.%N)
	./bosak -c "$conf" demo --persons "$persons" --seed 7
	end=$(date +%s.%N)
	echo "demo load: $(echo "$end - $start" | bc) s for $persons persons"
fi
./bosak -c "$conf" demo --register-me >/dev/null
make --no-print-directory build/tests/bench >/dev/null
build/tests/bench "$conf"

# Write latency with many sessions at once (issue 7): on a copy of the
# database, so that the measurements above stay comparable between runs.
# BENCH_SESSIONS sets the session counts (default "50 200").
conc=build/bench-concurrency.db
rm -f "$conc" "$conc-wal" "$conc-shm"
cp "$db" "$conc"
# the copy's 300 MB on disk first: its write-back would otherwise run
# during the measurement, behind every session's sync
sync "$conc"
sed "s|^path = .*|path = $PWD/$conc|" "$conf" >build/bench-concurrency.ini
make --no-print-directory build/tests/bench_concurrency >/dev/null
build/tests/bench_concurrency build/bench-concurrency.ini "$(id -un)" \
	${BENCH_SESSIONS:-50 200}
rm -f "$conc" "$conc-wal" "$conc-shm"
