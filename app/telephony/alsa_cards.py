"""The Linux sound driver: a pjmedia audio device over libasound (ALSA), loaded with ctypes.

The pjsua2 wheel has no sound backend of its own, so on Linux the engine registers this driver
(`install_if_needed`) when pjmedia lists no device. Devices come from ALSA's name hints, as
pjproject's alsa_dev.c finds them, less the plugin aliases nobody picks for a headset (surround*,
iec958, front, dmix, dsnoop, hw…): on a desktop `default` and `pulse`/`pipewire` go through the
sound server, `sysdefault:CARD=…` reaches each card. A device is listed under its description's
first line, made unique, ≤ 63 bytes (the app remembers devices by name).

A stream is one blocking PCM per direction (S16_LE, interleaved, ALSA resampling, ~60 ms latency)
and one thread each: the device's own pace is the clock. A device that vanishes mid-stream (the
PCM fails and cannot be recovered) publishes PJMEDIA_EVENT_AUD_DEV_ERROR; the engine then moves the
call to another device (device_errors.py). Without libasound the driver is simply not installed.
"""

from __future__ import annotations

import ctypes
import errno
import logging
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass

import pjsua2 as pj

from app.telephony.pjmedia_audio import (
    CAPTURE,
    EAUD_SYSERR,
    FRAME_AUDIO,
    PLAYBACK,
    AudioDriver,
    Device,
    Frame,
    Stream,
    publish_device_error,
)
from app.telephony.settings import EngineSettings

log = logging.getLogger(__name__)

_PCM_PLAYBACK, _PCM_CAPTURE = 0, 1        # snd_pcm_stream_t
_NONBLOCK = 1                              # SND_PCM_NONBLOCK
_S16_LE, _RW_INTERLEAVED = 2, 3            # SND_PCM_FORMAT_S16_LE, SND_PCM_ACCESS_RW_INTERLEAVED
LATENCY_US = 60_000
_NAME_BYTES = 63
# ALSA plugin aliases that are no device to pick (pjproject's alsa_dev.c skips only `null`; a
# desktop then lists dozens). `jack` would also try to reach or start a JACK server.
_SKIPPED = frozenset({
    "null", "jack", "oss", "lavrate", "samplerate", "speexrate", "speex", "upmix", "vdownmix",
    "usbstream", "a52", "hw", "plughw", "front", "rear", "center_lfe", "side", "iec958", "spdif",
    "hdmi", "dmix", "dsnoop", "modem", "phoneline", "arcam_av", "pipewire_dsnoop"})

_ERROR_HANDLER = ctypes.CFUNCTYPE(None, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_int,
                                  ctypes.c_char_p)
_QUIET = _ERROR_HANDLER(lambda *_args: None)  # ALSA prints its errors to stderr otherwise


def _load() -> ctypes.CDLL | None:
    try:
        lib = ctypes.CDLL("libasound.so.2")
    except OSError:
        return None
    vp, pp = ctypes.c_void_p, ctypes.POINTER(ctypes.c_void_p)
    lib.snd_device_name_hint.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.POINTER(pp)]
    lib.snd_device_name_get_hint.argtypes = [vp, ctypes.c_char_p]
    lib.snd_device_name_get_hint.restype = vp
    lib.snd_device_name_free_hint.argtypes = [pp]
    lib.snd_pcm_open.argtypes = [pp, ctypes.c_char_p, ctypes.c_int, ctypes.c_int]
    lib.snd_pcm_close.argtypes = [vp]
    lib.snd_pcm_set_params.argtypes = [vp, ctypes.c_int, ctypes.c_int, ctypes.c_uint, ctypes.c_uint,
                                       ctypes.c_int, ctypes.c_uint]
    for name in ("snd_pcm_writei", "snd_pcm_readi"):
        getattr(lib, name).argtypes = [vp, vp, ctypes.c_ulong]
        getattr(lib, name).restype = ctypes.c_long
    lib.snd_pcm_recover.argtypes = [vp, ctypes.c_int, ctypes.c_int]
    lib.snd_lib_error_set_handler.argtypes = [_ERROR_HANDLER]
    lib.snd_lib_error_set_handler(_QUIET)
    return lib


ASOUND = _load()
_LIBC = ctypes.CDLL(None)
_LIBC.free.argtypes = [ctypes.c_void_p]


