#!/usr/bin/env bash
# A JACK server without a sound card: jackd2's dummy driver keeps real time with a timer, so
# `dragoman engine` runs on machines (CI, containers) whose kernel has no sound support. It runs
# `jackd [-R -P 70 | -r] -t 4000 -n NAME -d dummy -r 48000 -p 64 -C INPUTS -P OUTPUTS`.
#
#   scripts/jack-dummy.sh start NAME [INPUTS [OUTPUTS]]   # default 31 in, 43 out (Astana session)
#   scripts/jack-dummy.sh stop NAME
#   scripts/jack-dummy.sh status NAME
#
# `start` prints the environment to use on stdout, so that this works:
#   eval "$(scripts/jack-dummy.sh start rehearsal)"
#   dragoman engine                       # PortAudio finds the JACK server "rehearsal"
#
# Each server has its own NAME, so parallel tests do not meet. Runs as root without D-Bus:
# JACK_NO_AUDIO_RESERVATION=1 skips the D-Bus device reservation, and JACK_NO_START_SERVER=1
# keeps client tools (jack_wait, jack_lsp) from starting a default server of their own when NAME
# is not running.
#
# Real-time scheduling: where the machine allows SCHED_FIFO (root, or CAP_SYS_NICE / rtprio
# limits), the server runs real-time and so do its clients' audio threads; on a busy 2-core
# machine that is the difference between ~100 % and ~50 % of the callbacks. Elsewhere it runs
# without (-r), which works but loses time under load. JACK_DUMMY_REALTIME=0 forces -r.
#
# Environment: JACK_DUMMY_DIR for the pid and log files (default ${XDG_RUNTIME_DIR:-/tmp}),
# JACK_DUMMY_TIMEOUT seconds to wait for the server (default 20: slow CI machines need it).
set -euo pipefail

usage() {
    echo "usage: $0 start NAME [INPUTS [OUTPUTS]] | stop NAME | status NAME" >&2
    exit 2
}

[[ $# -ge 2 ]] || usage
command=$1
name=$2
[[ $name =~ ^[A-Za-z0-9._-]+$ ]] || { echo "$0: server name '$name': use letters, digits, . _ -" >&2; exit 2; }

dir=${JACK_DUMMY_DIR:-${XDG_RUNTIME_DIR:-/tmp}}
pidfile="$dir/jack-dummy-$name.pid"
logfile="$dir/jack-dummy-$name.log"
export JACK_NO_AUDIO_RESERVATION=1 JACK_NO_START_SERVER=1

# The pid in the pid file, if it is still this server (a recycled pid must not be killed).
server_pid() {
    [[ -f $pidfile ]] || return 1
    local pid
    pid=$(<"$pidfile")
    [[ $pid =~ ^[0-9]+$ ]] || return 1
    [[ -r /proc/$pid/cmdline ]] || return 1
    tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "jackd .*-n $name " || return 1
    echo "$pid"
}

# A zombie (exited, not yet reaped by a container's init) answers kill -0 but has no command line.
alive() {
    [[ -n $(tr -d '\0' <"/proc/$1/cmdline" 2>/dev/null) ]]
}

case $command in
start)
    inputs=${3:-31}
    outputs=${4:-${3:-43}}
    command -v jackd >/dev/null || { echo "$0: jackd not found (apt-get install jackd2)" >&2; exit 1; }
    if pid=$(server_pid); then
        echo "$0: JACK server '$name' already runs (pid $pid)" >&2
        exit 1
    fi
    mkdir -p "$dir"
    scheduling=(-r)
    mode="not real-time"
    if [[ ${JACK_DUMMY_REALTIME:-1} != 0 ]] && chrt -f 1 true 2>/dev/null; then
        scheduling=(-R -P 70)
        mode="real-time"
    fi
    # -t 4000: a client's opening handshake may take seconds on a loaded machine; the default
    # 500 ms makes PortAudio's client fail with "Cannot open client". (Real-time mode needs it
    # under the 5 s watchdog.) setsid: the server outlives this script and ignores Ctrl-C.
    setsid jackd "${scheduling[@]}" -t 4000 -n "$name" -d dummy -r 48000 -p 64 -C "$inputs" -P "$outputs" \
        </dev/null >"$logfile" 2>&1 &
    pid=$!
    echo "$pid" >"$pidfile"
    # Poll with `jack_wait -c` (it prints "running" or "not running") rather than one long
    # `jack_wait -w -t N`: a client whose own timeout expires in the middle of connecting to a
    # loaded server leaves the server logging errors, and the wait fails though the server is up.
    timeout=${JACK_DUMMY_TIMEOUT:-20}
    deadline=$((SECONDS + timeout))
    until [[ $(jack_wait -s "$name" -c 2>/dev/null) == running ]]; do
        if ! alive "$pid" || ((SECONDS >= deadline)); then
            echo "$0: JACK server '$name' did not come up within $timeout s; its log ($logfile):" >&2
            tail -n 20 "$logfile" >&2 || true
            kill "$pid" 2>/dev/null || true
            rm -f "$pidfile"
            exit 1
        fi
        sleep 0.2
    done
    echo "$0: JACK server '$name' runs (pid $pid, $mode, 48000 Hz, 64 frames, $inputs in, $outputs out)" >&2
    echo "export JACK_DEFAULT_SERVER=$name JACK_NO_START_SERVER=1"
    ;;
stop)
    if ! pid=$(server_pid); then
        rm -f "$pidfile"
        echo "$0: JACK server '$name' is not running" >&2
        exit 0
    fi
    kill -TERM "$pid"
    for _ in $(seq 50); do
        alive "$pid" || break
        sleep 0.1
    done
    if alive "$pid"; then
        echo "$0: JACK server '$name' ignored SIGTERM; killing it" >&2
        kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$pidfile"
    # jackd removes its shared memory on a clean exit; after SIGKILL it is left behind.
    rm -f "/dev/shm/jack_${name}_"[0-9]* "/dev/shm/jack_sem."[0-9]*"_${name}_"* 2>/dev/null || true
    echo "$0: JACK server '$name' stopped" >&2
    ;;
status)
    if pid=$(server_pid) && [[ $(jack_wait -s "$name" -c 2>/dev/null) == running ]]; then
        echo "$0: JACK server '$name' runs (pid $pid)"
    else
        echo "$0: JACK server '$name' is not running"
        exit 1
    fi
    ;;
*)
    usage
    ;;
esac
