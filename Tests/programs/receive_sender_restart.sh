#!/usr/bin/env bash
# receive_sender_restart: the sender restarts (a new ffmpeg: new SSRC, sequence numbers and
# timestamps) on the same port while the receiver plays. Checks: the receiver follows the new
# stream within a second of its first packet and counts the SSRC change.
# shellcheck source-path=SCRIPTDIR
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/receive_lib.sh"
trap 'receive_cleanup; cleanup' EXIT

start_sender 1000 "$work/ch.sdp" "127.0.0.1:$base_port"
"$dragoman" receive --sdp "$work/ch.sdp" --out "$work/out.wav" --seconds 5 \
    --stats "$work/s.json" </dev/null >"$work/stdout.txt" 2>"$work/stderr.txt" &
engine_pid=$!
sleep 2
kill "${sender_pids[0]}"
wait "${sender_pids[0]}" 2>/dev/null || true
start_sender 1500 "$work/ch2.sdp" "127.0.0.1:$base_port"
wait "$engine_pid" || fail "dragoman receive failed"
engine_pid=""
changes=$(json_value "$work/s.json" 'j["ssrc_changes"]')
echo "ssrc_changes=$changes"
check "$changes >= 1" "the SSRC change was not counted"
# The last 1.5 s (more than 1 s after the new sender's start) must be the new tone.
"$python" - "$work/out.wav" >"$work/analysis.txt" <<'PY'
import struct, sys
import numpy as np
data = open(sys.argv[1], "rb").read()
i = 12
while data[i:i + 4] != b"data":
    i += 8 + struct.unpack("<I", data[i + 4:i + 8])[0]
x = np.frombuffer(data[i + 8:], dtype="<f4").astype(np.float64)
y = x[-72000:]
f = np.fft.rfftfreq(len(y), 1 / 48000)[np.argmax(np.abs(np.fft.rfft(y * np.hanning(len(y)))))]
print(f"tail_freq={f:.1f}")
print(f"tail_rms_dbfs={20 * np.log10(np.sqrt(np.mean(y ** 2)) + 1e-12):.2f}")
PY
cat "$work/analysis.txt"
check "abs($(value tail_freq "$work/analysis.txt") - 1500) < 5" "the new stream is not playing"
check "$(value tail_rms_dbfs "$work/analysis.txt") > -24" "the new stream plays too quietly"
echo "PASS"
