"""The engine thread's sound devices: hot-plug without glitches, device choice by name, and the ringer.

Runs on the engine thread only (SoftphoneEngine submits to it); see DeviceWatch for how roles follow
devices by name and Ringer for the separate ringer device.

While a call or the ringtone has a device open, nothing here touches it unless it must: asking for the
list (the "Audio devices" dialog) answers with the list as last scanned, choosing what is already in
use does nothing, and a real change moves microphone and speaker in one reopen. A ringer that fails
while ringing (device_errors.py) hands the ringtone to the speaker without a rescan, so a call on
another device is not reopened for it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import pjsua2 as pj

from app.telephony import devices
from app.telephony import events as ev
from app.telephony.audio_router import AudioRouter
from app.telephony.call_book import CallBook
from app.telephony.device_errors import DeviceErrors
from app.telephony.device_watch import DeviceWatch

log = logging.getLogger(__name__)


class EngineDevices:
    def __init__(self, endpoint: Callable[[], pj.Endpoint | None], book: CallBook, watch: DeviceWatch,
                 publish: Callable[[ev.EngineEvent], None]) -> None:
        self._endpoint = endpoint  # the engine's EngineEndpoint (collects AUD_DEV_ERROR events)
        self._book = book
        self._device_watch = watch
        self._publish = publish
        self._all_errors = DeviceErrors()  # every sound port's failures (the ringer's too)

    def _adm(self) -> pj.AudDevManager:
        ep = self._endpoint()
        assert ep is not None
        return ep.audDevManager()

    def _router(self) -> AudioRouter:
        assert self._book.router is not None
        return self._book.router

    def refresh(self) -> tuple[ev.AudioDevice, ...]:
        """The list for the agent (DevicesDidChange). Rescanned only while no sound is open: a bare
        refresh keeps an open stream playing, but a list that shrank below its index aborts pjsua when
        it closes it (test_device_refresh_mid_call), so a rescan then means close, refresh, reopen (an
        audible gap)."""
        if self._sound_in_use():
            found = self._device_watch.known
            if found is None:
                found = devices.list_devices(self._adm())
            self._publish(ev.DevicesDidChange(found))
            return found
        return self._rescan(always_publish=True)

    def close(self) -> None:
        """Before libDestroy."""
        self._all_errors.unsubscribe()

    def watch(self) -> None:
        """Hot-plug without glitches. While no sound stream is open (idle: pjsua closes the device
        ~1 s after the last call), the list is refreshed every few seconds. While a call or the
        ringtone has the device open it is never touched (a refresh then would need a close and
        reopen, an audible gap: see `refresh`); instead the open device failing
        (PJMEDIA_EVENT_AUD_DEV_ERROR, a pulled headset) triggers the close, refresh, fallback and
        reopen. The ringer's own device failing only moves the ringtone to the speaker (the list
        waits for the next rescan)."""
        if self._book.router is None:
            return
        if not self._all_errors.tried:
            self._all_errors.subscribe()
        errors = self._device_errors()
        if errors:
            log.info("sound device failed (dir, id, status): %s", errors)
            self._all_errors.take()  # the same failures, seen by the other subscriber
            self._rescan(always_publish=False)
            return
        ringer = self._router().ringer
        if any(ringer.is_its_failure(direction, device) for direction, device, _ in self._all_errors.take()):
            log.info("the ringer device %r failed while ringing", ringer.device_name)
            self._device_watch.drop(ringer.device_name)  # the menu says "(not connected)"
            ringer.fail()
            self._publish_ringer(self._router().resume_ringer())  # detached, closed, on the speaker
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
        idle = not self._book.calls()
        found, _changed, moved = self._device_watch.rescan(self._adm(), always_publish, idle)
        router.ringer.forget_failure()
        if moved:
            self._rewire_calls()
        self._publish_ringer(router.resume_ringer())
        return found

    def choose(self, capture: str | None, playback: str | None, ringer: str | None) -> None:
        """The agent's choice (None = unchanged): only an actual change touches an open device."""
        asked = (("capture", capture), ("playback", playback))
        names = {role: name for role, name in asked if name is not None}
        moved = False
        if names:
            notices, moved = self._device_watch.choose(self._adm(), names, bool(self._adm().sndIsActive()))
            for notice in notices:
                self._publish(notice)
        router = self._router()
        new_ringer = ringer is not None and ringer != router.ringer.name
        if ringer is not None:
            self._publish_ringer(router.ringer.choose(ringer))
        if moved:
            self._rewire_calls()
        if moved or new_ringer:
            self._publish_ringer(router.resume_ringer())

    def _rewire_calls(self) -> None:
        """The bridge's ports changed under the calls: wire them again."""
        for call in self._book.calls():
            self._router().connect(call, self._book.calls_by_id())

    def play_ringtone(self) -> None:
        self._publish_ringer(self._router().play_ringtone())

    def _publish_ringer(self, notice: ev.AudioDeviceDidFallBack | None) -> None:
        if notice is not None:
            self._publish(notice)
