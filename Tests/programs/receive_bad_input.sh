#!/usr/bin/env bash
# receive_bad_input: while the receiver plays ffmpeg's 1 kHz tone, a python sender sprays the
# same port with random bytes, truncated RTP headers, RTP of the wrong payload type and a packet
# flood. Checks: playback never stopped (no gap, the tone at its level) and every kind was counted.
# shellcheck source-path=SCRIPTDIR
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/receive_lib.sh"
trap 'receive_cleanup; cleanup' EXIT

start_sender 1000 "$work/ch.sdp" "127.0.0.1:$base_port"
"$dragoman" receive --sdp "$work/ch.sdp" --out "$work/out.wav" --seconds 5 \
    --stats "$work/s.json" </dev/null >"$work/stdout.txt" 2>"$work/stderr.txt" &
engine_pid=$!
sleep 1
"$python" - "$base_port" >"$work/sent.txt" <<'PY'
import random, socket, struct, sys, time
port = int(sys.argv[1])
rng = random.Random(7)
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sent = {"not_rtp": 0, "truncated": 0, "wrong_payload_type": 0}
end = time.monotonic() + 2.5
while time.monotonic() < end:
    for _ in range(20):  # 20 bad datagrams every 2 ms: 10,000 a second, 100 x the stream's rate
        kind = rng.choice(list(sent))
        if kind == "not_rtp":
            data = bytes([rng.randrange(0, 0x80) & 0x3f]) + rng.randbytes(rng.randrange(12, 1400))
        elif kind == "truncated":
            data = bytes([0x80, 97]) + rng.randbytes(rng.randrange(0, 10))
        else:
            data = struct.pack("!BBHII", 0x80, 0, rng.randrange(65536), 0, 1234) + b"\xf8\x00"
        s.sendto(data, ("127.0.0.1", port))
        sent[kind] += 1
    time.sleep(0.002)
for k, v in sent.items():
    print(f"{k}={v}")
PY
wait "$engine_pid" || fail "dragoman receive failed"
engine_pid=""
cat "$work/sent.txt"
analyse_wav "$work/out.wav" >"$work/analysis.txt"
cat "$work/analysis.txt"
a="$work/analysis.txt"
check "abs($(value freq "$a") - 1000) < 5" "frequency $(value freq "$a") Hz, not 1000"
check "abs($(value rms_dbfs "$a") + 21.1) < 1.0" "level $(value rms_dbfs "$a") dBFS"
check "$(value longest_gap_ms "$a") <= 10" "playback broke: a gap of $(value longest_gap_ms "$a") ms"
for kind in not_rtp truncated wrong_payload_type; do
    sent=$(value "$kind" "$work/sent.txt")
    counted=$(json_value "$work/s.json" "j['bad_packets']['$kind']")
    dropped=$(json_value "$work/s.json" "j['inbox_dropped']")
    echo "$kind: sent $sent counted $counted (inbox dropped $dropped in all)"
    # The kernel may drop some of a flood, and a full inbox drops some: most must be counted.
    check "$counted > 0.5 * $sent and $counted <= $sent" "$kind: sent $sent, counted $counted"
done
check "$(json_value "$work/s.json" 'j["packets"]["received"]') > 400" "too few good packets"
echo "PASS"
