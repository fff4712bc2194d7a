# Shared by the end-to-end scripts: the real binary in a private tmux
# server of 80x24, keys typed with send-keys, the screen read with
# capture-pane.  Each script prints "PASS name", "FAIL name: why" or
# "SKIP name: why" and exits 0, 1 or 77.
BOSAK=${BOSAK:-./bosak}
case "$BOSAK" in /*) ;; *) BOSAK="$PWD/${BOSAK#./}" ;; esac
BOSAK_TEST_NID="$PWD/build/tests/nidgen"
sock="bosak-e2e-$$"
tmux_user=""

pass() { echo "PASS $name"; exit 0; }
fail() { echo "FAIL $name: $*"; exit 1; }
skip() { echo "SKIP $name: $*"; exit 77; }

T() {
	if [ -n "$tmux_user" ]; then
		runuser -u "$tmux_user" -- tmux -L "$sock" "$@"
	else
		tmux -L "$sock" "$@"
	fi
}

# start CMD [WIDTH HEIGHT]: the program in a fresh tmux server
start() {
	T -f /dev/null new-session -d -s e2e -x "${2:-80}" -y "${3:-24}" \
		"env LANG=C.UTF-8 LANGUAGE= $1; sleep 600"
}
# start_as USER CMD: the same as another Unix user
start_as() {
	tmux_user=$1
	start "$2"
}
stop_tmux() { T kill-server 2>/dev/null; tmux_user=""; }
cleanup_tmux() { stop_tmux; }
screen() { T capture-pane -p -t e2e; }
keys() { T send-keys -t e2e "$@"; }
type_text() { T send-keys -t e2e -l "$1"; }
# wait_for TEXT [SECONDS]: until the screen shows TEXT
wait_for() {
	i=0
	while [ $i -lt $(( ${2:-5} * 10 )) ]; do
		screen | grep -qF -- "$1" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
