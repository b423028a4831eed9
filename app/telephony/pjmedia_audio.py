"""pjmedia audio-device drivers written in Python: pjmedia 2.15's driver structures over ctypes.

The pjsua2 wheel is built without a sound backend, but pjmedia exports
`pjmedia_aud_register_factory`, so a driver can be registered at run time: a factory (device
list, default parameters, stream creation) and streams (start, stop, destroy) whose threads call
pjmedia's `rec_cb` / `play_cb` with one frame at a time. `AudioDriver` does that plumbing once;
a subclass says which devices exist (`scan`) and how a stream moves its samples (`open`, `pumps`,
`close`). Both the ALSA driver (alsa_cards.py) and the tests' file sound cards build on it.

Rules pjmedia imposes: every thread that calls into pjlib is registered (`register_thread`), the
callbacks must outlive every engine using them (one driver per process, kept in `_KEEP`), and no
Python exception may cross a ctypes callback (each op returns a pj status instead). A stream whose
device vanished publishes PJMEDIA_EVENT_AUD_DEV_ERROR (`publish_device_error`) as pjmedia's own
drivers do; pjsua republishes it to `on_media_event` and the engine moves the call elsewhere.
"""

from __future__ import annotations

import ctypes
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pjsua2 as pj

log = logging.getLogger(__name__)

LIB = ctypes.CDLL(pj._pjsua2.__file__)
EINVAL, EAUD_INVCAP = 70004, 420004  # PJ_EINVAL, PJMEDIA_EAUD_INVCAP
EAUD_SYSERR = 420002                  # PJMEDIA_EAUD_SYSERR: what a driver reports for a vanished device
CAPTURE, PLAYBACK = 1, 2              # pjmedia_dir
INVALID_DEV = -3                      # PJMEDIA_AUD_INVALID_DEV
FRAME_AUDIO = 1                       # PJMEDIA_FRAME_TYPE_AUDIO
FRAME_MS = 20


class Frame(ctypes.Structure):
    _fields_ = [("type", ctypes.c_int), ("buf", ctypes.c_void_p), ("size", ctypes.c_size_t),
                ("timestamp", ctypes.c_uint64), ("bit_info", ctypes.c_uint32)]


class DevInfo(ctypes.Structure):  # pjmedia_aud_dev_info (2.15 starts with the device id)
    _fields_ = [("id", ctypes.c_int), ("name", ctypes.c_char * 64), ("input_count", ctypes.c_uint),
                ("output_count", ctypes.c_uint), ("default_samples_per_sec", ctypes.c_uint),
                ("driver", ctypes.c_char * 32), ("caps", ctypes.c_uint), ("routes", ctypes.c_uint),
                ("ext_fmt_cnt", ctypes.c_uint)]


class Param(ctypes.Structure):  # the mandatory head of pjmedia_aud_param
    _fields_ = [("dir", ctypes.c_int), ("rec_id", ctypes.c_int), ("play_id", ctypes.c_int),
                ("clock_rate", ctypes.c_uint), ("channel_count", ctypes.c_uint),
                ("samples_per_frame", ctypes.c_uint), ("bits_per_sample", ctypes.c_uint),
                ("flags", ctypes.c_uint)]


_STATUS = ctypes.c_int
FRAME_CB = ctypes.CFUNCTYPE(_STATUS, ctypes.c_void_p, ctypes.POINTER(Frame))
_F1 = ctypes.CFUNCTYPE(_STATUS, ctypes.c_void_p)
_COUNT = ctypes.CFUNCTYPE(ctypes.c_uint, ctypes.c_void_p)
_INFO = ctypes.CFUNCTYPE(_STATUS, ctypes.c_void_p, ctypes.c_uint, ctypes.POINTER(DevInfo))
_DEFPARAM = ctypes.CFUNCTYPE(_STATUS, ctypes.c_void_p, ctypes.c_uint, ctypes.POINTER(Param))
_CREATE = ctypes.CFUNCTYPE(_STATUS, ctypes.c_void_p, ctypes.POINTER(Param), ctypes.c_void_p,
                           ctypes.c_void_p, ctypes.c_void_p, ctypes.POINTER(ctypes.c_void_p))
_GETPARAM = ctypes.CFUNCTYPE(_STATUS, ctypes.c_void_p, ctypes.POINTER(Param))
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


