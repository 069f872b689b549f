#!/usr/bin/env bash
# console_walkthrough: a technician runs the Astana summit from dragoman-console alone. The engine
# runs the session on a JACK dummy server with no events script (English speech on the floor, three
# microphones, uz-1's at full scale); the console runs under Xvfb and xdotool does what the
# technician does, with keys and clicks: floor language, interpreters live, a booth's interlock,
# a seat's listen source, the monitor, a preset saved and loaded, an alarm acknowledged, a message
# to everyone and the answer to a seat's call. After each step `dragoman ctl` reads the engine
# (GET /api/state, messages.get, alarms.get, session.presets) and the window is photographed.
# DRAGOMAN_SCREENSHOT_DIR=DIR keeps the pictures (walk-NN-STEP.png).
# shellcheck source-path=SCRIPTDIR
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/control_lib.sh"
console=${DRAGOMAN_CONSOLE_BINARY:-$(dirname "$dragoman")/../console/dragoman-console}
[[ -x $console ]] || { echo "SKIP: dragoman-console is not built" >&2; exit 77; }
require Xvfb xdotool import sox
[[ -n $python ]] || { echo "SKIP: python3 is not installed" >&2; exit 77; }

token=tech-astana-demo
start_jack 31 43
read -r http_port tcp_port < <(control_ports)
sed -e "s/127.0.0.1:7700/127.0.0.1:$http_port/" -e "s/127.0.0.1:7701/127.0.0.1:$tcp_port/" \
    -e "s|presets_dir: presets|presets_dir: $work/presets|" \
    "$source_dir/Assets/sessions/astana.yaml" >"$work/astana.yaml"
cp "$source_dir/Assets/sessions/astana.tokens.yaml" "$work/"

demo="$source_dir/Assets/demo"
sox -n -r 48000 -c 1 -b 32 -e floating-point "$work/clip.wav" synth 1 square 220 gain -0.0
"$dragoman" engine "$work/astana.yaml" --in "floor=$demo/floor-en.opus" \
    --in "zh-1=$demo/interp-zh.opus" --in "kk-2=$demo/interp-kk.opus" --in "uz-1=$work/clip.wav" \
    --status-interval 0 >"$work/engine.log" 2>&1 &
engine_pid=$!
for _ in $(seq 150); do
    grep -q '^control API: ' "$work/engine.log" 2>/dev/null && break
    kill -0 "$engine_pid" 2>/dev/null || fail "dragoman engine exited: $(tail -5 "$work/engine.log")"
    sleep 0.1
done
grep -q '^control API: ' "$work/engine.log" || fail "the control API did not start within 15 s"

# Xvfb picks a free display and writes its number to fd 3.
Xvfb -displayfd 3 -screen 0 1600x1000x24 -nolisten tcp 3>"$work/display" 2>"$work/xvfb.log" &
xvfb_pid=$!
console_pid=""
# lib.sh's cleanup reads the exit code first: hand it over past the kills.
stop_desktop() {
    local code=$?
    # Not under set -e: the (exit) below would end the trap before cleanup stops JACK.
    set +e
    [[ -z $console_pid ]] || kill "$console_pid" 2>/dev/null || true
    kill "$xvfb_pid" 2>/dev/null || true
    (exit "$code")
    cleanup
}
trap stop_desktop EXIT
for _ in $(seq 50); do
    [[ -s $work/display ]] && break
    sleep 0.1
done
[[ -s $work/display ]] || fail "Xvfb did not start"
display=$(head -n1 "$work/display")
export DISPLAY=":$display"

"$console" --url "ws://127.0.0.1:$http_port/rpc" --token "$token" --size 1280x800 \
    >"$work/console.log" 2>&1 &
console_pid=$!
window=""
for _ in $(seq 100); do
    window=$(xdotool search --name '^Dragoman Console - SCO' 2>/dev/null | head -n1 || true)
    [[ -n $window ]] && break
    kill -0 "$console_pid" 2>/dev/null || fail "dragoman-console exited: $(tail -3 "$work/console.log")"
    sleep 0.2
