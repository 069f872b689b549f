#!/usr/bin/env bash
# receive_multicast_netns: inside a network namespace this test creates (never multicast in the
# root namespace), ffmpeg sends a 1 kHz tone to a multicast group, a python script announces it
# by SAP on 239.255.255.255:9875 with a=lang:kk, and two `dragoman receive --sap --interface`
# play it at once (the group shared by two receivers on one host). Then `dragoman engine` (JACK
# dummy server) sends kk to another group and two receivers play it: their receiver reports go
# to the group's RTCP port (RFC 3550 §6), where the engine must count them as kk's listeners with
# their loss, jitter and round trip; one leaves early, and its BYE must count it out before the
# 10 s a silent listener takes to expire. Needs root; skipped otherwise.
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
receive_cleanup
sender_pids=()

# The engine's side: listeners of a multicast channel, counted from the group's RTCP port.
start_jack 1 2
make_tone "$work/floor.wav" 440 -20
kk_group=239.69.7.3
cat >"$work/session.yaml" <<YAML
name: Multicast listeners
floor: { language: ru }
channels:
  - { id: kk, language: kk, name: Kazakh, idle: floor }
booths:
  - { id: kk, outputs: { A: kk }, understands: [ru], seats: [kk-1] }
audio:
  host_api: JACK
  inputs: { floor: 1 }
  outputs: { kk-1: 1 }
network:
  interface: 127.0.0.1
  ttl: 1
  sap: { enabled: false }
  channels:
    kk: { multicast: "$kk_group:$port" }
YAML
inns "$dragoman" engine "$work/session.yaml" --in floor="$work/floor.wav" --sdp-dir "$work/sdp" \
    --seconds 12 --status-interval 1 --json-status "$work/status.json" \
    >"$work/engine.txt" 2>"$work/engine-stderr.txt" &
engine_pid=$!
for _ in $(seq 200); do
    [[ -s $work/sdp/kk.sdp ]] && break
    kill -0 "$engine_pid" 2>/dev/null || fail "dragoman engine exited early"
    sleep 0.05
done
[[ -s $work/sdp/kk.sdp ]] || fail "no SDP for kk"
# "stay" outlives the engine; "leave" stops after 6 s, about 6 s before the engine's last status
# (a receiver reports every 1-3 s, so it is counted before it leaves; silence expires in 10 s).
listener_pids=()
for name in stay leave; do
    seconds=18
    [[ $name == leave ]] && seconds=6
    inns "$dragoman" receive --sdp "$work/sdp/kk.sdp" --interface 127.0.0.1 \
        --out "$work/$name.wav" --seconds "$seconds" --stats "$work/$name.json" </dev/null \
        >"$work/receive-$name.txt" 2>"$work/receive-$name-stderr.txt" &
    listener_pids+=($!)
done
code=0
wait "$engine_pid" || code=$?
engine_pid=""
[[ $code -eq 0 ]] || fail "dragoman engine exited with $code"
for pid in "${listener_pids[@]}"; do
    wait "$pid" || fail "dragoman receive failed: $(cat "$work"/receive-*-stderr.txt)"
done

"$python" - "$work/status.json" <<'CHECK' || fail "the engine's JSON status does not count kk's listener"
import json, sys

kk = {s["channel"]: s for s in json.load(open(sys.argv[1]))["streams"]}["kk"]
print(f"engine kk: {kk['listeners']} listeners, {kk['loss_percent']}% loss "
      f"(worst {kk['worst_loss_percent']}%), jitter {kk['jitter_ms']} ms, rtt {kk['rtt_ms']} ms")
# "leave" said BYE: only "stay" remains.
assert kk["listeners"] == 1, kk
# Loopback loses nothing; a busy machine may lose a packet to a full socket buffer.
assert kk["loss_percent"] < 5.0, kk
assert 0.0 <= kk["jitter_ms"] < 20.0, kk
assert kk["rtt_ms"] is not None and 0.0 <= kk["rtt_ms"] < 100.0, kk
CHECK
# Each status table's streams line, joined (it wraps at the terminal's width).
tables=$(awk '/^streams:/ { if (line) print line; line = $0; next }
              line && /^ / { line = line " " $0; next }
              line { print line; line = "" }
              END { if (line) print line }' "$work/engine.txt" | tr -s ' ')
counts=$(grep -oE 'listeners: kk [0-9]+' <<<"$tables" | awk '{ print $3 }' | tr '\n' ' ')
echo "kk listeners, one status table a second: $counts"
grep -q 'listeners: kk 2' <<<"$tables" || fail "the engine never counted both multicast receivers"
[[ $(grep -oE 'listeners: kk [0-9]+' <<<"$tables" | tail -1) == 'listeners: kk 1' ]] ||
    fail "the engine still counts the receiver that left"
echo "PASS"
