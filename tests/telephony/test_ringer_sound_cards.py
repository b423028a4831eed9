"""Sound cards for a machine that has none: a pjmedia audio driver whose cards keep what they play.

The pjsua2 wheel is built without any sound backend (no ALSA, PortAudio or PulseAudio: `enumDev2()`
is empty and the library links no libasound), so ALSA `type file` PCMs cannot be seen by it. pjmedia
does export `pjmedia_aud_register_factory`, so this module registers a real audio-device driver (an
`AudioDriver` of app/telephony/pjmedia_audio.py, the plumbing the ALSA driver uses too) whose cards run on
their own clock thread like a sound card: playback cards keep every sample the bridge plays, capture cards
deliver silence. Cards can be plugged and unplugged; pjsua2's `refreshDevs()` then sees the change.
An unplugged card's running stream does what pjmedia's real drivers do when their device vanishes
(ALSA, WASAPI, Oboe…): it publishes PJMEDIA_EVENT_AUD_DEV_ERROR (`pjmedia_event_publish`, posted,
with the stream as publisher; the sound port republishes it to pjsua's `on_media_event`) and stops
ticking. Every card counts the streams opened on it (`opens`): a glitch-free call opens one. A `busy`
card refuses to open, like a device another program holds.

Register it on the engine thread after libStart (`FileSoundCards.install`). The tests at the end check
the driver itself; test_ringer.py uses it for the ringer and hot-plug behaviour.
"""

from __future__ import annotations

import ctypes
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from app.telephony import pjmedia_audio as pjm
from app.telephony.engine import SoftphoneEngine
from app.telephony.settings import EngineSettings
from tests.telephony.conftest import EventLog

CLOCK_RATE, FRAME_SAMPLES = pjm.AudioDriver.CLOCK_RATE, 320


@dataclass
class Card(pjm.Device):
    plugged: bool = True
    played: bytearray = field(default_factory=bytearray)
    opens: int = 0  # streams opened on this card (a close-and-reopen is an audible gap)
    busy: bool = False  # opening a stream on it fails, as on a device another program holds


class FileSoundCards(pjm.AudioDriver):
    """The driver: one instance per process (pjmedia keeps the function pointers)."""

    DRIVER = b"FileCards"

    def __init__(self) -> None:
        super().__init__()
        self.cards: list[Card] = []
        self._lock = threading.Lock()

    # ---- test-facing --------------------------------------------------------------------------
    def plug(self, name: str, inputs: int = 1, outputs: int = 1) -> Card:
        """A new card, or one pulled out earlier plugged in again (seen at the next refresh)."""
        for card in self.cards:
            if card.name == name:
                card.plugged = True
                return card
        card = Card(name, inputs, outputs)
        self.cards.append(card)
        return card

    def unplug(self, name: str) -> None:
        for card in self.cards:
            if card.name == name:
                card.plugged = False

    def card(self, name: str) -> Card:
        return next(c for c in self.cards if c.name == name)

    def take(self, name: str) -> np.ndarray:
        """What the card played since the last take, as float samples at CLOCK_RATE."""
        card = self.card(name)
        with self._lock:
            data, card.played[:] = bytes(card.played), b""
        return np.frombuffer(data, dtype="<i2").astype(np.float64)

    def install(self) -> int:
        status = super().install()
        assert status == 0, f"pjmedia_aud_register_factory: {status}"
        return status

    # ---- the driver ---------------------------------------------------------------------------
    def scan(self) -> list[pjm.Device]:
        return [c for c in self.cards if c.plugged]

    def open(self, stream: pjm.Stream) -> int:
        cards = {id(c): c for c in (stream.capture, stream.playback) if isinstance(c, Card)}
        if any(card.busy for card in cards.values()):
            return pjm.EAUD_SYSERR
        for card in cards.values():
            card.opens += 1
        return 0

    def pumps(self, stream: pjm.Stream) -> list[tuple[bytes, Callable[[], None]]]:
        return [(b"filecard", lambda: self._clock(stream))]

    def _clock(self, stream: pjm.Stream) -> None:
        """Ticks like a sound card: one frame each way every 20 ms, by the monotonic clock."""
        size = stream.frame_bytes
        buf = (ctypes.c_char * size)()
        period = stream.frame_samples / CLOCK_RATE
        tick, stamp = time.monotonic(), 0
        while stream.running:
            tick += period
            time.sleep(max(0.0, tick - time.monotonic()))
            alive = [c for c in (stream.capture, stream.playback) if isinstance(c, Card)]
            gone = next((c for c in alive if not c.plugged), None)
            if gone is not None:  # pulled out: report the error like a real driver, and stop ticking
                pjm.publish_device_error(stream, pjm.CAPTURE if gone is stream.capture else pjm.PLAYBACK)
                return
            if stream.rec_cb is not None:
                ctypes.memset(buf, 0, size)
                silence = pjm.Frame(pjm.FRAME_AUDIO, ctypes.addressof(buf), size, stamp, 0)
                stream.rec_cb(stream.user_data, ctypes.byref(silence))
            if stream.play_cb is not None and isinstance(stream.playback, Card):
                frame = pjm.Frame(pjm.FRAME_AUDIO, ctypes.addressof(buf), size, stamp, 0)
                stream.play_cb(stream.user_data, ctypes.byref(frame))
                with self._lock:
                    stream.playback.played += bytes(buf) if frame.type == pjm.FRAME_AUDIO else bytes(size)
            stamp += stream.frame_samples


# ---- the driver itself, through a real engine -------------------------------------------------------

def level(samples: np.ndarray, hz: float) -> float:
    """Amplitude of the `hz` component (16-bit units): a clear tone reads in the thousands."""
    assert len(samples) > CLOCK_RATE // 4, f"only {len(samples)} samples were played"
    window = np.hanning(len(samples))
    spectrum = np.abs(np.fft.rfft(samples * window)) * 2 / window.sum()
    freqs = np.fft.rfftfreq(len(samples), 1 / CLOCK_RATE)
    return float(spectrum[(freqs > hz - 15) & (freqs < hz + 15)].max())


def carded_engine(cards: FileSoundCards, log: EventLog, capture_wav: str = "") -> SoftphoneEngine:
    eng = SoftphoneEngine(EngineSettings(null_audio=False, capture_wav=capture_wav, system_sound=False), log)
    eng.start()
    eng._submit(cards.install).result(5)  # the engine thread is pjsua2's only thread
    eng.refresh_devices().result(5)
    return eng


def test_the_cards_are_sound_devices_to_pjsua2_and_play_what_the_bridge_plays():
    cards = FileSoundCards()
    cards.plug("Built-in Audio", 1, 2)
    cards.plug("Desk Ringer", 0, 1)
    log = EventLog()
    eng = carded_engine(cards, log)
    try:
        listed = eng.list_devices().result(5)
        assert [(d.id, d.name, d.input_channels, d.output_channels) for d in listed] == [
            (0, "Built-in Audio", 1, 2), (1, "Desk Ringer", 0, 1)]
        eng.set_devices(capture="Built-in Audio", playback="Built-in Audio").result(5)
        eng.play_ringtone().result(5)
        time.sleep(0.8)
        eng.stop_ringtone().result(5)
        played = cards.take("Built-in Audio")
        assert level(played, 440) > 1000
        assert level(played, 480) > 1000
        assert level(played, 1000) < 100
    finally:
        eng.stop()
    # libDestroy dropped the driver: the next engine of this process has no sound cards again
    again = SoftphoneEngine(EngineSettings(null_audio=True), EventLog())
    again.start()
    try:
        assert again.list_devices().result(5) == ()
    finally:
        again.stop()
