#!/usr/bin/env bash
# booth_remote: a remote interpreter working from dragoman-booth alone. `dragoman engine` on a
# JACK dummy server runs a session whose seat ru-2 is remote (floor: a 1 kHz tone at -20 dBFS
# with 100 Hz at -26 dBFS under it);
# dragoman-booth, under Xvfb with ru-2's token and no audio address, learns from the engine's state
# that ru-2 is remote and carries its audio itself through PortAudio's JACK host API on the same
# server: client dragoman-booth,
# microphone in_0, headphones out_0. A jack_metro beeping 660 Hz plays into in_0.
# Checks:
# - the floor reaches the booth's phones port (out_0 recorded by ffmpeg's JACK input: 1 kHz);
# - the console's volume and bass (seat.volume, seat.bass with the seat's token: the calls its
#   sliders make) act on that remote audio: -20 dB of volume is about 20 dB less at out_0, -12 dB
#   of bass takes 100 Hz down and leaves 1 kHz;
# - Space, typed into the booth's window by xdotool, puts ru-2 on air (the engine says so), and
#   the microphone then reaches the seat's channel: ru, decoded by `dragoman receive` from the
#   engine's SDP, carries 660 Hz;
# - a USB desk's mic button (note 60 on and off, the default map) in the bytes of a raw MIDI
#   device takes ru-2 off air. This machine has no /dev/snd: a FIFO stands in for
#   /dev/snd/midiCxDy, which the booth reads the same way (open, poll, read).
# DRAGOMAN_SCREENSHOT_DIR=DIR also keeps booth-remote.png: the console on air with the link's
# health line, its headset calibrated hot (118 dB SPL) so that its own limiter acts.
# shellcheck source-path=SCRIPTDIR
source "$(dirname "$0")/lib.sh"
booth=${DRAGOMAN_BOOTH_BINARY:-$(dirname "$dragoman")/../booth/dragoman-booth}
[[ -x $booth ]] || { echo "SKIP: dragoman-booth is not built" >&2; exit 77; }
require Xvfb xdotool sox jack_metro jack_connect
source "$(dirname "$0")/receive_lib.sh"
# shellcheck source-path=SCRIPTDIR
source "$(dirname "$0")/control_lib.sh"
booth_pid=""
xvfb_pid=""
stop_booth() {
    [[ -n $booth_pid ]] || return 0
    kill -TERM "$booth_pid" 2>/dev/null || true
    wait "$booth_pid" 2>/dev/null || true
    booth_pid=""
}
# lib.sh's cleanup reads the exit code first: hand it over past the kills (without errexit,
# which would leave at the handing over and never clean up).
trap 'status=$?; set +e; stop_booth; receive_cleanup; [[ -z $xvfb_pid ]] || kill "$xvfb_pid"; (exit "$status"); cleanup' EXIT

start_jack 2 2
make_tone "$work/floor-1k.wav" 1000 -20
make_tone "$work/floor-100.wav" 100 -26
sox -m -v 1 "$work/floor-1k.wav" -v 1 "$work/floor-100.wav" "$work/floor.wav"

channel_port=$base_port       # ru to delegates (RTCP + 1)
engine_mic=$((base_port + 2)) # the engine's remote.listen: the booth sends the microphone here
seat_feed=$((base_port + 4))  # remote.send_to: the booth listens here
control=$((base_port + 6))    # WebSocket; TCP lines on + 1
write_remote_seat_session "$work/session.yaml" "Remote booth" "$engine_mic" "$seat_feed" "$channel_port"
cat >"$work/tokens.yaml" <<'YAML'
- { token: "tech-test", role: technician }
- { token: "seat-ru-2-test", role: "seat:ru-2" }
YAML
printf '0 seat ru-2 listen floor\n' >"$work/meeting.events"

"$dragoman" engine "$work/session.yaml" --in floor="$work/floor.wav" \
    --events "$work/meeting.events" --sdp-dir "$work/sdp" --control "127.0.0.1:$control" \
    --tokens "$work/tokens.yaml" --status-interval 0 --seconds 100 \
    >"$work/engine.txt" 2>"$work/engine-stderr.txt" &
engine_pid=$!
for _ in $(seq 100); do
    "$python" -c "import socket; socket.create_connection(('127.0.0.1', $((control + 1))), 0.2)" \
        2>/dev/null && break
    kill -0 "$engine_pid" 2>/dev/null || fail "dragoman engine exited early"
    sleep 0.1
done
grep -q "remote seat ru-2: microphone on 127.0.0.1:$engine_mic" "$work/engine.txt" ||
    fail "the engine did not announce the remote seat"

