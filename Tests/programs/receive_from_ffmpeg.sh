#!/usr/bin/env bash
# receive_from_ffmpeg: ffmpeg sends a 1 kHz tone as RTP/Opus to 127.0.0.1 and writes the SDP;
# `dragoman receive --sdp` writes what it plays to a WAV file for 6 s (long enough for ffmpeg's
# second RTCP sender report, 5 s after its first). Checks: the frequency and level, no gap,
# packets counted, nothing lost or refused, and a mouth-to-ear delay from RTCP.
# shellcheck source-path=SCRIPTDIR
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/receive_lib.sh"
trap 'receive_cleanup; cleanup' EXIT

start_sender 1000 "$work/ch.sdp" "127.0.0.1:$base_port"
"$dragoman" receive --sdp "$work/ch.sdp" --list >"$work/list.txt" 2>&1 ||
    fail "--list failed: $(cat "$work/list.txt")"
grep -q "127.0.0.1:$base_port" "$work/list.txt" || fail "--list does not show the channel"

"$dragoman" receive --sdp "$work/ch.sdp" --out "$work/out.wav" --seconds 6 \
    --stats "$work/s.json" </dev/null >"$work/stdout.txt" 2>"$work/stderr.txt" ||
    fail "dragoman receive failed"
analyse_wav "$work/out.wav" >"$work/analysis.txt"
cat "$work/analysis.txt"
a="$work/analysis.txt"
check "abs($(value freq "$a") - 1000) < 5" "frequency $(value freq "$a") Hz, not 1000"
# ffmpeg's sine: amplitude 1/8, so -18 dBFS peak, -21 dBFS RMS; Opus at 32 kb/s keeps it.
check "abs($(value rms_dbfs "$a") + 21.1) < 1.0" "level $(value rms_dbfs "$a") dBFS, not -21"
check "$(value start_ms "$a") < 300" "playback began only after $(value start_ms "$a") ms"
check "$(value longest_gap_ms "$a") <= 10" "a gap of $(value longest_gap_ms "$a") ms"
received=$(json_value "$work/s.json" 'j["packets"]["received"]')
check "$received > 500" "only $received packets received"
# Loopback loses nothing, but a busy CI machine may deliver a packet after its time (counted lost).
lost=$(json_value "$work/s.json" 'j["packets"]["lost"]')
check "$lost <= 0.02 * $received" "$lost packets lost on loopback"
check "$(json_value "$work/s.json" 'sum(j["bad_packets"].values())') == 0" "bad packets counted"
m2e=$(json_value "$work/s.json" 'j["mouth_to_ear_ms"]')
echo "received=$received mouth_to_ear_ms=$m2e buffer_ms=$(json_value "$work/s.json" 'round(j["buffer_delay_ms"],1)')"
[[ $m2e != None ]] || fail "no mouth-to-ear delay: no RTCP sender report was used"
check "0 < $m2e < 300" "mouth-to-ear delay $m2e ms"
echo "PASS"
