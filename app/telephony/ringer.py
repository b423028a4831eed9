"""The ringer device (engine thread): where the ringtone plays.

The conference bridge is bound to one capture and one playback device, but pjsua2's
`ExtraAudioDevice(playdev, recdev)` adds a second sound port to the same bridge. While a call rings
and the chosen ringer is another device than the playback one, the ringtone is sent to such an extra
device opened on the ringer; otherwise (same device, no such device, or it cannot be opened) it plays
on the playback device as before. The extra device is opened only while ringing.

An extra device is always opened for capture and playback (pjsua2 asks for both), so it needs a
capture device of the same driver: the ringer's own microphone when it has one, else the default.

pjsua does not listen to an extra device's failures; device_errors.py does, and a ringer that fails
while it rings (pulled out) is `fail`ed: the ringtone goes to the speaker at once, and the ringer is not
opened again until the next rescan of the device list (`forget_failure`) says whether it is back.
"""

from __future__ import annotations

import contextlib
import logging

import pjsua2 as pj

from app.telephony import devices
from app.telephony import events as ev

log = logging.getLogger(__name__)
PLAYBACK_DEVICE = "the playback device"  # `used` of a ringer fallback notice
CAPTURE_DIR, PLAYBACK_DIR = 1, 2  # pjmedia_dir bits


class Ringer:
    def __init__(self, ep: pj.Endpoint) -> None:
        self._ep = ep
        self.name = ""  # the agent's choice; "" = the playback device
        self._extra: pj.ExtraAudioDevice | None = None
        self._extra_name = ""
        self._extra_ids: tuple[int, int | None] | None = None  # (playback id, its own mic's id or None)
        self.failed = ""  # a ringer that failed while open: not opened again before the next rescan

    def choose(self, name: str) -> ev.AudioDeviceDidFallBack | None:
        """Remembers the ringer by name; the notice says when it is not there (rings on the speaker)."""
        self.name = name
        if name and devices.find(devices.list_devices(self._ep.audDevManager()), name, "playback") is None:
            return ev.AudioDeviceDidFallBack("ringer", name, PLAYBACK_DEVICE)
        return None

    @property
    def device_name(self) -> str:
        """The device the ringtone is playing on right now ("" = the playback device)."""
        return self._extra_name

    def open(self, speaker: pj.AudioMedia) -> tuple[pj.AudioMedia, ev.AudioDeviceDidFallBack | None]:
        """The port to send the ringtone to, opening the ringer device when it is a separate one."""
        self.close()
        adm = self._ep.audDevManager()
        found = devices.list_devices(adm)
        ringer = devices.find(found, self.name, "playback") if self.name else None
        if ringer is not None and ringer.name == self.failed:
            ringer = None
        if ringer is None:
            notice = ev.AudioDeviceDidFallBack("ringer", self.name, PLAYBACK_DEVICE) if self.name else None
            return speaker, notice
        if ringer.id == _playback_id(adm, found):
            return speaker, None
        capture = ringer.id if ringer.input_channels > 0 else _capture_id(adm, found)
        if capture is None:
            return speaker, ev.AudioDeviceDidFallBack("ringer", self.name, PLAYBACK_DEVICE)
        extra = pj.ExtraAudioDevice(ringer.id, capture)
        try:
            extra.open()
        except BaseException as exc:  # pj.Error: busy, unplugged since the last refresh…
            log.info("ringer device %r cannot be opened: %s", ringer.name, _describe(exc))
            return speaker, ev.AudioDeviceDidFallBack("ringer", self.name, PLAYBACK_DEVICE)
        self._extra, self._extra_name = extra, ringer.name
        self._extra_ids = (ringer.id, ringer.id if ringer.input_channels > 0 else None)
        return extra, None

    def is_its_failure(self, direction: int, device: int) -> bool:
        """Whether a device failure (PJMEDIA_EVENT_AUD_DEV_ERROR's dir and id) is the open ringer's own.
        A microphone it borrowed from the bridge is the bridge's (pjsua reports that one itself)."""
        if self._extra_ids is None:
            return False
        playback, capture = self._extra_ids
        return bool((direction & PLAYBACK_DIR and device == playback)
                    or (direction & CAPTURE_DIR and capture is not None and device == capture))

    def fail(self) -> None:
        """The open ringer failed (pulled out): skipped from now until the next rescan. (The caller
        detaches the ringtone and closes it: AudioRouter.resume_ringer.)"""
        self.failed = self._extra_name

    def forget_failure(self) -> None:
        """The device list was rescanned: a ringer listed again is used again."""
        self.failed = ""

    def close(self) -> None:
        extra, self._extra, self._extra_name, self._extra_ids = self._extra, None, "", None
        if extra is not None:
            with contextlib.suppress(BaseException):
                extra.close()


def _playback_id(adm: pj.AudDevManager, found: tuple[ev.AudioDevice, ...]) -> int | None:
    """The device id the bridge plays on (the default resolved to the first output), None if none."""
    current = int(adm.getPlaybackDev())
    if current >= 0:
        return current
    if current == devices.DEFAULT_PLAYBACK:
        return next((d.id for d in found if d.output_channels > 0), None)
    return None  # the null device


def _capture_id(adm: pj.AudDevManager, found: tuple[ev.AudioDevice, ...]) -> int | None:
    current = int(adm.getCaptureDev())
    if current >= 0:
        return current
    return next((d.id for d in found if d.input_channels > 0), None)


def _describe(exc: BaseException) -> str:
    info = getattr(exc, "info", None)
    return str(info()) if callable(info) else str(exc)