@dataclass
class AlsaDevice(Device):
    pcm: str = ""  # the ALSA PCM name, e.g. "default" or "sysdefault:CARD=Headset"


def listed(pcm: str) -> bool:
    """Whether an ALSA PCM name is a device a person would choose."""
    base = pcm.split(":", 1)[0]
    return base not in _SKIPPED and not base.startswith("surround")


def display_names(hints: list[tuple[str, str]]) -> list[str]:
    """Readable, unique names ≤ 63 bytes for (pcm, description) pairs, in order: the description's
    first line, with the PCM name added where two would read the same."""
    def cut(text: str) -> str:
        return text.encode()[:_NAME_BYTES].decode(errors="ignore")

    first = [cut((desc.splitlines() or [""])[0].strip() or pcm) for pcm, desc in hints]
    names = [cut(f"{name} ({pcm})") if first.count(name) > 1 else name
             for name, (pcm, _desc) in zip(first, hints, strict=True)]
    return [name if names.count(name) == 1 else cut(pcm) for name, (pcm, _desc) in zip(names, hints,
                                                                                       strict=True)]


def _hints(lib: ctypes.CDLL) -> list[tuple[str, str, str]]:
    """(NAME, DESC, IOID) of every PCM hint."""
    array = ctypes.POINTER(ctypes.c_void_p)()
    if lib.snd_device_name_hint(-1, b"pcm", ctypes.byref(array)) != 0:
        return []

    def get(hint: int, key: bytes) -> str:
        text = lib.snd_device_name_get_hint(hint, key)
        if not text:
            return ""
        value = ctypes.string_at(text).decode(errors="replace")
        _LIBC.free(text)
        return value

    found = []
    index = 0
    while array[index]:
        hint = array[index]
        found.append((get(hint, b"NAME"), get(hint, b"DESC"), get(hint, b"IOID")))
        index += 1
    lib.snd_device_name_free_hint(array)
    return found


def _opens(lib: ctypes.CDLL, pcm: str, direction: int) -> bool:
    handle = ctypes.c_void_p()
    if lib.snd_pcm_open(ctypes.byref(handle), pcm.encode(), direction, _NONBLOCK) != 0:
        return False
    lib.snd_pcm_close(handle)
    return True


