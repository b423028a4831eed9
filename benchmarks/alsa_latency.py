"""What the ALSA sound driver adds to a call: mouth-to-ear latency, underruns, CPU.

`python -m benchmarks.alsa_latency [--seconds 10]` starts Kamailio and a private PulseAudio server
(tests/telephony/pulse_server.py: a null-sink "headset" whose monitor is recorded), runs our engine in
a child process on the system sound (tests/telephony/alsa_phone.py, ALSA `default` → pulse), and calls
a media_peer that plays a click (30 ms of 2 kHz) every second. Each click's arrival in the headset
is timed against when the peer's player started it (the peer's `media active` line): that is the whole
mouth-to-ear path (RTP on loopback, jitter buffer, conference bridge, our driver, PulseAudio). The same
recording of a click played straight into the headset with `pacat` gives the recorder's own offset,
subtracted out. Also: underruns/overruns the driver recovered, and the child's CPU per second of call,
against the same call on the null device (no sound server) as the baseline.
Prints figures; the last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import numpy as np

from benchmarks.call_setup import running_kamailio
from tests.telephony.alsa_phone import AlsaPhone
from tests.telephony.audio_check import write_wav
from tests.telephony.media_peer import MediaPeerProcess
from tests.telephony.pulse_server import RATE, PulseServer

CLICK_HZ, CLICK_SECONDS, PERIOD = 2000.0, 0.03, 1.0


def clicks(path: Path, count: int, rate: int = 16000) -> Path:
    """A click at 0.5 s, 1.5 s, 2.5 s…"""
    samples = np.zeros(int((count + 1) * PERIOD * rate))
    burst = np.arange(int(CLICK_SECONDS * rate)) / rate
    for k in range(count):
        start = int((0.5 + k * PERIOD) * rate)
        samples[start:start + len(burst)] = 12000 * np.sin(2 * np.pi * CLICK_HZ * burst)
    return write_wav(path, samples, rate)


def onsets(samples: np.ndarray) -> list[float]:
    """Seconds into the recording where a click starts (2 kHz energy in 2 ms steps)."""
    step = RATE // 500
    t = np.arange(step) / RATE
    probe = np.exp(-2j * np.pi * CLICK_HZ * t)
    energy = np.array([abs(np.dot(samples[i:i + step], probe)) for i in range(0, len(samples) - step, step)])
    loud = energy > max(energy.max() * 0.3, 1.0)
    found, last = [], -1.0
    for index in np.flatnonzero(loud):
        at = index * step / RATE
        if at - last > PERIOD / 2:
            found.append(at)
        last = at
    return found


def recorder_offset(pulse: PulseServer, work: Path) -> float:
    """How late parec's timeline is against the clock: a click played straight into the headset."""
    click = clicks(work / "direct.wav", 1, RATE)
    recording = pulse.start_recording()
    time.sleep(1.0)
    played_at = time.monotonic() + 0.5  # the click is 0.5 s into the file
    player = subprocess.Popen(["paplay", "--device=headset", "--latency-msec=10", str(click)],
                              env=pulse.env())
    player.wait(10)
    time.sleep(0.5)
    found = onsets(recording.finish())
    return recording.started + found[0] - played_at if found else 0.0


def cpu_per_second(phone: AlsaPhone, seconds: float) -> float:
    """The phone process's CPU milliseconds per wall second over `seconds` of its call."""
    phone.send("cpu")
    cpu0, wall0 = map(float, phone.expect("cpu ").split()[1:])
    time.sleep(seconds)
    phone.send("cpu")
    cpu1, wall1 = map(float, phone.expect("cpu ").split()[1:])
    return (cpu1 - cpu0) / (wall1 - wall0) * 1000


def null_device_cpu(domain: str, work: Path, seconds: float) -> float:
    """The same call with no sound server: the engine falls back to pjsua's null device."""
    env = {k: v for k, v in os.environ.items() if k != "PULSE_SERVER"}
    phone = AlsaPhone(domain, env)
    peer = MediaPeerProcess(domain, "peer", "--auto-answer", "--play", str(work / "clicks.wav"))
    try:
        phone.send("dial peer")
        phone.expect("event CallDidConnect")
        peer.expect("media active")
        cpu = cpu_per_second(phone, seconds)
        phone.send("hangup")
        phone.expect("event CallDidEnd")
        return cpu
    finally:
        peer.stop()
        phone.stop()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10)
    args = parser.parse_args()
    with running_kamailio() as kam, tempfile.TemporaryDirectory(prefix="huitong-alsa-") as tmp:
        work = Path(tmp)
        pulse = PulseServer(work / "pulse")
        try:
            offset = recorder_offset(pulse, work)
            phone = AlsaPhone(kam.domain, pulse.env())
            peer = MediaPeerProcess(kam.domain, "peer", "--auto-answer", "--play",
                                    str(clicks(work / "clicks.wav", args.seconds + 2)))
            try:
                recording = pulse.start_recording()
                phone.send("dial peer")
                phone.expect("event CallDidConnect")
                media_at, _ = peer.expect_at("media active")
                cpu = cpu_per_second(phone, args.seconds)
                samples = recording.finish()
                phone.send("xruns")
                xruns = int(phone.expect("xruns ").split()[1])
                phone.send("hangup")
                phone.expect("event CallDidEnd")
            finally:
                peer.stop()
                phone.stop()
        finally:
            pulse.stop()
        baseline = null_device_cpu(kam.domain, work, args.seconds)
    started, heard = recording.started, onsets(samples)
    delays = []
    for at in heard:
        k = round((started + at - media_at - 0.5) / PERIOD)
        delays.append((started + at - offset - (media_at + 0.5 + k * PERIOD)) * 1000)
    delays = delays[1:]  # the first click meets a sound device that is still starting
    result = {
        "clicks_heard": len(heard),
        "mouth_to_ear_ms_median": round(statistics.median(delays), 1) if delays else None,
        "mouth_to_ear_ms_max": round(max(delays), 1) if delays else None,
        "recorder_offset_ms": round(offset * 1000, 1),
        "driver_xruns": xruns,
        "cpu_ms_per_call_second": round(cpu, 1),
        "null_device_cpu_ms_per_call_second": round(baseline, 1),
        "alsa_latency_setting_ms": 60,
    }
    print(f"clicks heard in the headset: {len(heard)}; mouth-to-ear per click (ms): "
          f"{[round(d) for d in delays]}")
    print(f"recorder offset subtracted: {offset * 1000:.1f} ms; driver xruns recovered: {xruns}")
    print(f"engine process CPU per second of call: {cpu:.1f} ms through ALSA/PulseAudio, "
          f"{baseline:.1f} ms on the null device (no sound server)")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
