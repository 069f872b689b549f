#!/usr/bin/env python3
# Checks a standard player's decoded stream against the test floor: a 1 kHz tone at -12 dBFS
# for half of every second. Finds the delay by cross-correlation, then checks pitch, level and
# that the silent half is silent. Usage: check_player_audio.py PLAYER WAV
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
# Skip the first 0.5 s (player start-up), then use two whole periods.
if len(y) < rate // 2 + 2 * period:
    sys.exit(f"{player}: only {len(y) / rate:.2f} s decoded")
y = y[rate // 2 : rate // 2 + 2 * period]
x = np.tile(ref, 2)
corr = np.fft.irfft(np.fft.rfft(x) * np.conj(np.fft.rfft(y)), len(y))
lag = int(np.argmax(corr)) % period
aligned = np.roll(x, -lag)
on = aligned != 0
# Leave 10 ms at each edge of the tone: Opus's transition blurs them.
edge = np.convolve(on.astype(float), np.ones(960), "same") > 959
tone, silence = y[edge], y[np.convolve((~on).astype(float), np.ones(960), "same") > 959]
level = 20 * np.log10(np.sqrt(np.mean(tone**2)) / np.sqrt(np.mean(aligned[edge] ** 2)))
spectrum = np.abs(np.fft.rfft(tone[: 16384] * np.hanning(16384)))
peak = np.argmax(spectrum)
a, b, c = np.log(spectrum[peak - 1 : peak + 2] + 1e-12)
hz = (peak + 0.5 * (a - c) / (a - 2 * b + c)) * rate / 16384
quiet = 20 * np.log10(np.sqrt(np.mean(silence**2)) + 1e-12)
print(f"{player}: lag {lag} samples (mod 1 s), {hz:.1f} Hz, level {level:+.2f} dB, "
      f"silence {quiet:.1f} dBFS, {len(y) / rate:.1f} s checked")
assert abs(hz - 1000) < 5, "wrong pitch"
assert abs(level) < 1.0, "level off by more than 1 dB"
assert quiet < -40, "the silent half is not silent"
