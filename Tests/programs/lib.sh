# shellcheck shell=bash disable=SC2034  # the variables are used by the scripts that source it
# Shared by the program tests (sourced, not run). Each test script takes the dragoman binary and
# the source folder as arguments: CTest passes $<TARGET_FILE:dragoman> and the project folder.
# Exit 77 means "skipped" (a tool is missing); CTest's SKIP_RETURN_CODE says so.
set -euo pipefail

dragoman=${1:?usage: $0 DRAGOMAN_BINARY SOURCE_DIR}
source_dir=${2:?usage: $0 DRAGOMAN_BINARY SOURCE_DIR}
jack_dummy="$source_dir/scripts/jack-dummy.sh"
work=$(mktemp -d "${TMPDIR:-/tmp}/dragoman-test.XXXXXX")
jack_server=""
jack_realtime=0
engine_pid=""

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

require() {
    local tool
    for tool in "$@"; do
        command -v "$tool" >/dev/null || { echo "SKIP: $tool is not installed" >&2; exit 77; }
    done
}

cleanup() {
    local code=$?
    if [[ -n $engine_pid ]] && kill -0 "$engine_pid" 2>/dev/null; then
        kill -TERM "$engine_pid" 2>/dev/null || true
        wait "$engine_pid" 2>/dev/null || true
    fi
    if [[ -n $jack_server ]]; then
        JACK_DUMMY_DIR=$work "$jack_dummy" stop "$jack_server" 2>/dev/null || true
    fi
    if [[ $code -ne 0 && $code -ne 77 ]]; then
        local file
        for file in "$work"/*.txt "$work"/*.log; do
            [[ -f $file ]] || continue
            echo "---- $(basename "$file") (last 40 lines)" >&2
            tail -n 40 "$file" >&2
        done
    fi
    rm -rf "$work"
}
trap cleanup EXIT

# Starts a JACK dummy server named after this test and its pid, so that tests run in parallel.
start_jack() {
    require jackd jack_wait jack_lsp
    jack_server="dragoman-$(basename "$0" .sh)-$$"
    local environment
    environment=$(JACK_DUMMY_DIR=$work "$jack_dummy" start "$jack_server" "$@" 2>"$work/jack-start.txt") ||
        fail "could not start the JACK dummy server: $(cat "$work/jack-start.txt")"
    eval "$environment"
    # Without real-time scheduling the dummy driver drops cycles when the machine is busy.
    jack_realtime=0
    if grep -q ', real-time,' "$work/jack-start.txt"; then
        jack_realtime=1
    fi
}

# A sine as a 1-second mono 48 kHz float WAV: an exact number of cycles, so it loops seamlessly
# and its peak is exactly the level asked for.
make_tone() { # FILE HZ DBFS
    require sox
    sox -n -r 48000 -c 1 -b 32 -e floating-point "$1" synth 1 sine "$2" gain "$3"
}

python=$(command -v /usr/bin/python3 || command -v python3 || true)
