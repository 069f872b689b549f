#!/usr/bin/env bash
# receive_sap: channels found by SAP (RFC 2974), announced by a python script as unicast on
# loopback (the root namespace has no multicast: TOOLCHAIN.md). Two channels, Kazakh and English,
# with a=lang; the Kazakh one points at ffmpeg's 1 kHz stream. Checks: --list shows both with
# their language names, `--channel kk` plays the tone, and an SDP directory lists the same.
# shellcheck source-path=SCRIPTDIR
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/receive_lib.sh"
trap 'receive_cleanup; cleanup' EXIT

sap_port=$((base_port + 6))
start_sender 1000 "$work/ffmpeg.sdp" "127.0.0.1:$base_port"
payload_type=$(sed -n 's/^m=audio [0-9]* RTP\/AVP \([0-9]*\).*/\1/p' "$work/ffmpeg.sdp")
mkdir "$work/sdp"
for channel in kk:Қазақша:$base_port en:English:$((base_port + 2)); do
    IFS=: read -r lang name port <<<"$channel"
    printf 'v=0\r\no=- %s 1 IN IP4 127.0.0.1\r\ns=%s\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio %s RTP/AVP %s\r\na=rtpmap:%s opus/48000/2\r\na=fmtp:%s stereo=0; sprop-stereo=0\r\na=ptime:10\r\na=lang:%s\r\na=x-dragoman-channel:%s\r\na=recvonly\r\n' \
        "$port" "$name" "$port" "$payload_type" "$payload_type" "$payload_type" "$lang" "$lang" \
        >"$work/sdp/$lang.sdp"
done
"$python" - "$sap_port" "$work/sdp/kk.sdp" "$work/sdp/en.sdp" >"$work/sap.log" 2>&1 <<'PY' &
import socket, struct, sys, time, zlib
port, files = int(sys.argv[1]), sys.argv[2:]
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
packets = []
for f in files:
    sdp = open(f, "rb").read()
    hash16 = zlib.crc32(sdp) & 0xFFFF
    header = struct.pack("!BBH4s", 0x20, 0, hash16, socket.inet_aton("127.0.0.1"))
    packets.append(header + b"application/sdp\0" + sdp)
end = time.monotonic() + 15
while time.monotonic() < end:
    for p in packets:
        s.sendto(p, ("127.0.0.1", port))
    time.sleep(0.2)  # far more often than RFC 2974's pace: the test need not wait
PY
sender_pids+=($!)

"$dragoman" receive --sap --sap-listen "127.0.0.1:$sap_port" --sap-seconds 1 --list \
    >"$work/list.txt" 2>&1 || fail "--sap --list failed"
cat "$work/list.txt"
grep -q "kk .*Kazakh (Қазақша)" "$work/list.txt" || fail "Kazakh not listed by name"
grep -q "en .*English" "$work/list.txt" || fail "English not listed"
"$dragoman" receive --sdp "$work/sdp" --list >"$work/list-dir.txt" 2>&1 || fail "--sdp DIR failed"
grep -q "kk .*Kazakh" "$work/list-dir.txt" || fail "the SDP directory does not list Kazakh"

"$dragoman" receive --sap --sap-listen "127.0.0.1:$sap_port" --sap-seconds 1 --channel kk \
    --out "$work/out.wav" --seconds 2 --stats "$work/s.json" </dev/null \
    >"$work/stdout.txt" 2>"$work/stderr.txt" || fail "playing kk found by SAP failed"
analyse_wav "$work/out.wav" >"$work/analysis.txt"
check "abs($(value freq "$work/analysis.txt") - 1000) < 5" "kk did not play the 1 kHz tone"
check "'$(json_value "$work/s.json" 'j["channel"]')' == 'kk'" "not playing kk"
echo "PASS"
