#!/usr/bin/env bash
# receive_multicast_netns: inside a network namespace this test creates (never multicast in the
# root namespace), ffmpeg sends a 1 kHz tone to a multicast group, a python script announces it
# by SAP on 239.255.255.255:9875 with a=lang:kk, and two `dragoman receive --sap --interface`
# play it at once (the group shared by two receivers on one host). Needs root; skipped otherwise.
# shellcheck source-path=SCRIPTDIR
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/receive_lib.sh"
require ip
netns="dragoman-rx-$$"
ip netns add "$netns" 2>/dev/null || { echo "SKIP: cannot create a network namespace" >&2; exit 77; }
# shellcheck disable=SC2154  # status is assigned inside the trap string
trap 'status=$?; receive_cleanup; ip netns del "$netns" 2>/dev/null || true; (exit $status); cleanup' EXIT
ip -n "$netns" link set lo up
ip -n "$netns" route add 224.0.0.0/4 dev lo
inns() { ip netns exec "$netns" "$@"; }

group=239.69.7.1
port=5004
inns ffmpeg -hide_banner -loglevel error -nostdin -re \
    -f lavfi -i "sine=frequency=1000:sample_rate=48000:samples_per_frame=480:duration=20" \
    -c:a libopus -b:a 32k -frame_duration 10 -application lowdelay -f rtp \
    -sdp_file "$work/ffmpeg.sdp" "rtp://$group:$port?ttl=1&localaddr=127.0.0.1" \
    >>"$work/ffmpeg.log" 2>&1 &
sender_pids+=($!)
for _ in $(seq 50); do
    [[ -s $work/ffmpeg.sdp ]] && break
    sleep 0.05
done
payload_type=$(sed -n 's/^m=audio [0-9]* RTP\/AVP \([0-9]*\).*/\1/p' "$work/ffmpeg.sdp")
[[ -n $payload_type ]] || fail "ffmpeg wrote no SDP"
printf 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=Қазақша\r\nc=IN IP4 %s/1\r\nt=0 0\r\nm=audio %s RTP/AVP %s\r\na=rtpmap:%s opus/48000/2\r\na=lang:kk\r\na=recvonly\r\n' \
    "$group" "$port" "$payload_type" "$payload_type" >"$work/kk.sdp"
inns "$python" - "$work/kk.sdp" >"$work/sap.log" 2>&1 <<'PY' &
import socket, struct, sys, time, zlib
sdp = open(sys.argv[1], "rb").read()
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF, socket.inet_aton("127.0.0.1"))
s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_TTL, 1)
packet = struct.pack("!BBH4s", 0x20, 0, zlib.crc32(sdp) & 0xFFFF, socket.inet_aton("127.0.0.1"))
packet += b"application/sdp\0" + sdp
end = time.monotonic() + 15
while time.monotonic() < end:
    s.sendto(packet, ("239.255.255.255", 9875))
    time.sleep(0.2)
PY
sender_pids+=($!)

pids=()
for n in 1 2; do
    inns "$dragoman" receive --sap --sap-seconds 1.5 --interface 127.0.0.1 --channel kk \
        --out "$work/out$n.wav" --seconds 3 --stats "$work/s$n.json" </dev/null \
        >"$work/stdout$n.txt" 2>"$work/stderr$n.txt" &
    pids+=($!)
done
for n in 1 2; do
    wait "${pids[$((n - 1))]}" || fail "receiver $n failed: $(cat "$work/stderr$n.txt")"
    analyse_wav "$work/out$n.wav" >"$work/analysis$n.txt"
    echo "receiver $n: $(tr '\n' ' ' <"$work/analysis$n.txt")"
    check "abs($(value freq "$work/analysis$n.txt") - 1000) < 5" "receiver $n: no 1 kHz tone"
    check "$(value longest_gap_ms "$work/analysis$n.txt") <= 10" "receiver $n: a gap"
    check "$(json_value "$work/s$n.json" 'j["packets"]["received"]') > 100" "receiver $n: few packets"
done
echo "PASS"