rpc_port=$((control + 1))

Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$work/display" 2>"$work/xvfb.log" &
xvfb_pid=$!
for _ in $(seq 50); do
    [[ -s $work/display ]] && break
    sleep 0.1
done
[[ -s $work/display ]] || fail "Xvfb did not start"
export DISPLAY=:$(head -n1 "$work/display")

# The desk: the script keeps the FIFO open for writing from the start, so that the booth's
# reader never sees it closed (a closed raw MIDI device is an unplugged desk).
mkfifo "$work/desk.midi"
exec 7<>"$work/desk.midi"

remote_options=(--url "ws://127.0.0.1:$control/rpc" --token seat-ru-2-test --size 1024x600
    --audio-host-api JACK)
"$booth" "${remote_options[@]}" --midi "$work/desk.midi" >"$work/booth.txt" 2>&1 &
booth_pid=$!
for _ in $(seq 200); do
    grep -q 'remote seat audio: microphone to' "$work/booth.txt" && break
    kill -0 "$booth_pid" 2>/dev/null || fail "dragoman-booth exited: $(tail -3 "$work/booth.txt")"
    sleep 0.1
done
grep -q 'remote seat audio: microphone to' "$work/booth.txt" || fail "the booth did not start its remote audio"
grep -q "microphone to 127.0.0.1:$engine_mic, feed on 0.0.0.0:$seat_feed, limiter at 110.0 dB SPL" \
    "$work/booth.txt" || fail "the booth's remote audio is not the session's: $(grep 'remote seat' "$work/booth.txt")"
jack_lsp | grep -q '^dragoman-booth:in_0$' || fail "dragoman-booth has no JACK ports"

jack_metro -n booth-mic -f 660 -A 0.5 -D 400 -b 120 >"$work/metro.log" 2>&1 &
sender_pids+=($!)
for _ in $(seq 50); do
    metro_port=$(jack_lsp | grep '^booth-mic:' | head -n1 || true)
    [[ -n $metro_port ]] && break
    sleep 0.1
done
[[ -n $metro_port ]] || fail "jack_metro has no port"
jack_connect "$metro_port" dragoman-booth:in_0 || fail "cannot connect $metro_port to the booth's microphone"

# record SECONDS NAME: SECONDS of samples of the booth's headphones port, through ffmpeg's JACK
# input (its packets stay whole when a loaded machine drops some; jack_rec's byte ring came out
# misaligned), counted in samples, not in wall-clock time, which a server that loses cycles on a
# busy machine stretches; analysed into NAME.txt: the dominant frequency and the median level of
# 50 ms windows after the first quarter second, which a dropout does not move as it moves the mean.
# libjack in ffmpeg sometimes fails to start its message thread beside a real-time server on a
# loaded machine ("JackMessageBuffer::Create cannot start thread") and crashes: try three times.
record() {
    local attempt recorder _ recorded=0
    for attempt in 1 2 3; do
        timeout 30 ffmpeg -hide_banner -loglevel error -nostdin -f jack -channels 1 -i "rec-$2" \
            -af "atrim=end_sample=$(($1 * 48000))" -c:a pcm_s16le -y "$work/$2.wav" \
            >>"$work/ffmpeg-$2.log" 2>&1 &
        recorder=$!
        for _ in $(seq 100); do
            jack_connect dragoman-booth:out_0 "rec-$2:input_1" 2>/dev/null && break
            sleep 0.05
        done
        wait "$recorder" 2>/dev/null && { recorded=1; break; }
        echo "$2: ffmpeg's JACK input failed (attempt $attempt)" >&2
    done
    ((recorded)) || fail "ffmpeg could not record the booth: $(tail -2 "$work/ffmpeg-$2.log")"
    "$python" - "$work/$2.wav" >"$work/$2.txt" <<'PY'
import sys, wave
import numpy as np
with wave.open(sys.argv[1]) as w:
    x = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(np.float64) / 32768
assert len(x) > 48000, f"{len(x)} samples recorded"
x = x[12000:]
spectrum = np.abs(np.fft.rfft(x * np.hanning(len(x))))
freqs = np.fft.rfftfreq(len(x), 1 / 48000)
print(f"freq={freqs[np.argmax(spectrum)]:.1f}")
for hz in (100, 1000):  # each tone's level: the power of its band, whatever bins it falls in
    band = (freqs > hz * 0.9) & (freqs < hz * 1.1)
    print(f"db_{hz}={10 * np.log10(np.sum(spectrum[band] ** 2) + 1e-12):.2f}")
n = len(x) // 2400
windows = np.sqrt(np.mean(x[:n * 2400].reshape(n, 2400) ** 2, axis=1))
print(f"median_rms_dbfs={20 * np.log10(np.median(windows) + 1e-12):.2f}")
PY
    echo "$2: $(tr '\n' ' ' <"$work/$2.txt")"
}

