#!/usr/bin/env bash
# receive_channel_switch: two ffmpeg senders, 1 kHz and 1.5 kHz, on two ports with two SDPs.
# `dragoman receive --sdp a.sdp b.sdp` plays the first; `channel b` on its standard input
# switches. Checks: the time from the request to the new tone in the output (target well under
# 100 ms), no click around the switch (largest sample step no larger than the tones' own), and
# `next` / `prev` switch back and forth.
# shellcheck source-path=SCRIPTDIR
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/receive_lib.sh"
trap 'receive_cleanup; cleanup' EXIT

start_sender 1000 "$work/a.sdp" "127.0.0.1:$base_port"
start_sender 1500 "$work/b.sdp" "127.0.0.1:$((base_port + 2))"
{
    sleep 2
    echo "channel b"
    sleep 1.5
    echo "prev"
    sleep 1
    echo "next"
    sleep 3
} | "$dragoman" receive --sdp "$work/a.sdp" "$work/b.sdp" --out "$work/out.wav" --seconds 6 \
    --stats "$work/s.json" >"$work/stdout.txt" 2>"$work/stderr.txt" ||
    fail "dragoman receive failed"
grep switched "$work/stdout.txt" || fail "no switch reported"
[[ $(grep -c switched "$work/stdout.txt") -eq 3 ]] || fail "expected three switches"
first=$(grep -m1 switched "$work/stdout.txt")
request=$(sed -n 's/.*request at output frame \([0-9]*\).*/\1/p' <<<"$first")
reported=$(sed -n 's/.* in \([0-9.]*\) ms.*/\1/p' <<<"$first")
analyse_wav "$work/out.wav" "$request" 1000 1500 >"$work/analysis.txt"
cat "$work/analysis.txt"
a="$work/analysis.txt"
echo "switch: receiver reports ${reported} ms to the crossfade; the new tone dominates after $(value switch_ms "$a") ms"
check "0 <= $(value switch_ms "$a") < 60" "switch took $(value switch_ms "$a") ms"
check "abs($(value new_freq "$a") - 1500) < 5" "after the switch $(value new_freq "$a") Hz"
# A 1.5 kHz sine at amplitude 1/8 steps at most 0.0245 per sample; a click is far larger.
check "$(value switch_max_step "$a") < 0.03" "a click at the switch: step $(value switch_max_step "$a")"
check "$(value longest_gap_ms "$a") <= 10" "a gap of $(value longest_gap_ms "$a") ms"
# Coming back to a channel starts its stream afresh: that is no SSRC change.
check "$(json_value "$work/s.json" 'j["ssrc_changes"]') == 0" "switches counted as SSRC changes"
echo "PASS"
