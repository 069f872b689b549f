#!/usr/bin/env bash
# engine_device_errors: device problems end `dragoman engine` with exit code 1 and a message that
# says what exists: an unknown host API lists the available ones; a device with too few channels
# says how many it has; a JACK server that goes away ends the run instead of hanging it.
# shellcheck source-path=SCRIPTDIR
source "$(dirname "$0")/lib.sh"

expect_failure() { # NAME OUTPUT_FILE CODE PATTERN...
    local name=$1 output=$2 code=$3
    shift 3
    [[ $code -eq 1 ]] || fail "$name: exit code $code, expected 1"
    local pattern
    for pattern in "$@"; do
        grep -q -- "$pattern" "$output" || fail "$name: the message lacks '$pattern': $(cat "$output")"
    done
    echo "$name: $(grep -m 1 -- "$1" "$output")"
}

# The session names a host API that does not exist. No JACK server runs for this part, so
# PortAudio lists at least ALSA.
sed 's/^  host_api: JACK$/  host_api: NoSuchHostApi/' "$source_dir/Assets/sessions/minimal.yaml" \
    >"$work/unknown-api.yaml"
grep -q 'host_api: NoSuchHostApi' "$work/unknown-api.yaml" || fail "could not rewrite minimal.yaml's host_api"
code=0
JACK_DEFAULT_SERVER="dragoman-none-$$" "$dragoman" engine "$work/unknown-api.yaml" --seconds 1 \
    >"$work/unknown-api.txt" 2>&1 || code=$?
expect_failure "unknown host API" "$work/unknown-api.txt" "$code" "NoSuchHostApi" "available:" "ALSA"

# The same through --host-api.
code=0
JACK_DEFAULT_SERVER="dragoman-none-$$" "$dragoman" engine "$source_dir/Assets/sessions/minimal.yaml" \
    --host-api NoSuchHostApi --seconds 1 >"$work/host-api-option.txt" 2>&1 || code=$?
expect_failure "--host-api" "$work/host-api-option.txt" "$code" "no such host API" "ALSA"

# A JACK server with the minimal session's 5 inputs and 7 outputs cannot carry the Astana
# session's 31 inputs.
start_jack 5 7
code=0
"$dragoman" engine "$source_dir/Assets/sessions/astana.yaml" --seconds 1 >"$work/few-channels.txt" 2>&1 ||
    code=$?
expect_failure "too few channels" "$work/few-channels.txt" "$code" "has 5 input channels" "channel 31"

# The JACK server goes away while the engine runs: it must notice, say so and end with 1 rather
# than hang (PortAudio would wait ten minutes to stop such a stream).
"$dragoman" engine "$source_dir/Assets/sessions/minimal.yaml" --status-interval 0.2 \
    >"$work/lost.txt" 2>&1 &
engine_pid=$!
for _ in $(seq 100); do
    sleep 0.1
    grep -q '^-- .* callbacks' "$work/lost.txt" && break
done
JACK_DUMMY_DIR=$work "$jack_dummy" stop "$jack_server" 2>/dev/null
jack_server=""
for _ in $(seq 150); do
    kill -0 "$engine_pid" 2>/dev/null || break
    sleep 0.1
done
kill -0 "$engine_pid" 2>/dev/null && fail "server lost: dragoman engine still runs 15 s after its JACK server stopped"
code=0
wait "$engine_pid" || code=$?
engine_pid=""
expect_failure "server lost" "$work/lost.txt" "$code" "stopped by itself" "(device lost)"
