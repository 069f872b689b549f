#!/usr/bin/env bash
# stream_to_players: `dragoman engine` on a JACK dummy server streams the floor and one channel
# as RTP/Opus to 127.0.0.1 (unicast only: no multicast in the root namespace) and writes their
# SDP files; standard players decode them: ffmpeg from our floor.sdp, GStreamer (when installed)
# from the en channel's port and payload as the SDP gives them. The floor is a 1 kHz tone at
# -12 dBFS for 0.5 s then 0.5 s of silence, looped; the decoded audio is aligned with it by
# cross-correlation, then its pitch and level are checked (level within 1 dB).
# shellcheck source-path=SCRIPTDIR
source "$(dirname "$0")/lib.sh"
require sox ffmpeg
[[ -n $python ]] || { echo "SKIP: python3 is not installed" >&2; exit 77; }
"$python" -c 'import numpy' 2>/dev/null || { echo "SKIP: numpy is not installed" >&2; exit 77; }

start_jack 1 2
sox -n -r 48000 -c 1 -b 32 -e floating-point "$work/floor.wav" synth 0.5 sine 1000 gain -12 pad 0 0.5

# Even ports from the pid, so parallel runs do not meet: floor on P, en on P + 2 (RTCP on +1).
port=$((20000 + ($$ % 10000) * 4))
cat >"$work/session.yaml" <<YAML
name: Stream test
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
  opus: { frame_ms: 10, bitrate: 32000, fec: true }
  sap: { enabled: false }
  channels:
    floor: { unicast: ["127.0.0.1:$port"] }
    en: { unicast: ["127.0.0.1:$((port + 2))"] }
YAML

"$dragoman" engine "$work/session.yaml" --in floor="$work/floor.wav" --sdp-dir "$work/sdp" \
    --seconds 7 --status-interval 0 >"$work/stdout.txt" 2>"$work/stderr.txt" &
engine_pid=$!
for _ in $(seq 100); do
    [[ -s $work/sdp/floor.sdp && -s $work/sdp/en.sdp ]] && break
    sleep 0.1
done
[[ -s $work/sdp/floor.sdp ]] || fail "no floor.sdp written"
grep -q '^a=lang:en' "$work/sdp/en.sdp" || fail "en.sdp has no a=lang:en"
grep -q '^a=rtpmap:96 opus/48000/2' "$work/sdp/floor.sdp" || fail "floor.sdp is not RFC 7587 Opus"

timeout -s INT 4 ffmpeg -nostdin -loglevel error -protocol_whitelist file,udp,rtp \
    -i "$work/sdp/floor.sdp" -c:a pcm_s16le -ar 48000 -ac 1 -y "$work/ffmpeg.wav" \
    >"$work/ffmpeg.log" 2>&1 &
ffmpeg_pid=$!
gst_pid=""
if command -v gst-launch-1.0 >/dev/null && gst-inspect-1.0 rtpopusdepay >/dev/null 2>&1; then
    en_port=$(sed -n 's/^m=audio \([0-9]*\) .*/\1/p' "$work/sdp/en.sdp")
    timeout -s INT 4 gst-launch-1.0 -e udpsrc address=127.0.0.1 port="$en_port" \
        caps="application/x-rtp,media=audio,encoding-name=OPUS,clock-rate=48000,payload=96" \
        ! rtpjitterbuffer latency=40 ! rtpopusdepay ! opusdec plc=true ! audioconvert \
        ! audioresample ! audio/x-raw,format=S16LE,rate=48000,channels=1 ! wavenc \
        ! filesink location="$work/gst.wav" >"$work/gst.log" 2>&1 &
    gst_pid=$!
fi
wait "$ffmpeg_pid" || true
[[ -z $gst_pid ]] || wait "$gst_pid" || true

code=0
wait "$engine_pid" || code=$?
engine_pid=""
[[ $code -eq 0 ]] || fail "dragoman engine exited with $code"
grep -q '^stream floor: [1-9][0-9]* packets' "$work/stdout.txt" || fail "the floor stream sent nothing"
grep -q ' 0 send errors' "$work/stdout.txt" || fail "send errors: $(grep '^stream' "$work/stdout.txt")"

check() { # PLAYER WAV
    [[ -s $2 ]] || fail "$1 wrote no audio"
    "$python" "$(dirname "$0")/check_player_audio.py" "$1" "$2" || fail "$1's audio does not match the floor"
}
check ffmpeg "$work/ffmpeg.wav"
[[ -z $gst_pid ]] || check gstreamer "$work/gst.wav"
