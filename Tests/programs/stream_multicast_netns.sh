#!/usr/bin/env bash
# stream_multicast_netns: the same streams as stream_to_players, but to one multicast group per
# channel with SAP on, inside a network namespace this test creates (never multicast in the root
# namespace). Two players receive at once from our SDP files (ffmpeg: the floor; ffmpeg again
# and GStreamer when installed: en), and a listener hears the SAP announcements and deletions.
# Needs root (ip netns); skipped otherwise.
# shellcheck source-path=SCRIPTDIR
source "$(dirname "$0")/lib.sh"
require sox ffmpeg ip
[[ -n $python ]] || { echo "SKIP: python3 is not installed" >&2; exit 77; }
"$python" -c 'import numpy' 2>/dev/null || { echo "SKIP: numpy is not installed" >&2; exit 77; }
netns="dragoman-mc-$$"
ip netns add "$netns" 2>/dev/null || { echo "SKIP: cannot create a network namespace" >&2; exit 77; }
# lib.sh's cleanup reads the exit status: keep it across the namespace's removal.
# shellcheck disable=SC2154  # status is assigned inside the trap string
trap 'status=$?; ip netns del "$netns" 2>/dev/null || true; (exit $status); cleanup' EXIT
ip -n "$netns" link set lo up
ip -n "$netns" route add 224.0.0.0/4 dev lo
inns() { ip netns exec "$netns" "$@"; }

start_jack 1 2
sox -n -r 48000 -c 1 -b 32 -e floating-point "$work/floor.wav" synth 0.5 sine 1000 gain -12 pad 0 0.5
cat >"$work/session.yaml" <<YAML
name: Multicast test
floor: { language: ru }
channels:
  - { id: en, language: en, name: English, idle: floor }
booths:
  - { id: en, outputs: { A: en }, understands: [ru], seats: [en-1] }
audio:
  host_api: JACK
  inputs: { floor: 1 }
  outputs: { channel:floor: 1, en-1: 2 }
network:
  interface: 127.0.0.1
  ttl: 1
  sap: { enabled: true, interval_s: 0.5 }
  channels:
    floor: { multicast: "239.69.0.1:5004" }
    en: { multicast: "239.69.0.3:5004" }
YAML

# The SAP listener first: it must hear announcements and, after the engine stops, deletions.
inns "$python" - >"$work/sap.txt" 2>&1 <<'SAP' &
import socket, struct, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("239.255.255.255", 9875))
s.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP,
             struct.pack("4s4s", socket.inet_aton("239.255.255.255"), socket.inet_aton("127.0.0.1")))
s.settimeout(1.0)
end = time.time() + 12
while time.time() < end:
    try:
        data = s.recv(4096)
    except socket.timeout:
        continue
    kind = "deletion" if data[0] & 0x04 else "announcement"
    print(kind, b"a=lang:en" in data, flush=True)
SAP
sap_pid=$!
sleep 0.5
inns "$dragoman" engine "$work/session.yaml" --in floor="$work/floor.wav" --sdp-dir "$work/sdp" \
    --seconds 7 --status-interval 0 >"$work/stdout.txt" 2>"$work/stderr.txt" &
engine_pid=$!
for _ in $(seq 100); do
    [[ -s $work/sdp/floor.sdp && -s $work/sdp/en.sdp ]] && break
    sleep 0.1
done
[[ -s $work/sdp/floor.sdp ]] || fail "no floor.sdp written"
grep -q '^c=IN IP4 239.69.0.3/1' "$work/sdp/en.sdp" || fail "en.sdp does not name its group with a TTL"

ffmpeg_play() { # SDP WAV
    inns timeout -s INT 4 ffmpeg -nostdin -loglevel error -protocol_whitelist file,udp,rtp \
        -i "$1" -c:a pcm_s16le -ar 48000 -ac 1 -y "$2" >>"$work/ffmpeg.log" 2>&1
}
ffmpeg_play "$work/sdp/floor.sdp" "$work/floor-ffmpeg.wav" &
p1=$!
ffmpeg_play "$work/sdp/en.sdp" "$work/en-ffmpeg.wav" &
p2=$!
gst_pid=""
if command -v gst-launch-1.0 >/dev/null && gst-inspect-1.0 rtpopusdepay >/dev/null 2>&1; then
    inns timeout -s INT 4 gst-launch-1.0 -e udpsrc address=239.69.0.3 port=5004 \
        multicast-iface=lo auto-multicast=true \
        caps="application/x-rtp,media=audio,encoding-name=OPUS,clock-rate=48000,payload=96" \
        ! rtpjitterbuffer latency=40 ! rtpopusdepay ! opusdec plc=true ! audioconvert \
        ! audioresample ! audio/x-raw,format=S16LE,rate=48000,channels=1 ! wavenc \
        ! filesink location="$work/en-gst.wav" >"$work/gst.log" 2>&1 &
    gst_pid=$!
fi
wait "$p1" || true
wait "$p2" || true
[[ -z $gst_pid ]] || wait "$gst_pid" || true

code=0
wait "$engine_pid" || code=$?
engine_pid=""
[[ $code -eq 0 ]] || fail "dragoman engine exited with $code"
grep -q ' 0 send errors' "$work/stdout.txt" || fail "send errors: $(grep '^stream' "$work/stdout.txt")"
sleep 1.5
kill "$sap_pid" 2>/dev/null || true
wait "$sap_pid" 2>/dev/null || true
grep -q '^announcement True' "$work/sap.txt" || fail "no SAP announcement of en heard"
[[ $(grep -c '^deletion' "$work/sap.txt") -ge 2 ]] || fail "no SAP deletions heard on stop"

check() { # PLAYER WAV
    [[ -s $2 ]] || fail "$1 wrote no audio"
    "$python" "$(dirname "$0")/check_player_audio.py" "$1" "$2" || fail "$1's audio does not match the floor"
}
check "ffmpeg floor" "$work/floor-ffmpeg.wav"
check "ffmpeg en" "$work/en-ffmpeg.wav"
[[ -z $gst_pid ]] || check "gstreamer en" "$work/en-gst.wav"
