#!/usr/bin/env bash
# control_tls: the control API over TLS. A throwaway CA signs a certificate for 127.0.0.1 (made
# with openssl in the test's folder); `dragoman engine` runs the minimal session on a JACK dummy
# server with `control.tls` naming it. Checks:
# - `dragoman ctl --ca ca.pem` over wss:// and tls://: a method call and a state read;
# - without the CA (and without --insecure) the client refuses the engine: exit 3, a clear error;
# - --insecure connects without the CA;
# - plain ws:// and tcp:// clients on the TLS ports fail cleanly within their timeout, and the
#   engine keeps serving TLS clients afterwards;
# - curl --cacert reads /api/state over https (and without the CA it is refused).
# shellcheck source-path=SCRIPTDIR
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/control_lib.sh"
require openssl curl
[[ -n $python ]] || { echo "SKIP: python3 is not installed" >&2; exit 77; }

# The CA and the engine's certificate (subjectAltName IP:127.0.0.1, as clients check the host).
tls="$work/tls"
mkdir -p "$tls"
(
    cd "$tls"
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
        -subj "/CN=Dragoman test CA" -keyout ca.key -out ca.pem
    openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
        -subj "/CN=127.0.0.1" -keyout server.key -out server.csr
    printf '%s\n' 'subjectAltName=IP:127.0.0.1' 'basicConstraints=CA:FALSE' \
        'extendedKeyUsage=serverAuth' >server.ext
    openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 \
        -extfile server.ext -out server.pem
) >"$work/openssl.txt" 2>&1 || fail "openssl could not make the certificates: $(cat "$work/openssl.txt")"

start_jack 5 7
read -r http_port tcp_port < <(control_ports)
token=tech-tls-test-token
cp "$source_dir/Assets/sessions/minimal.yaml" "$work/session.yaml"
cat >>"$work/session.yaml" <<YAML
control:
  listen: 127.0.0.1:$http_port
  tcp: 127.0.0.1:$tcp_port
  tokens: [{ token: "$token", role: technician, name: "TLS test" }]
  presets_dir: $work/presets
  tls: { certificate: $tls/server.pem, key: $tls/server.key }
YAML
"$dragoman" engine "$work/session.yaml" --status-interval 0 >"$work/stdout.txt" 2>"$work/stderr.txt" &
engine_pid=$!
for _ in $(seq 100); do
    grep -q '^control API: ' "$work/stdout.txt" 2>/dev/null && break
    kill -0 "$engine_pid" 2>/dev/null || fail "dragoman engine exited early"
    sleep 0.1
done
grep -q '^control API: ' "$work/stdout.txt" || fail "the control API did not start within 10 s"
grep '^control API: ' "$work/stdout.txt"

wss="wss://127.0.0.1:$http_port/rpc"
tlsurl="tls://127.0.0.1:$tcp_port"
export DRAGOMAN_TOKEN=$token

field() { # FILE PYTHON_EXPRESSION_OF_state
    "$python" -c "import json, sys; state = json.load(open(sys.argv[1])); print($2)" "$1"
}

state_over() { # URL [CTL OPTIONS...]: state.get must work and show the session's four seats
    local url=$1
    shift
    "$dragoman" ctl --url "$url" "$@" state.get >"$work/state.json" 2>"$work/err.txt" ||
        fail "state.get over $url $*: $(cat "$work/err.txt")"
    [[ $(field "$work/state.json" 'len(state["seats"])') == 4 ]] ||
        fail "state.get over $url: seats $(field "$work/state.json" 'state["seats"]')"
    echo "state.get over $url $*: revision $(field "$work/state.json" 'state["revision"]')"
}

# With the CA: both transports, a method call over one and its effect read over the other.
state_over "$wss" --ca "$tls/ca.pem"
state_over "$tlsurl" --ca "$tls/ca.pem"
"$dragoman" ctl --url "$tlsurl" --ca "$tls/ca.pem" seat.mic seat=ru-1 on=true >"$work/mic.json" \
    2>"$work/err.txt" || fail "seat.mic over tls://: $(cat "$work/err.txt")"
live=""
for _ in $(seq 50); do
    "$dragoman" ctl --url "$wss" --ca "$tls/ca.pem" state.get >"$work/state.json"
    live=$(field "$work/state.json" '[seat["live"] for seat in state["seats"] if seat["id"] == "ru-1"][0]')
    [[ $live == True ]] && break
    sleep 0.1
done
[[ $live == True ]] || fail "ru-1 is not live after seat.mic over tls://: $(cat "$work/state.json")"
echo "seat.mic over tls://: ru-1 live in the state over wss://"

# Without the CA the engine's certificate is unknown: refused, exit 3, saying why.
expect "wss:// without the CA" 3 "certificate" -- "$dragoman" ctl --url "$wss" --timeout 3 state.get
expect "tls:// without the CA" 3 "certificate" -- "$dragoman" ctl --url "$tlsurl" --timeout 3 state.get
# --insecure skips the check.
state_over "$wss" --insecure
state_over "$tlsurl" --insecure

# Plain clients on the TLS ports: they fail within their timeout (no hang), and the engine
# carries on serving TLS clients.
for url in "ws://127.0.0.1:$http_port/rpc" "tcp://127.0.0.1:$tcp_port"; do
    code=0
    timeout 20 "$dragoman" ctl --url "$url" --timeout 2 state.get >"$work/out.txt" 2>"$work/err.txt" || code=$?
    [[ $code -ne 0 && $code -ne 124 ]] || fail "plain $url on a TLS port: exit code $code: $(cat "$work/err.txt")"
    [[ -s $work/err.txt ]] || fail "plain $url on a TLS port failed without a word"
    echo "plain $url on the TLS port: exit $code, $(head -n 1 "$work/err.txt")"
done
code=0
curl -sS --max-time 5 "http://127.0.0.1:$http_port/api/state" -o /dev/null 2>"$work/err.txt" || code=$?
[[ $code -ne 0 ]] || fail "plain HTTP on the TLS port answered"
echo "plain http on the TLS port: curl exit $code"
kill -0 "$engine_pid" 2>/dev/null || fail "the engine died after plain clients"
state_over "$wss" --ca "$tls/ca.pem"
state_over "$tlsurl" --ca "$tls/ca.pem"

# HTTPS for curl, with the CA; without it curl refuses.
curl -sS --max-time 10 --cacert "$tls/ca.pem" -H "Authorization: Bearer $token" \
    "https://127.0.0.1:$http_port/api/state" -o "$work/https-state.json" 2>"$work/err.txt" ||
    fail "curl https /api/state: $(cat "$work/err.txt")"
field "$work/https-state.json" 'state["revision"]' >/dev/null ||
    fail "https /api/state gave $(head -c 300 "$work/https-state.json")"
echo "curl https /api/state: revision $(field "$work/https-state.json" 'state["revision"]')"
code=0
curl -sS --max-time 10 -H "Authorization: Bearer $token" "https://127.0.0.1:$http_port/api/state" \
    -o /dev/null 2>"$work/err.txt" || code=$?
[[ $code -eq 60 ]] || fail "curl without the CA: exit $code, expected 60: $(cat "$work/err.txt")"
echo "curl https without the CA: exit 60"

kill -TERM "$engine_pid"
code=0
wait "$engine_pid" || code=$?
engine_pid=""
[[ $code -eq 0 ]] || fail "dragoman engine exited with $code after SIGTERM"
echo "PASS"
