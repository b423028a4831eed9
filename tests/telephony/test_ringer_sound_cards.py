"""Sound cards for a machine that has none: a pjmedia audio driver whose cards keep what they play.

The pjsua2 wheel is built without any sound backend (no ALSA, PortAudio or PulseAudio: `enumDev2()`
is empty and the library links no libasound), so ALSA `type file` PCMs cannot be seen by it. pjmedia
does export `pjmedia_aud_register_factory`, so this module registers a real audio-device driver
(factory + streams, written with ctypes against pjmedia 2.15's structures) whose cards run on their
own clock thread like a sound card: playback cards keep every sample the bridge plays, capture cards
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
from dataclasses import dataclass, field

import numpy as np
import pjsua2 as pj

from app.telephony.engine import SoftphoneEngine
from app.telephony.settings import EngineSettings
from tests.telephony.conftest import EventLog

_LIB = ctypes.CDLL(pj._pjsua2.__file__)
_STATUS = ctypes.c_int
_EINVAL, _INVCAP = 70004, 420004  # PJ_EINVAL, PJMEDIA_EAUD_INVCAP
_CAPTURE, _PLAYBACK = 1, 2        # pjmedia_dir
_INVALID_DEV = -3                 # PJMEDIA_AUD_INVALID_DEV
CLOCK_RATE, FRAME_SAMPLES = 16000, 320


class _Frame(ctypes.Structure):
    _fields_ = [("type", ctypes.c_int), ("buf", ctypes.c_void_p), ("size", ctypes.c_size_t),
                ("timestamp", ctypes.c_uint64), ("bit_info", ctypes.c_uint32)]


class _DevInfo(ctypes.Structure):  # pjmedia_aud_dev_info (2.15 starts with the device id)
    _fields_ = [("id", ctypes.c_int), ("name", ctypes.c_char * 64), ("input_count", ctypes.c_uint),
                ("output_count", ctypes.c_uint), ("default_samples_per_sec", ctypes.c_uint),
                ("driver", ctypes.c_char * 32), ("caps", ctypes.c_uint), ("routes", ctypes.c_uint),
                ("ext_fmt_cnt", ctypes.c_uint)]


class _Param(ctypes.Structure):  # the mandatory head of pjmedia_aud_param
    _fields_ = [("dir", ctypes.c_int), ("rec_id", ctypes.c_int), ("play_id", ctypes.c_int),
                ("clock_rate", ctypes.c_uint), ("channel_count", ctypes.c_uint),
                ("samples_per_frame", ctypes.c_uint), ("bits_per_sample", ctypes.c_uint),
                ("flags", ctypes.c_uint)]


_CB = ctypes.CFUNCTYPE(_STATUS, ctypes.c_void_p, ctypes.POINTER(_Frame))
_F1 = ctypes.CFUNCTYPE(_STATUS, ctypes.c_void_p)
_COUNT = ctypes.CFUNCTYPE(ctypes.c_uint, ctypes.c_void_p)
_INFO = ctypes.CFUNCTYPE(_STATUS, ctypes.c_void_p, ctypes.c_uint, ctypes.POINTER(_DevInfo))
_DEFPARAM = ctypes.CFUNCTYPE(_STATUS, ctypes.c_void_p, ctypes.c_uint, ctypes.POINTER(_Param))
_CREATE = ctypes.CFUNCTYPE(_STATUS, ctypes.c_void_p, ctypes.POINTER(_Param), ctypes.c_void_p,
                           ctypes.c_void_p, ctypes.c_void_p, ctypes.POINTER(ctypes.c_void_p))
_GETPARAM = ctypes.CFUNCTYPE(_STATUS, ctypes.c_void_p, ctypes.POINTER(_Param))
_CAP = ctypes.CFUNCTYPE(_STATUS, ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p)
_FACTORY_CREATE = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p)


class _FactoryOp(ctypes.Structure):
    _fields_ = [("init", _F1), ("destroy", _F1), ("get_dev_count", _COUNT), ("get_dev_info", _INFO),
                ("default_param", _DEFPARAM), ("create_stream", _CREATE), ("refresh", _F1)]


class _Factory(ctypes.Structure):
    _fields_ = [("drv_idx", ctypes.c_uint), ("op", ctypes.POINTER(_FactoryOp))]


class _StreamOp(ctypes.Structure):
    _fields_ = [("get_param", _GETPARAM), ("get_cap", _CAP), ("set_cap", _CAP), ("start", _F1),
                ("stop", _F1), ("destroy", _F1)]


class _Stream(ctypes.Structure):
    _fields_ = [("drv_idx", ctypes.c_uint), ("op", ctypes.POINTER(_StreamOp))]


_LIB.pjmedia_aud_register_factory.argtypes = [_FACTORY_CREATE]
_LIB.pjmedia_aud_unregister_factory.argtypes = [_FACTORY_CREATE]
_LIB.pj_thread_register.argtypes = [ctypes.c_char_p, ctypes.c_void_p, ctypes.POINTER(ctypes.c_void_p)]
_LIB.pjmedia_event_init.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_void_p, ctypes.c_void_p]
_LIB.pjmedia_event_init.restype = None
_LIB.pjmedia_event_publish.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int]
_AUD_DEV_ERROR = pj.PJMEDIA_EVENT_AUD_DEV_ERROR
_PUBLISH_POST_EVENT = 1     # PJMEDIA_EVENT_PUBLISH_POST_EVENT: delivered by the event manager's thread
_EVENT_DATA_OFFSET = 32     # pjmedia_event: type, timestamp, src, epub, then the data union (x86_64)
_EVENT_BYTES = 1024         # more than sizeof(pjmedia_event); pjmedia_event_init zeroes its own size
_EAUD_SYSERR = 420002       # PJMEDIA_EAUD_SYSERR: what a driver reports for a vanished device


_KEEP: list[FileSoundCards] = []


@dataclass
class Card:
    name: str
    inputs: int
    outputs: int
    plugged: bool = True
    played: bytearray = field(default_factory=bytearray)
    opens: int = 0  # streams opened on this card (a close-and-reopen is an audible gap)
    busy: bool = False  # opening a stream on it fails, as on a device another program holds


@dataclass
class _StreamState:
    param: _Param
    capture: Card | None
    playback: Card | None
    rec_cb: ctypes._CFuncPtr | None
    play_cb: ctypes._CFuncPtr | None
    user_data: int
    address: int = 0  # the pjmedia_aud_stream pjmedia holds: the publisher of its events
    running: bool = False
    thread: threading.Thread | None = None


class FileSoundCards:
    """The driver: one instance per process (pjmedia keeps the function pointers)."""

    def __init__(self) -> None:
        self.cards: list[Card] = []
        self._visible: list[Card] = []
        self._lock = threading.Lock()
        self._streams: dict[int, tuple[_Stream, _StreamState]] = {}
        self._stream_op = _StreamOp(_GETPARAM(self._get_param), _CAP(lambda s, c, v: _INVCAP),
                                    _CAP(lambda s, c, v: _INVCAP), _F1(self._start), _F1(self._stop),
                                    _F1(self._destroy))
        self._op = _FactoryOp(_F1(self._refresh), _F1(lambda f: 0), _COUNT(lambda f: len(self._visible)),
                              _INFO(self._info), _DEFPARAM(self._default_param),
                              _CREATE(self._create), _F1(self._refresh))
        self._factory = _Factory(0, ctypes.pointer(self._op))
        self._create_factory = _FACTORY_CREATE(lambda pool_factory: ctypes.addressof(self._factory))

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

    def install(self) -> None:
        """On the pjsua2 thread, after libStart. libDestroy drops the driver again."""
        _KEEP.append(self)  # pjmedia holds the callbacks: they must outlive any engine using them
        status = _LIB.pjmedia_aud_register_factory(self._create_factory)
        assert status == 0, f"pjmedia_aud_register_factory: {status}"

    # ---- factory ops --------------------------------------------------------------------------
    def _refresh(self, _factory: int) -> int:
        self._visible = [c for c in self.cards if c.plugged]
        return 0

    def _info(self, _factory: int, index: int, info: ctypes._Pointer[_DevInfo]) -> int:
        if index >= len(self._visible):
            return _EINVAL
        card = self._visible[index]
        info.contents.name = card.name.encode()[:63]
        info.contents.input_count, info.contents.output_count = card.inputs, card.outputs
        info.contents.default_samples_per_sec = CLOCK_RATE
        info.contents.driver = b"FileCards"
        info.contents.caps = info.contents.routes = info.contents.ext_fmt_cnt = 0
        return 0

    def _default_param(self, _factory: int, index: int, param: ctypes._Pointer[_Param]) -> int:
        if index >= len(self._visible):
            return _EINVAL
        card = self._visible[index]
        p = param.contents
        p.dir = (_CAPTURE if card.inputs else 0) | (_PLAYBACK if card.outputs else 0)
        p.rec_id = index if card.inputs else _INVALID_DEV
        p.play_id = index if card.outputs else _INVALID_DEV
        p.clock_rate, p.channel_count, p.samples_per_frame = CLOCK_RATE, 1, FRAME_SAMPLES
        p.bits_per_sample = 16
        p.flags = 0
        return 0

    def _create(self, _factory: int, param: ctypes._Pointer[_Param], rec_cb: int | None,
                play_cb: int | None, user_data: int | None, out: ctypes._Pointer[ctypes.c_void_p]) -> int:
        p = param.contents
        copy = _Param.from_buffer_copy(p)
        capture = self._visible[p.rec_id] if p.dir & _CAPTURE else None
        playback = self._visible[p.play_id] if p.dir & _PLAYBACK else None
        if any(card is not None and card.busy for card in (capture, playback)):
            return _EAUD_SYSERR
        stream = _Stream(0, ctypes.pointer(self._stream_op))
        state = _StreamState(copy, capture, playback, _CB(rec_cb) if rec_cb else None,
                             _CB(play_cb) if play_cb else None, user_data or 0)
        state.address = ctypes.addressof(stream)
        for card in {id(c): c for c in (capture, playback) if c is not None}.values():
            card.opens += 1
        self._streams[state.address] = (stream, state)
        out[0] = state.address
        return 0

    # ---- stream ops ---------------------------------------------------------------------------
    def _state(self, stream: int) -> _StreamState:
        return self._streams[stream][1]

    def _get_param(self, stream: int, param: ctypes._Pointer[_Param]) -> int:
        ctypes.memmove(param, ctypes.byref(self._state(stream).param), ctypes.sizeof(_Param))
        return 0

    def _start(self, stream: int) -> int:
        state = self._state(stream)
        state.running = True
        state.thread = threading.Thread(target=self._clock, args=(state,), daemon=True,
                                        name="file-sound-card")
        state.thread.start()
        return 0

    def _stop(self, stream: int) -> int:
        state = self._state(stream)
        state.running = False
        if state.thread is not None and state.thread is not threading.current_thread():
            state.thread.join(2)
        return 0

    def _destroy(self, stream: int) -> int:
        self._stop(stream)
        self._streams.pop(stream, None)
        return 0

    def _clock(self, state: _StreamState) -> None:
        desc = (ctypes.c_long * 256)()
        handle = ctypes.c_void_p()
        _LIB.pj_thread_register(b"filecard", desc, ctypes.byref(handle))
        size = FRAME_SAMPLES * 2
        buf = (ctypes.c_char * size)()
        period = FRAME_SAMPLES / CLOCK_RATE
        tick, stamp = time.monotonic(), 0
        while state.running:
            tick += period
            time.sleep(max(0.0, tick - time.monotonic()))
            alive = [c for c in (state.capture, state.playback) if c is not None]
            gone = next((c for c in alive if not c.plugged), None)
            if gone is not None:  # pulled out: report the error like a real driver, and stop ticking
                _publish_device_error(state, _CAPTURE if gone is state.capture else _PLAYBACK)
                return
            if state.rec_cb is not None:
                ctypes.memset(buf, 0, size)
                state.rec_cb(state.user_data, ctypes.byref(_Frame(1, ctypes.addressof(buf), size, stamp, 0)))
            if state.play_cb is not None and state.playback is not None:
                frame = _Frame(1, ctypes.addressof(buf), size, stamp, 0)
                state.play_cb(state.user_data, ctypes.byref(frame))
                with self._lock:
                    state.playback.played += bytes(buf) if frame.type == 1 else bytes(size)
            stamp += FRAME_SAMPLES


def _publish_device_error(state: _StreamState, direction: int) -> None:
    """PJMEDIA_EVENT_AUD_DEV_ERROR from the stream, as pjmedia's drivers publish it."""
    event = (ctypes.c_char * _EVENT_BYTES)()
    _LIB.pjmedia_event_init(event, _AUD_DEV_ERROR, None, state.address)
    device = state.param.rec_id if direction == _CAPTURE else state.param.play_id
    error = (ctypes.c_int * 3).from_buffer(event, _EVENT_DATA_OFFSET)  # data.aud_dev_err: dir, id, status
    error[0], error[1], error[2] = direction, device, _EAUD_SYSERR
    _LIB.pjmedia_event_publish(None, state.address, event, _PUBLISH_POST_EVENT)


# ---- the driver itself, through a real engine -------------------------------------------------------

def level(samples: np.ndarray, hz: float) -> float:
    """Amplitude of the `hz` component (16-bit units): a clear tone reads in the thousands."""
    assert len(samples) > CLOCK_RATE // 4, f"only {len(samples)} samples were played"
    window = np.hanning(len(samples))
    spectrum = np.abs(np.fft.rfft(samples * window)) * 2 / window.sum()
    freqs = np.fft.rfftfreq(len(samples), 1 / CLOCK_RATE)
    return float(spectrum[(freqs > hz - 15) & (freqs < hz + 15)].max())


def carded_engine(cards: FileSoundCards, log: EventLog, capture_wav: str = "") -> SoftphoneEngine:
    eng = SoftphoneEngine(EngineSettings(null_audio=False, capture_wav=capture_wav), log)
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