LIB.pjmedia_aud_register_factory.argtypes = [_FACTORY_CREATE]
LIB.pj_thread_register.argtypes = [ctypes.c_char_p, ctypes.c_void_p, ctypes.POINTER(ctypes.c_void_p)]
LIB.pjmedia_event_init.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_void_p, ctypes.c_void_p]
LIB.pjmedia_event_init.restype = None
LIB.pjmedia_event_publish.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int]
_AUD_DEV_ERROR = pj.PJMEDIA_EVENT_AUD_DEV_ERROR
_PUBLISH_POST_EVENT = 1     # PJMEDIA_EVENT_PUBLISH_POST_EVENT: delivered by the event manager's thread
_EVENT_DATA_OFFSET = 32     # pjmedia_event: type, timestamp, src, epub, then the data union (x86_64)
_EVENT_BYTES = 1024         # more than sizeof(pjmedia_event); pjmedia_event_init zeroes its own size
_THREAD_DESC_LONGS = 256    # pj_thread_desc is 64 longs; room to spare

_KEEP: list[AudioDriver] = []  # pjmedia holds the callbacks: they must outlive any engine using them


@dataclass
class Device:
    """One entry of a driver's device list (pjmedia numbers them in list order)."""

    name: str
    inputs: int
    outputs: int


@dataclass
class Stream:
    """One open pjmedia audio stream: what pjmedia asked for and how to call it back."""

    param: Param
    capture: Device | None
    playback: Device | None
    rec_cb: Callable[..., int] | None
    play_cb: Callable[..., int] | None
    user_data: int
    address: int = 0  # the pjmedia_aud_stream pjmedia holds: the publisher of its events
    running: bool = False
    threads: list[threading.Thread] = field(default_factory=list)
    handles: dict[int, Any] = field(default_factory=dict)  # the driver's own, by direction

    @property
    def channels(self) -> int:
        return int(self.param.channel_count) or 1

    @property
    def frame_samples(self) -> int:
        """Samples per channel in one frame (a timestamp step)."""
        return int(self.param.samples_per_frame) // self.channels

    @property
    def frame_bytes(self) -> int:
        return int(self.param.samples_per_frame) * 2


def register_thread(name: bytes) -> ctypes.Array[ctypes.c_long]:
    """pj_thread_register for the calling (Python) thread; keep the returned descriptor alive as
    long as the thread runs, pjlib keeps a pointer into it."""
    desc = (ctypes.c_long * _THREAD_DESC_LONGS)()
    handle = ctypes.c_void_p()
    LIB.pj_thread_register(name, desc, ctypes.byref(handle))
    return desc


def publish_device_error(stream: Stream, direction: int, status: int = EAUD_SYSERR) -> None:
    """PJMEDIA_EVENT_AUD_DEV_ERROR from the stream, as pjmedia's drivers publish it."""
    event = (ctypes.c_char * _EVENT_BYTES)()
    LIB.pjmedia_event_init(event, _AUD_DEV_ERROR, None, stream.address)
    device = stream.param.rec_id if direction == CAPTURE else stream.param.play_id
    error = (ctypes.c_int * 3).from_buffer(event, _EVENT_DATA_OFFSET)  # data.aud_dev_err: dir, id, status
    error[0], error[1], error[2] = direction, device, status
    LIB.pjmedia_event_publish(None, stream.address, event, _PUBLISH_POST_EVENT)


def _guarded(fallback: int) -> Callable[[Callable[..., int]], Callable[..., int]]:
    """A ctypes callback that returns `fallback` (a pj status) instead of raising into C."""
    def wrap(fn: Callable[..., int]) -> Callable[..., int]:
        def call(*args: Any) -> int:
            try:
                return fn(*args)
            except Exception:
                log.exception("audio driver callback %s failed", fn.__name__)
                return fallback
        return call
    return wrap


