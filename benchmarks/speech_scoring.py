"""Scoring speech for benchmarks.audio_quality: the P.862 reference (cut at a pause, scaled to an active
speech level of -26 dBov by P.56 method B), alignment of a recording to it by cross-correlation, PESQ
narrowband (P.862) and wideband (P.862.2) via PyPI `pesq`, and each codec alone offline (mu-law in
numpy, G.722 with PyPI `G722`) as the ceiling a call cannot beat."""

from __future__ import annotations

import array
import itertools
import wave
from pathlib import Path

import numpy as np
from G722 import G722
from pesq import pesq

TARGET_DBOV = -26.0  # P.862: active speech level of the reference
MAX_SPEECH_SECONDS = 12.0


def read_wav(path: Path) -> tuple[np.ndarray, int]:
    with wave.open(str(path), "rb") as wav:
        if wav.getsampwidth() != 2 or wav.getnchannels() != 1:
            raise ValueError(f"{path}: expected 16-bit mono")
        data = np.frombuffer(wav.readframes(wav.getnframes()), dtype=np.int16).astype(np.float64)
        return data, wav.getframerate()


def resample(signal: np.ndarray, rate: int, wanted: int) -> np.ndarray:
    if rate == wanted:
        return signal
    if rate == 2 * wanted:  # low-pass (windowed sinc at 0.45 of the new rate), then keep every second sample
        taps = np.arange(-64, 65)
        kernel = np.sinc(2 * 0.45 * taps / 2) * 0.45 * np.hamming(len(taps))
        return np.convolve(signal, kernel / kernel.sum(), mode="same")[::2]
    raise ValueError(f"cannot resample {rate} Hz to {wanted} Hz")


def align(reference: np.ndarray, degraded: np.ndarray) -> np.ndarray:
    """The stretch of `degraded` that lines up with `reference` (delay found by FFT cross-correlation)."""
    size = 1 << int(np.ceil(np.log2(len(reference) + len(degraded))))
    spectrum = np.fft.rfft(degraded, size) * np.conj(np.fft.rfft(reference, size))
    lag = int(np.argmax(np.fft.irfft(spectrum, size)[: len(degraded)]))
    piece = degraded[lag: lag + len(reference)]
    return np.pad(piece, (0, len(reference) - len(piece)))


def upsample2(signal: np.ndarray) -> np.ndarray:
    """8 kHz → 16 kHz: zeros between the samples, then the same windowed-sinc low-pass (gain 2)."""
    stuffed = np.zeros(2 * len(signal))
    stuffed[::2] = signal
    taps = np.arange(-64, 65)
    kernel = np.sinc(taps / 2) * np.hamming(len(taps))
    return np.convolve(stuffed, kernel / kernel.sum() * 2, mode="same")


def pesq_both(ref16: np.ndarray, deg16: np.ndarray) -> dict[str, float]:
    """P.862 narrowband (both at 8 kHz) and P.862.2 wideband (both at 16 kHz)."""
    return {"nb": float(pesq(8000, resample(ref16, 16000, 8000), resample(deg16, 16000, 8000), "nb")),
            "wb": float(pesq(16000, ref16, deg16, "wb"))}


def score(reference: Path, recorded: Path) -> dict[str, float]:
    ref, ref_rate = read_wav(reference)
    deg, deg_rate = read_wav(recorded)
    if ref_rate != 16000 or deg_rate not in (16000, 32000):
        raise ValueError(f"reference at {ref_rate} Hz, recording at {deg_rate} Hz: expected 16 kHz")
    deg = align(ref, resample(deg, deg_rate, ref_rate))
    return pesq_both(ref, deg)


