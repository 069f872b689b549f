#!/usr/bin/env bash
# ctl_errors: `dragoman ctl` says what went wrong and exits with the documented code: 2 for bad
# arguments (nothing is sent), 3 when it cannot connect, 1 when the engine answers with an error
# or not in time, 0 with the result as JSON. A small Python stand-in plays the engine's tcp://
# port (fake_control_server.py), so this runs without JACK.
# shellcheck source-path=SCRIPTDIR
source "$(dirname "$0")/lib.sh"

expect() { # NAME CODE PATTERN -- COMMAND...
    local name=$1 expected=$2 pattern=$3
    shift 4
    local code=0
    "$@" >"$work/out.txt" 2>"$work/err.txt" || code=$?
    [[ $code -eq $expected ]] ||
        fail "$name: exit code $code, expected $expected; stderr: $(cat "$work/err.txt")"
    grep -q -- "$pattern" "$work/err.txt" ||
        fail "$name: stderr lacks '$pattern': $(cat "$work/err.txt")"
    echo "$name: $(head -n 1 "$work/err.txt")"
}

# A port nobody listens on: a fake server's, after it stopped.
[[ -n $python ]] || { echo "SKIP: python3 is not installed" >&2; exit 77; }
start_fake() { # PORT_FILE [--mute]
    "$python" "$source_dir/Tests/programs/fake_control_server.py" "$@" &
    fake_pids+=($!)
    for _ in $(seq 50); do
        [[ -s $1 ]] && return 0
        sleep 0.1
    done
    fail "the fake control server did not start"
}
fake_pids=()
stop_fakes() {
    local pid
    for pid in "${fake_pids[@]}"; do
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
}
trap 'code=$?; stop_fakes; (exit $code); cleanup' EXIT

start_fake "$work/closed.port"
closed=$(cat "$work/closed.port")
stop_fakes
fake_pids=()

# Bad arguments: exit 2, nothing sent.
expect "bad URL" 2 "bad control URL 'http://x': unknown scheme" -- "$dragoman" ctl --url http://x state.get
expect "URL without scheme" 2 "expected ws://, wss://, tcp:// or tls://" -- \
    "$dragoman" ctl --url 127.0.0.1:7700 state.get
expect "bad URL from the environment" 2 "port '99999'" -- \
    env DRAGOMAN_URL=ws://127.0.0.1:99999/rpc "$dragoman" ctl state.get
expect "no method" 2 "no METHOD" -- "$dragoman" ctl --url "tcp://127.0.0.1:$closed"
expect "params not key=value" 2 "PARAMS word 'seat' is not key=value" -- \
    "$dragoman" ctl --url "tcp://127.0.0.1:$closed" seat.mic seat on=true
expect "params not a JSON object" 2 "is not a JSON object" -- \
    "$dragoman" ctl --url "tcp://127.0.0.1:$closed" seat.mic '{"seat": '
expect "params key twice" 2 "PARAMS key 'on' given twice" -- \
    "$dragoman" ctl --url "tcp://127.0.0.1:$closed" seat.mic seat=en-1 on=true on=false
expect "bad timeout" 2 "--timeout 'soon' is not a number" -- \
    "$dragoman" ctl --timeout soon state.get
expect "unknown option" 2 "unknown argument '--bogus'" -- "$dragoman" ctl --bogus state.get
expect "get without a path" 2 "usage: dragoman ctl get PATH" -- "$dragoman" ctl get
expect "get over TLS" 2 "get needs an http:// or ws:// URL" -- \
    "$dragoman" ctl --url wss://127.0.0.1:7700/rpc get /api/state

# Nobody listens: exit 3, promptly.
for url in "ws://127.0.0.1:$closed/rpc" "tcp://127.0.0.1:$closed"; do
    started=$SECONDS
    expect "refused ($url)" 3 "-32000 cannot connect to $url: Connection refused" -- \
        "$dragoman" ctl --url "$url" state.get
    ((SECONDS - started <= 3)) || fail "refused ($url) took $((SECONDS - started)) s"