sleep 1.5 # the feed's jitter buffer settles
record 3 ears
e="$work/ears.txt"
check "abs($(value freq "$e") - 1000) < 5" "the booth's phones carry $(value freq "$e") Hz, not the floor"
# -20 dBFS peak is -23 dBFS RMS; Opus and two limiters that must not act leave it near.
check "abs($(value median_rms_dbfs "$e") + 23.0) < 3.0" "phones level $(value median_rms_dbfs "$e") dBFS"

rpc seat-ru-2-test seat.volume '{"seat": "ru-2", "db": -20}'
sleep 0.5
record 3 quieter
q="$work/quieter.txt"
check "abs($(value median_rms_dbfs "$e") - $(value median_rms_dbfs "$q") - 20.0) < 3.0" \
    "the console's volume -20 dB took the remote phones from $(value median_rms_dbfs "$e") to $(value median_rms_dbfs "$q") dBFS"

rpc seat-ru-2-test seat.volume '{"seat": "ru-2", "db": 0}'
rpc seat-ru-2-test seat.bass '{"seat": "ru-2", "db": -12}'
sleep 0.5
record 3 bass
b="$work/bass.txt"
check "$(value db_100 "$e") - $(value db_100 "$b") > 8" \
    "bass -12 dB took 100 Hz only from $(value db_100 "$e") to $(value db_100 "$b") dB"
check "abs($(value db_1000 "$e") - $(value db_1000 "$b")) < 2" \
    "bass -12 dB moved 1 kHz from $(value db_1000 "$e") to $(value db_1000 "$b") dB"

grep -q 'ru-2 is live on ru' "$work/engine.txt" && fail "ru-2 was live before the key was pressed"
window=$(xdotool search --sync --onlyvisible --name 'Dragoman Booth' | head -n1)
[[ -n $window ]] || fail "no booth window on the display"
# No window manager under Xvfb: focus the window ourselves, then type through XTEST as a
# keyboard would (events sent to a window are marked synthetic).
xdotool windowfocus --sync "$window" >>"$work/xdotool.log" 2>&1 || fail "cannot focus the booth: $(tail -1 "$work/xdotool.log")"
xdotool key space >>"$work/xdotool.log" 2>&1 || fail "xdotool could not type: $(tail -1 "$work/xdotool.log")"
for _ in $(seq 50); do
    grep -q 'ru-2 is live on ru' "$work/engine.txt" && break
    sleep 0.1
done
grep -q 'ru-2 is live on ru' "$work/engine.txt" || fail "Space in the booth did not put ru-2 on air"

sleep 0.5
"$dragoman" receive --sdp "$work/sdp/ru.sdp" --out "$work/channel.wav" --seconds 4 \
    </dev/null >"$work/receive.txt" 2>"$work/receive-stderr.txt" || fail "dragoman receive failed"
analyse_wav "$work/channel.wav" >"$work/channel.txt"
echo "channel: $(tr '\n' ' ' <"$work/channel.txt")"
c="$work/channel.txt"
check "abs($(value freq "$c") - 660) < 5" "the channel carries $(value freq "$c") Hz, not the booth's microphone"
check "$(value rms_dbfs "$c") > -30" "the microphone reached the channel too weak: $(value rms_dbfs "$c") dBFS"
grep -q 'MIDI off' "$work/booth.txt" && fail "the booth refused the MIDI device: $(grep 'MIDI off' "$work/booth.txt")"

printf '\x90\x3c\x64\x80\x3c\x00' >&7 # the desk's mic button: note 60 on, off
for _ in $(seq 50); do
    grep -q 'ru-2 left ru' "$work/engine.txt" && break
    sleep 0.1
done
grep -q 'ru-2 left ru' "$work/engine.txt" || fail "the desk's MIDI mic button did not take ru-2 off air"
stop_booth

if [[ -n ${DRAGOMAN_SCREENSHOT_DIR:-} ]]; then
    rpc seat-ru-2-test seat.volume '{"seat": "ru-2", "db": 6}'
    mkdir -p "$DRAGOMAN_SCREENSHOT_DIR"
    "$booth" "${remote_options[@]}" --spl-at-0dbfs 118 \
        --screenshot "$DRAGOMAN_SCREENSHOT_DIR/booth-remote.png" >"$work/booth-shot.txt" 2>&1 ||
        fail "the remote screenshot failed: $(tail -3 "$work/booth-shot.txt")"
fi
echo "PASS"
