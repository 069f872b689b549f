#!/usr/bin/env bash
# engine_stops_on_signal: without --seconds, `dragoman engine` runs until SIGINT or SIGTERM, then
# stops the stream, prints its summary and writes the JSON status, and exits 0.
# shellcheck source-path=SCRIPTDIR
source "$(dirname "$0")/lib.sh"

start_jack 5 7 # the minimal session's mapping: 5 inputs, 7 outputs
for signal in INT TERM; do
    rm -f "$work/status.json"
    "$dragoman" engine "$source_dir/Assets/sessions/minimal.yaml" --status-interval 0.2 \
        --json-status "$work/status.json" >"$work/stdout.txt" 2>"$work/stderr.txt" &
    engine_pid=$!
    # Wait for the first status table (the stream runs) rather than a fixed time: a slow machine
    # may take a while to start.
    for _ in $(seq 100); do
        sleep 0.1
        grep -q '^-- .* callbacks' "$work/stdout.txt" && break
    done
    grep -q '^-- .* callbacks' "$work/stdout.txt" || fail "SIG$signal: no status table within 10 s"
    kill -s "$signal" "$engine_pid"
    code=0
    wait "$engine_pid" || code=$?
    engine_pid=""
    [[ $code -eq 0 ]] || fail "SIG$signal: dragoman engine exited with $code"
    grep -q 'stopped after .* (signal):' "$work/stdout.txt" || fail "SIG$signal: no final summary"
    grep -q '"callbacks": [1-9]' "$work/status.json" || fail "SIG$signal: no callbacks in the JSON status"
done
echo "stops cleanly on SIGINT and SIGTERM"
