#!/usr/bin/env bash
# Regenerates the demo speech clips (floor + one interpreter clip per channel) from texts/.
# Usage: ./make-clips.sh          build every clip into this folder
#        ./make-clips.sh check    decode every clip and print rate, channels, length and levels
# Needs espeak-ng 1.51, sox 14.4 and ffmpeg with libopus. Output is bit-identical on re-runs
# with the same tool versions: espeak-ng is deterministic, sox runs with -R (fixed dither seed)
# and ffmpeg with bitexact flags (fixed Ogg serial number, no encoder version tag).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
target_rms_db=-20 # about -23 LUFS for speech; leaves ~18 dB for the peaks
bitrate=32k       # Opus fullband mono at a speech bitrate: 13 clips stay well under 2 MB

# name       voice            words/min  text file
clips=(
    "floor-ru    ru               175  floor-ru"
    "floor-en    en-gb            165  floor-en"
    "floor-kk    kk               165  floor-kk"
    "interp-ru   ru               175  ru"
    "interp-zh   cmn-latn-pinyin  195  zh"
    "interp-en   en-gb            175  en"
    "interp-kk   kk               175  kk"
    "interp-hi   hi               175  hi"
    "interp-ur   ur               185  ur"
    "interp-fa   fa               190  fa"
    "interp-uz   uz               185  uz"
    "interp-ky   ky               195  ky"
    "interp-tg   ru               175  tg"
    "interp-be   be               175  be"
)

# espeak-ng has no Tajik voice and its Russian voice spells out letters it does not know, so
# the Tajik-only Cyrillic letters become their nearest Russian sounds. texts/tg.txt keeps the
# correct spelling.
tajik_for_russian_voice() {
    sed -e 's/Ҳ/Х/g; s/ҳ/х/g; s/Қ/К/g; s/қ/к/g; s/Ғ/Г/g; s/ғ/г/g' \
        -e 's/Ӯ/У/g; s/ӯ/у/g; s/Ӣ/И/g; s/ӣ/и/g; s/Ҷ/Дж/g; s/ҷ/дж/g' "$1"
}

rms_db() { sox "$1" -n stats 2>&1 | awk '/^RMS lev dB/ { print $4 }'; }
peak_db() { sox "$1" -n stats 2>&1 | awk '/^Pk lev dB/ { print $4 }'; }
gain_to_target() { awk -v rms="$(rms_db "$1")" -v t="$target_rms_db" 'BEGIN { printf "%.2f", t - rms }'; }

make_clip() {
    local name=$1 voice=$2 speed=$3 text=$here/texts/$4.txt
    local raw=$work/$name.raw.wav trimmed=$work/$name.trim.wav level=$work/$name.wav
    if [[ $4 == tg ]]; then
        tajik_for_russian_voice "$text" | espeak-ng -v "$voice" -s "$speed" -w "$raw" --stdin
    else
        espeak-ng -v "$voice" -s "$speed" -w "$raw" -f "$text"
    fi
    # Trim leading and trailing silence (the reverse trick trims the end), then resample the
    # 22.05 kHz synthesis to the engine's 48 kHz; 6 dB down first so resampling cannot clip.
    sox -R "$raw" -e floating-point -b 32 "$trimmed" \
        silence 1 0.02 -50d reverse silence 1 0.02 -50d reverse gain -6 rate -v 48000
    # Bring the RMS to the target. Some voices peak 20 dB above their RMS: sox's limiter
    # (gain -l) holds those under full scale but also lowers the RMS by 1-2 dB, so a second,
    # plain gain step restores the target; the peaks must still end under -1 dBFS.
    local limited=$work/$name.limit.wav
    sox -R "$trimmed" "$limited" gain -l "$(gain_to_target "$trimmed")"
    sox -R "$limited" "$level" gain "$(gain_to_target "$limited")"
    local peak
    peak=$(peak_db "$level")
    if awk -v p="$peak" 'BEGIN { exit !(p > -1) }'; then
        echo "$name: peak $peak dBFS after levelling, over -1 dBFS" >&2
        exit 1
    fi
    ffmpeg -nostdin -loglevel error -y -i "$level" -map_metadata -1 \
        -fflags +bitexact -flags:a +bitexact \
        -c:a libopus -b:a "$bitrate" -vbr on -application audio -ar 48000 -ac 1 \
        "$here/$name.opus"
}

check_clip() {
    local name=$1 decoded=$work/$1.check.wav
    ffmpeg -nostdin -loglevel error -y -i "$here/$name.opus" -c:a pcm_s24le "$decoded"
    printf '%-10s %6s Hz %s ch %6.2f s  RMS %6s dB  peak %6s dB  %6d bytes\n' "$name" \
        "$(soxi -r "$decoded")" "$(soxi -c "$decoded")" "$(soxi -D "$decoded")" \
        "$(rms_db "$decoded")" \
        "$(peak_db "$decoded")" \
        "$(stat -c %s "$here/$name.opus")"
}

# The demo's floor: the speaker talks Russian, then Kazakh, then English, a second apart, so that
# the scripted meeting (astana.events) can follow the floor language as a technician would.
make_floor_demo() {
    local parts=()
    for name in floor-ru floor-kk floor-en; do
        ffmpeg -nostdin -loglevel error -y -i "$here/$name.opus" -c:a pcm_f32le "$work/$name.demo.wav"
        sox -R "$work/$name.demo.wav" "$work/$name.pad.wav" pad 0 1
        parts+=("$work/$name.pad.wav")
    done
    sox -R "${parts[@]}" "$work/floor-demo.wav"
    ffmpeg -nostdin -loglevel error -y -i "$work/floor-demo.wav" -map_metadata -1 \
        -fflags +bitexact -flags:a +bitexact \
        -c:a libopus -b:a "$bitrate" -vbr on -application audio -ar 48000 -ac 1 \
        "$here/floor-demo.opus"
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for clip in "${clips[@]}"; do
    # shellcheck disable=SC2086 # the table's columns are meant to split
    if [[ ${1:-} == check ]]; then check_clip $clip; else make_clip $clip; fi
done
if [[ ${1:-} == check ]]; then check_clip floor-demo; else make_floor_demo; fi
