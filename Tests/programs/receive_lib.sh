# shellcheck shell=bash disable=SC2034,SC2154  # sourced by the receive_*.sh tests after lib.sh
# Helpers for the receiver tests: ffmpeg as an RTP/Opus sender on loopback, ports that parallel
# tests do not share, and a numpy analysis of the receiver's WAV output.
require ffmpeg
[[ -n $python ]] || { echo "SKIP: python3 is not installed" >&2; exit 77; }
"$python" -c 'import numpy' 2>/dev/null || { echo "SKIP: numpy is not installed" >&2; exit 77; }

sender_pids=()
receive_cleanup() {
    local pid
    for pid in "${sender_pids[@]}"; do
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
}

# An even port (RTP; RTCP is the next one) derived from the test's pid: parallel tests differ.
base_port=$((20000 + ($$ % 2000) * 10))

# HZ SDP DESTINATION: sends a sine (-18 dBFS peak: ffmpeg's amplitude 1/8) for 20 s in real
# time as RTP/Opus with 10 ms frames, and waits for its SDP. The source makes 480-sample frames
# so that -re paces one packet every 10 ms, as a live sender does (from a file, ffmpeg sends
# bursts of 1024 samples and the jitter buffer grows to match).
start_sender() {
    ffmpeg -hide_banner -loglevel error -nostdin -re \
        -f lavfi -i "sine=frequency=$1:sample_rate=48000:samples_per_frame=480:duration=20" \
        -c:a libopus -b:a 32k -frame_duration 10 -application lowdelay -f rtp -sdp_file "$2" \
        "rtp://$3" >>"$work/ffmpeg.log" 2>&1 &
    sender_pids+=($!)
    local _
    for _ in $(seq 50); do
        [[ -s $2 ]] && return 0
        sleep 0.05
    done
    fail "ffmpeg wrote no SDP to $2"
}

# Prints analysis of a receiver WAV as KEY=VALUE lines (see the python below).
# WAV [SWITCH_FRAME OLD_HZ NEW_HZ]
analyse_wav() {
    "$python" - "$@" <<'PY'
import struct, sys
import numpy as np

def read_wav(path):
    data = open(path, "rb").read()
    i, fmt, samples = 12, None, None
    while i + 8 <= len(data):
        cid, size = data[i:i + 4], struct.unpack("<I", data[i + 4:i + 8])[0]
        if cid == b"fmt ":
            fmt = struct.unpack("<HHIIHH", data[i + 8:i + 24])
        if cid == b"data":
            samples = data[i + 8:i + 8 + size]
            break
        i += 8 + size + (size & 1)
    assert fmt and fmt[0] == 3 and fmt[5] == 32 and fmt[2] == 48000, fmt
    return np.frombuffer(samples, dtype="<f4").astype(np.float64)

def dominant(y):
    spectrum = np.abs(np.fft.rfft(y * np.hanning(len(y))))
    return np.fft.rfftfreq(len(y), 1 / 48000)[np.argmax(spectrum)]

x = read_wav(sys.argv[1])
loud = np.nonzero(np.abs(x) > 1e-3)[0]
if len(loud) == 0:
    print("start=-1")
    sys.exit(0)
start = loud[0]
print(f"seconds={len(x) / 48000:.3f}")
print(f"start_ms={start / 48:.1f}")
# Steady part: from 100 ms after the first sound.
y = x[start + 4800:]
print(f"freq={dominant(y):.1f}")
print(f"rms_dbfs={20 * np.log10(np.sqrt(np.mean(y ** 2)) + 1e-12):.2f}")
# Gaps: 1 ms windows much quieter than the median (a sine filled by PLC/FEC stays near it).
w = 48
n = len(y) // w
env = np.sqrt(np.mean(y[:n * w].reshape(n, w) ** 2, axis=1))
quiet = env < 0.1 * np.median(env)
longest = run = 0
for q in quiet:
    run = run + 1 if q else 0
    longest = max(longest, run)
print(f"longest_gap_ms={longest}")
print(f"max_step={np.max(np.abs(np.diff(y))):.4f}")
if len(sys.argv) > 2:
    switch, old_hz, new_hz = int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
    # The first 5 ms window after the request whose tone is the new one (Goertzel-like
    # projection on both frequencies).
    t = np.arange(240) / 48000
    def power(seg, hz):
        return abs(np.sum(seg * np.exp(-2j * np.pi * hz * t)))
    heard = -1
    for k in range(switch, len(x) - 240, 48):
        seg = x[k:k + 240]
        if power(seg, new_hz) > 4 * power(seg, old_hz) and np.sqrt(np.mean(seg ** 2)) > 0.02:
            heard = k
            break
    print(f"switch_ms={(heard - switch) / 48:.1f}" if heard >= 0 else "switch_ms=-1")
    around = x[max(switch - 480, 0):heard + 4800] if heard >= 0 else x[switch:]
    print(f"switch_max_step={np.max(np.abs(np.diff(around))):.4f}")
    if heard >= 0:
        print(f"new_freq={dominant(x[heard + 2400:heard + 2400 + 24000]):.1f}")
PY
}

# KEY FILE: the value of KEY=VALUE in FILE.
value() { sed -n "s/^$1=//p" "$2"; }

# JSON PATH (python expression on j): prints the value from a stats file.
json_value() {
    "$python" -c "import json,sys; j=json.load(open(sys.argv[1])); print($2)" "$1"
}

# A float comparison: check "EXPR" "message" where EXPR is a python expression.
check() {
    "$python" -c "import sys; sys.exit(0 if ($1) else 1)" || fail "$2"
}
