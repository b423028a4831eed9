"""Audio helpers for the media tests: write a test tone as WAV, measure a tone's level by FFT."""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np


def write_tone(path: Path, hz: float, seconds: float = 2.0, rate: int = 16000, amplitude: int = 8000) -> Path:
    t = np.arange(int(seconds * rate)) / rate
    return write_wav(path, amplitude * np.sin(2 * np.pi * hz * t), rate)


def write_wav(path: Path, samples: np.ndarray, rate: int) -> Path:
    """Mono 16-bit PCM."""
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(samples.astype("<i2").tobytes())
    return path


def read_wav(path: Path) -> tuple[np.ndarray, int]:
    with wave.open(str(path), "rb") as w:
        assert w.getsampwidth() == 2, "recordings are 16-bit PCM"
        frames = w.readframes(w.getnframes())
        rate = w.getframerate()
        channels = w.getnchannels()
    samples = np.frombuffer(frames, dtype="<i2").astype(np.float64)
    if channels > 1:
        samples = samples.reshape(-1, channels).mean(axis=1)
    return samples, rate


def tone_level(path: Path, hz: float, skip_seconds: float = 0.2) -> float:
    """Amplitude (in 16-bit sample units) of the `hz` component, from an FFT of the recording after
    its first `skip_seconds` (switching clicks). A clear tone reads in the thousands, silence ~0."""
    samples, rate = read_wav(path)
    samples = samples[int(skip_seconds * rate):]
    assert len(samples) > rate // 4, f"{path} holds only {len(samples)} samples"
    window = np.hanning(len(samples))
    spectrum = np.abs(np.fft.rfft(samples * window)) * 2 / window.sum()
    freqs = np.fft.rfftfreq(len(samples), 1 / rate)
    band = (freqs > hz - 15) & (freqs < hz + 15)
    return float(spectrum[band].max())