class AudioDriver:
    """A pjmedia audio-device factory. Subclasses list devices (`scan`) and move samples: `open`
    prepares a stream (a pj status back), `pumps` gives one function per thread to run while the
    stream is started, `close` releases what `open` took. One instance per process."""

    DRIVER = b"Python"
    CLOCK_RATE = 16000  # pjsua's own (pj_endpoint.py): no resampling between the bridge and the card

    def __init__(self) -> None:
        self.visible: list[Device] = []
        self.streams: dict[int, tuple[_Stream, Stream]] = {}
        guard = _guarded(EAUD_SYSERR)
        self._stream_op = _StreamOp(_GETPARAM(guard(self._get_param)), _CAP(lambda _s, _c, _v: EAUD_INVCAP),
                                    _CAP(lambda _s, _c, _v: EAUD_INVCAP), _F1(guard(self._start)),
                                    _F1(guard(self._stop)), _F1(guard(self._destroy)))
        self._op = _FactoryOp(_F1(guard(self._refresh)), _F1(lambda _f: 0),
                              _COUNT(_guarded(0)(lambda _f: len(self.visible))), _INFO(guard(self._info)),
                              _DEFPARAM(guard(self._default_param)), _CREATE(guard(self._create)),
                              _F1(guard(self._refresh)))
        self._factory = _Factory(0, ctypes.pointer(self._op))
        self._create_factory = _FACTORY_CREATE(lambda _pool_factory: ctypes.addressof(self._factory))

    # ---- for subclasses -----------------------------------------------------------------------
    def scan(self) -> list[Device]:
        """The devices there are now (at pjmedia's init and every refresh)."""
        raise NotImplementedError

    def open(self, stream: Stream) -> int:  # noqa: ARG002 - for subclasses
        """Prepares `stream` on its devices; a pj status (not 0: pjmedia gets no stream)."""
        return 0

    def pumps(self, stream: Stream) -> list[tuple[bytes, Callable[[], None]]]:
        """(thread name, loop) pairs, each run on its own pj-registered thread while started;
        a loop returns once `stream.running` is false or its device failed."""
        raise NotImplementedError

    def close(self, stream: Stream) -> None:
        """Releases what `open` took, after every pump has returned."""

    # ---- registration -------------------------------------------------------------------------
    def install(self) -> int:
        """On the pjsua2 thread, after libStart; a pj status. libDestroy drops the driver again."""
        if self not in _KEEP:
            _KEEP.append(self)
        return int(LIB.pjmedia_aud_register_factory(self._create_factory))

    # ---- factory ops --------------------------------------------------------------------------
    def _refresh(self, _factory: int) -> int:
        self.visible = self.scan()
        return 0

    def _info(self, _factory: int, index: int, info: ctypes._Pointer[DevInfo]) -> int:
        if index >= len(self.visible):
            return EINVAL
        device = self.visible[index]
        info.contents.name = device.name.encode()[:63]
        info.contents.input_count, info.contents.output_count = device.inputs, device.outputs
        info.contents.default_samples_per_sec = self.CLOCK_RATE
        info.contents.driver = self.DRIVER
        info.contents.caps = info.contents.routes = info.contents.ext_fmt_cnt = 0
        return 0

    def _default_param(self, _factory: int, index: int, param: ctypes._Pointer[Param]) -> int:
        if index >= len(self.visible):
            return EINVAL
        device = self.visible[index]
        p = param.contents
        p.dir = (CAPTURE if device.inputs else 0) | (PLAYBACK if device.outputs else 0)
        p.rec_id = index if device.inputs else INVALID_DEV
        p.play_id = index if device.outputs else INVALID_DEV
        p.clock_rate, p.channel_count = self.CLOCK_RATE, 1
        p.samples_per_frame = self.CLOCK_RATE * FRAME_MS // 1000
        p.bits_per_sample = 16
        p.flags = 0
        return 0

    def _create(self, _factory: int, param: ctypes._Pointer[Param], rec_cb: int | None,
                play_cb: int | None, user_data: int | None, out: ctypes._Pointer[ctypes.c_void_p]) -> int:
        p = param.contents
        capture = self.visible[p.rec_id] if p.dir & CAPTURE else None
        playback = self.visible[p.play_id] if p.dir & PLAYBACK else None
        pj_stream = _Stream(0, ctypes.pointer(self._stream_op))
        stream = Stream(Param.from_buffer_copy(p), capture, playback, FRAME_CB(rec_cb) if rec_cb else None,
                        FRAME_CB(play_cb) if play_cb else None, user_data or 0,
                        address=ctypes.addressof(pj_stream))
        status = self.open(stream)
        if status != 0:
            return status
        self.streams[stream.address] = (pj_stream, stream)
        out[0] = stream.address
        return 0

    # ---- stream ops ---------------------------------------------------------------------------
    def _get_param(self, address: int, param: ctypes._Pointer[Param]) -> int:
        ctypes.memmove(param, ctypes.byref(self.streams[address][1].param), ctypes.sizeof(Param))
        return 0

    def _start(self, address: int) -> int:
        stream = self.streams[address][1]
        stream.running = True
        stream.threads = [threading.Thread(target=self._pump, args=(name, loop), daemon=True,
                                           name=name.decode()) for name, loop in self.pumps(stream)]
        for thread in stream.threads:
            thread.start()
        return 0

    @staticmethod
    def _pump(name: bytes, loop: Callable[[], None]) -> None:
        desc = register_thread(name)
        try:
            loop()
        except Exception:
            log.exception("audio stream thread %s failed", name.decode())
        del desc

    def _stop(self, address: int) -> int:
        stream = self.streams[address][1]
        stream.running = False
        for thread in stream.threads:
            if thread is not threading.current_thread():
                thread.join(2)
        return 0

    def _destroy(self, address: int) -> int:
        self._stop(address)
        stream = self.streams.pop(address)[1]
        if not any(thread.is_alive() for thread in stream.threads):
            self.close(stream)  # a pump still stuck in the device keeps its handle: a leak, not a crash
        return 0
