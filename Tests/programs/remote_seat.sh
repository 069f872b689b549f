#!/usr/bin/env bash
# remote_seat: a remote interpreter on loopback, through loss and jitter both ways.
# `dragoman engine` on a JACK dummy server runs a session whose seat ru-2 is remote; its floor is
# a loud 1 kHz tone (-1 dBFS). `dragoman seat` plays the interpreter: its microphone is a 660 Hz
# tone at -12 dBFS from a file, its ears are written to a WAV file, and its headset is calibrated
# at 120 dB SPL full scale. Both legs pass through `dragoman-impair` (5 % loss, 0-5 ms jitter).
# Checks:
# - the interpreter reaches the channel: ru, decoded by `dragoman receive` from the engine's SDP,
#   carries 660 Hz at the microphone's level;
# - the floor reaches the ears (1 kHz), and the remote side's limiter holds this headset's limits
#   although the engine's seat path (110 dB SPL calibration) let a louder feed through: no sample
#   above a 100 dB SPL sine's peak (-20 dBFS here), no 100 ms above 94 dB SPL (RMS);
# - both ends counted the loss.
# shellcheck source-path=SCRIPTDIR
source "$(dirname "$0")/lib.sh"
require sox
source "$(dirname "$0")/receive_lib.sh"
trap 'receive_cleanup; cleanup' EXIT
impair=$(dirname "$dragoman")/../tools/impair/dragoman-impair
[[ -x $impair ]] || { echo "SKIP: dragoman-impair is not built" >&2; exit 77; }

start_jack 2 2
make_tone "$work/floor.wav" 1000 -1
make_tone "$work/mic.wav" 660 -12
printf '0 seat ru-2 mic on\n0 seat ru-2 listen floor\n' >"$work/meeting.events"

channel_port=$base_port        # ru to delegates (RTCP + 1)
engine_mic=$((base_port + 2))  # the engine's remote.listen
relay_mic=$((base_port + 4))   # the seat sends its microphone here
seat_feed=$((base_port + 6))   # the seat listens here
relay_feed=$((base_port + 8))  # the engine's remote.send_to
write_remote_seat_session "$work/session.yaml" "Remote seat" "$engine_mic" "$relay_feed" "$channel_port"

"$impair" --listen "127.0.0.1:$relay_mic" --forward "127.0.0.1:$engine_mic" \
    --loss 5 --jitter 5 --seed 1 >"$work/impair-mic.log" 2>&1 &
sender_pids+=($!)
"$impair" --listen "127.0.0.1:$relay_feed" --forward "127.0.0.1:$seat_feed" \
    --loss 5 --jitter 5 --seed 2 >"$work/impair-feed.log" 2>&1 &
sender_pids+=($!)

"$dragoman" engine "$work/session.yaml" --in floor="$work/floor.wav" \
    --events "$work/meeting.events" --sdp-dir "$work/sdp" --seconds 30 \
    >"$work/engine.txt" 2>"$work/engine-stderr.txt" &
engine_pid=$!
for _ in $(seq 200); do
    grep -q 'ru-2 is live on ru' "$work/engine.txt" 2>/dev/null && break
    kill -0 "$engine_pid" 2>/dev/null || fail "dragoman engine exited early"
    sleep 0.05
done
grep -q 'ru-2 is live on ru' "$work/engine.txt" || fail "ru-2 did not go live on ru"
grep -q "remote seat ru-2: microphone on 127.0.0.1:$engine_mic" "$work/engine.txt" ||
    fail "the engine did not announce the remote seat"

"$dragoman" seat --engine "127.0.0.1:$relay_mic" --listen "127.0.0.1:$seat_feed" \
    --spl-at-0dbfs 120 --name ru-2 --in "$work/mic.wav" --out "$work/ears.wav" --seconds 12 \
    --stats "$work/seat.json" >"$work/seat.txt" 2>"$work/seat-stderr.txt" &
seat_pid=$!
sender_pids+=($seat_pid)
sleep 2 # the seat's microphone reaches the channel; the receiver then hears it from the start
"$dragoman" receive --sdp "$work/sdp/ru.sdp" --out "$work/channel.wav" --seconds 5 \
    </dev/null >"$work/receive.txt" 2>"$work/receive-stderr.txt" || fail "dragoman receive failed"
