#!/usr/bin/env bash
# receive_loss_jitter: ffmpeg's 1 kHz tone through dragoman-impair (5 % random loss, 0-10 ms
# jitter, seed 1) to `dragoman receive`. Checks: no gap longer than one 10 ms frame that PLC/FEC
# did not fill, the tone and its level kept, the loss counted, and the buffer settled at a
# delay that follows the jitter (not seconds).
# shellcheck source-path=SCRIPTDIR
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/receive_lib.sh"
trap 'receive_cleanup; cleanup' EXIT
impair=$(dirname "$dragoman")/../tools/impair/dragoman-impair
[[ -x $impair ]] || { echo "SKIP: dragoman-impair is not built" >&2; exit 77; }

relay_port=$base_port
receiver_port=$((base_port + 4))
"$impair" --listen "127.0.0.1:$relay_port" --forward "127.0.0.1:$receiver_port" \
    --loss 5 --jitter 10 --seed 1 >"$work/impair.log" 2>&1 &
sender_pids+=($!)
start_sender 1000 "$work/sent.sdp" "127.0.0.1:$relay_port"
# The receiver listens behind the relay: the same description on the relay's output port.
sed "s/^m=audio $relay_port /m=audio $receiver_port /" "$work/sent.sdp" >"$work/ch.sdp"
"$dragoman" receive --sdp "$work/ch.sdp" --out "$work/out.wav" --seconds 8 \
    --stats "$work/s.json" </dev/null >"$work/stdout.txt" 2>"$work/stderr.txt" ||
    fail "dragoman receive failed"
analyse_wav "$work/out.wav" >"$work/analysis.txt"
cat "$work/analysis.txt"
a="$work/analysis.txt"
s="$work/s.json"
echo "lost=$(json_value "$s" 'j["packets"]["lost"]') late=$(json_value "$s" 'j["packets"]["late"]')" \
    "reordered=$(json_value "$s" 'j["packets"]["reordered"]')" \
    "concealed=$(json_value "$s" 'j["frames"]["concealed"]') fec=$(json_value "$s" 'j["frames"]["fec_recovered"]')" \
    "jitter_ms=$(json_value "$s" 'round(j["jitter_ms"],1)') buffer_ms=$(json_value "$s" 'round(j["buffer_delay_ms"],1)')" \
    "target_ms=$(json_value "$s" 'round(j["target_delay_ms"],1)')"
check "$(value longest_gap_ms "$a") <= 10" "a gap of $(value longest_gap_ms "$a") ms not filled"
check "abs($(value freq "$a") - 1000) < 5" "frequency $(value freq "$a") Hz"
check "abs($(value rms_dbfs "$a") + 21.1) < 2.0" "level $(value rms_dbfs "$a") dBFS"
lost=$(json_value "$s" 'j["packets"]["lost"]')
check "15 <= $lost <= 90" "expected about 5 % of ~790 packets lost, counted $lost"
check "$(json_value "$s" 'j["buffer_delay_ms"]') < 80" "the buffer did not settle"
echo "PASS"