# ---- the reference, per P.862 practice ---------------------------------------------------------------------
def active_level_dbov(signal: np.ndarray, rate: int) -> tuple[float, float]:
    """ITU-T P.56 method B: (active speech level in dBov, activity 0..1). Envelope: two one-pole
    smoothers (0.03 s) of |x|; hangover 0.2 s; the level is where it sits 15.9 dB above the threshold."""
    g = float(np.exp(-1 / (0.03 * rate)))
    env = np.empty(len(signal))
    p = q = 0.0
    for i, x in enumerate(np.abs(signal)):
        p = g * p + (1 - g) * x
        q = g * q + (1 - g) * p
        env[i] = q
    energy = float(np.sum(signal ** 2))
    hang = int(0.2 * rate)
    levels: list[tuple[float, float, float]] = []  # (threshold dB, active level dB, activity)
    for j in range(16):
        c = 2.0 ** j
        above = env >= c
        # hangover: a sample stays active for `hang` samples after the envelope was last above c
        last = np.maximum.accumulate(np.where(above, np.arange(len(env)), -hang - 1))
        active = int(np.count_nonzero(np.arange(len(env)) - last <= hang))
        if active == 0:
            break
        levels.append((20 * np.log10(c), 10 * np.log10(energy / active), active / len(env)))
    for (c0, a0, act0), (c1, a1, act1) in itertools.pairwise(levels):
        d0, d1 = a0 - c0, a1 - c1
        if d0 >= 15.9 >= d1:
            f = (d0 - 15.9) / (d0 - d1) if d0 != d1 else 0.0
            level = a0 + f * (a1 - a0)
            return level - 20 * np.log10(32768), act0 + f * (act1 - act0)
    raise ValueError("no speech found")


def prepare_reference(source: Path, workdir: Path) -> tuple[Path, dict[str, float]]:
    """`source` cut at a pause to ≤ 12 s of speech, 0.5 s of silence either side, at −26 dBov."""
    speech, rate = read_wav(source)
    frame = rate // 20
    frames = len(speech) // frame
    power = np.array([np.mean(speech[i * frame:(i + 1) * frame] ** 2) for i in range(frames)])
    loud = power > power.max() * 10 ** (-5.0)  # within 50 dB of the loudest 50 ms
    first = int(np.argmax(loud))
    pauses = [i for i in range(first + 1, frames) if not loud[i] and loud[i - 1]]
    fits = [i for i in pauses if (i - first) * frame / rate <= MAX_SPEECH_SECONDS]
    end = fits[-1] if fits else frames
    body = speech[first * frame:end * frame]
    level, activity = active_level_dbov(body, rate)
    body = body * 10 ** ((TARGET_DBOV - level) / 20)
    pad = np.zeros(rate // 2)
    out = np.concatenate([pad, body, pad])
    path = workdir / f"reference-{source.stem}.wav"
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(np.clip(np.round(out), -32768, 32767).astype("<i2").tobytes())
    checked, _ = active_level_dbov(body, rate)
    return path, {"speech_seconds": round(len(body) / rate, 2), "source_level_dbov": round(float(level), 2),
                  "active_level_dbov": round(float(checked), 2), "activity": round(float(activity), 3),
                  "peak_dbov": round(float(20 * np.log10(np.abs(body).max() / 32768)), 2)}


# ---- the codec alone (no call): the ceiling ----------------------------------------------------------------
def mulaw_roundtrip(signal8: np.ndarray) -> np.ndarray:
    """G.711 μ-law encode + decode (the continuous μ=255 law quantised to 8 bits as G.711 does)."""
    x = np.clip(signal8 / 32768, -1, 1)
    y = np.sign(x) * np.log1p(255 * np.abs(x)) / np.log1p(255)
    code = np.round(y * 127) / 127
    return np.sign(code) * (np.expm1(np.abs(code) * np.log1p(255)) / 255) * 32768


def g722_roundtrip(signal16: np.ndarray) -> np.ndarray:
    pcm = array.array("h", np.clip(np.round(signal16), -32768, 32767).astype(np.int16).tolist())
    decoded = np.array(G722(16000, 64000).decode(G722(16000, 64000).encode(pcm)), dtype=np.float64)
    return align(signal16, decoded)  # the codec's own delay (QMF filters)


def codec_ceiling(codec: str, reference: Path) -> dict[str, float]:
    ref, _rate = read_wav(reference)
    if codec.startswith("PCMU"):
        degraded = align(ref, upsample2(mulaw_roundtrip(resample(ref, 16000, 8000))))
    else:
        degraded = g722_roundtrip(ref)
    return pesq_both(ref, degraded)
