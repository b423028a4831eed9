"""Sound-device failures of every pjmedia sound port, the ringer's included (collected for the engine thread).

pjsua hands `Endpoint.onMediaEvent` the events of its own sound port only (the call's microphone and
speaker). The ringer's pjsua2 ExtraAudioDevice has a sound port of its own, and nobody listens to it: a
ringer pulled out while it rings would go unnoticed until the next rescan. pjmedia's event manager
also delivers every event to a subscriber whose publisher is NULL, so one such subscriber (ctypes, on
the event manager's thread) keeps each PJMEDIA_EVENT_AUD_DEV_ERROR's (direction, device id, status);
the engine thread takes them after each libHandleEvents slice (EngineDevices.watch).
"""

from __future__ import annotations

import ctypes
import logging
import threading

import pjsua2 as pj

log = logging.getLogger(__name__)

_CALLBACK = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)
_DATA_OFFSET = 32  # pjmedia_event: type (+pad), timestamp, src, epub, then the data union (64-bit layout)


def _load() -> ctypes.CDLL | None:
    """pjmedia's event functions from the pjsua2 extension, where it exports them (the Linux wheel does;
    a build that hides them, or a 32-bit one with another layout, just goes without this watch)."""
    if ctypes.sizeof(ctypes.c_void_p) != 8:
        return None
    try:
        lib = ctypes.CDLL(pj._pjsua2.__file__)
        for fn in (lib.pjmedia_event_subscribe, lib.pjmedia_event_unsubscribe):
            fn.argtypes = [ctypes.c_void_p, _CALLBACK, ctypes.c_void_p, ctypes.c_void_p]
            fn.restype = ctypes.c_int
    except (OSError, AttributeError):
        return None
    return lib


_LIB = _load()
_AUD_DEV_ERROR = int(pj.PJMEDIA_EVENT_AUD_DEV_ERROR)
CAPTURE, PLAYBACK = 1, 2  # pjmedia_dir bits
_KEEP: list[object] = []  # pjmedia may call a callback until libDestroy: it outlives its collector


class DeviceErrors:
    """Subscribed after libStart (`subscribe`), dropped before libDestroy (`unsubscribe`)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._errors: list[tuple[int, int, int]] = []
        self._callback = _CALLBACK(self._on_event)
        _KEEP.append(self._callback)
        self.subscribed = False
        self.tried = False  # subscribed once per engine: a refusal is not asked again every loop

    def subscribe(self) -> None:
        self.tried = True
        if _LIB is None:
            log.warning("sound-device failures of the ringer cannot be watched in this pjsua2 build")
            return
        status = _LIB.pjmedia_event_subscribe(None, self._callback, None, None)
        self.subscribed = status == 0
        if not self.subscribed:
            log.warning("sound-device failures of the ringer cannot be watched (pjmedia status %s)", status)

    def unsubscribe(self) -> None:
        if self.subscribed and _LIB is not None:
            _LIB.pjmedia_event_unsubscribe(None, self._callback, None, None)
            self.subscribed = False

    def take(self) -> list[tuple[int, int, int]]:
        """The (direction, device id, status) of each failure since the last take."""
        with self._lock:
            taken, self._errors = self._errors, []
        return taken

    def _on_event(self, event: int | None, _user_data: int | None) -> int:
        try:
            if event and ctypes.c_int.from_address(event).value == _AUD_DEV_ERROR:
                data = (ctypes.c_int * 3).from_address(event + _DATA_OFFSET)  # dir, id, status
                with self._lock:
                    self._errors.append((data[0], data[1], data[2]))
        except Exception:  # never into pjmedia's thread
            log.exception("sound-device event")
        return 0