done
expect "get refused" 3 "cannot connect to http://127.0.0.1:$closed/api/state" -- \
    "$dragoman" ctl --url "http://127.0.0.1:$closed" get /api/state

# Something listens and never answers: exit 3 after --timeout.
start_fake "$work/mute.port" --mute
mute=$(cat "$work/mute.port")
for url in "ws://127.0.0.1:$mute/rpc" "tcp://127.0.0.1:$mute"; do
    started=$SECONDS
    expect "mute ($url)" 3 "cannot connect to $url: no answer within 0.5 s" -- \
        "$dragoman" ctl --url "$url" --token good --timeout 0.5 state.get
    ((SECONDS - started <= 3)) || fail "mute ($url) took $((SECONDS - started)) s"
done
expect "get mute" 1 "timeout" -- "$dragoman" ctl --url "http://127.0.0.1:$mute" --timeout 0.5 get /metrics

# A server that answers.
start_fake "$work/fake.port"
fake="tcp://127.0.0.1:$(cat "$work/fake.port")"
"$dragoman" ctl --url "$fake" --token good echo seat=en-1 on=true db=-6 name=007 off=null \
    >"$work/echo.json" 2>"$work/err.txt" || fail "echo failed: $(cat "$work/err.txt")"
"$python" - "$work/echo.json" <<'PY' || fail "echo printed $(cat "$work/echo.json")"
import json, sys
assert json.load(open(sys.argv[1])) == {"seat": "en-1", "on": True, "db": -6, "name": "007", "off": None}
PY
grep -q '^  "db": -6,$' "$work/echo.json" || fail "the result is not pretty JSON: $(cat "$work/echo.json")"
echo "echo with key=value: $(tr -d ' \n' <"$work/echo.json")"

DRAGOMAN_URL=$fake DRAGOMAN_TOKEN=good "$dragoman" ctl echo '{"line": "seat en-1 mic on"}' \
    >"$work/echo2.json" 2>"$work/err.txt" || fail "echo from the environment failed: $(cat "$work/err.txt")"
grep -q '"line": "seat en-1 mic on"' "$work/echo2.json" || fail "echo JSON printed $(cat "$work/echo2.json")"

expect "engine error" 1 "^dragoman ctl: -32602 invalid params: seat 'xx-9' does not exist$" -- \
    "$dragoman" ctl --url "$fake" --token good fail seat=xx-9
expect "wrong token" 1 "^dragoman ctl: -32001 unauthenticated: wrong token$" -- \
    "$dragoman" ctl --url "$fake" --token bad echo
expect "no reply in time" 1 "^dragoman ctl: -32000 timeout$" -- \
    "$dragoman" ctl --url "$fake" --token good --timeout 0.5 silent

# --watch prints notifications as JSON lines until interrupted.
"$dragoman" ctl --url "$fake" --token good --watch state >"$work/watch.txt" 2>"$work/watch-err.txt" &
watch_pid=$!
fake_pids+=("$watch_pid")
for _ in $(seq 50); do
    grep -q "connected to" "$work/watch-err.txt" && break
    sleep 0.1
done
"$dragoman" ctl --url "$fake" --token good notify >/dev/null || fail "notify failed"
sleep 0.3
kill -INT "$watch_pid"
code=0
wait "$watch_pid" || code=$?
[[ $code -eq 0 ]] || fail "--watch ended with $code after Ctrl-C"
[[ $(wc -l <"$work/watch.txt") -eq 1 ]] || fail "--watch state printed: $(cat "$work/watch.txt")"
grep -qx '{"method":"state","params":{"revision":1}}' "$work/watch.txt" ||
    fail "--watch state printed: $(cat "$work/watch.txt")"
echo "watch: $(cat "$work/watch.txt")"
