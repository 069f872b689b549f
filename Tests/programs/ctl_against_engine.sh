#!/usr/bin/env bash
# ctl_against_engine: `dragoman ctl` drives a real `dragoman engine` (the Astana session on a JACK
# dummy server, started by control_lib.sh) through its control API over ws:// and tcp://:
# state.get, a microphone switched on and seen live in the next state, the engine's own errors
# (unknown method, bad params, a viewer's token, a wrong token) with exit code 1, notifications
# with --watch, and the HTTP side with get.
# shellcheck source-path=SCRIPTDIR
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/control_lib.sh"

start_control_engine
ws="ws://127.0.0.1:$http_port/rpc"
tcp="tcp://127.0.0.1:$tcp_port"
export DRAGOMAN_TOKEN=tech-astana-demo
for _ in $(seq 100); do
    "$dragoman" ctl --url "$ws" --timeout 0.5 rpc.methods >"$work/methods.json" 2>/dev/null && break
    kill -0 "$engine_pid" 2>/dev/null || fail "the engine ended early"
    sleep 0.1
done
grep -q '"seat.mic"' "$work/methods.json" || fail "rpc.methods lacks seat.mic: $(cat "$work/methods.json")"

field() { # FILE PYTHON_EXPRESSION_OF_state
    "$python" -c "import json, sys; state = json.load(open(sys.argv[1])); print($2)" "$1"
}

# The state over both transports.
for url in "$ws" "$tcp"; do
    "$dragoman" ctl --url "$url" state.get >"$work/state.json" 2>"$work/err.txt" ||
        fail "state.get over $url: $(cat "$work/err.txt")"
    [[ $(field "$work/state.json" 'len(state["seats"])') == 30 ]] ||
        fail "state.get over $url: seats $(field "$work/state.json" 'state["seats"]')"
    echo "state.get over $url: revision $(field "$work/state.json" 'state["revision"]')"
done

# A command over tcp://, its effect seen over ws://.
"$dragoman" ctl --url "$tcp" seat.mic seat=en-1 on=true >"$work/mic.json" 2>"$work/err.txt" ||
    fail "seat.mic: $(cat "$work/err.txt")"
[[ $(field "$work/mic.json" 'state["queued"]') == True ]] || fail "seat.mic answered $(cat "$work/mic.json")"
live=""
for _ in $(seq 50); do
    "$dragoman" ctl --url "$ws" state.get >"$work/state.json"
    live=$(field "$work/state.json" '[seat["live"] for seat in state["seats"] if seat["id"] == "en-1"][0]')
    [[ $live == True ]] && break
    sleep 0.1
done
[[ $live == True ]] || fail "en-1 is not live after seat.mic: $(cat "$work/state.json")"
echo "seat.mic over tcp: en-1 live in the state over ws"

expect "unknown method" 1 "^dragoman ctl: -32601 " -- "$dragoman" ctl --url "$tcp" no.such.method
expect "bad params" 1 "^dragoman ctl: -32602 " -- "$dragoman" ctl --url "$ws" seat.volume seat=en-1 db=loud
expect "viewer" 1 "^dragoman ctl: -32002 " -- \
    "$dragoman" ctl --url "$ws" --token view-astana-demo seat.mic seat=en-1 on=false
expect "wrong token" 1 "^dragoman ctl: -32001 " -- "$dragoman" ctl --url "$tcp" --token nope state.get

# --watch sees the event of a command made by another client.
"$dragoman" ctl --url "$ws" --watch event >"$work/watch.txt" 2>"$work/watch-err.txt" &
watch_pid=$!
for _ in $(seq 50); do
    grep -q "connected to" "$work/watch-err.txt" && break
    sleep 0.1
done
"$dragoman" ctl --url "$tcp" seat.mic seat=en-1 on=false >/dev/null || fail "seat.mic off"
for _ in $(seq 50); do
    [[ -s $work/watch.txt ]] && break
    sleep 0.1
done
kill -INT "$watch_pid"
wait "$watch_pid" || fail "--watch did not end cleanly on SIGINT"
grep -q '^{"method":"event","params":{' "$work/watch.txt" || fail "--watch printed: $(cat "$work/watch.txt")"
echo "watch: $(head -n 1 "$work/watch.txt")"

# The HTTP side.
"$dragoman" ctl --url "http://127.0.0.1:$http_port" get /api/state >"$work/http-state.json" 2>"$work/err.txt" ||
    fail "get /api/state: $(cat "$work/err.txt")"
field "$work/http-state.json" 'state["revision"]' >/dev/null || fail "get /api/state printed $(head -c 300 "$work/http-state.json")"
"$dragoman" ctl --url "$ws" get /metrics >"$work/metrics.txt" 2>"$work/err.txt" || fail "get /metrics: $(cat "$work/err.txt")"
[[ -s $work/metrics.txt ]] || fail "get /metrics printed nothing"
echo "get: /api/state and /metrics ($(wc -l <"$work/metrics.txt") lines)"
expect "get without token" 1 "HTTP 401" -- env DRAGOMAN_TOKEN= "$dragoman" ctl --url "$ws" get /api/state

stop_control_engine
