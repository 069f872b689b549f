#!/usr/bin/env python3
# Checks a player's decoded stream against the test signal: a 1 kHz tone at -12 dBFS for half of
# every second. Each whole second after the first 0.5 s (start-up) is aligned on its own by
# cross-correlation, then its pitch, level and silent half are checked: an adaptive receiver may
# move its delay between seconds (a sender that stalls, a buffer that grows), and one second
# that a move smears may fail when there are three or more. Usage: check_player_audio.py PLAYER WAV
import sys, wave
import numpy as np

player, path = sys.argv[1], sys.argv[2]
with wave.open(path) as w:
    assert w.getframerate() == 48000 and w.getnchannels() == 1 and w.getsampwidth() == 2
    y = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(float) / 32768.0
rate, period = 48000, 48000
t = np.arange(period // 2)
ref = np.zeros(period)
ref[: period // 2] = 10 ** (-12 / 20) * np.sin(2 * np.pi * 1000 * t / rate)
seconds = (len(y) - rate // 2) // period
if seconds < 2:
    sys.exit(f"{player}: only {len(y) / rate:.2f} s decoded")
# Leave 10 ms at each edge of the tone: Opus's transition blurs them.
on = ref != 0
tone_part = np.convolve(on.astype(float), np.ones(960), "same") > 959
silent_part = np.convolve((~on).astype(float), np.ones(960), "same") > 959


def check_second(part):
    corr = np.fft.irfft(np.fft.rfft(ref) * np.conj(np.fft.rfft(part)), period)
    lag = int(np.argmax(corr)) % period
    tone = part[np.roll(tone_part, -lag)]
    silence = part[np.roll(silent_part, -lag)]
    level = 20 * np.log10(np.sqrt(np.mean(tone**2)) / np.sqrt(np.mean(ref[tone_part] ** 2)))
    spectrum = np.abs(np.fft.rfft(tone[:16384] * np.hanning(16384)))
    peak = np.argmax(spectrum)
    a, b, c = np.log(spectrum[peak - 1 : peak + 2] + 1e-12)
    hz = (peak + 0.5 * (a - c) / (a - 2 * b + c)) * rate / 16384
    quiet = 20 * np.log10(np.sqrt(np.mean(silence**2)) + 1e-12)
    good = abs(hz - 1000) < 5 and abs(level) < 1.0 and quiet < -40
    return good, f"lag {lag}, {hz:.1f} Hz, level {level:+.2f} dB, silence {quiet:.1f} dBFS"


results = [check_second(y[rate // 2 + k * period : rate // 2 + (k + 1) * period])
           for k in range(seconds)]
for k, (good, text) in enumerate(results):
    print(f"{player}: second {k + 1}: {text}{'' if good else '  <- off'}")
passed = sum(good for good, _ in results)
needed = seconds if seconds == 2 else seconds - 1
assert passed >= needed, f"{passed} of {seconds} seconds match the tone (pitch, level, silence)"
