"""The Linux sound driver (app/telephony/alsa_cards.py) on a real sound server, through real calls.

ALSA's `null` PCM does not pace writes (100 frames of 20 ms went in 0.4 ms), so it cannot stand in
for a sound card. These tests start a private PulseAudio server (tests/telephony/pulse_server.py:
a "headset" null sink whose monitor we record, a 1 kHz sine source as the microphone), and run our
engine in a child process (tests/telephony/alsa_phone.py) that reaches it through ALSA's `pulse`
plugin, the way a desktop's `default` device does. The far end is media_peer, through Kamailio.
"""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from app.telephony.alsa_cards import display_names, listed
from tests.telephony.alsa_phone import AlsaPhone
from tests.telephony.audio_check import tone_level, write_tone, write_wav
from tests.telephony.kamailio import Kamailio
from tests.telephony.media_peer import MediaPeerProcess
from tests.telephony.pulse_server import MIC_HZ, PulseServer, pulseaudio_pids
from tests.telephony.test_ringer_sound_cards import level  # an FFT level at 16 kHz, the recordings' rate

PEER_HZ = 440.0
PRESENT, ABSENT = 1000.0, 100.0
SERVER_DEFAULT = "Playback/recording through the PulseAudio sound server"  # ALSA `default` via pulse
SERVER_PLUGIN = "PulseAudio Sound Server"                                   # ALSA `pulse`


def spoken_tone(path: Path, seconds: float = 40.0) -> Path:
    """MIC_HZ in syllables (300 ms on, 200 ms off): a steady tone is what the echo canceller's noise
    suppressor removes, speech is not."""
    rate = 48000
    t = np.arange(int(seconds * rate)) / rate
    gate = (t % 0.5) < 0.3
    return write_wav(path, 8000 * np.sin(2 * np.pi * MIC_HZ * t) * gate, rate)


@pytest.fixture
def pulse(tmp_path: Path) -> Iterator[PulseServer]:
    server = PulseServer(tmp_path / "pulse")
    yield server
    server.stop()


@pytest.fixture
def phone(kamailio: Kamailio, pulse: PulseServer) -> Iterator[AlsaPhone]:
    proc = AlsaPhone(kamailio.domain, pulse.env())
    yield proc
    proc.stop()
    assert proc.proc.returncode == 0


def call_peer(phone: AlsaPhone, kamailio: Kamailio, tmp_path: Path) -> tuple[MediaPeerProcess, Path]:
    tone = write_tone(tmp_path / "peer-440.wav", PEER_HZ, seconds=30)
    heard = tmp_path / "peer-heard.wav"
    peer = MediaPeerProcess(kamailio.domain, "peer", "--auto-answer", "--play", str(tone),
                            "--record", str(heard))
    phone.send("dial peer")
    phone.expect("dialled")
    phone.expect("event CallDidConnect")
    peer.expect("media active")
    return peer, heard


def test_the_sound_server_is_listed_with_both_directions_and_nothing_called_null(phone: AlsaPhone):
    listed = phone.devices()
    names = [name for name, _driver, _inputs, _outputs in listed]
    assert SERVER_DEFAULT in names, listed
    assert SERVER_PLUGIN in names, listed
    for name, driver, inputs, outputs in listed:
        assert driver == "ALSA"
        assert "null" not in name.lower()
        assert len(name.encode()) <= 63
        if name in (SERVER_DEFAULT, SERVER_PLUGIN):
            assert inputs > 0
            assert outputs > 0
    assert len(set(names)) == len(names)


def test_a_call_is_heard_in_the_headset_and_the_microphone_reaches_the_far_end(
        phone: AlsaPhone, pulse: PulseServer, kamailio: Kamailio, tmp_path: Path):
    voice = pulse.speak(spoken_tone(tmp_path / "agent-voice.wav"))
    peer, heard = call_peer(phone, kamailio, tmp_path)
    try:
        time.sleep(0.5)  # the sound device opened with the call; let it settle
        played = pulse.record(1.5)
        assert level(played, PEER_HZ) > PRESENT  # the caller's voice came out of the headset
        assert level(played, MIC_HZ) < ABSENT    # and our own microphone is not played back to us
        time.sleep(1.0)
        phone.send("hangup")
        phone.expect("event CallDidEnd")
        peer.expect(f"recorded {heard}", timeout=10)
    finally:
        peer.stop()
        voice.kill()
        voice.wait(5)
    assert tone_level(heard, MIC_HZ, skip_seconds=0.8) > PRESENT  # the agent's voice reached the peer
    phone.send("xruns")
    assert phone.expect("xruns ") != "xruns -1"