class AlsaCards(AudioDriver):
    """The ALSA driver; one per process, kept for the process (pjmedia holds its callbacks)."""

    DRIVER = b"ALSA"

    def __init__(self, lib: ctypes.CDLL) -> None:
        super().__init__()
        self._lib = lib
        self.xruns = 0  # playback underruns and capture overruns recovered, all streams

    def scan(self) -> list[Device]:
        hints = [(pcm, desc, ioid) for pcm, desc, ioid in _hints(self._lib) if pcm and listed(pcm)]
        in_use = {d.pcm: d for s in self.streams.values() for d in (s[1].capture, s[1].playback)
                  if isinstance(d, AlsaDevice)}
        devices: list[tuple[str, str, int, int]] = []
        for pcm, desc, ioid in hints:
            if pcm in in_use:  # open right now: a probe would find it busy, keep what it had
                devices.append((pcm, desc, in_use[pcm].inputs, in_use[pcm].outputs))
                continue
            inputs = 1 if ioid != "Output" and _opens(self._lib, pcm, _PCM_CAPTURE) else 0
            outputs = 2 if ioid != "Input" and _opens(self._lib, pcm, _PCM_PLAYBACK) else 0
            if inputs or outputs:
                devices.append((pcm, desc, inputs, outputs))
        names = display_names([(pcm, desc) for pcm, desc, _i, _o in devices])
        return [AlsaDevice(name, inputs, outputs, pcm)
                for name, (pcm, _desc, inputs, outputs) in zip(names, devices, strict=True)]

    # ---- streams ------------------------------------------------------------------------------
    def open(self, stream: Stream) -> int:
        for direction, device, kind in ((CAPTURE, stream.capture, _PCM_CAPTURE),
                                        (PLAYBACK, stream.playback, _PCM_PLAYBACK)):
            if not isinstance(device, AlsaDevice):
                continue
            handle = ctypes.c_void_p()
            status = self._lib.snd_pcm_open(ctypes.byref(handle), device.pcm.encode(), kind, 0)
            if status == 0:
                stream.handles[direction] = handle
                status = self._lib.snd_pcm_set_params(handle, _S16_LE, _RW_INTERLEAVED, stream.channels,
                                                      stream.param.clock_rate, 1, LATENCY_US)
            if status != 0:
                log.warning("ALSA device %s (%s) could not be opened: %d", device.pcm,
                            "capture" if direction == CAPTURE else "playback", status)
                self.close(stream)
                return EAUD_SYSERR
        return 0

    def pumps(self, stream: Stream) -> list[tuple[bytes, Callable[[], None]]]:
        loops: list[tuple[bytes, Callable[[], None]]] = []
        if CAPTURE in stream.handles and stream.rec_cb is not None:
            loops.append((b"alsa-capture", lambda: self._loop(stream, CAPTURE)))
        if PLAYBACK in stream.handles and stream.play_cb is not None:
            loops.append((b"alsa-playback", lambda: self._loop(stream, PLAYBACK)))
        return loops

    def close(self, stream: Stream) -> None:
        for direction in list(stream.handles):
            self._lib.snd_pcm_close(stream.handles.pop(direction))

    def _loop(self, stream: Stream, direction: int) -> None:
        """Frames between pjmedia and one PCM until stopped; blocking reads/writes set the pace."""
        handle = stream.handles[direction]
        buf = (ctypes.c_char * stream.frame_bytes)()
        stamp = 0
        while stream.running:
            frame = Frame(FRAME_AUDIO, ctypes.addressof(buf), stream.frame_bytes, stamp, 0)
            if direction == PLAYBACK:
                assert stream.play_cb is not None
                stream.play_cb(stream.user_data, ctypes.byref(frame))
                if frame.type != FRAME_AUDIO:
                    ctypes.memset(buf, 0, stream.frame_bytes)
            status = self._transfer(stream, handle, buf, direction)
            if status < 0:
                log.warning("ALSA %s device failed (%d): moving the call off it",
                            "capture" if direction == CAPTURE else "playback", status)
                publish_device_error(stream, direction)
                return
            if direction == CAPTURE and stream.running:
                assert stream.rec_cb is not None
                stream.rec_cb(stream.user_data, ctypes.byref(frame))
            stamp += stream.frame_samples

    def _transfer(self, stream: Stream, handle: ctypes.c_void_p, buf: ctypes.Array[ctypes.c_char],
                  direction: int) -> int:
        """One whole frame written or read (short transfers continued, xruns recovered); 0, or the
        negative ALSA error that could not be recovered (the device is gone)."""
        move = self._lib.snd_pcm_writei if direction == PLAYBACK else self._lib.snd_pcm_readi
        done, total, bytes_per_sample = 0, stream.frame_samples, 2 * stream.channels
        while done < total and stream.running:
            result = int(move(handle, ctypes.addressof(buf) + done * bytes_per_sample, total - done))
            if result >= 0:
                done += result
                continue
            if result in (-errno.ENODEV, -errno.EIO, -errno.EBADFD):
                return result
            if result in (-errno.EPIPE, -errno.ESTRPIPE):
                self.xruns += 1
            if result != -errno.EAGAIN and self._lib.snd_pcm_recover(handle, result, 1) < 0:
                return result
        return 0


_DRIVER: list[AlsaCards] = []
_INSTALL_LOCK = threading.Lock()


def install_if_needed(adm: pj.AudDevManager, settings: EngineSettings) -> bool:
    """Engine thread, after libStart: registers the ALSA driver when this is Linux, sound is
    wanted, libasound loads and pjmedia has no device of its own; then rescans. True if it did."""
    if settings.null_audio or not settings.system_sound or not sys.platform.startswith("linux"):
        return False
    if ASOUND is None or adm.getDevCount() != 0:
        return False
    with _INSTALL_LOCK:
        if not _DRIVER:
            _DRIVER.append(AlsaCards(ASOUND))
        driver = _DRIVER[0]
    status = driver.install()
    if status != 0:
        log.warning("the ALSA sound driver could not be registered: pjmedia status %d", status)
        return False
    adm.refreshDevs()
    return True


def driver() -> AlsaCards | None:
    """The process's ALSA driver once installed (figures: `xruns`)."""
    return _DRIVER[0] if _DRIVER else None
