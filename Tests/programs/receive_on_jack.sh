#!/usr/bin/env bash
# receive_on_jack: `dragoman receive` plays ffmpeg's stream through PortAudio on a JACK dummy
# server (the delegate's headphones without a sound card). Checks: the callback pulled audio in
# real time, packets were played, and the stats file was written.
# shellcheck source-path=SCRIPTDIR
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/receive_lib.sh"
trap 'receive_cleanup; cleanup' EXIT

start_jack 2 2
start_sender 1000 "$work/ch.sdp" "127.0.0.1:$base_port"
"$dragoman" receive --sdp "$work/ch.sdp" --host-api JACK --seconds 3 --stats "$work/s.json" \
    </dev/null >"$work/stdout.txt" 2>"$work/stderr.txt" || fail "dragoman receive failed"
grep -q "on JACK" "$work/stdout.txt" || fail "not played through JACK"
frames=$(json_value "$work/s.json" 'j["output_frames"]')
received=$(json_value "$work/s.json" 'j["packets"]["received"]')
echo "output_frames=$frames received=$received"
# 3 s at 48 kHz is 144,000 frames; without real-time scheduling the dummy server loses some.
minimum=100000
[[ $jack_realtime -eq 1 ]] || minimum=50000
check "$frames > $minimum" "only $frames frames pulled by the audio callback"
check "$received > 200" "only $received packets"
check "$(json_value "$work/s.json" 'j["playing"]')" "not playing at the end"
echo "PASS"