def test_the_ringtone_plays_on_the_chosen_device(phone: AlsaPhone, pulse: PulseServer):
    phone.send(f"use -|-|{SERVER_PLUGIN}")
    phone.expect("using")
    quiet = pulse.record(1.0)
    assert level(quiet, 440) < ABSENT
    phone.send("ring")
    phone.expect("ringing")
    time.sleep(0.3)
    ringing = pulse.record(2.0)
    phone.send("stopring")
    phone.expect("quiet")
    assert level(ringing, 440) > PRESENT  # pjsua's ringback-style ringtone: 440 + 480 Hz
    assert level(ringing, 480) > PRESENT
    assert not [line for line in phone.seen if line.startswith("event AudioDeviceDidFallBack")]


def test_a_sound_server_that_dies_mid_call_leaves_the_call_up_on_the_null_device(
        phone: AlsaPhone, pulse: PulseServer, kamailio: Kamailio, tmp_path: Path):
    peer, _heard = call_peer(phone, kamailio, tmp_path)
    try:
        time.sleep(0.5)
        assert level(pulse.record(0.8), PEER_HZ) > PRESENT
        pulse.kill()  # the headset and the microphone vanish at once
        moved = phone.expect("event AudioDeviceDidFallBack", timeout=10)
        assert "null device" in moved
        time.sleep(1.5)  # the call goes on: no hang-up from either side
        assert not [line for line in phone.seen + peer.seen if "CallDidEnd" in line or "disconnected" in line]
        phone.send("devices")
        assert phone.expect("devices ") == "devices []"
        phone.send("hangup")
        phone.expect("event CallDidEnd")
        peer.expect("disconnected", timeout=10)
    finally:
        peer.stop()
    phone.stop()
    assert phone.proc.returncode == 0
    phone.expect("stopped", timeout=1)  # the engine stopped cleanly, nothing hung


def test_without_a_sound_server_nothing_is_listed_and_none_is_started(kamailio: Kamailio, tmp_path: Path):
    before = pulseaudio_pids()
    env = {k: v for k, v in os.environ.items() if k != "PULSE_SERVER"}
    phone = AlsaPhone(kamailio.domain, env)
    try:
        listed = phone.devices()
        assert not [d for d in listed if d[0] in (SERVER_DEFAULT, SERVER_PLUGIN)]
        fallbacks = [line for line in phone.seen if line.startswith("event AudioDeviceDidFallBack")]
        assert fallbacks  # the engine said so
        assert all("null device" in line for line in fallbacks)
    finally:
        phone.stop()
    assert phone.proc.returncode == 0
    time.sleep(0.5)
    assert pulseaudio_pids() <= before  # no autospawn: as root, libpulse never starts a server
    assert subprocess.run(["pactl", "info"], env=env, capture_output=True, check=False).returncode != 0


def test_plugin_aliases_are_not_devices_and_names_are_unique_readable_and_short():
    assert [pcm for pcm in ("default", "pulse", "pipewire", "sysdefault:CARD=PCH", "null", "jack",
                            "surround51:CARD=PCH,DEV=0", "iec958:CARD=PCH", "front:CARD=PCH,DEV=0",
                            "dmix:CARD=PCH", "dsnoop:CARD=PCH", "hw:CARD=PCH,DEV=0", "hdmi:CARD=HDMI")
            if listed(pcm)] == ["default", "pulse", "pipewire", "sysdefault:CARD=PCH"]
    long = "Jabra Evolve2 65 — a headset whose description goes on and on and on for ever, ünïcode"
    names = display_names([("default", "Default ALSA Output (currently PipeWire Media Server)"),
                           ("sysdefault:CARD=USB", "Jabra USB, USB Audio\nDefault Audio Device"),
                           ("sysdefault:CARD=USB_1", "Jabra USB, USB Audio\nDefault Audio Device"),
                           ("sysdefault:CARD=Long", long), ("custom", "")])
    assert names[0] == "Default ALSA Output (currently PipeWire Media Server)"
    assert names[1:3] == ["Jabra USB, USB Audio (sysdefault:CARD=USB)",
                          "Jabra USB, USB Audio (sysdefault:CARD=USB_1)"]  # two of one model
    assert long.startswith(names[3])
    assert all(len(name.encode()) <= 63 for name in names)
    assert names[4] == "custom"  # no description: the PCM name
    assert len(set(names)) == len(names)