done
[[ -n $window ]] || fail "no connected console window within 20 s: $(tail -3 "$work/console.log")"
xdotool windowmove "$window" 0 0
xdotool windowfocus "$window" 2>/dev/null || true
sleep 1.5 # the first state, alarms and a second of meters

shots=${DRAGOMAN_SCREENSHOT_DIR:-$work/shots}
mkdir -p "$shots"
step=0

# The console's own coordinates (the window has no frame under Xvfb).
click_at() { # X Y
    xdotool mousemove "$1" "$2" click 1
    sleep 0.3
    xdotool mousemove 1590 990 # off the window: no hover marks in the pictures
}
keys() {
    xdotool key --delay 80 "$@"
    sleep 0.5
}
# The panel's own area (beside "F1 shortcuts"): a click there gives it the keyboard back.
focus_panel() { click_at 1100 58; }
shot() { # NAME
    step=$((step + 1))
    local file
    file=$(printf '%s/walk-%02d-%s.png' "$shots" "$step" "$1")
    # The screen, not the window: an open menu is a window of its own.
    import -window root -crop 1280x800+0+0 +repage "$file" || fail "cannot photograph the console"
    echo "  picture: $file"
}

ctl() { "$dragoman" ctl --url "ws://127.0.0.1:$http_port/rpc" --token "$token" --timeout 2 "$@"; }
# expect NAME PYTHON: polls GET /api/state (`state`) until PYTHON is true, for up to 5 s.
# seat(ID), booth(ID) and channel(ID) find one item of the state.
expect() {
    local name=$1 condition=$2
    for _ in $(seq 25); do
        "$dragoman" ctl --url "http://127.0.0.1:$http_port" --token "$token" get /api/state \
            >"$work/state.json" 2>"$work/ctl.log" || true
        if "$python" - "$work/state.json" "$condition" <<'CHECK' 2>/dev/null; then
import json, sys
state = json.load(open(sys.argv[1]))
find = lambda kind, key: next(item for item in state[kind] if item["id"] == key)
seat = lambda key: find("seats", key)
booth = lambda key: find("booths", key)
channel = lambda key: find("channels", key)
sys.exit(0 if eval(sys.argv[2]) else 1)
CHECK
            echo "ok: $name"
            return 0
        fi
        sleep 0.2
    done
    fail "$name: not seen in the engine's state ($condition): $(head -c 3000 "$work/state.json")"
}
# expect_reply NAME METHOD PARAMS PYTHON: one call; PYTHON on its result (`result`).
expect_reply() {
    local name=$1 method=$2 params=$3 condition=$4
    for _ in $(seq 25); do
        ctl "$method" "$params" >"$work/reply.json" 2>"$work/ctl.log" || true
        if "$python" - "$work/reply.json" "$condition" <<'CHECK' 2>/dev/null; then
import json, sys
result = json.load(open(sys.argv[1]))
sys.exit(0 if eval(sys.argv[2]) else 1)
CHECK
            echo "ok: $name"
            return 0
        fi
        sleep 0.2
    done
    fail "$name: $method answered $(cat "$work/reply.json" "$work/ctl.log")"
}

focus_panel
shot start
keys F1
shot help
keys Escape

# 1. The speaker changes to English: F opens the floor language menu (ru, zh, en, ...).
keys f
sleep 0.5
shot floor-menu
keys Down Down Return
expect "floor language en" 'state["floor"]["language"] == "en"'
shot floor-en

# 2. Interpreters go live: the matrix cursor starts on ru-1; Space switches the cursor's seat's
# microphone. zh-1 (row 4) goes live, then uz-1 (row 22), whose microphone clips.
keys Down Down Down space
expect "zh-1 live on zh" 'seat("zh-1")["live"] and channel("zh")["holder"] == "zh-1"'
keys Down Down Down Down Down Down Down Down Down Down Down Down Down Down Down Down Down Down space
expect "uz-1 live on uz" 'seat("uz-1")["live"] and channel("uz")["holder"] == "uz-1"'
shot live

