# shellcheck shell=bash disable=SC2034  # sourced by the control API program tests
# Starts `dragoman engine` on a JACK dummy server with the Astana session, its control API on two
# free loopback ports ($http_port, $tcp_port), the demo tokens and a presets folder in $work;
# rpc, for calls over an engine's TCP line port; and expect, for a client's exit code and error
# line. Needs lib.sh sourced first.

control_ports() {
    "$python" - <<'PORTS'
import socket
sockets = []
for _ in range(2):
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    sockets.append(s)
print(" ".join(str(s.getsockname()[1]) for s in sockets))
PORTS
}

start_control_engine() {
    [[ -n $python ]] || { echo "SKIP: python3 is not installed" >&2; exit 77; }
    require sox
    start_jack 31 43
    make_tone "$work/floor.wav" 440 -12
    make_tone "$work/en-1.wav" 1000 -20
    read -r http_port tcp_port < <(control_ports)
    sed -e "s/127.0.0.1:7700/127.0.0.1:$http_port/" -e "s/127.0.0.1:7701/127.0.0.1:$tcp_port/" \
        -e "s|presets_dir: presets|presets_dir: $work/presets|" \
        "$source_dir/Assets/sessions/astana.yaml" >"$work/astana.yaml"
    cp "$source_dir/Assets/sessions/astana.tokens.yaml" "$work/"
    "$dragoman" engine "$work/astana.yaml" --in floor="$work/floor.wav" --in en-1="$work/en-1.wav" \
        --status-interval 0 >"$work/stdout.txt" 2>"$work/stderr.txt" &
    engine_pid=$!
    for _ in $(seq 100); do
        grep -q '^control API: ' "$work/stdout.txt" 2>/dev/null && return 0
        kill -0 "$engine_pid" 2>/dev/null || fail "dragoman engine exited early"
        sleep 0.1
    done
    fail "the control API did not start within 10 s"
}

stop_control_engine() {
    kill -TERM "$engine_pid"
    local code=0
    wait "$engine_pid" || code=$?
    engine_pid=""
    [[ $code -eq 0 ]] || fail "dragoman engine exited with $code after SIGTERM"
}

# rpc TOKEN METHOD JSON: one call over the TCP line port $rpc_port (set by the test), authenticated
# with TOKEN; fails the test on an error reply. Every call and reply is logged in rpc.log.
rpc() {
    PYTHONPATH="$source_dir/Tests/programs${PYTHONPATH:+:$PYTHONPATH}" \
        "$python" - "$rpc_port" "$@" <<'RPC' >>"$work/rpc.log" 2>&1 || fail "rpc $*: $(tail -1 "$work/rpc.log")"
import json, sys
from control_rpc import LineClient
port, token, method, params = int(sys.argv[1]), sys.argv[2], sys.argv[3], json.loads(sys.argv[4])
client = LineClient(port)
assert "result" in client.call("auth", {"token": token}), "auth failed"
reply = client.call(method, params)
print(method, json.dumps(params), "->", json.dumps(reply))
assert "result" in reply, reply.get("error")
RPC
}

expect() { # NAME CODE PATTERN -- COMMAND...: COMMAND exits CODE and its stderr matches PATTERN
    local name=$1 expected=$2 pattern=$3
    shift 4
    local code=0
    "$@" >"$work/out.txt" 2>"$work/err.txt" || code=$?
    [[ $code -eq $expected ]] || fail "$name: exit code $code, expected $expected: $(cat "$work/err.txt")"
    grep -q -- "$pattern" "$work/err.txt" || fail "$name: stderr lacks '$pattern': $(cat "$work/err.txt")"
    echo "$name: exit $code, $(head -n 1 "$work/err.txt")"
}
