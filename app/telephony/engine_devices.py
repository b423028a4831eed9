"""The engine thread's sound devices: hot-plug without glitches, device choice by name, and the ringer.

Runs on the engine thread only (SoftphoneEngine submits to it); see DeviceWatch for how roles follow
devices by name and Ringer for the separate ringer device.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import pjsua2 as pj

from app.telephony import events as ev
from app.telephony.audio_router import AudioRouter
from app.telephony.call_book import CallBook
from app.telephony.device_watch import DeviceWatch

log = logging.getLogger(__name__)


class EngineDevices:
    def __init__(self, endpoint: Callable[[], pj.Endpoint | None], book: CallBook, watch: DeviceWatch,
                 publish: Callable[[ev.EngineEvent], None]) -> None:
        self._endpoint = endpoint  # the engine's EngineEndpoint (collects AUD_DEV_ERROR events)
        self._book = book
        self._device_watch = watch
        self._publish = publish

    def _adm(self) -> pj.AudDevManager:
        ep = self._endpoint()
        assert ep is not None
        return ep.audDevManager()

    def _router(self) -> AudioRouter:
        assert self._book.router is not None
        return self._book.router

    def refresh(self) -> tuple[ev.AudioDevice, ...]:
        return self._rescan(always_publish=True)

    def watch(self) -> None:
        """Hot-plug without glitches. While no sound stream is open (idle: pjsua closes the device
        ~1 s after the last call), the list is refreshed every few seconds. While a call or the
        ringtone has the device open it is never touched (a refresh then would need a close and
        reopen: an audible gap); instead the open device failing (PJMEDIA_EVENT_AUD_DEV_ERROR, a
        pulled headset) triggers the close, refresh, fallback and reopen."""
        if self._book.router is None:
            return
        errors = self._device_errors()
        if errors:
            log.info("sound device failed (dir, id, status): %s", errors)
            self._rescan(always_publish=False)
            return
        if self._device_watch.due() and not self._sound_in_use():
            self._rescan(always_publish=False)

    def _device_errors(self) -> list[tuple[int, int, int]]:
        errors = getattr(self._endpoint(), "audio_device_errors", None)
        if not errors:
            return []
        taken = list(errors)
        errors.clear()
        return taken

    def _sound_in_use(self) -> bool:
        """A call or the ringtone has a sound device open: no polling now."""
        return bool(self._adm().sndIsActive()) or self._router().ringtone is not None

    def _rescan(self, always_publish: bool) -> tuple[ev.AudioDevice, ...]:
        router = self._router()
        router.park_ringer()  # its device, like the bridge's, is closed before the list can shrink
        found, _changed, moved = self._device_watch.rescan(self._adm(), always_publish)
        if moved:
            self._rewire_calls()
        self._publish_ringer(router.resume_ringer())
        return found

    def choose(self, capture: str | None, playback: str | None, ringer: str | None) -> None:
        if capture is not None and playback is not None:
            for notice in self._device_watch.choose_pair(self._adm(), capture, playback):
                self._publish(notice)
        for role, name in (("capture", capture), ("playback", playback)):
            if name is not None and (capture is None or playback is None):
                choice = self._device_watch.choose(self._adm(), role, name)
                if choice is not None:
                    self._publish(choice)
        if ringer is not None:
            self._publish_ringer(self._router().ringer.choose(ringer))
        self._rewire_calls()
        self._publish_ringer(self._router().resume_ringer())

    def _rewire_calls(self) -> None:
        """The bridge's ports changed under the calls: wire them again."""
        for call in self._book.calls():
            self._router().connect(call, self._book.calls_by_id())

    def play_ringtone(self) -> None:
        self._publish_ringer(self._router().play_ringtone())

    def _publish_ringer(self, notice: ev.AudioDeviceDidFallBack | None) -> None:
        if notice is not None:
            self._publish(notice)
