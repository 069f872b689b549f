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

port=$(free_port_pair)
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

wait_for_engine_port "$port" "$work/engine.log"
start_xvfb 1600x1000x24

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
    check_screenshot "$shots/console-$view.png" 1280 800
done
echo "screenshots in $shots"
