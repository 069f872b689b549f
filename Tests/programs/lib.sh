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
xvfb_pid=""

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
    if [[ -n $xvfb_pid ]]; then
        kill "$xvfb_pid" 2>/dev/null || true
    fi
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

# A free loopback port whose next port is free too: `dragoman engine --control 127.0.0.1:PORT`
# serves WebSocket on PORT and TCP lines on PORT + 1.
free_port_pair() {
    "$python" - <<'PORT'
import socket
for _ in range(100):
    first = socket.socket(); first.bind(("127.0.0.1", 0)); port = first.getsockname()[1]
    second = socket.socket()
    try:
        second.bind(("127.0.0.1", port + 1))
    except OSError:
        continue
    finally:
        first.close(); second.close()
    print(port)
    break
PORT
}

# The remote-seat tests' session: booth ru with seat ru-1 on the device and seat ru-2 remote (the
# engine takes its microphone on ENGINE_MIC and sends its feed to SEND_TO), channel ru sent to
# CHANNEL_PORT, all on loopback, audio on JACK.
write_remote_seat_session() { # FILE NAME ENGINE_MIC SEND_TO CHANNEL_PORT
    cat >"$1" <<YAML
name: $2
floor: { language: en }
channels:
  - { id: ru, language: ru, name: Russian }
booths:
  - id: ru
    outputs: { A: ru }
    understands: [en]
    seats:
      - ru-1
      - { id: ru-2, remote: { listen: "127.0.0.1:$3", send_to: "127.0.0.1:$4" } }
audio:
  host_api: JACK
  outputs: { ru-1: 1, channel:ru: 2 }
network:
  interface: 127.0.0.1
  sap: { enabled: false }
  channels:
    ru: { unicast: ["127.0.0.1:$5"] }
YAML
}

# Waits up to 15 s for the engine ($engine_pid) to take connections on PORT; fails with the
# engine's last words if it exits or never does (rather than a console's timeout later).
wait_for_engine_port() { # PORT LOG
    local _
    for _ in $(seq 150); do
        kill -0 "$engine_pid" 2>/dev/null || fail "dragoman engine exited: $(tail -5 "$2")"
        "$python" -c 'import socket, sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 0.2)' \
            "$1" 2>/dev/null && return 0
        sleep 0.1
    done
    fail "the engine's control port did not open: $(tail -3 "$2")"
}

# Starts Xvfb on a free display (it writes the number to fd 3) and exports DISPLAY; cleanup stops
# it.
start_xvfb() { # WIDTHxHEIGHTxDEPTH
    require Xvfb
    Xvfb -displayfd 3 -screen 0 "$1" -nolisten tcp 3>"$work/display" 2>"$work/xvfb.log" &
    xvfb_pid=$!
    local _
    for _ in $(seq 50); do
        [[ -s $work/display ]] && break
        sleep 0.1
    done
    [[ -s $work/display ]] || fail "Xvfb did not start"
    DISPLAY=":$(head -n1 "$work/display")"
    export DISPLAY
}

# A console's --screenshot: a PNG of WIDTHxHEIGHT with more than 200 colours (drawn, not blank).
check_screenshot() { # FILE WIDTH HEIGHT
    "$python" - "$@" <<'CHECK' || fail "$(basename "$1") is blank or wrong"
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
width, height = struct.unpack(">II", data[16:24])
assert (width, height) == (int(sys.argv[2]), int(sys.argv[3])), f"{width}x{height}"
# Count the colours of the decoded rows (filter bytes included: enough to tell blank from drawn).
chunks, at = b"", 8
while at < len(data):
    length = struct.unpack(">I", data[at:at + 4])[0]
    if data[at + 4:at + 8] == b"IDAT":
        chunks += data[at + 8:at + 8 + length]
    at += 12 + length
raw = zlib.decompress(chunks)
colours = len(set(raw[i:i + 3] for i in range(0, len(raw) - 3, 3)))
assert colours > 200, f"only {colours} colours"
print(sys.argv[1], width, height, colours, "colours")
CHECK
}
