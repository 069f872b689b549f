#!/usr/bin/env bash
# booth_screenshots: `dragoman-booth --screenshot` for seat kk-1 (Kazakh booth: A kk, B ru) against
# a running `dragoman engine` (Astana session on a JACK dummy server, control API on a free port,
# the demo tokens), under Xvfb, at 1024x600, in seven states driven over the TCP port:
#   idle     nobody live in the kk booth; en, fa (+ relay from en) and tg (double relay) are live
#   live     kk-1 on air
#   engaged  a zh speaker; kk-1 on output B (ru) while ru-1 holds ru: refused, with the reason
#   relay    kk-1 listens to en and is live: kk becomes a "+" relay
#   handover kk-2 took over atomically (seat.handover), then asks kk-1 to take over again
#   poor     a second engine whose floor is a telephone line (300-3400 Hz): bandwidth POOR
#   warning  then kk-1's headphones at +12 dB: the limiter lamp lit, the exposure warning
# Checks each run exits 0 and leaves a 1024x600 PNG that is not blank.
# DRAGOMAN_SCREENSHOT_DIR=DIR keeps the pictures (docs/screenshots is made this way).
# shellcheck source-path=SCRIPTDIR
source "$(dirname "$0")/lib.sh"
# shellcheck source-path=SCRIPTDIR
source "$(dirname "$0")/control_lib.sh"
booth=${DRAGOMAN_BOOTH_BINARY:-$(dirname "$dragoman")/../booth/dragoman-booth}
[[ -x $booth ]] || { echo "SKIP: dragoman-booth is not built" >&2; exit 77; }
require Xvfb sox ffmpeg
[[ -n $python ]] || { echo "SKIP: python3 is not installed" >&2; exit 77; }
tokens="$source_dir/Assets/sessions/astana.tokens.yaml"
[[ -f $tokens ]] || { echo "SKIP: $tokens is missing" >&2; exit 77; }

port=$(free_port_pair)
start_jack 31 43

rpc_port=$((port + 1))
tech() { rpc tech-astana-demo command "{\"line\": \"$*\"}"; }

demo="$source_dir/Assets/demo"
start_engine() { # FLOOR_FILE LOG
    local inputs=(--in "floor=$1")
    for seat in en-2 fa-2 tg-1 kk-1 kk-2 ru-1; do
        inputs+=(--in "$seat=$demo/interp-${seat%%-*}.opus")
    done
    cat >"$work/meeting.events" <<'SCRIPT'
0.3 seat en-2 mic on
0.4 seat fa-2 listen en
0.4 seat fa-2 mic on
0.5 seat tg-1 listen fa
0.5 seat tg-1 mic on
SCRIPT
    "$dragoman" engine "$source_dir/Assets/sessions/astana.yaml" "${inputs[@]}" \
        --events "$work/meeting.events" --control "127.0.0.1:$port" --tokens "$tokens" \
        --status-interval 0 --seconds 120 >"$2" 2>&1 &
    engine_pid=$!
    wait_for_engine_port "$((port + 1))" "$2"
}
stop_engine() {
    kill -TERM "$engine_pid" 2>/dev/null || true
    wait "$engine_pid" 2>/dev/null || true
    engine_pid=""
}

start_xvfb 1600x1000x24

shots=${DRAGOMAN_SCREENSHOT_DIR:-$work/shots}
mkdir -p "$shots"
shot() { # STATE
    local code=0
    "$booth" --url "ws://127.0.0.1:$port/rpc" --token seat-kk-1-demo --size 1024x600 \
        --screenshot "$shots/booth-$1.png" >"$work/booth-$1.log" 2>&1 || code=$?
    [[ $code -eq 0 ]] || fail "dragoman-booth ($1) exited with $code: $(tail -3 "$work/booth-$1.log")"
    check_screenshot "$shots/booth-$1.png" 1024 600
}

ffmpeg -nostdin -loglevel error -i "$demo/floor-ru.opus" -ac 1 -ar 48000 "$work/floor.wav"
start_engine "$work/floor.wav" "$work/engine.log"
sleep 1.5 # the scripted booths go live and the floor meter settles

shot idle

tech seat kk-1 mic on
shot live

# While the floor speaks ru the ru channel passes the floor through: a Chinese speaker first.
tech seat kk-1 mic off
tech floor language zh
tech seat kk-1 output B
tech seat ru-1 mic on
tech seat kk-1 mic on # refused: ru-1 holds ru (interlock between booths)
shot engaged
tech seat ru-1 mic off
tech seat kk-1 output A
tech floor language ru

tech seat kk-1 listen en
tech seat kk-1 mic on
shot relay

tech seat kk-2 handover # kk-2 takes over from kk-1 in one block
rpc seat-kk-2-demo messages.send '{"to": "seat:kk-1", "kind": "handover-request", "text": ""}'
shot handover

# Poor floor sound: the speaker comes in over a telephone line (300-3400 Hz).
stop_engine
sox "$work/floor.wav" "$work/phone.wav" sinc 300-3400
start_engine "$work/phone.wav" "$work/engine-poor.log"
tech seat kk-1 listen floor
tech seat kk-1 mic on
sleep 3 # the floor's bandwidth estimate needs a few seconds
shot poor

# The warning: kk-1 turns the thin floor up to +12 dB: the limiter acts (its lamp lit) and the
# minute's exposure passes 80 dB SPL (the minute counts the time before the start as silence:
# about 20 s at the ~86 dB SPL this gives).
tech seat kk-1 volume 12
for _ in $(seq 40); do
    "$dragoman" ctl --url "ws://127.0.0.1:$port/rpc" --token seat-kk-1-demo state.get |
        "$python" -c 'import json, sys; sys.exit(not [s for s in json.load(sys.stdin)["seats"] if s["id"] == "kk-1" and s["exposure_warning"]])' &&
        break
    sleep 1
done
shot warning

echo "screenshots in $shots"