wait "$seat_pid" || fail "dragoman seat failed"

analyse_wav "$work/channel.wav" >"$work/channel.txt"
echo "channel: $(tr '\n' ' ' <"$work/channel.txt")"
c="$work/channel.txt"
check "abs($(value freq "$c") - 660) < 5" "the channel carries $(value freq "$c") Hz, not the mic"
# A -12 dBFS peak sine is -15 dBFS RMS.
check "abs($(value rms_dbfs "$c") + 15.0) < 3.0" "channel level $(value rms_dbfs "$c") dBFS"

"$python" - "$work/ears.wav" >"$work/ears.txt" <<'PY'
import struct, sys
import numpy as np
data = open(sys.argv[1], "rb").read()
i = 12
while i + 8 <= len(data):
    cid, size = data[i:i + 4], struct.unpack("<I", data[i + 4:i + 8])[0]
    if cid == b"data":
        x = np.frombuffer(data[i + 8:i + 8 + size], dtype="<f4").astype(np.float64)
        break
    i += 8 + size + (size & 1)
loud = np.nonzero(np.abs(x) > 1e-3)[0]
y = x[loud[0] + 24000:] if len(loud) else x
spectrum = np.abs(np.fft.rfft(y * np.hanning(len(y))))
print(f"freq={np.fft.rfftfreq(len(y), 1 / 48000)[np.argmax(spectrum)]:.1f}")
print(f"peak_dbfs={20 * np.log10(np.max(np.abs(x)) + 1e-12):.3f}")
w = 4800  # 100 ms windows, hopping by 10 ms
ms = np.convolve(x ** 2, np.ones(w) / w, "valid")[::480]
print(f"max_100ms_rms_dbfs={10 * np.log10(np.max(ms) + 1e-20):.3f}")
print(f"rms_dbfs={10 * np.log10(np.mean(y ** 2) + 1e-20):.2f}")
print(f"seconds={len(x) / 48000:.2f}")
PY
echo "ears: $(tr '\n' ' ' <"$work/ears.txt")"
e="$work/ears.txt"
check "abs($(value freq "$e") - 1000) < 5" "the ears hear $(value freq "$e") Hz, not the floor"
# Headset at 120 dB SPL full scale: a 100 dB SPL sine peaks at -20 dBFS; a 94 dB SPL sine's RMS
# is -26 dBFS - 3.01 dB.
check "$(value peak_dbfs "$e") <= -20.0 + 0.001" "a sample at $(value peak_dbfs "$e") dBFS passed the ceiling"
check "$(value max_100ms_rms_dbfs "$e") <= -29.03 + 0.01" \
    "100 ms at $(value max_100ms_rms_dbfs "$e") dBFS RMS passed the 94 dB SPL limit"
check "$(value rms_dbfs "$e") > -36" "the ears heard too little: $(value rms_dbfs "$e") dBFS"

s="$work/seat.json"
echo "seat: sent $(json_value "$s" 'j["microphone"]["packets"]')," \
    "feed received $(json_value "$s" 'j["headphones"]["received"]') lost $(json_value "$s" 'j["headphones"]["lost"]')," \
    "buffer $(json_value "$s" 'round(j["headphones"]["buffer_delay_ms"],1)') ms," \
    "limiter -$(json_value "$s" 'round(j["limiter"]["max_reduction_db"],1)') dB"
check "$(json_value "$s" 'j["headphones"]["lost"]') > 0" "the seat counted no loss through a 5 % relay"
check "$(json_value "$s" 'j["microphone"]["packets"]') > 2000" "the seat sent too few packets"
kill -TERM "$engine_pid" 2>/dev/null || true
wait "$engine_pid" || true
engine_pid=""
grep 'remote seat ru-2: microphone [0-9]' "$work/engine.txt" || fail "no remote seat counters"
check "$(sed -n 's/.*remote seat ru-2: microphone [0-9]* packets, \([0-9]*\) lost.*/\1/p' "$work/engine.txt") > 0" \
    "the engine counted no loss on the microphone leg"
echo "PASS"
