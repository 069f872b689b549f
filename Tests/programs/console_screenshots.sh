#!/usr/bin/env bash
# console_screenshots: `dragoman-console --screenshot` against a running `dragoman engine` (Astana
# session on a JACK dummy server, its control API on a free port, the technician's token), under
# Xvfb, once per view. Checks each run exits 0 and leaves a 1280x800 PNG that is not blank.
# The scripted meeting puts most booths live with a relay, a double relay (tg from fa from en), a
# clipping microphone (uz-1) and, before the relay view, a relay cycle (ky <-> be).
# DRAGOMAN_SCREENSHOT_DIR=DIR keeps the pictures (docs/screenshots is made this way).
# shellcheck source-path=SCRIPTDIR
source "$(dirname "$0")/lib.sh"
console=${DRAGOMAN_CONSOLE_BINARY:-$(dirname "$dragoman")/../console/dragoman-console}
[[ -x $console ]] || { echo "SKIP: dragoman-console is not built" >&2; exit 77; }
require Xvfb sox
[[ -n $python ]] || { echo "SKIP: python3 is not installed" >&2; exit 77; }
tokens="$source_dir/Assets/sessions/astana.tokens.yaml"
[[ -f $tokens ]] || { echo "SKIP: $tokens is missing" >&2; exit 77; }
token=$("$python" - "$tokens" <<'TOKEN'
import re, sys
for line in open(sys.argv[1]):
    if re.search(r"role:\s*\"?technician", line):
        print(re.search(r"token:\s*\"?([^\",}\s]+)", line).group(1))
        break
TOKEN
)
[[ -n $token ]] || fail "no technician token in $tokens"

# The engine serves WebSocket on PORT and TCP lines on PORT + 1: find two free ports in a row.
port=$("$python" - <<'PORT'
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
)
start_jack 31 43

# Speech on the floor and in the live booths; uz-1 speaks at full scale: a clipping alarm.
demo="$source_dir/Assets/demo"
inputs=(--in "floor=$demo/floor-ru.opus")
for seat in en-2 zh-1 kk-1 hi-3 ur-1 fa-2 tg-1 ky-1; do
    inputs+=(--in "$seat=$demo/interp-${seat%%-*}.opus")
done
sox -n -r 48000 -c 1 -b 32 -e floating-point "$work/clip.wav" synth 1 square 220 gain -0.0
inputs+=(--in "uz-1=$work/clip.wav")
cat >"$work/meeting.events" <<'SCRIPT'
0.3 seat en-2 mic on
0.3 seat zh-1 mic on
0.4 seat kk-1 mic on
0.4 seat hi-3 mic on
0.5 seat ur-1 listen en
0.5 seat ur-1 mic on
0.6 seat fa-2 listen en
0.6 seat fa-2 mic on
0.7 seat uz-1 mic on
0.8 seat tg-1 listen fa
0.8 seat tg-1 mic on
0.9 seat kk-3 output B
1.0 booth zh interlock override
1.1 seat en-3 mic on
# The relay view's fault: ky and be listen to each other.
14.0 seat ky-1 listen be
14.0 seat be-2 listen ky
14.1 seat ky-1 mic on
14.1 seat be-2 mic on
SCRIPT

"$dragoman" engine "$source_dir/Assets/sessions/astana.yaml" "${inputs[@]}" \
    --events "$work/meeting.events" --control "127.0.0.1:$port" --tokens "$tokens" \
    --status-interval 0 --seconds 90 \
    >"$work/engine.log" 2>&1 &
engine_pid=$!
started=$SECONDS

# Fail fast, with the engine's words, if it never serves the API (rather than six console
# timeouts of 30 s each).
for _ in $(seq 150); do
    kill -0 "$engine_pid" 2>/dev/null || fail "dragoman engine exited: $(tail -5 "$work/engine.log")"
    "$python" -c 'import socket, sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 0.2)' \
        "$port" 2>/dev/null && break
    sleep 0.1
done

# Xvfb picks a free display and writes its number to fd 3.
Xvfb -displayfd 3 -screen 0 1600x1000x24 -nolisten tcp 3>"$work/display" 2>"$work/xvfb.log" &
xvfb_pid=$!
# lib.sh's cleanup reads the exit code first: hand it over past the kill.
stop_xvfb() {
    local code=$?
    # Not under set -e: the (exit) below would end the trap before cleanup stops JACK.
    set +e
    kill "$xvfb_pid" 2>/dev/null || true
    (exit "$code")
    cleanup
}
trap stop_xvfb EXIT
for _ in $(seq 50); do
    [[ -s $work/display ]] && break
    sleep 0.1
done
[[ -s $work/display ]] || fail "Xvfb did not start"
display=$(head -n1 "$work/display")
export DISPLAY=":$display"

shots=${DRAGOMAN_SCREENSHOT_DIR:-$work/shots}
mkdir -p "$shots"
# The meeting as it runs, not its first second: at +0 s every seat reports an exposure warning at
# 80.0 dB SPL, cleared within seconds (29 alarms at 1 s of uptime, 2 at 5 s).
while ((SECONDS - started < 6)); do sleep 0.5; done
for view in all matrix strips alarms log relay; do
    if [[ $view == relay ]]; then
        # After the scripted cycle (14 s into the meeting) and its alarm.
        while ((SECONDS - started < 17)); do sleep 0.5; done
    fi
    code=0
    "$console" --url "ws://127.0.0.1:$port/rpc" --token "$token" --view "$view" --size 1280x800 \
        --screenshot "$shots/console-$view.png" >"$work/console-$view.log" 2>&1 || code=$?
    [[ $code -eq 0 ]] || fail "dragoman-console --view $view exited with $code: $(tail -3 "$work/console-$view.log")"
    "$python" - "$shots/console-$view.png" <<'CHECK' || fail "console-$view.png is blank or wrong"
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
width, height = struct.unpack(">II", data[16:24])
assert (width, height) == (1280, 800), f"{width}x{height}"
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
done
echo "screenshots in $shots"
