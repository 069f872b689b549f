#!/usr/bin/env bash
# receive_reports: receivers tell the engine they listen (RTCP receiver reports, RFC 3550
# §6.4.2). `dragoman engine` on a JACK dummy server streams en as RTP/Opus to two unicast
# destinations on 127.0.0.1 (P and P + 4: one host, so each receiver has its own port pair), and
# two `dragoman receive` processes play them, each from an SDP naming its port. The receivers
# outlive the engine, so its final JSON status and its last status table must show en with 2
# listeners, and no loss on loopback; a third stream nobody hears shows 0.
# shellcheck source-path=SCRIPTDIR
source "$(dirname "$0")/lib.sh"
require sox
source "$(dirname "$0")/receive_lib.sh"

start_jack 1 2
make_tone "$work/floor.wav" 440 -20

port=$base_port # en on P and P + 4, fr on P + 8 (RTCP on the next port up)
cat >"$work/session.yaml" <<YAML
name: Receive reports
floor: { language: ru }
channels:
  - { id: en, language: en, name: English, idle: floor }
  - { id: fr, language: fr, name: French, idle: floor }
booths:
  - { id: en, outputs: { A: en }, understands: [ru], seats: [en-1] }
  - { id: fr, outputs: { A: fr }, understands: [ru], seats: [fr-1] }
audio:
  host_api: JACK
  inputs: { floor: 1 }
  outputs: { en-1: 1, fr-1: 2 }
network:
  interface: 127.0.0.1
  opus: { frame_ms: 10, bitrate: 32000, fec: true }
  sap: { enabled: false }
  channels:
    en: { unicast: ["127.0.0.1:$port", "127.0.0.1:$((port + 4))"] }
    fr: { unicast: ["127.0.0.1:$((port + 8))"] }
YAML

"$dragoman" engine "$work/session.yaml" --in floor="$work/floor.wav" --sdp-dir "$work/sdp" \
    --seconds 12 --status-interval 1 --json-status "$work/status.json" \
    >"$work/engine.txt" 2>"$work/engine-stderr.txt" &
engine_pid=$!
for _ in $(seq 200); do
    [[ -s $work/sdp/en.sdp ]] && break
    kill -0 "$engine_pid" 2>/dev/null || fail "dragoman engine exited early"
    sleep 0.05
done
[[ -s $work/sdp/en.sdp ]] || fail "no SDP for en"
# The second receiver's SDP: the same stream, on the second destination's port.
mkdir -p "$work/a" "$work/b"
cp "$work/sdp/en.sdp" "$work/a/en.sdp"
sed "s/^m=audio $port /m=audio $((port + 4)) /" "$work/sdp/en.sdp" >"$work/b/en.sdp"
grep -q "^m=audio $((port + 4)) " "$work/b/en.sdp" || fail "cannot rewrite the SDP's port"

receiver_pids=()
for r in a b; do
    "$dragoman" receive --sdp "$work/$r/en.sdp" --out "$work/$r.wav" --seconds 16 \
        --stats "$work/$r.json" </dev/null >"$work/receive-$r.txt" 2>"$work/receive-$r-stderr.txt" &
    receiver_pids+=($!)
done

code=0
wait "$engine_pid" || code=$?
engine_pid=""
[[ $code -eq 0 ]] || fail "dragoman engine exited with $code"
for pid in "${receiver_pids[@]}"; do
    wait "$pid" || fail "dragoman receive failed: $(cat "$work"/receive-*-stderr.txt)"
done

"$python" - "$work/status.json" <<'CHECK' || fail "the engine's JSON status has no listeners on en"
import json, sys

streams = {s["channel"]: s for s in json.load(open(sys.argv[1]))["streams"]}
print("engine streams:", ", ".join(
    f"{c} {s['listeners']} listeners {s['loss_percent']}% loss "
    f"(worst {s['worst_loss_percent']}%)" for c, s in streams.items()))
assert streams["en"]["listeners"] >= 2, streams["en"]
assert streams["fr"]["listeners"] == 0, streams["fr"]
# Loopback loses nothing; a busy machine may lose a packet to a full socket buffer.
assert streams["en"]["loss_percent"] < 5.0, streams["en"]
CHECK
# The streams line wraps at the terminal's width: join it before looking.
tables=$(grep -A2 '^streams:' "$work/engine.txt" | tr '\n' ' ' | tr -s ' ')
grep -q 'listeners: en 2' <<<"$tables" || fail "the status table never shows en with 2 listeners"
echo "status table: $(grep -oE 'listeners: en [0-9]+( \([0-9.]+% loss\))?' <<<"$tables" | tail -1)"
echo "PASS"