# 3. The Uzbek booth works in override: I opens the cursor's booth's interlock menu
# (interlock, override, toggle-override, none).
keys i
sleep 0.5
shot interlock-menu
keys Down Return
expect "uz booth in override" 'booth("uz")["interlock"] == "override"'
shot interlock

# 4. kk-2 (row 11) relays from English: Right past the mic, 11 talk cells, floor, auto, ru, zh
# to the en listen cell, then Enter.
keys Up Up Up Up Up Up Up Up Up Up Up
keys Right Right Right Right Right Right Right Right Right Right Right Right Right Right Right Right
keys Return
expect "kk-2 listens to en" 'seat("kk-2")["listen"] == "en" and seat("kk-2")["source"] == "en"'
shot listen

# 5. The monitor: 4 selects the English strip, M puts it on the monitor; Shift+M then monitors
# the cursor's seat, kk-2's headphones.
keys 4 m
expect "monitor on en" 'state["monitor"]["source"] == "channel:en"'
keys shift+m
expect "monitor on kk-2" 'state["monitor"]["source"] == "seat:kk-2"'
shot monitor

# 6. A preset: a click on Save (its name comes from the clock), kk-2 back to auto (Left three
# cells, Enter), then Ctrl+L loads the preset: kk-2 listens to English again.
click_at 584 58
expect_reply "preset saved" session.presets '{}' 'len(result["presets"]) == 1'
preset=$("$python" -c 'import json, sys; print(json.load(open(sys.argv[1]))["presets"][0]["name"])' \
    "$work/reply.json")
shot preset-saved
focus_panel
keys Left Left Left Return
expect "kk-2 back to auto" 'seat("kk-2")["listen"] == "auto"'
keys ctrl+l
expect "preset $preset loaded: kk-2 on en" 'seat("kk-2")["listen"] == "en"'
shot preset-loaded

# 7. uz-1's microphone clips: the alarm comes. The alarm list shows the waiting ones first,
# newest first: a click on the first row's Ack, then A for the oldest of any others (the dummy
# server's xruns may have raised a device alarm too).
expect_reply "clipping alarm raised" alarms.get '{}' \
    'any(a["kind"] == "clipping" and not a["acked"] for a in result["alarms"])'
keys F4
shot alarm
click_at 1230 144
for _ in 1 2 3 4; do
    ctl alarms.get >"$work/alarms.json"
    "$python" -c 'import json, sys; sys.exit(0 if any(not a["acked"] and a["cleared_at"] is None
        for a in json.load(open(sys.argv[1]))["alarms"]) else 1)' "$work/alarms.json" || break
    focus_panel
    keys a
done
expect_reply "every alarm acknowledged" alarms.get '{}' \
    'all(a["acked"] for a in result["alarms"] if a["cleared_at"] is None)'
shot alarm-acked

# 8. A message to everyone: T takes the message line, Enter sends: one message every seat sees.
keys F5 t
xdotool type --delay 20 "Coffee break in five minutes"
keys Return
expect_reply "message to everyone" messages.get '{"after": 0}' \
    '[m["to"] for m in result["messages"] if m["from"] == "technician" and m["text"] == "Coffee break in five minutes"] == ["everyone"]'
shot message

# 9. kk-2's interpreter calls the technician from the booth; R answers: on my way.
"$dragoman" ctl --url "ws://127.0.0.1:$http_port/rpc" --token seat-kk-2-demo messages.send \
    to=technician kind=call-technician text="no sound in my headphones" >/dev/null ||
    fail "kk-2 could not call the technician"
sleep 1
shot call
keys r
expect_reply "kk-2's call answered" messages.get '{"after": 0}' \
    'any(m["to"] == "seat:kk-2" and m["from"] == "technician" for m in result["messages"])'
shot answered

# The engine ran the whole walk.
kill -0 "$engine_pid" 2>/dev/null || fail "dragoman engine ended during the walk: $(tail -5 "$work/engine.log")"
echo "walkthrough done: pictures in $shots"
